"""vaultkit: lint and enrich Obsidian and Logseq vaults.

``from vaultkit import load_vault`` gives the parsed notes of a vault; the rest of the library
is imported on first use, so that the command starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vaultkit._version import __version__

if TYPE_CHECKING:
    from vaultkit.load.vault import Vault, load_vault

__all__ = ["Vault", "__version__", "load_vault"]


def __getattr__(name: str) -> Any:
    if name in ("load_vault", "Vault"):
        from vaultkit.load import vault

        return getattr(vault, name)
    raise AttributeError(f"module 'vaultkit' has no attribute {name!r}")
