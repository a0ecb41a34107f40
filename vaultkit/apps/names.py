"""Logseq page names and the file names that store them.

Logseq has two file name formats, chosen by ``:file/name-format`` in ``logseq/config.edn``:

* ``"triple-lowbar"``: ``___`` separates namespaces (``aaa___bbb.md`` is ``aaa/bbb``) and
  ``%XX`` escapes protect characters that file systems reserve.
* ``"legacy"`` (no ``:file/name-format`` key): ``.`` separates namespaces (``aaa.bbb.md`` is
  ``aaa/bbb``); a dot that belongs to the name is written ``%2E``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["decode_logseq_file_name", "encode_logseq_file_name", "normalize_page_name"]

TRIPLE_LOWBAR: Final = "triple-lowbar"

_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_RESERVED = re.compile(r'[<>:"\\|?*#%\x00-\x1f\x7f]')
_RESERVED_OR_DOT = re.compile(r'[<>:"\\|?*#%.\x00-\x1f\x7f]')
_EDGE_DOT = re.compile(r"\A\.|\.\Z")
# Windows refuses these names whatever their case, also before an extension ("NUL.tar.gz").
_WINDOWS_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{digit}" for digit in range(1, 10)}
    | {f"LPT{digit}" for digit in range(1, 10)}
)


def decode_logseq_file_name(stem: str, name_format: str) -> str:
    """The page name stored in a file whose name without extension is ``stem``.

    Any ``name_format`` other than ``"triple-lowbar"`` is the legacy format. Only complete
    ``%XX`` escapes are decoded; a lone ``%`` stays as it is.
    """
    if name_format == TRIPLE_LOWBAR:
        return _percent_decode(stem.replace("___", "/"))
    # Splitting before decoding keeps the dots that were written as %2E.
    return "/".join(_percent_decode(part) for part in stem.split("."))


def encode_logseq_file_name(page_name: str, name_format: str) -> str:
    """The file name stem to store a new page under, the inverse of
    :func:`decode_logseq_file_name`.

    Characters that some file system forbids (``<>:"\\|?*``, control characters), ``#``
    (trouble on Android and in URLs) and ``%`` (the escape character itself) are
    percent-encoded, as are a leading dot (it would hide the file) and a trailing dot (Windows
    drops it). In the triple-lowbar format underscores next to a ``/`` or in runs of three
    are encoded, so that ``___`` only ever means ``/``. A Windows device name such as ``CON``
    at the start of the stem (before any dot) gets its last character encoded. The name is
    written as given: callers that want Logseq's NFC normalisation apply it first.
    """
    if name_format == TRIPLE_LOWBAR:
        stem = _RESERVED.sub(_escape, page_name)
        stem = _EDGE_DOT.sub("%2E", stem)
        stem = stem.replace("___", "%5F%5F%5F").replace("_/", "%5F/").replace("/_", "/%5F")
        stem = stem.replace("/", "___")
    else:
        stem = _RESERVED_OR_DOT.sub(_escape, page_name).replace("/", ".")
        # Every literal dot is escaped by now, so a dot at either end is a namespace separator.
        if stem.startswith("."):
            stem = "%2F" + stem[1:]
        if stem.endswith("."):
            stem = stem[:-1] + "%2F"
    base = stem.partition(".")[0]
    if base.upper() in _WINDOWS_DEVICE_NAMES:
        stem = base[:-1] + _escape_char(base[-1]) + stem[len(base) :]
    return stem


def normalize_page_name(name: str) -> str:
    """The identity of a page: NFC-normalised, stripped and lowercased.

    Logseq compares page names case-insensitively through JavaScript's ``toLowerCase``,
    which ``str.lower`` matches; ``str.casefold`` would go further (``ß`` → ``ss``) and merge
    pages that Logseq keeps apart.
    """
    return unicodedata.normalize("NFC", name).strip().lower()


def _percent_decode(text: str) -> str:
    return _ESCAPES.sub(_decode_run, text) if "%" in text else text


def _decode_run(match: re.Match[str]) -> str:
    """Decode a run of ``%XX`` escapes as UTF-8, keeping escapes that form no character."""
    run = match.group()
    escapes = [run[index : index + 3] for index in range(0, len(run), 3)]
    data = bytes.fromhex(run.replace("%", ""))
    decoded: list[str] = []
    index = 0
    while index < len(data):
        size = _utf8_length(data[index])
        try:
            decoded.append(data[index : index + size].decode("utf-8"))
            index += size
        except UnicodeDecodeError:
            decoded.append(escapes[index])
            index += 1
    return "".join(decoded)


def _utf8_length(lead: int) -> int:
    """How many bytes a UTF-8 sequence starting with ``lead`` takes (1 for invalid leads)."""
    if lead >= 0xF0:
        return 4
    if lead >= 0xE0:
        return 3
    if lead >= 0xC0:
        return 2
    return 1


def _escape(match: re.Match[str]) -> str:
    return _escape_char(match.group())


def _escape_char(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
