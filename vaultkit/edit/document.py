"""A note's text as editable lines that turn back into exactly the bytes they came from.

Encoding, byte-order mark, each line's own line ending and the presence of a final newline are
kept; an edit touches only the lines it replaces or inserts, and inserted lines take the
note's dominant line ending.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from operator import add

_ENDING = re.compile(r"(\r\n|\r|\n)")


class NotEditable(Exception):
    """A file vaultkit will not edit (not valid text in a known encoding)."""


@dataclass(slots=True)
class Document:
    lines: list[str]
    """Each line without its ending."""
    endings: list[str]
    """Each line's ending (``""`` for a last line without one)."""
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"
    """The ending given to inserted lines: the one the note uses most."""
    original: bytes = field(default=b"", repr=False)

    @classmethod
    def from_bytes(cls, data: bytes) -> Document:
        encoding = "utf-8"
        bom = b""
        for mark, name in (
            (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
        ):
            if data.startswith(mark):
                bom, encoding = mark, name
                break
        try:
            text = data[len(bom) :].decode(encoding)
        except UnicodeDecodeError as error:
            raise NotEditable(f"not valid {encoding.upper()} (byte {error.start})") from None
        if "\x00" in text:
            raise NotEditable("holds NUL characters")
        return cls.from_text(text, encoding=encoding, bom=bom, original=data)

    @classmethod
    def from_text(
        cls, text: str, *, encoding: str = "utf-8", bom: bytes = b"", original: bytes = b""
    ) -> Document:
        # Split at each line ending (kept): lines and endings alternate, the last piece is
        # what follows the last ending. One C-level split instead of a match per line.
        pieces = _ENDING.split(text)
        lines = pieces[0::2]
        endings = pieces[1::2]
        if lines[-1]:
            endings.append("")
        else:
            lines.pop()
        counts = {ending: endings.count(ending) for ending in ("\r\n", "\n", "\r")}
        newline = max(counts, key=lambda ending: counts[ending]) if any(counts.values()) else "\n"
        return cls(lines, endings, encoding, bom, newline, original)

    def text(self) -> str:
        return "".join(map(add, self.lines, self.endings))

    def to_bytes(self) -> bytes:
        return self.bom + self.text().encode(self.encoding)

    def replace_line(self, index: int, text: str) -> None:
        """Replace line ``index`` (0-based) keeping its line ending."""
        self.lines[index] = text

    def insert_lines(self, index: int, new_lines: list[str]) -> None:
        """Insert ``new_lines`` before line ``index`` (``len(lines)`` appends)."""
        if not new_lines:
            return
        if index == len(self.lines) and self.lines and not self.endings[-1]:
            self.endings[-1] = self.newline
            self.lines.extend(new_lines)
            self.endings.extend([self.newline] * (len(new_lines) - 1) + [""])
            return
        self.lines[index:index] = new_lines
        self.endings[index:index] = [self.newline] * len(new_lines)

    def replace_range(self, start: int, end: int, new_lines: list[str]) -> None:
        """Replace lines ``[start, end)`` by ``new_lines``; the last line keeps its ending."""
        last_ending = self.endings[end - 1] if end > start else self.newline
        endings = [self.newline] * len(new_lines)
        if endings:
            endings[-1] = last_ending
        self.lines[start:end] = new_lines
        self.endings[start:end] = endings
