"""What a rule is: a name, a default severity, a documented check over the vault and its graph.

Each rule lives in its own module of this package with ``NAME``, ``SEVERITY``, optionally
``FLAVORS`` (the apps it applies to), ``ON_BY_DEFAULT`` and ``FIX`` (``"safe"``/``"unsafe"``),
a ``check(context)`` generator of findings, and a module docstring that says what it finds, why
it matters, and shows a failing and a passing note.
``vaultkit rule NAME`` prints that docstring and the README's rule table is made from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from vaultkit.check.problems import Finding, Severity
from vaultkit.check.suppress import SuppressionUsage
from vaultkit.edit.relink import NotRewritable, with_anchor, with_target
from vaultkit.graph.graph import Edge, LinkGraph
from vaultkit.load.vault import Vault
from vaultkit.model import Fix, Flavor, LinkKind

ALL_FLAVORS = frozenset(Flavor)


@dataclass(frozen=True, slots=True)
class RuleContext:
    vault: Vault
    graph: LinkGraph
    options: Mapping[str, Any] = field(default_factory=dict)
    suppression_usage: SuppressionUsage | None = None
    """Set only for the rules that run after the others (``unused-suppression``)."""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    severity: Severity
    doc: str
    check: Callable[[RuleContext], Iterable[Finding]]
    flavors: frozenset[Flavor] = ALL_FLAVORS
    on_by_default: bool = True
    """False: runs only when ``[rules]`` or an option turns it on."""
    fix: str | None = None
    """``"safe"``, ``"unsafe"`` or ``"both"`` when the rule offers fixes (``vaultkit fix``)."""

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0].rstrip(".")

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(
            name=module.NAME,
            severity=module.SEVERITY,
            doc=module.__doc__ or "",
            check=module.check,
            flavors=getattr(module, "FLAVORS", ALL_FLAVORS),
            on_by_default=getattr(module, "ON_BY_DEFAULT", True),
            fix=getattr(module, "FIX", None),
        )


def edge_finding(
    edge: Edge, message: str, *, suggestions: tuple[str, ...] = (), fix: str | None = None
) -> Finding:
    """A finding placed on a link, naming its target as written; ``fix`` is a safe
    replacement for the whole link."""
    link = edge.link
    repair = None if fix is None else Fix(link.line, link.column, link.raw, fix)
    return Finding(edge.source.path, link.line, link.column, message, link.raw, suggestions, repair)


_NOT_IN_WIKILINKS = frozenset("#|[]^\n\r")
_REWRITABLE = frozenset({LinkKind.WIKILINK, LinkKind.EMBED, LinkKind.FRONTMATTER})


def guessed_fix(edge: Edge, suggestions: tuple[str, ...], *, anchor: bool = False) -> Fix | None:
    """An unsafe fix for a wikilink with exactly one suggestion: that target (or heading, with
    ``anchor``), keeping the link's display text and its other parts."""
    link = edge.link
    if len(suggestions) != 1 or link.kind not in _REWRITABLE:
        return None
    (name,) = suggestions
    if _NOT_IN_WIKILINKS.intersection(name) or (anchor and "#" in (link.anchor or "")):
        return None
    try:
        new = with_anchor(link, name) if anchor else with_target(link, name)
    except NotRewritable:
        return None
    return Fix(link.line, link.column, link.raw, new, safe=False)


def file_problem_findings(context: RuleContext, code: str) -> Iterator[Finding]:
    """Findings for the problems the reader and parser recorded under ``code``.

    Only the notes being checked (``graph.sources``, every note unless the check is partial)
    are looked at.
    """
    for note in context.graph.sources:
        for problem in note.problems:
            if problem.code == code:
                yield Finding(
                    note.path, problem.line, problem.column, problem.message, fix=problem.fix
                )
    for path_problem in context.vault.problems:
        problem = path_problem.problem
        if problem.code == code:
            yield Finding(path_problem.path, problem.line, problem.column, problem.message)


def code(text: str) -> str:
    """``text`` as Markdown inline code that shows it exactly, backticks included:
    ``TIL `x` `` becomes ``` `` TIL `x` `` ``` (the fence is longer than any run inside)."""
    if "`" not in text:
        return f"`{text}`"
    longest = max(len(run) for run in re.findall(r"`+", text))
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def did_you_mean(suggestions: tuple[str, ...]) -> str:
    """`` (did you mean `A` or `B`?)`` or an empty string."""
    if not suggestions:
        return ""
    quoted = [code(name) for name in suggestions]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
    return f"; did you mean {joined}?"
