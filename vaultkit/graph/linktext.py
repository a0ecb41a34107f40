"""The shortest link text that leads to a note, as Obsidian's own link picker writes it."""

from __future__ import annotations

import posixpath
from collections import Counter
from urllib.parse import quote

from vaultkit.graph.resolution import fold
from vaultkit.model import Flavor, Note

_NOT_IN_WIKILINKS = frozenset("#|[]^\n\r")
"""Characters a wikilink target cannot hold: such a note is linked with a Markdown link."""


class LinkText:
    """``Note`` when the name is unique in the vault, else the path without ``.md``."""

    def __init__(self, notes: list[Note]) -> None:
        self._stems = Counter(fold(note.stem) for note in notes)

    def for_note(self, note: Note) -> str:
        if self._stems[fold(note.stem)] == 1:
            return note.stem
        return note.path[:-3] if note.path.lower().endswith(".md") else note.path

    def link(self, note: Note, from_folder: str) -> str:
        """A link to ``note`` from a note in ``from_folder`` that Obsidian follows.

        ``[[Name]]`` (``[[path/Name|Name]]`` for a name used twice); a note whose name holds a
        character a wikilink cannot (``# | [ ] ^``, a line break), starts or ends with white
        space (which Obsidian trims from a link) or holds ``%%`` (which starts a comment) gets a
        Markdown link with a percent-encoded relative path instead.
        """
        if (
            _NOT_IN_WIKILINKS.intersection(note.path)
            or note.flavor is Flavor.LOGSEQ
            or note.stem != note.stem.strip()
            or "%%" in note.path
        ):
            relative = posixpath.relpath(note.path, from_folder or ".")
            label = " ".join(note.stem.split())
            for special in "[]#":  # brackets end the label; `#X` in it would be a tag
                label = label.replace(special, "\\" + special)
            return f"[{label}]({quote(relative)})"
        text = self.for_note(note)
        return f"[[{text}]]" if text == note.stem else f"[[{text}|{note.stem}]]"
