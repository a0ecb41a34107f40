"""Rich rendering into a string, coloured only when the text goes to a terminal."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable

from rich.console import Console


def use_colour(to_terminal: bool = True, mode: str = "auto") -> bool:
    """Whether to colour: ``--color always`` or ``never`` decide; else (``auto``) never when
    ``NO_COLOR`` is set, always when ``FORCE_COLOR`` is (to standard output, not to a file),
    and otherwise only for a terminal."""
    if mode != "auto":
        return mode == "always"
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return to_terminal
    return to_terminal and sys.stdout.isatty()


def render_to_string(
    draw: Callable[[Console], None], *, to_terminal: bool, mode: str = "auto"
) -> str:
    """Run ``draw`` on a console writing into a string, coloured as ``use_colour`` says.

    Lines are not wrapped: reports stay greppable.
    """
    colour = use_colour(to_terminal, mode)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=colour, no_color=not colour, width=10_000)
    draw(console)
    return buffer.getvalue()
