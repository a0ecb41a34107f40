"""The orphan-note report: notes nothing links to, without the ones nobody wants listed.

Left out by default: Logseq journals (a day page is not meant to be linked), the vault's
index/home notes (``[orphans] index`` in the settings), template folders (``Templates/``, the
folder of Obsidian's Templates plugin, ``[orphans] exclude``), notes Obsidian excludes or the
settings ``exclude``, and vaultkit's own reports. A report written into the vault is marked
(front-matter ``vaultkit: orphan-report`` or the Logseq property ``vaultkit:: orphan-report``):
its links never count as backlinks, so writing it does not make the orphans stop being orphans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from vaultkit.config.globs import compile_globs
from vaultkit.config.settings import Settings
from vaultkit.graph.graph import LinkGraph
from vaultkit.model import Flavor, Note

REPORT_MARKER_KEY = "vaultkit"
REPORT_MARKER = "orphan-report"
DEFAULT_TEMPLATE_FOLDERS = ("Templates/", "templates/")


class OrphanMode(StrEnum):
    ORPHANS = "orphans"
    """No other note links to it."""
    ISOLATED = "isolated"
    """An orphan that links to no other note either."""
    DEAD_ENDS = "dead-ends"
    """Links to no other note (whether or not others link to it)."""


@dataclass(frozen=True, slots=True)
class OrphanRow:
    path: str
    title: str
    folder: str
    size: int
    modified: str
    """When the file last changed, ISO 8601 in UTC."""
    outgoing: int
    """Links to other notes."""
    incoming: int
    """Links from other notes (0 for orphans)."""


def is_generated_report(note: Note) -> bool:
    """Whether ``note`` is a report vaultkit wrote (marked in its front-matter or properties)."""
    front = note.frontmatter
    if front is not None and front.data.get(REPORT_MARKER_KEY) == REPORT_MARKER:
        return True
    return note.property(REPORT_MARKER_KEY) == REPORT_MARKER


def looks_like_report(path: Path) -> bool:
    """Whether the file at ``path`` starts like a report vaultkit wrote (its marker is there)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(512).decode("utf-8", "replace")
    except OSError:
        return False
    markers = {f"{REPORT_MARKER_KEY}: {REPORT_MARKER}", f"{REPORT_MARKER_KEY}:: {REPORT_MARKER}"}
    return any(line.strip() in markers for line in head.splitlines()[:6])


@dataclass(frozen=True, slots=True)
class OrphanReport:
    vault_root: Path
    flavor: Flavor
    mode: OrphanMode
    total_notes: int
    rows: list[OrphanRow]


def _modified(note: Note) -> str:
    moment = datetime.fromtimestamp(note.mtime, tz=UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def find_orphans(
    graph: LinkGraph,
    settings: Settings,
    *,
    mode: OrphanMode = OrphanMode.ORPHANS,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    report_path: str | None = None,
) -> OrphanReport:
    """The notes of the report, sorted by path, after the default and given exclusions."""
    vault = graph.vault
    reports = {note.path for note in vault.notes if is_generated_report(note)}
    if report_path is not None:
        reports.add(report_path)
    left_out = compile_globs(
        [
            *DEFAULT_TEMPLATE_FOLDERS,
            *settings.exclude,
            *settings.orphans.exclude,
            *settings.orphans.index,
            *exclude,
        ]
    )
    included = compile_globs(include) if include else None
    rows: list[OrphanRow] = []
    considered = 0
    for note in vault.notes:
        path = note.path
        if path in reports or path in vault.ignored or note.journal_date or left_out(path):
            continue
        if included is not None and not included(path):
            continue
        considered += 1
        incoming = [edge for edge in graph.backlinks(path) if edge.source.path not in reports]
        if incoming and mode is not OrphanMode.DEAD_ENDS:
            continue  # linked to: neither an orphan nor isolated, whatever it links to
        outgoing = len(graph.links_to_notes(path))
        wanted = {
            OrphanMode.ORPHANS: not incoming,
            OrphanMode.ISOLATED: not incoming and not outgoing,
            OrphanMode.DEAD_ENDS: not outgoing,
        }[mode]
        if wanted:
            rows.append(
                OrphanRow(
                    path=path,
                    title=note.title,
                    folder=note.folder,
                    size=note.size,
                    modified=_modified(note),
                    outgoing=outgoing,
                    incoming=len(incoming),
                )
            )
    return OrphanReport(vault.root, vault.flavor, mode, considered, rows)
