"""Render backlinks and outgoing links: a readable list or JSON."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from vaultkit.model import Note
from vaultkit.output.paths import json_text, printable
from vaultkit.reports.links import LinkRow

_FOLLOWED = frozenset({"note", "file", "page", "block"})


def _destination(row: LinkRow) -> str:
    if row.status in _FOLLOWED:
        return row.target or f"({row.status} without a file)"
    if row.status == "alias" and row.target:
        return f"(alias of {row.target}, not followed)"
    return f"({row.status})"


def render_rows(
    title: str, note: Note, rows: list[LinkRow], console: Console, *, show_targets: bool
) -> None:
    count = len(rows)
    console.print(
        f"[bold]{escape(title)}[/] {escape(printable(note.title))} "
        f"({escape(printable(note.path))}): {count}",
        highlight=False,
        soft_wrap=True,
    )
    for row in rows:
        where = f"{printable(row.path)}:{row.line}:{row.column}"
        arrow = f"  → {_destination(row)}" if show_targets else ""
        console.print(
            f"  {escape(where)}  {escape(printable(row.context))}{escape(arrow)}",
            highlight=False,
            soft_wrap=True,
        )


def render_rows_json(key: str, note: Note, rows: list[LinkRow]) -> str:
    document = {
        "note": note.path,
        "title": note.title,
        "count": len(rows),
        key: [
            {
                "path": row.path,
                "line": row.line,
                "column": row.column,
                "link": row.link,
                "context": row.context,
                "status": row.status,
                "target": row.target,
            }
            for row in rows
        ],
    }
    return json_text(document)
