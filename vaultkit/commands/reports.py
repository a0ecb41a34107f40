"""``vaultkit orphans``, ``backlinks``, ``links`` and ``stats``: reports built on the graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vaultkit.output.console import render_to_string
from vaultkit.output.paths import path_display
from vaultkit.reports.orphans import OrphanMode
from vaultkit.workspace import Workspace, find_vault_root


@dataclass(slots=True)
class OrphansRequest:
    path: Path = Path()
    output_format: str = "table"
    output: Path | None = None
    mode: OrphanMode = OrphanMode.ORPHANS
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on_orphans: bool = False
    flavor: str | None = None
    follow_symlinks: bool = False


def _inside(root: Path, file: Path | None) -> str | None:
    """``file`` as a vault-relative POSIX path, when it lies inside the vault."""
    if file is None:
        return None
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def run_orphans_command(request: OrphansRequest) -> tuple[str, int]:
    from vaultkit.output import orphans as render

    workspace = Workspace.open(
        request.path, request.flavor, follow_symlinks=request.follow_symlinks
    )
    report = workspace.orphans(
        request.mode, request.include, request.exclude, _inside(request.path, request.output)
    )
    if request.output_format == "json":
        text = render.render_json(report)
    elif request.output_format == "csv":
        text = render.render_csv(report)
    elif request.output_format == "markdown":
        report_path = _inside(request.path, request.output) or ""
        folder = report_path.rsplit("/", 1)[0] if "/" in report_path else ""
        text = render.render_markdown(report, workspace.vault.notes, date.today(), folder)
    else:
        text = render_to_string(
            lambda console: render.render_table(report, console),
            to_terminal=request.output is None,
        )
    failing = request.fail_on_orphans and bool(report.rows)
    return text, 1 if failing else 0


@dataclass(slots=True)
class LinksRequest:
    note: str
    vault: Path | None = None
    output_format: str = "text"
    outgoing: bool = False
    flavor: str | None = None
    follow_symlinks: bool = False


def _vault_for_note(request: LinksRequest) -> tuple[Path, str]:
    """The vault root and the note query (a path given on the command line becomes relative)."""
    given = Path(request.note)
    if request.vault is None and given.is_file():
        root = find_vault_root(given.absolute().parent) or Path()
        return root, _inside(root, given) or request.note
    root = request.vault or Path()
    if given.is_file():
        return root, _inside(root, given) or request.note
    return root, request.note


def run_links_command(request: LinksRequest) -> str:
    from vaultkit.output.links import Subject, render_rows, render_rows_json

    root, query = _vault_for_note(request)
    workspace = Workspace.open(root, request.flavor, follow_symlinks=request.follow_symlinks)
    note = workspace.find_note(query)
    if note is not None:
        subject = Subject(note.title, note.path)
        rows = workspace.links(note) if request.outgoing else workspace.backlinks(note)
    elif request.outgoing:
        raise workspace.no_note(query)
    else:
        subject = Subject(query.strip(), None)
        rows = workspace.links_to(query)
    if request.output_format == "json":
        return render_rows_json("links" if request.outgoing else "backlinks", subject, rows)
    title = "Links from" if request.outgoing else "Backlinks to"
    shown = path_display(workspace.root)
    return render_to_string(
        lambda console: render_rows(
            title, subject, rows, console, show_targets=request.outgoing, shown=shown
        ),
        to_terminal=True,
    )


def run_stats_command(
    path: Path, output_format: str, flavor: str | None, *, follow_symlinks: bool = False
) -> str:
    from vaultkit.output.stats import render_stats, render_stats_json

    workspace = Workspace.open(path, flavor, follow_symlinks=follow_symlinks)
    stats = workspace.stats()
    if output_format == "json":
        return render_stats_json(stats, workspace.root)
    return render_to_string(lambda console: render_stats(stats, console), to_terminal=True)
