"""The one door into a vault for every command: open it, then ask for what you need.

A :class:`Workspace` finds the vault's settings and flavour, and loads the rest on demand, once:
the walk (:attr:`Workspace.scan`), the parsed notes (:attr:`Workspace.vault`, from the parse
cache when it is on), the resolved link graph (:attr:`Workspace.graph`), and the answers built on
them: :meth:`Workspace.check`, :meth:`Workspace.orphans`, :meth:`Workspace.find_note`,
:meth:`Workspace.backlinks`, :meth:`Workspace.links` and :meth:`Workspace.stats`.

Which cache answers a check is decided here and nowhere else. An identical earlier check is
taken whole from the results cache; after an edit, only the notes the edit can affect are
checked again and the others keep their problems (``cache.incremental``); otherwise the vault
is checked in full, and the snapshot for the next partial check is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from vaultkit.cache.codec import DECODE_ERRORS
from vaultkit.cache.incremental import (
    Snapshot,
    changed_notes,
    full_snapshot,
    load_snapshot,
    merged,
    notes_to_check,
    save_snapshot,
    with_stubs,
)
from vaultkit.cache.results import frame_key, load_results, results_key, save_results
from vaultkit.check.engine import CheckResult, check_graph, run_check
from vaultkit.check.problems import Problem, Severity
from vaultkit.config.settings import ConfigError, Settings, load_settings
from vaultkit.errors import UsageError
from vaultkit.graph.graph import LinkGraph
from vaultkit.load.gcpause import paused_gc
from vaultkit.load.vault import Vault, VaultScan, parse_scan, parse_some, scan_vault
from vaultkit.model import Flavor, Note
from vaultkit.progress import report
from vaultkit.rules import RULES
from vaultkit.rules.base import Rule

if TYPE_CHECKING:
    from vaultkit.reports.links import LinkRow
    from vaultkit.reports.orphans import OrphanMode, OrphanReport
    from vaultkit.reports.stats import VaultStats

VAULT_MARKERS = (".obsidian", "logseq/config.edn", ".vaultkit.toml")

ActiveRules = dict[str, tuple[Rule, Severity]]


def has_vault_marker(folder: Path) -> bool:
    """Whether ``folder`` says it is a vault: ``.obsidian/``, ``logseq/config.edn`` or
    ``.vaultkit.toml``."""
    return any((folder / marker).exists() for marker in VAULT_MARKERS)


def find_vault_root(start: Path, *, git: bool = True) -> Path | None:
    """The nearest folder at or above ``start`` that holds a vault marker (or, with ``git``,
    ``.git``)."""
    for folder in (start, *start.parents):
        if has_vault_marker(folder):
            return folder
        if git and (folder / ".git").exists():
            return folder
    return None


def cache_enabled(no_cache: bool = False) -> bool:
    """The caches are on unless ``--no-cache`` or ``VAULTKIT_NO_CACHE`` says otherwise."""
    return not no_cache and os.environ.get("VAULTKIT_NO_CACHE", "") in ("", "0")


SNAPSHOT_SAVE_FROM = 64
"""Notes checked again from which a partial check rewrites the snapshot (or 1% of the notes,
if fewer). Below that, writing it (0.2 s on 50,000 notes) costs more than checking those few
notes again next time; the old snapshot stays a valid starting point."""


def _save_from(note_count: int) -> int:
    return min(SNAPSHOT_SAVE_FROM, max(1, note_count // 100))


@dataclass
class Workspace:
    """An opened vault. Open one with :meth:`open`; everything else loads when first asked."""

    root: Path
    settings: Settings
    requested_flavor: Flavor | None
    """The flavour asked for by ``--flavor`` or the settings; None: detected from the vault."""
    use_cache: bool
    follow_symlinks: bool = False
    """Follow symbolic links that lead out of the vault (only the user's own flag says so)."""

    @classmethod
    def open(
        cls,
        root: Path,
        flavor: str | None = None,
        *,
        no_cache: bool = False,
        follow_symlinks: bool = False,
    ) -> Workspace:
        """Open the vault at ``root`` with its settings; ``flavor`` overrides them.

        Raises :class:`UsageError` when ``root`` is not a folder or its settings are invalid.
        """
        if not root.exists():
            raise UsageError(f"no such folder: {root}")
        if not root.is_dir():
            raise UsageError(f"not a folder: {root}")
        try:
            settings = load_settings(root, set(RULES))
        except ConfigError as error:
            raise UsageError(str(error)) from None
        chosen = flavor or settings.flavor
        requested = Flavor(chosen) if chosen else None
        return cls(root, settings, requested, cache_enabled(no_cache), follow_symlinks)

    # --- what is loaded, once ------------------------------------------------------------------

    @cached_property
    def scan(self) -> VaultScan:
        """The vault walked with its app's skip rules; no note read yet."""
        return scan_vault(self.root, self.requested_flavor, follow_symlinks=self.follow_symlinks)

    @cached_property
    def vault(self) -> Vault:
        """Every note read and parsed (unchanged ones from the parse cache when it is on)."""
        return parse_scan(self.scan, cache=self.use_cache)

    @cached_property
    def graph(self) -> LinkGraph:
        """Every link of the vault resolved with its app's rules."""
        vault = self.vault
        report("Resolving links")
        return LinkGraph(vault)

    def graph_mentioning(self, names: Iterable[str], also: Iterable[str] = ()) -> LinkGraph:
        """The links of just the notes that mention one of ``names`` (and of the notes at
        ``also``), resolved against the whole vault; the other notes are read for their names
        only. Obsidian looks a link up by its last path part, so a rename can change no other
        link: ``vaultkit mv`` needs no more. (A Logseq page's name may come from its
        ``title::``, so there every note is read.)"""
        from vaultkit.load.partial import mentioning, vault_reading

        if self.flavor is Flavor.LOGSEQ or "vault" in self.__dict__:
            return LinkGraph(
                self.vault, sources=frozenset(mentioning(self.scan, names) | set(also))
            )
        read = mentioning(self.scan, names) | set(also)
        return LinkGraph(
            vault_reading(self.scan, read, cache=self.use_cache), sources=frozenset(read)
        )

    @property
    def flavor(self) -> Flavor:
        return self.scan.vault.flavor

    # --- check ---------------------------------------------------------------------------------

    def check(self, rules: ActiveRules, only: frozenset[str] | None = None) -> CheckResult:
        """The problems ``rules`` find, on the notes at ``only`` (None: every note).

        Links to and from the other notes still count. The answer is the same whichever cache
        gives it; tests hold the cached answers to a full check.
        """
        scan = self.scan
        if not self.use_cache:
            return run_check(self.vault, self.settings, rules, only)
        chosen = sorted((name, severity.value) for name, (_, severity) in rules.items())
        options = repr((chosen, sorted(only) if only else None, self.settings))
        key = results_key(scan, options)
        problems = load_results(self.root, key) if key else None
        if problems is not None:
            return self._result(problems, only)
        if only is None:
            result = self._result(self._checked_incrementally(rules, options), only)
        else:
            result = run_check(self.vault, self.settings, rules, only)
        if key:
            save_results(self.root, key, result.problems)
        return result

    def _result(self, problems: list[Problem], only: frozenset[str] | None) -> CheckResult:
        scan = self.scan
        return CheckResult(
            self.root,
            scan.vault.flavor,
            len(scan.note_files),
            len(scan.vault.attachments),
            problems,
            None if only is None else len(only),
        )

    def _checked_incrementally(self, rules: ActiveRules, options: str) -> list[Problem]:
        """The vault's problems, checking again only the notes that may have new ones."""
        frame = frame_key(self.scan, options)
        with paused_gc():
            snapshot = load_snapshot(self.root, frame)
            if snapshot is not None:
                try:
                    problems = self._recheck(frame, snapshot, rules)
                except DECODE_ERRORS:  # a snapshot whose shapes this version did not write
                    problems = None
                if problems is not None:
                    return problems
        graph = self.graph
        problems = check_graph(graph, self.settings, rules)
        snapshot = full_snapshot(self.scan, self.vault, graph.anchor_targets(), problems)
        save_snapshot(self.root, frame, snapshot)
        return problems

    def _recheck(self, frame: str, snapshot: Snapshot, rules: ActiveRules) -> list[Problem] | None:
        """Check the changed notes and those depending on them; None if the whole vault must be."""
        scan = self.scan
        changed = parse_some(scan, changed_notes(snapshot, scan))
        checked = notes_to_check(snapshot, changed, scan.vault.flavor)
        if checked is None:
            return None
        read = dict(changed)
        read.update(parse_some(scan, checked - read.keys(), cache=True))
        vault = with_stubs(scan, snapshot, read)
        if vault is None:
            return None
        graph = LinkGraph(vault, sources=checked)
        fresh = check_graph(graph, self.settings, rules, checked)
        outcome = merged(snapshot, scan, vault, checked, graph.anchor_targets(), fresh)
        if outcome is None:
            return None
        problems, updated = outcome
        if updated.files != snapshot.files and len(checked) >= _save_from(len(scan.note_files)):
            save_snapshot(self.root, frame, updated)
        return problems

    # --- reports (imported when asked for: a check needs none of them) ------------------------

    def orphans(
        self,
        mode: OrphanMode,
        include: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),
        report_path: str | None = None,
    ) -> OrphanReport:
        """The notes no other note links to (or isolated notes, or dead ends)."""
        from vaultkit.reports.orphans import find_orphans

        return find_orphans(
            self.graph,
            self.settings,
            mode=mode,
            include=include,
            exclude=exclude,
            report_path=report_path,
        )

    def find_note(self, query: str) -> Note | None:
        """The note a name, alias or vault path stands for, resolved like a link; None when
        no note answers to it.

        Raises :class:`UsageError` listing the candidates when several notes do.
        """
        from vaultkit.reports.links import AmbiguousName, find_note

        try:
            return find_note(self.graph, query)
        except AmbiguousName as ambiguous:
            paths = ", ".join(ambiguous.args[0])
            raise UsageError(
                f"`{query}` names {len(ambiguous.args[0])} notes: {paths}; give the path of one"
            ) from None

    def links_to(self, query: str) -> list[LinkRow]:
        """The links to a name no note has: an attachment, or a note not written yet.

        Raises :class:`UsageError` naming the closest notes when no link leads there either.
        """
        from vaultkit.reports.links import rows_for_target

        rows = rows_for_target(self.graph, query)
        if not rows:
            raise self.no_note(query, ", and no link to it")
        return rows

    def no_note(self, query: str, detail: str = "") -> UsageError:
        """The error for a name no note answers to, naming the closest notes."""
        close = self.graph.note_suggester.suggest(query)
        hint = f"; closest: {', '.join(close)}" if close else ""
        return UsageError(f"no note named `{query}` in {self.root}{detail}{hint}")

    def backlinks(self, note: Note) -> list[LinkRow]:
        """Every link to ``note``, with the line it is written on."""
        from vaultkit.reports.links import backlink_rows

        return backlink_rows(self.graph, note)

    def links(self, note: Note) -> list[LinkRow]:
        """Every link written in ``note`` and where it leads."""
        from vaultkit.reports.links import outgoing_rows

        return outgoing_rows(self.graph, note)

    def stats(self) -> VaultStats:
        """Counts of notes, links by kind, tags, orphans, dead ends and more."""
        from vaultkit.reports.stats import vault_stats

        return vault_stats(self.graph, self.settings)
