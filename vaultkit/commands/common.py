"""What every command that reads a vault does first: settings, flavour, load."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vaultkit.model import Flavor
from vaultkit.rules import RULES
from vaultkit.settings import ConfigError, Settings, load_settings
from vaultkit.vault import Vault, load_vault

VAULT_MARKERS = (".obsidian", "logseq/config.edn", ".vaultkit.toml")


class UsageError(Exception):
    """Wrong arguments or settings: reported on stderr, exit status 2."""


@dataclass(frozen=True, slots=True)
class OpenedVault:
    vault: Vault
    settings: Settings


def find_vault_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a vault marker (or ``.git``)."""
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in VAULT_MARKERS):
            return folder
        if (folder / ".git").exists():
            return folder
    return None


def cache_enabled(no_cache: bool = False) -> bool:
    """The parse cache is on unless ``--no-cache`` or ``VAULTKIT_NO_CACHE`` says otherwise."""
    return not no_cache and os.environ.get("VAULTKIT_NO_CACHE", "") in ("", "0")


def open_settings(root: Path, flavor: str | None = None) -> tuple[Settings, Flavor | None]:
    """The settings of the vault at ``root`` and the flavour asked for (None: detect it)."""
    if not root.exists():
        raise UsageError(f"no such folder: {root}")
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}")
    try:
        settings = load_settings(root, set(RULES))
    except ConfigError as error:
        raise UsageError(str(error)) from None
    chosen = flavor or settings.flavor
    return settings, Flavor(chosen) if chosen else None


def open_vault(
    root: Path,
    flavor: str | None = None,
    *,
    no_cache: bool = False,
    follow_symlinks: bool = False,
) -> OpenedVault:
    """Load the settings and the vault at ``root``; ``flavor`` overrides both."""
    settings, chosen = open_settings(root, flavor)
    vault = load_vault(root, chosen, cache=cache_enabled(no_cache), follow_symlinks=follow_symlinks)
    return OpenedVault(vault, settings)
