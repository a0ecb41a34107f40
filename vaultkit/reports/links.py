"""Backlinks and outgoing links of one note, with the line each link sits on as context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from vaultkit.graph.graph import Edge, LinkGraph
from vaultkit.graph.obsidian import ObsidianResolver
from vaultkit.graph.resolution import Status, fold
from vaultkit.load.read import read_note
from vaultkit.model import Note
from vaultkit.parse.note import normalize_newlines


@dataclass(frozen=True, slots=True)
class LinkRow:
    path: str
    """The note the link is written in."""
    line: int
    column: int
    link: str
    """The link as written."""
    context: str
    """The line holding the link, stripped, clipped to a window around the link."""
    status: str
    """How the link resolved (``note``, ``broken``, ``missing-page``…)."""
    target: str | None
    """The note or file the link leads to, if any."""


def find_note(graph: LinkGraph, query: str) -> Note | None:
    """The note a name, alias or vault path stands for, resolved like a link."""
    query = query.strip()
    notes = graph.notes
    for candidate in (query, query + ".md"):
        if candidate in notes:
            return notes[candidate]
    resolver = graph.resolver
    if isinstance(resolver, ObsidianResolver):
        found = resolver.find(query, "")
        if found is not None and found.status is Status.NOTE and found.path:
            return notes[found.path]
        owners = resolver.aliases.get(fold(query))
        return notes[sorted(owners)[0]] if owners else None
    page = resolver.find_page(query)
    if page.status is Status.NOTE and page.path:
        return notes[page.path]
    by_path = resolver.by_path.get(fold(query)) or resolver.by_path.get(fold(query + ".md"))
    return notes.get(by_path) if by_path else None


CONTEXT_WINDOW = 80
"""Characters of context kept on each side of a link, so output stays linear in the input."""


def clip_context(line: str, column: int, length: int) -> str:
    """The stripped ``line`` cut to ``CONTEXT_WINDOW`` characters around the link, with ``…``.

    ``line`` is already stripped and ``column`` counts from its start, so a row costs the
    window, not the line: a line with many links stays linear.
    """
    start = max(column - 1 - CONTEXT_WINDOW, 0)
    end = column - 1 + length + CONTEXT_WINDOW
    window = line[start:end].strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    return f"{prefix}{window}{suffix}"


class LineSource:
    """Reads the lines of notes on demand, once per note."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._lines = lru_cache(maxsize=1024)(self._read)

    def _read(self, path: str) -> tuple[tuple[str, int], ...]:
        """Each line stripped, with how many characters were cut from its start."""
        text = read_note(self._root / path).text
        if text is None:
            return ()
        lines = normalize_newlines(text).split("\n")
        return tuple((line.strip(), len(line) - len(line.lstrip())) for line in lines)

    def context(self, path: str, number: int, column: int, length: int) -> str:
        lines = self._lines(path)
        if not 0 < number <= len(lines):
            return ""
        line, cut = lines[number - 1]
        return clip_context(line, column - cut, length)


def _row(edge: Edge, lines: LineSource) -> LinkRow:
    link = edge.link
    return LinkRow(
        path=edge.source.path,
        line=link.line,
        column=link.column,
        link=link.raw,
        context=lines.context(edge.source.path, link.line, link.column, len(link.raw)),
        status=edge.resolution.status.value,
        target=edge.resolution.path,
    )


def backlink_rows(graph: LinkGraph, note: Note) -> list[LinkRow]:
    """Every link from another note to ``note``, sorted by source path and position."""
    lines = LineSource(graph.vault.root)
    edges = sorted(
        graph.backlinks(note.path),
        key=lambda edge: (edge.source.path, edge.link.line, edge.link.column),
    )
    return [_row(edge, lines) for edge in edges]


def outgoing_rows(graph: LinkGraph, note: Note) -> list[LinkRow]:
    """Every link written in ``note``, in document order, with what it resolved to."""
    lines = LineSource(graph.vault.root)
    return [_row(edge, lines) for edge in graph.outgoing.get(note.path, [])]
