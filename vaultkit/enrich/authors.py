"""Who wrote the tweets a vault cites, and which notes cite them.

One author per lowercase handle. Evidence: status URLs on every Twitter/X host and mirror, search
URLs with ``from:handle`` (Readwise's "View Tweet" links), embedded tweets (which also give the
display name), and, when enabled, profile links and tweets inside comments. Never code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from vaultkit.config.settings import EnrichSettings
from vaultkit.model import Note, Tweet, TweetKind

TWITTER = "twitter.com"
X = "x.com"


@dataclass(slots=True)
class Author:
    key: str
    """The lowercase handle: the author's identity."""
    handle: str
    """The handle as first written."""
    display_name: str | None = None
    citations: dict[str, list[Tweet]] = field(default_factory=dict)
    """Citing note path → its tweets by this author (one per status id), in note order."""

    @property
    def host(self) -> str:
        """The host the vault cites this author on most: ``x.com`` or ``twitter.com``."""
        hosts = Counter(tweet_host(tweet) for tweets in self.citations.values() for tweet in tweets)
        return max(hosts, key=lambda host: hosts[host]) if hosts else TWITTER

    @property
    def profile_url(self) -> str:
        return f"https://{self.host}/{self.handle}"


def tweet_host(tweet: Tweet) -> str:
    """``x.com`` for a tweet cited on x.com (``www.``/``mobile.`` too), else ``twitter.com``:
    a URL vaultkit writes keeps the host the note used, but not a mirror's."""
    host = urlsplit(tweet.url).hostname or ""
    return X if host.removeprefix("www.").removeprefix("mobile.") == X else TWITTER


def counts(tweet: Tweet, options: EnrichSettings) -> bool:
    """Whether ``tweet`` names an author under these settings."""
    if tweet.author is None:
        return False
    if tweet.in_comment and not options.comments:
        return False
    return tweet.kind is not TweetKind.PROFILE or options.profile_mentions


def collect_authors(notes: list[Note], options: EnrichSettings) -> dict[str, Author]:
    """Authors by lowercase handle, with the notes citing them; sorted by handle."""
    authors: dict[str, Author] = {}
    for note in notes:
        for tweet in note.tweets:
            if not counts(tweet, options):
                continue
            key = tweet.author
            assert key is not None and tweet.handle is not None
            author = authors.setdefault(key, Author(key, tweet.handle))
            if tweet.display_name and not author.display_name:
                author.display_name = tweet.display_name
            cited = author.citations.setdefault(note.path, [])
            if tweet.status_id is None or all(
                earlier.status_id != tweet.status_id for earlier in cited
            ):
                cited.append(tweet)
    return dict(sorted(authors.items()))
