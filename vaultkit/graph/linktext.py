"""The shortest link text that leads to a note, as Obsidian's own link picker writes it."""

from __future__ import annotations

from collections import Counter

from vaultkit.graph.resolution import fold
from vaultkit.model import Note


class LinkText:
    """``Note`` when the name is unique in the vault, else the path without ``.md``."""

    def __init__(self, notes: list[Note]) -> None:
        self._stems = Counter(fold(note.stem) for note in notes)

    def for_note(self, note: Note) -> str:
        if self._stems[fold(note.stem)] == 1:
            return note.stem
        return note.path[:-3] if note.path.lower().endswith(".md") else note.path
