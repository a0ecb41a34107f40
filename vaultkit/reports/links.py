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


class AmbiguousName(Exception):
    """Several notes answer to a bare name; ``args[0]`` lists their paths."""


def find_note(graph: LinkGraph, query: str) -> Note | None:
    """The note a name, alias or vault path stands for, resolved like a link.

    Raises :class:`AmbiguousName` when several notes answer to the name: a query, unlike a
    link, has no folder to break the tie, so vaultkit asks for a path rather than guess.
    """
    query = query.strip()
    notes = graph.notes
    for candidate in (query, query + ".md"):
        if candidate in notes:
            return notes[candidate]
    resolver = graph.resolver
    if isinstance(resolver, ObsidianResolver):
        found = resolver.find(query, "")
        if found is not None and found.candidates:
            raise AmbiguousName(found.candidates)
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


def rows_for_target(graph: LinkGraph, query: str) -> list[LinkRow]:
    """Every link to ``query`` when it names no note: an attachment (by path or name), or a
    note or Logseq page not written yet (the links whose target, as written, is ``query``)."""
    wanted = fold(query.strip())
    lines = LineSource(graph.vault.root)
    rows = []
    for edge in graph.edges:
        resolution = edge.resolution
        if resolution.is_note:
            continue
        leads = resolution.path if resolution.status is Status.FILE else None
        written = fold(edge.link.target)
        if wanted in (written, fold(leads or "")) or (
            leads is not None and wanted == fold(leads.rsplit("/", 1)[-1])
        ):
            rows.append(_row(edge, lines))
    return sorted(rows, key=lambda row: (row.path, row.line, row.column))


def outgoing_rows(graph: LinkGraph, note: Note) -> list[LinkRow]:
    """Every link written in ``note``, in document order, with what it resolved to."""
    lines = LineSource(graph.vault.root)
    return [_row(edge, lines) for edge in graph.outgoing.get(note.path, [])]
