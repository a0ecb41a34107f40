"""A link to a note or file that does not exist.

In Obsidian, a wikilink, Markdown link or front-matter link whose target no note or file in the
vault answers to (by the app's own lookup: name anywhere in the vault, case-insensitive, `.md`
optional; a path from the root; a Markdown path relative to the note). Clicking it creates a new,
empty note instead of opening the one you meant. In Logseq, a page reference to a page with no
file is not broken (see `missing-page`); only Markdown links to files are checked here.

The message names the closest existing notes ("did you mean …?").

Fails:

    See [[Sales tx]] and [the plan](plans/2024.md).

Passes (with `Sales tax.md` and `plans/2024.md` in the vault):

    See [[sales tax]] and [the plan](plans/2024.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.resolution import Status
from vaultkit.rules.base import RuleContext, code, did_you_mean, edge_finding

NAME = "broken-link"
SEVERITY = Severity.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    for edge in graph.flagged:
        link = edge.link
        if edge.resolution.status is not Status.BROKEN or link.is_embed or link.block_ref:
            continue
        target = link.target
        suggestions = graph.suggestions(target)
        what = "file" if _has_extension(target) else "note"
        message = f"{link.raw} links to a {what} that does not exist: {code(target)}"
        yield edge_finding(edge, message + did_you_mean(suggestions), suggestions=suggestions)


def _has_extension(target: str) -> bool:
    name = target.rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return bool(dot and stem and extension and extension.lower() != "md" and " " not in extension)
