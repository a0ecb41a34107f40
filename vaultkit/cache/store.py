"""The parse cache: an unchanged note is not read or parsed again.

One file per vault in the user's cache folder (``$VAULTKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/vaultkit``, else ``~/.cache/vaultkit``), so nothing is written into the vault.
Entries are keyed by path and the file's stamp (size, modification and change times, inode and
device: ``touch -r`` keeps the first two, not the others); the whole cache is keyed by the vaultkit
version and every setting that changes how a note parses. Safe to delete at any time. A cache
that cannot be read, is damaged or was written by another version is ignored and rewritten; a
cache that cannot be written is simply not written. Only a regular file is opened, without
blocking (a named pipe at the cache's path must not hang the run), and whatever it holds is
checked for shape before use: a crafted or foreign cache is a miss, never a traceback.

A note changed within ``RACY_SECONDS`` of the run is not cached: a second change in the same
clock tick could keep both its size and its time, and must not be missed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import time
from pathlib import Path
from typing import Any

from vaultkit._version import __version__
from vaultkit.edit.write import write_file_atomically

MAGIC = b"vaultkit-cache-5\n"
"""Changed whenever what a cached entry means changes (3: entries keyed by size, times, inode
and device; Logseq pages read as outlines; Org pages), so that no cache written before is read
as if it were current."""
_DIGEST = 32
RACY_SECONDS = 2.0
Stamp = tuple[int, ...]
"""A file's ``VaultFile.stamp``: (size, mtime_ns, ctime_ns, inode, device)."""
Entry = tuple[Stamp, tuple[Any, ...]]
"""(stamp, encoded note)."""
_STAMP_LENGTH = 5


def is_stamp(value: Any) -> bool:
    """Whether ``value``, read from a cache, is a stamp as ``VaultFile.stamp`` makes them."""
    return (
        isinstance(value, tuple)
        and len(value) == _STAMP_LENGTH
        and all(type(part) is int for part in value)
    )


def is_entry(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and is_stamp(value[0])
        and isinstance(value[1], tuple)
    )


def cache_folder() -> Path:
    configured = os.environ.get("VAULTKIT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vaultkit"


def cache_key(settings_fingerprint: str) -> str:
    return f"{__version__}|{settings_fingerprint}"


def cache_path(root: Path, kind: str = ".marshal") -> Path:
    """The file of one of the vault's caches: ``.marshal`` (parsed notes), ``.results``,
    ``.snapshot``; named after the vault's absolute path."""
    identity = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape"))
    return cache_folder() / f"{identity.hexdigest()[:32]}{kind}"


def load_entries(path: Path, key: str) -> dict[str, Any]:
    """The cached entries, or nothing when the cache is missing, damaged or stale.

    The file starts with a digest of its key, so a cache made for another state of the vault
    is turned down after reading a few bytes; the payload's SHA-256 is checked before
    ``marshal`` reads it, so a truncated or damaged file is never decoded.
    """
    header = len(MAGIC) + 2 * _DIGEST
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return {}
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return {}
            start = handle.read(header)
            if start[: len(MAGIC)] != MAGIC or start[len(MAGIC) : -_DIGEST] != _key_digest(key):
                return {}
            payload = handle.read()
    except OSError:
        return {}
    if hashlib.sha256(payload).digest() != start[-_DIGEST:]:
        return {}
    try:
        data = marshal.loads(payload)
    except (EOFError, ValueError, TypeError, RecursionError):
        return {}
    if not isinstance(data, tuple) or len(data) != 2 or data[0] != key:
        return {}
    return data[1] if isinstance(data[1], dict) else {}


def _key_digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()


def settled(mtime_ns: int, now_ns: int) -> bool:
    """Whether a file last changed at ``mtime_ns`` is old enough that a later change will show
    in its size or time (see ``RACY_SECONDS``)."""
    return now_ns - mtime_ns > RACY_SECONDS * 1e9


def fresh_entries(entries: dict[str, Entry]) -> dict[str, Entry]:
    """The entries of notes that did not change within the last ``RACY_SECONDS``."""
    now_ns = time.time_ns()
    return {
        note_path: entry for note_path, entry in entries.items() if settled(entry[0][1], now_ns)
    }


def worth_saving(old: dict[str, Entry], kept: dict[str, Entry], current: dict[str, Entry]) -> bool:
    """Whether the cache file must be written again: it gains an entry or holds a gone note.

    ``kept`` are the entries to write, ``current`` every note of this run. A note changed just
    now is not kept (see ``RACY_SECONDS``), and that alone is no reason to rewrite the file:
    its old entry stays there harmlessly, since its size or time no longer match. On a large
    vault, not rewriting saves a second or more on each commit right after an edit.
    """
    return any(old.get(path) is not entry for path, entry in kept.items()) or any(
        path not in current for path in old
    )


def save_entries(path: Path, key: str, entries: dict[str, Any]) -> None:
    """Write the cache atomically; any failure leaves the old cache or none, never a broken one."""
    try:
        payload = marshal.dumps((key, entries))
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(payload).digest()
        write_file_atomically(path, MAGIC + _key_digest(key) + digest + payload)
    except (OSError, ValueError):
        return
