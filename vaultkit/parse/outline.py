"""Logseq's reading of a page: an outline of blocks, where indentation is never code.

Logseq reads Markdown with its own parser (mldoc), not CommonMark. A tab- or space-indented
``- child`` under a heading or a paragraph is a child block; CommonMark would call it an
indented code block and hide its links and its ``id::``. In Logseq only these are code:

* fenced code (`````` ``` `````` or ``~~~``, at any indentation, after a bullet or not);
* ``#+BEGIN_SRC``, ``#+BEGIN_QUERY``, ``#+BEGIN_EXAMPLE``, ``#+BEGIN_EXPORT`` and
  ``#+BEGIN_COMMENT`` … ``#+END_…`` blocks (any case): what Logseq shows as code, a query or
  nothing at all holds no links. ``#+BEGIN_QUOTE``, ``#+BEGIN_NOTE``, ``#+BEGIN_TIP`` and the
  other admonitions hold text, and their links count;
* inline code, masked later by ``inline.mask_code_spans`` within the groups found here.

The result has the shape of :func:`vaultkit.parse.blocks.scan_blocks`' so the rest of the
parser does not care which app's reading made it: the text with code lines blanked, the
headings, and the line groups (one per block) inside which inline code spans may pair up.
"""

from __future__ import annotations

import re

from vaultkit.model import Heading
from vaultkit.parse.blocks import ATX, BlockScan, heading_text

_BULLET = re.compile(r"[ \t]*(?:[-*+][ \t]+|[-*+]$)?")
"""Indentation and the block's bullet, if the line starts a block."""
_BLOCK_START = re.compile(r"[ \t]*[-*+](?:[ \t]|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_BEGIN = re.compile(r"#\+BEGIN_(\w+)", re.IGNORECASE)
CODE_BLOCKS = frozenset({"SRC", "QUERY", "EXAMPLE", "EXPORT", "COMMENT"})
"""``#+BEGIN_X`` blocks whose content Logseq shows as code, runs as a query, or hides."""


def scan_outline(text: str) -> BlockScan:
    """Scan a Logseq page (``\\n`` line ends): blank its code, find headings and blocks."""
    lines = text.split("\n")
    scan = BlockScan(text)
    code_lines: list[int] = []
    closing: re.Pattern[str] | None = None
    group_start: int | None = None

    def close_group(end: int) -> None:
        nonlocal group_start
        if group_start is not None and end > group_start:
            scan.groups.append((group_start, end))
        group_start = None

    for number, line in enumerate(lines):
        if closing is not None:
            code_lines.append(number)
            if closing.match(line):
                closing = None
            continue
        if not line.strip():
            close_group(number)
            continue
        rest = line[_BULLET.match(line).end() :]  # type: ignore[union-attr]
        fence = _FENCE.match(rest)
        if fence:
            marker = fence.group(1)
            if marker[0] != "`" or "`" not in rest[fence.end() :]:
                closing = re.compile(rf"[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
                close_group(number)
                code_lines.append(number)
                continue
        begin = _BEGIN.match(rest)
        if begin and begin.group(1).upper() in CODE_BLOCKS:
            name = re.escape(begin.group(1))
            closing = re.compile(rf"[ \t]*(?:[-*+][ \t]+)?#\+END_{name}\b", re.IGNORECASE)
            close_group(number)
            code_lines.append(number)
            continue
        if _BLOCK_START.match(line):
            close_group(number)
        heading = ATX.match(rest)
        if heading:
            column = len(line) - len(rest) + 1
            title = heading_text(heading.group(2) or "")
            scan.headings.append(Heading(len(heading.group(1)), title, number + 1, column))
        if group_start is None:
            group_start = number
    close_group(len(lines))
    if code_lines:
        for number in code_lines:
            lines[number] = " " * len(lines[number])
        scan.text = "\n".join(lines)
    return scan
