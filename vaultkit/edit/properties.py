"""Surgical edits of Logseq page properties (``key:: value`` lines of the first block).

An existing property gets ``, value`` appended to its line (before any trailing white space);
a missing one is added after the last page property, written like its neighbours (bare, or
indented under the first bullet); a page without properties gets them as its first lines,
followed by a blank line as Logseq writes them. The edit is verified by reading the page
properties back.
"""

from __future__ import annotations

import re

from vaultkit.edit.document import Document
from vaultkit.edit.frontmatter import EditRefused
from vaultkit.parse.properties import page_properties, split_page_list

_PROPERTY = re.compile(r"([ \t]*(?:[-*+][ \t]+)?)([A-Za-z0-9_][\w\-.?!*/]*)::(.*)$")
_BULLET = re.compile(r"[ \t]*[-*+](?:[ \t]|$)")


def _property_lines(doc: Document) -> tuple[list[int], str]:
    """Indices of the page-property lines and the prefix new property lines should take."""
    index = 0
    lines = doc.lines
    while index < len(lines) and not lines[index].strip():
        index += 1
    found: list[int] = []
    if index < len(lines) and _BULLET.match(lines[index]):
        if not _PROPERTY.match(lines[index]):
            return [], ""
        bullet = _PROPERTY.match(lines[index])
        assert bullet is not None
        prefix = " " * len(bullet.group(1).expandtabs(4))
        found.append(index)
        index += 1
        while index < len(lines) and lines[index].strip() and not _BULLET.match(lines[index]):
            if not _PROPERTY.match(lines[index]):
                return [], ""
            found.append(index)
            index += 1
        return found, prefix
    while index < len(lines) and not _BULLET.match(lines[index]):
        if _PROPERTY.match(lines[index]):
            found.append(index)
        elif lines[index].strip():
            break
        index += 1
    return found, ""


def _values(value: str) -> list[str]:
    return [name.casefold() for name, _ in split_page_list(value)]


def add_property_values(doc: Document, key: str, values: list[str]) -> bool:
    """Add ``values`` (written as they should appear, e.g. ``[[Page]]``) to property ``key``.

    Values whose page name is already in the property are skipped. Returns whether anything
    changed; raises ``EditRefused`` when the result would not read back as intended.
    """
    found, prefix = _property_lines(doc)
    wanted_key = key.lower()
    target: int | None = None
    for index in found:
        match = _PROPERTY.match(doc.lines[index])
        assert match is not None
        if match.group(2).lower() == wanted_key:
            target = index
            break
    current = ""
    if target is not None:
        match = _PROPERTY.match(doc.lines[target])
        assert match is not None
        current = match.group(3).strip()
    present = set(_values(current))
    values = [value for value in values if _values(value)[0] not in present]
    if not values:
        return False
    addition = ", ".join(values)
    if target is not None:
        line = doc.lines[target]
        body = line.rstrip()
        trailing = line[len(body) :]
        separator = ", " if current else " "
        doc.replace_line(target, f"{body}{separator}{addition}{trailing}")
    elif found:
        doc.insert_lines(found[-1] + 1, [f"{prefix}{key}:: {addition}"])
    else:
        blank_follows = bool(doc.lines) and bool(doc.lines[0].strip())
        doc.insert_lines(0, [f"{key}:: {addition}", *([""] if blank_follows else [])])
    _verify(doc, key, values)
    return True


def _verify(doc: Document, key: str, values: list[str]) -> None:
    properties = page_properties(doc.lines, 1)
    for prop in properties:
        if prop.key.lower() == key.lower():
            names = _values(prop.value)
            if all(_values(value)[0] in names for value in values):
                return
    raise EditRefused(f"the `{key}::` property would not read back as intended")
