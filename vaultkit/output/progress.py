"""A one-line progress display on standard error, for runs long enough to wonder about.

Nothing is drawn in the first second, so a quick run (and every warm one) stays silent, nor ever
when standard error is not a terminal, in CI (``CI`` set), on a ``dumb`` terminal or with
``--quiet``: pipes, logs and pre-commit output never see it. The line is cleared when the run
ends, so the report starts on a clean line.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from vaultkit.progress import listening

DELAY = 1.0
"""Seconds before anything is drawn."""
INTERVAL = 0.1
"""Seconds between redraws."""


def progress_wanted(stream: TextIO, quiet: bool = False) -> bool:
    if quiet or os.environ.get("CI", "") not in ("", "0", "false"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalProgress:
    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._drawn_at: float | None = None

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        now = self._clock()
        if now - self._start < DELAY:
            return
        if self._drawn_at is not None and now - self._drawn_at < INTERVAL:
            return
        count = f" {done:,}/{total:,}" if total else ""
        self._stream.write(f"\r\x1b[K{stage}...{count}")
        self._stream.flush()
        self._drawn_at = now

    def clear(self) -> None:
        if self._drawn_at is not None:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._drawn_at = None


@contextmanager
def progress_on(stream: TextIO, quiet: bool = False) -> Iterator[None]:
    """Show progress on ``stream`` for the length of the block, when it is wanted there."""
    if not progress_wanted(stream, quiet):
        yield
        return
    display = TerminalProgress(stream)
    try:
        with listening(display):
            yield
    finally:
        display.clear()
