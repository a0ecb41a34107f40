"""Plan a rename or move, and the link edits that keep every link leading where it led.

``plan_move`` takes a mapping of old → new vault paths (a note, an attachment, every file of a
folder, a Logseq page with its namespace children) and rewrites each link that leads to a moved
file the way the app itself would (Obsidian's "Automatically update internal links", Logseq's
page rename): headings, blocks, display text and the link's own form (bare name, path, relative
Markdown path, percent-encoding) are kept. Relative Markdown links written in a moved note are
rewritten from its new folder.

Then the plan is proved: the edited notes are parsed again at their new paths, the vault as it
will be is resolved, and every link must lead to what it led to before (moved along). A link
that would now lead elsewhere (a bare name that became ambiguous) is written with its full path
and the proof is made again; a link that still would not is reported and nothing is written.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from vaultkit.apps.names import decode_logseq_file_name, normalize_page_name
from vaultkit.edit.document import NotEditable
from vaultkit.edit.plan import EditPlan
from vaultkit.edit.relink import NotRewritable, with_target, written_target
from vaultkit.edit.replace import ReplaceFailed, replace_all
from vaultkit.edit.write import FileChange, resolve_inside
from vaultkit.graph.graph import Edge, LinkGraph
from vaultkit.graph.resolution import fold
from vaultkit.load.parse_files import parse_text
from vaultkit.load.read import decode_note
from vaultkit.load.vault import Vault
from vaultkit.model import Fix, Flavor, LinkKind, Note
from vaultkit.parse.properties import split_page_list

NOTE_SUFFIX = ".md"
_MARKDOWN_KINDS = frozenset({LinkKind.MARKDOWN, LinkKind.IMAGE})


@dataclass(slots=True)
class MovePlan:
    moves: dict[str, str]
    """Old vault path → new vault path of every file that moves."""
    edits: EditPlan
    """Link edits, each on the file at its current (old) path."""
    relinked: int = 0
    """Links rewritten."""
    folder: tuple[str, str] | None = None
    """(old, new) when a whole folder moves: it is renamed in one step."""
    done: bool = False
    """The files were moved already (``fix --renames``): edits go to the new paths."""
    unkept: list[str] = field(default_factory=list)
    """Links that would lead elsewhere after the move, as ``path:line:column: raw``."""

    def on_disk(self, path: str) -> str:
        """Where the file planned at (old) ``path`` is now."""
        return self.moves.get(path, path) if self.done else path


class _Namer:
    """The link text for a moved target, written in the form the old link used."""

    def __init__(self, vault: Vault, moves: dict[str, str], link_format: str) -> None:
        self.vault = vault
        self.moves = moves
        self.link_format = link_format
        future_notes = [moves.get(note.path, note.path) for note in vault.notes]
        self.stems = Counter(fold(_stem(path)) for path in future_notes)
        self.files = Counter(
            fold(posixpath.basename(moves.get(path, path))) for path in vault.attachments
        )
        self.titles: dict[str, str] = {}
        """Logseq: new file path → its new page name."""
        self.notes = {note.path: note for note in vault.notes}
        self.pages: dict[str, str] = {}
        """Logseq: normalised old page name → new name, for every renamed page."""

    def page_for(self, name: str) -> str | None:
        """Logseq: the new name of page ``name`` if it is renamed, a namespace child without
        a file of its own (``old/ghost``) included."""
        key = normalize_page_name(name)
        found = self.pages.get(key)
        if found is not None:
            return found
        parent, _, rest = name.strip().partition("/")
        while rest:
            renamed = self.pages.get(normalize_page_name(parent))
            if renamed is not None:
                return f"{renamed}/{rest}"
            head, _, rest = rest.partition("/")
            parent = f"{parent}/{head}"
        return None

    def unique(self, path: str) -> bool:
        if path.lower().endswith(NOTE_SUFFIX):
            return self.stems[fold(_stem(path))] == 1
        return self.files[fold(posixpath.basename(path))] == 1

    def full(self, path: str, source_folder: str, with_suffix: bool) -> str:
        """The target as a path: relative with ``newLinkFormat = relative``, else from the root."""
        written = path if with_suffix or not _is_note(path) else path[: -len(NOTE_SUFFIX)]
        if self.link_format == "relative":
            relative = posixpath.relpath(written, source_folder or ".")
            return relative if relative.startswith("../") else f"./{relative}"
        return written


def _is_note(path: str) -> bool:
    return path.lower().endswith(NOTE_SUFFIX)


def _stem(path: str) -> str:
    name = posixpath.basename(path)
    return name[: -len(NOTE_SUFFIX)] if _is_note(name) else name


def _folder(path: str) -> str:
    return posixpath.dirname(path)


def _obsidian_wikilink(edge: Edge, new: str, namer: _Namer, source_folder: str, full: bool) -> str:
    written = written_target(edge.link).strip()
    with_suffix = written.lower().endswith(NOTE_SUFFIX) or not _is_note(new)
    old = edge.resolution.path or ""
    if not full and "/" not in written.lstrip("/") and namer.unique(new):
        name = posixpath.basename(new)
        return name if with_suffix else _stem(new)
    if not full and written.startswith(("./", "../")):
        relative = posixpath.relpath(new, source_folder or ".")
        return relative if with_suffix else relative[: -len(NOTE_SUFFIX)]
    if not full and "/" in written and posixpath.normpath(written.lstrip("/")) in (old, _drop(old)):
        lead = "/" if written.startswith("/") else ""
        return lead + (new if with_suffix else _drop(new))
    return namer.full(new, source_folder, with_suffix)


def _drop(path: str) -> str:
    return path[: -len(NOTE_SUFFIX)] if _is_note(path) else path


def _markdown_destination(
    edge: Edge, target: str, namer: _Namer, source_folder: str, old_folder: str
) -> str:
    """The new path of a Markdown link to ``target``, written as the old one was: from the
    root with a leading ``/``, relative to the note, from the root, or by name."""
    written = edge.link.target.strip()
    old_target = edge.resolution.path or ""
    meant = (old_target, _drop(old_target))
    with_suffix = not _is_note(old_target) or written.lower().endswith(NOTE_SUFFIX)
    shown = target if with_suffix else _drop(target)
    if written.startswith("/"):
        return "/" + shown
    if posixpath.normpath(posixpath.join(old_folder, written)) in meant:
        return posixpath.relpath(shown, source_folder or ".")
    if posixpath.normpath(written) in meant:
        return shown
    if namer.unique(target):
        return posixpath.basename(shown)
    return posixpath.relpath(shown, source_folder or ".")


def _new_text(
    edge: Edge, vault: Vault, moves: dict[str, str], namer: _Namer, full: bool
) -> str | None:
    """The link rewritten for the move, or None when it needs no change."""
    link = edge.link
    source = edge.source.path
    if namer.pages and link.kind not in _MARKDOWN_KINDS:
        # Logseq renames the page, whichever file a name's references resolve to (an alias
        # of another page, a name two files share): every reference by that name follows.
        page = None if link.block_ref else namer.page_for(link.target)
        return None if page is None else with_target(link, page)
    old_target = edge.resolution.path
    if old_target is None or not edge.resolution.resolved:
        return None
    source_moved = source in moves
    target_moved = old_target in moves
    new_target = moves.get(old_target, old_target)
    new_folder = _folder(moves.get(source, source))
    if link.kind in _MARKDOWN_KINDS:
        if not (target_moved or (source_moved and _folder(source) != new_folder)):
            return None
        destination = _markdown_destination(edge, new_target, namer, new_folder, _folder(source))
        return with_target(link, destination)
    if not target_moved and not full:
        return None
    if vault.flavor is Flavor.LOGSEQ:
        return None
    return with_target(link, _obsidian_wikilink(edge, new_target, namer, new_folder, full))


def _edit_sources(
    plan: MovePlan, vault: Vault, edges: list[Edge], namer: _Namer, full: set[tuple[str, int]]
) -> dict[str, bytes]:
    """Edit each note with a link to rewrite; returns the new bytes per (old) path."""
    plan.unkept = []
    fixes: dict[str, list[Fix]] = {}
    for index, edge in enumerate(edges):
        link = edge.link
        if link.kind is LinkKind.MARKDOWN and not link.target:
            continue
        try:
            new = _new_text(edge, vault, plan.moves, namer, (edge.source.path, index) in full)
        except NotRewritable:
            plan.unkept.append(f"{edge.source.path}:{link.line}:{link.column}: {link.raw}")
            continue
        if new is not None and new != link.raw:
            fixes.setdefault(edge.source.path, []).append(
                Fix(link.line, link.column, link.raw, new)
            )
    links = {path: len(path_fixes) for path, path_fixes in fixes.items()}
    if namer.titles:
        for path, name_fixes in _page_name_fixes(plan, namer).items():
            fixes.setdefault(path, []).extend(name_fixes)
    return _apply(plan, vault, fixes, links)


def _page_name_fixes(plan: MovePlan, namer: _Namer) -> dict[str, list[Fix]]:
    """Logseq: each renamed page's own title (``title::`` or front-matter ``title:``), and
    every ``alias::`` that names it, as a page rename in the app rewrites them."""
    fixes: dict[str, list[Fix]] = {}
    for old_path, new_path in plan.moves.items():
        name, note = namer.titles.get(new_path), namer.notes.get(old_path)
        if name is None or note is None:
            continue
        title = next((prop for prop in note.properties if prop.key.lower() == "title"), None)
        if title is not None:
            fixes.setdefault(old_path, []).append(
                Fix(title.line, title.value_column, title.value, name)
            )
        elif note.frontmatter is not None and "title" in note.frontmatter.data:
            fix = _frontmatter_title(plan, namer.vault, note, name)
            if fix is not None:
                fixes.setdefault(old_path, []).append(fix)
    for note in namer.notes.values():
        for prop in note.properties:
            if prop.key.lower() != "alias":
                continue
            for item, offset in split_page_list(prop.value):
                name = namer.pages.get(normalize_page_name(item))
                if name is not None:
                    written = _item_text(prop.value, offset)
                    new = written.replace(item, name, 1) if "[[" in written else name
                    if "," in name and "[[" not in written:
                        new = f"[[{name}]]"
                    fixes.setdefault(note.path, []).append(
                        Fix(prop.line, prop.value_column + offset, written, new)
                    )
    return fixes


def _item_text(value: str, offset: int) -> str:
    """A ``tags::``/``alias::`` item as written from ``offset``: ``[[a, b]]``, ``#x`` or ``x``."""
    rest = value[offset:]
    if rest.startswith(("[[", "#[[")):
        end = rest.find("]]")
        if end >= 0:
            return rest[: end + 2]
    return rest.split(",", 1)[0].rstrip()


_TITLE_LINE = re.compile(r"title[ \t]*:[ \t]*(\S.*?)[ \t]*\Z")


def _frontmatter_title(plan: MovePlan, vault: Vault, note: Note, name: str) -> Fix | None:
    """The front-matter ``title:`` line of ``note`` set to ``name`` (a YAML double-quoted
    string, which holds any name)."""
    front = note.frontmatter
    try:
        data = resolve_inside(vault.root, plan.on_disk(note.path)).read_bytes()
    except OSError:
        return None
    lines = (decode_note(data).text or "").splitlines()
    assert front is not None
    for number in range(front.start_line, min(front.end_line - 1, len(lines))):
        match = _TITLE_LINE.match(lines[number])
        if match:
            quoted = json.dumps(name, ensure_ascii=False)
            return Fix(number + 1, match.start(1) + 1, match.group(1), quoted)
    return None


def _apply(
    plan: MovePlan, vault: Vault, fixes: dict[str, list[Fix]], links: dict[str, int]
) -> dict[str, bytes]:
    """Apply each note's fixes; ``links`` counts those that are links (not a ``title::``)."""
    plan.edits = EditPlan(vault.root)
    plan.relinked = 0
    texts: dict[str, bytes] = {}
    for path in sorted(fixes):
        on_disk = plan.on_disk(path)
        try:
            target = resolve_inside(vault.root, on_disk)
            with open(target, "rb") as handle:  # noqa: PTH123 - the bytes the edit is made from
                before = handle.read()
            after = replace_all(before, fixes[path])
        except (OSError, ReplaceFailed, NotEditable) as error:
            reason = error.strerror if type(error) is OSError else None
            plan.edits.skip(on_disk, reason or str(error))
            continue
        plan.edits.add(FileChange(on_disk, before, after, ("relink",)))
        plan.relinked += links.get(path, 0)
        texts[path] = after
    return texts


def _future(plan: MovePlan, vault: Vault, texts: dict[str, bytes]) -> Vault:
    """The vault as it will be: moved notes and edited notes parsed again at their new paths."""
    return _relocated(vault, plan.moves, texts, plan.on_disk)


def _relocated(
    vault: Vault, paths: dict[str, str], texts: dict[str, bytes], on_disk: Callable[[str], str]
) -> Vault:
    """``vault`` with each note at ``paths`` (old → new) parsed again at its new path, from
    ``texts`` or else from the file ``on_disk`` names; the other notes stay as parsed."""
    notes: list[Note] = []
    for note in vault.notes:
        new_path = paths.get(note.path, note.path)
        if note.path not in texts and new_path == note.path:
            notes.append(note)
            continue
        data = texts.get(note.path)
        if data is None:
            try:
                data = resolve_inside(vault.root, on_disk(note.path)).read_bytes()
            except OSError:
                notes.append(dataclasses.replace(note, path=new_path))
                continue
        decoded = decode_note(data)
        notes.append(parse_text(decoded.text or "", new_path, vault.flavor, vault.logseq))
    notes.sort(key=lambda note: note.path)
    attachments = sorted(paths.get(path, path) for path in vault.attachments)
    return dataclasses.replace(vault, notes=notes, attachments=attachments)


def _mismatches(graph: LinkGraph, future: LinkGraph, moves: dict[str, str]) -> list[int]:
    """Indexes (in ``graph.edges`` order) of links that will lead elsewhere after the move."""
    after: dict[str, list[Edge]] = future.outgoing
    wrong: list[int] = []
    index = 0
    for note in graph.sources:
        before = graph.outgoing[note.path]
        now = after.get(moves.get(note.path, note.path), [])
        if len(now) != len(before):
            wrong.extend(range(index, index + len(before)))
        else:
            for offset, (old, new) in enumerate(zip(before, now, strict=True)):
                if old.resolution.resolved:
                    expected = moves.get(old.resolution.path or "", old.resolution.path)
                    if new.resolution.path != expected or not new.resolution.resolved:
                        wrong.append(index + offset)
        index += len(before)
    return wrong


def plan_move(
    graph: LinkGraph,
    moves: dict[str, str],
    *,
    link_format: str = "shortest",
    page_names: dict[str, str] | None = None,
    done: bool = False,
) -> MovePlan:
    """The edits that keep every link of the vault leading where it led once ``moves`` are
    made (``page_names``: Logseq's new page name per new file path). With ``done``, the files
    were moved already and ``graph`` is the vault as it was before."""
    vault = graph.vault
    plan = MovePlan(dict(moves), EditPlan(vault.root), done=done)
    namer = _Namer(vault, plan.moves, link_format)
    if page_names is not None:
        namer.titles = dict(page_names)
        back = {new: old for old, new in plan.moves.items()}
        namer.pages = {
            normalize_page_name(namer.notes[back[path]].title): name
            for path, name in page_names.items()
            if back.get(path) in namer.notes
        }
    edges = graph.edges
    full: set[tuple[str, int]] = set()
    for _ in range(2):
        texts = _edit_sources(plan, vault, edges, namer, full)
        sources = frozenset(plan.moves.get(note.path, note.path) for note in graph.sources)
        future = LinkGraph(_future(plan, vault, texts), sources=sources)
        wrong = _mismatches(graph, future, plan.moves)
        if not wrong:
            return plan
        full = {(edges[index].source.path, index) for index in wrong}
    plan.unkept = [
        f"{edges[index].source.path}:{edges[index].link.line}:{edges[index].link.column}: "
        f"{edges[index].link.raw}"
        for index in wrong
    ]
    return plan


def logseq_page_name(path: str, vault: Vault) -> str:
    """The page name a Logseq file would have (no ``title::``)."""
    name_format = vault.logseq.name_format if vault.logseq else "legacy"
    stem = posixpath.basename(path).rsplit(".", 1)[0]
    return decode_logseq_file_name(stem, name_format)


def vault_before(vault: Vault, moves: dict[str, str]) -> Vault:
    """The vault as it was before ``moves`` were made elsewhere (``git mv``, a file manager):
    each moved note is parsed again at its old path, so links resolve as they did then."""
    return _relocated(vault, {new: old for old, new in moves.items()}, {}, str)
