"""``vaultkit mv OLD NEW``: rename or move a note, folder, attachment or Logseq page, and
rewrite every link to it; a dry-run diff unless ``--write``."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from vaultkit.apps.names import encode_logseq_file_name
from vaultkit.apps.obsidian import new_link_format
from vaultkit.edit.diff import render_diff
from vaultkit.edit.move import MovePlan, logseq_page_name, plan_move
from vaultkit.edit.plan import apply_plan
from vaultkit.edit.write import WriteRefused, fsync_folder, resolve_inside
from vaultkit.errors import UsageError
from vaultkit.graph.resolution import Status, fold
from vaultkit.load.walk import is_inside
from vaultkit.model import NOTE_SUFFIXES, Flavor
from vaultkit.output.console import use_colour
from vaultkit.workspace import Workspace, find_vault_root

_NOT_IN_OBSIDIAN_NAMES = frozenset("#^[]|")


@dataclass(slots=True)
class MoveRequest:
    old: str
    new: str
    vault: Path | None = None
    write: bool = False
    git: bool = False
    flavor: str | None = None
    follow_symlinks: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """What OLD names: a vault path, and whether it is a folder or was given as a name."""

    path: str
    folder: bool
    by_name: bool


def _root(request: MoveRequest) -> Path:
    if request.vault is not None:
        return request.vault
    given = Path(request.old)
    start = given.absolute().parent if given.exists() else Path.cwd()
    return find_vault_root(start) or Path()


def _relative(root: Path, path: Path, what: str) -> str:
    absolute = os.path.normpath(path.absolute())
    base = os.path.normpath(root.absolute())
    if not is_inside(base, absolute) or absolute == base:
        raise UsageError(f"{what} {path} is not inside the vault {root}")
    return Path(os.path.relpath(absolute, base)).as_posix()


def _known(workspace: Workspace) -> set[str]:
    """The vault paths of every note and attachment (from the walk: no note is read)."""
    scan = workspace.scan
    return {file.path for file in scan.note_files} | set(scan.vault.attachments)


def _by_name(workspace: Workspace, name: str) -> str | None:
    """The note an Obsidian name stands for, looked up by file name (``.md`` optional)."""
    wanted = fold(name.removesuffix(".md"))
    found = [
        file.path
        for file in workspace.scan.note_files
        if fold(posixpath.basename(file.path).removesuffix(".md")) == wanted
    ]
    if len(found) > 1:
        raise UsageError(f"`{name}` names {len(found)} notes: {', '.join(found)}; give a path")
    return found[0] if found else None


def _source(workspace: Workspace, old: str) -> Source:
    given = Path(old)
    if given.exists() or given.is_symlink():
        path = _relative(workspace.root, given, "OLD")
        known = _known(workspace)
        if given.is_dir() and not given.is_symlink():
            if not any(known_path.startswith(path + "/") for known_path in known):
                raise UsageError(f"{old} holds no note or attachment of the vault")
            return Source(path, True, False)
        if path not in known:
            raise UsageError(f"{old} is not a note or attachment of the vault")
        return Source(path, False, False)
    if workspace.flavor is Flavor.LOGSEQ:
        note = workspace.find_note(old)
        path = note.path if note is not None else None
    else:
        path = _by_name(workspace, old)
    if path is None:
        raise UsageError(f"no note, page or file `{old}` in the vault {workspace.root}")
    return Source(path, False, True)


def _path_moves(
    workspace: Workspace, source: Source, new: str
) -> tuple[dict[str, str], tuple[str, str] | None]:
    """The file moves of a note, attachment or folder moved by path (in Logseq: an asset or
    a folder), and (old, new) when a whole folder moves."""
    root = workspace.root
    given = Path(new)
    if source.by_name and "/" not in new:
        target = posixpath.join(posixpath.dirname(source.path), new)
    elif given.is_dir() and not given.is_symlink() and not _same_file(root, source.path, given):
        target = posixpath.join(_relative(root, given, "NEW"), posixpath.basename(source.path))
    else:
        target = _relative(root, given, "NEW")
    note = not source.folder and source.path.lower().endswith(".md")
    if note and not target.lower().endswith(".md"):
        target += ".md"
    obsidian = workspace.flavor is Flavor.OBSIDIAN
    if (
        obsidian
        and not source.folder
        and _NOT_IN_OBSIDIAN_NAMES.intersection(posixpath.basename(target))
    ):
        raise UsageError(f"{target}: Obsidian links cannot hold # ^ [ ] or |; choose another name")
    if source.folder:
        prefix = source.path + "/"
        if target == source.path or target.startswith(prefix):
            raise UsageError(f"cannot move the folder {source.path} into itself")
        files = sorted(_known(workspace))
        moves = {
            path: target + path[len(source.path) :] for path in files if path.startswith(prefix)
        }
        return moves, (source.path, target)
    return {source.path: target}, None


def _logseq_moves(
    workspace: Workspace, source: Source, new: str
) -> tuple[dict[str, str], dict[str, str]]:
    """The file moves and the new page names of a Logseq page rename (namespace children
    move with their parent)."""
    vault = workspace.vault
    page = next(note for note in vault.notes if note.path == source.path)
    if page.journal_date is not None:
        raise UsageError(f"{page.title} is a journal page; Logseq does not rename journal days")
    new_name = new.strip()
    if new_name.lower().endswith(NOTE_SUFFIXES) and not source.by_name:
        new_name = logseq_page_name(posixpath.basename(new_name), vault)
    if not new_name:
        raise UsageError("NEW is an empty page name")
    old_name = page.title
    name_format = vault.logseq.name_format if vault.logseq else "legacy"
    renamed = {page.path: new_name}
    prefix = fold(old_name) + "/"
    for note in vault.notes:
        if fold(note.title).startswith(prefix):
            renamed[note.path] = new_name + note.title[len(old_name) :]
    taken = {fold(note.title): note.path for note in vault.notes if note.path not in renamed}
    for name in renamed.values():
        if fold(name) in taken:
            raise UsageError(
                f"a page named `{name}` exists ({taken[fold(name)]}); Logseq would merge the two"
                " pages, which vaultkit does not do: merge them in Logseq, or choose another name"
            )
    wanted = {fold(name) for name in renamed.values()}
    referenced = [
        edge.link.target
        for edge in workspace.graph.flagged
        if edge.resolution.status in (Status.MISSING_PAGE, Status.PAGE)
        and fold(edge.link.target) in wanted
    ]
    if referenced:
        raise UsageError(
            f"a page named `{referenced[0]}` exists (linked {len(referenced)}"
            f" time{'s' if len(referenced) != 1 else ''}, no file);"
            " Logseq would merge the two pages, which vaultkit does not do: merge them in"
            " Logseq, or choose another name"
        )
    moves: dict[str, str] = {}
    titles: dict[str, str] = {}
    for path, name in renamed.items():
        extension = posixpath.splitext(path)[1]
        folder = posixpath.dirname(path)
        new_path = posixpath.join(folder, encode_logseq_file_name(name, name_format) + extension)
        moves[path] = new_path
        titles[new_path] = name
    return moves, titles


def _same_file(root: Path, old: str, new: Path) -> bool:
    try:
        return (root / old).samefile(new)
    except OSError:
        return False


def _refuse_taken(root: Path, moves: dict[str, str]) -> None:
    for old, new in moves.items():
        if old == new:
            raise UsageError(f"{old} already has that name")
        target = root / new
        if (target.exists() or target.is_symlink()) and not _same_file(root, old, target):
            raise UsageError(f"{new} exists; vaultkit mv never replaces a file")
        _inside_vault(root, new, UsageError)


def _inside_vault(root: Path, new: str, error: type[Exception]) -> None:
    """Refuse a new path whose folder leads out of the vault through a symbolic link."""
    folder = posixpath.dirname(new)
    if not folder:
        return
    try:
        resolve_inside(root, folder)
    except WriteRefused:
        raise error(f"{new} leads outside the vault") from None


def _names(moves: dict[str, str]) -> list[str]:
    """The file names (without ``.md``) a link to a moved file may use, old and new."""
    names = []
    for old, new in moves.items():
        for path in (old, new):
            name = posixpath.basename(path)
            names += [name, name.removesuffix(".md")]
    return names


def _is_page(workspace: Workspace, source: Source) -> bool:
    """Whether a Logseq move renames a page (else it moves files: an asset, a folder)."""
    if workspace.flavor is not Flavor.LOGSEQ or source.folder:
        return False
    return source.path in {file.path for file in workspace.scan.note_files}


def plan_for(request: MoveRequest) -> tuple[Workspace, MovePlan]:
    workspace = Workspace.open(
        _root(request), request.flavor, follow_symlinks=request.follow_symlinks
    )
    source = _source(workspace, request.old)
    if _is_page(workspace, source):
        moves, titles = _logseq_moves(workspace, source, request.new)
        _refuse_taken(workspace.root, moves)
        notes = {note.path: note.title for note in workspace.vault.notes}
        names = [*titles.values(), *(notes[path] for path in moves if path in notes)]
        graph = workspace.graph_mentioning(_names(moves) + names, also=moves)
        return workspace, plan_move(graph, moves, page_names=titles)
    moves, folder = _path_moves(workspace, source, request.new)
    if folder is not None:
        _refuse_taken(workspace.root, {folder[0]: folder[1]})
    _refuse_taken(workspace.root, moves)
    graph = workspace.graph_mentioning(_names(moves), also=moves)
    plan = plan_move(graph, moves, link_format=new_link_format(workspace.root))
    plan.folder = folder
    return workspace, plan


def _moves_text(plan: MovePlan) -> str:
    return "".join(f"{old} -> {new}\n" for old, new in plan.moves.items())


def _summary(plan: MovePlan, *, written: bool) -> str:
    files = len(plan.moves)
    notes = len(plan.edits.changes)
    links = plan.relinked
    moved = f"{files} file{'s' if files != 1 else ''}"
    relinked = f"{links} link{'s' if links != 1 else ''} in {notes} note{'s' if notes != 1 else ''}"
    if written:
        return f"Moved {moved}; rewrote {relinked}.\n"
    return f"Would move {moved} and rewrite {relinked}; run with --write to do it.\n"


def _rename(root: Path, old: str, new: str, git: bool) -> None:
    source = resolve_inside(root, old) if not (root / old).is_symlink() else root / old
    target = root / new
    if target.exists() and not _same_file(root, old, target):
        raise WriteRefused(f"{new} appeared meanwhile; {old} not moved")
    _inside_vault(root, new, WriteRefused)
    target.parent.mkdir(parents=True, exist_ok=True)
    _inside_vault(root, new, WriteRefused)
    if git:
        result = subprocess.run(
            ["git", "mv", "--", old, new],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise WriteRefused(f"git mv {old} {new}: {result.stderr.strip()}")
        return
    source.rename(target)
    for folder in {source.parent, target.parent}:
        fsync_folder(folder)


def write_move(root: Path, plan: MovePlan, git: bool) -> list[str]:
    """Edit the links, then move the files; returns what could not be done."""
    outcome = apply_plan(plan.edits)
    problems = list(outcome.refused)
    renames = [plan.folder] if plan.folder else list(plan.moves.items())
    for old, new in renames:
        try:
            _rename(root, old, new, git)
        except OSError as error:
            problems.append(str(error) if isinstance(error, WriteRefused) else f"{old}: {error}")
    return problems


def run_move_command(request: MoveRequest) -> tuple[str, int]:
    """Returns the report and the exit status: 1 when a link could not be kept or a change
    could not be written."""
    workspace, plan = plan_for(request)
    for path, reason in plan.edits.skipped:
        sys.stderr.write(f"vaultkit: cannot edit {path}: {reason}\n")
    if plan.unkept or plan.edits.skipped:
        for place in plan.unkept:
            sys.stderr.write(f"vaultkit: this link would no longer lead where it led: {place}\n")
        return "Nothing moved: some links could not be kept.\n", 1
    if not request.write:
        diff = render_diff(plan.edits, colour=use_colour())
        return _moves_text(plan) + diff + _summary(plan, written=False), 0
    problems = write_move(workspace.root, plan, request.git)
    for message in problems:
        sys.stderr.write(f"vaultkit: {message}\n")
    return _moves_text(plan) + _summary(plan, written=True), 1 if problems else 0
