"""Plain values that the parser produces and everything else reads.

Every position is 1-based: ``line`` counts lines from the top of the file (front-matter included)
and ``column`` counts characters (Unicode code points) from the start of that line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple


class Flavor(StrEnum):
    """The app whose rules a vault follows."""

    OBSIDIAN = "obsidian"
    LOGSEQ = "logseq"


class LinkKind(StrEnum):
    """How a link was written. The kind decides which resolution rules apply."""

    WIKILINK = "wikilink"
    """``[[Target#anchor|text]]``."""
    EMBED = "embed"
    """``![[Target]]``."""
    MARKDOWN = "markdown"
    """``[text](destination)`` to a local file or note."""
    IMAGE = "image"
    """``![alt](destination)`` to a local file."""
    FRONTMATTER = "frontmatter"
    """``"[[Target]]"`` inside a front-matter value."""
    TAG = "tag"
    """Logseq ``#tag`` or ``#[[multi word]]``: a page reference."""
    PROPERTY = "property"
    """Logseq page reference inside a ``key:: value`` property value."""
    LABELED = "labeled"
    """Logseq ``[label]([[Page]])`` or ``[label](((uuid)))``."""
    EMBED_MACRO = "embed-macro"
    """Logseq ``{{embed [[Page]]}}`` or ``{{embed ((uuid))}}``."""
    BLOCK_REF = "block-ref"
    """Logseq ``((uuid))``."""


EMBED_KINDS = frozenset({LinkKind.EMBED, LinkKind.IMAGE, LinkKind.EMBED_MACRO})


class Link(NamedTuple):
    """One link as written in a note.

    ``target`` is the name or path the link points at, already unescaped and percent-decoded;
    it is ``""`` for a same-note anchor such as ``[[#Heading]]``. ``anchor`` holds what follows
    the first ``#`` (``"H1#H2"``, ``"^blockid"``), ``text`` the shown text or label, ``raw``
    the exact source text of the link. For block references ``target`` is the block uuid.

    A named tuple rather than a dataclass: a large vault holds hundreds of thousands of links,
    and a tuple is built about four times faster.
    """

    kind: LinkKind
    target: str
    line: int
    column: int
    raw: str
    anchor: str | None = None
    text: str | None = None
    block_ref: bool = False
    """True when ``target`` is a Logseq block uuid rather than a page name."""

    @property
    def is_embed(self) -> bool:
        return self.kind in EMBED_KINDS


class Heading(NamedTuple):
    """A heading (a named tuple, like ``Link``: a vault has hundreds of thousands)."""

    level: int
    text: str
    line: int
    column: int = 1


class BlockId(NamedTuple):
    """An Obsidian ``^id`` or a Logseq ``id:: uuid`` block property."""

    id: str
    line: int
    column: int


class TagSource(StrEnum):
    INLINE = "inline"
    FRONTMATTER = "frontmatter"
    PROPERTY = "property"


class Tag(NamedTuple):
    """A tag without its ``#``, as written (compare case-insensitively)."""

    name: str
    line: int
    column: int
    source: TagSource = TagSource.INLINE


class TweetKind(StrEnum):
    STATUS = "status"
    """A ``/{handle}/status/{id}`` URL (or ``/i/web/status/{id}``, with no handle)."""
    SEARCH = "search"
    """A search URL whose query holds ``from:handle``."""
    PROFILE = "profile"
    """A ``/{handle}`` profile link: names a person, is not a tweet."""


@dataclass(frozen=True, slots=True)
class Tweet:
    """A reference to a tweet or a Twitter/X account found in a note."""

    url: str
    kind: TweetKind
    line: int
    column: int
    handle: str | None = None
    status_id: str | None = None
    display_name: str | None = None
    in_comment: bool = False

    @property
    def author(self) -> str | None:
        """The author's identity: the lowercase handle, if the URL names one."""
        return self.handle.lower() if self.handle else None


@dataclass(frozen=True, slots=True)
class Property:
    """A Logseq ``key:: value`` line."""

    key: str
    value: str
    line: int
    column: int
    value_column: int
    """Column where the value starts (after ``key::`` and its space)."""


class Fix(NamedTuple):
    """A replacement that repairs a problem: the text ``old`` written at ``line``:``column``
    becomes ``new``. ``safe`` fixes keep what the note means; an unsafe one is a guess
    (``vaultkit fix --unsafe-fixes``)."""

    line: int
    column: int
    old: str
    new: str
    safe: bool = True

    @property
    def end(self) -> tuple[int, int]:
        """The (line, column) just after ``old``."""
        lines = self.old.split("\n")
        if len(lines) == 1:
            return self.line, self.column + len(self.old)
        return self.line + len(lines) - 1, len(lines[-1]) + 1


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Something wrong with a file itself, found while reading or parsing it.

    ``code`` is the name of the rule that reports it (``unreadable-note``, ``invalid-frontmatter``).
    """

    code: str
    message: str
    line: int = 1
    column: int = 1
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML block at the top of a note.

    ``data`` is the parsed mapping (empty when the YAML is broken); ``error`` and ``error_line``
    describe a YAML fault. ``start_line`` and ``end_line`` are the lines of the two ``---`` fences.
    """

    data: dict[str, Any]
    start_line: int
    end_line: int
    error: str | None = None
    error_line: int | None = None


NOTE_SUFFIXES = (".md", ".org")
"""The extensions of notes: Markdown, and Org pages in a Logseq graph."""


def note_stem(path: str) -> str:
    """The file name of the note at ``path`` without its extension."""
    name = path.rsplit("/", 1)[-1]
    for suffix in NOTE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(slots=True)
class Note:
    """One Markdown file of the vault, parsed once."""

    path: str
    """POSIX path relative to the vault root, e.g. ``"folder/My Note.md"``."""
    title: str
    """The name links use: the file stem (Obsidian) or the page name (Logseq)."""
    flavor: Flavor
    aliases: list[str] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    frontmatter: FrontMatter | None = None
    properties: list[Property] = field(default_factory=list)
    """Logseq page properties: the ``key:: value`` lines of the first block."""
    headings: list[Heading] = field(default_factory=list)
    block_ids: list[BlockId] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tweets: list[Tweet] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    size: int = 0
    mtime: float = 0.0
    line_count: int = 0
    encoding: str = "utf-8"
    has_bom: bool = False
    readable: bool = True
    journal_date: str | None = None
    """ISO date (``2022-11-19``) when the note is a Logseq journal page."""
    has_body: bool = True
    """False for a Logseq page that holds nothing but its page properties (an alias page)."""

    @property
    def name(self) -> str:
        """The file name with its extension, e.g. ``"My Note.md"``."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return note_stem(self.path)

    @property
    def folder(self) -> str:
        """The folder part of ``path`` (``""`` at the vault root)."""
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    def property(self, key: str) -> str | None:
        """The value of the page property ``key`` (case-insensitive), if present."""
        wanted = key.lower()
        for prop in self.properties:
            if prop.key.lower() == wanted:
                return prop.value
        return None


class SuppressionKind(StrEnum):
    SAME_LINE = "line"
    NEXT_LINE = "next-line"
    DISABLE = "disable"
    ENABLE = "enable"
    FILE = "file"
    UNKNOWN = "unknown"
    """A ``vaultkit-disable…``/``vaultkit-enable…`` word vaultkit does not know; ``rules`` holds
    the word as written, for the ``unknown-suppression`` rule."""


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline ``<!-- vaultkit-disable… -->`` comment; empty ``rules`` means every rule."""

    kind: SuppressionKind
    rules: tuple[str, ...]
    line: int
    column: int = 1
