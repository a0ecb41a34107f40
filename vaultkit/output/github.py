"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

    ::error file=notes/Home.md,line=3,col=1,title=broken-heading::[[Note#Nope]]: …

Paths are relative to the working directory (the repository root in a workflow).
"""

from __future__ import annotations

from vaultkit.check.engine import CheckResult
from vaultkit.check.problems import Severity
from vaultkit.output.paths import path_display

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult) -> str:
    lines = []
    shown = path_display(result.root)
    for problem in result.problems:
        path = shown(problem.path)
        properties = ",".join(
            (
                f"file={_escape_property(path)}",
                f"line={problem.line}",
                f"col={problem.column}",
                f"title={_escape_property(problem.rule)}",
            )
        )
        lines.append(f"::{_LEVELS[problem.severity]} {properties}::{_escape_data(problem.message)}")
    return "".join(line + "\n" for line in lines)
