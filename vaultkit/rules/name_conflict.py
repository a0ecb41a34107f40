"""Two Logseq pages that answer to one name.

Logseq flattens folders: `pages/work/Server.md` and `pages/home/Server.md` are both the page
"Server", and a `title::` or `alias::` can claim a name another page already has. Logseq then
shows one of them and the other's content is hard to reach.

Aliasing the way Logseq does it is no conflict: a page whose alias names another page that
holds nothing but its properties (Logseq's own alias page, often empty), or two pages that list
each other in `alias::`.

Fails: `pages/a/Server.md` and `pages/b/Server.md`; or `Kubernetes.md` with `alias:: k8s` and a
page `k8s.md` with notes of its own that does not name `Kubernetes`.

Passes: `pages/a/Server (work).md` and `pages/b/Server (home).md`; `Kubernetes.md` with
`alias:: k8s` and an empty `k8s.md`, or a `k8s.md` with `alias:: Kubernetes`.
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.apps.names import normalize_page_name
from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.logseq import LogseqResolver
from vaultkit.model import Flavor, Note
from vaultkit.rules.base import RuleContext

NAME = "name-conflict"
SEVERITY = Severity.WARNING
FLAVORS = frozenset({Flavor.LOGSEQ})


def _knows(page: Note, other: Note) -> bool:
    """Whether ``page``, which has the name by its title, expects ``other`` to share it."""
    if not page.has_body:
        return True
    names = {normalize_page_name(alias) for alias in page.aliases}
    return normalize_page_name(other.title) in names


def _clash(key: str, first: Note, second: Note) -> bool:
    """Whether two pages answering to ``key`` clash, rather than alias each other."""
    first_title = normalize_page_name(first.title) == key
    second_title = normalize_page_name(second.title) == key
    if first_title == second_title:
        return True
    title_page, alias_page = (first, second) if first_title else (second, first)
    return not _knows(title_page, alias_page)


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
            clashing = [
                other for other in ordered if other != path and _clash(key, note, notes[other])
            ]
            if not clashing:
                continue
            how = "its title" if normalize_page_name(note.title) == key else "an alias"
            others = ", ".join(f"`{other}`" for other in clashing)
            message = f"page name `{key}` ({how}) is also the name of {others}"
            yield Finding(path, 1, 1, message, key)
