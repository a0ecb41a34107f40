"""Run work in forked children and collect what they send back.

A forked child starts with this process's memory (the vault's files, its notes, the link
resolver), so nothing needs sending to it; it sends its answer back once, at the end, as one
``marshal`` blob of plain data. No executor threads run in this process to compete with its
own share of the work for the interpreter lock.

Forking is used only where it is safe: on platforms with ``fork`` and in a process running a
single thread (forking a threaded process can deadlock the child). A child that fails in any
way (killed, out of memory, a bug) gives no answer, and its caller does the work itself, so a
failure costs time, never results.
"""

from __future__ import annotations

import marshal
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, BinaryIO


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
    pipe: BinaryIO
    """The read end of the pipe the child writes its answer to."""
    waited: bool = False


def fork(task: Callable[[], Any]) -> Child:
    """Start a child that runs ``task`` and sends back what it returns (``marshal``-able)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        status = 1
        try:
            os.close(read_end)
            payload = marshal.dumps(task())
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return Child(pid, os.fdopen(read_end, "rb"))


def answer(child: Child) -> Any | None:
    """Wait for ``child`` and return what its task returned; None if it did not finish."""
    with child.pipe:
        data = child.pipe.read()
    _, status = os.waitpid(child.pid, 0)
    child.waited = True
    if status != 0:
        return None
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None


@contextmanager
def reaped(children: list[Child]) -> Iterator[None]:
    """Leave no child running or unwaited when the work stops early (an error, Ctrl-C)."""
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
