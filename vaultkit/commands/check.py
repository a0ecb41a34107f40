"""``vaultkit check``: choose the vault and the notes, ask the workspace, render the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.check import CheckResult, active_rules
from vaultkit.errors import UsageError
from vaultkit.problems import Severity
from vaultkit.rules import RULES
from vaultkit.workspace import Workspace, find_vault_root


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
    workspace = Workspace.open(root, request.flavor, no_cache=request.no_cache)
    rules = active_rules(workspace.settings, request.select or None, request.ignore)
    result = workspace.check(rules, only_paths)
    threshold = Severity(request.fail_severity).rank
    failing = any(problem.severity.rank >= threshold for problem in result.problems)
    return render(result, request.output_format, color_output), 1 if failing else 0
