"""Logseq journal dates: format and parse journal titles and file names.

Logseq's ``:journal/page-title-format`` and ``:journal/file-name-format`` use date-fns style
patterns. The supported tokens are ``yyyy``, ``yy``, ``MMMM`` (January), ``MMM`` (Jan),
``MM``, ``M``, ``dd``, ``d``, ``do`` (1st, 2nd, 3rd, 4th …), ``EEEE`` (Monday) and ``EEE``,
``EE``, ``E`` (Mon). Other ASCII letters are errors unless quoted: ``'...'`` is literal text
and ``''`` a literal quote; every other character is literal. Names are English whatever the
locale, as in Logseq.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

__all__ = [
    "COMMON_TITLE_FORMATS",
    "format_date",
    "journal_date_from_file_name",
    "parse_date",
    "parse_journal_title",
]

COMMON_TITLE_FORMATS: tuple[str, ...] = (
    "MMM do, yyyy",
    "yyyy-MM-dd",
    "yyyy_MM_dd",
    "yyyyMMdd",
    "MM/dd/yyyy",
    "dd-MM-yyyy",
    "MM-dd-yyyy",
    "yyyy/MM/dd",
    "dd.MM.yyyy",
    "EEEE, dd.MM.yyyy",
    "EEE, MM/dd/yyyy",
    "E, dd-MM-yyyy",
    "E, MM/dd/yyyy",
    "EEE, dd.MM.yyyy",
    "do MMM yyyy",
    "MMMM do, yyyy",
    "dd MMM yyyy",
    "yyyy年MM月dd日",
)
"""The title formats Logseq offers in its settings, tried after the configured one."""

_FILE_FORMATS = ("yyyy_MM_dd", "yyyy-MM-dd", "yyyyMMdd")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Longest first, so that "MMMM" wins over "MMM" and "do" over "d".
_TOKENS = ("yyyy", "yy", "MMMM", "MMM", "MM", "M", "do", "dd", "d", "EEEE", "EEE", "EE", "E")
_FIELD_PATTERNS = {
    "yyyy": r"([0-9]{4})",
    "yy": r"([0-9]{2})",
    "MMMM": "(" + "|".join(_MONTHS) + ")",
    "MMM": "(" + "|".join(name[:3] for name in _MONTHS) + ")",
    "MM": r"([0-9]{2})",
    "M": r"([0-9]{1,2})",
    "do": r"([0-9]{1,2}(?:st|nd|rd|th))",
    "dd": r"([0-9]{2})",
    "d": r"([0-9]{1,2})",
    "EEEE": "(" + "|".join(_WEEKDAYS) + ")",
    "EEE": "(" + "|".join(name[:3] for name in _WEEKDAYS) + ")",
}
_FIELD_PATTERNS["EE"] = _FIELD_PATTERNS["E"] = _FIELD_PATTERNS["EEE"]
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(_MONTHS, 1)} | {
    name[:3].lower(): number for number, name in enumerate(_MONTHS, 1)
}
_WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(_WEEKDAYS)} | {
    name[:3].lower(): number for number, name in enumerate(_WEEKDAYS)
}
_DIGIT = re.compile("[0-9]")


@dataclass(frozen=True, slots=True)
class _Pattern:
    parts: tuple[tuple[bool, str], ...]
    """``(is_token, text)`` pairs in order."""
    regex: re.Pattern[str]
    fields: tuple[str, ...]
    """The token behind each capture group of ``regex``."""


def format_date(d: date, pattern: str) -> str:
    """Render ``d`` with a Logseq date pattern; unsupported tokens raise ``ValueError``."""
    return "".join(
        _format_token(d, text) if is_token else text for is_token, text in _compile(pattern).parts
    )


def parse_date(text: str, pattern: str) -> date | None:
    """The date that ``text`` spells in ``pattern``, or None.

    ``text`` is stripped and must match as a whole, case-insensitively. None also when it
    names an impossible date (Feb 30) or the wrong weekday, or when the pattern lacks a
    year, month or day. ``yy`` follows the POSIX rule: 69 to 99 mean 1969 to 1999, 00 to 68
    mean 2000 to 2068. Unsupported tokens raise ``ValueError``.
    """
    return _parse(_compile(pattern), text.strip())


def parse_journal_title(text: str, configured_format: str) -> date | None:
    """The date a page title names, or None.

    Tries the configured title format, then :data:`COMMON_TITLE_FORMATS` in order, so
    ``01-02-2022`` reads as day-month unless the configured format says otherwise. An
    unsupported configured format is skipped. Results are cached, because this runs for
    every page reference in a graph.
    """
    return _parse_journal_title(text, configured_format)


def journal_date_from_file_name(stem: str, file_format: str = "yyyy_MM_dd") -> date | None:
    """The date of a journal file from its name without extension, or None.

    Accepts ``file_format`` and also ``yyyy_MM_dd``, ``yyyy-MM-dd`` and ``yyyyMMdd``; an
    unsupported ``file_format`` is skipped.
    """
    return _parse_first(stem.strip(), _candidates((file_format, *_FILE_FORMATS)))


@lru_cache(maxsize=65536)
def _parse_journal_title(text: str, configured_format: str) -> date | None:
    # Every supported full date contains a digit (years and days are numeric).
    if _DIGIT.search(text) is None:
        return None
    return _parse_first(text.strip(), _candidates((configured_format, *COMMON_TITLE_FORMATS)))


@lru_cache(maxsize=64)
def _candidates(patterns: tuple[str, ...]) -> tuple[_Pattern, ...]:
    """The distinct supported patterns among ``patterns``, compiled, in order."""
    compiled: list[_Pattern] = []
    for pattern in dict.fromkeys(patterns):
        try:
            compiled.append(_compile(pattern))
        except ValueError:
            continue
    return tuple(compiled)


def _parse_first(text: str, patterns: tuple[_Pattern, ...]) -> date | None:
    for pattern in patterns:
        result = _parse(pattern, text)
        if result is not None:
            return result
    return None


def _parse(compiled: _Pattern, text: str) -> date | None:
    match = compiled.regex.fullmatch(text)
    if match is None:
        return None
    values: dict[str, int] = {}
    for token, captured in zip(compiled.fields, match.groups(), strict=True):
        field, value = _field_value(token, captured)
        if value is None or values.setdefault(field, value) != value:
            return None
    try:
        result = date(values["year"], values["month"], values["day"])
    except (KeyError, ValueError):
        return None
    if values.get("weekday", result.weekday()) != result.weekday():
        return None
    return result


@lru_cache(maxsize=256)
def _compile(pattern: str) -> _Pattern:
    parts = _tokenize(pattern)
    regex = "".join(
        _FIELD_PATTERNS[text] if is_token else re.escape(text) for is_token, text in parts
    )
    return _Pattern(
        parts=parts,
        regex=re.compile(regex, re.IGNORECASE | re.ASCII),
        fields=tuple(text for is_token, text in parts if is_token),
    )


def _tokenize(pattern: str) -> tuple[tuple[bool, str], ...]:
    parts: list[tuple[bool, str]] = []
    literal: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            text, index = _quoted(pattern, index)
            literal.append(text)
            continue
        if not (char.isascii() and char.isalpha()):
            literal.append(char)
            index += 1
            continue
        token = next((token for token in _TOKENS if pattern.startswith(token, index)), None)
        end = index + len(token) if token else index
        if token is None or pattern[end : end + 1] == token[-1]:
            raise ValueError(f"unsupported token at {index} in date pattern {pattern!r}")
        if literal:
            parts.append((False, "".join(literal)))
            literal.clear()
        parts.append((True, token))
        index = end
    if literal:
        parts.append((False, "".join(literal)))
    return tuple(parts)


def _quoted(pattern: str, start: int) -> tuple[str, int]:
    """The literal text of the quoted section at ``start`` and the index after it.

    ``''`` is a quote character, both inside and outside a quoted section.
    """
    text: list[str] = []
    index = start + 1
    if pattern.startswith("'", index):
        return "'", index + 1
    while index < len(pattern):
        end = pattern.find("'", index)
        if end == -1:
            break
        text.append(pattern[index:end])
        if not pattern.startswith("'", end + 1):
            return "".join(text), end + 1
        text.append("'")
        index = end + 2
    raise ValueError(f"unterminated quote in date pattern {pattern!r}")


def _format_token(d: date, token: str) -> str:
    match token:
        case "yyyy":
            return f"{d.year:04d}"
        case "yy":
            return f"{d.year % 100:02d}"
        case "MMMM":
            return _MONTHS[d.month - 1]
        case "MMM":
            return _MONTHS[d.month - 1][:3]
        case "MM":
            return f"{d.month:02d}"
        case "M":
            return str(d.month)
        case "do":
            return f"{d.day}{_ordinal_suffix(d.day)}"
        case "dd":
            return f"{d.day:02d}"
        case "d":
            return str(d.day)
        case "EEEE":
            return _WEEKDAYS[d.weekday()]
        case _:
            return _WEEKDAYS[d.weekday()][:3]


def _field_value(token: str, captured: str) -> tuple[str, int | None]:
    """Which date field a token sets and its value; None when the text is inconsistent."""
    lowered = captured.lower()
    match token:
        case "yyyy":
            return "year", int(captured)
        case "yy":
            short = int(captured)
            return "year", short + (1900 if short >= 69 else 2000)
        case "MMMM" | "MMM":
            return "month", _MONTH_NUMBERS[lowered]
        case "MM" | "M":
            return "month", int(captured)
        case "do":
            day = int(lowered[:-2])
            return "day", day if lowered.endswith(_ordinal_suffix(day)) else None
        case "dd" | "d":
            return "day", int(captured)
        case _:
            return "weekday", _WEEKDAY_NUMBERS[lowered]


def _ordinal_suffix(day: int) -> str:
    if day % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
