"""Logseq ``key:: value`` properties: the page properties of the first block and their lists."""

from __future__ import annotations

import re
from itertools import pairwise

from vaultkit.model import Property
from vaultkit.parse.search import contains

_PROPERTY = re.compile(r"([ \t]*(?:[-*+][ \t]+)?)([A-Za-z0-9_][\w\-.?!*/]*)::(?:[ \t]+(.*))?$")
"""A ``key:: value`` line; the value's trailing white space is stripped in code (a lazy
value followed by optional spaces would backtrack quadratically on a run of spaces)."""
BULLET = re.compile(r"[ \t]*[-*+](?:[ \t]|$)")
_LIST_TOKEN = re.compile(r"\[\[|\]\]|,")


def _property(line: str, number: int) -> Property | None:
    match = _PROPERTY.match(line)
    if match is None:
        return None
    value = (match.group(3) or "").rstrip(" \t")
    value_column = (match.start(3) if match.group(3) is not None else match.end(2) + 2) + 1
    return Property(match.group(2), value, number, len(match.group(1)) + 1, value_column)


_ANY_PROPERTY = re.compile(
    r"^([ \t]*(?:[-*+][ \t]+)?)([A-Za-z0-9_][\w\-.?!*/]*)::(?:[ \t]+(.*))?$", re.MULTILINE
)


def all_properties(text: str) -> list[Property]:
    """Every ``key:: value`` line of the (code-masked) text: page and block properties."""
    if not contains(text, "::"):
        return []
    found: list[Property] = []
    line = 1
    position = 0
    for match in _ANY_PROPERTY.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        value_start = match.start(3) if match.group(3) is not None else match.end(2) + 2
        found.append(
            Property(
                match.group(2),
                (match.group(3) or "").rstrip(" \t"),
                line,
                len(match.group(1)) + 1,
                value_start - match.start() + 1,
            )
        )
    return found


def page_properties(lines: list[str], first_line: int) -> list[Property]:
    """The ``key:: value`` lines of the page's first block.

    ``lines`` are the note's lines (code masked) and ``first_line`` the 1-based line where the
    body starts (after any front-matter). Logseq writes page properties as lines before the first
    bullet; a first bullet block made only of properties is read the same way.
    """
    number = first_line - 1
    while number < len(lines) and not lines[number].strip():
        number += 1
    if number >= len(lines):
        return []
    found: list[Property] = []
    if BULLET.match(lines[number]):
        first = _property(lines[number], number + 1)
        if first is None:
            return []
        found.append(first)
        number += 1
        while number < len(lines) and lines[number].strip() and not BULLET.match(lines[number]):
            prop = _property(lines[number], number + 1)
            if prop is None:
                return []
            found.append(prop)
            number += 1
        return found
    while number < len(lines) and not BULLET.match(lines[number]):
        prop = _property(lines[number], number + 1) if lines[number].strip() else None
        if prop is not None:
            found.append(prop)
        elif lines[number].strip():
            break
        number += 1
    return found


def _item_bounds(value: str) -> list[tuple[int, int]]:
    """Where the comma-separated items of ``value`` start and end.

    A comma inside ``[[…]]`` belongs to the page name. One pass over the value; if a ``[[`` is
    never closed, its brackets are plain text and every comma separates.
    """
    bounds: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for token in _LIST_TOKEN.finditer(value):
        mark = token.group()
        if mark == "[[":
            depth += 1
        elif mark == "]]":
            depth = max(0, depth - 1)
        elif depth == 0:
            bounds.append((start, token.start()))
            start = token.end()
    if depth:
        positions = [-1, *(index for index, char in enumerate(value) if char == ","), len(value)]
        return [(before + 1, after) for before, after in pairwise(positions)]
    bounds.append((start, len(value)))
    return bounds


def split_page_list(value: str) -> list[tuple[str, int]]:
    """Split a ``tags::``/``alias::`` value into page names with their offsets in ``value``.

    ``[[a, b]]`` is one name (the comma is inside the brackets); ``#x`` and ``[[x]]`` lose their
    marks. Offsets point at the item as written.
    """
    items: list[tuple[str, int]] = []
    for start, end in _item_bounds(value):
        raw = value[start:end]
        stripped = raw.strip()
        if not stripped:
            continue
        offset = start + raw.index(stripped)
        name = stripped
        if name.startswith("#[[") and name.endswith("]]"):
            name = name[3:-2]
        elif name.startswith("[[") and name.endswith("]]"):
            name = name[2:-2]
        elif name.startswith("#"):
            name = name[1:]
        name = name.strip()
        if name:
            items.append((name, offset))
    return items
