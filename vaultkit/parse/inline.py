"""Blank out inline code, comments and backslash escapes, keeping every offset in place.

Each function returns a copy of its input of the same length in which the masked characters are
spaces (line breaks are kept), so a match found in the copy has the position it has in the file.

What counts as a comment, and why nothing inside one counts: an HTML comment ``<!-- … -->`` and
an Obsidian comment ``%% … %%`` are not shown when the note is read, so a link, tag or heading
written inside one is something the writer switched off. vaultkit treats them like code: their
links are neither checked nor counted as backlinks. Comment spans are still returned, because the
``<!-- vaultkit-disable … -->`` suppressions live in them and enrichment can opt in to tweets
written inside comments.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from vaultkit.parse.search import contains

_BACKTICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_COMMENT_OPEN = re.compile(r"<!--|%%")
_MATH_BLOCK = re.compile(r"(?<!\\)\$\$.*?(?<!\\)\$\$", re.DOTALL)
_MATH_INLINE = re.compile(r"(?<![\\$])\$(?=[^\s$])[^$\n]*?(?<=[^\s\\$])\$(?![\d$])")


@dataclass(frozen=True, slots=True)
class Comment:
    start: int
    end: int
    """Offset just past the closing delimiter (or the end of the text when unclosed)."""
    body: str
    html: bool


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        segment = text[start:end]
        pieces.append(
            "\n".join(" " * len(part) for part in segment.split("\n"))
            if "\n" in segment
            else " " * len(segment)
        )
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _is_escaped(text: str, position: int) -> bool:
    """Whether the character at ``position`` follows an odd number of backslashes."""
    count = 0
    position -= 1
    while position >= 0 and text[position] == "\\":
        count += 1
        position -= 1
    return count % 2 == 1


def _pair_runs(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of inline code made by backtick ``runs`` of one paragraph (CommonMark rules).

    An opening run pairs with the next run of exactly the same length; a run with no partner is
    literal text. A backslash before an opening run escapes its first backtick (inside code,
    backslashes are literal, so closing runs are never escaped).
    """
    if "\\" not in text and len({end - start for start, end in runs}) == 1:
        # Runs all of one length, none escaped (the common case): they pair in turn.
        return [(runs[number][0], runs[number + 1][1]) for number in range(0, len(runs) - 1, 2)]
    by_length: defaultdict[int, list[int]] = defaultdict(list)
    for number, (run_start, run_end) in enumerate(runs):
        by_length[run_end - run_start].append(number)
    spans: list[tuple[int, int]] = []
    number = 0
    while number < len(runs):
        run_start, run_end = runs[number]
        if _is_escaped(text, run_start):
            run_start += 1
        length = run_end - run_start
        candidates = by_length.get(length, [])
        later = bisect_right(candidates, number)
        if length and later < len(candidates):
            closer = candidates[later]
            spans.append((run_start, runs[closer][1]))
            number = closer + 1
        else:
            number += 1
    return spans


def mask_code_spans(text: str, groups: list[tuple[int, int]], line_starts: list[int]) -> str:
    """Blank the inline code of each group of lines (0-based line ranges, end exclusive).

    Only the groups that hold a backtick are looked at: each backtick is placed in its group
    by bisection, instead of every group being searched.
    """
    if "`" not in text or not groups:
        return text
    total = len(text)
    group_starts = [line_starts[first] for first, _ in groups]
    spans: list[tuple[int, int]] = []
    position = text.find("`")
    while position != -1:
        number = bisect_right(group_starts, position) - 1
        last = groups[number][1] if number >= 0 else 0
        end = line_starts[last] if last < len(line_starts) else total
        if number < 0 or position >= end:
            position = text.find("`", position + 1)
            continue
        runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text, position, end)]
        if len(runs) >= 2:
            spans.extend(_pair_runs(text, runs))
        position = text.find("`", end)
    return _blank_spans(text, spans)


def find_comments(text: str, *, obsidian: bool) -> list[Comment]:
    """HTML comments, and with ``obsidian`` also ``%% … %%`` comments, in document order.

    An unclosed ``%%`` hides the rest of the note, as Obsidian shows it. An unclosed ``<!--``
    does the same when it starts a line (a CommonMark HTML block runs to the end), and is plain
    text elsewhere.
    """
    comments: list[Comment] = []
    if not contains(text, "<!--") and (not obsidian or not contains(text, "%%")):
        return comments
    position = 0
    # Per closer, an offset from which on it is known not to occur: saves a search per opener.
    unclosed_from = {"-->": len(text) + 1, "%%": len(text) + 1}
    while True:
        match = _COMMENT_OPEN.search(text, position)
        if match is None:
            return comments
        opener = match.group()
        start = match.start()
        if opener == "%%" and not obsidian:
            position = match.end()
            continue
        closer = "-->" if opener == "<!--" else "%%"
        if match.end() >= unclosed_from[closer]:
            close_at = -1
        else:
            close_at = text.find(closer, match.end())
            if close_at == -1:
                unclosed_from[closer] = match.end()
        if close_at == -1:
            starts_line = opener == "%%" or start == 0 or text[start - 1] == "\n"
            if not starts_line:
                position = match.end()
                continue
            comments.append(Comment(start, len(text), text[match.end() :], opener == "<!--"))
            return comments
        end = close_at + len(closer)
        comments.append(Comment(start, end, text[match.end() : close_at], opener == "<!--"))
        position = end


def mask_comments(text: str, comments: list[Comment]) -> str:
    return _blank_spans(text, [(comment.start, comment.end) for comment in comments])


def mask_math(text: str) -> str:
    """Blank LaTeX math: ``$$ … $$`` blocks and ``$ … $`` inline.

    Both apps render math there, so ``$[[a, b], [c, d]]$`` is a matrix, not a link. Inline math
    follows the usual rule that keeps prices from pairing up: the opening ``$`` is followed by a
    non-space, the closing one follows a non-space and is not followed by a digit.
    """
    if "$" not in text:
        return text
    spans = [(match.start(), match.end()) for match in _MATH_BLOCK.finditer(text)]
    masked = _blank_spans(text, spans)
    inline = [(match.start(), match.end()) for match in _MATH_INLINE.finditer(masked)]
    return _blank_spans(masked, inline)


def mask_escapes(text: str) -> str:
    """Blank backslash escapes (``\\[``, ``\\#``…) so they start no link or tag.

    ``\\|`` is kept: inside a table a wikilink writes its pipe that way.
    """
    if "\\" not in text:
        return text
    return _ESCAPE.sub(
        lambda match: match.group() if match.group(1) == "|" else "  ",
        text,
    )
