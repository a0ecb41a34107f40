"""A bare link to an alias, which Obsidian does not follow.

Obsidian lets a note declare `aliases:` so that its link picker offers them, but it writes the
link as `[[Real Note|Alias]]`. A hand-written `[[Alias]]` stays unresolved: clicking it creates
a new, empty note called "Alias". The message gives the exact link to write instead. (Logseq
does follow `alias::`, so this rule is for Obsidian vaults only.)

Fails (`Reinforcement Learning.md` has `aliases: [RL]`):

    Read up on [[RL]].

Passes:

    Read up on [[Reinforcement Learning|RL]].

A link that matches an alias only when case is ignored (`[[man]]` against the alias `MAN`) is
more likely meant for another note that does not exist yet: it is reported as naming no note,
with the alias mentioned, and no fix is offered.

Fix (safe): `[[RL]]` becomes `[[Reinforcement Learning|RL]]` (its pipe escaped in a table),
keeping a heading and the `!` of an embed.
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.linktext import LinkText
from vaultkit.graph.resolution import Status, fold
from vaultkit.model import Flavor, LinkKind
from vaultkit.rules.base import RuleContext, code, edge_finding

NAME = "link-to-alias"
SEVERITY = Severity.ERROR
FLAVORS = frozenset({Flavor.OBSIDIAN})
FIX = "safe"


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    link_text: LinkText | None = None
    for edge in graph.flagged:
        if edge.resolution.status is not Status.ALIAS or edge.resolution.path is None:
            continue
        if link_text is None:
            link_text = LinkText(context.vault.notes)  # counts every note's name: only if needed
        owner = graph.notes[edge.resolution.path]
        link = edge.link
        written = link.target.strip()
        if written not in owner.aliases:
            alias = next((alias for alias in owner.aliases if fold(alias) == fold(written)), "")
            message = (
                f"{link.raw} names no note: {code(written)} matches the alias {code(alias)} of "
                f"{code(owner.title)} only when case is ignored"
            )
            yield edge_finding(edge, message)
            continue
        name = link_text.for_note(owner)
        anchor = f"#{link.anchor}" if link.anchor else ""
        shown = link.text if link.text is not None else link.target
        bang = "!" if link.raw.startswith("!") else ""
        fix = f"{bang}[[{name}{anchor}|{shown}]]"
        message = (
            f"{link.raw} names an alias of {code(owner.title)}, and Obsidian does not follow "
            f"aliases in links; write {fix}"
        )
        rewritable = link.kind in (LinkKind.WIKILINK, LinkKind.EMBED, LinkKind.FRONTMATTER)
        yield edge_finding(edge, message, suggestions=(fix,), fix=fix if rewritable else None)
