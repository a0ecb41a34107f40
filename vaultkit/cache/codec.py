"""Notes as plain tuples: the form they take in the cache and between worker processes.

``marshal`` reads plain tuples, strings and numbers several times faster than ``pickle`` reads
objects, and it cannot run code, so a damaged or planted cache file can at worst fail to load.
Front-matter values are converted to plain data too (dates become tagged tuples); a value too
large to convert (a YAML alias bomb) makes the note uncacheable rather than slow.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from vaultkit.model import (
    BlockId,
    FileProblem,
    Fix,
    Flavor,
    FrontMatter,
    Heading,
    Link,
    LinkKind,
    Note,
    Property,
    Suppression,
    SuppressionKind,
    Tag,
    TagSource,
    Tweet,
    TweetKind,
)

MAX_VALUE_NODES = 20_000
# Enum lookups by value through a dict: calling ``LinkKind(value)`` costs several times more,
# and a warm run decodes every link of the vault.
_LINK_KINDS = {kind.value: kind for kind in LinkKind}
_TWEET_KINDS = {kind.value: kind for kind in TweetKind}
_TAG_SOURCES = {source.value: source for source in TagSource}
_FLAVORS = {flavor.value: flavor for flavor in Flavor}
_DATETIME, _DATE, _TIME, _DICT = "\x00datetime", "\x00date", "\x00time", "\x00dict"


class TooLarge(Exception):
    """A value that would take too much room to store; such a note is not cached."""


MAX_VALUE_DEPTH = 64


def _plain(value: Any, budget: list[int], depth: int = 0) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_VALUE_DEPTH:
        raise TooLarge
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return (_DATETIME, value.isoformat())
    if isinstance(value, date):
        return (_DATE, value.isoformat())
    if isinstance(value, time):
        return (_TIME, value.isoformat())
    if isinstance(value, dict):
        return (
            _DICT,
            tuple(
                (_plain(k, budget, depth + 1), _plain(v, budget, depth + 1))
                for k, v in value.items()
            ),
        )
    if isinstance(value, list | tuple):
        return [_plain(item, budget, depth + 1) for item in value]
    return str(value)


def _restore(value: Any) -> Any:
    if isinstance(value, list):
        return [_restore(item) for item in value]
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        tag = value[0]
        if tag == _DICT:
            return {_restore(key): _restore(item) for key, item in value[1]}
        if tag == _DATETIME:
            return datetime.fromisoformat(value[1])
        if tag == _DATE:
            return date.fromisoformat(value[1])
        if tag == _TIME:
            return time.fromisoformat(value[1])
    return value


def encode_note(note: Note) -> tuple[Any, ...]:
    """``note`` as nested tuples of plain values; raises ``TooLarge`` for huge front-matter."""
    front = note.frontmatter
    front_tuple = (
        None
        if front is None
        else (
            _plain(front.data, [MAX_VALUE_NODES]),
            front.start_line,
            front.end_line,
            front.error,
            front.error_line,
        )
    )
    return (
        note.path,
        note.title,
        note.flavor.value,
        tuple(note.aliases),
        tuple((t.name, t.line, t.column, t.source.value) for t in note.tags),
        front_tuple,
        tuple((p.key, p.value, p.line, p.column, p.value_column) for p in note.properties),
        tuple((h.level, h.text, h.line, h.column) for h in note.headings),
        tuple((b.id, b.line, b.column) for b in note.block_ids),
        tuple(
            (k.kind.value, k.target, k.line, k.column, k.raw, k.anchor, k.text, k.block_ref)
            for k in note.links
        ),
        tuple(
            (
                t.url,
                t.kind.value,
                t.line,
                t.column,
                t.handle,
                t.status_id,
                t.display_name,
                t.in_comment,
            )
            for t in note.tweets
        ),
        tuple((p.code, p.message, p.line, p.column, p.fix) for p in note.problems),
        tuple((s.kind.value, s.rules, s.line, s.column) for s in note.suppressions),
        note.size,
        note.mtime,
        note.line_count,
        note.encoding,
        note.has_bom,
        note.readable,
        note.journal_date,
        note.has_body,
    )


DECODE_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError)
"""What ``decode_note`` raises on data it did not make (a crafted or foreign cache)."""


def decode_note(data: tuple[Any, ...]) -> Note:
    """The inverse of ``encode_note``; raises one of ``DECODE_ERRORS`` on anything else."""
    (
        path, title, flavor, aliases, tags, front, properties, headings, block_ids, links,
        tweets, problems, suppressions, size, mtime, line_count, encoding, has_bom, readable,
        journal_date, has_body,
    ) = data  # fmt: skip
    return Note(
        path=path,
        title=title,
        flavor=_FLAVORS[flavor],
        aliases=list(aliases),
        tags=[Tag(n, li, co, _TAG_SOURCES[so]) for n, li, co, so in tags],
        frontmatter=None
        if front is None
        else FrontMatter(_restore(front[0]), front[1], front[2], front[3], front[4]),
        properties=[Property(*item) for item in properties],
        headings=list(map(Heading._make, headings)),
        block_ids=list(map(BlockId._make, block_ids)),
        links=[Link(_LINK_KINDS[item[0]], *item[1:]) for item in links],
        tweets=[
            Tweet(url, _TWEET_KINDS[kind], line, column, handle, status, name, in_comment)
            for url, kind, line, column, handle, status, name, in_comment in tweets
        ],
        problems=[
            FileProblem(code, message, line, column, None if fix is None else Fix(*fix))
            for code, message, line, column, fix in problems
        ],
        suppressions=[
            Suppression(SuppressionKind(kind), tuple(rules), line, column)
            for kind, rules, line, column in suppressions
        ],
        size=size,
        mtime=mtime,
        line_count=line_count,
        encoding=encoding,
        has_bom=has_bom,
        readable=readable,
        journal_date=journal_date,
        has_body=has_body,
    )
