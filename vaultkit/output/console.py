"""Rich rendering into a string, coloured only when the text goes to a terminal."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable

from rich.console import Console


def use_colour(to_terminal: bool = True) -> bool:
    """Colour only for a terminal, and never when ``NO_COLOR`` is set."""
    return to_terminal and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def render_to_string(draw: Callable[[Console], None], *, to_terminal: bool) -> str:
    """Run ``draw`` on a console writing into a string.

    Colour is used only when ``to_terminal`` and standard output is a terminal, and never when
    ``NO_COLOR`` is set. Lines are not wrapped: reports stay greppable.
    """
    colour = use_colour(to_terminal)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=colour, no_color=not colour, width=10_000)
    draw(console)
    return buffer.getvalue()
