"""Two Logseq pages that answer to one name.

Logseq flattens folders: `pages/work/Server.md` and `pages/home/Server.md` are both the page
"Server", and a `title::` or `alias::` can claim a name another page already has. Logseq then
shows one of them and the other's content is hard to reach.

Fails: `pages/a/Server.md` and `pages/b/Server.md`; or `Kubernetes.md` with `alias:: k8s` and a
page `k8s.md`.

Passes: `pages/a/Server (work).md` and `pages/b/Server (home).md`.
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.graph.logseq import LogseqResolver
from vaultkit.model import Flavor
from vaultkit.names import normalize_page_name
from vaultkit.problems import Finding, Severity
from vaultkit.rules.base import RuleContext

NAME = "name-conflict"
SEVERITY = Severity.WARNING
FLAVORS = frozenset({Flavor.LOGSEQ})


def check(context: RuleContext) -> Iterator[Finding]:
    resolver = context.graph.resolver
    if not isinstance(resolver, LogseqResolver):
        return
    notes = context.graph.notes
    for key, paths in sorted(resolver.pages.items()):
        if len(paths) < 2:
            continue
        ordered = sorted(paths)
        for path in ordered:
            note = notes[path]
            how = "its title" if normalize_page_name(note.title) == key else "an alias"
            others = ", ".join(f"`{other}`" for other in ordered if other != path)
            message = f"page name `{key}` ({how}) is also the name of {others}"
            yield Finding(path, 1, 1, message, key)
