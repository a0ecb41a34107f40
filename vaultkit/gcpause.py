"""Pause Python's cyclic garbage collector while building large object graphs.

Loading a vault allocates millions of small objects (links, headings, edges) and none of them
form reference cycles; the collector would walk all of them again and again, which costs
about twice the work itself on a 10,000-note vault. Reference counting still frees everything.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block, restoring the previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
