"""Human-readable output: one line per problem, grouped by file, then a summary.

    notes/Home.md:3:1: error[broken-heading] [[Machine Learning#Datasets]]: …

What a person can read: problems below the display threshold (``--show``; ``info`` is hidden by
default) are counted in the summary but not listed, and a link target that many problems share
(a tag used in hundreds of notes that has no page) is folded into one line with a count and the
first few places (``--no-group`` lists each). Colour only on a terminal, or as ``--color`` says.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from rich.console import Console
from rich.markup import escape

from vaultkit.check.engine import CheckResult
from vaultkit.check.problems import Problem, Severity
from vaultkit.model import Flavor
from vaultkit.output.console import render_to_string
from vaultkit.output.paths import path_display, printable

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_VAULT_WORDS = {Flavor.OBSIDIAN: "Obsidian vault", Flavor.LOGSEQ: "Logseq graph"}
GROUP_FROM = 5
"""Problems of one rule about one link target from which they fold into one line."""
EXAMPLES = 3
"""Places a folded line names."""


@dataclass(frozen=True, slots=True)
class TextOptions:
    show: Severity = Severity.WARNING
    """The least severe problems listed."""
    group: bool = True
    quiet: bool = False
    """Only the problems and the summary line: no blank lines between files."""
    statistics: bool = False
    """Also a count of problems per rule."""


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _notes(result: CheckResult) -> str:
    """``12 notes``, or ``5 of 103 notes`` when only some were checked."""
    if result.checked is None:
        notes = plural(result.note_count, "note")
    else:
        notes = f"{result.checked} of {plural(result.note_count, 'note')}"
    return notes


def _end(result: CheckResult) -> str:
    """The summary's end: the vault's kind and root when it was found above the folder given
    (a period after a path such as ``..`` would read as part of it)."""
    if result.root_found:
        return f" ({_VAULT_WORDS[result.flavor]} at {printable(str(result.root))})"
    return "."


def summary_line(result: CheckResult, show: Severity = Severity.INFO) -> str:
    counts = result.counts()
    notes = _notes(result)
    if not result.problems:
        return f"No problems in {notes}{_end(result)}{_baseline_note(result)}"
    parts = []
    hidden = [s for s in Severity if counts[s.value] and s.rank < show.rank]
    for severity in Severity:
        if counts[severity.value]:
            part = plural(counts[severity.value], severity.value).replace("infos", "info")
            parts.append(f"{part} not shown" if severity in hidden else part)
    line = f"Found {plural(len(result.problems), 'problem')} ({', '.join(parts)}) in {notes}"
    if hidden:
        line = f"{line}{_end(result).rstrip('.')}; --show {hidden[-1].value} lists them."
    else:
        line = f"{line}{_end(result)}"
    return line + _baseline_note(result)


def _baseline_note(result: CheckResult) -> str:
    """What the baseline left out, and how many of its entries no longer occur."""
    if result.baselined is None:
        return ""
    note = f" {plural(result.baselined, 'known problem')} in the baseline not shown."
    if result.stale:
        entries = plural(result.stale, "baseline entry").replace("entrys", "entries")
        note += f" {entries} no longer {'occurs' if result.stale == 1 else 'occur'}:"
        note += " --update-baseline drops them."
    return note


Shown = Callable[[str], str]
"""Shows a vault path relative to the current folder (see ``output.paths.path_display``)."""


@dataclass(frozen=True, slots=True)
class _Fold:
    """Problems of one rule about one link target, shown as one line."""

    first: Problem
    count: int
    notes: int
    places: list[str]


def _folds(problems: list[Problem], shown_path: Shown) -> tuple[list[Problem], list[_Fold]]:
    """The problems listed one by one, and the groups folded into one line each."""
    by_target: defaultdict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.target is not None:
            by_target[problem.rule, problem.target.lstrip("!")].append(problem)
    folded = {key: group for key, group in by_target.items() if len(group) >= GROUP_FROM}
    if not folded:
        return problems, []
    members = {id(problem) for group in folded.values() for problem in group}
    single = [problem for problem in problems if id(problem) not in members]
    folds = [
        _Fold(
            group[0],
            len(group),
            len({problem.path for problem in group}),
            [
                f"{printable(shown_path(problem.path))}:{problem.line}:{problem.column}"
                for problem in group[:EXAMPLES]
            ],
        )
        for group in sorted(folded.values(), key=lambda group: (-len(group), group[0].sort_key))
    ]
    return single, folds


Row = tuple[str, "Problem | _Fold | str"]
"""("problem", Problem), ("fold", _Fold), ("text", line) or ("blank", "")."""


def _fold_text(fold: _Fold) -> str:
    target = printable(fold.first.target or "")
    example = ", ".join(fold.places)
    return (
        f"{fold.count} links to {target} in {plural(fold.notes, 'note')}, e.g. {example}"
        " (--no-group lists each)"
    )


def _statistics(result: CheckResult) -> list[str]:
    counted = Counter((problem.rule, problem.severity) for problem in result.problems)
    ordered = sorted(counted.items(), key=lambda item: (-item[1], item[0][0]))
    return ["Problems per rule:"] + [
        f"{count:>8}  {severity.value}[{rule}]" for (rule, severity), count in ordered
    ]


def _rows(result: CheckResult, options: TextOptions) -> list[Row]:
    """What the report shows, in order: problems file by file, folded groups, statistics and
    the summary, with blank lines between parts unless ``quiet``."""
    shown = path_display(result.root)
    listed = [p for p in result.problems if p.severity.rank >= options.show.rank]
    single, folds = _folds(listed, shown) if options.group else (listed, [])
    rows: list[Row] = []
    for _, group in groupby(single, key=lambda problem: problem.path):
        rows.extend(("problem", problem) for problem in group)
        if not options.quiet:
            rows.append(("blank", ""))
    rows.extend(("fold", fold) for fold in folds)
    if folds and not options.quiet:
        rows.append(("blank", ""))
    if options.statistics:
        rows.extend(("text", line) for line in _statistics(result))
        if not options.quiet:
            rows.append(("blank", ""))
    rows.append(("text", summary_line(result, options.show)))
    fixable = sum(1 for problem in result.problems if problem.fix and problem.fix.safe)
    if fixable and not options.quiet:
        have = "has" if fixable == 1 else "have"
        rows.append(
            ("text", f"{plural(fixable, 'problem')} {have} a safe fix: run `vaultkit fix`.")
        )
    return rows


def render_text(result: CheckResult, *, colour: bool, options: TextOptions | None = None) -> str:
    """The report as text; with ``colour``, styled for a terminal by rich.

    Plain text is joined directly: rich costs a fraction of a millisecond a line, which a vault
    with thousands of problems would feel on every commit.
    """
    options = options or TextOptions()
    shown = path_display(result.root)
    rows = _rows(result, options)
    if not colour:
        out = []
        for kind, item in rows:
            if kind == "problem":
                assert isinstance(item, Problem)
                out.append(
                    f"{printable(shown(item.path))}:{item.line}:{item.column}: "
                    f"{item.severity.value}[{item.rule}] {printable(item.message)}\n"
                )
            elif kind == "fold":
                assert isinstance(item, _Fold)
                out.append(f"{item.first.severity.value}[{item.first.rule}] {_fold_text(item)}\n")
            else:
                out.append(f"{item}\n")
        return "".join(out)
    return render_to_string(
        lambda console: _render_rich(rows, shown, console), to_terminal=True, mode="always"
    )


def _render_rich(rows: list[Row], shown: Shown, console: Console) -> None:
    for kind, item in rows:
        if kind == "problem":
            assert isinstance(item, Problem)
            where = printable(shown(item.path))
            style = _STYLES[item.severity]
            console.print(
                f"[bold]{escape(where)}[/]:{item.line}:{item.column}: "
                f"[{style}]{item.severity.value}[/][dim]\\[{item.rule}][/] "
                f"{escape(printable(item.message))}",
                soft_wrap=True,
                highlight=False,
            )
        elif kind == "fold":
            assert isinstance(item, _Fold)
            style = _STYLES[item.first.severity]
            console.print(
                f"[{style}]{item.first.severity.value}[/][dim]\\[{item.first.rule}][/] "
                f"{escape(_fold_text(item))}",
                soft_wrap=True,
                highlight=False,
            )
        elif kind == "blank":
            console.print()
        else:
            console.print(str(item), highlight=False, soft_wrap=True)
