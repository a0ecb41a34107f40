"""Render an enrichment plan: its summary, and its json (the diff is ``vaultkit.edit.diff``)."""

from __future__ import annotations

from vaultkit.edit.diff import plan_json
from vaultkit.enrich.plan import EnrichPlan
from vaultkit.output.paths import json_text


def summary(plan: EnrichPlan, *, written: int | None = None) -> str:
    changes = plan.edits.changes
    created = plan.edits.created
    updated = len(changes) - created
    authors = len(plan.authors)
    head = f"{authors} author{'s' if authors != 1 else ''}"
    if not changes:
        return f"{head}; nothing to change."
    files = f"{created} new author page{'s' if created != 1 else ''}, {updated} updated file" + (
        "s" if updated != 1 else ""
    )
    if written is None:
        return f"{head}; would write {files}. Run with --write to apply."
    return f"{head}; wrote {written} of {len(changes)} files ({files})."


def render_json(plan: EnrichPlan) -> str:
    document = {
        "vault": plan.vault.root.as_posix(),
        "flavor": plan.vault.flavor.value,
        "authors": [
            {
                "handle": page.author.handle,
                "display_name": page.author.display_name,
                "page": page.path,
                "page_exists": page.exists,
                "notes": sorted(page.author.citations),
            }
            for page in plan.authors
        ],
        **plan_json(plan.edits),
    }
    return json_text(document)
