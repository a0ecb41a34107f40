"""Template placeholders: text that an app fills in when a template is used, never a fault.

* Obsidian's core Templates plugin: ``{{date}}``, ``{{time}}``, ``{{title}}``, each with an
  optional ``:format`` (``{{date:YYYY-MM-DD}}``, ``{{time:HH:mm}}``). Plugins that fill
  templates (QuickAdd, Periodic Notes…) use the same braces for their own names, and braces
  mean nothing else in an Obsidian note, so there any ``{{…}}`` is a placeholder.
* Templater, in Obsidian, and Logseq's own templates: ``<% … %>`` (also ``<%* … %>``,
  ``<%+ … %>``, ``<%- … -%>``).

In Logseq ``{{…}}`` is a macro (``{{embed [[x]]}}``, ``{{query …}}``), so there only the core
names count as placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_TEMPLATER = r"<%[^%<\n]*(?:(?:%(?!>)|<(?!%))[^%<\n]*)*%>"
"""``<% … %>`` on one line; it stops at the next ``<%``, so a line of many openers stays linear."""
_CORE = r"\{\{[ \t]*(?:date|time|title)(?:[ \t]*|:[^{}\n]*)\}\}"
OBSIDIAN = re.compile(rf"{_TEMPLATER}|\{{\{{[^{{}}\n]*\}}\}}")
LOGSEQ = re.compile(rf"{_TEMPLATER}|{_CORE}", re.IGNORECASE)


def has_placeholder(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` holds a placeholder (cheap when it holds no ``{{`` or ``<%``)."""
    return ("{{" in text or "<%" in text) and pattern.search(text) is not None


def _token(number: int, length: int) -> str:
    """A plain word as long as the placeholder it stands for, unique among its siblings."""
    word = f"vkph{number}"
    return word.ljust(length, "q") if len(word) <= length else "q" * length


def load_with_placeholders(text: str, pattern: re.Pattern[str], load: Callable[[str], Any]) -> Any:
    """``load(text)`` with every placeholder read as a plain word of the same length, so that
    ``created: {{date}}`` loads as YAML; each placeholder is put back in the strings loaded.
    Raises whatever ``load`` raises."""
    originals: dict[str, str] = {}

    def stand_in(match: re.Match[str]) -> str:
        token = _token(len(originals), len(match.group()))
        originals.setdefault(token, match.group())
        return token

    loaded = load(pattern.sub(stand_in, text))
    return _restored(loaded, originals)


def _restored(value: Any, originals: dict[str, str]) -> Any:
    if isinstance(value, str):
        for token, original in originals.items():
            if token in value:
                value = value.replace(token, original)
        return value
    if isinstance(value, list):
        return [_restored(item, originals) for item in value]
    if isinstance(value, dict):
        return {
            _restored(key, originals): _restored(item, originals) for key, item in value.items()
        }
    return value
