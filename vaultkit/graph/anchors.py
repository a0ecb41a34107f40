"""Do ``#Heading`` and ``#^block`` anchors name something inside the target note?

Obsidian writes a heading link without the characters a link cannot hold (``# | ^ : %% [ ]``):
``# Minecraft: The Video Game`` is linked as ``#Minecraft The Video Game``. Markdown links often
carry GitHub-style slugs (``#minecraft-the-video-game``). Both sides are reduced to letters and
digits separated by single spaces, case-folded, with ``-`` read as a space; two headings that
differ only in punctuation then compare equal. That can miss a typo in punctuation, but never
calls a working link broken.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vaultkit.graph.resolution import AnchorStatus
from vaultkit.model import Note

_NOT_ALNUM_ASCII = re.compile(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=65536)
def heading_key(text: str) -> str:
    if text.isascii():
        # The same reduction, for the ASCII letters and digits: much cheaper than per character.
        return " ".join(_NOT_ALNUM_ASCII.sub(" ", text).split()).lower()
    kept = [
        char if unicodedata.category(char)[0] in "LN" else " "
        for char in unicodedata.normalize("NFC", text)
    ]
    return " ".join("".join(kept).split()).casefold()


def heading_keys(note: Note) -> frozenset[str]:
    return frozenset(heading_key(heading.text) for heading in note.headings)


def check_anchor(note: Note, anchor: str, keys: frozenset[str] | None = None) -> AnchorStatus:
    """Check ``anchor`` (what follows the first ``#``) against ``note``.

    ``keys`` are the note's ``heading_keys``, for callers that check many links to one note.
    """
    anchor = anchor.strip()
    if anchor.startswith("^"):
        wanted = anchor[1:].casefold()
        found = any(block.id.casefold() == wanted for block in note.block_ids)
        return AnchorStatus.OK if found else AnchorStatus.MISSING_BLOCK
    if keys is None:
        keys = heading_keys(note)
    parts = [heading_key(part) for part in anchor.split("#")]
    parts = [part for part in parts if part]
    if not parts:
        return AnchorStatus.OK
    return AnchorStatus.OK if all(part in keys for part in parts) else AnchorStatus.MISSING_HEADING
