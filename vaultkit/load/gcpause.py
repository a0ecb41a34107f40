"""Keep Python's cyclic garbage collector off the vault's objects.

Loading a vault allocates millions of small objects (links, headings, edges), none of them in
reference cycles. The collector would walk all of them again and again, costing about as much
as the work itself on a 10,000-note vault; merely pausing it moves that cost to the first
collection afterwards. So the block runs with the collector off, and what it built is then
frozen (``gc.freeze``): later collections skip it. Reference counting still frees it all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block; freeze what it built; restore the state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
