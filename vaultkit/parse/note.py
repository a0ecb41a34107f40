"""Parse one note's text into a :class:`~vaultkit.model.Note`.

The order matters: the front-matter is read and blanked, the block scanner blanks code blocks,
inline code and comments are blanked, backslash escapes are blanked, and only then are links,
tags and block ids looked for. Every blanking keeps offsets, so positions are those of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from operator import itemgetter
from typing import Any

from vaultkit.apps.journals import format_date, journal_date_from_file_name
from vaultkit.apps.logseq import LogseqConfig
from vaultkit.apps.names import decode_logseq_file_name
from vaultkit.model import (
    Flavor,
    FrontMatter,
    Link,
    LinkKind,
    Note,
    Property,
    Suppression,
    SuppressionKind,
    Tag,
    TagSource,
    note_stem,
)
from vaultkit.parse import placeholders
from vaultkit.parse.block_ids import find_block_ids
from vaultkit.parse.blocks import scan_blocks
from vaultkit.parse.frontmatter import read_frontmatter
from vaultkit.parse.inline import (
    Comment,
    find_comments,
    mask_code_spans,
    mask_comments,
    mask_escapes,
    mask_math,
)
from vaultkit.parse.links import LINK_POSITION, URL_SCHEME, WIKILINK, find_links, split_wikilink
from vaultkit.parse.outline import scan_outline
from vaultkit.parse.positions import LineIndex
from vaultkit.parse.properties import (
    BULLET,
    all_properties,
    page_properties,
    split_page_list,
)
from vaultkit.parse.tags import (
    find_inline_tags,
    flatten_values,
    frontmatter_alias_names,
    frontmatter_tag_names,
    frontmatter_tags,
)
from vaultkit.parse.tweets import find_tweets

_SUPPRESSION = re.compile(r"\s*vaultkit-((?:disable|enable)[\w-]*)(.*)", re.DOTALL)
"""A comment that starts with a ``vaultkit-disable…`` or ``vaultkit-enable…`` word."""
_RULE_LIST = re.compile(r"[\s,:]+")
"""Rule names are separated by spaces or commas (a colon after the directive is forgiven)."""
SUPPRESSION_KEY = "vaultkit-disable"
"""Front-matter key (Logseq: page property) that silences rules for a whole note."""
_TAG_KEYS = ("tags", "tag")
_ALIAS_KEYS = ("aliases", "alias")
_MAX_STRING_VALUES = 10_000
_TAG_POSITION = itemgetter(1, 2)
"""Sort key of a ``Tag``: its line and column."""


_EMPTY_LINE = re.compile(r"[\s\-*+]*")
"""A line that holds nothing a page shows: white space, or a bullet with no text."""


def has_body(lines: list[str], property_lines: set[int]) -> bool:
    """Whether a page holds anything besides its page properties (1-based line numbers)."""
    return any(
        number not in property_lines and not _EMPTY_LINE.fullmatch(line)
        for number, line in enumerate(lines, start=1)
    )


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; lines and columns are unchanged by this."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _blank_region(text: str, end: int) -> str:
    head = text[:end]
    return "\n".join(" " * len(part) for part in head.split("\n")) + text[end:]


def _string_values(data: Any) -> list[str]:
    """Every string in a front-matter mapping, nested values included (bounded)."""
    found: list[str] = []
    stack: list[Any] = [data]
    seen: set[int] = set()
    while stack and len(found) < _MAX_STRING_VALUES:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict | list | tuple):
            if id(item) in seen:
                continue
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return found


def _frontmatter_links(
    text: str, front: FrontMatter, body_start: int, index: LineIndex, flavor: Flavor
) -> list[Link]:
    """Links written as quoted strings in front-matter values (``up: "[[Parent]]"``).

    A link counts only when it sits inside a string value: unquoted ``[[Note]]`` is YAML for a
    nested list, and Obsidian does not read it as a link either.
    """
    region = text[:body_start]
    if "[[" not in region:
        return []
    strings = _string_values(front.data)
    in_values = {
        found.group() for value in strings if "[[" in value for found in WIKILINK.finditer(value)
    }
    links: list[Link] = []
    counted_line, counted_to, double, single = 0, 0, 0, 0
    for match in WIKILINK.finditer(region):
        raw = match.group()
        start = match.start()
        embed = start > 0 and region[start - 1] == "!"
        line, column = index.position(start)
        if line != counted_line:
            counted_line, counted_to, double, single = line, start - column + 1, 0, 0
        # Quotes before the link on its line, counted once across the links of a long line.
        double += region.count('"', counted_to, start)
        single += region.count("'", counted_to, start)
        counted_to = start
        quoted = double % 2 == 1 or single % 2 == 1
        previous = start - 1
        while previous >= 0 and region[previous] in " \t":
            previous -= 1
        yaml_list = previous >= 0 and region[previous] in ":-[,"
        if embed or (yaml_list and not quoted) or raw not in in_values:
            continue
        target, anchor, shown = split_wikilink(match.group(1), flavor)
        if (not target and anchor is None) or URL_SCHEME.match(target):
            continue
        links.append(Link(LinkKind.FRONTMATTER, target, line, column, raw, anchor, shown))
    return links


_DIRECTIVES = {
    "disable-line": SuppressionKind.SAME_LINE,
    "disable-next-line": SuppressionKind.NEXT_LINE,
    "disable-file": SuppressionKind.FILE,
    "disable": SuppressionKind.DISABLE,
    "enable": SuppressionKind.ENABLE,
}


def _suppressions(comments: list[Comment], index: LineIndex) -> list[Suppression]:
    """``<!-- vaultkit-disable… [rule …] -->`` and ``%% … %%`` comments; no rule named means
    every rule. A ``vaultkit-disable…`` word that is no directive is kept as ``UNKNOWN``, so
    that a typo is reported rather than silently ignored."""
    found: list[Suppression] = []
    for comment in comments:
        if "vaultkit-" not in comment.body:
            continue
        match = _SUPPRESSION.match(comment.body)
        if match is None:
            continue
        directive, rest = match.groups()
        line, column = index.position(comment.start)
        kind = _DIRECTIVES.get(directive)
        if kind is None:
            found.append(Suppression(SuppressionKind.UNKNOWN, (directive,), line, column))
            continue
        # ESLint's habit: what follows `--` says why, and names no rule.
        rules = tuple(name for name in _RULE_LIST.split(rest.partition("--")[0]) if name)
        found.append(Suppression(kind, rules, line, column))
    return found


def _file_suppression(value: Any, line: int) -> Suppression | None:
    """``vaultkit-disable: true`` silences every rule; a list or string names the rules."""
    if value is True or (isinstance(value, str) and value.strip().lower() == "true"):
        return Suppression(SuppressionKind.FILE, (), line)
    if value in (None, False):
        return None
    rules = tuple(name for item in flatten_values(value) for name in _RULE_LIST.split(item) if name)
    return Suppression(SuppressionKind.FILE, rules, line)


def _key_line(text: str, end: int, key: str) -> int:
    """The line where front-matter ``key`` is written (1 when not found)."""
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text[:end], re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _lookup(data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    lowered = {key.lower(): key for key in data}
    for key in keys:
        if key in lowered:
            return lowered[key], data[lowered[key]]
    return None


def _in_spans(offset: int, comments: list[Comment], starts: list[int]) -> bool:
    """Whether ``offset`` lies in one of ``comments`` (sorted, not overlapping)."""
    position = bisect_right(starts, offset) - 1
    return position >= 0 and offset < comments[position].end


def logseq_title(
    path: str,
    stem: str,
    properties: list[Property],
    front: FrontMatter | None,
    config: LogseqConfig,
) -> tuple[str, str | None]:
    """A Logseq page's name and, for a journal, its ISO date."""
    for prop in properties:
        if prop.key.lower() == "title" and prop.value.strip():
            return prop.value.strip(), None
    if front is not None and isinstance(front.data.get("title"), str) and front.data["title"]:
        return front.data["title"].strip(), None
    journals = config.journals_directory.strip("/")
    if path.startswith(journals + "/"):
        day = journal_date_from_file_name(stem, config.journal_file_format)
        if day is not None:
            return format_date(day, config.journal_title_format), day.isoformat()
    return decode_logseq_file_name(stem, config.name_format), None


def parse_note(
    text: str,
    path: str,
    flavor: Flavor,
    *,
    logseq: LogseqConfig | None = None,
) -> Note:
    """Parse ``text``, the content of the note at vault-relative POSIX ``path``."""
    text = normalize_newlines(text)
    index = LineIndex(text)
    stem = note_stem(path)
    note = Note(path=path, title=stem, flavor=flavor, line_count=index.line_count)

    front, body_start, problems = read_frontmatter(text, lenient=flavor is Flavor.LOGSEQ)
    note.frontmatter = front
    note.problems.extend(problems)
    work = _blank_region(text, body_start) if body_start else text

    scan = scan_outline(work) if flavor is Flavor.LOGSEQ else scan_blocks(work)
    code_masked = mask_code_spans(scan.text, scan.groups, index.starts)
    if code_masked is not scan.text and "[[" in code_masked:
        code_masked = _unmask_code_in_wikilinks(scan.text, code_masked)
    comments = find_comments(code_masked, obsidian=flavor is Flavor.OBSIDIAN)
    visible = mask_math(mask_comments(code_masked, comments) if comments else code_masked)
    clean = mask_escapes(visible)

    if comments:
        starts = [comment.start for comment in comments]
        note.headings = [
            heading
            for heading in scan.headings
            if not _in_spans(index.line_start(heading.line) + heading.column - 1, comments, starts)
        ]
        note.tweets = [
            replace(tweet, in_comment=True)
            if _in_spans(index.line_start(tweet.line) + tweet.column - 1, comments, starts)
            else tweet
            for tweet in find_tweets(code_masked, index)
        ]
    else:
        note.headings = scan.headings
        note.tweets = find_tweets(code_masked, index)

    wikilinks = list(WIKILINK.finditer(clean)) if "[[" in clean else []
    tags, tag_links, consumed = find_inline_tags(clean, index, flavor, wikilinks)
    links, link_problems = find_links(clean, index, flavor, consumed, visible, wikilinks)
    note.problems.extend(link_problems)
    note.block_ids = find_block_ids(clean, index, flavor)
    note.suppressions = _suppressions(comments, index)

    note.tags.extend(tags)
    if front is not None:
        links.extend(_frontmatter_links(text, front, body_start, index, flavor))
        _read_frontmatter_fields(note, text, body_start)

    if flavor is Flavor.LOGSEQ:
        config = logseq or LogseqConfig()
        first_body_line = index.position(body_start)[0] if body_start else 1
        clean_lines = clean.split("\n")
        note.properties = page_properties(clean_lines, first_body_line)
        note.has_body = has_body(clean_lines, {prop.line for prop in note.properties})
        links.extend(tag_links)
        every_property = all_properties(clean)
        links = _mark_property_links(links, every_property)
        links.extend(_read_logseq_properties(note, every_property))
        note.title, note.journal_date = logseq_title(path, stem, note.properties, front, config)
        templates = _template_blocks(clean_lines, every_property, note.properties)
        if templates:
            links = [link for link in links if not _within(link.line, templates)]
            note.problems = [
                problem
                for problem in note.problems
                if problem.code != "malformed-link" or not _within(problem.line, templates)
            ]

    note.tags.sort(key=_TAG_POSITION)
    links.sort(key=LINK_POSITION)
    note.links = _without_placeholders(links, text, flavor)
    return note


def _unmask_code_in_wikilinks(text: str, masked: str) -> str:
    """Put back the inline code written inside a wikilink: ``[[#`move`|move]]`` links to the
    heading `` `move` `` and ``[[TIL `Docker Build` Can…]]`` to the note of that name.

    A wikilink written wholly inside a code span (`` `[[x]]` ``) stays code: its brackets
    were masked, so it is not a wikilink of ``masked``.
    """
    pieces: list[str] = []
    done = 0
    for match in WIKILINK.finditer(text):
        start, end = match.span()
        if "`" not in match.group(1) or masked[start : start + 2] != "[[":
            continue
        if masked[end - 2 : end] != "]]":
            continue
        pieces.append(masked[done:start])
        pieces.append(text[start:end])
        done = end
    if not pieces:
        return masked
    pieces.append(masked[done:])
    return "".join(pieces)


def _without_placeholders(links: list[Link], text: str, flavor: Flavor) -> list[Link]:
    """The links that are not template placeholders (``[[{{date}}]]``, ``[[<% tp… %>]]``):
    those are filled in when the template is used, and name nothing until then."""
    if "{{" not in text and "<%" not in text:
        return links
    pattern = placeholders.LOGSEQ if flavor is Flavor.LOGSEQ else placeholders.OBSIDIAN
    return [
        link
        for link in links
        if not placeholders.has_placeholder(link.target, pattern)
        and not (link.anchor and placeholders.has_placeholder(link.anchor, pattern))
    ]


def _read_frontmatter_fields(note: Note, text: str, body_start: int) -> None:
    front = note.frontmatter
    assert front is not None
    data = front.data
    found = _lookup(data, _TAG_KEYS)
    if found is not None:
        key, value = found
        key_line = _key_line(text, body_start, key)
        raw_lines = text[:body_start].split("\n")
        names = frontmatter_tag_names(value)
        note.tags.extend(frontmatter_tags(names, raw_lines, key_line, 1))
    found = _lookup(data, _ALIAS_KEYS)
    if found is not None:
        note.aliases.extend(frontmatter_alias_names(found[1]))
    if SUPPRESSION_KEY in data:
        suppression = _file_suppression(
            data[SUPPRESSION_KEY], _key_line(text, body_start, SUPPRESSION_KEY)
        )
        if suppression is not None:
            note.suppressions.append(suppression)


_INDENT = re.compile(r"[ \t]*")
_TEMPLATE_KEY = "template"


def _template_blocks(
    lines: list[str], every_property: list[Property], page: list[Property]
) -> list[tuple[int, int]]:
    """The line ranges (1-based, end exclusive) of Logseq template blocks.

    A block with a ``template::`` property is a template, with its children; a page whose own
    properties hold one is a template page. What they hold is filled in when the template is
    used, so their links are not checked.
    """
    if any(prop.key.lower() == _TEMPLATE_KEY for prop in page):
        return [(1, len(lines) + 1)]
    ranges: list[tuple[int, int]] = []
    floor = 1
    for prop in every_property:
        if prop.key.lower() != _TEMPLATE_KEY or prop.line < floor:
            continue
        start = prop.line
        while start > floor and not BULLET.match(lines[start - 1]):
            start -= 1
        indent = len(_INDENT.match(lines[start - 1]).group().expandtabs(4))  # type: ignore[union-attr]
        end = prop.line + 1
        while end <= len(lines) and not (
            BULLET.match(lines[end - 1])
            and len(_INDENT.match(lines[end - 1]).group().expandtabs(4)) <= indent  # type: ignore[union-attr]
        ):
            end += 1
        ranges.append((start, end))
        floor = end
    return ranges


def _within(line: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= line < end for start, end in ranges)


def _mark_property_links(links: list[Link], properties: list[Property]) -> list[Link]:
    """Links written inside a page property's value are ``property`` links."""
    value_starts = {prop.line: prop.value_column for prop in properties}
    if not value_starts:
        return links
    return [
        link._replace(kind=LinkKind.PROPERTY)
        if link.kind in (LinkKind.WIKILINK, LinkKind.TAG)
        and link.column >= value_starts.get(link.line, 1 << 30)
        else link
        for link in links
    ]


def _read_logseq_properties(note: Note, every_property: list[Property]) -> list[Link]:
    """Aliases, tags and suppressions from the page properties; page refs from ``tags::``.

    ``[[x]]`` and ``#x`` inside property values are found by the text scan; only the bare
    names of a ``tags::`` list (page or block) need turning into page references here. The
    ``#x`` items of the page's ``tags::``, which the scan also read as inline tags, are
    recorded once, as property tags. A block's ``tags::`` tag the block, not the page.
    """
    for prop in note.properties:
        key = prop.key.lower()
        if key == SUPPRESSION_KEY:
            suppression = _file_suppression(prop.value, prop.line)
            if suppression is not None:
                note.suppressions.append(suppression)
        elif key == "alias":
            note.aliases.extend(name for name, _ in split_page_list(prop.value))
    links: list[Link] = []
    tag_lines = {prop.line: prop for prop in every_property if prop.key.lower() == "tags"}
    page_tags = {prop.line: prop for prop in note.properties if prop.key.lower() == "tags"}
    if page_tags:
        note.tags = [
            tag
            for tag in note.tags
            if tag.line not in page_tags or tag.column < page_tags[tag.line].value_column
        ]
    page_lines = {prop.line for prop in note.properties}
    for prop in tag_lines.values():
        for name, offset in split_page_list(prop.value):
            column = prop.value_column + offset
            if prop.line in page_lines:
                note.tags.append(Tag(name, prop.line, column, TagSource.PROPERTY))
            if not prop.value.startswith(("[[", "#"), offset):
                links.append(Link(LinkKind.PROPERTY, name, prop.line, column, name))
    return links
