"""A small EDN reader, enough for Logseq's ``logseq/config.edn``.

The reader is iterative (an explicit stack instead of recursion), so hostile input can neither
exhaust the Python stack nor loop: every step consumes input. Nesting deeper than
:data:`MAX_DEPTH` is rejected because the nested Python values it would produce are themselves
unsafe to compare or print. Every error is an :class:`EdnError` with a 1-based position.

Values map to Python as follows: maps → ``dict``, vectors and lists → ``list``, sets →
``frozenset`` (``list`` when an element is unhashable), keywords → :class:`Keyword`, symbols →
:class:`Symbol`, ``nil`` → ``None``, tagged literals (``#inst "…"``) → the tagged value,
regexes (``#"…"``) → their source string, ``…M`` decimals → :class:`~decimal.Decimal`.
Metadata (``^{…}``, ``^:kw``) and discarded forms (``#_ form``) are skipped.

Map keys that Python cannot hash (vectors, maps) are frozen: lists become tuples and maps
become frozensets of ``(key, value)`` pairs. Duplicate map keys and set elements are errors,
as in Clojure; a keyword and a string with the same text (``:a`` and ``"a"``) compare equal in
Python, so the later one wins in the resulting dict rather than being reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

__all__ = ["MAX_DEPTH", "EdnError", "Keyword", "Symbol", "parse_edn"]

MAX_DEPTH: Final = 500
"""Deepest nesting of collections, tags, discards and metadata that :func:`parse_edn` accepts."""

_SKIP = re.compile(r"[\s,]*(?:;[^\n]*[\s,]*)*")
_TOKEN = re.compile(r'[^\s,()\[\]{}";\\]+')
_STRING_RUN = re.compile(r'[^"\\]+')
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_INT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)N?")
_FLOAT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?M?")

_CLOSERS: Final = {"(": ")", "[": "]", "{": "}", "#{": "}"}
_STRING_ESCAPES: Final = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
}
_NAMED_CHARS: Final = {
    "newline": "\n",
    "space": " ",
    "tab": "\t",
    "return": "\r",
    "formfeed": "\f",
    "backspace": "\b",
}
_SYMBOLIC_VALUES: Final = {"Inf": float("inf"), "-Inf": float("-inf"), "NaN": float("nan")}
_LITERALS: Final[dict[str, bool | None]] = {"true": True, "false": False, "nil": None}


class EdnError(ValueError):
    """Malformed EDN. ``line`` and ``column`` (1-based, in code points) locate the problem."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message, line, column)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


class Keyword(str):
    """An EDN keyword; the string value omits the colon (``:a/b`` → ``Keyword("a/b")``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Keyword({str.__repr__(self)})"


class Symbol(str):
    """An EDN symbol such as ``?b`` or ``pull``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Symbol({str.__repr__(self)})"


@dataclass(slots=True)
class _Collection:
    opener: str
    start: int
    items: list[Any] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Prefix:
    """A reader macro that waits for the next form: ``#_``, a tag, or ``^`` metadata.

    ``"meta"`` drops the first form it receives and then behaves like ``"pass"``, which hands
    the next form on unchanged (a tagged literal is a ``"pass"`` from the start).
    """

    kind: Literal["discard", "meta", "pass"]
    label: str
    start: int


def parse_edn(text: str) -> Any:
    """Read exactly one EDN form from ``text``.

    Anything but whitespace or comments after the form is an error, because a stray closer
    there usually means the structure is not what the author intended. Raises
    :class:`EdnError` for every kind of malformed input.
    """
    return _Reader(text).read()


class _Reader:
    __slots__ = ("_stack", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._stack: list[_Collection | _Prefix] = []

    def read(self) -> Any:
        text = self._text
        stack = self._stack
        pos = 0
        while True:
            pos = _skip(text, pos)
            if pos >= len(text):
                raise self._end_of_input(pos)
            char = text[pos]
            start = pos
            if char in "([{" or text.startswith("#{", pos):
                opener = "#{" if char == "#" else char
                self._push(_Collection(opener, start), start)
                pos += len(opener)
                continue
            if char in ")]}":
                value = self._close(char, pos)
                start = stack.pop().start
                pos += 1
            elif char == "^":
                self._push(_Prefix("meta", "^", start), start)
                pos += 1
                continue
            elif char == "#":
                prefix, value, pos = self._dispatch(pos)
                if prefix is not None:
                    self._push(prefix, start)
                    continue
            elif char == '"':
                value, pos = self._string(pos + 1, start)
            elif char == "\\":
                value, pos = self._char(pos)
            else:
                token = _token_at(text, pos)
                value = self._atom(token, pos)
                pos += len(token)
            if self._deliver(value, start):
                self._expect_end(pos)
                return value

    def _expect_end(self, pos: int) -> None:
        end = _skip(self._text, pos)
        if end == len(self._text):
            return
        found = self._text[end]
        if found in ")]}":
            raise self._error(f"unexpected {found!r}", end)
        raise self._error("unexpected content after the top-level form", end)

    def _push(self, frame: _Collection | _Prefix, start: int) -> None:
        if len(self._stack) >= MAX_DEPTH:
            raise self._error(f"nesting deeper than {MAX_DEPTH} levels", start)
        self._stack.append(frame)

    def _deliver(self, value: Any, start: int) -> bool:
        """Hand a finished form to the innermost open frame; True when it is the top level."""
        stack = self._stack
        while stack:
            top = stack[-1]
            if isinstance(top, _Collection):
                top.items.append(value)
                top.starts.append(start)
                return False
            if top.kind == "discard":
                stack.pop()
                return False
            if top.kind == "meta":
                top.kind = "pass"
                return False
            stack.pop()
            start = top.start
        return True

    def _end_of_input(self, pos: int) -> EdnError:
        if not self._stack:
            return self._error("expected a form, found end of input", pos)
        top = self._stack[-1]
        if isinstance(top, _Collection):
            return self._error(f"unclosed {top.opener!r}", top.start)
        return self._error(f"expected a form after {top.label!r}", top.start)

    def _close(self, closer: str, pos: int) -> Any:
        top = self._stack[-1] if self._stack else None
        if not isinstance(top, _Collection):
            if top is not None:
                raise self._error(f"expected a form after {top.label!r}, found {closer!r}", pos)
            raise self._error(f"unexpected {closer!r}", pos)
        expected = _CLOSERS[top.opener]
        if closer != expected:
            line, column = self._position(top.start)
            raise self._error(
                f"unexpected {closer!r}, expected {expected!r} to close the {top.opener!r} "
                f"at {line}:{column}",
                pos,
            )
        if top.opener == "{":
            return self._map(top)
        if top.opener == "#{":
            return self._set(top)
        return top.items

    def _map(self, frame: _Collection) -> dict[Any, Any]:
        items = frame.items
        if len(items) % 2:
            raise self._error("a map needs an even number of forms", frame.start)
        result: dict[Any, Any] = {}
        seen: set[tuple[type, Any]] = set()
        for index in range(0, len(items), 2):
            key = _hashable(items[index])
            marker = (type(key), key)
            if marker in seen:
                raise self._error(f"duplicate map key {_show(key)}", frame.starts[index])
            seen.add(marker)
            result[key] = items[index + 1]
        return result

    def _set(self, frame: _Collection) -> frozenset[Any] | list[Any]:
        try:
            elements = frozenset(frame.items)
        except TypeError:
            return frame.items
        if len(elements) != len(frame.items):
            seen: set[Any] = set()
            for item, start in zip(frame.items, frame.starts, strict=True):
                if item in seen:
                    raise self._error(f"duplicate set element {_show(item)}", start)
                seen.add(item)
        return elements

    def _dispatch(self, pos: int) -> tuple[_Prefix | None, Any, int]:
        """Handle ``#``: returns a prefix frame to push, or a finished value."""
        text = self._text
        following = text[pos + 1 : pos + 2]
        if following == "_":
            return _Prefix("discard", "#_", pos), None, pos + 2
        if following == '"':
            value, end = self._regex(pos + 2, pos)
            return None, value, end
        if following == "#":
            name = _token_at(text, pos + 2)
            if name not in _SYMBOLIC_VALUES:
                raise self._error(f"unknown symbolic value '##{name}'", pos)
            return None, _SYMBOLIC_VALUES[name], pos + 2 + len(name)
        if following.isalpha():
            tag = _token_at(text, pos + 1)
            return _Prefix("pass", "#" + tag, pos), None, pos + 1 + len(tag)
        if not following:
            raise self._error("unexpected end of input after '#'", pos)
        raise self._error(f"unsupported dispatch '#{following}'", pos)

    def _string(self, pos: int, start: int) -> tuple[str, int]:
        text = self._text
        parts: list[str] = []
        while True:
            run = _STRING_RUN.match(text, pos)
            if run is not None:
                parts.append(run.group())
                pos = run.end()
            if pos >= len(text):
                raise self._error("unterminated string", start)
            if text[pos] == '"':
                return "".join(parts), pos + 1
            escape = text[pos + 1 : pos + 2]
            if escape in _STRING_ESCAPES:
                parts.append(_STRING_ESCAPES[escape])
                pos += 2
            elif escape == "u":
                char, pos = self._unicode_escape(pos)
                parts.append(char)
            elif not escape:
                raise self._error("unterminated string", start)
            else:
                raise self._error(f"unsupported escape '\\{escape}'", pos)

    def _unicode_escape(self, pos: int) -> tuple[str, int]:
        """Decode ``\\uXXXX`` at ``pos``, joining a UTF-16 surrogate pair into one character."""
        code = self._hex4(pos)
        if 0xD800 <= code <= 0xDBFF and self._text.startswith("\\u", pos + 6):
            low = self._hex4(pos + 6)
            if 0xDC00 <= low <= 0xDFFF:
                return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), pos + 12
        if 0xD800 <= code <= 0xDFFF:
            raise self._error("unpaired surrogate in '\\u' escape", pos)
        return chr(code), pos + 6

    def _hex4(self, pos: int) -> int:
        digits = _HEX4.match(self._text, pos + 2)
        if digits is None:
            raise self._error("'\\u' needs four hexadecimal digits", pos)
        return int(digits.group(), 16)

    def _regex(self, pos: int, start: int) -> tuple[str, int]:
        """Read a ``#"…"`` body verbatim: a backslash only protects the next character."""
        text = self._text
        index = pos
        while True:
            run = _STRING_RUN.match(text, index)
            if run is not None:
                index = run.end()
            if index >= len(text) or (text[index] == "\\" and index + 1 >= len(text)):
                raise self._error("unterminated regex", start)
            if text[index] == '"':
                return text[pos:index], index + 1
            index += 2

    def _char(self, pos: int) -> tuple[str, int]:
        text = self._text
        if pos + 1 >= len(text):
            raise self._error("unexpected end of input after '\\'", pos)
        first = text[pos + 1]
        name = first + _token_at(text, pos + 2) if _TOKEN.match(first) else first
        end = pos + 1 + len(name)
        if len(name) == 1:
            return name, end
        if name in _NAMED_CHARS:
            return _NAMED_CHARS[name], end
        if name[0] == "u" and len(name) == 5 and _HEX4.fullmatch(name, 1):
            code = int(name[1:], 16)
            if not 0xD800 <= code <= 0xDFFF:
                return chr(code), end
        raise self._error(f"unsupported character literal '\\{name}'", pos)

    def _atom(self, token: str, pos: int) -> Any:
        if token[0] == ":":
            name = token[1:]
            if not name or name[0] == ":":
                raise self._error(f"invalid keyword {token!r}", pos)
            return Keyword(name)
        if token[0].isdigit() or (token[0] in "+-" and token[1:2].isdigit()):
            return self._number(token, pos)
        if token in _LITERALS:
            return _LITERALS[token]
        return Symbol(token)

    def _number(self, token: str, pos: int) -> int | float | Decimal:
        if _INT.fullmatch(token):
            try:
                return int(token.removesuffix("N"))
            except ValueError:
                # CPython refuses to convert integers longer than 4300 digits.
                raise self._error("integer too large", pos) from None
        if _FLOAT.fullmatch(token):
            if token.endswith("M"):
                return Decimal(token[:-1])
            return float(token)
        raise self._error(f"invalid number {token!r}", pos)

    def _position(self, offset: int) -> tuple[int, int]:
        text = self._text
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    def _error(self, message: str, offset: int) -> EdnError:
        line, column = self._position(offset)
        return EdnError(message, line, column)


def _hashable(value: Any) -> Any:
    """Freeze a value for use as a dict key: lists become tuples, dicts frozensets of pairs."""
    # map() keeps this at one Python frame per nesting level, so MAX_DEPTH is safe.
    if isinstance(value, list):
        return tuple(map(_hashable, value))
    if isinstance(value, dict):
        return frozenset(zip(value.keys(), map(_hashable, value.values()), strict=True))
    return value


def _skip(text: str, pos: int) -> int:
    """The offset of the next form after whitespace, commas and comments."""
    match = _SKIP.match(text, pos)
    return match.end() if match else pos


def _token_at(text: str, pos: int) -> str:
    """The symbol-like token (symbol, keyword, number, tag name) starting at ``pos``."""
    match = _TOKEN.match(text, pos)
    return match.group() if match else ""


def _show(value: Any) -> str:
    """A short rendering of a map key or set element for error messages."""
    shown = f":{value}" if isinstance(value, Keyword) else repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
