"""A block reference that names no block.

Obsidian's `[[Note#^id]]` needs a ` ^id` marker at the end of a paragraph or list item of Note
(or on its own line after a list, quote or table). Logseq's `((uuid))`, `{{embed ((uuid))}}` and
`[label](((uuid)))` need a block carrying `id:: uuid` somewhere in the graph. When the block was
deleted, or its id lost in a copy, the reference shows nothing.

Fails:

    As argued in [[Essay#^key-claim]].

Passes (Essay.md has a paragraph ending in ` ^key-claim`):

    As argued in [[Essay#^key-claim]].
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.resolution import AnchorStatus, Status
from vaultkit.rules.base import RuleContext, code, edge_finding

NAME = "broken-block-ref"
SEVERITY = Severity.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    for edge in graph.flagged:
        link = edge.link
        resolution = edge.resolution
        if link.block_ref and resolution.status is Status.BROKEN:
            yield edge_finding(edge, f"{link.raw}: no block has `id:: {link.target}`")
        elif resolution.anchor is AnchorStatus.MISSING_BLOCK and resolution.path is not None:
            target = graph.notes[resolution.path]
            block = (link.anchor or "").strip()
            where = "this note" if resolution.path == edge.source.path else code(target.title)
            yield edge_finding(edge, f"{link.raw}: {where} has no block `{block}`")
