"""Human-readable output: one line per problem, grouped by file, then a summary.

    notes/Home.md:3:1: error[broken-heading] [[Machine Learning#Datasets]]: …

Colour only when writing to a terminal (rich decides; ``NO_COLOR`` is honoured).
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape

from vaultkit.check import CheckResult
from vaultkit.output.console import render_to_string
from vaultkit.output.paths import path_display, printable
from vaultkit.problems import Problem, Severity

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


def _lines(result: CheckResult) -> list[tuple[str, Problem] | None]:
    """(shown path, problem) per problem, None between files."""
    lines: list[tuple[str, Problem] | None] = []
    shown = path_display(result.root)
    for path, group in groupby(result.problems, key=lambda problem: problem.path):
        where = printable(shown(path))
        lines.extend((where, problem) for problem in group)
        lines.append(None)
    return lines


def render_text(result: CheckResult, *, colour: bool) -> str:
    """The report as text; with ``colour``, styled for a terminal by rich.

    Plain text is joined directly: rich costs a fraction of a millisecond a line, which a vault
    with thousands of problems would feel on every commit.
    """
    if not colour:
        out = []
        for line in _lines(result):
            if line is None:
                out.append("\n")
                continue
            where, problem = line
            out.append(
                f"{where}:{problem.line}:{problem.column}: {problem.severity.value}"
                f"[{problem.rule}] {printable(problem.message)}\n"
            )
        out.append(summary_line(result) + "\n")
        return "".join(out)
    return render_to_string(lambda console: _render_rich(result, console), to_terminal=True)


def _render_rich(result: CheckResult, console: Console) -> None:
    for line in _lines(result):
        if line is None:
            console.print()
            continue
        where, problem = line
        style = _STYLES[problem.severity]
        console.print(
            f"[bold]{escape(where)}[/]:{problem.line}:{problem.column}: "
            f"[{style}]{problem.severity.value}[/][dim]\\[{problem.rule}][/] "
            f"{escape(printable(problem.message))}",
            soft_wrap=True,
            highlight=False,
        )
    console.print(summary_line(result), highlight=False)
