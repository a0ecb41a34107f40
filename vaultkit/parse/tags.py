"""Tags: inline ``#tags`` in the text and the ``tags`` values of front-matter and properties."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

from vaultkit.model import Flavor, Link, LinkKind, Tag, TagSource
from vaultkit.parse.links import WIKILINK
from vaultkit.parse.positions import LineIndex

_TAG_CHARS = r"[^\s!\"#$%&'()*+,.:;<=>?@\[\]^`{|}~\\]+"
_INLINE_TAG = re.compile(rf"#(?:\[\[([^\[\]\n]+)\]\]|({_TAG_CHARS}))")
"""A tag; it must also start a line or follow white space (checked outside the regex, which
is much faster than a look-behind that the engine would try at every position)."""
_SEPARATORS = re.compile(r"[,\s]+")
MAX_VALUE_ITEMS = 10_000
"""Bound on how many values a front-matter list may yield (YAML aliases can nest lists)."""


def is_tag_name(name: str) -> bool:
    """A tag needs at least one character that is not a digit: ``#1984`` is not a tag."""
    if "/" not in name:
        return bool(name) and not name.isdigit()
    return not all(char.isdigit() or char == "/" for char in name)


def find_inline_tags(
    text: str,
    index: LineIndex,
    flavor: Flavor,
    wikilinks: list[re.Match[str]] | None = None,
) -> tuple[list[Tag], list[Link], frozenset[int]]:
    """Inline tags in the masked text (a ``#`` inside ``[[…]]`` is part of the link).

    In Logseq a tag is also a page reference, so each tag comes back as a ``tag`` link too, and
    ``#[[multi word]]`` is a tag; the offsets of its ``[[`` are returned so the wikilink scan
    does not count it twice. In Obsidian ``#[[x]]`` is no tag (the ``[[x]]`` is a plain link).
    ``wikilinks`` are the ``WIKILINK`` matches of ``text``, when the caller has them already.
    """
    tags: list[Tag] = []
    links: list[Link] = []
    consumed: set[int] = set()
    if "#" not in text:
        return tags, links, frozenset()
    logseq = flavor is Flavor.LOGSEQ
    if wikilinks is None:
        wikilinks = list(WIKILINK.finditer(text)) if "[[" in text else []
    span_starts = [link.start() for link in wikilinks]
    line_starts = index.starts
    for match in _INLINE_TAG.finditer(text):
        start = match.start()
        if start and not text[start - 1].isspace():
            continue
        inside = bisect_right(span_starts, start) - 1
        if inside >= 0 and start < wikilinks[inside].end():
            continue
        bracketed, plain = match.group(1), match.group(2)
        if bracketed is not None:
            if not logseq:
                continue
            name = bracketed.strip()
            consumed.add(match.start() + 1)
        else:
            name = plain
            if not is_tag_name(name):
                continue
        line = bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        tags.append(Tag(name, line, column))
        if logseq:
            links.append(Link(LinkKind.TAG, name, line, column, match.group()))
    return tags, links, frozenset(consumed)


def flatten_values(value: Any) -> Iterator[str]:
    """Strings of a front-matter value: a scalar, or a list of them (nested lists flattened).

    Bounded, because a YAML alias bomb makes a small file hold an enormous nested list.
    """
    stack: list[Any] = [value]
    produced = 0
    seen: set[int] = set()
    while stack and produced < MAX_VALUE_ITEMS:
        item = stack.pop()
        if isinstance(item, list | tuple):
            if id(item) in seen:
                continue
            seen.add(id(item))
            stack.extend(reversed(item))
        elif item is not None and not isinstance(item, dict):
            produced += 1
            yield str(item)


def frontmatter_tag_names(value: Any) -> list[str]:
    """Tag names from a front-matter ``tags`` value, in every form found in the wild.

    A YAML list (``[a, b]`` or a block list), a single string, and the legacy comma- or
    space-separated string; a leading ``#`` is dropped.
    """
    names: list[str] = []
    for item in flatten_values(value):
        for part in _SEPARATORS.split(item):
            name = part.strip().lstrip("#")
            if is_tag_name(name):
                names.append(name)
    return names


def frontmatter_alias_names(value: Any) -> list[str]:
    """Alias names from a front-matter ``aliases`` value: a list, or a comma-separated string."""
    names: list[str] = []
    if isinstance(value, str):
        items: Iterable[str] = value.split(",")
    else:
        items = flatten_values(value)
    for item in items:
        name = item.strip()
        if name:
            names.append(name)
    return names


def frontmatter_tags(
    names: list[str], raw_lines: list[str], key_line: int, first_line: int
) -> list[Tag]:
    """Place each front-matter tag where it is written: in order, after the key's colon."""
    tags: list[Tag] = []
    number = key_line - first_line
    column = raw_lines[number].find(":") + 1 if number < len(raw_lines) else 0
    for name in names:
        line_found, column_found = key_line, 1
        search_line, search_column = number, column
        while search_line < len(raw_lines):
            found = raw_lines[search_line].find(name, search_column)
            if found != -1:
                line_found, column_found = first_line + search_line, found + 1
                number, column = search_line, found + len(name)
                break
            search_line, search_column = search_line + 1, 0
        tags.append(Tag(name, line_found, column_found, TagSource.FRONTMATTER))
    return tags
