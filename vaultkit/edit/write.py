"""Write a planned change to disk without ever losing what was there.

A change carries the exact bytes it was planned from. It is written only if the file still
holds those bytes (another program may have saved it since), only to a path that is inside the
vault once every symbolic link is followed, and atomically: a temporary file in the same folder
is written, flushed to disk and renamed over the note, so the note is at every moment either
the old file or the new one. The file's permission bits are kept.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class WriteRefused(Exception):
    """The change was not written; the message says why. The file is untouched."""


@dataclass(frozen=True, slots=True)
class FileChange:
    path: str
    """Vault-relative POSIX path."""
    before: bytes | None
    """The bytes the change was planned from; None for a new file."""
    after: bytes
    reasons: tuple[str, ...] = field(default=())

    @property
    def is_new(self) -> bool:
        return self.before is None


def _inside(root_real: str, path: str) -> bool:
    return path == root_real or path.startswith(root_real.rstrip(os.sep) + os.sep)


def resolve_inside(root: Path, relative: str) -> Path:
    """The real path ``relative`` names, refusing anything that leads outside the vault."""
    root_real = os.path.realpath(root)
    candidate = os.path.realpath(Path(root_real).joinpath(*relative.split("/")))
    if not _inside(root_real, candidate) or candidate == root_real:
        raise WriteRefused(f"{relative}: leads outside the vault; not written")
    return Path(candidate)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _make_folders(root: Path, target: Path) -> None:
    root_real = os.path.realpath(root)
    missing = []
    folder = target.parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new_folder in reversed(missing):
        new_folder.mkdir()
        if not _inside(root_real, os.path.realpath(new_folder)):
            raise WriteRefused(f"{new_folder}: leads outside the vault; not written")


def _replace_atomically(target: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to a temporary file beside ``target``, flush it, rename it over."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".vaultkit-tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` so that it is at every moment the old file or the new one.

    A path that is not a regular file (``/dev/null``, a named pipe) is written into instead.

    Keeps the permission bits of the file it replaces, and writes through a symbolic link to
    the file it points at (the link stays a link). Raises ``OSError`` on failure, leaving the
    old file as it was.
    """
    path = Path(os.path.realpath(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        _replace_atomically(path, data, 0o666 & ~_umask())
        return
    if not stat.S_ISREG(info.st_mode):
        # A device, pipe or socket (``/dev/null``, ``/dev/stdout``): it cannot be replaced,
        # and must not be. Write into it.
        with path.open("wb") as handle:
            handle.write(data)
        return
    _replace_atomically(path, data, stat.S_IMODE(info.st_mode))


def write_change(root: Path, change: FileChange) -> None:
    """Apply ``change`` under ``root`` atomically, or raise ``WriteRefused``."""
    target = resolve_inside(root, change.path)
    if change.before is None:
        if target.exists():
            raise WriteRefused(f"{change.path}: a file appeared there since the plan; skipped")
        _make_folders(root, target)
        mode = 0o666 & ~_umask()
    else:
        try:
            current = target.read_bytes()
            mode = stat.S_IMODE(target.stat().st_mode)
        except OSError as error:
            raise WriteRefused(f"{change.path}: cannot read it again ({error.strerror})") from None
        if current != change.before:
            raise WriteRefused(f"{change.path}: changed on disk since it was read; skipped")
    _replace_atomically(target, change.after, mode)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
