"""Read a note's bytes into text without ever failing on a bad file.

Whatever is wrong with a file (not UTF-8, UTF-16, binary, unreadable) becomes an
``unreadable-note`` problem on it. Text that is mostly fine is still parsed, with replacement
characters where bytes were bad, so its links keep counting.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.model import FileProblem

_BINARY_PROBE = 8192
UNREADABLE = "unreadable-note"


@dataclass(slots=True)
class DecodedText:
    text: str | None
    """None when the file could not be read or is not text at all."""
    encoding: str = "utf-8"
    has_bom: bool = False
    problems: list[FileProblem] = field(default_factory=list)


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of byte ``offset``, counting CRLF, CR and LF line ends alike."""
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(data, 0, offset):
        line += 1
        line_start = match.end()
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


_CONTROL_BYTES = bytes(range(32)).translate(None, b"\t\n\r\f\b\x1b")
_CONTROL_SHARE = 0.05


def _looks_binary(data: bytes) -> bool:
    """Whether bytes holding a NUL are a binary file rather than a note with a few stray NULs
    (left by a sync tool or a crash), which Obsidian opens as text: binary when the probe is
    not UTF-8, or when more than one byte in twenty of it is a control byte."""
    probe = data[:_BINARY_PROBE]
    try:
        probe.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(probe) - 3:  # not merely a character cut at the probe's end
            return True
    control = len(probe) - len(probe.translate(None, _CONTROL_BYTES))
    return control > _CONTROL_SHARE * len(probe)


def decode_note(data: bytes) -> DecodedText:
    """Decode a note's bytes: UTF-8 (with or without BOM) as the apps expect, UTF-16 if marked."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "replace")
        message = "note is UTF-16 encoded; Obsidian and Logseq read notes as UTF-8"
        return DecodedText(text, "utf-16", True, [FileProblem(UNREADABLE, message)])
    has_bom = data.startswith(codecs.BOM_UTF8)
    if has_bom:
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data[:_BINARY_PROBE] and _looks_binary(data):
        line, column = _position_of_byte(data, data.index(b"\x00"))
        message = "binary file with a .md name (it holds NUL bytes); not read as a note"
        return DecodedText(
            None, "binary", has_bom, [FileProblem(UNREADABLE, message, line, column)]
        )
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", has_bom)
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(data, error.start)
        message = (
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); read with replacement characters"
        )
        text = data.decode("utf-8", "replace")
        return DecodedText(text, "utf-8", has_bom, [FileProblem(UNREADABLE, message, line, column)])


def read_note(path: str | Path) -> DecodedText:
    """Read and decode the note at ``path``; an OS error becomes a problem, not an exception."""
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - a third cheaper than Path.read_bytes
            data = handle.read()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return DecodedText(
            None, "unknown", False, [FileProblem(UNREADABLE, f"cannot read: {reason}")]
        )
    return decode_note(data)
