"""Show an edit plan: a unified diff per file that ``git apply`` and ``patch`` accept, or json."""

from __future__ import annotations

import difflib
from typing import Any

from vaultkit.edit.document import Document, NotEditable
from vaultkit.edit.plan import EditPlan
from vaultkit.edit.write import FileChange

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


def render_diff(plan: EditPlan, *, colour: bool) -> str:
    """Every change as a unified diff, coloured with ANSI codes only for a terminal.

    Written as plain text (tabs stay tabs).
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


def plan_json(plan: EditPlan) -> dict[str, Any]:
    """The plan's changes and skipped files, for a command's ``--format json``."""
    return {
        "changes": [
            {
                "path": change.path,
                "action": "create" if change.is_new else "update",
                **({"kind": change.kind} if change.kind else {}),
                "reasons": list(change.reasons),
                "diff": "".join(unified_diff(change)),
            }
            for change in plan.changes
        ],
        "skipped": [{"path": path, "reason": reason} for path, reason in plan.skipped],
    }
