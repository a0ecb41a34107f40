"""The fast reader of plain front-matter gives exactly what PyYAML gives, or steps aside."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.parse.frontmatter import load_yaml_mapping
from vaultkit.parse.plain_yaml import load_plain_mapping

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def pyyaml(text: str) -> object:
    return yaml.load(text, Loader=_LOADER)


def test_typical_front_matter_is_read_without_pyyaml():
    text = (
        "tags: [source, learn, meeting]\n"
        "aliases: [Note 02612 garden alias]\n"
        "up: Projects/Home.md\n"
        "related:\n"
        "  - Data vault\n"
        "  - some-page_2\n"
        "empty:\n"
        "list: []\n"
    )
    assert load_plain_mapping(text) == {
        "tags": ["source", "learn", "meeting"],
        "aliases": ["Note 02612 garden alias"],
        "up": "Projects/Home.md",
        "related": ["Data vault", "some-page_2"],
        "empty": None,
        "list": [],
    }
    assert load_plain_mapping(text) == pyyaml(text)


def test_zero_indented_lists_and_trailing_spaces():
    text = "tags:\n- a\n- b c  \nnext: value   \n"
    assert load_plain_mapping(text) == {"tags": ["a", "b c"], "next": "value"}
    assert load_plain_mapping(text) == pyyaml(text)


def test_a_repeated_key_keeps_its_last_value_in_its_first_place():
    text = "a: one\nb: two\na:\n- three\n"
    assert list(load_plain_mapping(text).items()) == [("a", ["three"]), ("b", "two")]
    assert list(pyyaml(text).items()) == [("a", ["three"]), ("b", "two")]


def test_values_yaml_reads_as_other_types_are_left_to_pyyaml():
    for value in (
        "yes", "No", "TRUE", "off", "On", "null", "~", "12", "1.5", "2024-01-05", ".inf",
        "-x", "'quoted'", '"quoted"', "a: b", "a #comment", "&anchor", "*alias", "!tag x",
        "|", ">", "{a: b}", "[a, [b]]", "[a, b,]", "[a, , b]", "café", "a  b",
    ):  # fmt: skip
        assert load_plain_mapping(f"key: {value}\n") is None, value


def test_shapes_outside_the_subset_are_left_to_pyyaml():
    for text in (
        "  indented: key\n",
        "key:\n  nested: map\n",
        "key:\n  - a\n- b\n",
        "key:\n\n  - a\n",
        "# comment\nkey: a\n",
        "key:\n  - [a]\n",
        "key:\t a\n",
        "yes: a\n",
        "key:value\n",
        "---\nkey: a\n",
        "",
        "\n",
    ):
        assert load_plain_mapping(text) is None, text


def test_front_matter_loading_takes_the_fast_path_and_keeps_its_checks():
    assert load_yaml_mapping("tags: [a, b]\n", first_line=2) == ({"tags": ["a", "b"]}, None)
    data, problem = load_yaml_mapping("tags: [a, b\n", first_line=2)
    assert data == {}
    assert problem is not None
    assert problem.code == "invalid-frontmatter"


_WORDS = st.sampled_from(
    [
        "a", "Tag", "note", "x.y", "a/b", "a-b", "a_b", "yes", "No", "on", "OFF", "null",
        "NULL", "true", "y", "n", "1", "1a", "-", "-a", ".inf", "~", "#x", "a:", ":", ",",
        "[", "]", "{", "}", "'", '"', "é", "&a", "*a", "!a", "|", ">", "%", "@", "`", "2024-01-02",
    ]
)  # fmt: skip
_SCALARS = st.lists(_WORDS, min_size=1, max_size=3).map(" ".join)
_KEYS = st.sampled_from(["tags", "aliases", "a", "a-b", "_k", "yes", "No", "1", "key x", "k"])
_SPACES = st.sampled_from(["", " ", "  "])


@st.composite
def _entries(draw: st.DrawFn) -> str:
    key = draw(_KEYS)
    form = draw(st.sampled_from(["scalar", "flow", "block", "bare"]))
    if form == "scalar":
        return f"{key}:{draw(_SPACES)} {draw(_SCALARS)}{draw(_SPACES)}\n"
    if form == "flow":
        items = draw(st.lists(_SCALARS, max_size=3))
        joiner = draw(st.sampled_from([", ", ",", " , "]))
        return f"{key}: [{draw(_SPACES)}{joiner.join(items)}{draw(_SPACES)}]\n"
    if form == "block":
        indent = draw(st.sampled_from(["", "  ", "    "]))
        items = draw(st.lists(_SCALARS, min_size=1, max_size=3))
        return f"{key}:\n" + "".join(f"{indent}-{draw(_SPACES)} {item}\n" for item in items)
    return f"{key}:\n"


@given(st.lists(_entries(), min_size=1, max_size=5).map("".join))
def test_the_fast_reader_agrees_with_pyyaml_on_generated_front_matter(text):
    fast = load_plain_mapping(text)
    if fast is None:
        return
    assert fast == pyyaml(text)
    assert all(type(key) is str for key in fast)


@given(st.text(alphabet="ab:-[], #\n'yes1\t.", max_size=60))
def test_the_fast_reader_never_disagrees_on_arbitrary_text(text):
    fast = load_plain_mapping(text)
    if fast is None:
        return
    assert fast == pyyaml(text)
