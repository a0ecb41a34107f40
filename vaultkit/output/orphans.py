"""Render the orphan report: a terminal table, a note for the vault, JSON or CSV."""

from __future__ import annotations

import csv
import io
from datetime import date
from itertools import groupby

from rich.console import Console
from rich.table import Table

from vaultkit.graph.linktext import LinkText
from vaultkit.model import Flavor, Note
from vaultkit.output.paths import encodable_data, json_text, printable
from vaultkit.reports.orphans import REPORT_MARKER, REPORT_MARKER_KEY, OrphanMode, OrphanReport

_NOUNS = {
    OrphanMode.ORPHANS: ("orphan", "orphans", "Orphan notes"),
    OrphanMode.ISOLATED: ("isolated note", "isolated notes", "Isolated notes"),
    OrphanMode.DEAD_ENDS: ("dead end", "dead ends", "Dead-end notes"),
}
CSV_FIELDS = ("path", "title", "folder", "size", "modified", "outgoing", "incoming")


def summary(report: OrphanReport) -> str:
    singular, plural, _ = _NOUNS[report.mode]
    count = len(report.rows)
    noun = singular if count == 1 else plural
    notes = "note" if report.total_notes == 1 else "notes"
    return f"{count} {noun} of {report.total_notes} {notes}"


def render_table(report: OrphanReport, console: Console) -> None:
    if report.rows:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("Note", overflow="fold")
        table.add_column("Folder", overflow="fold")
        table.add_column("Size", justify="right")
        table.add_column("Modified")
        table.add_column("Links out", justify="right")
        for row in report.rows:
            table.add_row(
                printable(row.title),
                printable(row.folder) or ".",
                f"{row.size:,}",
                row.modified[:10],
                str(row.outgoing),
            )
        console.print(table)
        console.print()
    console.print(summary(report) + ".", highlight=False)


def render_json(report: OrphanReport) -> str:
    document = {
        "vault": report.vault_root.as_posix(),
        "flavor": report.flavor.value,
        "mode": report.mode.value,
        "count": len(report.rows),
        "notes": report.total_notes,
        "orphans": [{field: getattr(row, field) for field in CSV_FIELDS} for row in report.rows],
    }
    return json_text(document)


def render_csv(report: OrphanReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in report.rows:
        writer.writerow([encodable_data(getattr(row, field)) for field in CSV_FIELDS])
    return buffer.getvalue()


def render_markdown(
    report: OrphanReport, notes: list[Note], today: date, report_folder: str = ""
) -> str:
    """A note to keep in the vault: one link per orphan, grouped by folder.

    Obsidian gets front-matter and a ``[[link]]`` list under a heading per folder; Logseq a
    page whose first block holds the properties and one block per orphan. The marker property
    tells vaultkit to leave the report out of its own next run.
    """
    _, _, title = _NOUNS[report.mode]
    by_path = {note.path: note for note in notes}
    line = f"{summary(report)}, {today.isoformat()}."
    if report.flavor is Flavor.LOGSEQ:
        lines = [f"{REPORT_MARKER_KEY}:: {REPORT_MARKER}", f"generated:: {today.isoformat()}", ""]
        lines.append(f"- {line}")
        lines.extend(f"- [[{by_path[row.path].title}]]" for row in report.rows)
        return "\n".join(lines) + "\n"
    link_text = LinkText(notes)
    lines = [
        "---",
        f"{REPORT_MARKER_KEY}: {REPORT_MARKER}",
        f"generated: {today.isoformat()}",
        "---",
        f"# {title}",
        "",
        line,
    ]
    by_folder = sorted(report.rows, key=lambda row: (row.folder, row.path))
    for folder, rows in groupby(by_folder, key=lambda row: row.folder):
        lines.extend(["", f"## {folder or 'Vault root'}", ""])
        lines.extend(f"- {link_text.link(by_path[row.path], report_folder)}" for row in rows)
    return "\n".join(lines) + "\n"
