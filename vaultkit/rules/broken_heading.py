"""A link to a heading that the target note does not have.

`[[Note#Heading]]` (and `[[#Heading]]` for the same note, `[text](Note.md#heading)`) opens the
note at that heading; when the heading was renamed or removed, the link silently opens the top of
the note. Headings are compared the way Obsidian links them: without the characters a link
cannot hold (`# | ^ : %% [ ]` and other punctuation), spaces folded, case ignored. Nested
headings (`[[Note#Part#Section]]`) need every part to exist.

Fix (unsafe, `vaultkit fix --unsafe-fixes`): a wikilink with exactly one suggestion gets that
heading, keeping its other parts: `[[Taxes#Tax rate|rates]]` becomes `[[Taxes#Tax rates|rates]]`.

Fails (the note has `## Tax rates`):

    See [[Sales tax#Rates]].

Passes:

    See [[Sales tax#Tax rates]] and [[Sales tax#tax rates]].
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.anchors import heading_key, heading_keys
from vaultkit.graph.resolution import AnchorStatus
from vaultkit.graph.suggest import Suggester
from vaultkit.rules.base import RuleContext, code, did_you_mean, edge_finding, guessed_fix

NAME = "broken-heading"
SEVERITY = Severity.ERROR
FIX = "unsafe"


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    # Target path → its heading keys and a suggester among its headings: a note is often
    # linked with several missing headings.
    headings_of: dict[str, tuple[frozenset[str], Suggester | None]] = {}
    for edge in graph.flagged:
        resolution = edge.resolution
        if resolution.anchor is not AnchorStatus.MISSING_HEADING or resolution.path is None:
            continue
        target = graph.notes[resolution.path]
        known = headings_of.get(resolution.path)
        if known is None:
            headings = [heading.text for heading in target.headings]
            known = headings_of[resolution.path] = (
                heading_keys(target),
                Suggester(headings) if headings else None,
            )
        keys, suggester = known
        anchor = edge.link.anchor or ""
        missing = [part for part in anchor.split("#") if part.strip()]
        absent = next((part for part in missing if heading_key(part) not in keys), anchor)
        suggestions = suggester.suggest(absent) if suggester else ()
        where = "this note" if resolution.path == edge.source.path else code(target.title)
        message = f"{edge.link.raw}: {where} has no heading {code(absent.strip())}"
        finding = edge_finding(edge, message + did_you_mean(suggestions), suggestions=suggestions)
        yield replace(finding, fix=guessed_fix(edge, suggestions, anchor=True))
