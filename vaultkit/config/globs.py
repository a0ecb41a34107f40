"""Path globs for ``exclude`` settings: ``*`` within a folder, ``**`` across folders.

A pattern with no ``/`` matches a file or folder name anywhere (``*.excalidraw.md``); a pattern
ending in ``/`` matches everything under that folder; other patterns match from the vault root.
Every character of a name counts, a line feed included.

Patterns come from the repository, which in CI may be a stranger's pull request, so matching
must stay linear: a backtracking regular expression takes time exponential in the number of
wildcards (``**a**a**a**a**a**a**a**a**c`` against a long name). A pattern with at most two
wildcards (counting the "anywhere" prefix) is matched by ``re``, whose backtracking is then
bounded by a small power of the path's length; any other is matched by simulating its automaton,
one step per character of the path and wildcard of the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_ANY, _NAME_CHAR, _NAME_RUN, _ANY_RUN = "any", "?", "*", "**"
Token = tuple[str, str]
"""(kind, literal character): a literal, ``?``, ``*`` (within a name) or ``**`` (any run)."""
REGEX_WILDCARDS = 2
"""Wildcards up to which a pattern is left to ``re``."""


def _tokens(pattern: str, anywhere: bool) -> list[Token]:
    """The pattern as tokens, with the "anywhere" prefix and the "under a folder" suffix.

    ``**/`` is "any run ending in ``/``, or nothing", written as an optional group.
    """
    tokens: list[Token] = [("opt-folders", "")] if anywhere else []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            tokens.append(("opt-folders", ""))
            index += 3
        elif pattern.startswith("**", index):
            tokens.append((_ANY_RUN, ""))
            index += 2
        elif pattern[index] == "*":
            tokens.append((_NAME_RUN, ""))
            index += 1
        elif pattern[index] == "?":
            tokens.append((_NAME_CHAR, ""))
            index += 1
        else:
            tokens.append(("literal", pattern[index]))
            index += 1
    tokens.append(("opt-below", ""))
    return tokens


def _regex(tokens: list[Token]) -> str:
    pieces = {
        "opt-folders": "(?:.*/)?",
        _ANY_RUN: ".*",
        _NAME_RUN: "[^/]*",
        _NAME_CHAR: "[^/]",
        "opt-below": "(?:/.*)?",
    }
    return "".join(re.escape(char) if kind == "literal" else pieces[kind] for kind, char in tokens)


def _automaton_matcher(tokens: list[Token]) -> Callable[[str], bool]:
    """Match by keeping the set of pattern positions reachable after each character.

    Position ``i`` means "tokens before ``i`` matched"; each optional group has an inner
    position (``-i - 1``) for "inside the group, before its closing ``/``".
    """
    end = len(tokens)

    def closure(positions: set[int]) -> set[int]:
        stack = list(positions)
        while stack:
            position = stack.pop()
            if 0 <= position < end:
                kind = tokens[position][0]
                if kind in (_NAME_RUN, _ANY_RUN, "opt-folders", "opt-below"):
                    following = [position + 1]
                    if kind == "opt-folders":
                        following.append(-position - 1)
                    for reached in following:
                        if reached not in positions:
                            positions.add(reached)
                            stack.append(reached)
        return positions

    def step(position: int, char: str) -> list[int]:
        if position < 0:  # inside an optional group of folders or of what lies below
            inner = -position - 1
            kind = tokens[inner][0]
            if kind == "opt-folders":
                return [position, inner + 1] if char == "/" else [position]
            return [position]
        if position == end:
            return []
        kind, literal = tokens[position]
        if kind == "literal":
            return [position + 1] if char == literal else []
        if kind == _NAME_CHAR:
            return [position + 1] if char != "/" else []
        if kind == _NAME_RUN:
            return [position] if char != "/" else []
        if kind == _ANY_RUN:
            return [position]
        if kind == "opt-below" and char == "/":
            return [-position - 1]
        return []

    def matches(path: str) -> bool:
        positions = closure({0})
        for char in path:
            positions = closure({after for before in positions for after in step(before, char)})
            if not positions:
                return False
        return end in positions or any(
            position < 0 and tokens[-position - 1][0] == "opt-below" for position in positions
        )

    return matches


def _wildcards(tokens: list[Token]) -> int:
    return sum(1 for kind, _ in tokens if kind in (_NAME_RUN, _ANY_RUN, "opt-folders"))


def compile_globs(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A predicate telling whether a vault-relative POSIX path matches any of ``patterns``."""
    expressions: list[str] = []
    automata: list[Callable[[str], bool]] = []
    for pattern in patterns:
        pattern = pattern.strip().lstrip("/") if pattern.strip() != "/" else ""
        if not pattern:
            continue
        anywhere = "/" not in pattern.rstrip("/")
        tokens = _tokens(pattern.rstrip("/"), anywhere)
        if _wildcards(tokens) <= REGEX_WILDCARDS:
            expressions.append(_regex(tokens))
        else:
            automata.append(_automaton_matcher(tokens))
    compiled = (
        re.compile("|".join(f"(?:{expression})" for expression in expressions), re.DOTALL)
        if expressions
        else None
    )

    def matches(path: str) -> bool:
        if compiled is not None and compiled.fullmatch(path) is not None:
            return True
        return any(automaton(path) for automaton in automata)

    return matches
