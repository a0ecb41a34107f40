"""A Logseq page reference to a page that has no file.

Logseq does not treat this as an error: the page exists, empty, and fills as you write in it.
It is often a typo of a real page, though (`[[Atention]]` next to `Attention`), and then the
references are split over two pages. Reported as information, naming the near-identical page
when there is one. Journal days and namespace parents (`a` for `[[a/b]]`) are never reported.

Fails (reported as information: no page called Atention, but `Attention` exists):

    - Notes on [[Atention]]

Passes:

    - Notes on [[attention]] and [[Nov 19th, 2022]]
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.resolution import Status
from vaultkit.model import Flavor
from vaultkit.rules.base import RuleContext, code, did_you_mean, edge_finding

NAME = "missing-page"
SEVERITY = Severity.INFO
FLAVORS = frozenset({Flavor.LOGSEQ})


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    for edge in graph.flagged:
        if edge.resolution.status is not Status.MISSING_PAGE:
            continue
        target = edge.link.target
        suggestions = graph.suggestions(target)
        message = f"{edge.link.raw}: page {code(target)} has no file (Logseq shows an empty page)"
        yield edge_finding(edge, message + did_you_mean(suggestions), suggestions=suggestions)
