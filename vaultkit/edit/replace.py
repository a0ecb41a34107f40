"""Apply replacements at line:column positions to a note's bytes, changing nothing else.

Each replacement names the text it expects at its position (a ``Fix``'s ``old``); if the note
does not hold exactly that text there, or two replacements overlap, the note is left alone. The
encoding, byte-order mark and every line ending are kept (``edit.document``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vaultkit.edit.document import Document
from vaultkit.model import Fix

_TABLE_ROW = re.compile(r"[ \t]*\|")
_WIKILINK = re.compile(r"\[\[[^\]\n]*\]\]")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class ReplaceFailed(ValueError):
    """The note does not hold what the replacement expected; nothing was changed."""


def replace_all(data: bytes, fixes: Iterable[Fix]) -> bytes:
    """``data`` with every fix applied; raises ``ReplaceFailed`` (or ``NotEditable``)."""
    document = Document.from_bytes(data)
    by_line: dict[int, list[Fix]] = {}
    for fix in fixes:
        if "\n" in fix.old or "\n" in fix.new or "\r" in fix.new:
            raise ReplaceFailed(f"line {fix.line}: a replacement spans lines")
        by_line.setdefault(fix.line, []).append(fix)
    for line_number, on_line in by_line.items():
        index = line_number - 1
        if not 0 <= index < len(document.lines):
            raise ReplaceFailed(f"line {line_number} is past the end of the note")
        text = document.lines[index]
        in_table = bool(_TABLE_ROW.match(text))
        end_of_previous = len(text) + 1
        for fix in sorted(on_line, key=lambda fix: fix.column, reverse=True):
            start = fix.column - 1
            end = start + len(fix.old)
            if end > end_of_previous:
                raise ReplaceFailed(f"line {line_number}: two replacements overlap")
            if text[start:end] != fix.old:
                raise ReplaceFailed(
                    f"line {line_number}, column {fix.column} no longer holds {fix.old!r}"
                )
            new = _escape_pipes(fix.new) if in_table else fix.new
            text = text[:start] + new + text[end:]
            end_of_previous = start
        document.lines[index] = text
    return document.to_bytes()


def _escape_pipes(text: str) -> str:
    """In a table row a ``|`` inside ``[[…]]`` ends the cell, so Obsidian writes ``\\|``."""
    return _WIKILINK.sub(lambda link: _UNESCAPED_PIPE.sub(r"\\|", link.group()), text)
