"""A Logseq page reference to a page that has no file.

Logseq does not treat this as an error: the page exists, empty, and fills as you write in it.
It is often a typo of a real page, though (`[[Atention]]` next to `Attention`), and then the
references are split over two pages. Reported as information, naming the near-identical page
when there is one. Journal days and namespace parents (`a` for `[[a/b]]`) are never reported.

Fix (safe): a reference written with a page's file name, `[[Area___Topic]]` for the page
`Area/Topic` (`:file/name-format :triple-lowbar`), gets the page's name: `[[Area/Topic]]`.

Fails (reported as information: no page called Atention, but `Attention` exists):

    - Notes on [[Atention]]

Passes:

    - Notes on [[attention]] and [[Nov 19th, 2022]]
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.apps.names import decode_logseq_file_name
from vaultkit.check.problems import Finding, Severity
from vaultkit.edit.relink import NotRewritable, with_target
from vaultkit.graph.graph import Edge, LinkGraph
from vaultkit.graph.logseq import LogseqResolver
from vaultkit.graph.resolution import Status
from vaultkit.model import Flavor
from vaultkit.rules.base import RuleContext, code, did_you_mean, edge_finding

NAME = "missing-page"
SEVERITY = Severity.INFO
FLAVORS = frozenset({Flavor.LOGSEQ})
FIX = "safe"


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    logseq = context.vault.logseq
    name_format = logseq.name_format if logseq else "legacy"
    for edge in graph.flagged:
        if edge.resolution.status is not Status.MISSING_PAGE:
            continue
        target = edge.link.target
        message = f"{edge.link.raw}: page {code(target)} has no file (Logseq shows an empty page)"
        page = _page_of_file_name(graph, target, name_format)
        if page is not None:
            message += f"; {code(target)} is how the file of {code(page)} is named"
            yield edge_finding(edge, message, suggestions=(page,), fix=_rewritten(edge, page))
            continue
        suggestions = graph.suggestions(target)
        yield edge_finding(edge, message + did_you_mean(suggestions), suggestions=suggestions)


def _page_of_file_name(graph: LinkGraph, target: str, name_format: str) -> str | None:
    """The page whose file name ``target`` is (``Area___Topic`` for ``Area/Topic``)."""
    decoded = decode_logseq_file_name(target, name_format)
    if decoded == target or not isinstance(graph.resolver, LogseqResolver):
        return None
    found = graph.resolver.find_page(decoded)
    if found.status is not Status.NOTE or found.path is None:
        return None
    return graph.notes[found.path].title


def _rewritten(edge: Edge, page: str) -> str | None:
    try:
        return with_target(edge.link, page)
    except NotRewritable:
        return None
