"""What a link resolves to, as plain data."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    NOTE = "note"
    """Resolves to a note (``Resolution.path``)."""
    FILE = "file"
    """Resolves to an attachment (``Resolution.path``)."""
    PAGE = "page"
    """Logseq: a page that exists without a file of its own (a namespace parent, a journal day)."""
    BLOCK = "block"
    """Logseq: a ``((uuid))`` that names a block (``Resolution.path`` holds it)."""
    MISSING_PAGE = "missing-page"
    """Logseq: a page reference with no file; the app shows an empty page, nothing is broken."""
    ALIAS = "alias"
    """Obsidian: the name is only an alias of ``Resolution.path``; Obsidian does not follow it."""
    BROKEN = "broken"
    EMPTY = "empty"
    EXTERNAL = "external"
    """Not a vault link at all (Logseq Markdown links to pages are left to Logseq)."""


class AnchorStatus(StrEnum):
    OK = "ok"
    MISSING_HEADING = "missing-heading"
    MISSING_BLOCK = "missing-block"


_FOLLOWED = frozenset({Status.NOTE, Status.FILE, Status.PAGE, Status.BLOCK})


@dataclass(frozen=True, slots=True)
class Resolution:
    status: Status
    path: str | None = None
    """The note or attachment the link leads to (for ``ALIAS``: the note owning the alias)."""
    candidates: tuple[str, ...] = ()
    """Every note the bare name matched, when more than one did (the tie-break chose ``path``)."""
    reason: str | None = None
    """Why ``path`` won among ``candidates``."""
    anchor: AnchorStatus | None = None
    """None when the link has no anchor, or its anchor is not checked (e.g. ``#page=3``)."""
    flagged: bool = field(init=False, repr=False, compare=False)
    """Whether a rule may report the link: it is not followed cleanly (it fails, it names an
    alias or a missing page, its anchor is missing, or several files matched). Set once here:
    a vault's links share a few thousand resolutions, and the graph asks each link."""

    def __post_init__(self) -> None:
        flagged = (
            self.status not in _FOLLOWED
            or bool(self.candidates)
            or self.anchor not in (None, AnchorStatus.OK)
        )
        object.__setattr__(self, "flagged", flagged)

    @property
    def resolved(self) -> bool:
        return self.status in (Status.NOTE, Status.FILE, Status.PAGE, Status.BLOCK)

    @property
    def is_note(self) -> bool:
        return self.status is Status.NOTE or (self.status is Status.BLOCK and bool(self.path))


def fold(name: str) -> str:
    """The form in which names are compared: NFC (macOS writes NFD) and case-folded."""
    if name.isascii():
        return name.lower()  # the same, for ASCII, and several times cheaper
    return unicodedata.normalize("NFC", name).casefold()
