"""Run work in forked children that stream their results back.

A forked child starts with this process's memory (the vault's file list, its settings), so
nothing needs sending to it. It sends its results back as it goes, one ``marshal`` record at a
time through a pipe, so this process can take them in between pieces of its own work instead
of all at the end; no executor threads run here to compete with that work for the interpreter
lock.

Forking is used only where it is safe: on platforms with ``fork`` and in a process running a
single thread (forking a threaded process can deadlock the child). A child that fails in any
way (killed, out of memory, a bug) ends its stream early, and its caller does the rest of the
work itself, so a failure costs time, never results.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

_HEADER = 8
_END = (1 << 64) - 1
"""The length field of the record that closes a stream: the child finished its task."""
_PIPE_BYTES = 1 << 20
"""Pipe buffer asked for (Linux), so a child seldom waits for this process to read."""


def default_jobs() -> int:
    """The processes worth running: the cores this process may use, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


@dataclass(slots=True)
class Child:
    pid: int
    pipe: int
    """The read end of the pipe the child writes its records to (non-blocking)."""
    pending: bytearray = field(default_factory=bytearray)
    ended: bool = False
    """The child sent its closing record: every record it meant to send has arrived."""
    broken: bool = False
    """A record could not be read: nothing after it is trusted."""
    waited: bool = False


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def fork(task: Callable[[Callable[[Any], None]], None]) -> Child:
    """Start a child running ``task(send)``; each ``send(value)`` streams a record back."""
    read_end, write_end = os.pipe()
    with contextlib.suppress(AttributeError, OSError):
        import fcntl

        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        status = 1
        try:
            os.close(read_end)

            def send(value: Any) -> None:
                payload = marshal.dumps(value)
                _write_all(write_end, len(payload).to_bytes(_HEADER, "little") + payload)

            task(send)
            _write_all(write_end, _END.to_bytes(_HEADER, "little"))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    os.set_blocking(read_end, False)
    return Child(pid, read_end)


def _records(child: Child) -> list[Any]:
    """The complete records in ``child.pending``, taken out of it."""
    found: list[Any] = []
    pending = child.pending
    start = 0
    while not child.broken and not child.ended and len(pending) - start >= _HEADER:
        length = int.from_bytes(pending[start : start + _HEADER], "little")
        if length == _END:
            child.ended = True
            start += _HEADER
            break
        end = start + _HEADER + length
        if len(pending) < end:
            break
        try:
            found.append(marshal.loads(pending[start + _HEADER : end]))
        except (EOFError, ValueError, TypeError):
            child.broken = True
        start = end
    del pending[:start]
    return found


def received(child: Child) -> list[Any]:
    """The records that have arrived from ``child`` since last asked, without waiting."""
    while True:
        try:
            data = os.read(child.pipe, _PIPE_BYTES)
        except BlockingIOError:
            break
        if not data:
            break
        child.pending += data
    return _records(child)


def finish(child: Child) -> tuple[list[Any], bool]:
    """Wait for ``child`` to end; its last records, and whether it finished its task."""
    os.set_blocking(child.pipe, True)
    while data := os.read(child.pipe, _PIPE_BYTES):
        child.pending += data
    os.close(child.pipe)
    child.pipe = -1
    _, status = os.waitpid(child.pid, 0)
    child.waited = True
    records = _records(child)
    return records, status == 0 and child.ended and not child.broken


@contextlib.contextmanager
def reaped(children: list[Child]) -> Iterator[None]:
    """Leave no child running or unwaited when the work stops early (an error, Ctrl-C)."""
    try:
        yield
    except BaseException:
        for child in children:
            if child.pipe != -1:
                with contextlib.suppress(OSError):
                    os.close(child.pipe)
                child.pipe = -1
            if not child.waited:
                with contextlib.suppress(OSError):
                    os.kill(child.pid, signal.SIGKILL)
                with contextlib.suppress(OSError):
                    os.waitpid(child.pid, 0)
        raise
