"""Obsidian's link resolution.

A bare name resolves vault-wide by file name, case-insensitively, ``.md`` optional. When several
files share the name, an exact vault path wins, else a file in the linking note's own folder,
else the shortest path. A name with a ``/`` is a path from the vault root, or else a unique path
suffix. Markdown links are percent-decoded and tried relative to the linking note, then from the
root, then by name. Aliases are not followed: ``[[Alias]]`` stays unresolved in Obsidian.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from vaultkit.graph.anchors import check_anchor, heading_keys
from vaultkit.graph.resolution import AnchorStatus, Resolution, Status, fold
from vaultkit.model import Link, LinkKind, Note

NOTE_SUFFIX = ".md"
_MARKDOWN, _IMAGE = LinkKind.MARKDOWN, LinkKind.IMAGE


def _strip_md(name: str) -> str:
    return name[: -len(NOTE_SUFFIX)] if name.lower().endswith(NOTE_SUFFIX) else name


def _link_name(target: str) -> str:
    """A link target as it is looked up: without surrounding spaces and leading slashes."""
    return target.strip().lstrip("/")


def _normalized(path: str) -> str:
    """``posixpath.normpath``, skipped for the usual path that it would leave as it is."""
    if not path or path.startswith(".") or "/." in path or "//" in path or path.endswith("/"):
        return posixpath.normpath(path)
    return path


def _shorter(path: str) -> tuple[int, str]:
    return len(path), path


class ObsidianResolver:
    """Resolves links the way Obsidian's ``getFirstLinkpathDest`` does."""

    def __init__(self, notes: list[Note], attachments: list[str]) -> None:
        self.notes = {note.path: note for note in notes}
        self.by_path: dict[str, str] = {}
        """Folded path (notes also without ``.md``) → path."""
        self.note_names: defaultdict[str, list[str]] = defaultdict(list)
        """Folded note stem → note paths."""
        self.file_names: defaultdict[str, list[str]] = defaultdict(list)
        """Folded attachment file name (with extension) → attachment paths."""
        self.aliases: defaultdict[str, list[str]] = defaultdict(list)
        self._suffixes: dict[str, list[str]] | None = None
        self._heading_keys: dict[str, frozenset[str]] = {}
        self._found: dict[tuple[str, str], Resolution | None] = {}
        self._anywhere: dict[str, Resolution | None] = {}
        self._by_target: dict[str | tuple[str, str], Resolution] = {}
        """Wikilink target, or (target, anchor), → resolution, for targets whose answer does not
        depend on the linking note's folder (most: a vault links the same names over and over)."""
        for note in notes:
            self.by_path[fold(note.path)] = note.path
            self.by_path.setdefault(fold(_strip_md(note.path)), note.path)
            self.note_names[fold(note.stem)].append(note.path)
            for alias in note.aliases:
                self.aliases[fold(alias)].append(note.path)
        for attachment in attachments:
            self.by_path.setdefault(fold(attachment), attachment)
            self.file_names[fold(attachment.rsplit("/", 1)[-1])].append(attachment)

    def _status(self, path: str) -> Status:
        return Status.NOTE if path in self.notes else Status.FILE

    def _suffix_index(self) -> dict[str, list[str]]:
        """Folded path suffixes (``house/todo``) → paths, built on first use."""
        if self._suffixes is None:
            index: defaultdict[str, list[str]] = defaultdict(list)
            for folded, path in self.by_path.items():
                parts = folded.split("/")
                for start in range(1, len(parts)):
                    index["/".join(parts[start:])].append(path)
            self._suffixes = {key: sorted(set(paths)) for key, paths in index.items()}
        return self._suffixes

    def _pick(self, name: str, candidates: list[str], source_folder: str) -> Resolution:
        if len(candidates) == 1:
            return Resolution(self._status(candidates[0]), candidates[0])
        ordered = tuple(sorted(candidates, key=_shorter))
        written = name.strip("/")
        exact = next((path for path in ordered if path in (written, written + NOTE_SUFFIX)), None)
        if exact is None:
            exact = self.by_path.get(fold(name))
        if exact in candidates:
            return Resolution(self._status(exact), exact, ordered, "its path is exactly the link")
        same_folder = [path for path in ordered if posixpath.dirname(path) == source_folder]
        if same_folder:
            reason = "it is in the same folder as the linking note"
            return Resolution(self._status(same_folder[0]), same_folder[0], ordered, reason)
        return Resolution(self._status(ordered[0]), ordered[0], ordered, "it has the shortest path")

    def find(self, target: str, source_folder: str) -> Resolution | None:
        """Resolve a link target as a wikilink does; None when nothing answers to it.

        Answers are remembered: a vault links the same names over and over. Only a relative
        path or a name several notes share depends on the linking note's folder; every other
        answer is remembered for the target alone.
        """
        if target in self._anywhere:
            return self._anywhere[target]
        key = (target, source_folder)
        if key in self._found:
            return self._found[key]
        found = self._find(target, source_folder)
        relative = _link_name(target).startswith(("./", "../"))
        if relative or (found is not None and found.candidates):
            self._found[key] = found
        else:
            self._anywhere[target] = found
        return found

    def _find(self, target: str, source_folder: str) -> Resolution | None:
        name = _link_name(target)
        if not name:
            return None
        folded = fold(name)
        if "/" in name:
            if name.startswith(("./", "../")):
                joined = posixpath.normpath(posixpath.join(source_folder, name))
                exact = self._inside(joined)
                return None if exact is None else Resolution(self._status(exact), exact)
            exact = self.by_path.get(folded)
            if exact is not None:
                return Resolution(self._status(exact), exact)
            suffix = self._suffix_index()
            matches = suffix.get(folded) or suffix.get(folded + NOTE_SUFFIX)
            if matches:
                return self._pick(name, matches, source_folder)
            return None
        files = self.file_names.get(folded)
        if files:
            return self._pick(name, files, source_folder)
        notes = self.note_names.get(_strip_md(folded))
        if notes:
            return self._pick(name, notes, source_folder)
        return None

    def _inside(self, normalized: str) -> str | None:
        """The file at a normalised vault path; a path climbing out of the vault finds nothing."""
        if normalized == ".." or normalized.startswith("../"):
            return None
        return self.by_path.get(fold(normalized))

    def _find_markdown(self, target: str, source_folder: str) -> Resolution | None:
        """Markdown links: relative to the linking note, then from the root, then by name."""
        if not target.startswith("/"):
            relative = _normalized(f"{source_folder}/{target}" if source_folder else target)
            path = self._inside(relative)
            if path is not None:
                return Resolution(self._status(path), path)
        path = self._inside(_normalized(target.lstrip("/")))
        if path is not None:
            return Resolution(self._status(path), path)
        if target.startswith(("./", "../")):
            return None
        return self.find(target, source_folder)

    def resolve_links(self, source: Note) -> list[Resolution]:
        """What each link of ``source`` resolves to, in order.

        Most links name a note some other link already named; their answer is looked up here
        without a call per link (a vault has a hundred thousand links and more).
        """
        by_target = self._by_target
        resolved: list[Resolution] = []
        for link in source.links:
            kind = link.kind
            if kind is not _MARKDOWN and kind is not _IMAGE:
                known = by_target.get(
                    link.target if link.anchor is None else (link.target, link.anchor)
                )
                if known is not None:
                    resolved.append(known)
                    continue
            resolved.append(self.resolve(source, link))
        return resolved

    def resolve(self, source: Note, link: Link) -> Resolution:
        target = link.target
        kind = link.kind
        if target and kind is not _MARKDOWN and kind is not _IMAGE:
            key = target if link.anchor is None else (target, link.anchor)
            known = self._by_target.get(key)
            if known is not None:
                return known
            resolution = self._complete(target, link.anchor, self.find(target, source.folder))
            if target in self._anywhere:
                self._by_target[key] = resolution
            return resolution
        if target:
            return self._complete(target, link.anchor, self._find_markdown(target, source.folder))
        if not link.anchor:
            return Resolution(Status.EMPTY)
        return self._with_anchor(Resolution(Status.NOTE, source.path), link.anchor)

    def _complete(self, target: str, anchor: str | None, found: Resolution | None) -> Resolution:
        """The resolution of a link from what its target was found to be."""
        if found is None:
            owners = self.aliases.get(fold(target.strip()))
            if owners and "/" not in target:
                return Resolution(Status.ALIAS, sorted(owners, key=_shorter)[0])
            return Resolution(Status.BROKEN)
        if anchor and found.status is Status.NOTE:
            return self._with_anchor(found, anchor)
        return found

    def _with_anchor(self, found: Resolution, anchor: str) -> Resolution:
        assert found.path is not None
        note = self.notes[found.path]
        keys = self._heading_keys.get(found.path)
        if keys is None:
            keys = self._heading_keys[found.path] = heading_keys(note)
        status: AnchorStatus = check_anchor(note, anchor, keys)
        return Resolution(found.status, found.path, found.candidates, found.reason, status)
