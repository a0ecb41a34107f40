"""``vaultkit enrich``: plan the tweet-author enrichment, show it, and write it on request."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from vaultkit.edit.write import WriteRefused, write_change
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
    for path, reason in plan.skipped:
        sys.stderr.write(f"vaultkit: skipped {path}: {reason}\n")
    if request.output_format == "json":
        return render.render_json(plan), 1 if request.check and plan.changes else 0
    if not request.write:
        text = render.render_diff(plan, colour=use_colour()) + render.summary(plan) + "\n"
        return text, 1 if request.check and plan.changes else 0
    written = 0
    failed = False
    for change in plan.changes:
        try:
            write_change(workspace.root, change)
        except (WriteRefused, OSError) as error:
            failed = True
            message = str(error) if isinstance(error, WriteRefused) else f"{change.path}: {error}"
            sys.stderr.write(f"vaultkit: {message}\n")
            continue
        written += 1
    return render.summary(plan, written=written) + "\n", 1 if failed else 0
