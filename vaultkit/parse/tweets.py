"""Find references to tweets and Twitter/X accounts in note text.

Three kinds of URL count (see :class:`~vaultkit.model.TweetKind`): a status URL, a search URL
whose query names an author with ``from:handle``, and a profile link. An embedded tweet
(``<blockquote class="twitter-tweet">``) also gives the author's display name, which is attached
to the status URL in the blockquote's signature line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from vaultkit.model import Tweet, TweetKind
from vaultkit.parse.positions import LineIndex

_HOST = (
    r"(?:(?:www\.|mobile\.)?(?:twitter|x)\.com"
    r"|fxtwitter\.com|vxtwitter\.com|fixupx\.com|fixvx\.com|twittpr\.com|xcancel\.com"
    r"|nitter(?:\.[a-z0-9-]+)+)"
)

# A candidate URL runs to the first character that cannot be part of a bare URL in Markdown or
# HTML; trailing punctuation is trimmed afterwards. Apostrophes and braces are excluded so that
# ``href='…'``, ``jack's`` and Logseq's ``{{tweet URL}}`` end the URL. The scheme is matched
# case-sensitively: its literal prefix lets the regex engine skip ahead, about 4x faster.
_CANDIDATE = re.compile(r"https?://(?i:" + _HOST + r")[^\s<>\"'`\[\]{}]*")

_URL = re.compile(r"https?://(?i:" + _HOST + r")(?P<rest>[/?#].*)?", re.DOTALL)

_PLAIN_STATUS = re.compile(
    r"https?://(?i:(?:www\.)?(?:twitter|x)\.com/)([A-Za-z0-9_]{1,20})/(?i:status)/([0-9]+)"
)
"""The commonest tweet URL, read at once; ``parse_tweet_url`` reads the same one the same way."""

_HANDLE = re.compile(r"[A-Za-z0-9_]{1,20}")
_STATUS_ID = re.compile(r"[0-9]+")

# ``-from:jack`` excludes jack's tweets, so it is no evidence of an author.
_FROM = re.compile(r"(?<![\w-])from:@?([A-Za-z0-9_]{1,20})(?![A-Za-z0-9_])", re.IGNORECASE)

_NOT_HANDLES = frozenset(
    {
        "i", "home", "explore", "notifications", "messages", "search", "settings", "compose",
        "intent", "login", "signup", "share", "hashtag", "lists", "following", "followers",
        "status", "statuses", "tos", "privacy",
    }
)  # fmt: skip
_PROFILE_TABS = frozenset({"with_replies", "media", "likes"})

_TRAILING = frozenset(".,:;!?*~")

_EMBED_OPEN = re.compile(r"<blockquote\b[^<>]*\btwitter-tweet\b", re.IGNORECASE)
_EMBED_CLOSE = re.compile(r"</blockquote\s*>", re.IGNORECASE)
_HREF = re.compile(r"<a\s[^<>]*?\bhref\s*=\s*[\"']?", re.IGNORECASE)
_DASHES = ("&mdash;", "—")


@dataclass(frozen=True, slots=True)
class ParsedTweetUrl:
    """What one URL says about a tweet or an account."""

    kind: TweetKind
    handle: str | None = None
    """As written in the URL; ``None`` for ``/i/web/status/{id}``."""
    status_id: str | None = None
    """Only for :attr:`TweetKind.STATUS`."""


def parse_tweet_url(url: str) -> ParsedTweetUrl | None:
    """Classify ``url``, which must be exactly one URL with nothing around it.

    Anything after a status id (``/photo/1``, ``/video/1``, ``/analytics``, ``/en``, …) still
    refers to that tweet; the query and fragment are ignored except for a search's ``q``.
    """
    match = _URL.fullmatch(url)
    if match is None:
        return None
    path, _, query = (match["rest"] or "").partition("#")[0].partition("?")
    segments = path.split("/")[1:]
    if segments and not segments[-1]:
        segments.pop()
    if not segments:
        return None
    first = segments[0].lower()
    if first == "i":
        return _handleless_status(segments[1:])
    if first == "search":
        return _search(query) if len(segments) == 1 else None
    if first in _NOT_HANDLES or not _HANDLE.fullmatch(segments[0]):
        return None
    handle = segments[0]
    if len(segments) == 1 or (len(segments) == 2 and segments[1].lower() in _PROFILE_TABS):
        return ParsedTweetUrl(TweetKind.PROFILE, handle)
    if segments[1].lower() in ("status", "statuses") and len(segments) > 2:
        return _status(handle, segments[2])
    return None


def _status(handle: str | None, status_id: str) -> ParsedTweetUrl | None:
    if not _STATUS_ID.fullmatch(status_id):
        return None
    return ParsedTweetUrl(TweetKind.STATUS, handle, status_id)


def _handleless_status(segments: list[str]) -> ParsedTweetUrl | None:
    """``/i/web/status/{id}`` or ``/i/status/{id}`` (``segments`` follow the ``i``)."""
    if segments and segments[0].lower() == "web":
        segments = segments[1:]
    if len(segments) >= 2 and segments[0].lower() == "status":
        return _status(None, segments[1])
    return None


def _search(query: str) -> ParsedTweetUrl | None:
    # Links copied out of HTML keep their ``&amp;`` separators.
    params = parse_qsl(query.replace("&amp;", "&"))
    q = next((value for key, value in params if key == "q"), "")
    author = _FROM.search(q)
    return ParsedTweetUrl(TweetKind.SEARCH, author[1]) if author else None


def find_tweets(text: str, index: LineIndex, *, in_comment: bool = False) -> list[Tweet]:
    """Every status, search and profile URL in ``text``, in document order."""
    candidates = list(_CANDIDATE.finditer(text))
    if not candidates:
        return []
    embedded = "<" in text and "twitter-tweet" in text.lower()
    names = _display_names(text) if embedded else {}
    tweets: list[Tweet] = []
    for match in candidates:
        start = match.start()
        url = text[start : _url_end(text, start, match.end())]
        plain = _PLAIN_STATUS.fullmatch(url)
        if plain is not None and plain.group(1).lower() not in _NOT_HANDLES:
            parsed: ParsedTweetUrl | None = ParsedTweetUrl(
                TweetKind.STATUS, plain.group(1), plain.group(2)
            )
        else:
            parsed = parse_tweet_url(url)
        if parsed is None:
            continue
        display_name = None
        signature = names.get(start)
        if signature is not None and parsed.kind is TweetKind.STATUS:
            signed_handle, name = signature
            if parsed.handle is None or parsed.handle.lower() == signed_handle.lower():
                display_name = name
        line, column = index.position(start)
        tweets.append(
            Tweet(
                url=url,
                kind=parsed.kind,
                line=line,
                column=column,
                handle=parsed.handle,
                status_id=parsed.status_id,
                display_name=display_name,
                in_comment=in_comment,
            )
        )
    return tweets


def _url_end(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation and any ``)`` without a matching ``(`` inside the URL.

    Counting once and walking back keeps this linear for URLs followed by long punctuation runs.
    """
    unmatched = text.count(")", start, end) - text.count("(", start, end)
    while end > start:
        last = text[end - 1]
        if last == ")" and unmatched > 0:
            unmatched -= 1
        elif last not in _TRAILING:
            break
        end -= 1
    return end


def _display_names(text: str) -> dict[int, tuple[str, str]]:
    """Map the offset of each embedded tweet's signature link to ``(handle, display name)``.

    An embed ends with ``&mdash; Display Name (@handle) <a href="…/status/…">Date</a>``; the
    last dash in the blockquote starts that line, since the tweet's own text comes before it. Only
    string searches bounded by the blockquote are used, so adversarial input stays linear.
    """
    names: dict[int, tuple[str, str]] = {}
    pos = 0
    while (opening := _EMBED_OPEN.search(text, pos)) is not None:
        closing = _EMBED_CLOSE.search(text, opening.end())
        if closing is None:
            break
        pos = closing.end()
        body_start, body_end = opening.end(), closing.start()
        dash = max(text.rfind(mark, body_start, body_end) for mark in _DASHES)
        if dash < 0:
            continue
        after_dash = dash + (len(_DASHES[0]) if text.startswith(_DASHES[0], dash) else 1)
        anchor = text.find("<a", after_dash, body_end)
        href = _HREF.match(text, anchor, body_end) if anchor >= 0 else None
        if href is None:
            continue
        signature = text[after_dash:anchor].strip()
        at = signature.rfind("(@")
        if at < 0 or not signature.endswith(")"):
            continue
        handle = signature[at + 2 : -1]
        if not _HANDLE.fullmatch(handle):
            continue
        # Collapse whitespace as a browser would: a pasted embed may wrap inside the name.
        name = " ".join(html.unescape(signature[:at]).split())
        if name:
            names[href.end()] = (handle, name)
    return names
