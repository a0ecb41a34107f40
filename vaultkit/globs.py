"""Path globs for ``exclude`` settings: ``*`` within a folder, ``**`` across folders.

A pattern with no ``/`` matches a file or folder name anywhere (``*.excalidraw.md``); a pattern
ending in ``/`` matches everything under that folder; other patterns match from the vault root.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def _translate(pattern: str) -> str:
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            parts.append(".*")
            index += 2
            continue
        if char == "*":
            parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        else:
            parts.append(re.escape(char))
        index += 1
    return "".join(parts)


def compile_globs(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A predicate telling whether a vault-relative POSIX path matches any of ``patterns``."""
    expressions: list[str] = []
    for pattern in patterns:
        pattern = pattern.strip().lstrip("/") if pattern.strip() != "/" else ""
        if not pattern:
            continue
        anywhere = "/" not in pattern.rstrip("/")
        body = _translate(pattern.rstrip("/"))
        prefix = "(?:.*/)?" if anywhere else ""
        expressions.append(f"{prefix}{body}(?:/.*)?")
    if not expressions:
        return lambda path: False
    compiled = re.compile("|".join(f"(?:{expression})" for expression in expressions))
    return lambda path: compiled.fullmatch(path) is not None
