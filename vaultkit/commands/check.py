"""``vaultkit check``: choose the vault and the notes, ask the workspace, render the report."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from vaultkit.check.baseline import DEFAULT_NAME, apply_baseline, baseline_text, load_baseline
from vaultkit.check.engine import CheckResult, active_rules
from vaultkit.check.problems import Severity
from vaultkit.edit.write import write_file_atomically
from vaultkit.errors import UsageError
from vaultkit.graph.suggest import Suggester
from vaultkit.load.walk import leads_outside
from vaultkit.model import NOTE_SUFFIXES
from vaultkit.rules import RULES
from vaultkit.rules.unused_suppression import NAME as UNUSED_SUPPRESSION
from vaultkit.workspace import Workspace, find_vault_root, has_vault_marker


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
    show: str = "warning"
    quiet: bool = False
    group: bool = True
    statistics: bool = False
    color: str = "auto"
    exit_zero: bool = False
    baseline: Path | None = None
    update_baseline: bool = False
    follow_symlinks: bool = False
    report_unused_suppressions: bool = False
    fix: bool = False
    unsafe_fixes: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """The vault a check reads, and what it reports on."""

    root: Path
    folders: tuple[str, ...]
    """Vault-relative folders whose notes are reported on (``""``: the whole vault)."""
    files: tuple[str, ...]
    """Vault-relative note files reported on."""
    found: bool = False
    """Whether the root was found above the paths given rather than given."""


def _inside(root: Path, path: Path) -> str:
    """``path`` relative to the vault ``root``, in POSIX form (``""`` for the root itself)."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        raise UsageError(f"{path} is not inside the vault {root}") from None
    return "" if relative == Path() else relative.as_posix()


def _shown(folder: Path) -> Path:
    """A found root as the user can type it: relative to the current folder when near."""
    return Path(os.path.relpath(folder.resolve(), Path.cwd().resolve()))


def choose_target(request: CheckRequest) -> Target:
    """The vault root, and the folders and notes to report on.

    A folder inside a vault (the current folder by default) is checked against the whole
    vault: the root is the nearest folder at or above it holding ``.obsidian/``,
    ``logseq/config.edn`` or ``.vaultkit.toml``, else the folder itself. Note files find
    their root the same way, ``.git`` counting too. ``--vault`` always wins.
    """
    for path in request.paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    given = request.paths or ([] if request.vault else [Path()])
    folders = [path for path in given if path.is_dir()]
    files = [path for path in given if not path.is_dir()]
    notes = [path for path in files if path.suffix.lower() in NOTE_SUFFIXES]
    if files and not notes and not folders:
        raise UsageError(f"{files[0]} is not a note (notes are .md files, or .org in Logseq)")
    found = False
    if request.vault is not None:
        root = request.vault
    elif notes and not folders:
        root = find_vault_root(notes[0].absolute().parent) or Path()
    else:
        start = folders[0] if folders else Path()
        marked = find_vault_root(start.absolute(), git=False)
        found = marked is not None and marked.resolve() != start.resolve()
        root = _shown(marked) if found and marked is not None else start
    chosen = [_inside(root, folder) for folder in folders] or ([] if notes else [""])
    return Target(root, tuple(chosen), tuple(_inside(root, note) for note in notes), found)


def notes_to_report(workspace: Workspace, target: Target) -> frozenset[str] | None:
    """The note paths the check reports on (None: every note); a folder with no notes, or a
    vault with none, is a usage error, so that a mistyped path never passes."""
    paths = [file.path for file in workspace.scan.note_files]
    if not paths:
        raise UsageError(f"no notes in {workspace.root} (notes are .md files)")
    if target.folders == ("",) and not target.files:
        return None
    chosen = set(target.files)
    for folder in target.folders:
        prefix = f"{folder}/" if folder else ""
        under = [path for path in paths if path.startswith(prefix)]
        if not under:
            raise UsageError(f"no notes in {workspace.root / folder}")
        chosen.update(under)
    return frozenset(chosen)


def check_rule_names(names: list[str]) -> None:
    for name in names:
        if name not in RULES:
            close = Suggester(list(RULES)).suggest(name)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise UsageError(f"unknown rule `{name}`; {hint}run `vaultkit rules` for the list")


def render(request: CheckRequest, result: CheckResult, color_output: bool) -> str:
    output_format = request.output_format
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
    from vaultkit.output.text import TextOptions, render_text

    options = TextOptions(Severity(request.show), request.group, request.quiet, request.statistics)
    return render_text(result, colour=use_colour(color_output, request.color), options=options)


def _write_baseline(path: Path, result: CheckResult, inside: tuple[Path, ...]) -> str:
    try:
        write_file_atomically(path, baseline_text(result.problems).encode("utf-8"), inside)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
    count = len(result.problems)
    return (
        f"Wrote {count} problem{'s' if count != 1 else ''} to the baseline {path}; "
        "`vaultkit check` now reports only new ones.\n"
    )


def _configured_baseline(workspace: Workspace) -> Path | None:
    """The ``baseline`` setting, else ``.vaultkit-baseline.json`` when the vault has one.

    Both come from the repository, so neither may lead out of the vault.
    """
    name = workspace.settings.baseline or DEFAULT_NAME
    if leads_outside(workspace.root, name):
        raise UsageError(f"the baseline {name} leads outside the vault; not read")
    path = workspace.root / name
    return path if workspace.settings.baseline or path.is_file() else None


def _fix_first(request: CheckRequest) -> None:
    """``check --fix``: write the fixes, say so on stderr; the check then reads the result."""
    from vaultkit.commands.fix import FixRequest, plan_for, summary, write_fixes

    _, plan = plan_for(
        FixRequest(
            paths=request.paths,
            vault=request.vault,
            flavor=request.flavor,
            select=request.select,
            ignore=request.ignore,
            unsafe=request.unsafe_fixes,
            no_cache=request.no_cache,
            follow_symlinks=request.follow_symlinks,
        )
    )
    if plan.fixed:
        write_fixes(plan)
        sys.stderr.write(f"vaultkit: {summary(plan, written=True)}")


def run_check_command(request: CheckRequest, *, color_output: bool) -> tuple[str, int]:
    """Run a check as the CLI asked; returns the report and the exit status."""
    check_rule_names(request.select + request.ignore)
    if request.fix:
        _fix_first(request)
    target = choose_target(request)
    workspace = Workspace.open(
        target.root,
        request.flavor,
        no_cache=request.no_cache,
        follow_symlinks=request.follow_symlinks,
    )
    turn_on = [UNUSED_SUPPRESSION] if request.report_unused_suppressions else []
    rules = active_rules(workspace.settings, request.select or None, request.ignore, turn_on)
    only = notes_to_report(workspace, target)
    result = workspace.check(rules, only)
    if target.found:
        result = replace(result, root_found=True)
    baseline_file = request.baseline or _configured_baseline(workspace)
    if request.update_baseline:
        # A path from the user's own --baseline may be anywhere; one from the vault stays in it.
        inside = () if request.baseline else (workspace.root,)
        written = _write_baseline(baseline_file or workspace.root / DEFAULT_NAME, result, inside)
        return written, 0
    if baseline_file is not None:
        filtered = apply_baseline(result.problems, load_baseline(baseline_file), only)
        result = replace(
            result, problems=filtered.new, baselined=filtered.known, stale=filtered.stale
        )
    if (
        not request.quiet
        and workspace.requested_flavor is None
        and not has_vault_marker(target.root)
    ):
        sys.stderr.write(
            f"vaultkit: note: {target.root} has no .obsidian/, logseq/config.edn or "
            ".vaultkit.toml; checking it as a folder of Markdown notes with Obsidian's rules\n"
        )
    threshold = Severity(request.fail_severity).rank
    failing = not request.exit_zero and any(
        problem.severity.rank >= threshold for problem in result.problems
    )
    return render(request, result, color_output), 1 if failing else 0
