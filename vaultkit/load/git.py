"""The renames git sees in a vault's work tree, for ``vaultkit fix --renames``.

A rename made with ``git mv`` (or staged) is reported by ``git diff -M`` against ``HEAD``. A
rename made with plain ``mv``, a file manager or an editor shows as a deleted file and an
untracked one; they are paired when the untracked file holds exactly the bytes the deleted one
had in ``HEAD`` (and no other deleted file had the same bytes).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

GIT_TIMEOUT = 60


class NotAWorkTree(Exception):
    """The folder is not in a git work tree, or git is missing; the message says which."""


def _git(root: Path, *args: str, stdin: str | None = None) -> str:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            input=stdin,
            timeout=GIT_TIMEOUT,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise NotAWorkTree("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise NotAWorkTree(f"git {args[0]} took more than {GIT_TIMEOUT} s") from None
    if result.returncode != 0:
        raise NotAWorkTree(result.stderr.strip() or f"git {args[0]} failed")
    return result.stdout


def _fields(output: str) -> list[str]:
    return [field for field in output.split("\0") if field]


def renames(vault: Path) -> dict[str, str]:
    """Old → new vault-relative POSIX paths of the files renamed since ``HEAD``."""
    try:
        inside = _git(vault, "rev-parse", "--is-inside-work-tree").strip()
    except NotAWorkTree as error:
        if "git is not installed" in str(error):
            raise
        inside = "false"
    if inside != "true":
        raise NotAWorkTree(f"{vault} is not in a git work tree")
    top = Path(_git(vault, "rev-parse", "--show-toplevel").strip())
    prefix = Path(os.path.relpath(vault.resolve(), top.resolve())).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        _git(vault, "rev-parse", "--verify", "--quiet", "HEAD")
    except NotAWorkTree:
        return {}  # no commit yet: nothing was renamed
    found: dict[str, str] = {}
    deleted: list[str] = []
    fields = _fields(_git(top, "diff", "-M", "--name-status", "-z", "HEAD"))
    index = 0
    while index < len(fields):
        status = fields[index]
        if status.startswith(("R", "C")):
            if status.startswith("R"):
                found[fields[index + 1]] = fields[index + 2]
            index += 3
            continue
        if status == "D":
            deleted.append(fields[index + 1])
        index += 2
    untracked = [
        path
        for path in _fields(_git(top, "ls-files", "-z", "--others", "--exclude-standard"))
        if "\n" not in path  # --stdin-paths reads one path per line
    ]
    found.update(_paired_by_content(top, deleted, untracked))
    return {
        old[len(prefix) :]: new[len(prefix) :]
        for old, new in found.items()
        if old.startswith(prefix) and new.startswith(prefix)
    }


def _paired_by_content(top: Path, deleted: list[str], untracked: list[str]) -> dict[str, str]:
    if not deleted or not untracked:
        return {}
    old_blobs = _git(top, "rev-parse", *(f"HEAD:{path}" for path in deleted)).split()
    new_blobs = _git(top, "hash-object", "--stdin-paths", stdin="\n".join(untracked) + "\n").split()
    by_blob: dict[str, list[str]] = {}
    for path, blob in zip(untracked, new_blobs, strict=True):
        by_blob.setdefault(blob, []).append(path)
    counts: dict[str, int] = {}
    for blob in old_blobs:
        counts[blob] = counts.get(blob, 0) + 1
    pairs: dict[str, str] = {}
    for path, blob in zip(deleted, old_blobs, strict=True):
        candidates = by_blob.get(blob, [])
        if len(candidates) == 1 and counts[blob] == 1:
            pairs[path] = candidates[0]
    return pairs
