"""How paths are shown: relative to where the command runs, so editors and CI can open them."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(root: Path, path: str, cwd: Path | None = None) -> str:
    """``path`` (relative to the vault ``root``) as a POSIX path relative to ``cwd``.

    Falls back to the absolute path when the vault is on another drive (Windows) than ``cwd``.
    """
    absolute = (root / path).absolute()
    try:
        relative = os.path.relpath(absolute, cwd or Path.cwd())
    except ValueError:
        return absolute.as_posix()
    return Path(relative).as_posix()


def printable(text: str) -> str:
    """Escape control characters (a newline in a file name) so one problem stays one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
