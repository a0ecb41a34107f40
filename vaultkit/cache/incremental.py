"""Check again only the notes an edit can have changed the problems of.

The results cache answers a vault that did not change at all. After an edit, most of a large
vault's problems are still what they were: a note's problems depend on its own text, on the
names in the vault (which notes, attachments and aliases exist) and, for a link with an anchor
(``[[Note#Heading]]``, ``[[Note#^id]]``, a Logseq ``((uuid))``), on the target's headings and
block ids. So the last check is kept as a snapshot: each note's size and time, its problems,
its *names* (title, aliases; in Logseq also journal day, block ids and namespaces its links
create) and its *anchors* (headings and block ids), and the notes its anchored links lead to.

The next check, if the set of files, the settings and the rules are the same, compares each
changed note with the snapshot:

- names changed (an alias added, a Logseq block id moved): anything may have changed, and the
  whole vault is checked;
- anchors changed (a heading renamed): the note and every note with an anchored link to it are
  checked again;
- otherwise only the changed notes are.

Every other note keeps its problems from the snapshot. ``tests/test_incremental.py`` holds the
result to a full check after random edits. A note changed within ``RACY_SECONDS`` is never
recorded as checked, so it is checked again on the next run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vaultkit.cache.results import decode_problems, encode_problem
from vaultkit.cache.store import Stamp, cache_path, is_stamp, load_entries, save_entries, settled
from vaultkit.check.problems import Problem
from vaultkit.load.vault import Vault, VaultScan
from vaultkit.model import BlockId, Flavor, Heading, Link, LinkKind, Note

Names = tuple[Any, ...]
Anchors = tuple[Any, ...]


@dataclass(slots=True)
class Snapshot:
    """The last check of the vault, note by note."""

    files: dict[str, Stamp]
    """Note path → its stamp when it was checked; a note too fresh to trust is absent."""
    shape: dict[str, tuple[Names, Anchors]]
    """Note path → the names and anchors it had (see ``names_and_anchors``)."""
    anchored: dict[str, tuple[str, ...]]
    """Note path → the notes its anchored links and block refs lead to (none: not listed)."""
    problems: dict[str, list[tuple[Any, ...]]]
    """Path → its problems, encoded (paths that are not notes included)."""


def names_and_anchors(note: Note, flavor: Flavor) -> tuple[Names, Anchors]:
    """What other notes' problems can depend on: the note's names, and its anchors."""
    anchors = (
        tuple((heading.level, heading.text) for heading in note.headings),
        tuple(block.id for block in note.block_ids),
    )
    if flavor is Flavor.LOGSEQ:
        namespaces = sorted({link.target for link in note.links if "/" in link.target})
        blocks = tuple((block.id, block.line) for block in note.block_ids)
        names = (
            note.title,
            tuple(note.aliases),
            note.journal_date,
            blocks,
            tuple(namespaces),
            note.has_body,
        )
        return names, anchors
    return (note.title, tuple(note.aliases)), anchors


LAYOUT = 2
"""The snapshot's layout; part of its key, so a snapshot laid out differently is not read."""


def load_snapshot(root: Path, frame: str) -> Snapshot | None:
    """The snapshot of the last check made with the same files, settings and rules, if any."""
    stored = load_entries(cache_path(root, ".snapshot"), f"{frame}|{LAYOUT}")
    try:
        snapshot = Snapshot(
            files=stored["files"],
            shape=stored["shape"],
            anchored=stored["anchored"],
            problems=stored["problems"],
        )
    except KeyError:
        return None
    parts = (snapshot.files, snapshot.shape, snapshot.anchored, snapshot.problems)
    if not all(isinstance(part, dict) for part in parts):
        return None
    shapes_read = all(
        isinstance(shape, tuple) and len(shape) == 2 for shape in snapshot.shape.values()
    )
    stamps_read = all(is_stamp(stamp) for stamp in snapshot.files.values())
    targets_read = all(
        isinstance(targets, tuple) and all(isinstance(target, str) for target in targets)
        for targets in snapshot.anchored.values()
    )
    return snapshot if shapes_read and stamps_read and targets_read else None


def save_snapshot(root: Path, frame: str, snapshot: Snapshot) -> None:
    save_entries(
        cache_path(root, ".snapshot"),
        f"{frame}|{LAYOUT}",
        {
            "files": snapshot.files,
            "shape": snapshot.shape,
            "anchored": snapshot.anchored,
            "problems": snapshot.problems,
        },
    )


def changed_notes(snapshot: Snapshot, scan: VaultScan) -> set[str]:
    """The notes whose stamp differs from the snapshot's (or that it did not trust)."""
    return {file.path for file in scan.note_files if snapshot.files.get(file.path) != file.stamp}


def notes_to_check(
    snapshot: Snapshot, changed: dict[str, Note], flavor: Flavor
) -> frozenset[str] | None:
    """The notes whose problems may differ from the snapshot's; None: check the whole vault.

    ``changed`` are the changed notes, parsed.
    """
    moved_anchors: set[str] = set()
    for path, note in changed.items():
        before = snapshot.shape.get(path)
        if before is None:
            return None
        names, anchors = names_and_anchors(note, flavor)
        if names != tuple(before[0]):
            return None
        if anchors != tuple(before[1]):
            moved_anchors.add(path)
    checked = set(changed)
    if moved_anchors:
        checked.update(
            path
            for path, targets in snapshot.anchored.items()
            if moved_anchors.intersection(targets)
        )
    return frozenset(checked)


def _stub(path: str, shape: tuple[Names, Anchors], flavor: Flavor) -> Note:
    """A note that was not read, rebuilt from its shape: enough to be a link's target."""
    names, (headings, _) = shape
    title, aliases = names[0], list(names[1])
    note = Note(path=path, title=title, flavor=flavor, aliases=aliases)
    note.headings = [Heading(level, text, 0) for level, text in headings]
    if flavor is Flavor.LOGSEQ:
        _, _, note.journal_date, blocks, namespaces, note.has_body = names
        note.block_ids = [BlockId(block, line, 1) for block, line in blocks]
        note.links = [Link(LinkKind.WIKILINK, target, 0, 0, "") for target in namespaces]
    else:
        note.block_ids = [BlockId(block, 0, 0) for block in shape[1][1]]
    return note


def with_stubs(scan: VaultScan, snapshot: Snapshot, read: dict[str, Note]) -> Vault | None:
    """The vault with the ``read`` notes, and every other note rebuilt from the snapshot.

    The rules then see every name, heading and block id of the vault while only the notes
    being checked were read. None if the snapshot lacks a note's shape.
    """
    notes: list[Note] = []
    for file in scan.note_files:
        note = read.get(file.path)
        if note is None:
            shape = snapshot.shape.get(file.path)
            if shape is None:
                return None
            note = _stub(file.path, shape, scan.vault.flavor)
        notes.append(note)
    return replace(scan.vault, notes=notes)


def _trusted_files(scan: VaultScan) -> dict[str, Stamp]:
    """The stamp of every note old enough that a later change will show in it."""
    now = time.time_ns()
    return {file.path: file.stamp for file in scan.note_files if settled(file.mtime_ns, now)}


def _grouped(problems: list[Problem]) -> dict[str, list[tuple[Any, ...]]]:
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(encode_problem(problem))
    return grouped


def full_snapshot(
    scan: VaultScan,
    vault: Vault,
    anchored: dict[str, tuple[str, ...]],
    problems: list[Problem],
) -> Snapshot:
    """The snapshot of a check of the whole vault."""
    return Snapshot(
        files=_trusted_files(scan),
        shape={note.path: names_and_anchors(note, vault.flavor) for note in vault.notes},
        anchored={path: targets for path, targets in anchored.items() if targets},
        problems=_grouped(problems),
    )


def merged(
    snapshot: Snapshot,
    scan: VaultScan,
    vault: Vault,
    checked: frozenset[str],
    anchored: dict[str, tuple[str, ...]],
    problems: list[Problem],
) -> tuple[list[Problem], Snapshot] | None:
    """All problems: the snapshot's for notes not ``checked``, ``problems`` for the others.

    Returns them sorted, with a snapshot of this check; None if the snapshot's problems cannot
    be read.
    """
    kept = decode_problems(
        [row for path, rows in snapshot.problems.items() if path not in checked for row in rows]
    )
    if kept is None:
        return None
    everything = sorted(kept + problems, key=lambda problem: problem.sort_key)
    notes = {note.path: note for note in vault.notes}
    trusted = _trusted_files(scan)
    files = dict(snapshot.files)
    shape = dict(snapshot.shape)
    for path in checked:
        files.pop(path, None)
        if path in trusted:
            files[path] = trusted[path]
        shape[path] = names_and_anchors(notes[path], vault.flavor)
    linked = {path: targets for path, targets in snapshot.anchored.items() if path not in checked}
    linked.update((path, targets) for path, targets in anchored.items() if targets)
    grouped = {path: rows for path, rows in snapshot.problems.items() if path not in checked}
    grouped.update(_grouped(problems))
    return everything, Snapshot(files, shape, linked, grouped)
