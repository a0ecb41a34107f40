from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.apps.journals import (
    COMMON_TITLE_FORMATS,
    format_date,
    journal_date_from_file_name,
    parse_date,
    parse_journal_title,
)

SATURDAY = date(2022, 11, 19)
LISTED_FORMATS = [
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
]
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def test_common_formats_are_the_listed_ones():
    assert list(COMMON_TITLE_FORMATS) == LISTED_FORMATS


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("yyyy", "2022"),
        ("yy", "22"),
        ("MMMM", "November"),
        ("MMM", "Nov"),
        ("MM", "11"),
        ("M", "11"),
        ("dd", "19"),
        ("d", "19"),
        ("do", "19th"),
        ("EEEE", "Saturday"),
        ("EEE", "Sat"),
        ("EE", "Sat"),
        ("E", "Sat"),
        ("'Week of' MMM d", "Week of Nov 19"),
        ("'o''clock' ''", "o'clock '"),
        ("yyyy年MM月dd日", "2022年11月19日"),
    ],
)
def test_format_each_token(pattern, expected):
    assert format_date(SATURDAY, pattern) == expected


@pytest.mark.parametrize(
    ("d", "pattern", "expected"),
    [
        (date(2005, 3, 4), "yyyy yy MM M dd d", "2005 05 03 3 04 4"),
        (date(987, 1, 2), "yyyy", "0987"),
        (date(2000, 5, 1), "MMMM MMM", "May May"),
        (date(2023, 9, 10), "MMM", "Sep"),
        (date(2024, 1, 1), "EEEE EEE", "Monday Mon"),
    ],
)
def test_format_padding_and_names(d, pattern, expected):
    assert format_date(d, pattern) == expected


@pytest.mark.parametrize(
    ("day", "suffix"),
    [
        (1, "st"),
        (2, "nd"),
        (3, "rd"),
        (4, "th"),
        (10, "th"),
        (11, "th"),
        (12, "th"),
        (13, "th"),
        (14, "th"),
        (20, "th"),
        (21, "st"),
        (22, "nd"),
        (23, "rd"),
        (24, "th"),
        (30, "th"),
        (31, "st"),
    ],
)
def test_ordinal_suffixes(day, suffix):
    d = date(2022, 1, day)
    assert format_date(d, "do") == f"{day}{suffix}"
    assert parse_date(f"Jan {day}{suffix}, 2022", "MMM do, yyyy") == d


@pytest.mark.parametrize("text", ["Jan 11st, 2022", "Jan 1th, 2022", "Jan 22th, 2022"])
def test_wrong_ordinal_suffix_is_rejected(text):
    assert parse_date(text, "MMM do, yyyy") is None


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("Nov 19th, 2022", "MMM do, yyyy", SATURDAY),
        ("  nov 19TH, 2022 ", "MMM do, yyyy", SATURDAY),
        ("NOVEMBER 19th, 2022", "MMMM do, yyyy", SATURDAY),
        ("22-11-19", "yy-MM-dd", SATURDAY),
        ("69-01-01", "yy-MM-dd", date(1969, 1, 1)),
        ("68-01-01", "yy-MM-dd", date(2068, 1, 1)),
        ("2022/11/9", "yyyy/M/d", date(2022, 11, 9)),
        ("2022/1/09", "yyyy/M/d", date(2022, 1, 9)),
        ("Saturday, 19.11.2022", "EEEE, dd.MM.yyyy", SATURDAY),
        ("sat, 11/19/2022", "EEE, MM/dd/yyyy", SATURDAY),
        ("Sat 2022", "E 'of' yyyy", None),
        ("Sat of 2022", "E 'of' yyyy", None),
        ("19th Nov 2022", "do MMM yyyy", SATURDAY),
        ("2022年11月19日", "yyyy年MM月dd日", SATURDAY),
        ("2022 11 19 2022", "yyyy MM dd yyyy", SATURDAY),
        ("2022 11 19 2021", "yyyy MM dd yyyy", None),
    ],
)
def test_parse_date(text, pattern, expected):
    assert parse_date(text, pattern) == expected


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("Friday, 19.11.2022", "EEEE, dd.MM.yyyy"),
        ("Fri, 11/19/2022", "EEE, MM/dd/yyyy"),
        ("Sun, 19-11-2022", "E, dd-MM-yyyy"),
    ],
)
def test_wrong_weekday_is_rejected(text, pattern):
    assert parse_date(text, pattern) is None


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("Feb 30th, 2022", "MMM do, yyyy"),
        ("Feb 29th, 2023", "MMM do, yyyy"),
        ("2022-13-01", "yyyy-MM-dd"),
        ("2022-00-10", "yyyy-MM-dd"),
        ("2022-04-31", "yyyy-MM-dd"),
        ("0000-01-01", "yyyy-MM-dd"),
        ("Nov 0th, 2022", "MMM do, yyyy"),
        ("Nov 19th, 2022 extra", "MMM do, yyyy"),
        ("x Nov 19th, 2022", "MMM do, yyyy"),
        ("2022-1-19", "yyyy-MM-dd"),
        ("22-11-19", "yyyy-MM-dd"),
        ("Novem 19th, 2022", "MMM do, yyyy"),
        ("Nov 19, 2022", "MMM do, yyyy"),
        ("2022-11-19", "yyyy-MM"),
        ("٢٠٢٢-11-19", "yyyy-MM-dd"),
    ],
)
def test_invalid_or_mismatched_text_is_rejected(text, pattern):
    assert parse_date(text, pattern) is None


def test_leap_day_is_accepted():
    assert parse_date("Feb 29th, 2024", "MMM do, yyyy") == date(2024, 2, 29)


def test_pattern_without_a_day_parses_nothing():
    assert format_date(SATURDAY, "MMMM yyyy") == "November 2022"
    assert parse_date("November 2022", "MMMM yyyy") is None


@pytest.mark.parametrize("pattern", ["HH:mm", "yyyyy", "yyy", "MMMMM", "EEEEE", "doo", "'open"])
def test_unsupported_patterns_raise(pattern):
    with pytest.raises(ValueError, match="date pattern"):
        format_date(SATURDAY, pattern)
    with pytest.raises(ValueError, match="date pattern"):
        parse_date("2022", pattern)


@pytest.mark.parametrize("pattern", LISTED_FORMATS)
@given(d=DATES)
def test_listed_formats_round_trip(pattern, d):
    text = format_date(d, pattern)
    assert parse_date(text, pattern) == d
    assert parse_journal_title(text, pattern) == d


@pytest.mark.parametrize("pattern", ["yyyy-MM-dd", "MMMM do, yyyy", "EEEE, dd.MM.yyyy"])
@given(d=DATES)
def test_parse_journal_title_falls_back_to_common_formats(pattern, d):
    assert parse_journal_title(format_date(d, pattern), "MMM do, yyyy") == d


@pytest.mark.parametrize(
    ("text", "configured", "expected"),
    [
        ("Nov 19th, 2022", "MMM do, yyyy", SATURDAY),
        ("2022-11-19", "MMM do, yyyy", SATURDAY),
        ("2022_11_19", "MMM do, yyyy", SATURDAY),
        ("20221119", "MMM do, yyyy", SATURDAY),
        ("19.11.2022", "MMM do, yyyy", SATURDAY),
        ("November 19th, 2022", "yyyy-MM-dd", SATURDAY),
        ("19 Nov 2022", "yyyy-MM-dd", SATURDAY),
        ("01-02-2022", "MMM do, yyyy", date(2022, 2, 1)),
        ("01-02-2022", "MM-dd-yyyy", date(2022, 1, 2)),
        ("11-19-2022", "MMM do, yyyy", SATURDAY),
        ("Week 19 of 2022", "'Week' d 'of' yyyy", None),
        ("2022-11-19", "HH:mm", SATURDAY),
        ("Nov 19th 2022 notes", "MMM do, yyyy", None),
        ("Project Nov", "MMM do, yyyy", None),
        ("2022", "MMM do, yyyy", None),
        ("", "MMM do, yyyy", None),
    ],
)
def test_parse_journal_title(text, configured, expected):
    assert parse_journal_title(text, configured) == expected


def test_parse_journal_title_uses_a_custom_configured_format():
    assert parse_journal_title("Journal 19/11/2022", "'Journal' dd/MM/yyyy") == SATURDAY


@pytest.mark.parametrize(
    ("stem", "file_format", "expected"),
    [
        ("2022_11_19", "yyyy_MM_dd", SATURDAY),
        ("2022-11-19", "yyyy_MM_dd", SATURDAY),
        ("20221119", "yyyy_MM_dd", SATURDAY),
        ("19.11.2022", "dd.MM.yyyy", SATURDAY),
        ("19.11.2022", "yyyy_MM_dd", None),
        ("2022_02_30", "yyyy_MM_dd", None),
        ("2022_11_19_notes", "yyyy_MM_dd", None),
        ("contents", "yyyy_MM_dd", None),
        ("2022_11_19", "not a format", SATURDAY),
    ],
)
def test_journal_date_from_file_name(stem, file_format, expected):
    assert journal_date_from_file_name(stem, file_format) == expected


def test_journal_date_from_file_name_defaults_to_logseq_file_format():
    assert journal_date_from_file_name("2022_11_19") == SATURDAY
