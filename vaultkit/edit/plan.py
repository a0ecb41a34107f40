"""The edit pipeline every writer goes through: plan, verify, show, write.

A command builds an :class:`EditPlan` of whole-file changes (each carrying the exact bytes it
was planned from, or none for a new file). :func:`verify_links` re-parses every edited note
with the real parser and resolves each link the plan adds against the vault as it will be
once the plan is applied, so a writer never leaves a link it created broken. ``vaultkit.edit
.diff`` shows the plan as a unified diff or as json, and :func:`apply_plan` writes it, each
file atomically and only if it still holds the bytes the plan was made from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.edit.write import FileChange, WriteRefused, fsync_folder, write_change
from vaultkit.graph.graph import LinkGraph
from vaultkit.graph.resolution import AnchorStatus, Status
from vaultkit.load.parse_files import parse_text
from vaultkit.load.read import decode_note
from vaultkit.load.vault import Vault
from vaultkit.model import NOTE_SUFFIXES, Flavor, Note


@dataclass(slots=True)
class EditPlan:
    """Whole-file changes under ``root``, and the files a writer chose not to change."""

    root: Path
    changes: list[FileChange] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(path, why) for files that need a change vaultkit will not make."""

    def add(self, change: FileChange) -> None:
        self.changes.append(change)

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append((path, reason))

    @property
    def created(self) -> int:
        return sum(1 for change in self.changes if change.is_new)


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    written: int
    refused: list[str]
    """One message per change that was not written; its file is untouched."""


def apply_plan(plan: EditPlan, *, stop_at_refusal: bool = False) -> WriteOutcome:
    """Write the changes of ``plan`` in order; a change that cannot be written is reported and
    the rest are still written, unless ``stop_at_refusal`` (for changes that belong together,
    like ``init``'s settings and hook)."""
    written = 0
    refused: list[str] = []
    unsynced: set[Path] = set()
    for change in plan.changes:
        try:
            write_change(plan.root, change, unsynced)
        except OSError as error:
            refused.append(
                str(error) if isinstance(error, WriteRefused) else f"{change.path}: {error}"
            )
            if stop_at_refusal:
                break
        else:
            written += 1
    for folder in sorted(unsynced):
        fsync_folder(folder)
    return WriteOutcome(written, refused)


def _suffixes(vault: Vault) -> tuple[str, ...]:
    """The files the vault's app reads as notes (Logseq also reads Org pages)."""
    return NOTE_SUFFIXES if vault.flavor is Flavor.LOGSEQ else (".md",)


def _parsed(change: FileChange, vault: Vault) -> Note:
    decoded = decode_note(change.after)
    return parse_text(decoded.text or "", change.path, vault.flavor, vault.logseq)


def _link_key(note: Note | None) -> set[tuple[str, str | None, bool]]:
    if note is None:
        return set()
    return {(link.target, link.anchor, link.block_ref) for link in note.links}


def _fails(status: Status, anchor: AnchorStatus | None) -> bool:
    return status in (Status.BROKEN, Status.EMPTY) or anchor not in (None, AnchorStatus.OK)


def verify_links(plan: EditPlan, vault: Vault) -> dict[str, list[str]]:
    """Move to ``plan.skipped`` every change to a note that would add a link leading nowhere;
    returns those links (as written) per note.

    Each edited note's new text is parsed with the parser ``check`` uses (its old text is the
    vault's note, parsed already); the links only the new text has are resolved against the
    vault with every planned note in place. Links the note had already are not the plan's doing
    and are left to ``check``. A skipped change may be a new note other changes link to, so the
    check is repeated until no change is skipped.
    """
    failing: dict[str, list[str]] = {}
    while skipped := _skip_failing(plan, vault):
        failing.update(skipped)
    return failing


def _skip_failing(plan: EditPlan, vault: Vault) -> dict[str, list[str]]:
    """One round of :func:`verify_links`: the links (per note) whose changes it skipped."""
    notes = {note.path: note for note in vault.notes}
    edited: dict[str, Note] = {}
    added: dict[str, set[tuple[str, str | None, bool]]] = {}
    for change in plan.changes:
        if not change.path.lower().endswith(_suffixes(vault)):
            continue
        after = _parsed(change, vault)
        edited[change.path] = after
        added[change.path] = _link_key(after) - _link_key(notes.get(change.path))
    if not any(added.values()):
        return {}
    notes.update(edited)
    future = dataclasses.replace(vault, notes=[notes[path] for path in sorted(notes)])
    graph = LinkGraph(future, sources=frozenset(path for path, new in added.items() if new))
    failing: dict[str, list[str]] = {}
    for edge in graph.flagged:
        link, resolution = edge.link, edge.resolution
        key = (link.target, link.anchor, link.block_ref)
        if key in added.get(edge.source.path, ()) and _fails(resolution.status, resolution.anchor):
            failing.setdefault(edge.source.path, []).append(link.raw)
    if not failing:
        return {}
    kept = []
    for change in plan.changes:
        if change.path in failing:
            links = ", ".join(sorted(set(failing[change.path])))
            plan.skip(change.path, f"the edit would write links that lead nowhere: {links}")
        else:
            kept.append(change)
    plan.changes = kept
    return failing
