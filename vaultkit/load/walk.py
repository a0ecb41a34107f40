"""Find the notes and attachments of a vault, with each app's skip rules.

Skipped everywhere: dot-folders and dot-files (``.obsidian``, ``.trash``, ``.git``…, as both
apps hide them) and ``node_modules``. In Logseq also ``logseq/bak``, ``logseq/version-files``
(``logseq/.recycle`` is a dot-folder) and the ``:hidden`` paths of config.edn. A write's
temporary file (``.NAME.XXXX.vaultkit-tmp``) is a dot-file too; one over a minute old is the
leftover of a killed run, and is removed.

Symbolic links inside the vault are followed, as Obsidian does, but a folder is never entered
twice: a link loop or a second link to the same folder becomes a problem on that path and the
walk goes on. A link whose target resolves outside the vault is not followed (unless the caller
asks for it): it becomes an ``external-symlink`` problem naming only the link, so a repository
cannot make vaultkit read ``/etc`` or a home folder. Only links cost a ``realpath``; a real
folder's real path is its parent's plus its name.
"""

from __future__ import annotations

import os
import stat
import time
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
    identity: tuple[int, int, int] = (0, 0, 0)
    """(ctime_ns, inode, device): with size and time, what tells an edited file from its cache
    entry even when ``touch -r`` kept its size and time."""

    @property
    def stamp(self) -> tuple[int, ...]:
        """Everything the caches compare to know a file is unchanged."""
        return (self.size, self.mtime_ns, *self.identity)

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


EXTERNAL_SYMLINK = "external-symlink"
TEMPORARY_SUFFIX = ".vaultkit-tmp"
"""The suffix of the temporary file a write makes beside its target (``.NAME.XXXX`` + this)."""
STALE_TEMPORARY_SECONDS = 60
"""A temporary file older than this belongs to no running write: a run killed with ``kill -9``
left it, and the walk removes it."""


def is_inside(root: str, path: str) -> bool:
    """Whether ``path`` is ``root`` or lies under it (both absolute, in the same form)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def leads_outside(root: Path, relative: str) -> bool:
    """Whether the vault file ``relative`` (an app's or vaultkit's settings) resolves, through a
    symbolic link, to a path outside ``root``: such a file is not read."""
    root_real = os.path.realpath(root)
    return not is_inside(root_real, os.path.realpath(root.joinpath(*relative.split("/"))))


def outside_settings_problem(relative: str) -> PathProblem:
    message = "symbolic link to a path outside the vault; settings not read"
    return PathProblem(relative, FileProblem(EXTERNAL_SYMLINK, message))


@dataclass(slots=True)
class _Walk:
    root_real: str
    follow_external: bool
    result: WalkResult = field(default_factory=WalkResult)
    visited: set[str] = field(default_factory=set)
    folders: list[tuple[str, str, str]] = field(default_factory=list)
    """(path, vault-relative prefix, real path) of real folders still to list."""
    linked_folders: list[tuple[str, str, str]] = field(default_factory=list)


def walk_vault(
    root: Path, skip: SkipRule | None = None, *, follow_external: bool = False
) -> WalkResult:
    """Every file under ``root`` that the apps would show, sorted by path.

    ``follow_external`` follows symbolic links that lead outside ``root`` too (the user's
    ``--follow-symlinks``); by default each is an ``external-symlink`` problem.
    """
    root_real = os.path.realpath(root)
    walk = _Walk(root_real, follow_external, visited={root_real})
    result = walk.result
    walk.folders.append((str(root), "", root_real))
    while walk.folders or walk.linked_folders:
        # Real folders first, so that a link to a folder of the vault is the one reported.
        directory, prefix, real = walk.folders.pop() if walk.folders else walk.linked_folders.pop()
        if prefix and not _enter(real, prefix, walk.visited, result):
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
                if name.endswith(TEMPORARY_SUFFIX):
                    _remove_if_stale(entry)
                continue
            relative = prefix + name
            if skip is not None and skip(relative):
                continue
            if not _encodable(name):
                message = "file name is not valid UTF-8; Obsidian and Logseq may not show it"
                problem = FileProblem("unreadable-note", message)
                result.problems.append(PathProblem(relative, problem))
            _visit(entry, relative, real, walk)
    result.files.sort(key=lambda file: file.path)
    result.problems.sort(key=lambda problem: problem.path)
    return result


def _remove_if_stale(entry: os.DirEntry[str]) -> None:
    """Remove a write's leftover temporary file, if it is a regular file over a minute old."""
    try:
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime > STALE_TEMPORARY_SECONDS:
            Path(entry.path).unlink()
    except OSError:
        return


def _enter(real: str, prefix: str, visited: set[str], result: WalkResult) -> bool:
    if real in visited:
        message = "symbolic link to a folder already in the vault (or a link loop); not entered"
        problem = FileProblem("unreadable-note", message)
        result.problems.append(PathProblem(prefix.rstrip("/"), problem))
        return False
    visited.add(real)
    return True


def _visit(entry: os.DirEntry[str], relative: str, parent_real: str, walk: _Walk) -> None:
    result = walk.result
    if entry.is_symlink():
        real = os.path.realpath(entry.path)
        if not walk.follow_external and not is_inside(walk.root_real, real):
            message = "symbolic link to a path outside the vault; not followed"
            result.problems.append(PathProblem(relative, FileProblem(EXTERNAL_SYMLINK, message)))
            return
        pending = walk.linked_folders
    else:
        real = f"{parent_real.rstrip(os.sep)}{os.sep}{entry.name}"
        pending = walk.folders
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
        pending.append((entry.path, relative + "/", real))
    elif stat.S_ISREG(info.st_mode):
        identity = (info.st_ctime_ns, info.st_ino, info.st_dev)
        result.files.append(
            VaultFile(relative, entry.path, info.st_size, info.st_mtime_ns, identity)
        )
