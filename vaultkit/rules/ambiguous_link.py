"""A bare name that several notes answer to, resolved only by Obsidian's tie-break.

With `Todo.md`, `work/Todo.md` and `home/Todo.md` in the vault, `[[Todo]]` opens one of them by
Obsidian's rule: a note whose vault path is exactly the link wins, else one in the linking note's
own folder, else the one with the shortest path. The link works today but moves when a note is
added or moved; the message says which note wins and why. Write a path to be explicit.

Fails (two notes named Todo):

    [[Todo]]

Passes:

    [[work/Todo]]
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.model import Flavor
from vaultkit.rules.base import RuleContext, edge_finding

NAME = "ambiguous-link"
SEVERITY = Severity.WARNING
FLAVORS = frozenset({Flavor.OBSIDIAN})


def check(context: RuleContext) -> Iterator[Finding]:
    for edge in context.graph.flagged:
        resolution = edge.resolution
        if len(resolution.candidates) < 2 or resolution.path is None:
            continue
        others = ", ".join(f"`{path}`" for path in resolution.candidates)
        message = (
            f"{edge.link.raw} matches {len(resolution.candidates)} files ({others}); "
            f"Obsidian opens `{resolution.path}` because {resolution.reason}"
        )
        yield edge_finding(edge, message, suggestions=(resolution.path,))
