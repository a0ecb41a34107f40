"""``vaultkit check``: load the vault, run the rules, render the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
from vaultkit.check import CheckResult, active_rules, check_graph, run_check
from vaultkit.commands.common import UsageError, cache_enabled, find_vault_root, open_settings
from vaultkit.gcpause import paused_gc
from vaultkit.graph.graph import LinkGraph
from vaultkit.model import Flavor
from vaultkit.problems import Problem, Severity
from vaultkit.rules import RULES
from vaultkit.rules.base import Rule
from vaultkit.settings import Settings
from vaultkit.vault import VaultScan, parse_scan, parse_some, scan_vault


@dataclass(slots=True)
class CheckRequest:
    paths: list[Path] = field(default_factory=list)
    output_format: str = "text"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_severity: str = "error"
    flavor: str | None = None
    vault: Path | None = None
    no_cache: bool = False
    follow_symlinks: bool = False


def _relative_note_paths(root: Path, files: list[Path]) -> frozenset[str]:
    resolved_root = root.resolve()
    found: set[str] = set()
    for file in files:
        try:
            relative = file.resolve().relative_to(resolved_root)
        except ValueError:
            raise UsageError(f"{file} is not inside the vault {root}") from None
        if relative.suffix.lower() == ".md":
            found.add(relative.as_posix())
    return frozenset(found)


def choose_root(request: CheckRequest) -> tuple[Path, frozenset[str] | None]:
    """The vault root, and the notes to report on (None: all of them)."""
    for path in request.paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    folders = [path for path in request.paths if path.is_dir()]
    files = [path for path in request.paths if not path.is_dir()]
    if folders and (files or len(folders) > 1):
        raise UsageError("give one vault folder, or note files, not both")
    if folders:
        return folders[0], None
    if not files:
        return request.vault or Path(), None
    root = request.vault or find_vault_root(files[0].absolute().parent) or Path()
    return root, _relative_note_paths(root, files)


def _check_rule_names(names: list[str]) -> None:
    for name in names:
        if name not in RULES:
            raise UsageError(f"unknown rule `{name}`; run `vaultkit rules` for the list")


def _checked(
    root: Path,
    flavor: Flavor | None,
    settings: Settings,
    rules: dict[str, tuple[Rule, Severity]],
    only_paths: frozenset[str] | None,
    use_cache: bool,
    follow_symlinks: bool = False,
) -> CheckResult:
    """Check the vault, or take the problems of an identical earlier check from the cache.

    After an edit, the notes the edit cannot have affected keep their problems from the last
    check (see ``cache.incremental``).
    """
    scan = scan_vault(root, flavor, follow_symlinks=follow_symlinks)
    vault = scan.vault
    if not use_cache:
        return run_check(parse_scan(scan), settings, rules, only_paths)
    chosen = sorted((name, severity.value) for name, (_, severity) in rules.items())
    options = repr((chosen, sorted(only_paths) if only_paths else None, settings))
    key = results_key(scan, options)
    problems = load_results(root, key) if key else None
    if problems is not None:
        return CheckResult(
            root, vault.flavor, len(scan.note_files), len(vault.attachments), problems
        )
    if only_paths is None:
        problems = _checked_incrementally(root, scan, settings, rules, options)
        result = CheckResult(
            root, vault.flavor, len(scan.note_files), len(vault.attachments), problems
        )
    else:
        result = run_check(parse_scan(scan, cache=True), settings, rules, only_paths)
    if key:
        save_results(root, key, result.problems)
    return result


def _checked_incrementally(
    root: Path,
    scan: VaultScan,
    settings: Settings,
    rules: dict[str, tuple[Rule, Severity]],
    options: str,
) -> list[Problem]:
    """The vault's problems, checking again only the notes that may have new ones."""
    frame = frame_key(scan, options)
    with paused_gc():
        snapshot = load_snapshot(root, frame)
        if snapshot is not None:
            try:
                problems = _recheck(root, frame, snapshot, scan, settings, rules)
            except DECODE_ERRORS:  # a snapshot whose shapes this version did not write
                problems = None
            if problems is not None:
                return problems
    vault = parse_scan(scan, cache=True)
    graph = LinkGraph(vault)
    problems = check_graph(graph, settings, rules)
    save_snapshot(root, frame, full_snapshot(scan, vault, graph.anchor_targets(), problems))
    return problems


def _recheck(
    root: Path,
    frame: str,
    snapshot: Snapshot,
    scan: VaultScan,
    settings: Settings,
    rules: dict[str, tuple[Rule, Severity]],
) -> list[Problem] | None:
    """Check the changed notes and those depending on them; None if the whole vault must be."""
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
    fresh = check_graph(graph, settings, rules, checked)
    outcome = merged(snapshot, scan, vault, checked, graph.anchor_targets(), fresh)
    if outcome is None:
        return None
    problems, updated = outcome
    if updated.files != snapshot.files and len(checked) >= _save_from(len(scan.note_files)):
        save_snapshot(root, frame, updated)
    return problems


SNAPSHOT_SAVE_FROM = 64
"""Notes checked again from which a partial check rewrites the snapshot (or 1% of the notes,
if fewer). Below that, writing it (0.2 s on 50,000 notes) costs more than checking those few
notes again next time; the old snapshot stays a valid starting point."""


def _save_from(note_count: int) -> int:
    return min(SNAPSHOT_SAVE_FROM, max(1, note_count // 100))


def render(result: CheckResult, output_format: str, color_output: bool) -> str:
    if output_format == "json":
        from vaultkit.output.json_format import render_json

        return render_json(result)
    if output_format == "github":
        from vaultkit.output.github import render_github

        return render_github(result)
    if output_format == "sarif":
        from vaultkit.output.sarif import render_sarif

        return render_sarif(result)
    from vaultkit.output.console import use_colour
    from vaultkit.output.text import render_text

    return render_text(result, colour=use_colour(color_output))


def run_check_command(request: CheckRequest, *, color_output: bool) -> tuple[str, int]:
    """Run a check as the CLI asked; returns the report and the exit status."""
    _check_rule_names(request.select + request.ignore)
    root, only_paths = choose_root(request)
    settings, flavor = open_settings(root, request.flavor)
    rules = active_rules(settings, request.select or None, request.ignore)
    use_cache = cache_enabled(request.no_cache)
    result = _checked(root, flavor, settings, rules, only_paths, use_cache, request.follow_symlinks)
    threshold = Severity(request.fail_severity).rank
    failing = any(problem.severity.rank >= threshold for problem in result.problems)
    return render(result, request.output_format, color_output), 1 if failing else 0
