"""Logseq's link resolution (file graphs).

Pages are found by name, case-insensitively: the ``title::`` property or the decoded file name,
and every ``alias::``. A journal day answers to any of its date forms. A page reference with no
file is not broken in Logseq (the page exists, empty), so it resolves to ``MISSING_PAGE``; a
namespace parent (``a`` for ``[[a/b]]``) and a journal day exist without a file and resolve to
``PAGE``. A ``((uuid))`` must name a block carrying ``id:: uuid``. Markdown links are checked only
when they point at a file (they have an extension or a ``./``/``../``/``/`` start).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from vaultkit.apps.journals import parse_journal_title
from vaultkit.apps.logseq import LogseqConfig
from vaultkit.apps.names import normalize_page_name
from vaultkit.graph.resolution import Resolution, Status, fold
from vaultkit.model import Link, LinkKind, Note


def _looks_like_file(target: str) -> bool:
    last = target.rsplit("/", 1)[-1]
    return target.startswith(("./", "../", "/")) or ("." in last.strip(".") and " " not in last)


class LogseqResolver:
    def __init__(self, notes: list[Note], attachments: list[str], config: LogseqConfig) -> None:
        self.config = config
        self.notes = {note.path: note for note in notes}
        self.pages: defaultdict[str, list[str]] = defaultdict(list)
        """Normalised page name (title or alias) → note paths."""
        self.journals: dict[str, str] = {}
        self.namespaces: set[str] = set()
        self.blocks: dict[str, str] = {}
        self.by_path: dict[str, str] = {fold(path): path for path in attachments}
        self._found_pages: dict[str, Resolution] = {}
        for note in notes:
            self.by_path[fold(note.path)] = note.path
            names = [note.title, *note.aliases]
            for name in names:
                key = normalize_page_name(name)
                if key and note.path not in self.pages[key]:
                    self.pages[key].append(note.path)
            parts = normalize_page_name(note.title).split("/")
            for end in range(1, len(parts)):
                self.namespaces.add("/".join(parts[:end]))
            if note.journal_date:
                self.journals[note.journal_date] = note.path
            for block in note.block_ids:
                self.blocks.setdefault(block.id, note.path)
        for note in notes:
            for link in note.links:
                if (
                    link.kind is not LinkKind.BLOCK_REF
                    and not link.block_ref
                    and "/" in link.target
                ):
                    parts = normalize_page_name(link.target).split("/")
                    for end in range(1, len(parts)):
                        self.namespaces.add("/".join(parts[:end]))

    def find_page(self, name: str) -> Resolution:
        """The page ``name`` refers to (answers are remembered: names recur across a graph)."""
        found = self._found_pages.get(name)
        if found is None:
            found = self._found_pages[name] = self._find_page(name)
        return found

    def _find_page(self, name: str) -> Resolution:
        key = normalize_page_name(name)
        if not key:
            return Resolution(Status.EMPTY)
        paths = self.pages.get(key)
        if paths:
            ordered = tuple(sorted(paths))
            if len(ordered) == 1:
                return Resolution(Status.NOTE, ordered[0])
            return Resolution(Status.NOTE, ordered[0], ordered, "it comes first by path")
        if any(char.isdigit() for char in key):
            day = parse_journal_title(name.strip(), self.config.journal_title_format)
            if day is not None:
                path = self.journals.get(day.isoformat())
                return Resolution(Status.NOTE, path) if path else Resolution(Status.PAGE)
        if key in self.namespaces:
            return Resolution(Status.PAGE)
        return Resolution(Status.MISSING_PAGE)

    def _find_file(self, source: Note, target: str) -> Resolution:
        if not _looks_like_file(target):
            return Resolution(Status.EXTERNAL)
        candidates = []
        if not target.startswith("/"):
            candidates.append(posixpath.normpath(posixpath.join(source.folder, target)))
        candidates.append(posixpath.normpath(target.lstrip("/")))
        for candidate in candidates:
            if candidate == ".." or candidate.startswith("../"):
                continue
            path = self.by_path.get(fold(candidate))
            if path is not None:
                return Resolution(Status.NOTE if path in self.notes else Status.FILE, path)
        return Resolution(Status.BROKEN)

    def resolve_links(self, source: Note) -> list[Resolution]:
        """What each link of ``source`` resolves to, in order."""
        return [self.resolve(source, link) for link in source.links]

    def resolve(self, source: Note, link: Link) -> Resolution:
        if link.block_ref:
            path = self.blocks.get(link.target)
            return Resolution(Status.BLOCK, path) if path else Resolution(Status.BROKEN)
        if link.kind in (LinkKind.MARKDOWN, LinkKind.IMAGE):
            if not link.target:
                return Resolution(Status.EMPTY)
            return self._find_file(source, link.target)
        return self.find_page(link.target)
