"""A baseline: the problems a vault already had, so that a check fails only on new ones.

This is how a team adopts a linter on old work (ESLint's bulk suppressions, detekt, PHPStan,
Psalm). ``vaultkit check --update-baseline`` writes every current problem; ``vaultkit check
--baseline FILE`` (or ``baseline = "FILE"`` in ``.vaultkit.toml``) then reports only the ones
that are not in it.

An entry is keyed so that ordinary edits do not churn it: the rule, the note's path and the
link as written (or, for a problem that is not about a link, its message), with a count. Line
numbers are not part of it: a note may grow above a known broken link. A key may match as many
problems as its count; more are new. Entries that no longer occur are counted, so that the file
can be tightened by writing it again. The file is JSON, one entry per line, sorted: fit to
commit and to review in a diff.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from vaultkit.check.problems import Problem
from vaultkit.errors import UsageError

FORMAT = 1
DEFAULT_NAME = ".vaultkit-baseline.json"
Key = tuple[str, str, str]


def problem_key(problem: Problem) -> Key:
    return (problem.rule, problem.path, problem.target or problem.message)


@dataclass(frozen=True, slots=True)
class Filtered:
    """Problems after the baseline: the new ones, and what the baseline accounted for."""

    new: list[Problem]
    known: int
    """Problems the baseline lists, not reported."""
    stale: int
    """Baseline entries (counted one per problem) that no longer occur."""


def load_baseline(path: Path) -> Counter[Key]:
    """The entries of the baseline at ``path``; a missing or damaged file is a usage error."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"no baseline at {path}; write one with `vaultkit check --update-baseline`"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise UsageError(f"cannot read the baseline {path}: {error}") from None
    if not isinstance(document, dict) or document.get("vaultkit-baseline") != FORMAT:
        raise UsageError(f"{path} is not a vaultkit baseline (format {FORMAT})")
    entries = document.get("problems")
    if not isinstance(entries, list):
        raise UsageError(f"{path} is not a vaultkit baseline (format {FORMAT})")
    counts: Counter[Key] = Counter()
    for entry in entries:
        try:
            key = (str(entry["rule"]), str(entry["path"]), str(entry["target"]))
            counts[key] += int(entry["count"])
        except (KeyError, TypeError, ValueError):
            raise UsageError(f"{path}: an entry lacks rule, path, target or count") from None
    return counts


def apply_baseline(
    problems: list[Problem], baseline: Counter[Key], checked: frozenset[str] | None = None
) -> Filtered:
    """Leave out the problems the baseline lists (up to each entry's count). Entries of notes
    outside ``checked`` (None: every note) are not counted as stale."""
    left = Counter(baseline)
    new: list[Problem] = []
    for problem in problems:
        key = problem_key(problem)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(problem)
    stale = sum(count for (_, path, _), count in left.items() if checked is None or path in checked)
    return Filtered(new, len(problems) - len(new), stale)


def baseline_text(problems: list[Problem]) -> str:
    """The baseline for ``problems``: sorted JSON, one entry per line."""
    counts = Counter(problem_key(problem) for problem in problems)
    lines = [
        json.dumps(
            {"rule": rule, "path": path, "target": target, "count": count}, ensure_ascii=False
        )
        for (rule, path, target), count in sorted(counts.items())
    ]
    body = ",\n".join(f"    {line}" for line in lines)
    entries = f"[\n{body}\n  ]" if lines else "[]"
    return f'{{\n  "vaultkit-baseline": {FORMAT},\n  "problems": {entries}\n}}\n'
