"""Render an enrichment plan: a unified diff per file and a summary, or JSON."""

from __future__ import annotations

import difflib
import json

from rich.console import Console
from rich.markup import escape

from vaultkit.edit.write import FileChange
from vaultkit.enrich.plan import EnrichPlan

_DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


def _decode(data: bytes | None) -> list[str]:
    if data is None:
        return []
    return data.decode("utf-8", "replace").removeprefix("\ufeff").splitlines(keepends=True)


def unified_diff(change: FileChange) -> list[str]:
    before = "/dev/null" if change.is_new else f"a/{change.path}"
    lines = list(
        difflib.unified_diff(
            _decode(change.before), _decode(change.after), before, f"b/{change.path}"
        )
    )
    return [
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in lines
    ]


def summary(plan: EnrichPlan, *, written: int | None = None) -> str:
    created = sum(1 for change in plan.changes if change.is_new)
    updated = len(plan.changes) - created
    authors = len(plan.authors)
    head = f"{authors} author{'s' if authors != 1 else ''}"
    if not plan.changes:
        return f"{head}; nothing to change."
    files = f"{created} new author page{'s' if created != 1 else ''}, {updated} updated file" + (
        "s" if updated != 1 else ""
    )
    if written is None:
        return f"{head}; would write {files}. Run with --write to apply."
    return f"{head}; wrote {written} of {len(plan.changes)} files ({files})."


def render_diff(plan: EnrichPlan, console: Console) -> None:
    for change in plan.changes:
        for line in unified_diff(change):
            text = line.rstrip("\r\n")
            style = _DIFF_STYLES.get(text[:1]) if not text.startswith(("+++", "---")) else "bold"
            console.print(
                f"[{style}]{escape(text)}[/]" if style else escape(text),
                highlight=False,
                soft_wrap=True,
            )


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
        "changes": [
            {
                "path": change.path,
                "action": "create" if change.is_new else "update",
                "reasons": list(change.reasons),
                "diff": "".join(unified_diff(change)),
            }
            for change in plan.changes
        ],
        "skipped": [{"path": path, "reason": reason} for path, reason in plan.skipped],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
