"""``--format json``: a stable interface for scripts.

    {"vault": "notes", "flavor": "obsidian", "version": "0.1.0",
     "summary": {"notes": 12, "attachments": 3, "problems": 2,
                 "error": 1, "warning": 1, "info": 0},
     "problems": [{"rule": "broken-link", "severity": "error", "path": "Home.md",
                   "line": 3, "column": 1, "message": "…", "target": "[[Nope]]",
                   "suggestions": ["Note"]}]}

``path`` is relative to the vault root; ``target``, ``suggestions`` and ``fix`` appear when they
apply. A ``fix`` gives the text that replaces the ``range`` (lines and columns as above, the end
exclusive) and its ``applicability``: ``safe`` fixes are applied by ``vaultkit fix``, ``unsafe``
ones only with ``--unsafe-fixes``.
Fields are only ever added, never renamed or removed, within a major version.
"""

from __future__ import annotations

import json
from typing import Any

from vaultkit import __version__
from vaultkit.check.engine import CheckResult
from vaultkit.check.problems import Problem
from vaultkit.model import Fix
from vaultkit.output.paths import encodable


def problem_dict(problem: Problem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": problem.rule,
        "severity": problem.severity.value,
        "path": encodable(problem.path),
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }
    if problem.target is not None:
        data["target"] = problem.target
    if problem.suggestions:
        data["suggestions"] = list(problem.suggestions)
    if problem.fix is not None:
        data["fix"] = fix_dict(problem.fix)
    return data


def fix_dict(fix: Fix) -> dict[str, Any]:
    """``{"applicability": "safe", "replacement": "…", "range": {"start": …, "end": …}}``."""
    end_line, end_column = fix.end
    return {
        "applicability": "safe" if fix.safe else "unsafe",
        "replacement": fix.new,
        "range": {
            "start": {"line": fix.line, "column": fix.column},
            "end": {"line": end_line, "column": end_column},
        },
    }


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render_json(result: CheckResult) -> str:
    """The report, one problem per line (the C encoder is many times faster than ``indent``)."""
    document = {
        "vault": encodable(result.root.as_posix()),
        "flavor": result.flavor.value,
        "version": __version__,
        "summary": {
            "notes": result.note_count,
            "attachments": result.attachment_count,
            "problems": len(result.problems),
            **result.counts(),
        },
    }
    if result.baselined is not None:
        document["summary"]["baseline"] = {"known": result.baselined, "stale": result.stale}  # type: ignore[index]
    head = ",\n".join(f"  {_dumps(key)}: {_dumps(value)}" for key, value in document.items())
    problems = ",\n".join(f"    {_dumps(problem_dict(problem))}" for problem in result.problems)
    body = f"[\n{problems}\n  ]" if problems else "[]"
    return f'{{\n{head},\n  "problems": {body}\n}}\n'
