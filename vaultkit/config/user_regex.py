"""Regular expressions written by a vault's owner (Obsidian's ``/regex/`` "Excluded files").

They come from the repository, which in CI may be a stranger's pull request, and Python's
``re`` backtracks: ``^(a+)+$`` against thirty ``a`` and a ``!`` takes minutes. No pure-Python
engine matches in linear time, so vaultkit refuses the shapes that make backtracking blow up
before it compiles anything:

* a repetition inside a repetition (``(a+)+``, ``(a*b?)*``, ``(?:x{2,})+``);
* a repetition of alternatives (``(a|ab)*``), which can match one text several ways;
* a back-reference (``(a+)\\1``), which no linear engine supports either;
* more than ``MAX_REPEATS`` unbounded repetitions in all (``.*a.*b.*c.*d``, polynomial).

What is left runs in time bounded by a small power of a path's length. A refused pattern is
reported and ignored.
"""

from __future__ import annotations

import re
from re import _parser as sre_parse  # the parser of ``re`` itself (private, stable since 3.11)
from typing import Any

MAX_REPEATS = 3
MAX_LENGTH = 1000
"""Characters a pattern may have."""
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}


class UnsafePattern(ValueError):
    """A pattern refused; the message says why."""


def _has_branch(items: Any) -> bool:
    """Whether ``items`` hold alternatives, in groups too."""
    return any(
        op is sre_parse.BRANCH or (op is sre_parse.SUBPATTERN and _has_branch(value[-1]))
        for op, value in items
    )


def _walk(items: Any, depth: int, counts: list[int]) -> None:
    for op, value in items:
        if op in _REPEATS:
            _, high, body = value
            unbounded = high == sre_parse.MAXREPEAT or high > 100
            if unbounded:
                counts[0] += 1
            if depth and (unbounded or high > 1):
                raise UnsafePattern("it repeats a repetition, which can take exponential time")
            if high > 1 and _has_branch(body):
                raise UnsafePattern("it repeats alternatives, which can take exponential time")
            _walk(body, depth + (1 if high > 1 else 0), counts)
        elif op is sre_parse.SUBPATTERN:
            _walk(value[-1], depth, counts)
        elif op is sre_parse.BRANCH:
            for branch in value[1]:
                _walk(branch, depth, counts)
        elif op in (sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS):
            raise UnsafePattern("it refers back to a group, which can take exponential time")
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            _walk(value[1], depth, counts)


def compile_user_regex(source: str) -> re.Pattern[str]:
    """Compile ``source`` if it cannot backtrack out of bounds; else raise ``UnsafePattern``
    (or ``re.error`` for a pattern that is not valid at all)."""
    if len(source) > MAX_LENGTH:
        raise UnsafePattern(f"it is longer than {MAX_LENGTH} characters")
    counts = [0]
    _walk(sre_parse.parse(source), 0, counts)
    if counts[0] > MAX_REPEATS:
        raise UnsafePattern(
            f"it has more than {MAX_REPEATS} open-ended repetitions, which can take very long"
        )
    return re.compile(source)
