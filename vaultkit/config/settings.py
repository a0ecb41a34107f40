"""vaultkit's own settings: ``.vaultkit.toml`` at the vault root, or ``[tool.vaultkit]`` in a
``pyproject.toml`` there. Every key is checked: a typo is an error, never silently ignored.

    flavor = "obsidian"            # or "logseq"; default: detected
    exclude = ["Templates/"]       # never reported on (links to them still resolve)
    baseline = ".vaultkit-baseline.json"  # report only problems not in this file

    [rules]
    missing-page = "off"           # error | warning | info | off

    [rules.broken-link]            # a rule as a table: its severity and options
    severity = "error"
    unresolved = "typos"           # report only likely typos, paths, headings, attachments

    [orphans]
    exclude = ["Inbox/"]           # left out of the orphan report
    index = ["Home.md"]            # home/index notes, never orphans

    [enrich]
    tag = "tweets"                 # tag added to notes that cite tweets ("" for none)
    property = "authors"           # property linking a clipping to its authors' pages
    cites = "cites"                # property linking a note that cites tweets to their authors
    folder = "Twitter"             # where new author pages go (Obsidian; Logseq uses pages/)
    author-tags = false            # also tag twitter/<handle>
    profile-mentions = false       # count profile links (twitter.com/handle) as citations
    comments = false               # count tweets written inside comments
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.check.problems import Severity
from vaultkit.load.walk import leads_outside
from vaultkit.model import Flavor

CONFIG_FILE = ".vaultkit.toml"
PYPROJECT = "pyproject.toml"
OFF = "off"
RULE_OPTIONS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "broken-link": {"unresolved": ("all", "typos")},
}
"""The options a rule takes in its ``[rules.NAME]`` table, with the values each accepts."""
FOLLOW_KEY = "follow_external_symlinks"
"""Refused here: following links out of the vault is for the user's own flag alone."""


class ConfigError(Exception):
    """A settings file that cannot be used; the CLI reports it and exits with status 2."""


@dataclass(frozen=True, slots=True)
class OrphanSettings:
    exclude: tuple[str, ...] = ()
    index: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EnrichSettings:
    tag: str = "tweets"
    property: str = "authors"
    cites: str = "cites"
    folder: str = "Twitter"
    author_tags: bool = False
    profile_mentions: bool = False
    comments: bool = False


_ENRICH_STRINGS = {"tag": "tag", "property": "property", "cites": "cites", "folder": "folder"}
_ENRICH_FLAGS = {
    "author-tags": "author_tags",
    "profile-mentions": "profile_mentions",
    "comments": "comments",
}


def _enrich_settings(table: Any, source: str) -> EnrichSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [enrich] must be a table")
    _check_keys(table, set(_ENRICH_STRINGS) | set(_ENRICH_FLAGS), f"{source} [enrich]")
    values: dict[str, Any] = {}
    for key, field_name in _ENRICH_STRINGS.items():
        if key in table:
            if not isinstance(table[key], str):
                raise ConfigError(f"{source}: enrich.{key} must be a string")
            values[field_name] = table[key].strip()
    for key, field_name in _ENRICH_FLAGS.items():
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{source}: enrich.{key} must be true or false")
            values[field_name] = table[key]
    for key in ("property", "cites"):
        if values.get(key, "x") == "":
            raise ConfigError(f"{source}: enrich.{key} must not be empty")
    return EnrichSettings(**values)


@dataclass(frozen=True, slots=True)
class Settings:
    source: str | None = None
    """The file the settings came from (``None``: defaults)."""
    flavor: Flavor | None = None
    exclude: tuple[str, ...] = ()
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    """Severity per rule name, ``None`` meaning off; rules not named keep their default."""
    orphans: OrphanSettings = OrphanSettings()
    enrich: EnrichSettings = EnrichSettings()
    baseline: str | None = None
    """The baseline file, relative to the vault root (see ``vaultkit.check.baseline``)."""
    rule_options: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Options per rule name, from ``[rules.NAME]`` tables (see ``RULE_OPTIONS``)."""


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _check_keys(table: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"unknown key `{unknown[0]}` in {where}; known keys: {', '.join(sorted(known))}"
        )


def _severity(value: Any, where: str) -> Severity | None:
    if value == OFF:
        return None
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(f"{where} must be one of error, warning, info, off") from None


def parse_settings(table: Mapping[str, Any], source: str, rule_names: set[str]) -> Settings:
    """Validate a settings table (the whole ``.vaultkit.toml`` or ``[tool.vaultkit]``)."""
    if FOLLOW_KEY in table:
        raise ConfigError(
            f"{source}: {FOLLOW_KEY} cannot be set in a settings file, which a pull request can"
            " change; pass --follow-symlinks instead"
        )
    _check_keys(table, {"flavor", "exclude", "rules", "orphans", "enrich", "baseline"}, source)
    baseline = table.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline.strip()):
        raise ConfigError(f"{source}: baseline must be a file name")
    flavor = None
    if "flavor" in table:
        try:
            flavor = Flavor(table["flavor"])
        except ValueError:
            raise ConfigError(f"{source}: flavor must be obsidian or logseq") from None
    exclude = _string_list(table.get("exclude", []), f"{source}: exclude")
    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{source}: [rules] must be a table of rule = severity")
    severities: dict[str, Severity | None] = {}
    rule_options: dict[str, dict[str, str]] = {}
    for name, value in rules.items():
        if name not in rule_names:
            raise ConfigError(
                f"{source}: unknown rule `{name}` in [rules]; run `vaultkit rules` for the list"
            )
        if isinstance(value, dict):
            rule_options[name] = _rule_options(name, value, f"{source}: [rules.{name}]")
            if "severity" not in value:
                continue
            value = value["severity"]
        severities[name] = _severity(value, f"{source}: rules.{name}")
    orphans = table.get("orphans", {})
    if not isinstance(orphans, dict):
        raise ConfigError(f"{source}: [orphans] must be a table")
    _check_keys(orphans, {"exclude", "index"}, f"{source} [orphans]")
    return Settings(
        source=source,
        flavor=flavor,
        exclude=exclude,
        severities=severities,
        orphans=OrphanSettings(
            exclude=_string_list(orphans.get("exclude", []), f"{source}: orphans.exclude"),
            index=_string_list(orphans.get("index", []), f"{source}: orphans.index"),
        ),
        enrich=_enrich_settings(table.get("enrich", {}), source),
        baseline=baseline.strip() if baseline else None,
        rule_options=rule_options,
    )


def _rule_options(name: str, table: Mapping[str, Any], where: str) -> dict[str, str]:
    accepted = RULE_OPTIONS.get(name, {})
    _check_keys(table, {"severity", *accepted}, where)
    options: dict[str, str] = {}
    for key, value in table.items():
        if key == "severity":
            continue
        if value not in accepted[key]:
            raise ConfigError(f"{where}: {key} must be one of {', '.join(accepted[key])}")
        options[key] = value
    return options


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name}: not valid TOML: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path.name}: not valid UTF-8 (byte {error.start})") from None
    except RecursionError:
        raise ConfigError(f"{path.name}: nested too deeply to read") from None
    except OSError as error:
        raise ConfigError(f"{path.name}: cannot read: {error.strerror or error}") from None


def load_settings(root: Path, rule_names: set[str]) -> Settings:
    """Settings for the vault at ``root``: ``.vaultkit.toml`` first, then ``pyproject.toml``."""
    for name in (CONFIG_FILE, PYPROJECT):
        if leads_outside(root, name):
            raise ConfigError(f"{name}: symbolic link to a path outside the vault; not read")
    own = root / CONFIG_FILE
    if own.is_file():
        return parse_settings(_read_toml(own), CONFIG_FILE, rule_names)
    pyproject = root / PYPROJECT
    if pyproject.is_file():
        tool = _read_toml(pyproject).get("tool", {})
        section = tool.get("vaultkit") if isinstance(tool, dict) else None
        if section is not None:
            where = f"{PYPROJECT} [tool.vaultkit]"
            if not isinstance(section, dict):
                raise ConfigError(f"{where} must be a table")
            return parse_settings(section, where, rule_names)
    return Settings()
