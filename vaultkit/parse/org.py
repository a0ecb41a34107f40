"""Org-mode pages of a Logseq graph (``pages/*.org`` beside the Markdown pages).

Logseq reads them with the same parser as Markdown pages (mldoc), with Org's syntax:

* the page's name is ``#+title:``, else the decoded file name (as for ``.md``); ``#+alias:``
  lists other names, ``#+tags:`` page references (both comma-separated, like ``alias::``);
* a ``:PROPERTIES:`` … ``:END:`` drawer under a heading holds the block's properties, and its
  ``:id:`` is the uuid that ``((uuid))`` refers to;
* ``[[page]]``, ``[[target][label]]`` (Org's link with a label), ``#tag``, ``#[[tag]]`` and
  ``((uuid))`` are references; ``[[https://…][label]]``, ``[[file:…]]`` and the other Org link
  types with a scheme are not page references;
* ``#+BEGIN_SRC`` … ``#+END_SRC`` and the other code blocks hold no links (see ``outline``);
* headings are ``*`` lines; each one is a block.
"""

from __future__ import annotations

import re

from vaultkit.apps.logseq import LogseqConfig
from vaultkit.model import BlockId, Flavor, Heading, Link, LinkKind, Note, Property, note_stem
from vaultkit.parse.links import LINK_POSITION, WIKILINK, find_links
from vaultkit.parse.note import has_body, logseq_title, normalize_newlines
from vaultkit.parse.outline import scan_outline
from vaultkit.parse.positions import LineIndex
from vaultkit.parse.properties import split_page_list
from vaultkit.parse.tags import find_inline_tags

_KEYWORD = re.compile(r"#\+([A-Za-z][A-Za-z0-9_-]*):[ \t]*(.*)")
_DRAWER_ID = re.compile(
    r"^[ \t]*:id:[ \t]*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{12})[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_HEADING = re.compile(r"(\*+)[ \t]+(.*)")
_LINK_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
"""``https:``, ``file:``, ``id:``…: an Org link with a type is not a page reference."""


def _page_properties(lines: list[str]) -> list[Property]:
    """The ``#+key: value`` lines before the first heading: the page's properties."""
    found: list[Property] = []
    for number, line in enumerate(lines, start=1):
        if _HEADING.match(line):
            break
        keyword = _KEYWORD.match(line)
        if keyword and not keyword.group(1).upper().startswith(("BEGIN_", "END_")):
            value = keyword.group(2).rstrip()
            found.append(Property(keyword.group(1).lower(), value, number, 1, keyword.start(2) + 1))
    return found


def _org_link(link: Link) -> Link | None:
    """``[[target][label]]`` read as a link to ``target``; None for a link with a type."""
    if link.kind not in (LinkKind.WIKILINK, LinkKind.EMBED):
        return link
    target, separator, label = link.target.partition("][")
    if _LINK_TYPE.match(target):
        return None
    if not separator:
        return link
    return link._replace(target=target.strip(), text=label)


def parse_org_note(text: str, path: str, *, logseq: LogseqConfig | None = None) -> Note:
    """Parse the Org page at vault-relative POSIX ``path`` (a page of a Logseq graph)."""
    text = normalize_newlines(text)
    index = LineIndex(text)
    stem = note_stem(path)
    note = Note(path=path, title=stem, flavor=Flavor.LOGSEQ, line_count=index.line_count)
    clean = scan_outline(text).text
    lines = clean.split("\n")

    wikilinks = list(WIKILINK.finditer(clean)) if "[[" in clean else []
    tags, tag_links, consumed = find_inline_tags(clean, index, Flavor.LOGSEQ, wikilinks)
    found, problems = find_links(clean, index, Flavor.LOGSEQ, consumed, clean, wikilinks)
    links = [link for link in map(_org_link, found) if link is not None]
    links.extend(tag_links)
    note.tags.extend(tags)
    note.problems.extend(problems)
    note.headings = [
        Heading(len(match.group(1)), match.group(2).strip(), number, 1)
        for number, line in enumerate(lines, start=1)
        if (match := _HEADING.match(line))
    ]
    note.block_ids = [
        BlockId(match.group(1).lower(), *index.position(match.start(1)))
        for match in _DRAWER_ID.finditer(clean)
    ]
    note.properties = _page_properties(lines)
    note.has_body = has_body(lines, {prop.line for prop in note.properties})
    for prop in note.properties:
        if prop.key == "alias":
            note.aliases.extend(name for name, _ in split_page_list(prop.value))
        elif prop.key == "tags":
            for name, offset in split_page_list(prop.value):
                if not prop.value.startswith(("[[", "#"), offset):
                    column = prop.value_column + offset
                    links.append(Link(LinkKind.PROPERTY, name, prop.line, column, name))
    note.title, note.journal_date = logseq_title(
        path, stem, note.properties, None, logseq or LogseqConfig()
    )
    links.sort(key=LINK_POSITION)
    note.links = links
    return note
