"""Render an enrichment plan: its summary, and its json (the diff is ``vaultkit.edit.diff``)."""

from __future__ import annotations

from collections import Counter

from vaultkit.edit.diff import plan_json
from vaultkit.enrich.kinds import NoteKind
from vaultkit.enrich.plan import AUTHOR_PAGE, EnrichPlan
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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def kind_lines(plan: EnrichPlan) -> str:
    """One line per kind of change (clippings, citations, author pages), for ``--write``."""
    counts = Counter(change.kind for change in plan.edits.changes)
    options = plan.options
    lines = []
    if counts[NoteKind.CLIPPING]:
        lines.append(f"clippings: {_plural(counts[NoteKind.CLIPPING], 'note')} given its authors")
    if counts[NoteKind.CITATION]:
        cites = options.cites
        lines.append(f"citations: {_plural(counts[NoteKind.CITATION], 'note')} given {cites}")
    created = sum(1 for c in plan.edits.changes if c.kind == AUTHOR_PAGE and c.is_new)
    updated = counts[AUTHOR_PAGE] - created
    if counts[AUTHOR_PAGE]:
        parts = [f"{created} new" if created else "", f"{updated} updated" if updated else ""]
        lines.append("author pages: " + ", ".join(part for part in parts if part))
    return "".join(line + "\n" for line in lines)


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
        "notes": [
            {"path": path, "kind": verdict.kind.value, "why": verdict.why}
            for path, verdict in sorted(plan.kinds.items())
        ],
        **plan_json(plan.edits),
    }
    return json_text(document)
