"""Render backlinks and outgoing links: a readable list or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.console import Console
from rich.markup import escape

from vaultkit.output.paths import json_text, printable
from vaultkit.reports.links import LinkRow


class Subject(NamedTuple):
    """What the links lead to or leave from: a note, or a name no note has (``path`` None)."""

    title: str
    path: str | None


_FOLLOWED = frozenset({"note", "file", "page", "block"})


def _destination(row: LinkRow, shown: Callable[[str], str]) -> str:
    if row.status in _FOLLOWED:
        return shown(row.target) if row.target else f"({row.status} without a file)"
    if row.status == "alias" and row.target:
        return f"(alias of {shown(row.target)}, not followed)"
    return f"({row.status})"


def render_rows(
    title: str,
    subject: Subject,
    rows: list[LinkRow],
    console: Console,
    *,
    show_targets: bool,
    shown: Callable[[str], str],
) -> None:
    """The rows under a title line; ``shown`` turns a vault path into the path printed
    (relative to the current folder, as ``check`` prints them)."""
    count = len(rows)
    where_it_is = shown(subject.path) if subject.path else "no note yet"
    console.print(
        f"[bold]{escape(title)}[/] {escape(printable(subject.title))} "
        f"({escape(printable(where_it_is))}): {count}",
        highlight=False,
        soft_wrap=True,
    )
    for row in rows:
        where = f"{printable(shown(row.path))}:{row.line}:{row.column}"
        arrow = f"  → {_destination(row, shown)}" if show_targets else ""
        console.print(
            f"  {escape(where)}  {escape(printable(row.context))}{escape(arrow)}",
            highlight=False,
            soft_wrap=True,
        )


def render_rows_json(key: str, subject: Subject, rows: list[LinkRow]) -> str:
    document = {
        "note": subject.path,
        "title": subject.title,
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
