"""``vaultkit fix``: check, turn the problems' fixes into an edit plan, show it or write it."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.check.engine import active_rules
from vaultkit.commands.check import CheckRequest, check_rule_names, choose_target, notes_to_report
from vaultkit.edit.diff import plan_json, render_diff
from vaultkit.edit.fixes import FixPlan, plan_fixes
from vaultkit.edit.plan import apply_plan
from vaultkit.model import Flavor
from vaultkit.output.console import use_colour
from vaultkit.workspace import Workspace


@dataclass(slots=True)
class FixRequest:
    paths: list[Path] = field(default_factory=list)
    vault: Path | None = None
    flavor: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    write: bool = False
    unsafe: bool = False
    output_format: str = "diff"
    exit_non_zero_on_fix: bool = False
    renames: bool = False
    no_cache: bool = False
    follow_symlinks: bool = False


def plan_for(request: FixRequest) -> tuple[Workspace, FixPlan]:
    """Check the notes the request names and plan every fix it asks for."""
    check_rule_names(request.select + request.ignore)
    target = choose_target(CheckRequest(paths=request.paths, vault=request.vault))
    workspace = Workspace.open(
        target.root,
        request.flavor,
        no_cache=request.no_cache,
        follow_symlinks=request.follow_symlinks,
    )
    rules = active_rules(workspace.settings, request.select or None, request.ignore)
    result = workspace.check(rules, notes_to_report(workspace, target))
    return workspace, plan_fixes(workspace.vault, result.problems, unsafe=request.unsafe)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(plan: FixPlan, *, written: bool) -> str:
    notes = len(plan.edits.changes)
    fixed = len(plan.fixed)
    if not fixed:
        line = "Nothing to fix."
    elif written:
        line = f"Fixed {_count(fixed, 'problem')} in {_count(notes, 'note')}."
    else:
        line = (
            f"Would fix {_count(fixed, 'problem')} in {_count(notes, 'note')}; "
            "run `vaultkit fix --write` to apply."
        )
    left = plan.unsafe_left
    if left:
        line += f" {left} more {'fix' if left == 1 else 'fixes'} with --unsafe-fixes."
    return line + "\n"


def _report_skipped(plan: FixPlan) -> None:
    for path, reason in plan.edits.skipped:
        sys.stderr.write(f"vaultkit: skipped {path}: {reason}\n")
    for path, reason in plan.left_out:
        sys.stderr.write(f"vaultkit: {path}: {reason}\n")


def write_fixes(plan: FixPlan) -> int:
    """Apply the plan; reports what was skipped or refused on stderr; returns notes written."""
    _report_skipped(plan)
    outcome = apply_plan(plan.edits)
    for message in outcome.refused:
        sys.stderr.write(f"vaultkit: {message}\n")
    return outcome.written


def run_fix_command(request: FixRequest) -> tuple[str, int]:
    """Returns the report and the exit status: 1 when a change could not be written, or with
    ``--exit-non-zero-on-fix`` when a note was changed (what pre-commit expects of a fixer)."""
    if request.renames:
        return run_renames(request)
    workspace, plan = plan_for(request)
    if request.output_format == "json":
        from vaultkit.output.json_format import problem_dict

        document = {
            "vault": workspace.root.as_posix(),
            **plan_json(plan.edits),
            "left_out": [{"path": path, "reason": reason} for path, reason in plan.left_out],
            "fixed": [problem_dict(problem) for problem in plan.fixed],
            "unsafe_left": plan.unsafe_left,
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n", 0
    if not request.write:
        _report_skipped(plan)
        return render_diff(plan.edits, colour=use_colour()) + summary(plan, written=False), 0
    total = len(plan.edits.changes)
    written = write_fixes(plan)
    changed = request.exit_non_zero_on_fix and written > 0
    return summary(plan, written=True), 1 if written < total or changed else 0


def run_renames(request: FixRequest) -> tuple[str, int]:
    """``fix --renames``: rewrite the links to notes and files renamed outside vaultkit, as
    ``vaultkit mv`` would have, from the renames git sees."""
    from vaultkit.apps.obsidian import new_link_format
    from vaultkit.edit.move import plan_move, vault_before
    from vaultkit.graph.graph import LinkGraph
    from vaultkit.load.git import NotAWorkTree, renames

    target = choose_target(CheckRequest(paths=request.paths, vault=request.vault))
    workspace = Workspace.open(target.root, request.flavor, follow_symlinks=request.follow_symlinks)
    try:
        found = renames(workspace.root)
    except NotAWorkTree as reason:
        return f"Nothing to repair: {reason}; --renames reads the renames git sees.\n", 0
    vault = workspace.vault
    present = {note.path for note in vault.notes} | set(vault.attachments)
    moves = {
        old: new
        for old, new in sorted(found.items())
        if new in present and not (workspace.root / old).exists()
    }
    if not moves:
        return "No renamed notes or files to repair.\n", 0
    before = vault_before(vault, moves)
    titles = None
    if vault.flavor is Flavor.LOGSEQ:
        by_path = {note.path: note.title for note in vault.notes}
        titles = {new: by_path[new] for new in moves.values() if new in by_path}
    plan = plan_move(
        LinkGraph(before),
        moves,
        link_format=new_link_format(workspace.root),
        page_names=titles,
        done=True,
    )
    renamed = "".join(f"{old} -> {new} (renamed)\n" for old, new in moves.items())
    for place in plan.unkept:
        sys.stderr.write(f"vaultkit: this link cannot be kept: {place}\n")
    for path, reason in plan.edits.skipped:
        sys.stderr.write(f"vaultkit: skipped {path}: {reason}\n")
    links, notes = plan.relinked, len(plan.edits.changes)
    counted = f"{links} link{'s' if links != 1 else ''} in {notes} note{'s' if notes != 1 else ''}"
    if not request.write:
        diff = render_diff(plan.edits, colour=use_colour())
        return renamed + diff + f"Would rewrite {counted}; run with --write to do it.\n", 0
    outcome = apply_plan(plan.edits)
    for message in outcome.refused:
        sys.stderr.write(f"vaultkit: {message}\n")
    failed = bool(outcome.refused or plan.unkept or plan.edits.skipped)
    changed = request.exit_non_zero_on_fix and outcome.written > 0
    return renamed + f"Rewrote {counted}.\n", 1 if failed or changed else 0
