"""Load a whole vault: detect its flavour, walk it, read and parse every note."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.apps.logseq import LogseqConfig, is_hidden, load_logseq_config
from vaultkit.apps.obsidian import template_folders
from vaultkit.cache.store import Entry
from vaultkit.config.user_regex import UnsafePattern, compile_user_regex
from vaultkit.load.gcpause import paused_gc
from vaultkit.load.walk import (
    PathProblem,
    SkipRule,
    VaultFile,
    leads_outside,
    outside_settings_problem,
    walk_vault,
)
from vaultkit.model import FileProblem, Flavor, Note

OBSIDIAN_SETTINGS = ".obsidian/app.json"
LOGSEQ_SETTINGS = "logseq/config.edn"
_LOGSEQ_APP_FOLDER = "logseq"
"""Logseq's own folder (config.edn, custom.css, bak/, version-files/, .recycle/): no notes."""


@dataclass(slots=True)
class Vault:
    root: Path
    flavor: Flavor
    notes: list[Note] = field(default_factory=list)
    """Every note, sorted by path."""
    attachments: list[str] = field(default_factory=list)
    """Vault-relative POSIX paths of the files that are not notes, sorted."""
    ignored: frozenset[str] = frozenset()
    """Notes matched by Obsidian's ``userIgnoreFilters`` or in its template folders: parsed
    and linkable, never reported on."""
    problems: list[PathProblem] = field(default_factory=list)
    """Problems with paths that are not parsed notes, and with the app's own config."""
    logseq: LogseqConfig | None = None


def detect_flavor(root: Path) -> Flavor:
    """``logseq/config.edn`` means Logseq; anything else (``.obsidian/`` or nothing) Obsidian."""
    if (root / "logseq" / "config.edn").is_file():
        return Flavor.LOGSEQ
    return Flavor.OBSIDIAN


def obsidian_ignore_filters(root: Path) -> tuple[list[str | re.Pattern[str]], list[PathProblem]]:
    """The "Excluded files" of ``.obsidian/app.json``: path prefixes, or ``/regex/``.

    A regex that could backtrack out of bounds is refused and reported (see ``user_regex``).
    """
    if leads_outside(root, OBSIDIAN_SETTINGS):
        return [], [outside_settings_problem(OBSIDIAN_SETTINGS)]
    config = root / OBSIDIAN_SETTINGS
    try:
        raw = config.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as error:
        problem = FileProblem("unreadable-note", f"cannot read Obsidian settings: {error}")
        return [], [PathProblem(OBSIDIAN_SETTINGS, problem)]
    try:
        settings = json.loads(raw)
    except RecursionError:
        problem = FileProblem("unreadable-note", "Obsidian settings are nested too deeply to read")
        return [], [PathProblem(OBSIDIAN_SETTINGS, problem)]
    except json.JSONDecodeError as error:
        problem = FileProblem(
            "unreadable-note",
            f"Obsidian settings are not valid JSON: {error.msg}",
            error.lineno,
            error.colno,
        )
        return [], [PathProblem(OBSIDIAN_SETTINGS, problem)]
    filters: list[str | re.Pattern[str]] = []
    refused: list[PathProblem] = []
    values = settings.get("userIgnoreFilters") if isinstance(settings, dict) else None
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, str) or not value:
            continue
        if len(value) > 2 and value.startswith("/") and value.endswith("/"):
            try:
                filters.append(compile_user_regex(value[1:-1]))
            except re.error:
                continue
            except UnsafePattern as error:
                message = f"Excluded files filter {value[:80]!r} is not used: {error}"
                problem = FileProblem("unreadable-note", message)
                refused.append(PathProblem(OBSIDIAN_SETTINGS, problem))
        else:
            filters.append(value)
    return filters, refused


def _matches_filter(path: str, filters: list[str | re.Pattern[str]]) -> bool:
    for pattern in filters:
        if isinstance(pattern, str):
            if path.startswith(pattern):
                return True
        elif pattern.search(path):
            return True
    return False


def _logseq_skip(config: LogseqConfig) -> SkipRule:
    def skip(path: str) -> bool:
        return path == _LOGSEQ_APP_FOLDER or is_hidden(path, config)

    return skip


def _parse_notes(
    files: list[VaultFile],
    flavor: Flavor,
    logseq: LogseqConfig | None,
    root: Path,
    *,
    cache: bool,
    jobs: int | None,
    save: bool = True,
) -> list[Note]:
    """Parse ``files`` (sorted), taking unchanged ones from the cache when ``cache`` is on.

    With ``save`` off the cache is only read: ``files`` are some of the vault's notes, and
    the cache, which holds them all, must not be rewritten with just those.
    """
    from vaultkit.cache.codec import DECODE_ERRORS, TooLarge, decode_note, encode_note
    from vaultkit.cache.store import (
        cache_key,
        cache_path,
        fresh_entries,
        is_entry,
        load_entries,
        save_entries,
        worth_saving,
    )
    from vaultkit.load.parse_files import parse_files_encoded

    key = cache_key(f"{flavor.value}|{logseq!r}")
    location = cache_path(root) if cache else None
    entries = load_entries(location, key) if location is not None else {}
    notes: dict[str, Note] = {}
    new_entries: dict[str, Entry] = {}
    stale: list[VaultFile] = []
    for file in files:
        entry = entries.get(file.path)
        if is_entry(entry) and entry[0] == file.stamp:
            try:
                notes[file.path] = decode_note(entry[1])
            except DECODE_ERRORS:
                stale.append(file)
                continue
            new_entries[file.path] = entry
        else:
            stale.append(file)
    for file, note, encoded in parse_files_encoded(stale, flavor, logseq, jobs):
        notes[file.path] = note
        if location is None:
            continue
        if encoded is None:
            try:
                encoded = encode_note(note)
            except TooLarge:
                continue
        new_entries[file.path] = (file.stamp, encoded)
    if location is not None and save:
        kept = fresh_entries(new_entries)
        if worth_saving(entries, kept, new_entries):
            save_entries(location, key, kept)
    return [notes[file.path] for file in files]


@dataclass(slots=True)
class VaultScan:
    """A vault walked but not yet read: its files, settings and the problems found so far."""

    vault: Vault
    """The vault with everything but its notes filled in."""
    note_files: list[VaultFile]
    files: list[VaultFile]
    """Every file found, notes and attachments, sorted by path."""


def scan_vault(
    root: str | Path, flavor: Flavor | str | None = None, *, follow_symlinks: bool = False
) -> VaultScan:
    """Walk the vault at ``root`` with its app's skip rules; read no note yet.

    ``follow_symlinks`` also follows symbolic links that lead outside the vault (see ``walk``).
    """
    root = Path(root)
    chosen = Flavor(flavor) if flavor is not None else detect_flavor(root)
    vault = Vault(root=root, flavor=chosen)
    skip = None
    filters: list[str | re.Pattern[str]] = []
    if chosen is Flavor.LOGSEQ:
        if leads_outside(root, LOGSEQ_SETTINGS):
            config, error = LogseqConfig(), None
            vault.problems.append(outside_settings_problem(LOGSEQ_SETTINGS))
        else:
            config, error = load_logseq_config(root)
        vault.logseq = config
        if error is not None:
            vault.problems.append(
                PathProblem(LOGSEQ_SETTINGS, FileProblem("unreadable-note", error))
            )
        skip = _logseq_skip(config)
    else:
        filters, refused = obsidian_ignore_filters(root)
        vault.problems.extend(refused)
    walked = walk_vault(root, skip, follow_external=follow_symlinks)
    vault.problems.extend(walked.problems)
    org_pages = chosen is Flavor.LOGSEQ
    note_files = [file for file in walked.files if file.is_note or (org_pages and file.is_org)]
    notes = {file.path for file in note_files}
    vault.attachments = [file.path for file in walked.files if file.path not in notes]
    templates = template_folders(root) if chosen is Flavor.OBSIDIAN else ()
    if filters or templates:
        vault.ignored = frozenset(
            file.path
            for file in note_files
            if file.path.startswith(templates) or _matches_filter(file.path, filters)
        )
    return VaultScan(vault, note_files, walked.files)


def parse_scan(scan: VaultScan, *, cache: bool = False, jobs: int | None = None) -> Vault:
    """Read and parse the notes of a scanned vault (see ``load_vault``)."""
    vault = scan.vault
    with paused_gc():
        vault.notes = _parse_notes(
            scan.note_files, vault.flavor, vault.logseq, vault.root, cache=cache, jobs=jobs
        )
    return vault


def parse_some(
    scan: VaultScan, paths: set[str] | frozenset[str], *, cache: bool = False
) -> dict[str, Note]:
    """Read and parse just the notes at ``paths`` (with ``cache``, unchanged ones from it)."""
    vault = scan.vault
    files = [file for file in scan.note_files if file.path in paths]
    if not files:
        return {}
    with paused_gc():
        notes = _parse_notes(
            files, vault.flavor, vault.logseq, vault.root, cache=cache, jobs=None, save=False
        )
    return {note.path: note for note in notes}


def load_vault(
    root: str | Path,
    flavor: Flavor | str | None = None,
    *,
    cache: bool = False,
    jobs: int | None = None,
    follow_symlinks: bool = False,
) -> Vault:
    """Walk and parse the vault at ``root``.

    ``flavor`` overrides detection (``"obsidian"`` or ``"logseq"``). With ``cache``, unchanged
    notes come from the parse cache (see ``vaultkit.cache.store``). ``jobs`` caps the worker
    processes (default: the cores; 1 parses in this process). Bad files never raise: each
    carries its problems in ``Note.problems`` or ``Vault.problems``. A symbolic link out of the
    vault is not followed unless ``follow_symlinks`` says so.
    """
    scan = scan_vault(root, flavor, follow_symlinks=follow_symlinks)
    return parse_scan(scan, cache=cache, jobs=jobs)
