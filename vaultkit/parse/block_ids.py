"""Block ids: Obsidian's ``^id`` markers and Logseq's ``id:: uuid`` block properties."""

from __future__ import annotations

import re

from vaultkit.model import BlockId, Flavor
from vaultkit.parse.positions import LineIndex

_OBSIDIAN_BLOCK_ID = re.compile(r"\^([A-Za-z0-9-]+)[ \t]*$", re.MULTILINE)
"""A ``^id`` ending a line; it must also start the line or follow a space (checked by hand:
a regex starting with a literal ``^`` scans much faster than one starting with a choice)."""
_LOGSEQ_BLOCK_ID = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?id::[ \t]*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12})[ \t]*$",
    re.MULTILINE,
)


def find_block_ids(text: str, index: LineIndex, flavor: Flavor) -> list[BlockId]:
    """Block ids in the masked text, in document order (Logseq uuids lowercased)."""
    if flavor is Flavor.LOGSEQ:
        if "id::" not in text:
            return []
        pattern, lower = _LOGSEQ_BLOCK_ID, True
    else:
        if "^" not in text:
            return []
        pattern, lower = _OBSIDIAN_BLOCK_ID, False
    found: list[BlockId] = []
    for match in pattern.finditer(text):
        start = match.start()
        if not lower and start and text[start - 1] not in " \t\n":
            continue
        line, column = index.position(match.start(1) - (0 if lower else 1))
        block_id = match.group(1)
        found.append(BlockId(block_id.lower() if lower else block_id, line, column))
    return found
