"""The YAML front-matter block: where it is, what it holds, and where its faults are.

vaultkit finds the ``---`` fences itself, because it must know their lines (for positions and for
surgical edits) and must treat a note that merely starts with a thematic break calmly. The YAML
inside is loaded with python-frontmatter's YAML handler, which uses PyYAML's safe loader (the C
one when available): tags such as ``!!python/object`` are refused, never executed. The plainest
blocks, most of them, are read by ``plain_yaml`` instead, with the same result, faster.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from vaultkit.model import FileProblem, FrontMatter
from vaultkit.parse import placeholders
from vaultkit.parse.plain_yaml import load_plain_mapping

_CLOSING_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_LOOKS_LIKE_YAML = re.compile(r"[^\s:#][^:\n]*:(?:[ \t\n]|$)")
_HANDLER = YAMLHandler()
_COMPOSE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP_LEVEL_KEY = re.compile(r"""([^\s#\-?'"][^:\n]*?|"[^"\n]*"|'[^'\n]*'):(?:[ \t]|$)""")
_YAML_FAULTS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def _fault_line(error: BaseException, first_yaml_line: int, line_count: int) -> int:
    """The file line of a YAML fault.

    When the parser only notices the fault at the end of the block (an unclosed ``[``), the
    line where the unfinished construct opened says more than the closing fence.
    """
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    mark = problem or context
    if problem is not None and context is not None and problem.line >= line_count:
        mark = context
    if mark is None:
        return first_yaml_line
    return first_yaml_line + min(mark.line, max(line_count - 1, 0))


def _is_too_deep(error: BaseException) -> bool:
    """Whether the YAML backend gave up on nesting: Python's parser runs out of stack, while
    the libyaml bundled with newer PyYAML wheels refuses nesting past its own limit."""
    return isinstance(error, RecursionError) or "nesting depth" in str(
        getattr(error, "problem", "") or ""
    )


def _describe(error: BaseException) -> str:
    problem = getattr(error, "problem", None)
    if problem:
        context = getattr(error, "context", None)
        return f"{context}, {problem}" if context else str(problem)
    return str(error).splitlines()[0] if str(error) else type(error).__name__


_LOOSE_KEY = re.compile(r"([^\s:#\-][^:\n]*):(?:[ \t]+(.*)|[ \t]*)")
_LOOSE_ITEM = re.compile(r"[ \t]*-[ \t]+(.*)")


def _unquoted(value: str) -> str:
    value = value.strip()
    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def read_loose_mapping(yaml_text: str) -> dict[str, Any] | None:
    """Front-matter read the way Logseq reads it: one ``key: value`` per line, split at the
    first colon, so ``title: A: B`` is the title ``A: B``; ``- item`` lines under a key make
    a list. None when a line is neither (Logseq too fails to read such properties)."""
    data: dict[str, Any] = {}
    key: str | None = None
    for line in yaml_text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        item = _LOOSE_ITEM.fullmatch(line)
        if item is not None and key is not None:
            previous = data[key]
            if not isinstance(previous, list):
                previous = data[key] = [previous] if previous else []
            previous.append(_unquoted(item.group(1)))
            continue
        pair = _LOOSE_KEY.fullmatch(line)
        if pair is None:
            return None
        key = pair.group(1).strip()
        data[key] = _unquoted(pair.group(2) or "")
    return data


def read_frontmatter(
    text: str, *, lenient: bool = False
) -> tuple[FrontMatter | None, int, list[FileProblem]]:
    """Find and load the front-matter at the very top of ``text`` (``\\n`` line ends).

    Returns the front-matter (or None), the offset where the body starts (just after the
    closing fence's line, or 0), and any problems found. ``lenient`` (Logseq) reads YAML that
    PyYAML refuses line by line, as Logseq does (see ``read_loose_mapping``), and lets a key
    written twice pass.
    """
    if not text.startswith("---"):
        return None, 0, []
    first_break = text.find("\n")
    if first_break == -1 or text[3:first_break].strip():
        return None, 0, []
    closing = _CLOSING_FENCE.search(text, first_break + 1)
    if closing is None:
        if _LOOKS_LIKE_YAML.match(text, first_break + 1):
            problem = FileProblem(
                "invalid-frontmatter",
                "front-matter opened with --- on line 1 is never closed with ---",
            )
            return None, 0, [problem]
        return None, 0, []

    yaml_text = text[first_break + 1 : closing.start()]
    end_line = text.count("\n", 0, closing.start()) + 1
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    data, problem = load_yaml_mapping(yaml_text, first_line=2)
    if problem is not None and lenient:
        loose = read_loose_mapping(yaml_text)
        if loose is not None:
            data, problem = loose, None
    if problem is None and not lenient:
        problem = _duplicate_key(yaml_text, first_line=2)
    if problem is not None:
        front = FrontMatter(data, 1, end_line, error=problem.message, error_line=problem.line)
        return front, body_start, [problem]
    return FrontMatter(data, 1, end_line), body_start, []


def _really_duplicated(yaml_text: str, key: str) -> bool:
    """Confirm a duplicate the line scan suspects (a quoted scalar may span lines)."""
    try:
        root = yaml.compose(yaml_text, Loader=_COMPOSE_LOADER)
    except yaml.YAMLError:
        return False
    if not isinstance(root, yaml.MappingNode):
        return False
    keys = [node.value for node, _ in root.value if isinstance(node, yaml.ScalarNode)]
    return keys.count(key) > 1


def _duplicate_key(yaml_text: str, *, first_line: int) -> FileProblem | None:
    """A top-level key written twice: YAML requires unique keys, and Obsidian then shows the
    note's properties as invalid (PyYAML silently keeps the last value)."""
    seen: dict[str, int] = {}
    for number, line in enumerate(yaml_text.split("\n")):
        match = _TOP_LEVEL_KEY.match(line)
        if match is None:
            continue
        key = match.group(1).strip().strip("\"'")
        if key in seen and _really_duplicated(yaml_text, key):
            message = (
                f"front-matter key `{key}` is written twice (lines {first_line + seen[key]} "
                f"and {first_line + number}); only the last one counts"
            )
            return FileProblem("invalid-frontmatter", message, first_line + number, 1)
        seen[key] = number
    return None


def _load_yaml(yaml_text: str) -> Any:
    """PyYAML's safe reading; YAML that holds template placeholders (``created: {{date}}``,
    which YAML reads as a mapping inside a mapping) is read with the placeholders as text."""
    try:
        return _HANDLER.load(yaml_text)
    except _YAML_FAULTS:
        if not placeholders.has_placeholder(yaml_text, placeholders.OBSIDIAN):
            raise
    return placeholders.load_with_placeholders(yaml_text, placeholders.OBSIDIAN, _HANDLER.load)


def load_yaml_mapping(
    yaml_text: str, *, first_line: int
) -> tuple[dict[str, Any], FileProblem | None]:
    """Load ``yaml_text`` as a mapping; a fault becomes an ``invalid-frontmatter`` problem."""
    plain = load_plain_mapping(yaml_text)
    if plain is not None:
        return plain, None
    try:
        loaded = _load_yaml(yaml_text)
    except _YAML_FAULTS as error:
        lines = yaml_text.count("\n") + (0 if yaml_text.endswith("\n") else 1)
        line = _fault_line(error, first_line, lines)
        if _is_too_deep(error):
            message = "front-matter is nested too deeply to read"
        else:
            message = f"front-matter is not valid YAML: {_describe(error)}"
        return {}, FileProblem("invalid-frontmatter", message, line, 1)
    if loaded is None:
        return {}, None
    if not isinstance(loaded, dict):
        kind = "a list" if isinstance(loaded, list) else f"a {type(loaded).__name__}"
        message = f"front-matter is {kind}, not a mapping of properties"
        return {}, FileProblem("invalid-frontmatter", message, first_line, 1)
    return {str(key): value for key, value in loaded.items()}, None
