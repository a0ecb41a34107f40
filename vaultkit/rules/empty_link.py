"""A link with nothing to link to.

`[text]()`, `[[]]` and `[[|text]]` render as links that go nowhere; usually a paste that failed
or a placeholder that was never filled in.

Fails:

    [no link, its closed]()

Passes:

    [the announcement](https://example.org/post)
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.resolution import Status
from vaultkit.rules.base import RuleContext, edge_finding

NAME = "empty-link"
SEVERITY = Severity.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    for edge in context.graph.flagged:
        if edge.resolution.status is Status.EMPTY:
            yield edge_finding(edge, f"{edge.link.raw} has an empty target")
