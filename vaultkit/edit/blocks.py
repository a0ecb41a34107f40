"""Logseq blocks: which block holds a line, and surgical edits of a block's properties.

A block starts at a bullet line (``- text``, indented by tabs or spaces) and runs until the next
bullet line. Its properties are the ``key:: value`` lines right after its first line, indented to
its content (the column after the bullet), which is where Logseq itself writes them.
"""

from __future__ import annotations

import re

from vaultkit.edit.document import Document
from vaultkit.edit.frontmatter import EditRefused
from vaultkit.parse.properties import split_page_list

_BULLET = re.compile(r"([ \t]*)([-*+](?:[ \t]+|$))")
_PROPERTY = re.compile(r"([ \t]*)([A-Za-z0-9_][\w\-.?!*/]*)::(.*)$")


def block_starts(lines: list[str]) -> tuple[list[int | None], list[int | None]]:
    """For each line (0-based): the bullet line of the block holding it, and that of its
    top-level block (``None`` before the first bullet)."""
    starts: list[int | None] = []
    tops: list[int | None] = []
    start: int | None = None
    top: int | None = None
    for number, line in enumerate(lines):
        match = _BULLET.match(line)
        if match:
            start = number
            if not match.group(1) or top is None:
                top = number
        starts.append(start)
        tops.append(top)
    return starts, tops


def is_top_level(line: str) -> bool:
    match = _BULLET.match(line)
    return match is not None and not match.group(1)


def _content_indent(line: str) -> str:
    match = _BULLET.match(line)
    assert match is not None
    return match.group(1) + " " * len(match.group(2).rstrip("\r\n").expandtabs(4))


def block_text(lines: list[str], start: int) -> str:
    """The block's own lines (not its children's), joined."""
    end = start + 1
    while end < len(lines) and not _BULLET.match(lines[end]):
        end += 1
    return "\n".join(lines[start:end])


def _names(value: str) -> list[str]:
    return [name.casefold() for name, _ in split_page_list(value)]


def add_block_property_values(doc: Document, start: int, key: str, values: list[str]) -> bool:
    """Add ``values`` (``[[Page]]``) to the property ``key`` of the block starting at ``start``.

    Returns whether anything changed. The new line takes the block's content indent.
    """
    indent = _content_indent(doc.lines[start])
    wanted = key.lower()
    index = start + 1
    while index < len(doc.lines) and not _BULLET.match(doc.lines[index]):
        match = _PROPERTY.match(doc.lines[index])
        if match is None:
            break
        if match.group(2).lower() == wanted:
            current = match.group(3).strip()
            present = set(_names(current))
            new = [value for value in values if _names(value)[0] not in present]
            if not new:
                return False
            line = doc.lines[index]
            body = line.rstrip()
            separator = ", " if current else " "
            doc.replace_line(index, f"{body}{separator}{', '.join(new)}{line[len(body) :]}")
            return True
        index += 1
    if not values:
        return False
    doc.insert_lines(index, [f"{indent}{key}:: {', '.join(values)}"])
    if _PROPERTY.match(doc.lines[index]) is None:
        raise EditRefused(f"the `{key}::` block property would not read back as intended")
    return True
