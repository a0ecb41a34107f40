import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vaultkit.apps.names import (
    decode_logseq_file_name,
    encode_logseq_file_name,
    normalize_page_name,
)

FORMATS = ["triple-lowbar", "legacy"]


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("aaa___bbb", "aaa/bbb"),
        ("aaa___bbb___ccc", "aaa/bbb/ccc"),
        ("What%3F", "What?"),
        ("a%2Fb", "a/b"),
        ("v1.2", "v1.2"),
        ("snake_case", "snake_case"),
        ("a__b", "a__b"),
        ("a____b", "a/_b"),
        ("%5F%5F%5F", "___"),
        ("100%", "100%"),
        ("100%2", "100%2"),
        ("%zz", "%zz"),
        ("%e4%b8%ad%E6%96%87", "中文"),
        ("%E4%B8", "%E4%B8"),
        ("%E4%B8%AD%ff%41", "中%ffA"),
        ("%F0%9F%98%80", "😀"),
        ("", ""),
    ],
)
def test_decode_triple_lowbar(stem, expected):
    assert decode_logseq_file_name(stem, "triple-lowbar") == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("aaa.bbb", "aaa/bbb"),
        ("aaa.bbb.ccc", "aaa/bbb/ccc"),
        ("v1%2E2", "v1.2"),
        ("lib.v1%2E2", "lib/v1.2"),
        ("What%3F", "What?"),
        ("a%2Fb", "a/b"),
        ("aaa___bbb", "aaa___bbb"),
        ("100%", "100%"),
        ("%E4%B8%AD", "中"),
    ],
)
def test_decode_legacy(stem, expected):
    assert decode_logseq_file_name(stem, "legacy") == expected


def test_unknown_name_format_decodes_as_legacy():
    assert decode_logseq_file_name("aaa.bbb", "") == "aaa/bbb"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("aaa/bbb", "aaa___bbb"),
        ("What?", "What%3F"),
        ('<>:"\\|?*#%', "%3C%3E%3A%22%5C%7C%3F%2A%23%25"),
        ("tab\there\x7f", "tab%09here%7F"),
        ("v1.2", "v1.2"),
        ("end.", "end%2E"),
        (".hidden", "%2Ehidden"),
        ("a___b", "a%5F%5F%5Fb"),
        ("a____b", "a%5F%5F%5F_b"),
        ("a_/b", "a%5F___b"),
        ("a/_b", "a___%5Fb"),
        ("snake_case/x", "snake_case___x"),
        ("中文 page", "中文 page"),
        ("CON", "CO%4E"),
        ("lpt1", "lpt%31"),
        ("CONSOLE", "CONSOLE"),
        ("aux.v2", "au%78.v2"),
        ("Con/sub", "Con___sub"),
    ],
)
def test_encode_triple_lowbar(name, expected):
    assert encode_logseq_file_name(name, "triple-lowbar") == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("aaa/bbb", "aaa.bbb"),
        ("v1.2", "v1%2E2"),
        ("lib/v1.2", "lib.v1%2E2"),
        ("What?", "What%3F"),
        ("100%", "100%25"),
        ("a___b", "a___b"),
        ("/a", "%2Fa"),
        ("a//b", "a..b"),
        ("nul", "nu%6C"),
        ("a/", "a%2F"),
        ("/", "%2F"),
    ],
)
def test_encode_legacy(name, expected):
    assert encode_logseq_file_name(name, "legacy") == expected


NAMES = st.text(
    st.one_of(
        st.sampled_from(list('_/.%<>:"\\|?*# aAé中')),
        st.characters(exclude_categories=["Cs"]),
    )
)


@pytest.mark.parametrize("name_format", FORMATS)
@given(name=NAMES.map(str.strip))
@example(name="a_/_b")
@example(name="____/___")
@example(name="%41")
@example(name="CON")
def test_decode_inverts_encode(name_format, name):
    assert decode_logseq_file_name(encode_logseq_file_name(name, name_format), name_format) == name


@pytest.mark.parametrize("name_format", FORMATS)
@given(name=NAMES)
@example(name="a/")
@example(name="/")
@example(name=".")
def test_encoded_names_avoid_reserved_characters(name_format, name):
    stem = encode_logseq_file_name(name, name_format)
    assert not set(stem) & set('<>:"\\|?*#/')
    assert all(ord(char) >= 0x20 and char != "\x7f" for char in stem)
    assert not stem.startswith(".")
    assert not stem.endswith(".")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Page", "page"),
        ("  Mixed Case  ", "mixed case"),
        ("Straße", "straße"),
        ("Cafe\u0301", "caf\u00e9"),
        ("ÄRGER/Sub", "ärger/sub"),
    ],
)
def test_normalize_page_name(name, expected):
    assert normalize_page_name(name) == expected
