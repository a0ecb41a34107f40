"""Turn the fixes ``check`` attached to problems into an edit plan.

Each note's fixes are applied to the bytes on disk now (``edit.replace``: a fix whose text is no
longer where the check saw it spoils nothing, the note is skipped). The plan's links are then
verified like every other edit: a fix that would write a link leading nowhere is dropped, and
the note's other fixes are still made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vaultkit.check.problems import Problem
from vaultkit.edit.document import NotEditable
from vaultkit.edit.plan import EditPlan, verify_links
from vaultkit.edit.replace import ReplaceFailed, replace_all
from vaultkit.edit.write import FileChange, WriteRefused, resolve_inside
from vaultkit.load.vault import Vault


@dataclass(slots=True)
class FixPlan:
    edits: EditPlan
    fixed: list[Problem] = field(default_factory=list)
    """The problems the plan repairs."""
    unsafe_left: int = 0
    """Problems with an unsafe fix that was not asked for."""
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(path, why) for fixes dropped from a note whose other fixes are made."""


def plan_fixes(vault: Vault, problems: Iterable[Problem], *, unsafe: bool = False) -> FixPlan:
    chosen: dict[str, list[Problem]] = {}
    plan = FixPlan(EditPlan(vault.root))
    for problem in problems:
        if problem.fix is None:
            continue
        if not problem.fix.safe and not unsafe:
            plan.unsafe_left += 1
            continue
        chosen.setdefault(problem.path, []).append(problem)
    for path in sorted(chosen):
        _plan_note(plan.edits, vault, path, _without_overlaps(chosen[path]))
    failing = verify_links(plan.edits, vault)
    if failing:
        _retry_without(plan, vault, chosen, failing)
    planned = {change.path for change in plan.edits.changes}
    plan.fixed = [problem for path in sorted(planned) for problem in chosen[path]]
    return plan


def _without_overlaps(problems: list[Problem]) -> list[Problem]:
    """The fixes in line order, each one that overlaps an earlier one left out."""
    kept: list[Problem] = []
    for problem in sorted(problems, key=lambda problem: problem.sort_key):
        fix = problem.fix
        assert fix is not None
        if kept:
            last = kept[-1].fix
            assert last is not None
            if (fix.line, fix.column) < last.end:
                continue
        kept.append(problem)
    return kept


def _plan_note(edits: EditPlan, vault: Vault, path: str, problems: list[Problem]) -> None:
    try:
        target = resolve_inside(vault.root, path)
        with open(target, "rb") as handle:  # noqa: PTH123 - the bytes the change is made from
            before = handle.read()
    except WriteRefused as refusal:
        edits.skip(path, str(refusal))
        return
    except OSError as error:
        edits.skip(path, f"cannot read: {error.strerror or error}")
        return
    try:
        after = replace_all(before, (problem.fix for problem in problems if problem.fix))
    except (ReplaceFailed, NotEditable) as error:
        edits.skip(path, f"{error}; check it again")
        return
    reasons = tuple(sorted({problem.rule for problem in problems}))
    edits.add(FileChange(path, before, after, reasons))


def _retry_without(
    plan: FixPlan,
    vault: Vault,
    chosen: dict[str, list[Problem]],
    failing: dict[str, list[str]],
) -> None:
    """Plan again the notes whose fixes would write a failing link, without those fixes."""
    plan.edits.skipped = [(path, why) for path, why in plan.edits.skipped if path not in failing]
    retry = EditPlan(vault.root)
    for path, links in failing.items():
        kept = [
            problem
            for problem in chosen[path]
            if problem.fix and not any(link in problem.fix.new for link in links)
        ]
        chosen[path] = kept
        if kept:
            _plan_note(retry, vault, path, _without_overlaps(kept))
    verify_links(retry, vault)
    plan.edits.changes.extend(retry.changes)
    plan.edits.changes.sort(key=lambda change: change.path)
    plan.edits.skipped.extend(retry.skipped)
    for path, links in failing.items():
        shown = ", ".join(sorted(set(links)))
        plan.left_out.append(
            (path, f"not fixed: the fix would write links that lead nowhere: {shown}")
        )
