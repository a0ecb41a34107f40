"""A link to a note or file that does not exist.

In Obsidian, a wikilink, Markdown link or front-matter link whose target no note or file in the
vault answers to (by the app's own lookup: name anywhere in the vault, case-insensitive, `.md`
optional; a path from the root; a Markdown path relative to the note). Clicking it creates a new,
empty note instead of opening the one you meant. In Logseq, a page reference to a page with no
file is not broken (see `missing-page`); only Markdown links to files are checked here.

The message names the closest existing notes ("did you mean …?"), only when the link reads as
one of them mistyped: a wrong guess is worse than none.

Vaults that link to notes before writing them (a Zettelkasten, Obsidian's "unresolved links"
way of working) can keep those links and still catch the mistakes:

    [rules.broken-link]
    unresolved = "typos"

Then a link to a note that does not exist is reported only when it is a likely typo of an
existing name, or when it names a path (`[[Projects/Plan]]`), a heading or block
(`[[Plan#Goals]]`) or an attachment (`[[diagram.png]]`), which are never written on purpose
before their note. The default, `unresolved = "all"`, reports every one.

Fix (safe): a Markdown link to a file whose name holds a literal `%20` (`[a](My%20Note.md)`
reads as `My Note.md`) is written `[a](My%2520Note.md)`, the form the app resolves; in Logseq,
`[a](../pages/Topic)` becomes `[a](../pages/Topic.md)` when that page file exists.

Fix (unsafe, `vaultkit fix --unsafe-fixes`): a wikilink with exactly one suggestion is pointed
at it, keeping its heading, block and display text: `[[Sales tx#Q3|tax]]` becomes
`[[Sales tax#Q3|tax]]`.

Fails:

    See [[Sales tx]] and [the plan](plans/2024.md).

Passes (with `Sales tax.md` and `plans/2024.md` in the vault):

    See [[sales tax]] and [the plan](plans/2024.md).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import replace

from vaultkit.check.problems import Finding, Severity
from vaultkit.edit.relink import NotRewritable, with_target, written_target
from vaultkit.graph.graph import Edge, LinkGraph
from vaultkit.graph.resolution import Status
from vaultkit.model import Fix, Flavor, LinkKind
from vaultkit.rules.base import RuleContext, code, did_you_mean, edge_finding, guessed_fix

NAME = "broken-link"
SEVERITY = Severity.ERROR
FIX = "both"


def check(context: RuleContext) -> Iterator[Finding]:
    graph = context.graph
    typos_only = context.options.get(NAME, {}).get("unresolved") == "typos"
    for edge in graph.flagged:
        link = edge.link
        if edge.resolution.status is not Status.BROKEN or link.is_embed or link.block_ref:
            continue
        target = link.target
        suggestions = graph.suggestions(target)
        if link.anchor:
            # `[[Notes #1]]` reads as note `Notes`, heading `1`: the note may be `Notes #1`.
            whole = graph.suggestions(f"{target}#{link.anchor}")
            suggestions = tuple(dict.fromkeys(whole + suggestions))[:3]
        is_file = _has_extension(target)
        if typos_only and not (suggestions or is_file or link.anchor or "/" in target):
            continue
        what = "file" if is_file else "note"
        message = f"{link.raw} links to a {what} that does not exist: {code(target)}"
        finding = edge_finding(edge, message + did_you_mean(suggestions), suggestions=suggestions)
        encoded = _file_fix(edge, graph) if link.kind is LinkKind.MARKDOWN else None
        yield replace(finding, fix=encoded or guessed_fix(edge, suggestions))


def _file_fix(edge: Edge, graph: LinkGraph) -> Fix | None:
    """A safe fix for a Markdown link the app misses only by its spelling: a file whose name
    holds a literal ``%20`` (the link is decoded to ``My Note.md``; ``%25`` keeps the ``%``),
    or, in Logseq, a page file written without its ``.md``."""
    link = edge.link
    try:
        written = written_target(link)
    except NotRewritable:
        return None
    spellings = []
    if "%" in written:
        spellings.append((written, written))
    if graph.vault.flavor is Flavor.LOGSEQ and not _has_extension(link.target):
        spellings.append((f"{link.target}.md", f"{link.target}.md"))
    folder = posixpath.dirname(edge.source.path)
    for on_disk, new_target in spellings:
        for candidate in (posixpath.join(folder, on_disk), on_disk.lstrip("/")):
            path = posixpath.normpath(candidate)
            if path in graph.notes or path in graph.attachment_paths:
                new = with_target(link, new_target)
                return Fix(link.line, link.column, link.raw, new)
    return None


def _has_extension(target: str) -> bool:
    name = target.rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return bool(dot and stem and extension and extension.lower() != "md" and " " not in extension)
