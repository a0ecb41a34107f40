"""Progress of a long run, told to whoever listens (by default no one).

The loading and checking layers call :func:`report` at each stage and every so many notes; the
command line installs a listener (``output.progress.TerminalProgress``) only when standard
error is a terminal. A listener is a plain callback on the main thread: a thread drawing a
spinner would stop the parser from forking its workers (``load.forking.can_fork``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int, int], None]
"""``listener(stage, done, total)``; ``total`` is 0 when the stage has no count."""

_listeners: list[Listener] = []


def report(stage: str, done: int = 0, total: int = 0) -> None:
    for listener in _listeners:
        listener(stage, done, total)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
