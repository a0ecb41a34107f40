"""Render vault statistics: rich tables or JSON."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from vaultkit import __version__
from vaultkit.output.paths import encodable, json_text, printable
from vaultkit.reports.stats import VaultStats


def _table(*columns: str, header: bool = True) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", show_header=header)
    for number, column in enumerate(columns):
        table.add_column(column, justify="left" if number == 0 else "right")
    return table


def render_stats(stats: VaultStats, console: Console) -> None:
    overview = _table("", "", header=False)
    for label, value in (
        ("flavor", stats.flavor),
        ("notes", stats.notes),
        ("attachments", stats.attachments),
        ("links", stats.links),
        ("tags", stats.tags),
        ("orphans", stats.orphans),
        ("dead ends", stats.dead_ends),
    ):
        overview.add_row(label, str(value))
    console.print("[bold]Vault[/]")
    console.print(overview)
    links = _table("kind", "resolved", "broken", "missing pages")
    for kind, counts in stats.links_by_kind.items():
        links.add_row(kind, str(counts.resolved), str(counts.broken), str(counts.missing_pages))
    tables = [("Links by kind", links)]
    if stats.top_tags:
        tags = _table("tag", "uses")
        for tag, count in stats.top_tags:
            tags.add_row(f"#{printable(tag)}", str(count))
        tables.append(("Top tags", tags))
    if stats.most_linked:
        linked = _table("note", "linked from")
        for path, count in stats.most_linked:
            linked.add_row(printable(path), str(count))
        tables.append(("Most linked-to notes", linked))
    folders = _table("folder", "notes")
    for folder, count in stats.notes_per_folder:
        folders.add_row(printable(folder), str(count))
    tables.append(("Notes per folder", folders))
    for title, table in tables:
        console.print()
        console.print(f"[bold]{title}[/]")
        console.print(table)


def render_stats_json(stats: VaultStats, root: Path) -> str:
    """The statistics, with ``vault``, ``flavor`` and ``version`` first as in ``check``."""
    document = {
        "vault": encodable(root.as_posix()),
        "flavor": stats.flavor,
        "version": __version__,
        **asdict(stats),
    }
    document["top_tags"] = [{"tag": tag, "count": count} for tag, count in stats.top_tags]
    document["most_linked"] = [
        {"path": path, "linked_from": count} for path, count in stats.most_linked
    ]
    document["notes_per_folder"] = [
        {"folder": folder, "notes": count} for folder, count in stats.notes_per_folder
    ]
    return json_text(document)
