"""``vaultkit enrich``: plan the tweet-author enrichment, show it, and write it on request."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from vaultkit.edit.diff import render_diff
from vaultkit.edit.plan import apply_plan
from vaultkit.enrich.plan import plan_enrichment
from vaultkit.output.console import use_colour
from vaultkit.workspace import Workspace


@dataclass(slots=True)
class EnrichRequest:
    path: Path = Path()
    write: bool = False
    output_format: str = "diff"
    check: bool = False
    flavor: str | None = None
    follow_symlinks: bool = False


def run_enrich_command(request: EnrichRequest) -> tuple[str, int]:
    """Returns the report and the exit status.

    Status 1 when a planned change could not be written (the file changed meanwhile, or would
    lead outside the vault), or with ``--check`` when there is anything to change.
    """
    from vaultkit.output import enrich as render

    workspace = Workspace.open(
        request.path, request.flavor, follow_symlinks=request.follow_symlinks
    )
    plan = plan_enrichment(workspace.vault, workspace.settings)
    edits = plan.edits
    for path, reason in edits.skipped:
        sys.stderr.write(f"vaultkit: skipped {path}: {reason}\n")
    if request.output_format == "json":
        return render.render_json(plan), 1 if request.check and edits.changes else 0
    if not request.write:
        text = render_diff(edits, colour=use_colour()) + render.summary(plan) + "\n"
        return text, 1 if request.check and edits.changes else 0
    outcome = apply_plan(edits)
    for message in outcome.refused:
        sys.stderr.write(f"vaultkit: {message}\n")
    report = render.kind_lines(plan) + render.summary(plan, written=outcome.written) + "\n"
    return report, 1 if outcome.refused else 0
