"""The code-aware line scanner: finds code blocks, headings and paragraph groups in one pass.

A full Markdown AST costs about a millisecond per note; this scanner follows the CommonMark
block rules that decide what is code (fenced blocks, indented blocks, list-item nesting, block
quotes, lazy continuation lines) and what is a heading (ATX and setext), and nothing more.
``tests/test_scanner_vs_mistune.py`` holds it against mistune on generated Markdown.

The result is the note's text with every code line blanked to spaces (line breaks kept, so
offsets, lines and columns stay those of the file), the headings, and the runs of lines that
form one paragraph-like group (where inline code spans may pair up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vaultkit.model import Heading

_LIST_MARKER = re.compile(r"([-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r"(`{3,}|~{3,})[ \t]*$")
ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*))?$")
"""An ATX heading; its closing ``#`` sequence is stripped by ``heading_text`` (a regex that
did both would backtrack quadratically on a long run of spaces)."""
MAX_LIST_NESTING = 32
"""List markers opened on one line (``- - - a``) beyond which the rest is plain text."""
_THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT_UNDERLINE = re.compile(r"(=+|-+)[ \t]*$")
_BREAK_CHARS = frozenset("*-_")
_SIMPLE_BULLETS = frozenset({"- ", "* ", "+ "})
_INDENT_CHARS = frozenset(" \t")
_QUOTE_PREFIX = re.compile(r"(?: {0,3}>[ \t]?)*")
_QUOTE_MARKER = re.compile(r" {0,3}>[ \t]?")
_MAY_START_A_BLOCK = frozenset(" \t>-*+=_#~`0123456789") | {""}
"""First characters of a line that may be anything but plain paragraph text (``""``: blank)."""


@dataclass(slots=True)
class BlockScan:
    text: str
    """The scanned text with code lines replaced by spaces."""
    headings: list[Heading] = field(default_factory=list)
    groups: list[tuple[int, int]] = field(default_factory=list)
    """Runs of lines (0-based, end exclusive) whose inline content belongs together."""


@dataclass(slots=True)
class _Fence:
    char: str
    length: int
    container_indent: int
    """Content column of the list item holding the fence; a line left of it ends the block."""
    quote_depth: int


def _indent_width(line: str, start: int = 0) -> tuple[int, int]:
    """Return (columns, characters) of the leading white space, tabs to the next stop of 4.

    ``start`` is the column where ``line`` begins (a tab after a list marker stops at the next
    multiple of 4 of the whole line, not of the text after the marker).
    """
    if line[:1] not in (" ", "\t"):
        return 0, 0
    chars = len(line) - len(line.lstrip(" \t"))
    lead = line[:chars]
    if "\t" not in lead:
        return chars, chars
    return len((" " * start + lead).expandtabs(4)) - start, chars


def heading_text(content: str) -> str:
    """An ATX heading's text without its closing sequence (``## Title ##`` → ``Title``)."""
    text = content.strip(" \t")
    without = text.rstrip("#")
    if without != text and (not without or without[-1] in " \t"):
        text = without.rstrip(" \t")
    return text


def _fence_open(rest: str) -> re.Match[str] | None:
    """A fence opening ``rest``; a backtick fence's info string may not hold a backtick."""
    match = _FENCE_OPEN.match(rest)
    if match and match.group(1)[0] == "`" and "`" in match.group(2):
        return None
    return match


def _strip_quotes(line: str, most: int | None = None) -> tuple[str, int]:
    """Remove block-quote markers (``>`` with up to 3 spaces before it); return rest and depth.

    With ``most``, no more than that many markers are removed.
    """
    if ">" not in line[:4]:
        return line, 0
    if most is None:
        prefix = _QUOTE_PREFIX.match(line)
        assert prefix is not None
        return line[prefix.end() :], prefix.group().count(">")
    depth = 0
    while depth < most and (marker := _QUOTE_MARKER.match(line)):
        line = line[marker.end() :]
        depth += 1
    return line, depth


def _starts_block(rest: str) -> bool:
    """Whether a line that is not indented enough for the open list item starts a new block.

    Such a line ends the list item; any other line after a paragraph line is a lazy
    continuation of that paragraph and keeps the list open.
    """
    return bool(
        _LIST_MARKER.match(rest)
        or _fence_open(rest)
        or ATX.match(rest)
        or _THEMATIC_BREAK.match(rest)
        or rest.startswith(">")
    )


def _can_interrupt_paragraph(marker: re.Match[str], rest: str) -> bool:
    """Only a non-empty list item, numbered 1 if ordered, may interrupt a paragraph."""
    if not rest[marker.end() :].strip():
        return False
    number = marker.group(1)[:-1]
    return not number.isdigit() or int(number) == 1


def _is_break(rest: str) -> bool:
    return rest[:1] in _BREAK_CHARS and _THEMATIC_BREAK.match(rest) is not None


def _open_list_items(rest: str, width: int, containers: list[int]) -> str:
    """Push the content column of each list marker opening ``rest`` (``- - a`` opens two).

    Returns the text after the markers.
    """
    if rest[:2] in _SIMPLE_BULLETS and rest[2:3] not in _MAY_START_A_BLOCK:
        containers.append(width + 2)  # "- text": the commonest line of all
        return rest[2:]
    column = width
    marker = _LIST_MARKER.match(rest)
    opened = 0
    while marker and not _is_break(rest) and opened < MAX_LIST_NESTING:
        opened += 1
        after = rest[marker.end() :]
        marker_end = column + marker.end()
        pad, pad_chars = _indent_width(after, marker_end)
        column = marker_end + 1 if pad > 4 or pad_chars == len(after) else marker_end + pad
        containers.append(column)
        rest = after[pad_chars:]
        marker = _LIST_MARKER.match(rest)
    return rest


def scan_blocks(text: str) -> BlockScan:
    """Scan ``text`` (``\\n`` line ends) and return its masked copy, headings and groups."""
    lines = text.split("\n")
    code_lines: list[int] = []
    scan = BlockScan(text)
    containers: list[int] = []
    fence: _Fence | None = None
    in_paragraph = False
    paragraph_start = 0
    paragraph_first = ""
    group_start: int | None = None

    groups = scan.groups

    def close_group(end: int) -> None:
        nonlocal group_start
        if group_start is not None and end > group_start:
            groups.append((group_start, end))
        group_start = None

    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        first = line[:1]
        # Fast paths for the commonest lines of most notes; each does exactly what the general
        # steps below would do with such a line.
        if fence is None:
            if first not in _MAY_START_A_BLOCK:
                # Prose at the left margin: continues the open paragraph, or starts one outside
                # every list.
                if not in_paragraph:
                    containers.clear()
                    close_group(index)
                    group_start = paragraph_start = index
                    paragraph_first = line
                    in_paragraph = True
                index += 1
                continue
            if not line:
                if group_start is not None and index > group_start:  # close_group, inlined
                    groups.append((group_start, index))
                group_start = None
                in_paragraph = False
                index += 1
                continue
            if line[:2] in _SIMPLE_BULLETS and line[2:3] not in _MAY_START_A_BLOCK:
                # "- text" at the left margin: a new top-level list item holding a paragraph.
                containers.clear()
                containers.append(2)
                if group_start is not None and index > group_start:  # close_group, inlined
                    groups.append((group_start, index))
                group_start = paragraph_start = index
                paragraph_first = line[2:]
                in_paragraph = True
                index += 1
                continue
            if first == "#":
                atx = ATX.match(line)
                if atx:
                    containers.clear()
                    close_group(index)
                    title = heading_text(atx.group(2) or "")
                    scan.headings.append(Heading(len(atx.group(1)), title, index + 1, 1))
                    scan.groups.append((index, index + 1))
                    in_paragraph = False
                    index += 1
                    continue
        elif (
            first != fence.char
            and first not in _INDENT_CHARS
            and not fence.container_indent
            and not fence.quote_depth
        ):
            # A code line at the left margin of a top-level fence: it neither closes the
            # fence nor leaves a container.
            code_lines.append(index)
            index += 1
            continue
        content, quote_depth = _strip_quotes(line)
        if fence is not None and quote_depth > fence.quote_depth:
            # Inside the fence a deeper ``>`` is code text: "> ```" does not close it.
            content, quote_depth = _strip_quotes(line, fence.quote_depth)
        width, chars = _indent_width(content)
        blank = chars == len(content)

        if fence is not None:
            ends_container = not blank and (
                width < fence.container_indent or quote_depth < fence.quote_depth
            )
            if ends_container:
                fence = None
            else:
                code_lines.append(index)
                rest = content[chars:]
                match = _FENCE_CLOSE.match(rest)
                if (
                    match
                    and match.group(1)[0] == fence.char
                    and len(match.group(1)) >= fence.length
                    and width - fence.container_indent < 4
                ):
                    fence = None
                index += 1
                continue

        if blank:
            close_group(index)
            in_paragraph = False
            index += 1
            continue

        rest = content[chars:]
        if containers and width < containers[-1]:
            # Short of the open item's content: a lazy continuation of its paragraph, unless
            # the line starts a block. Indented four or more past the deepest container it
            # still reaches, it could only start indented code, which interrupts no paragraph.
            reached = max((column for column in containers if column <= width), default=0)
            if in_paragraph and (width - reached >= 4 or not _starts_block(rest)):
                index += 1
                continue
            while containers and width < containers[-1]:
                containers.pop()
            # The paragraph belonged to the item just closed: an underline here is no setext
            # heading, and a list marker here does not interrupt it.
            close_group(index)
            in_paragraph = False
        base = containers[-1] if containers else 0

        if width - base >= 4:
            if not in_paragraph:
                code_lines.append(index)
                close_group(index)
            index += 1
            continue

        marker = _LIST_MARKER.match(rest)
        is_break = _is_break(rest)
        if marker and in_paragraph and not _can_interrupt_paragraph(marker, rest):
            marker = None
        if marker and not is_break:
            while containers and containers[-1] > width:
                containers.pop()
            rest = _open_list_items(rest, width, containers)
            close_group(index)
            group_start = index
            in_paragraph = False
            if not rest:
                index += 1
                continue
            if rest[0] not in _MAY_START_A_BLOCK:
                # A list item of plain text: it opens a paragraph; nothing else to look for.
                paragraph_start = index
                paragraph_first = rest
                in_paragraph = True
                index += 1
                continue

        fence_match = _fence_open(rest)
        if fence_match:
            fence = _Fence(
                char=fence_match.group(1)[0],
                length=len(fence_match.group(1)),
                container_indent=containers[-1] if containers else 0,
                quote_depth=quote_depth,
            )
            code_lines.append(index)
            close_group(index)
            in_paragraph = False
            index += 1
            continue

        atx = ATX.match(rest)
        if atx:
            close_group(index)
            level = len(atx.group(1))
            title = heading_text(atx.group(2) or "")
            heading_column = len(line) - len(rest) + 1
            scan.headings.append(Heading(level, title, index + 1, heading_column))
            scan.groups.append((index, index + 1))
            in_paragraph = False
            index += 1
            continue

        if in_paragraph and not marker:
            underline = _SETEXT_UNDERLINE.match(rest)
            if underline:
                level = 1 if underline.group(1)[0] == "=" else 2
                heading_lines = [paragraph_first.strip()] + [
                    _strip_quotes(raw)[0].strip() for raw in lines[paragraph_start + 1 : index]
                ]
                heading_column = len(lines[paragraph_start]) - len(paragraph_first) + 1
                scan.headings.append(
                    Heading(level, " ".join(heading_lines), paragraph_start + 1, heading_column)
                )
                close_group(index)
                in_paragraph = False
                index += 1
                continue

        if is_break:
            close_group(index)
            in_paragraph = False
            index += 1
            continue

        if not in_paragraph:
            paragraph_start = index
            paragraph_first = rest
            if group_start is None:
                group_start = index
            in_paragraph = True
        index += 1

    close_group(count)
    if code_lines:
        for line_number in code_lines:
            lines[line_number] = " " * len(lines[line_number])
        scan.text = "\n".join(lines)
    return scan
