"""Find the notes and attachments of a vault, with each app's skip rules.

Skipped everywhere: dot-folders and dot-files (``.obsidian``, ``.trash``, ``.git``…, as both
apps hide them) and ``node_modules``. In Logseq also ``logseq/bak``, ``logseq/version-files``
(``logseq/.recycle`` is a dot-folder) and the ``:hidden`` paths of config.edn.

Symbolic links are followed, as Obsidian does, but a folder is never entered twice: a link loop
or a second link to the same folder becomes a problem on that path and the walk goes on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.model import FileProblem

NOTE_SUFFIX = ".md"
ORG_SUFFIX = ".org"
_ALWAYS_SKIPPED_DIRS = frozenset({"node_modules"})


@dataclass(frozen=True, slots=True)
class VaultFile:
    path: str
    """POSIX path relative to the vault root."""
    absolute: str
    """The path to open it by (the vault root joined with ``path``, in the OS's form)."""
    size: int
    mtime_ns: int

    @property
    def mtime(self) -> float:
        return self.mtime_ns / 1e9

    @property
    def is_note(self) -> bool:
        return self.path.lower().endswith(NOTE_SUFFIX)

    @property
    def is_org(self) -> bool:
        """An Org-mode file: a page in a Logseq graph, an attachment in an Obsidian vault."""
        return self.path.lower().endswith(ORG_SUFFIX)


@dataclass(frozen=True, slots=True)
class PathProblem:
    """A problem with a path that is not a parsed note (a folder, a link, a vanished file)."""

    path: str
    problem: FileProblem


@dataclass(slots=True)
class WalkResult:
    files: list[VaultFile] = field(default_factory=list)
    problems: list[PathProblem] = field(default_factory=list)


SkipRule = Callable[[str], bool]
"""Takes a vault-relative POSIX path; True means leave it (and everything under it) out."""


def _encodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_hidden_name(name: str) -> bool:
    return name.startswith(".")


def walk_vault(root: Path, skip: SkipRule | None = None) -> WalkResult:
    """Every file under ``root`` that the apps would show, sorted by path."""
    result = WalkResult()
    visited: set[str] = {os.path.realpath(root)}
    folders: list[tuple[str, str]] = [(str(root), "")]
    linked_folders: list[tuple[str, str]] = []
    while folders or linked_folders:
        # Real folders first, so that a link to a folder of the vault is the one reported.
        directory, prefix = folders.pop() if folders else linked_folders.pop()
        if prefix and not _enter(directory, prefix, visited, result):
            continue
        try:
            with os.scandir(directory) as entries:
                listing = list(entries)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            problem = FileProblem("unreadable-note", f"cannot list folder: {reason}")
            result.problems.append(PathProblem(prefix.rstrip("/") or ".", problem))
            continue
        for entry in listing:
            name = entry.name
            if is_hidden_name(name):
                continue
            relative = prefix + name
            if skip is not None and skip(relative):
                continue
            if not _encodable(name):
                message = "file name is not valid UTF-8; Obsidian and Logseq may not show it"
                problem = FileProblem("unreadable-note", message)
                result.problems.append(PathProblem(relative, problem))
            _visit(entry, relative, result, linked_folders if entry.is_symlink() else folders)
    result.files.sort(key=lambda file: file.path)
    result.problems.sort(key=lambda problem: problem.path)
    return result


def _enter(directory: str, prefix: str, visited: set[str], result: WalkResult) -> bool:
    real = os.path.realpath(directory)
    if real in visited:
        message = "symbolic link to a folder already in the vault (or a link loop); not entered"
        problem = FileProblem("unreadable-note", message)
        result.problems.append(PathProblem(prefix.rstrip("/"), problem))
        return False
    visited.add(real)
    return True


def _visit(
    entry: os.DirEntry[str],
    relative: str,
    result: WalkResult,
    pending: list[tuple[str, str]],
) -> None:
    try:
        info = entry.stat(follow_symlinks=True)
    except OSError as error:
        if entry.is_symlink():
            message = "symbolic link whose target does not exist"
        else:
            message = f"cannot read: {error.strerror or type(error).__name__}"
        result.problems.append(PathProblem(relative, FileProblem("unreadable-note", message)))
        return
    if stat.S_ISDIR(info.st_mode):
        if entry.name in _ALWAYS_SKIPPED_DIRS:
            return
        pending.append((entry.path, relative + "/"))
    elif stat.S_ISREG(info.st_mode):
        result.files.append(VaultFile(relative, entry.path, info.st_size, info.st_mtime_ns))
