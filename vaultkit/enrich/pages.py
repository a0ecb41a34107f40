"""Author pages: finding the page an author already has, and writing the generated part.

A page belongs to an author when its front-matter or page properties say ``twitter`` or
``handle`` with that handle (``@karpathy``, ``karpathy`` or a profile URL), or when it is named
``@karpathy``, ``@karpathy on Twitter`` or ``karpathy (Twitter)``. vaultkit writes only between
its markers (Obsidian: two HTML comments; Logseq: the top-level block carrying ``vaultkit::
tweets``), so everything the user writes elsewhere on the page is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vaultkit.edit.document import Document
from vaultkit.edit.frontmatter import EditRefused, quote_value
from vaultkit.enrich.authors import Author, tweet_host
from vaultkit.enrich.conventions import page_name
from vaultkit.model import Flavor, Note, TweetKind
from vaultkit.parse.tweets import parse_tweet_url

REGION_START = "<!-- vaultkit:tweets start -->"
REGION_END = "<!-- vaultkit:tweets end -->"
LOGSEQ_MARKER = "vaultkit:: tweets"
REGION_TITLE = "Tweets cited in this vault"
_IDENTITY_KEYS = ("twitter", "handle")
_TOP_BULLET = re.compile(r"[-*+](?:[ \t]|$)")
_PAGE_NAME = re.compile(
    r"@([A-Za-z0-9_]{1,20})(?: on twitter)?|([A-Za-z0-9_]{1,20}) \(twitter\)", re.IGNORECASE
)
"""The names of :data:`~vaultkit.enrich.conventions.LINKED_STYLES`."""


def _handle_of(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parsed = parse_tweet_url(text)
    if parsed is not None and parsed.handle:
        return parsed.handle.lower()
    text = text.removeprefix("@")
    return text.lower() if re.fullmatch(r"[A-Za-z0-9_]{1,20}", text) else None


def page_handle(note: Note) -> str | None:
    """The handle whose author page ``note`` is, if it is one."""
    sources: list[object] = []
    if note.frontmatter is not None:
        data = {key.lower(): value for key, value in note.frontmatter.data.items()}
        sources.extend(data.get(key) for key in _IDENTITY_KEYS)
    sources.extend(note.property(key) for key in _IDENTITY_KEYS)
    for value in sources:
        handle = _handle_of(value)
        if handle:
            return handle
    match = _PAGE_NAME.fullmatch(page_name(note).strip())
    return next((handle.lower() for handle in match.groups() if handle), None) if match else None


@dataclass(frozen=True, slots=True)
class Citation:
    """One citing note as the author page lists it."""

    link: str
    """How the page links the note: ``[[Link text]]`` (with ``|title`` where needed)."""
    urls: tuple[str, ...]


def tweet_urls(author: Author, path: str) -> tuple[str, ...]:
    urls = []
    for tweet in author.citations[path]:
        if tweet.kind is TweetKind.STATUS and tweet.status_id:
            urls.append(f"https://{tweet_host(tweet)}/{tweet.handle}/status/{tweet.status_id}")
    return tuple(urls)


def region_lines(citations: list[Citation], flavor: Flavor) -> list[str]:
    """The generated part of an author page, markers included."""
    if flavor is Flavor.LOGSEQ:
        lines = ["- " + REGION_TITLE.replace("vault", "graph"), f"  {LOGSEQ_MARKER}"]
        for citation in citations:
            lines.append(f"\t- {citation.link}")
            lines.extend(f"\t\t- {url}" for url in citation.urls)
        return lines
    lines = [REGION_START, f"## {REGION_TITLE}", ""]
    for citation in citations:
        lines.append(f"- {citation.link}")
        lines.extend(f"  - {url}" for url in citation.urls)
    lines.append(REGION_END)
    return lines


def new_page(
    author: Author, name: str, alias: str | None, region: list[str], flavor: Flavor
) -> str:
    """The text of a new author page."""
    if flavor is Flavor.LOGSEQ:
        lines = [f"handle:: @{author.handle}", f"twitter:: {author.profile_url}"]
        if alias:
            lines.append(f"alias:: [[{alias}]]" if "," in alias else f"alias:: {alias}")
        return "\n".join([*lines, "", *region]) + "\n"
    lines = ["---", f"handle: {quote_value('@' + author.handle)}", f"twitter: {author.profile_url}"]
    if alias:
        lines.extend(["aliases:", f"  - {quote_value(alias)}"])
    lines.extend(["---", f"# {name}", "", *region])
    return "\n".join(lines) + "\n"


def _obsidian_region(doc: Document) -> tuple[int, int] | None:
    starts = [index for index, line in enumerate(doc.lines) if line.strip() == REGION_START]
    ends = [index for index, line in enumerate(doc.lines) if line.strip() == REGION_END]
    if not starts and not ends:
        return None
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise EditRefused("its vaultkit markers are damaged (expected one start and one end)")
    return starts[0], ends[0] + 1


def _logseq_region(doc: Document) -> tuple[int, int] | None:
    for index, line in enumerate(doc.lines):
        if line.strip() == LOGSEQ_MARKER:
            start = index - 1
            if start < 0 or not _TOP_BULLET.match(doc.lines[start]):
                raise EditRefused("its vaultkit block is damaged")
            end = index + 1
            while end < len(doc.lines) and not _TOP_BULLET.match(doc.lines[end]):
                end += 1
            while end > index + 1 and not doc.lines[end - 1].strip():
                end -= 1
            return start, end
    return None


def update_region(doc: Document, region: list[str], flavor: Flavor) -> bool:
    """Replace the generated part (or append it); returns whether the page changed."""
    bounds = _logseq_region(doc) if flavor is Flavor.LOGSEQ else _obsidian_region(doc)
    if bounds is None:
        gap = [""] if doc.lines and doc.lines[-1].strip() and flavor is Flavor.OBSIDIAN else []
        doc.insert_lines(len(doc.lines), [*gap, *region])
        return True
    start, end = bounds
    if doc.lines[start:end] == region:
        return False
    doc.replace_range(start, end, region)
    return True
