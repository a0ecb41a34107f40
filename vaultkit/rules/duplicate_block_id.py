"""The same block id used twice.

In Obsidian, two ` ^id` markers with one id in a note: `[[Note#^id]]` opens only the first. In
Logseq, two blocks carrying the same `id:: uuid` (often after copying a page): `((uuid))` shows
only one of them, and Logseq may re-assign ids on re-index.

Fails:

    First claim. ^claim
    Second claim. ^claim

Passes:

    First claim. ^claim-1
    Second claim. ^claim-2
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.model import BlockId, Flavor, Note
from vaultkit.rules.base import RuleContext

NAME = "duplicate-block-id"
SEVERITY = Severity.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    if context.vault.flavor is Flavor.LOGSEQ:
        first: dict[str, tuple[Note, BlockId]] = {}
        for note in context.vault.notes:
            for block in note.block_ids:
                seen = first.get(block.id)
                if seen is None:
                    first[block.id] = (note, block)
                    continue
                where = "above" if seen[0] is note else f"in `{seen[0].path}`"
                message = f"block id `{block.id}` is already used on line {seen[1].line} {where}"
                yield Finding(note.path, block.line, block.column, message, block.id)
        return
    for note in context.graph.sources:
        lines: dict[str, int] = {}
        for block in note.block_ids:
            key = block.id.casefold()
            if key in lines:
                message = f"block id `^{block.id}` is already used on line {lines[key]}"
                yield Finding(note.path, block.line, block.column, message, block.id)
            else:
                lines[key] = block.line
