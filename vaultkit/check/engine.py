"""Run the rules over a vault and keep the problems the user asked to see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from vaultkit.check.problems import Problem, Severity
from vaultkit.check.suppress import NoteSuppressions, SuppressionUsage, note_suppressions
from vaultkit.config.globs import compile_globs
from vaultkit.config.settings import Settings
from vaultkit.graph.graph import LinkGraph
from vaultkit.load.quick_exit import keep_until_exit
from vaultkit.load.vault import Vault
from vaultkit.model import Flavor, Suppression
from vaultkit.progress import report
from vaultkit.rules import RULES, Rule, RuleContext
from vaultkit.rules.unused_suppression import NAME as UNUSED_SUPPRESSION

RUN_LAST = (UNUSED_SUPPRESSION,)
"""Rules that judge what the others found, so they run after them."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check found, with the few facts about the vault that reports show."""

    root: Path
    flavor: Flavor
    note_count: int
    attachment_count: int
    problems: list[Problem]
    checked: int | None = None
    """Notes reported on, when only some of the vault's were; None: all of them."""
    root_found: bool = False
    """Whether the root was found above the folder given (the summary then names it)."""
    baselined: int | None = None
    """Problems left out because the baseline lists them; None: no baseline was used."""
    stale: int = 0
    """Baseline entries that no longer occur."""

    def counts(self) -> dict[str, int]:
        """Problems per severity, every severity present (``{"error": 2, "warning": 0, …}``)."""
        counted = Counter(problem.severity.value for problem in self.problems)
        return {severity.value: counted.get(severity.value, 0) for severity in Severity}


def active_rules(
    settings: Settings,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    turn_on: Iterable[str] = (),
) -> dict[str, tuple[Rule, Severity]]:
    """The rules to run with their effective severity, after config and ``--select/--ignore``.

    A rule that is off by default runs when ``[rules]`` gives it a severity or ``turn_on``
    names it (``--report-unused-suppressions``); ``turn_on`` also overrides ``"off"``.
    """
    if select:
        chosen = set(select)
    else:
        chosen = {name for name, rule in RULES.items() if rule.on_by_default}
        chosen |= {name for name, severity in settings.severities.items() if severity is not None}
    chosen |= set(turn_on)
    chosen -= set(ignore)
    active: dict[str, tuple[Rule, Severity]] = {}
    for name in chosen:
        rule = RULES[name]
        severity = settings.severities.get(name, rule.severity)
        if severity is None and name in turn_on:
            severity = rule.severity
        if severity is not None:
            active[name] = (rule, severity)
    return active


def run_check(
    vault: Vault,
    settings: Settings,
    rules: dict[str, tuple[Rule, Severity]],
    only_paths: frozenset[str] | None = None,
) -> CheckResult:
    """Check the vault, or with ``only_paths`` just those notes (links to them still count)."""
    graph = LinkGraph(vault, sources=only_paths)
    problems = check_graph(graph, settings, rules, only_paths)
    checked = None if only_paths is None else len(only_paths)
    notes, attachments = len(vault.notes), len(vault.attachments)
    return CheckResult(vault.root, vault.flavor, notes, attachments, problems, checked)


def check_graph(
    graph: LinkGraph,
    settings: Settings,
    rules: dict[str, tuple[Rule, Severity]],
    only_paths: frozenset[str] | None = None,
) -> list[Problem]:
    """The problems the rules find in a resolved graph, suppressions applied, sorted."""
    keep_until_exit(graph)
    vault = graph.vault
    context = RuleContext(vault, graph, settings.rule_options)
    excluded = compile_globs(settings.exclude)
    notes = graph.notes
    suppressions: dict[str, NoteSuppressions] = {}
    silenced: dict[tuple[str, Suppression], set[str]] = {}
    problems: list[Problem] = []
    later = {name: rules[name] for name in RUN_LAST if name in rules}
    first = {name: chosen for name, chosen in rules.items() if name not in later}
    for number, (name, (rule, severity)) in enumerate([*first.items(), *later.items()]):
        report("Checking", number, len(rules))
        if vault.flavor not in rule.flavors:
            continue
        if name in later:
            context = replace(context, suppression_usage=_usage(silenced, rules, vault.flavor))
        for finding in rule.check(context):
            path = finding.path
            if path in vault.ignored or excluded(path):
                continue
            if only_paths is not None and path not in only_paths:
                continue
            note = notes.get(path)
            if note is not None and note.suppressions:
                if path not in suppressions:
                    suppressions[path] = note_suppressions(note)
                silencer = suppressions[path].silencer(name, finding.line)
                if silencer is not None:
                    silenced.setdefault((path, silencer), set()).add(name)
                    continue
            problems.append(Problem.from_finding(name, severity, finding))
    problems.sort(key=lambda problem: problem.sort_key)
    return problems


def _usage(
    silenced: dict[tuple[str, Suppression], set[str]],
    rules: dict[str, tuple[Rule, Severity]],
    flavor: Flavor,
) -> SuppressionUsage:
    applicable = {name for name, rule in RULES.items() if flavor in rule.flavors}
    ran = frozenset(name for name in rules if name in applicable)
    every = {name for name in applicable if RULES[name].on_by_default} <= ran
    return SuppressionUsage(silenced, ran, every)
