"""The parts of Logseq's ``logseq/config.edn`` that decide how files map to pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from vaultkit.apps.edn import EdnError, Keyword, parse_edn

__all__ = ["CONFIG_PATH", "LogseqConfig", "is_hidden", "load_logseq_config"]

CONFIG_PATH = "logseq/config.edn"
"""Where a graph keeps its config, relative to the graph root (also used in messages)."""

_NAME_FORMATS = frozenset({"triple-lowbar", "legacy"})


@dataclass(frozen=True)
class LogseqConfig:
    """Settings read from ``logseq/config.edn``; every field defaults to Logseq's default.

    ``name_format`` is ``"triple-lowbar"`` or ``"legacy"``: Logseq treats a missing (or
    unrecognised) ``:file/name-format`` as the legacy format. ``hidden`` holds POSIX paths
    relative to the graph root, without leading or trailing slashes.
    """

    name_format: str = "legacy"
    hidden: tuple[str, ...] = ()
    pages_directory: str = "pages"
    journals_directory: str = "journals"
    journal_title_format: str = "MMM do, yyyy"
    journal_file_format: str = "yyyy_MM_dd"


def load_logseq_config(root: Path) -> tuple[LogseqConfig, str | None]:
    """Read ``root/logseq/config.edn``.

    Returns the config and an error message. A missing file is not an error. A file that
    cannot be read or parsed, or whose top level is not a map, yields the defaults and a
    message such as ``"logseq/config.edn:12:5: unexpected ')'"``. A key with a value of the
    wrong type is ignored, leaving that setting at its default.
    """
    path = root / CONFIG_PATH
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return LogseqConfig(), None
    except OSError as error:
        return LogseqConfig(), f"{CONFIG_PATH}: cannot read: {error.strerror or error}"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return LogseqConfig(), f"{CONFIG_PATH}: not valid UTF-8 (byte {error.start})"
    try:
        value = parse_edn(text)
    except EdnError as error:
        return LogseqConfig(), f"{CONFIG_PATH}:{error.line}:{error.column}: {error.message}"
    if not isinstance(value, dict):
        return LogseqConfig(), f"{CONFIG_PATH}: expected a map at the top level"
    return _from_map(value), None


def is_hidden(rel_posix_path: str, config: LogseqConfig) -> bool:
    """Whether a graph-relative path starts with one of the ``:hidden`` paths.

    Logseq compares by plain string prefix, case-sensitively (``logseq.common.config/hidden?``),
    so ``archived`` hides ``archived/a.md`` and also ``archived-2020/a.md``; vaultkit does the
    same, so that it sees exactly the files Logseq sees.
    """
    path = _normalize_path(rel_posix_path)
    return any(path.startswith(hidden) for hidden in config.hidden)


def _from_map(value: dict[Any, Any]) -> LogseqConfig:
    # Only keyword keys count: a string key "hidden" compares equal to :hidden in Python.
    settings = {str(key): item for key, item in value.items() if isinstance(key, Keyword)}
    defaults = LogseqConfig()
    name_format = settings.get("file/name-format")
    return LogseqConfig(
        name_format=str(name_format)
        if isinstance(name_format, Keyword) and name_format in _NAME_FORMATS
        else defaults.name_format,
        hidden=_hidden_paths(settings.get("hidden")),
        pages_directory=_directory(settings.get("pages-directory")) or defaults.pages_directory,
        journals_directory=_directory(settings.get("journals-directory"))
        or defaults.journals_directory,
        journal_title_format=_text(settings.get("journal/page-title-format"))
        or defaults.journal_title_format,
        journal_file_format=_text(settings.get("journal/file-name-format"))
        or defaults.journal_file_format,
    )


def _hidden_paths(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    paths = (_normalize_path(_text(item)) for item in value)
    return tuple(dict.fromkeys(path for path in paths if path))


def _directory(value: Any) -> str:
    return _normalize_path(_text(value))


def _text(value: Any) -> str:
    """The stripped string for a plain string value, ``""`` for anything else."""
    if type(value) is not str:
        return ""
    return value.strip()


def _normalize_path(path: str) -> str:
    """``"/archived/"`` → ``"archived"``; ``"./a//b"`` → ``"a/b"``; ``"/"`` and ``""`` → ``""``."""
    normalized = str(PurePosixPath(path)).strip("/")
    return "" if normalized == "." else normalized
