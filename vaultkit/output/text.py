"""Human-readable output: one line per problem, grouped by file, then a summary.

    notes/Home.md:3:1: error[broken-heading] [[Machine Learning#Datasets]]: …

Colour only when writing to a terminal (rich decides; ``NO_COLOR`` is honoured).
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape

from vaultkit.check import CheckResult
from vaultkit.output.paths import display_path, printable
from vaultkit.problems import Severity

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(result: CheckResult) -> str:
    counts = result.counts()
    notes = plural(result.note_count, "note")
    if not result.problems:
        return f"No problems in {notes}."
    parts = [
        plural(counts[severity.value], severity.value)
        for severity in Severity
        if counts[severity.value]
    ]
    parts = [part.replace("infos", "info") for part in parts]
    return f"Found {plural(len(result.problems), 'problem')} ({', '.join(parts)}) in {notes}."


def render_text(result: CheckResult, console: Console) -> None:
    root = result.root
    for _, group in groupby(result.problems, key=lambda problem: problem.path):
        for problem in group:
            where = printable(display_path(root, problem.path))
            style = _STYLES[problem.severity]
            console.print(
                f"[bold]{escape(where)}[/]:{problem.line}:{problem.column}: "
                f"[{style}]{problem.severity.value}[/][dim]\\[{problem.rule}][/] "
                f"{escape(printable(problem.message))}",
                soft_wrap=True,
                highlight=False,
            )
        console.print()
    console.print(summary_line(result), highlight=False)
