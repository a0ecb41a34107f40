"""``vaultkit.edit.document.Document``: a note's bytes as editable lines, and back, exactly.

Every edit vaultkit makes goes through a ``Document``; a byte lost here is a byte lost in the
user's note. So: arbitrary text in any line-ending mix, with or without a BOM or a final newline,
round-trips byte for byte, and each edit touches only the lines it names.
"""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.edit.document import Document, NotEditable

# Any text but NUL (refused on purpose), as line bodies joined by any of the three endings.
LINE_TEXT = st.text(st.characters(blacklist_characters="\r\n\x00", codec="utf-8"), max_size=20)
ENDING = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    bodies = draw(st.lists(LINE_TEXT, max_size=8))
    endings = [draw(ENDING) for _ in bodies]
    if bodies and draw(st.booleans()):
        endings[-1] = ""
    return "".join(body + ending for body, ending in zip(bodies, endings, strict=True))


BOMS = [
    (b"", "utf-8"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


# --- round trip -------------------------------------------------------------------------------


@given(text=texts(), bom=st.sampled_from(BOMS))
def test_any_text_round_trips_byte_for_byte(text, bom):
    mark, encoding = bom
    data = mark + text.encode(encoding)
    doc = Document.from_bytes(data)
    assert doc.to_bytes() == data
    assert doc.bom == mark
    assert doc.encoding == encoding
    assert doc.text() == text
    assert "".join(doc.lines) == text.replace("\r", "").replace("\n", "")


_REFERENCE_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
"""A line is what runs up to and including ``\\r\\n``, ``\\r`` or ``\\n``, or to the end."""


@given(text=texts() | st.text(alphabet="ab \r\n", max_size=30))
def test_lines_end_where_a_line_matcher_ends_them(text):
    pieces = [match.group() for match in _REFERENCE_LINE.finditer(text)]
    doc = Document.from_text(text)
    assert doc.lines == [piece.rstrip("\r\n") for piece in pieces]
    assert doc.endings == [piece[len(piece.rstrip("\r\n")) :] for piece in pieces]


def test_lines_and_endings_are_kept_apart():
    doc = Document.from_bytes(b"a\r\nb\nc\rd")
    assert doc.lines == ["a", "b", "c", "d"]
    assert doc.endings == ["\r\n", "\n", "\r", ""]


def test_empty_file_has_no_lines():
    doc = Document.from_bytes(b"")
    assert (doc.lines, doc.endings, doc.to_bytes()) == ([], [], b"")


def test_blank_lines_are_lines():
    doc = Document.from_bytes(b"\n\r\n")
    assert (doc.lines, doc.endings) == (["", ""], ["\n", "\r\n"])


@pytest.mark.parametrize(
    ("data", "newline"),
    [
        (b"a\nb\n", "\n"),
        (b"a\r\nb\r\n", "\r\n"),
        (b"a\rb\r", "\r"),
        (b"a\nb\r\nc\r\n", "\r\n"),
        (b"a\r\nb\nc\n", "\n"),
        (b"one line", "\n"),
        (b"", "\n"),
    ],
)
def test_new_lines_take_the_dominant_line_ending(data, newline):
    assert Document.from_bytes(data).newline == newline


def test_utf16_text_is_decoded():
    data = codecs.BOM_UTF16_BE + "hé\nwörld".encode("utf-16-be")
    doc = Document.from_bytes(data)
    assert (doc.lines, doc.encoding, doc.bom) == (["hé", "wörld"], "utf-16-be", b"\xfe\xff")


# --- refusals ---------------------------------------------------------------------------------


def test_invalid_utf8_is_not_editable():
    with pytest.raises(NotEditable, match=r"^not valid UTF-8 \(byte 1\)$"):
        Document.from_bytes(b"a\xffb")


def test_nul_characters_are_not_editable():
    with pytest.raises(NotEditable, match=r"^holds NUL characters$"):
        Document.from_bytes(b"binary\x00file")


# --- edits ------------------------------------------------------------------------------------


def test_insert_at_top_uses_the_dominant_ending():
    doc = Document.from_bytes(b"\xef\xbb\xbfbody\r\nmore\r\n")
    doc.insert_lines(0, ["x", "y"])
    assert doc.to_bytes() == b"\xef\xbb\xbfx\r\ny\r\nbody\r\nmore\r\n"


def test_insert_in_the_middle_keeps_neighbours():
    doc = Document.from_bytes(b"a\nb\r\nc\n")
    doc.insert_lines(1, ["x"])
    assert doc.to_bytes() == b"a\nx\nb\r\nc\n"


def test_append_after_a_final_newline_keeps_one():
    doc = Document.from_bytes(b"a\nb\n")
    doc.insert_lines(2, ["x", "y"])
    assert doc.to_bytes() == b"a\nb\nx\ny\n"


def test_append_without_a_final_newline_adds_none():
    doc = Document.from_bytes(b"a\r\nb")
    doc.insert_lines(2, ["x", "y"])
    assert doc.to_bytes() == b"a\r\nb\r\nx\r\ny"


def test_insert_into_an_empty_document():
    doc = Document.from_bytes(b"")
    doc.insert_lines(0, ["x"])
    assert doc.to_bytes() == b"x\n"


def test_inserting_nothing_changes_nothing():
    doc = Document.from_bytes(b"a\nb")
    doc.insert_lines(2, [])
    assert doc.to_bytes() == b"a\nb"


def test_replace_line_keeps_its_ending():
    doc = Document.from_bytes(b"a\r\nb\nc")
    doc.replace_line(1, "B!")
    doc.replace_line(2, "C!")
    assert doc.to_bytes() == b"a\r\nB!\nC!"


def test_replace_range_keeps_the_last_lines_ending():
    doc = Document.from_bytes(b"a\r\nb\r\nc")
    doc.replace_range(1, 3, ["X", "Y", "Z"])
    assert doc.to_bytes() == b"a\r\nX\r\nY\r\nZ"


def test_replace_range_by_nothing_deletes():
    doc = Document.from_bytes(b"a\nb\nc\n")
    doc.replace_range(1, 2, [])
    assert doc.to_bytes() == b"a\nc\n"


@given(
    text=texts(),
    bom=st.sampled_from(BOMS),
    data=st.data(),
    new_lines=st.lists(LINE_TEXT, min_size=1, max_size=3),
)
def test_insert_touches_only_the_inserted_lines(text, bom, data, new_lines):
    mark, encoding = bom
    doc = Document.from_bytes(mark + text.encode(encoding))
    old_lines, old_endings = list(doc.lines), list(doc.endings)
    index = data.draw(st.integers(0, len(doc.lines)), label="index")
    doc.insert_lines(index, new_lines)
    count = len(new_lines)
    assert doc.lines == [*old_lines[:index], *new_lines, *old_lines[index:]]
    assert doc.to_bytes().startswith(mark)
    if index == len(old_lines) and old_endings and old_endings[-1] == "":
        # Appending after a last line without an ending: that line gets the note's ending and
        # the new last line none, so the file still has no final newline.
        assert doc.endings == [*old_endings[:-1], *[doc.newline] * count, ""]
    else:
        assert doc.endings == [
            *old_endings[:index],
            *[doc.newline] * count,
            *old_endings[index:],
        ]
