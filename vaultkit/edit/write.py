"""Write a planned change or a report to disk without ever losing what was there.

Nothing is ever written through a symbolic link: a target that is a link (dangling or not) is
refused, and so is one whose folders, inside the vault or the working folder as written, lead
out of it once links are followed. The check is made again after the temporary file exists, so
a link planted meanwhile is refused too.

A change carries the exact bytes it was planned from. It is written only if the file still
holds those bytes (another program may have saved it since), and atomically: a temporary file
in the same folder is written, flushed to disk and renamed over the note, so the note is at
every moment either the old file or the new one. Right before the rename the note's identity
(size, times, inode) is compared with what was read, so an edit made while vaultkit wrote is
not lost. The file's permission bits, owner and group are kept. A read-only note and a note
with other hard links (which a rename would silently split off) are skipped with a message.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.load.walk import TEMPORARY_SUFFIX, is_inside


class WriteRefused(OSError):
    """The change was not written; the message says why. The file is untouched."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class FileChange:
    path: str
    """Vault-relative POSIX path."""
    before: bytes | None
    """The bytes the change was planned from; None for a new file."""
    after: bytes
    reasons: tuple[str, ...] = field(default=())
    kind: str | None = None
    """What sort of change this is, for a command's json (``enrich``: ``clipping``,
    ``citation`` or ``author-page``)."""

    @property
    def is_new(self) -> bool:
        return self.before is None


Identity = tuple[int, int, int, int]
"""(size, mtime_ns, ctime_ns, inode): changes whenever anything writes to the file."""


def _identity(info: os.stat_result) -> Identity:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def resolve_inside(root: Path, relative: str) -> Path:
    """The real path ``relative`` names, refusing anything that leads outside the vault."""
    root_real = os.path.realpath(root)
    candidate = os.path.realpath(Path(root_real).joinpath(*relative.split("/")))
    if not is_inside(root_real, candidate) or candidate == root_real:
        raise WriteRefused(f"{relative}: leads outside the vault; not written")
    return Path(candidate)


def _lexical(path: Path) -> Path:
    """``path`` made absolute with ``..`` removed as written, no link followed."""
    return Path(os.path.normpath(Path(path).absolute()))


def guard_target(path: Path, roots: Sequence[Path], shown: str | None = None) -> None:
    """Refuse to write ``path`` if it is a symbolic link, or if it lies inside one of ``roots``
    as written but its folder leads out of that root once links are followed.

    A path outside every root (``$RUNNER_TEMP/report.sarif``) is the user's own choice and is
    written, but never through a link as its last component.
    """
    shown = shown or str(path)
    absolute = _lexical(path)
    if absolute.is_symlink():
        raise WriteRefused(f"{shown}: is a symbolic link; not written")
    folder_real = os.path.realpath(absolute.parent)
    for root in roots:
        root_absolute = str(_lexical(root))
        if is_inside(root_absolute, str(absolute)) and not is_inside(
            os.path.realpath(root_absolute), folder_real
        ):
            raise WriteRefused(f"{shown}: leads out of {root} through a symbolic link; not written")


def fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (best effort: not every system can)."""
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
        if not is_inside(root_real, os.path.realpath(new_folder)):
            raise WriteRefused(f"{new_folder}: leads outside the vault; not written")


@dataclass(frozen=True, slots=True)
class _Expected:
    """What the target must still be right before the rename."""

    shown: str
    identity: Identity | None
    """The identity of the file as it was read; None: no file may be there."""
    owner: tuple[int, int] | None = None
    """(uid, gid) of the file replaced, for the new file to keep; None for a new file."""


def _still_as_read(target: Path, expected: _Expected) -> None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise WriteRefused(f"{expected.shown}: became a symbolic link; not written")
    if expected.identity is None and info is not None:
        raise WriteRefused(f"{expected.shown}: a file appeared there since the plan; skipped")
    if expected.identity is not None and (info is None or _identity(info) != expected.identity):
        raise WriteRefused(f"{expected.shown}: changed on disk while being written; skipped")


def _keep_owner(descriptor: int, expected: _Expected) -> None:
    """Give the temporary file the owner and group of the file it replaces (root's rewrite
    must not leave a user's note owned by root), or refuse when that is not allowed."""
    created = os.fstat(descriptor)
    if expected.owner in (None, (created.st_uid, created.st_gid)):
        return
    try:
        os.fchown(descriptor, *expected.owner)
    except PermissionError:
        raise WriteRefused(
            f"{expected.shown}: owned by another user or group, and a rewrite would change"
            " that; skipped"
        ) from None


def _replace_atomically(
    target: Path,
    data: bytes,
    mode: int,
    expected: _Expected,
    unsynced: set[Path] | None = None,
) -> None:
    """Write ``data`` to a temporary file beside ``target``, flush it, rename it over; then
    flush the folder, or leave that to the caller by adding it to ``unsynced``."""
    folder_real = os.path.realpath(target.parent)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            _keep_owner(handle.fileno(), expected)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(mode)
        if os.path.realpath(Path(temporary).parent) != folder_real:
            raise WriteRefused(f"{expected.shown}: its folder was replaced by a link; not written")
        _still_as_read(target, expected)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if unsynced is None:
        fsync_folder(target.parent)
    else:
        unsynced.add(target.parent)


def write_file_atomically(path: Path, data: bytes, inside: Sequence[Path] = ()) -> None:
    """Replace (or create) ``path`` so that it is at every moment the old file or the new one.

    Refused (``WriteRefused``) when ``path`` is a symbolic link or leads out of one of
    ``inside`` through one (see ``guard_target``). A path that is not a regular file
    (``/dev/null``, a named pipe) is written into instead. Keeps the permission bits of the
    file it replaces. Raises ``OSError`` on failure, leaving the old file as it was.
    """
    guard_target(path, inside)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        _replace_atomically(path, data, 0o666 & ~_umask(), _Expected(str(path), None))
        return
    if not stat.S_ISREG(info.st_mode):
        # A device, pipe or socket (``/dev/null``): it cannot be replaced, and must not be.
        descriptor = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        return
    expected = _Expected(str(path), _identity(info), (info.st_uid, info.st_gid))
    _replace_atomically(path, data, stat.S_IMODE(info.st_mode), expected)


def _read_as_planned(target: Path, change: FileChange) -> tuple[os.stat_result, bytes]:
    """The file's status and bytes, read without following a link; refused when it is not
    a plain, writable, singly linked regular file."""
    try:
        descriptor = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise WriteRefused(f"{change.path}: cannot read it again ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(f"{change.path}: not a regular file; skipped")
        current = handle.read()
    if current != change.before:
        raise WriteRefused(f"{change.path}: changed on disk since it was read; skipped")
    if not info.st_mode & 0o222:
        raise WriteRefused(f"{change.path}: read-only; skipped (make it writable to change it)")
    if info.st_nlink > 1:
        raise WriteRefused(
            f"{change.path}: has {info.st_nlink - 1} other hard link(s), which a rewrite would"
            " split off; skipped"
        )
    return info, current


def write_change(root: Path, change: FileChange, unsynced: set[Path] | None = None) -> None:
    """Apply ``change`` under ``root`` atomically, or raise ``WriteRefused``; with
    ``unsynced``, the folder's flush is left to the caller (one per folder for a batch)."""
    target = resolve_inside(root, change.path)
    if Path(root).joinpath(*change.path.split("/")).is_symlink():
        raise WriteRefused(f"{change.path}: is a symbolic link; not written")
    if change.before is None:
        if os.path.lexists(target):
            raise WriteRefused(f"{change.path}: a file appeared there since the plan; skipped")
        _make_folders(root, target)
        new = _Expected(change.path, None)
        _replace_atomically(target, change.after, 0o666 & ~_umask(), new, unsynced)
        return
    info, _ = _read_as_planned(target, change)
    expected = _Expected(change.path, _identity(info), (info.st_uid, info.st_gid))
    _replace_atomically(target, change.after, stat.S_IMODE(info.st_mode), expected, unsynced)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
