"""The results cache: an unchanged vault is not checked again.

A link's fate depends on the whole vault (renaming one note breaks links in others), so the
problems of a check are stored under one key for the vault as a whole: every file's path,
size and modification time, the settings, the rules chosen and the vaultkit version. If any of
that differs, the key differs and the vault is checked (with the parse cache still sparing the
unchanged notes). Stored beside the parse cache, with the same guarantees: checksummed, never
trusted when damaged, never written when a file changed within the last seconds.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from vaultkit.cache.store import RACY_SECONDS, cache_key, cache_path, load_entries, save_entries
from vaultkit.problems import Problem, Severity
from vaultkit.vault import VaultScan

_SEVERITIES = {severity.value: severity for severity in Severity}


def results_key(scan: VaultScan, options: str) -> str | None:
    """The vault's identity for this check, or None when a file is too fresh to trust."""
    vault = scan.vault
    digest = hashlib.sha256()
    digest.update(f"{vault.flavor.value}\0{vault.logseq!r}\0{options}\0".encode())
    newest = 0
    for file in scan.files:
        digest.update(
            f"{file.path}\0{file.size}\0{file.mtime_ns}\n".encode("utf-8", "surrogateescape")
        )
        newest = max(newest, file.mtime_ns)
    for problem in vault.problems:
        digest.update(f"{problem.path}\0{problem.problem}\n".encode("utf-8", "surrogateescape"))
    digest.update(repr(sorted(vault.ignored)).encode("utf-8", "surrogateescape"))
    if time.time_ns() - newest < RACY_SECONDS * 1e9:
        return None
    return cache_key(digest.hexdigest())


def _location(root: Path) -> Path:
    return cache_path(root).with_suffix(".results")


def _encode(problem: Problem) -> tuple[Any, ...]:
    return (
        problem.rule,
        problem.severity.value,
        problem.path,
        problem.line,
        problem.column,
        problem.message,
        problem.target,
        problem.suggestions,
    )


def load_results(root: Path, key: str) -> list[Problem] | None:
    """The problems stored for exactly this vault state, if any."""
    stored = load_entries(_location(root), key)
    rows = stored.get("problems")
    if not isinstance(rows, list):
        return None
    try:
        return [
            Problem(
                rule, _SEVERITIES[severity], path, line, column, message, target, tuple(suggestions)
            )
            for rule, severity, path, line, column, message, target, suggestions in rows
        ]
    except (TypeError, ValueError, KeyError):
        return None


def save_results(root: Path, key: str, problems: list[Problem]) -> None:
    save_entries(_location(root), key, {"problems": [_encode(problem) for problem in problems]})
