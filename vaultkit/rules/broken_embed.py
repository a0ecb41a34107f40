"""An embed of a note or file that does not exist.

`![[…]]` and `![alt](…)` show the target inside the note; when nothing answers to the target the
note shows an error box instead (Obsidian) or a broken image (both apps). Obsidian opens `.md`,
`.canvas`, `.base`, images, audio, video and `.pdf` inside a note; the target must be written
with its extension (`![[Figure 1.png]]`). In Logseq, Markdown images are checked relative to the
page file (`![](../assets/image.png)`).

Fix (unsafe, `vaultkit fix --unsafe-fixes`): a wikilink with exactly one suggestion gets that
target, keeping its other parts: `![[diagram.pgn]]` becomes `![[diagram.png]]`.

Fails:

    ![[diagram.png]]

Passes (with `Attachments/diagram.png` in the vault; Obsidian finds attachments by name):

    ![[diagram.png]]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.resolution import Status
from vaultkit.rules.base import RuleContext, code, did_you_mean, edge_finding, guessed_fix

NAME = "broken-embed"
SEVERITY = Severity.ERROR
FIX = "unsafe"


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    for edge in graph.flagged:
        link = edge.link
        if edge.resolution.status is not Status.BROKEN or not link.is_embed or link.block_ref:
            continue
        suggestions = graph.suggestions(link.target)
        message = f"{link.raw} embeds something that does not exist: {code(link.target)}"
        finding = edge_finding(edge, message + did_you_mean(suggestions), suggestions=suggestions)
        yield replace(finding, fix=guessed_fix(edge, suggestions))
