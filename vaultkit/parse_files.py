"""Read and parse many note files, in several processes when the vault is large.

Worker processes are forked children, each parsing one share of the files while this process
parses the first share itself. A fork costs little (the child starts with this process's
memory, file list included, so nothing is sent to it) and the child sends its notes back once,
at the end, as one ``marshal`` blob of plain tuples (see ``cache.codec``): no executor threads
in this process compete with its own parsing for the interpreter lock. A pool pays only for
more than ``PARALLEL_THRESHOLD`` files, on a machine with more than one core, on a platform with
``fork``, and in a process running a single thread (forking a threaded process can deadlock the
child); anywhere else the notes are parsed here, one after the other.

A child that fails in any way (killed, out of memory, a bug) is not trusted: its share is parsed
again here, so a failure costs time, never notes.
"""

from __future__ import annotations

import marshal
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, BinaryIO

from vaultkit.cache.codec import TooLarge, encode_note
from vaultkit.config.logseq import LogseqConfig
from vaultkit.model import Flavor, Note
from vaultkit.parse.note import parse_note
from vaultkit.read import read_note
from vaultkit.walk import VaultFile

PARALLEL_THRESHOLD = 2000
OWN_WEIGHT = 1.14
"""This process's share relative to a child's (measured: encoding costs a child about 14% of
the time it spends reading and parsing)."""

Parsed = tuple[VaultFile, Note | None, tuple[Any, ...] | None]
"""A file with its Note (parsed here) or its encoded form (parsed by a child)."""


def parse_file(file: VaultFile, flavor: Flavor, logseq: LogseqConfig | None) -> Note:
    """Read and parse one note file; a file that cannot be read still becomes a Note."""
    decoded = read_note(file.absolute)
    if decoded.text is None:
        stem = file.path.rsplit("/", 1)[-1][:-3]
        note = Note(path=file.path, title=stem, flavor=flavor, readable=False)
    else:
        note = parse_note(decoded.text, file.path, flavor, logseq=logseq)
    note.problems[:0] = decoded.problems
    note.size = file.size
    note.mtime = file.mtime
    note.encoding = decoded.encoding
    note.has_bom = decoded.has_bom
    return note


def _encode_or_none(note: Note) -> tuple[Any, ...] | None:
    try:
        return encode_note(note)
    except TooLarge:
        return None


def default_jobs() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _shares(files: list[VaultFile], workers: int) -> list[list[VaultFile]]:
    """Split ``files`` into ``workers`` runs, the first this process's own.

    Each child also encodes its notes, about ``OWN_WEIGHT - 1`` of the parsing time, so this
    process takes that much more; it decodes the children's notes once they are done.
    """
    own = round(len(files) * OWN_WEIGHT / (OWN_WEIGHT + workers - 1))
    size, extra = divmod(len(files) - own, workers - 1)
    shares = [files[:own]]
    start = own
    for number in range(workers - 1):
        end = start + size + (1 if number < extra else 0)
        shares.append(files[start:end])
        start = end
    return shares


@dataclass(slots=True)
class _Child:
    pid: int
    pipe: BinaryIO
    """The read end of the pipe the child writes its notes to."""
    files: list[VaultFile]
    waited: bool = False


def _start_child(files: list[VaultFile], flavor: Flavor, logseq: LogseqConfig | None) -> _Child:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        status = 1
        try:
            os.close(read_end)
            encoded = [_encode_or_none(parse_file(file, flavor, logseq)) for file in files]
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(marshal.dumps(encoded))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return _Child(pid, os.fdopen(read_end, "rb"), files)


def _collect(child: _Child) -> list[tuple[Any, ...] | None] | None:
    """The child's encoded notes, in file order; None when it did not finish cleanly."""
    with child.pipe:
        data = child.pipe.read()
    _, status = os.waitpid(child.pid, 0)
    child.waited = True
    if status != 0:
        return None
    try:
        encoded = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(encoded, list) or len(encoded) != len(child.files):
        return None
    return encoded


@contextmanager
def _reaped(children: list[_Child]) -> Iterator[None]:
    """Leave no child running or unwaited when parsing stops early (an error, Ctrl-C)."""
    try:
        yield
    except BaseException:
        for child in children:
            child.pipe.close()
            if not child.waited:
                with suppress(OSError):
                    os.kill(child.pid, signal.SIGKILL)
                with suppress(OSError):
                    os.waitpid(child.pid, 0)
        raise


def parse_files_encoded(
    files: list[VaultFile], flavor: Flavor, logseq: LogseqConfig | None, jobs: int | None = None
) -> list[Parsed]:
    """Parse ``files``; each result has the Note and/or its encoded form, in file order.

    A note a child could not encode (see ``TooLarge``), or the whole share of a child that
    failed, is parsed again here.
    """
    workers = default_jobs() if jobs is None else max(1, jobs)
    if workers == 1 or len(files) < PARALLEL_THRESHOLD or not _can_fork():
        return [(file, parse_file(file, flavor, logseq), None) for file in files]
    own, *others = _shares(files, workers)
    children: list[_Child] = []
    with _reaped(children):
        for share in others:
            children.append(_start_child(share, flavor, logseq))
        out: list[Parsed] = [(file, parse_file(file, flavor, logseq), None) for file in own]
        for child in children:
            encoded = _collect(child)
            if encoded is None:
                out.extend((file, parse_file(file, flavor, logseq), None) for file in child.files)
                continue
            for file, item in zip(child.files, encoded, strict=True):
                if item is None:
                    out.append((file, parse_file(file, flavor, logseq), None))
                else:
                    out.append((file, None, item))
    return out
