"""Render an enrichment plan: a unified diff per file and a summary, or JSON."""

from __future__ import annotations

import difflib

from vaultkit.edit.document import Document, NotEditable
from vaultkit.edit.write import FileChange
from vaultkit.enrich.plan import EnrichPlan
from vaultkit.output.paths import json_text

_COLOURS = {"+": "\x1b[32m", "-": "\x1b[31m", "@": "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _decode(data: bytes | None) -> list[str]:
    """The lines of a file as its own encoding (BOM and all) says, for the diff."""
    if data is None:
        return []
    try:
        text = Document.from_bytes(data).text()
    except NotEditable:
        text = data.decode("utf-8", "replace")
    return text.splitlines(keepends=True)


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


def render_diff(plan: EnrichPlan, *, colour: bool) -> str:
    """Every change as a unified diff that ``git apply`` and ``patch`` accept.

    Written as plain text (tabs stay tabs), coloured with ANSI codes only for a terminal.
    """
    out: list[str] = []
    for change in plan.changes:
        for line in unified_diff(change):
            if not colour:
                out.append(line)
                continue
            body = line.rstrip("\r\n")
            ending = line[len(body) :]
            code = _BOLD if body.startswith(("+++", "---")) else _COLOURS.get(body[:1], "")
            out.append(f"{code}{body}{_RESET}{ending}" if code else line)
    return "".join(out)


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
    return json_text(document)
