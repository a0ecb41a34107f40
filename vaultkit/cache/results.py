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

from vaultkit.cache.store import cache_key, cache_path, load_entries, save_entries, settled
from vaultkit.check.problems import Problem, Severity
from vaultkit.load.vault import VaultScan
from vaultkit.model import Fix

_SEVERITIES = {severity.value: severity for severity in Severity}


def _vault_digest(scan: VaultScan, options: str, *, with_times: bool) -> tuple[str, int]:
    """A digest of the vault's files (with or without their sizes and times) and settings, and
    the newest modification time among the files."""
    vault = scan.vault
    digest = hashlib.sha256()
    digest.update(f"{vault.flavor.value}\0{vault.logseq!r}\0{options}\0".encode())
    newest = 0
    for file in scan.files:
        line = f"{file.path}\0{file.stamp}\n" if with_times else f"{file.path}\n"
        digest.update(line.encode("utf-8", "surrogateescape"))
        newest = max(newest, file.mtime_ns)
    for problem in vault.problems:
        digest.update(f"{problem.path}\0{problem.problem}\n".encode("utf-8", "surrogateescape"))
    digest.update(repr(sorted(vault.ignored)).encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), newest


def results_key(scan: VaultScan, options: str) -> str | None:
    """The vault's identity for this check, or None when a file is too fresh to trust."""
    digest, newest = _vault_digest(scan, options, with_times=True)
    if not settled(newest, time.time_ns()):
        return None
    return cache_key(digest)


def frame_key(scan: VaultScan, options: str) -> str:
    """What must not change for an earlier check's per-note results to be reused: the set of
    files (not their contents), the settings and the rules chosen."""
    return cache_key(_vault_digest(scan, options, with_times=False)[0])


def encode_problem(problem: Problem) -> tuple[Any, ...]:
    return (
        problem.rule,
        problem.severity.value,
        problem.path,
        problem.line,
        problem.column,
        problem.message,
        problem.target,
        problem.suggestions,
        None if problem.fix is None else tuple(problem.fix),
    )


def decode_problems(rows: Any) -> list[Problem] | None:
    """Problems from their encoded rows; None if the rows are not what ``encode_problem`` made."""
    if not isinstance(rows, list) or not all(_is_row(row) for row in rows):
        return None
    return [
        Problem(
            rule,
            _SEVERITIES[severity],
            path,
            line,
            column,
            message,
            target,
            suggestions,
            None if fix is None else Fix(*fix),
        )
        for rule, severity, path, line, column, message, target, suggestions, fix in rows
    ]


def _is_row(row: Any) -> bool:
    """Whether ``row``, read from a cache, has the shape and types ``encode_problem`` gives."""
    if not isinstance(row, tuple) or len(row) != 9:
        return False
    rule, severity, path, line, column, message, target, suggestions, fix = row
    return (
        (fix is None or _is_fix(fix))
        and all(isinstance(text, str) for text in (rule, path, message))
        and severity in _SEVERITIES
        and type(line) is int
        and type(column) is int
        and (target is None or isinstance(target, str))
        and isinstance(suggestions, tuple)
        and all(isinstance(name, str) for name in suggestions)
    )


def _is_fix(fix: Any) -> bool:
    if not isinstance(fix, tuple) or len(fix) != 5:
        return False
    line, column, old, new, safe = fix
    return (
        type(line) is int
        and type(column) is int
        and isinstance(old, str)
        and isinstance(new, str)
        and type(safe) is bool
    )


def load_results(root: Path, key: str) -> list[Problem] | None:
    """The problems stored for exactly this vault state, if any."""
    return decode_problems(load_entries(cache_path(root, ".results"), key).get("problems"))


def save_results(root: Path, key: str, problems: list[Problem]) -> None:
    rows = [encode_problem(problem) for problem in problems]
    save_entries(cache_path(root, ".results"), key, {"problems": rows})
