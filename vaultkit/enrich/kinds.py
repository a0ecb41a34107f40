"""Clipping or citation: is a note's subject the tweets it holds, or does it merely cite them?

A *clipping* is a note whose subject is the tweet or thread. It is one when the first of these
says so:

1. Readwise's category: a ``category`` property (``category:: #tweets``) or a ``- Category:
   #tweets`` metadata line. Any other category (``#articles``, ``#books``) makes a citation.
2. A ``Tweets`` folder on its path (Readwise's ``Readwise/Tweets/`` export).
3. A ``url`` or ``source`` property holding a tweet or a Twitter/X profile.
4. Its shape: one embedded tweet, or a list of tweet links with little else, i.e. at most
   :data:`LITTLE_ELSE` words outside the lines holding tweets, where a tweet line may carry up to
   :data:`LABEL_WORDS` words of its own (a label such as ``[CNN Strikes Back](…)``). A Logseq
   page has this shape only when each of its top-level blocks holds a tweet; a journal day
   (Logseq's, or an Obsidian daily note named ``2024-01-02``) never has it.

Everything else that holds tweets (an article, a roundup, a help page, a journal day) cites them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from vaultkit.model import Note, Tweet
from vaultkit.parse.tweets import parse_tweet_url

LITTLE_ELSE = 30
"""Words a note may hold outside its tweet lines and still be a list of tweets."""
LABEL_WORDS = 12
"""Words a tweet line may hold besides its link and still be part of a list of tweets."""
TWEET_CATEGORY = "tweets"
SOURCE_KEYS = ("url", "source")

_CATEGORY_LINE = re.compile(r"[ \t]*[-*+][ \t]+category:[ \t]*(.*)$", re.IGNORECASE)
_HIDDEN = (("<!--", "-->"), ("%%", "%%"))
_EMBED_OPEN = re.compile(r"<blockquote\b[^>\n]*\btwitter-tweet\b", re.IGNORECASE)
_EMBED_CLOSE = "</blockquote>"
_TAG = re.compile(r"<[^<>\n]*>")
_DESTINATION = re.compile(r"\]\([^()\n]*\)")
# Neither pattern can run past the next opening, so a line of many unclosed ones stays linear.
_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
_PROPERTY_LINE = re.compile(r"[ \t]*(?:[-*+][ \t]+)?[A-Za-z0-9_][\w\-.?!*/]*::")
_WORD = re.compile(r"\w+")
_DAILY_NOTE = re.compile(r"\d{4}-\d{2}-\d{2}")


class NoteKind(StrEnum):
    CLIPPING = "clipping"
    CITATION = "citation"


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: NoteKind
    why: str
    """The evidence, for the reader of ``--format json``."""


def _bare(value: str) -> str:
    return value.strip().strip("#").removeprefix("[[").removesuffix("]]").strip().casefold()


def _category(note: Note, lines: list[str]) -> str | None:
    value = note.property("category")
    if value is None and note.frontmatter is not None:
        data = {str(key).lower(): item for key, item in note.frontmatter.data.items()}
        found = data.get("category")
        value = found if isinstance(found, str) else None
    if value is None:
        for line in lines:
            match = _CATEGORY_LINE.match(line)
            if match:
                value = match.group(1)
                break
    return _bare(value) if value is not None else None


def _source(note: Note) -> str | None:
    values = [note.property(key) for key in SOURCE_KEYS]
    if note.frontmatter is not None:
        data = {str(key).lower(): item for key, item in note.frontmatter.data.items()}
        values.extend(data.get(key) for key in SOURCE_KEYS)
    for value in values:
        if isinstance(value, str) and parse_tweet_url(value.strip()) is not None:
            return value.strip()
    return None


def _words(text: str) -> int:
    text = _URL.sub(" ", _DESTINATION.sub("] ", _TAG.sub(" ", text)))
    return len(_WORD.findall(text.replace("&mdash;", " ")))


def _find_all(text: str, needle: str) -> list[int]:
    found = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


def _blank(
    text: str, openings: list[tuple[int, int]], closer: str, *, case_insensitive: bool = False
) -> str:
    """``text`` with each span from an opening to the next ``closer`` replaced by its line
    breaks (an unclosed opening hides nothing). Linear: each closer is searched for once."""
    haystack = text.lower() if case_insensitive else text
    pieces = []
    position = 0
    for start, after in openings:
        if start < position:
            continue
        end = haystack.find(closer, after)
        if end == -1:
            break
        end += len(closer)
        pieces.append(text[position:start])
        pieces.append("\n" * text.count("\n", start, end))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _little_else(lines: list[str], first: int, tweets: list[Tweet]) -> bool:
    """Whether the body is tweets and little else (``first``: the 0-based body start)."""
    body = "\n".join(lines[first:])
    for opener, closer in _HIDDEN:
        body = _blank(
            body, [(match, match + len(opener)) for match in _find_all(body, opener)], closer
        )
    embeds = [(match.start(), match.end()) for match in _EMBED_OPEN.finditer(body)]
    body = _blank(body, embeds, _EMBED_CLOSE, case_insensitive=True)
    tweet_lines = {tweet.line - 1 - first for tweet in tweets}
    prose = 0
    for number, line in enumerate(body.split("\n")):
        if _PROPERTY_LINE.match(line):
            continue
        words = _words(line)
        prose += max(0, words - LABEL_WORDS) if number in tweet_lines else words
    return prose <= LITTLE_ELSE


def is_journal(note: Note) -> bool:
    """A Logseq journal page, or an Obsidian daily note named by its date (``2024-01-02``)."""
    return note.journal_date is not None or bool(_DAILY_NOTE.fullmatch(note.stem))


def classify(
    note: Note, lines: list[str], body_start: int, tweets: list[Tweet], *, partial: bool = False
) -> Verdict:
    """Clipping or citation, and why; ``lines`` are the note's lines, ``body_start`` the
    0-based line after its front-matter, ``tweets`` the tweets that count. ``partial``: a
    Logseq page some of whose top-level blocks cite no tweet, which is never a list of tweets."""
    category = _category(note, lines)
    if category is not None:
        if category == TWEET_CATEGORY:
            return Verdict(NoteKind.CLIPPING, "Readwise category tweets")
        return Verdict(NoteKind.CITATION, f"Readwise category {category}")
    if any(part.casefold() == TWEET_CATEGORY for part in note.path.split("/")[:-1]):
        return Verdict(NoteKind.CLIPPING, "in a Tweets folder")
    source = _source(note)
    if source is not None:
        return Verdict(NoteKind.CLIPPING, f"its source is {source}")
    if not is_journal(note) and not partial and _little_else(lines, body_start, tweets):
        return Verdict(NoteKind.CLIPPING, "tweets and little else")
    return Verdict(NoteKind.CITATION, "cites tweets among other text")
