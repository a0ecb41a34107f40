"""Find every link in a note's masked text: wikilinks, embeds, Markdown links and Logseq refs.

The input is the note's text with code, comments and backslash escapes already blanked (see
``blocks`` and ``inline``), so nothing here needs to know about code. Links that are written
wrongly in a way the app would not follow become ``malformed-link`` or stay as empty links for
the ``empty-link`` rule; they never raise.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from urllib.parse import unquote

from vaultkit.model import FileProblem, Fix, Flavor, Link, LinkKind
from vaultkit.parse.positions import LineIndex
from vaultkit.parse.search import contains

_INSIDE = r"[^\[\]\n]*(?:(?:\[(?!\[)|\](?!\]))[^\[\]\n]*)*"
"""What may stand between ``[[`` and ``]]``: a lone bracket, but never ``[[`` or ``]]``.

Written as an unrolled loop (runs of ordinary characters, then one lone bracket, and so on):
fast, and since the two parts never match the same character the engine cannot backtrack
its way into quadratic time. (Possessive quantifiers would say the same more briefly, but
CPython before 3.11.5 or so mis-matches them around look-aheads.)"""
WIKILINK = re.compile(rf"\[\[(?!\[)({_INSIDE})\]\]")
"""``[[…]]``; an embed is the same with ``!`` just before it. The pattern starts with literal
brackets so that the engine jumps from one ``[[`` to the next (an optional ``!`` in front
makes it try every position, twenty times slower)."""
_UNCLOSED_WIKILINK = re.compile(r"\[\[(?!\[)")
_BRACKET = re.compile(r"[\[\]]")
_DATA_STARTS = frozenset("0123456789\"'{(-+.")
"""What follows ``[[`` in nested data (``[[1, 0],``, ``[["a",``), never in a note's name."""
_DESTINATION = re.compile(
    r"""\((?=(?P<lead>[ \t]*))(?P=lead)"""
    r"""(?:<(?P<angled>[^<>\n]*)>|(?P<plain>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"""
    r"""(?=(?P<gap>[ \t]*))(?P=gap)"""
    r"""(?:(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))(?=(?P<tail>[ \t]*))(?P=tail))?\)"""
)
"""``(destination "title")``. Runs of spaces are matched as ``(?=(x*))\\1`` — an atomic group
written so that every Python 3.11 reads it right — so a long run of spaces not followed by
``)`` is given up at once instead of being split every possible way."""
_SPACED_DESTINATION = re.compile(r"\(([^()\n]*)\)")
_DOUBLED_PARENTHESIS = re.compile(r"\(\(([^\s()<>]+)\)\)?")
MAX_DESTINATION = 4096
"""Characters after ``](`` looked at for a destination: bounds the work per candidate, so a
line of many ``](`` stays linear. Longer destinations (pasted data URIs) are not vault links."""
_LABELED_PAGE = re.compile(rf"\(\[\[({_INSIDE})\]\]\)")
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_LABELED_BLOCK = re.compile(rf"\(\(\(({_UUID})\)\)\)")
_BLOCK_REF = re.compile(rf"\(\(({_UUID})\)\)")
_EMBED_MACRO = re.compile(
    rf"\{{\{{embed[ \t]+(?:\[\[({_INSIDE})\]\]|\(\(({_UUID})\)\))[ \t]*\}}\}}"
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WIKILINK, _EMBED = LinkKind.WIKILINK, LinkKind.EMBED
LINK_POSITION = itemgetter(2, 3)
"""Sort key of a ``Link``: its line and column."""
_new_link = tuple.__new__
"""Builds a ``Link`` from all its fields without the Python-level ``__new__`` of a named tuple:
the wikilink loop makes hundreds of thousands of them."""
URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(slots=True)
class _Found:
    links: list[Link] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    """Offsets of ``[[`` / ``((`` already read as part of a bigger construct."""
    link_texts: set[int] = field(default_factory=set)
    """Offsets of the ``[`` opening each Markdown link's text: ``[[BUG] title](url)`` is a
    link whose text starts with a bracket, not a wikilink left open."""


def split_wikilink(content: str, flavor: Flavor) -> tuple[str, str | None, str | None]:
    """Split the inside of ``[[…]]`` into target, anchor and shown text.

    Obsidian reads target, then ``#anchor``, then ``|text``; inside a table the pipe is written
    ``\\|``. In Logseq the whole inside is the page name (``[[C#]]`` is a page called ``C#``).
    """
    if flavor is Flavor.LOGSEQ:
        return content.strip(), None, None
    text: str | None = None
    pipe = content.find("|")
    if pipe != -1:
        text = content[pipe + 1 :]
        content = content[:pipe]
        if content.endswith("\\"):
            content = content[:-1]
    hash_at = content.find("#")
    anchor: str | None = None
    if hash_at != -1:
        anchor = content[hash_at + 1 :].strip()
        content = content[:hash_at]
    return content.strip(), anchor, text


def decode_destination(destination: str) -> tuple[str, str | None] | None:
    """Turn a Markdown link destination into a vault target and anchor; None when external."""
    if _SCHEME.match(destination) or destination.startswith("//"):
        return None
    destination = re.sub(r"\\(.)", r"\1", destination)
    path, hash_mark, anchor = destination.partition("#")
    return unquote(path), (unquote(anchor) if hash_mark else None)


class _Scanner:
    def __init__(
        self, text: str, source: str, index: LineIndex, flavor: Flavor, consumed: set[int]
    ) -> None:
        self.text = text
        self.source = source
        """The same text with backslash escapes left in: what links and targets are read from."""
        self.index = index
        self.flavor = flavor
        self.found = _Found(consumed=set(consumed))
        self.wikilink_matches: list[re.Match[str]] | None = None

    def add(
        self,
        kind: LinkKind,
        start: int,
        end: int,
        target: str,
        *,
        anchor: str | None = None,
        text: str | None = None,
        block_ref: bool = False,
    ) -> None:
        line, column = self.index.position(start)
        raw = self.source[start:end]
        self.found.links.append(
            Link(kind, target, line, column, raw, anchor=anchor, text=text, block_ref=block_ref)
        )

    def problem(
        self, code: str, message: str, offset: int, replace: tuple[int, str] = (0, "")
    ) -> None:
        """Record a problem at ``offset``; ``replace`` = (end, new text) repairs it safely."""
        line, column = self.index.position(offset)
        end, new = replace
        fix = Fix(line, column, self.source[offset:end], new) if end else None
        self.found.problems.append(FileProblem(code, message, line, column, fix))

    def scan(self) -> _Found:
        text = self.text
        if self.flavor is Flavor.LOGSEQ and contains(text, "{{"):
            self.embed_macros()
        if "(" in text and "](" in text:  # one character is found far faster than two
            self.markdown_links()
        if "[[" in text:
            self.wikilinks()
        if self.flavor is Flavor.LOGSEQ and contains(text, "(("):
            self.block_refs()
        self.found.links.sort(key=LINK_POSITION)
        return self.found

    def embed_macros(self) -> None:
        for match in _EMBED_MACRO.finditer(self.text):
            page, uuid = match.group(1), match.group(2)
            inner = match.start(1) - 2 if page is not None else match.start(2) - 2
            self.found.consumed.add(inner)
            if page is not None:
                self.add(LinkKind.EMBED_MACRO, match.start(), match.end(), page.strip())
            else:
                self.add(
                    LinkKind.EMBED_MACRO, match.start(), match.end(), uuid.lower(), block_ref=True
                )

    def markdown_links(self) -> None:
        text = self.text
        position = text.find("](")
        while position != -1:
            line_start = text.rfind("\n", 0, position) + 1
            line_end = text.find("\n", position)
            if line_end == -1:
                line_end = len(text)
            self.markdown_links_in_line(line_start, line_end)
            position = text.find("](", line_end)

    def markdown_links_in_line(self, start: int, end: int) -> None:
        text = self.text
        openers: list[int] = []
        for bracket in _BRACKET.finditer(text, start, end):
            if bracket.group() == "[":
                openers.append(bracket.start())
                continue
            if not openers:
                continue
            opener = openers.pop()
            after = bracket.end()
            if after >= end or text[after] != "(":
                continue
            is_image = opener > 0 and text[opener - 1] == "!"
            link_start = opener - 1 if is_image else opener
            label = self.source[opener + 1 : bracket.start()]
            if self.labeled_ref(link_start, after, label):
                openers.clear()
                continue
            limit = min(end, after + MAX_DESTINATION)
            destination = _DESTINATION.match(self.source, after, limit)
            if destination is not None:
                group = "angled" if destination.group("angled") is not None else "plain"
                value = self.source[destination.start(group) : destination.end(group)]
                link_end = destination.end()
            elif self.flavor is Flavor.LOGSEQ and (
                spaced := _SPACED_DESTINATION.match(self.source, after, limit)
            ):
                # Logseq takes a destination with spaces as written: `![a](../assets/my a.png)`.
                value, link_end = spaced.group(1), spaced.end()
            else:
                self.malformed_destination(link_start, after, end)
                continue
            if not is_image:
                openers.clear()
            self.found.link_texts.add(opener)
            self.markdown_link(link_start, link_end, value, label, is_image)

    def labeled_ref(self, link_start: int, after: int, label: str) -> bool:
        """Read Logseq's ``[label]([[Page]])`` and ``[label](((uuid)))``."""
        text = self.text
        block_ref = text.startswith("(((", after)
        if not block_ref and not text.startswith("([[", after):
            return False
        match = (_LABELED_BLOCK if block_ref else _LABELED_PAGE).match(text, after)
        if not match:
            return False
        target = match.group(1).lower() if block_ref else self.page_name(match.group(1))
        self.found.consumed.add(after + 1)
        self.add(
            LinkKind.LABELED,
            link_start,
            match.end(),
            target,
            text=label,
            block_ref=block_ref,
        )
        return True

    def page_name(self, content: str) -> str:
        return split_wikilink(content, self.flavor)[0]

    def malformed_destination(self, link_start: int, after: int, end: int) -> None:
        text = self.text
        if text.startswith("((", after):
            url = _DOUBLED_PARENTHESIS.match(text, after, min(end, after + MAX_DESTINATION))
            repaired = (0, "")
            if url and URL_SCHEME.match(url.group(1)):
                label = self.source[link_start:after]
                repaired = (url.end(), f"{label}({url.group(1)})")
            self.problem(
                "malformed-link",
                f"link destination starts with an extra '(': "
                f"{text[link_start : min(end, after + 80)]!r}",
                link_start,
                repaired,
            )
            return
        spaced = _SPACED_DESTINATION.match(text, after, min(end, after + MAX_DESTINATION))
        if spaced and any(char.isspace() for char in spaced.group(1).strip()):
            inside = spaced.group(1).strip()
            if inside and not URL_SCHEME.match(inside):
                escaped = inside.replace(" ", "%20")
                message = (
                    f"link destination {inside!r} has spaces, so it is not a link; "
                    f"write ({escaped}) or (<{inside}>)"
                )
                repaired = (0, "")
                if not any(char.isspace() for char in escaped):
                    label = self.source[link_start:after]
                    repaired = (spaced.end(), f"{label}({escaped})")
                self.problem("malformed-link", message, link_start, repaired)
            elif inside:
                self.problem(
                    "malformed-link",
                    f"link destination {inside!r} has spaces, so it is not a link",
                    link_start,
                )

    def markdown_link(
        self, start: int, end: int, destination: str, label: str, is_image: bool
    ) -> None:
        kind = LinkKind.IMAGE if is_image else LinkKind.MARKDOWN
        stripped = destination.strip()
        if stripped.startswith("(") and stripped.endswith(")") and len(stripped) > 1:
            raw, unwrapped = self.source[start:end], stripped[1:-1].strip()
            repaired = (0, "")
            plain = URL_SCHEME.match(unwrapped) and not any(char.isspace() for char in unwrapped)
            if plain and raw.endswith(f"{destination})"):
                repaired = (end, f"{raw[: -len(destination) - 1]}{unwrapped})")
            self.problem(
                "malformed-link",
                f"link destination is wrapped in parentheses: {self.text[start:end]!r}",
                start,
                repaired,
            )
            return
        if not stripped:
            self.add(kind, start, end, "", text=label)
            return
        decoded = decode_destination(stripped)
        if decoded is None:
            return
        target, anchor = decoded
        self.add(kind, start, end, target, anchor=anchor, text=label)

    def wikilinks(self) -> None:
        """``[[…]]`` and ``![[…]]``; then a ``[[`` that no ``]]`` closes on its line.

        The hottest loop of the parser (a note holds dozens of wikilinks), hence written out:
        no helper calls for the common link without ``|`` or ``#``.
        """
        text = self.text
        source = self.source
        escaped = source is not text
        consumed = self.found.consumed
        links = self.found.links
        starts = self.index.starts
        logseq = self.flavor is Flavor.LOGSEQ
        found = 0
        matches = self.wikilink_matches
        for match in WIKILINK.finditer(text) if matches is None else matches:
            found += 1
            opening = match.start()
            if consumed and opening in consumed:
                continue
            content = source[match.start(1) : match.end(1)] if escaped else match.group(1)
            if logseq or ("|" not in content and "#" not in content):
                target, anchor, shown = content.strip(), None, None
            else:
                target, anchor, shown = split_wikilink(content, self.flavor)
            if ":" in target and URL_SCHEME.match(target):
                continue
            if opening and text[opening - 1] == "!":
                kind, start = _EMBED, opening - 1
            else:
                kind, start = _WIKILINK, opening
            line = bisect_right(starts, start)
            column = start - starts[line - 1] + 1
            raw = source[start : match.end()]
            links.append(_new_link(Link, (kind, target, line, column, raw, anchor, shown, False)))
        if len(_UNCLOSED_WIKILINK.findall(text)) > found:
            self.unclosed_wikilinks({match.start() for match in WIKILINK.finditer(text)})

    def unclosed_wikilinks(self, closed: set[int]) -> None:
        """Report the first ``[[`` of a line that plainly opens a wikilink no ``]]`` closes.

        Not a wikilink opener: the ``[[`` of a Markdown link whose text starts with a bracket
        (``[[BUG] title](url)``, which both apps show as a link), and nested brackets holding
        data (``[[1, 0], [0, 1]]``, ``[["a", "b"],`` across lines in a pasted snippet).
        """
        text = self.text
        consumed = self.found.consumed
        link_texts = self.found.link_texts
        last_close: dict[int, int] = {}
        reported: set[int] = set()
        for opening in _UNCLOSED_WIKILINK.finditer(text):
            start = opening.start()
            if start in closed or start in consumed or start in link_texts:
                continue
            if text[start + 2 : start + 3] in _DATA_STARTS:
                continue
            line_start = self.index.line_start(self.index.position(start)[0])
            if line_start in reported:
                continue
            if line_start not in last_close:
                line_end = text.find("\n", start)
                last_close[line_start] = text.rfind(
                    "]]", line_start, line_end if line_end != -1 else len(text)
                )
            if last_close[line_start] < start:
                reported.add(line_start)
                self.problem("malformed-link", "'[[' is never closed with ']]' on this line", start)

    def block_refs(self) -> None:
        consumed = self.found.consumed
        for match in _BLOCK_REF.finditer(self.text):
            if match.start() in consumed:
                continue
            self.add(
                LinkKind.BLOCK_REF,
                match.start(),
                match.end(),
                match.group(1).lower(),
                block_ref=True,
            )


def find_links(
    text: str,
    index: LineIndex,
    flavor: Flavor,
    consumed: frozenset[int] = frozenset(),
    source: str | None = None,
    wikilinks: list[re.Match[str]] | None = None,
) -> tuple[list[Link], list[FileProblem]]:
    """Every link in ``text`` in document order, and the malformed ones as problems.

    ``text`` has backslash escapes blanked (so ``\\[[x]]`` starts no link); ``source`` is the
    same text with them kept, from which raw links, targets and labels are read.
    ``consumed`` holds offsets of ``[[`` already read by the caller (Logseq ``#[[tag]]``).
    ``wikilinks`` are the ``WIKILINK`` matches of ``text``, when the caller has them already.
    """
    scanner = _Scanner(text, source or text, index, flavor, set(consumed))
    if wikilinks is not None:
        scanner.wikilink_matches = wikilinks
    found = scanner.scan()
    return found.links, found.problems
