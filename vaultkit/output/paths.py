"""How paths are shown: relative to where the command runs, so editors and CI can open them."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path


def path_display(root: Path, cwd: Path | None = None) -> Callable[[str], str]:
    """A function showing a vault path (relative to ``root``) as a POSIX path relative to ``cwd``.

    A report shows thousands of paths, so the vault's place relative to ``cwd`` is worked out
    once: when ``cwd`` holds the vault (the usual case), a path is that prefix joined to it.
    Falls back to the absolute path when the vault is on another drive (Windows) than ``cwd``.
    """
    base = root.absolute()
    here = str(cwd or Path.cwd())
    try:
        prefix: str | None = os.path.relpath(base, here)
    except ValueError:
        prefix = None
    holds_vault = (
        prefix is not None and prefix != os.pardir and not prefix.startswith(os.pardir + os.sep)
    )

    @cache
    def shown(path: str) -> str:
        if prefix is None:
            return encodable((base / path).as_posix())
        if holds_vault:
            relative = path if prefix == os.curdir else f"{prefix}{os.sep}{path}"
        else:
            relative = os.path.relpath(f"{base}{os.sep}{path}", here)
        return encodable(relative if os.sep == "/" else relative.replace(os.sep, "/"))

    return shown


def encodable(text: str) -> str:
    """``text`` made safe to write as UTF-8.

    A file name that is not valid UTF-8 reaches Python with its bad bytes as lone surrogates;
    they are shown as ``\\xe9`` escapes.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(
            f"\\x{ord(char) - 0xDC00:02x}"
            if 0xDC80 <= ord(char) <= 0xDCFF
            else "\ufffd"
            if 0xD800 <= ord(char) <= 0xDFFF
            else char
            for char in text
        )
    return text


def printable(text: str) -> str:
    """Escape control characters (a newline in a file name) so one problem stays one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def encodable_data(value: object) -> object:
    """``value`` (JSON-like data) with every string made ``encodable``."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable_data(key): encodable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [encodable_data(item) for item in value]
    return value


def json_text(value: object) -> str:
    """Indented JSON that can always be written as UTF-8, with a final newline."""
    return json.dumps(encodable_data(value), indent=2, ensure_ascii=False) + "\n"
