"""Surgical edits of YAML front-matter: add values to a list property in the style it is in.

The YAML is never re-dumped. A flow list ``tags: [a, b]`` gets ``, c`` before its ``]``; a block
list gets one more ``- c`` line indented like its last item; a comma- or space-separated string
gets ``, c`` or `` c``. A missing key is added just before the closing ``---`` in the style the
front-matter already uses for lists; a note without front-matter gets one. Every edit is
verified by loading the new YAML: the edited key must hold the old values plus the new ones and
every other key must be unchanged, or the edit is refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from vaultkit.edit.document import Document
from vaultkit.parse.frontmatter import load_yaml_mapping
from vaultkit.parse.tags import flatten_values

_FENCE = re.compile(r"---[ \t]*")
_TOP_KEY = re.compile(r"([^\s#'\"\-][^:]*?|\"[^\"]*\"|'[^']*'):(?:[ \t]+(.*?))?[ \t]*$")
_ITEM = re.compile(r"([ \t]*)-(?:[ \t]+(.*?))?[ \t]*$")
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9_/.][A-Za-z0-9_/.@ -]*")
"""Scalars that read back as the same string unquoted (``@`` and ``-`` may not start one)."""
_COMMENT = re.compile(r"[ \t]+#.*$")
_SCAN_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditRefused(Exception):
    """The edit could not be made safely; the file is left as it is."""


@dataclass(frozen=True, slots=True)
class _Key:
    name: str
    line: int
    end: int
    """Index just past the key's block (its value lines)."""
    inline: str
    """What follows ``key:`` on its own line (may be empty)."""


def frontmatter_bounds(doc: Document) -> tuple[int, int] | None:
    """Indices of the opening and closing ``---`` lines, if the note has front-matter."""
    return _bounds(doc.lines)


def _bounds(lines: list[str]) -> tuple[int, int] | None:
    if not lines or not _FENCE.fullmatch(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _FENCE.fullmatch(lines[index]):
            return 0, index
    return None


def _keys(doc: Document, start: int, end: int) -> list[_Key]:
    return _keys_in(doc.lines, start, end)


def _keys_in(lines: list[str], start: int, end: int) -> list[_Key]:
    found: list[tuple[str, int, str]] = []
    for index in range(start + 1, end):
        match = _TOP_KEY.match(lines[index])
        if match:
            found.append((match.group(1).strip("'\""), index, match.group(2) or ""))
    keys = []
    for number, (name, line, inline) in enumerate(found):
        block_end = found[number + 1][1] if number + 1 < len(found) else end
        keys.append(_Key(name, line, block_end, inline))
    return keys


def _find_key(keys: list[_Key], name: str) -> _Key | None:
    for key in keys:
        if key.name == name:
            return key
    lowered = name.lower()
    return next((key for key in keys if key.name.lower() == lowered), None)


def quote_value(value: str, like: str | None = None) -> str:
    """``value`` as a YAML scalar: plain when safe, else quoted (as ``like`` is, if quoted).

    Plain only when YAML reads it back as this very string: ``2024``, ``1.5``, ``2023-01-01``,
    ``yes`` or ``null`` would come back as a number, a date, a boolean or nothing.
    """
    if like and like[:1] in "'\"" and like[:1] == like[-1:]:
        if like[0] == "'":
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value, ensure_ascii=False)
    if _PLAIN_SAFE.fullmatch(value) and value.strip() == value and _reads_back(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _reads_back(value: str) -> bool:
    loaded, problem = load_yaml_mapping(f"v: {value}\n", first_line=1)
    return problem is None and loaded.get("v") == value


def _strip_comment(text: str) -> tuple[str, str]:
    """Split a value from a trailing ``# comment`` (outside quotes, good enough for lists)."""
    match = _COMMENT.search(text)
    if match and text.count('"', 0, match.start()) % 2 == 0:
        return text[: match.start()], text[match.start() :]
    return text, ""


ListStyle = tuple[str, str]
"""("flow" or "block", the indent of a block list's items)."""
BLOCK_LISTS: ListStyle = ("block", "  ")


def list_style(lines: list[str], keys: list[_Key] | None = None) -> ListStyle | None:
    """How the front-matter in ``lines`` already writes lists; None when it holds none."""
    bounds = _bounds(lines)
    if bounds is None:
        return None
    if keys is None:
        keys = _keys_in(lines, *bounds)
    for key in keys:
        if key.inline.startswith("["):
            return "flow", ""
        for index in range(key.line + 1, key.end):
            item = _ITEM.match(lines[index])
            if item:
                return "block", item.group(1)
    return None


def _add_to_flow(line: str, values: list[str]) -> str:
    body, comment = _strip_comment(line)
    close = body.rstrip().rfind("]")
    if close == -1 or "[" not in body:
        raise EditRefused("a flow list that spans lines")
    open_at = body.index("[")
    inside = body[open_at + 1 : close]
    items = [item.strip() for item in inside.split(",") if item.strip()]
    like = items[0] if items else None
    added = ", ".join(quote_value(value, like) for value in values)
    separator = ", " if inside.strip() else ""
    head = body[:close].rstrip() if inside.strip() else body[:close]
    return head + separator + added + body[close:] + comment


def _add_to_string(line: str, colon: int, values: list[str]) -> str:
    """``tags: a, b`` → ``tags: a, b, c``; ``tags: a b`` → ``tags: a b c`` (quotes kept)."""
    body, comment = _strip_comment(line)
    head, rest = body[: colon + 1], body[colon + 1 :]
    spacing = rest[: len(rest) - len(rest.lstrip())]
    trailing = rest[len(rest.rstrip()) :]
    value = rest.strip()
    quote = value[0] if value[:1] in "'\"" and value[-1:] == value[:1] and len(value) > 1 else ""
    inner = value[1:-1] if quote else value
    separator = " " if ("," not in inner and " " in inner.strip()) else ", "
    joined = inner + separator + separator.join(values) if inner.strip() else ", ".join(values)
    return f"{head}{spacing}{quote}{joined}{quote}{trailing}{comment}"


def _refuse_unknown_header(doc: Document) -> None:
    """Refuse to put front-matter above a header vaultkit cannot read.

    An unclosed ``---`` block (is it front-matter or a rule?), TOML front-matter between
    ``+++`` lines and JSON front-matter (an object from a ``{`` line to a ``}`` line): a new
    YAML block above them would turn the user's properties into text.
    """
    if not doc.lines:
        return
    first = doc.lines[0].strip()
    if _FENCE.fullmatch(doc.lines[0]):
        raise EditRefused("it starts with a `---` block that is never closed")
    if first == "+++" and any(line.strip() == "+++" for line in doc.lines[1:]):
        raise EditRefused("its front-matter is TOML, which vaultkit does not edit")
    if first == "{" and _is_json_header(doc.lines):
        raise EditRefused("its front-matter is JSON, which vaultkit does not edit")


def _is_json_header(lines: list[str]) -> bool:
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "}":
            try:
                return isinstance(json.loads("\n".join(lines[: end + 1])), dict)
            except (ValueError, RecursionError):
                return False
    return False


def _uses_aliases(yaml_text: str) -> bool:
    """Whether the YAML holds anchors or aliases (an alias bomb could make checks explode)."""
    if "&" not in yaml_text and "*" not in yaml_text:
        return False
    try:
        return any(
            isinstance(token, yaml.AliasToken | yaml.AnchorToken)
            for token in yaml.scan(yaml_text, Loader=_SCAN_LOADER)
        )
    except yaml.YAMLError:
        return True


def _yaml_text(doc: Document, start: int, end: int) -> str:
    """The YAML between the fences as the parser sees it (every line ends in a newline: a
    block scalar's value includes it)."""
    return "".join(line + "\n" for line in doc.lines[start + 1 : end])


def _verify(before: dict[str, Any], doc: Document, key: str, values: list[str]) -> None:
    bounds = frontmatter_bounds(doc)
    if bounds is None:
        raise EditRefused("the front-matter was lost")
    after, problem = load_yaml_mapping(_yaml_text(doc, *bounds), first_line=2)
    if problem is not None:
        raise EditRefused(f"the edit would break the YAML ({problem.message})")
    for name in set(before) | set(after):
        if name == key:
            continue
        if before.get(name) != after.get(name):
            raise EditRefused(f"the edit would change `{name}`")
    expected = [*flatten_values(before.get(key)), *values] if before.get(key) else values
    got = list(flatten_values(after.get(key)))
    if isinstance(after.get(key), str):
        got = [part.strip() for part in re.split(r"[,\s]+", after[key]) if part.strip()]
        expected = [
            part.strip() for item in expected for part in re.split(r"[,\s]+", item) if part.strip()
        ]
    if got != expected:
        raise EditRefused(f"`{key}` would not read back as intended")


def add_list_values(
    doc: Document, key: str, values: list[str], style: ListStyle = BLOCK_LISTS
) -> bool:
    """Add ``values`` to the list property ``key``, creating key or front-matter as needed.

    A new list is written as the note's front-matter already writes lists, else in ``style``
    (the vault's). Returns whether anything changed. Values already present (compared
    case-insensitively) are not added again. Raises ``EditRefused`` when the edit cannot be
    made safely.
    """
    bounds = frontmatter_bounds(doc)
    if bounds is None:
        _refuse_unknown_header(doc)
        doc.insert_lines(0, ["---", *_new_list(key, values, style), "---"])
        _verify({}, doc, key, values)
        return True
    start, end = bounds
    yaml_text = _yaml_text(doc, start, end)
    if _uses_aliases(yaml_text):
        raise EditRefused("its front-matter uses YAML anchors or aliases, left as they are")
    before, problem = load_yaml_mapping(yaml_text, first_line=2)
    if problem is not None:
        raise EditRefused("the front-matter is not valid YAML")
    keys = _keys(doc, start, end)
    found = _find_key(keys, key)
    if found is not None:
        key = found.name
    present = {item.casefold() for item in _present_values(before.get(key))}
    values = [value for value in values if value.casefold() not in present]
    if not values:
        return False
    if found is None:
        own = list_style(doc.lines, keys)
        doc.insert_lines(end, _new_list(key, values, own or style))
    else:
        _add_to_existing(doc, found, values, before.get(key))
    _verify(before, doc, key, values)
    return True


def _new_list(key: str, values: list[str], style: ListStyle) -> list[str]:
    kind, indent = style
    if kind == "flow":
        return [f"{key}: [{', '.join(quote_value(value) for value in values)}]"]
    return [f"{key}:", *(f"{indent}- {quote_value(value)}" for value in values)]


def _present_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in re.split(r"[,\s]+", value) if part]
    return list(flatten_values(value))


def _add_to_existing(doc: Document, key: _Key, values: list[str], current: Any) -> None:
    line = doc.lines[key.line]
    inline, _ = _strip_comment(key.inline)
    if inline.startswith("["):
        doc.replace_line(key.line, _add_to_flow(line, values))
        return
    if inline and not isinstance(current, list):
        colon = line.index(":", len(line) - len(line.lstrip()))
        if inline.startswith(("|", ">", "{", "&", "*", "!")):
            raise EditRefused(f"`{key.name}` is written in a form vaultkit does not edit")
        doc.replace_line(key.line, _add_to_string(line, colon, values))
        return
    items = [index for index in range(key.line + 1, key.end) if _ITEM.match(doc.lines[index])]
    if inline or (current is not None and not items):
        raise EditRefused(f"`{key.name}` is written in a form vaultkit does not edit")
    if items:
        last = _ITEM.match(doc.lines[items[-1]])
        assert last is not None
        indent, like = last.group(1), last.group(2)
        insert_at = items[-1] + 1
    else:
        indent, like, insert_at = "  ", None, key.line + 1
    doc.insert_lines(insert_at, [f"{indent}- {quote_value(value, like)}" for value in values])
