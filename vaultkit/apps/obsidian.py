"""What Obsidian's own settings say about a vault (files under ``.obsidian/``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TEMPLATE_SETTINGS = (
    (".obsidian/templates.json", "folder"),
    (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"),
)
"""Where the core Templates plugin and the Templater plugin keep their template folder."""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None


def template_folders(root: Path) -> tuple[str, ...]:
    """The template folders the vault's plugins are set to, as ``Folder/`` prefixes.

    Notes there are templates, not notes: links to them resolve, but they are never reported
    on. A settings file that cannot be read sets no folder.
    """
    folders: list[str] = []
    for relative, key in TEMPLATE_SETTINGS:
        settings = _read_json(root / relative)
        folder = settings.get(key) if isinstance(settings, dict) else None
        if isinstance(folder, str) and folder.strip().strip("/"):
            prefix = folder.strip().strip("/") + "/"
            if prefix not in folders:
                folders.append(prefix)
    return tuple(folders)


LINK_FORMATS = ("shortest", "relative", "absolute")


def new_link_format(root: Path) -> str:
    """``newLinkFormat`` of ``.obsidian/app.json`` ("Files & links → New link format"): how
    Obsidian writes a link it creates or updates; ``shortest`` unless set."""
    settings = _read_json(root / ".obsidian" / "app.json")
    value = settings.get("newLinkFormat") if isinstance(settings, dict) else None
    return value if value in LINK_FORMATS else "shortest"
