"""Read the plainest front-matter without PyYAML: a quarter of the cost of even its C loader.

Most notes' front-matter is a few ``key: value`` lines, ``key: [a, b]`` lists and ``key:`` with
``- item`` lines below. ``load_plain_mapping`` reads exactly that subset, where every value is
a string that YAML reads as a string, and gives up (returns None) on anything else: quotes,
numbers, dates, booleans, comments, nesting, tabs, non-ASCII text. PyYAML then reads the block
as before, so the result is always what PyYAML gives (``tests/test_plain_yaml.py`` holds the two
against each other on generated front-matter).
"""

from __future__ import annotations

import re
from typing import Any

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_ITEM_LINE = re.compile(r"( *)- +(.*)")
_SCALAR = re.compile(r"[A-Za-z][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*")
"""A plain scalar that starts with a letter: YAML can only read it as a boolean or null, which
``_NOT_STRINGS`` rules out. No character of it means anything in flow or block context."""
_NOT_STRINGS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
"""Words (in any case) that YAML 1.1 may read as a boolean or null rather than a string."""


def _scalar(text: str) -> str | None:
    if _SCALAR.fullmatch(text) is None or text.lower() in _NOT_STRINGS:
        return None
    return text


def _flow_list(text: str) -> list[str] | None:
    inside = text[1:-1].strip(" ")
    if not inside:
        return []
    items: list[str] = []
    for part in inside.split(","):
        item = _scalar(part.strip(" "))
        if item is None:
            return None
        items.append(item)
    return items


def load_plain_mapping(yaml_text: str) -> dict[str, Any] | None:
    """The mapping ``yaml_text`` holds, if it is in the plain subset; None to ask PyYAML."""
    lines = yaml_text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    if not lines or "\t" in yaml_text:
        return None
    data: dict[str, Any] = {}
    list_key: str | None = None
    """The bare ``key:`` whose ``- item`` lines may follow."""
    list_indent = -1
    for raw in lines:
        line = raw.rstrip(" ")
        if list_key is not None:
            item = _ITEM_LINE.fullmatch(line)
            if item is not None:
                indent = len(item.group(1))
                if list_indent == -1:
                    list_indent = indent
                    data[list_key] = []
                value = _scalar(item.group(2))
                if value is None or indent != list_indent:
                    return None
                data[list_key].append(value)
                continue
            list_key = None
        match = _KEY_LINE.fullmatch(line)
        if match is None or match.group(1).lower() in _NOT_STRINGS:
            return None
        key, value_text = match.group(1), match.group(2)
        if value_text is None:
            data[key] = None
            list_key, list_indent = key, -1
            continue
        if value_text.startswith("[") and value_text.endswith("]"):
            value: Any = _flow_list(value_text)
        else:
            value = _scalar(value_text)
        if value is None:
            return None
        data[key] = value
    return data
