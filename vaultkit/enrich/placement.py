"""Where in a note the authors go: which author property a clipping already has, and which
Logseq blocks cite which authors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vaultkit.edit.blocks import block_starts, is_top_level
from vaultkit.graph.resolution import fold
from vaultkit.model import Note, Tweet
from vaultkit.parse.properties import split_page_list
from vaultkit.parse.tags import flatten_values

_PAGE_PROPERTIES = re.compile(r"[-*+][ \t]+[A-Za-z0-9_][\w\-.?!*/]*::")
"""A first bullet made of page properties: not a block that could cite a tweet."""
AUTHOR_KEYS = ("author", "authors")
"""The author properties a note may already have (Readwise writes ``author``)."""


def frontmatter_value(note: Note, key: str) -> Any:
    if note.frontmatter is None:
        return None
    return note.frontmatter.data.get(key)


def _frontmatter_key(note: Note, wanted: str) -> str | None:
    if note.frontmatter is None:
        return None
    return next((str(key) for key in note.frontmatter.data if str(key).lower() == wanted), None)


def _bare(name: str) -> str:
    return fold(name.strip().strip("\"'").removeprefix("[[").removesuffix("]]").strip())


def author_property(note: Note, default: str) -> tuple[str, set[str]]:
    """The author property a clipping uses (the one it has, else ``default``) and the names it
    already holds (folded, without brackets)."""
    for wanted in AUTHOR_KEYS:
        key = _frontmatter_key(note, wanted)
        if key is not None:
            value = frontmatter_value(note, key)
            items = [value] if isinstance(value, str) else list(flatten_values(value))
            return key, {_bare(str(item)) for item in items if str(item).strip()}
        prop = next((prop for prop in note.properties if prop.key.lower() == wanted), None)
        if prop is not None:
            return prop.key, {fold(name) for name, _ in split_page_list(prop.value)}
    return default, set()


@dataclass(slots=True)
class Places:
    """The authors each block cites (by the 0-based line of its bullet) and the authors cited
    outside any block (in the page properties)."""

    blocks: dict[int, list[str]] = field(default_factory=dict)
    page: list[str] = field(default_factory=list)
    some_blocks_only: bool = False
    """Whether some top-level block cites no tweet."""


def citing_blocks(lines: list[str], tweets: list[Tweet]) -> Places:
    places = Places()
    starts, tops = block_starts(lines)
    cited_tops: set[int | None] = set()
    for tweet in tweets:
        assert tweet.author is not None
        index = min(tweet.line - 1, len(lines) - 1)
        start = starts[index] if index >= 0 else None
        authors = places.page if start is None else places.blocks.setdefault(start, [])
        if tweet.author not in authors:
            authors.append(tweet.author)
        if start is not None:
            cited_tops.add(tops[index])
    places.some_blocks_only = any(
        number not in cited_tops
        for number, line in enumerate(lines)
        if is_top_level(line) and not _PAGE_PROPERTIES.match(line)
    )
    return places
