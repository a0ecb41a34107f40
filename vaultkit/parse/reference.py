"""The slow, exact reference that the fast scanner is held against: a walk over mistune's AST.

vaultkit's hot path (``blocks.scan_blocks``, ``inline.mask_code_spans``, ``links.find_links``)
decides what is code, what is a heading and where links are with a line scanner that costs tens
of microseconds per note. A full CommonMark parse with mistune costs about a millisecond per
note, too slow for large vaults, but it is the authority on the questions the scanner answers.
This module asks mistune those questions, so tests (``tests/test_scanner_vs_mistune.py``) can
compare both on the same documents. Nothing in the linter itself imports it.

What mistune cannot be asked directly, and how it is answered here:

* Obsidian ``[[…]]`` is not Markdown, so it survives in mistune's text nodes. The inline parser
  may split one run of text into several nodes (at ``[``, ``]``, ``!``…), so the adjacent text
  nodes of one paragraph are joined before :data:`vaultkit.parse.links.WIKILINK` runs over them.
  Any other inline node (code span, line break, emphasis, link, image, raw HTML) ends a run: a
  wikilink never spans one, and nothing inside a code span is searched. An embed's ``!`` is
  taken with the link, as vaultkit writes its ``raw``.
* A backslash escape becomes its plain character in mistune's text (``\\[`` is ``[``), so a run
  holding ``\\[[x]]`` reads as a wikilink here while vaultkit blanks the escape. Documents that
  are compared against this reference should not escape brackets.
* Mistune gives link destinations after its own normalisation: backslash escapes and character
  references are resolved and characters outside RFC 3986's reserved and unreserved sets are
  percent-encoded (``<a b.md>`` becomes ``a%20b.md``). Decode with ``urllib.parse.unquote``
  before comparing with a vaultkit target.
* Mistune (3.4) is not CommonMark in a few corners of list items, all about lines that leave an
  item: it takes a line at column 0 into an item after the item's code block, lets a lazy ``=``
  line underline the item's paragraph, and keeps a block or an item marker that is indented past
  the item's marker but short of its content inside the item. The test module lists them in
  ``MISTUNE_DEVIATIONS``; documents compared against this reference avoid those shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import mistune

from vaultkit.parse.links import WIKILINK

_MARKDOWN = mistune.create_markdown(renderer=None)
"""CommonMark only: no plugins, so no tables, strikethrough or footnotes."""

_INLINE_CONTAINERS = frozenset({"paragraph", "heading", "block_text"})
"""Block tokens whose ``children`` are inline tokens."""

_NESTED_INLINE = frozenset({"emphasis", "strong", "link", "image"})
"""Inline tokens whose ``children`` are inline tokens again."""

Token = dict[str, Any]


@dataclass(slots=True)
class ReferenceResult:
    """What CommonMark (as mistune parses it) says about a document."""

    headings: list[tuple[int, str]] = field(default_factory=list)
    """``(level, plain text)`` of every ATX and setext heading, list items included, in order.

    The plain text is the heading's inline content with the Markdown taken off: code spans give
    their content, emphasis and links their text, a line break inside a setext heading a space.
    """
    code: list[str] = field(default_factory=list)
    """The content of every fenced block, indented block and code span, in document order.

    As mistune gives it: a block's lines without the indentation of the block and its list
    items, a code span with its line breaks turned into spaces and one padding space stripped.
    """
    wikilinks: list[str] = field(default_factory=list)
    """Each ``[[…]]`` / ``![[…]]`` as written, found in inline text that is not code."""
    markdown_link_urls: list[str] = field(default_factory=list)
    """Destinations of ``[text](url)`` and ``![alt](url)``, as mistune normalises them.

    Autolinks (``<https://…>``) are left out: they are not written with a destination.
    """


def find_wikilinks(text: str) -> list[str]:
    """Every ``[[…]]`` in ``text`` by vaultkit's own pattern, with the ``!`` of an embed."""
    found: list[str] = []
    for match in WIKILINK.finditer(text):
        raw = match.group()
        start = match.start()
        if not raw.startswith("!") and start > 0 and text[start - 1] == "!":
            raw = "!" + raw
        found.append(raw)
    return found


def parse_ast(text: str) -> list[Token]:
    """Mistune's AST of ``text`` (CommonMark, no plugins)."""
    return cast(list[Token], _MARKDOWN(text))


def plain_text(children: list[Token]) -> str:
    """The text a reader sees in inline ``children``, Markdown markup removed."""
    parts: list[str] = []
    for token in children:
        kind = token["type"]
        if kind in ("text", "codespan", "inline_html"):
            parts.append(token.get("raw", ""))
        elif kind in ("softbreak", "linebreak"):
            parts.append(" ")
        elif "children" in token:
            parts.append(plain_text(token["children"]))
    return "".join(parts)


class _Walker:
    def __init__(self) -> None:
        self.result = ReferenceResult()
        self.run: list[str] = []

    def flush(self) -> None:
        """End the current run of adjacent text and look for wikilinks in it."""
        if self.run:
            self.result.wikilinks.extend(find_wikilinks("".join(self.run)))
            self.run = []

    def blocks(self, tokens: list[Token]) -> None:
        for token in tokens:
            kind = token["type"]
            if kind == "block_code":
                self.result.code.append(token.get("raw", ""))
            elif kind in _INLINE_CONTAINERS:
                if kind == "heading":
                    level = int(token["attrs"]["level"])
                    self.result.headings.append((level, plain_text(token["children"])))
                self.inline(token["children"])
                self.flush()
            elif "children" in token:
                self.blocks(token["children"])

    def inline(self, tokens: list[Token]) -> None:
        for token in tokens:
            kind = token["type"]
            if kind == "text":
                self.run.append(token.get("raw", ""))
                continue
            self.flush()
            if kind == "codespan":
                self.result.code.append(token.get("raw", ""))
            elif kind in _NESTED_INLINE:
                if kind in ("link", "image") and "_autolink" not in token:
                    self.result.markdown_link_urls.append(token["attrs"]["url"])
                self.inline(token.get("children", []))
                self.flush()


def reference_extract(text: str) -> ReferenceResult:
    """Headings, code contents, wikilinks outside code and link destinations of ``text``.

    About a millisecond per note: for tests, not for the linter's hot path.
    """
    walker = _Walker()
    walker.blocks(parse_ast(text))
    walker.flush()
    return walker.result
