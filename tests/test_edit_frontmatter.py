"""Surgical metadata edits: ``add_list_values`` on YAML front-matter and ``add_property_values``
on Logseq page properties.

Each form is edited in its own style and nothing else moves: exact bytes for every form, then
property tests that generate front-matter (flow, block with any indent, comma string, empty,
absent key, absent front-matter) and Logseq property blocks, surrounded by arbitrary other keys,
comments and body text, with LF or CRLF, and compare the result with a model of the intended edit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vaultkit.edit.document import Document
from vaultkit.edit.frontmatter import EditRefused, add_list_values, quote_value
from vaultkit.edit.properties import add_property_values
from vaultkit.parse.properties import page_properties, split_page_list


def edit(text: str, key: str = "tags", values: tuple[str, ...] = ("tweets",)) -> tuple[bool, str]:
    doc = Document.from_bytes(text.encode())
    changed = add_list_values(doc, key, list(values))
    return changed, doc.to_bytes().decode()


def edit_properties(
    text: str, key: str = "tags", values: tuple[str, ...] = ("tweets",)
) -> tuple[bool, str]:
    doc = Document.from_bytes(text.encode())
    changed = add_property_values(doc, key, list(values))
    return changed, doc.to_bytes().decode()


# --- add_list_values: each form in its own style ---------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("tags: [a, b]\n", "tags: [a, b, tweets]\n", id="flow"),
        pytest.param("tags: []\n", "tags: [tweets]\n", id="empty-flow"),
        pytest.param("tags:   [a]   \n", "tags:   [a, tweets]   \n", id="flow-spacing"),
        pytest.param('tags: ["a", "b"]\n', 'tags: ["a", "b", "tweets"]\n', id="flow-double"),
        pytest.param("tags: ['a', b]\n", "tags: ['a', b, 'tweets']\n", id="flow-single"),
        pytest.param(
            "tags: [a, b] # mine\n", "tags: [a, b, tweets] # mine\n", id="flow-with-comment"
        ),
        pytest.param("tags:\n  - a\n  - b\n", "tags:\n  - a\n  - b\n  - tweets\n", id="block"),
        pytest.param("tags:\n- a\n- b\n", "tags:\n- a\n- b\n- tweets\n", id="block-column-0"),
        pytest.param("tags:\n    - a\n", "tags:\n    - a\n    - tweets\n", id="block-4"),
        pytest.param("tags:\n  - 'a'\n", "tags:\n  - 'a'\n  - 'tweets'\n", id="block-single"),
        pytest.param("tags:\n  - a  \n", "tags:\n  - a  \n  - tweets\n", id="block-trailing-ws"),
        pytest.param(
            "tags:\n  - a\n  # between\n  - b\n\ntitle: x\n",
            "tags:\n  - a\n  # between\n  - b\n  - tweets\n\ntitle: x\n",
            id="block-comment-and-blank",
        ),
        pytest.param("tags:\n", "tags:\n  - tweets\n", id="empty-key"),
        pytest.param("tags: a, b\n", "tags: a, b, tweets\n", id="comma-string"),
        pytest.param("tags: a\n", "tags: a, tweets\n", id="single-string"),
        pytest.param("tags: a b\n", "tags: a b tweets\n", id="space-string"),
        pytest.param('tags: "a, b"\n', 'tags: "a, b, tweets"\n', id="quoted-string"),
        pytest.param("tags: a, b # mine\n", "tags: a, b, tweets # mine\n", id="string-comment"),
        pytest.param('"tags": [a]\n', '"tags": [a, tweets]\n', id="quoted-key"),
        pytest.param("Tags: [a]\n", "Tags: [a, tweets]\n", id="key-case"),
        pytest.param("title: x\n", "title: x\ntags:\n  - tweets\n", id="absent-key"),
        pytest.param(
            "title: x\naliases: [y]\n",
            "title: x\naliases: [y]\ntags: [tweets]\n",
            id="absent-key-flow-neighbour",
        ),
        pytest.param(
            "aliases:\n- y\ntitle: x\n",
            "aliases:\n- y\ntitle: x\ntags:\n- tweets\n",
            id="absent-key-block-neighbour",
        ),
        pytest.param(
            "x:\n  tags: [a]\n", "x:\n  tags: [a]\ntags:\n  - tweets\n", id="nested-key-is-not-it"
        ),
        pytest.param("", "tags:\n  - tweets\n", id="empty-front-matter"),
        pytest.param(
            "# comment\ntitle:  'Q'   \n",
            "# comment\ntitle:  'Q'   \ntags:\n  - tweets\n",
            id="comments-and-quoting-kept",
        ),
    ],
)
def test_front_matter_forms(before, after):
    assert edit(f"---\n{before}---\nBody\n") == (True, f"---\n{after}---\nBody\n")


def test_no_front_matter_gets_one():
    assert edit("Body\n") == (True, "---\ntags:\n  - tweets\n---\nBody\n")


def test_empty_note_gets_front_matter():
    assert edit("") == (True, "---\ntags:\n  - tweets\n---\n")


def test_property_links_are_quoted():
    assert edit("---\ntags: [a]\n---\n", "authors", ("[[@karpathy]]", "[[@ylecun]]")) == (
        True,
        '---\ntags: [a]\nauthors: ["[[@karpathy]]", "[[@ylecun]]"]\n---\n',
    )
    assert edit("Body", "authors", ("[[@karpathy]]",)) == (
        True,
        '---\nauthors:\n  - "[[@karpathy]]"\n---\nBody',
    )


def test_several_values_at_once():
    assert edit("---\ntags:\n  - a\n---\n", values=("tweets", "twitter/karpathy")) == (
        True,
        "---\ntags:\n  - a\n  - tweets\n  - twitter/karpathy\n---\n",
    )


@pytest.mark.parametrize(
    "before",
    ["tags: [a, tweets]\n", "tags: [a, Tweets]\n", "tags:\n  - TWEETS\n", "tags: a, tweets\n"],
)
def test_present_value_is_not_added_again(before):
    text = f"---\n{before}---\nBody\n"
    assert edit(text) == (False, text)


def test_only_missing_values_are_added():
    assert edit("---\ntags: [tweets]\n---\n", values=("Tweets", "ml")) == (
        True,
        "---\ntags: [tweets, ml]\n---\n",
    )


def test_crlf_and_bom_are_kept():
    data = b"\xef\xbb\xbf---\r\ntitle: x\r\ntags:\r\n  - a\r\n---\r\nBody\r\n"
    doc = Document.from_bytes(data)
    assert add_list_values(doc, "tags", ["tweets"]) is True
    assert add_list_values(doc, "authors", ["[[@karpathy]]"]) is True
    assert doc.to_bytes() == (
        b"\xef\xbb\xbf---\r\ntitle: x\r\ntags:\r\n  - a\r\n  - tweets\r\n"
        b'authors:\r\n  - "[[@karpathy]]"\r\n---\r\nBody\r\n'
    )


def test_crlf_note_without_front_matter():
    doc = Document.from_bytes(b"\xef\xbb\xbfBody\r\nmore")
    assert add_list_values(doc, "tags", ["tweets"]) is True
    assert doc.to_bytes() == b"\xef\xbb\xbf---\r\ntags:\r\n  - tweets\r\n---\r\nBody\r\nmore"


def test_front_matter_without_final_newline():
    assert edit("---\ntags: [a]\n---") == (True, "---\ntags: [a, tweets]\n---")


@pytest.mark.parametrize(
    ("before", "message"),
    [
        ("tags: |\n  a\n", "`tags` is written in a form vaultkit does not edit"),
        ("tags: >\n  a\n", "`tags` is written in a form vaultkit does not edit"),
        ("tags: {a: 1}\n", "`tags` is written in a form vaultkit does not edit"),
        ("tags: [a,\n  b]\n", "a flow list that spans lines"),
        ("tags: [a\n", "the front-matter is not valid YAML"),
        ("- a\n- b\n", "the front-matter is not valid YAML"),
        ("title: x\n\ttabbed: y\n", "the front-matter is not valid YAML"),
    ],
)
def test_unsafe_edits_are_refused(before, message):
    text = f"---\n{before}---\nBody\n"
    doc = Document.from_bytes(text.encode())
    with pytest.raises(EditRefused) as refused:
        add_list_values(doc, "tags", ["tweets"])
    assert str(refused.value) == message


def test_new_key_after_a_block_scalar():
    text = "---\ntitle: x\ndescription: >\n  Some text\n---\nBody\n"
    assert edit(text) == (
        True,
        "---\ntitle: x\ndescription: >\n  Some text\ntags:\n  - tweets\n---\nBody\n",
    )


def test_empty_quoted_string():
    assert edit('---\ntags: ""\n---\n') == (True, '---\ntags: "tweets"\n---\n')


# --- quote_value --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "like", "expected"),
    [
        ("tweets", None, "tweets"),
        ("twitter/karpathy", None, "twitter/karpathy"),
        ("[[@karpathy]]", None, '"[[@karpathy]]"'),
        ("@karpathy", None, '"@karpathy"'),
        ("Hima Lakkaraju (Recruiting)", None, '"Hima Lakkaraju (Recruiting)"'),
        ("true", None, '"true"'),
        ("Off", None, '"Off"'),
        ("-x", None, '"-x"'),
        ("a: b", None, '"a: b"'),
        ("tweets", "'a'", "'tweets'"),
        ("it's", "'a'", "'it''s'"),
        ("tweets", '"a"', '"tweets"'),
        ('say "x"', '"a"', '"say \\"x\\""'),
        ("tweets", "a", "tweets"),
    ],
)
def test_quote_value(value, like, expected):
    assert quote_value(value, like) == expected
    assert yaml.safe_load(f"k: {quote_value(value, like)}") == {"k": value}


@pytest.mark.parametrize("value", ["2024", "1.5", "2023-01-01", "0x1F"])
def test_quote_value_keeps_strings_strings(value):
    assert yaml.safe_load(f"k: {quote_value(value)}") == {"k": value}


# --- add_property_values: Logseq page properties ------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("- block\n", "tags:: tweets\n\n- block\n", id="no-properties"),
        pytest.param("tags:: x\n\n- block\n", "tags:: x, tweets\n\n- block\n", id="existing"),
        pytest.param("tags:: x  \n- b\n", "tags:: x, tweets  \n- b\n", id="trailing-space"),
        pytest.param("tags::\n- b\n", "tags:: tweets\n- b\n", id="empty-value"),
        pytest.param(
            "tags:: [[Machine Learning]], #ml\n- b\n",
            "tags:: [[Machine Learning]], #ml, tweets\n- b\n",
            id="references",
        ),
        pytest.param("title:: T\n- b\n", "title:: T\ntags:: tweets\n- b\n", id="absent-key"),
        pytest.param(
            "- title:: T\n  alias:: U\n- b\n",
            "- title:: T\n  alias:: U\n  tags:: tweets\n- b\n",
            id="first-bullet-block",
        ),
        pytest.param(
            "- title:: T\n  tags:: x\n- b\n",
            "- title:: T\n  tags:: x, tweets\n- b\n",
            id="first-bullet-existing",
        ),
        pytest.param("", "tags:: tweets\n", id="empty-page"),
        pytest.param("Some text\n", "tags:: tweets\n\nSome text\n", id="paragraph"),
    ],
)
def test_logseq_property_forms(before, after):
    assert edit_properties(before) == (True, after)


def test_logseq_tags_and_authors_on_a_page_without_properties():
    doc = Document.from_bytes(b"- block\r\n\t- child\r\n")
    assert add_property_values(doc, "tags", ["tweets"]) is True
    assert add_property_values(doc, "authors", ["[[@karpathy]]", "[[@ylecun]]"]) is True
    assert doc.to_bytes() == (
        b"tags:: tweets\r\nauthors:: [[@karpathy]], [[@ylecun]]\r\n\r\n- block\r\n\t- child\r\n"
    )


@pytest.mark.parametrize(
    "before",
    ["tags:: tweets\n- b\n", "tags:: [[Tweets]]\n- b\n", "tags:: #tweets, x\n- b\n"],
)
def test_logseq_present_value_is_not_added_again(before):
    assert edit_properties(before) == (False, before)


def test_logseq_present_link_is_not_added_again():
    text = "authors:: [[@Karpathy]]\n- b\n"
    assert edit_properties(text, "authors", ("[[@karpathy]]", "[[@ylecun]]")) == (
        True,
        "authors:: [[@Karpathy]], [[@ylecun]]\n- b\n",
    )


def test_logseq_properties_across_a_blank_line():
    assert edit_properties("title:: T\n\ntags:: x\n- b\n") == (
        True,
        "title:: T\n\ntags:: x, tweets\n- b\n",
    )


# --- property tests ------------------------------------------------------------------------------
#
# Each generator returns the note's lines, the edit to call, and the model of its effect: which
# lines are replaced or inserted where, and what the key holds afterwards. The expected bytes are
# the old bytes with exactly that change made through ``Document`` (whose own line-ending rules
# are tested in test_edit_document.py): every other line, ending, BOM and final newline identical.

YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null"}
TAG = st.one_of(
    st.sampled_from(["tweets", "Tweets", "ml", "ai/llm", "x-y", "to_do"]),
    st.from_regex(r"[a-z][a-z0-9_/-]{0,7}", fullmatch=True),
).filter(lambda tag: tag not in YAML_WORDS)
LINK = st.from_regex(r"[A-Za-z0-9_]{1,8}", fullmatch=True).map(lambda handle: f"[[@{handle}]]")
WORD = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,6}", fullmatch=True)
NAME = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
TRAILING = st.sampled_from(["", "", " ", "   "])
COMMENT = st.from_regex(r"# [A-Za-z0-9 .,:#'\"\[\]-]{0,12}", fullmatch=True)
BODY_LINE = st.text(st.characters(blacklist_characters="\r\n\x00", codec="utf-8"), max_size=15)
FENCE = re.compile(r"---[ \t]*")


@dataclass
class Edit:
    lines: list[str]
    """The note's lines before the edit."""
    key: str
    values: list[str]
    replace: int | None
    """Index of the one line the edit rewrites, or None when it inserts."""
    insert_at: int
    new_lines: list[str]
    """The rewritten line (one) or the inserted lines, in order."""
    expected_value: object
    """What ``key`` holds afterwards."""
    other: dict
    """The rest of the front-matter (Logseq: unused)."""

    @property
    def noop(self) -> bool:
        """Every value is there already."""
        if self.replace is not None:
            return self.new_lines == [self.lines[self.replace]]
        return not self.new_lines


def quoted(value: str, quote: str) -> str:
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote == '"':
        return json.dumps(value)
    return value


def yaml_quote(value: str) -> str:
    """How a new value is written when no neighbour says how to quote it."""
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9_/-]*", value) and value.lower() not in YAML_WORDS
    return value if plain else json.dumps(value)


@st.composite
def other_entries(draw: st.DrawFn, key: str) -> list[list[str]]:
    """Other top-level entries (each a list of lines), comment lines among them."""
    names = draw(st.lists(NAME.filter(lambda name: name != key), max_size=4, unique=True))
    entries = []
    for name in names:
        kind = draw(st.sampled_from(["plain", "quoted", "flow", "block", "mapping"]))
        if kind == "plain":
            entries.append([f"{name}: {draw(WORD)}{draw(TRAILING)}"])
        elif kind == "quoted":
            quote = draw(st.sampled_from(["'", '"']))
            entries.append([f"{name}:  {quoted(draw(WORD) + ' x', quote)}"])
        elif kind == "flow":
            entries.append([f"{name}: [{', '.join(draw(st.lists(WORD, max_size=3)))}]"])
        elif kind == "block":
            indent = draw(st.sampled_from(["", " ", "  ", "    "]))
            items = draw(st.lists(WORD, min_size=1, max_size=3))
            entries.append([f"{name}:", *(f"{indent}- {item}" for item in items)])
        else:
            entries.append([f"{name}:", f"  sub: {draw(WORD)}"])
        if draw(st.booleans()):
            entries.append([draw(COMMENT)])
    if draw(st.booleans()):
        entries.insert(0, [draw(COMMENT)])
    return entries


def neighbour_style(entries: list[list[str]]) -> tuple[str, str]:
    """The list style the front-matter already uses: the first list-valued key decides."""
    for lines in entries:
        if re.match(r"[a-z0-9_]+: \[", lines[0]):
            return "flow", ""
        for line in lines[1:]:
            item = re.fullmatch(r"([ \t]*)- .*", line)
            if item:
                return "block", item.group(1)
    return "block", "  "


@st.composite
def front_matter_edits(draw: st.DrawFn) -> Edit:
    key = draw(st.sampled_from(["tags", "authors"]))
    value = TAG if key == "tags" else LINK
    styles = ["flow", "block", "empty", "absent", "none"]
    if key == "tags":
        styles += ["comma", "space"]
    style = draw(st.sampled_from(styles))
    existing = draw(st.lists(value, min_size=2 if style == "space" else 1, max_size=4))
    values = draw(st.lists(value, min_size=1, max_size=3, unique_by=str.casefold))
    trailing = draw(TRAILING)
    comment = draw(st.sampled_from(["", " # kept"]))
    if style in ("comma", "space"):
        present = {part.casefold() for item in existing for part in re.split(r"[,\s]+", item)}
    elif style in ("flow", "block"):
        present = {item.casefold() for item in existing}
    else:
        present = set()
    added = [item for item in values if item.casefold() not in present]
    # Links must be quoted in YAML; tags may be plain. New items are quoted like their neighbours.
    quote = draw(st.sampled_from(["'", '"'] if key == "authors" else ["", "'", '"']))
    entries = draw(other_entries(key))
    position = draw(st.integers(0, len(entries)))
    before = [line for lines in entries[:position] for line in lines]
    after = [line for lines in entries[position:] for line in lines]
    body = draw(st.lists(BODY_LINE, max_size=5))
    target: list[str] = []
    start = 1 + len(before)
    replace = None
    if style == "flow":
        shown = [quoted(item, quote) for item in existing]
        new = [quoted(item, quote) if quote else yaml_quote(item) for item in added]
        target = [f"{key}: [{', '.join(shown)}]{comment}{trailing}"]
        replace, insert_at = start, start
        new_lines = [f"{key}: [{', '.join(shown + new)}]{comment}{trailing}"]
        expected: object = existing + added
    elif style == "block":
        indent = draw(st.sampled_from(["", " ", "  ", "   ", "    "]))
        target = [f"{key}:{trailing}", *(f"{indent}- {quoted(item, quote)}" for item in existing)]
        insert_at = start + len(target)
        new_lines = [
            f"{indent}- {quoted(item, quote) if quote else yaml_quote(item)}" for item in added
        ]
        expected = existing + added
    elif style in ("comma", "space"):
        separator = ", " if style == "comma" else " "
        joined = separator.join(existing)
        target = [f"{key}: {quoted(joined, quote)}{comment}{trailing}"]
        replace, insert_at = start, start
        new_lines = [f"{key}: {quoted(separator.join([joined, *added]), quote)}{comment}{trailing}"]
        expected = separator.join([joined, *added])
    elif style == "empty":
        target = [f"{key}:{trailing}"]
        insert_at = start + 1
        new_lines = [f"  - {yaml_quote(item)}" for item in added]
        expected = added
    elif style == "absent":
        insert_at = 1 + len(before) + len(after)
        flow, indent = neighbour_style(entries)
        if not added:
            new_lines = []
        elif flow == "flow":
            new_lines = [f"{key}: [{', '.join(yaml_quote(item) for item in added)}]"]
        else:
            new_lines = [f"{key}:", *(f"{indent}- {yaml_quote(item)}" for item in added)]
        expected = added
    else:
        if body and FENCE.fullmatch(body[0]):
            body[0] = "x" + body[0]
        new_lines = ["---", f"{key}:", *(f"  - {yaml_quote(item)}" for item in added), "---"]
        return Edit(body, key, values, None, 0, new_lines, added, {})
    other = yaml.safe_load("\n".join([*before, *after])) or {}
    lines = ["---", *before, *target, *after, "---", *body]
    return Edit(lines, key, values, replace, insert_at, new_lines, expected, other)


def expected_bytes(data: bytes, edit: Edit) -> tuple[bytes, list[str]]:
    doc = Document.from_bytes(data)
    if edit.replace is not None:
        doc.replace_line(edit.replace, edit.new_lines[0])
    else:
        doc.insert_lines(edit.insert_at, edit.new_lines)
    return doc.to_bytes(), doc.lines


def note_bytes(lines: list[str], newline: str, final_newline: bool, bom: bool) -> bytes:
    text = newline.join(lines) + (newline if final_newline and lines else "")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def front_matter_of(data: bytes) -> dict:
    lines = data.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    assert lines[0] == "---"
    return yaml.safe_load("\n".join(lines[1 : lines.index("---", 1)])) or {}


@settings(max_examples=300, deadline=None)
@given(
    edit=front_matter_edits(),
    newline=st.sampled_from(["\n", "\r\n"]),
    final_newline=st.booleans(),
    bom=st.booleans(),
)
def test_add_list_values_edits_only_the_intended_lines(edit, newline, final_newline, bom):
    # A note that opens with an unclosed `---`, TOML or JSON front-matter is refused by design
    # (tests/robustness covers it); this property is about the notes vaultkit edits.
    opens_a_header = edit.lines and edit.lines[0].strip() in ("---", "+++", "{")
    assume(not (edit.insert_at == 0 and edit.new_lines[:1] == ["---"] and opens_a_header))
    data = note_bytes(edit.lines, newline, final_newline, bom)
    doc = Document.from_bytes(data)
    changed = add_list_values(doc, edit.key, edit.values)
    if edit.noop:
        assert (changed, doc.to_bytes()) == (False, data)
        return
    expected, expected_lines = expected_bytes(data, edit)
    assert changed is True
    assert doc.to_bytes() == expected
    assert doc.lines == expected_lines
    mapping = front_matter_of(expected)
    assert mapping == {**edit.other, edit.key: edit.expected_value}
    # Applying it again is a no-op.
    again = Document.from_bytes(expected)
    assert add_list_values(again, edit.key, edit.values) is False
    assert again.to_bytes() == expected


PROPERTY_KEY = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)
PROPERTY_VALUE = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ./]{0,10}", fullmatch=True).map(str.strip)
BULLET_TEXT = st.text(st.characters(blacklist_characters="\r\n\x00:", codec="utf-8"), max_size=12)
PAGE = st.from_regex(r"[A-Za-z][A-Za-z0-9 _/-]{0,8}", fullmatch=True).map(str.strip)


def page_name(value: str) -> str:
    return split_page_list(value)[0][0]


@st.composite
def property_edits(draw: st.DrawFn) -> Edit:
    """A Logseq page: bare page properties, a first bullet of properties, or none."""
    key = draw(st.sampled_from(["tags", "authors"]))
    value = TAG if key == "tags" else LINK
    values = draw(st.lists(value, min_size=1, max_size=3, unique_by=str.casefold))
    layout = draw(st.sampled_from(["bare", "bullet", "none"]))
    body = [f"- {text}" for text in draw(st.lists(BULLET_TEXT, max_size=4))]
    if layout == "none":
        if draw(st.booleans()):
            body = ["", *body]
        new_lines = [f"{key}:: {', '.join(values)}"]
        if body and body[0].strip():
            new_lines.append("")
        return Edit(body, key, values, None, 0, new_lines, [page_name(v) for v in values], {})
    others = draw(
        st.lists(
            st.tuples(PROPERTY_KEY.filter(lambda name: name != key), PROPERTY_VALUE),
            max_size=3,
            unique_by=lambda pair: pair[0],
        )
    )
    lines = [f"{name}:: {text}" for name, text in others]
    existing = draw(st.lists(PAGE.filter(bool), max_size=3)) if draw(st.booleans()) else None
    if not lines and existing is None:
        existing = []
    target = None
    if existing is not None:
        forms = [draw(st.sampled_from(["{}", "[[{}]]", "#{}"])) for _ in existing]
        shown = ", ".join(form.format(name) for form, name in zip(forms, existing, strict=True))
        target = draw(st.integers(0, len(lines)))
        lines.insert(target, f"{key}::{' ' if shown else ''}{shown}{draw(TRAILING)}")
    if layout == "bullet":
        lines = [f"- {lines[0]}", *(f"  {line}" for line in lines[1:])]
    present = {name.casefold() for name in existing or []}
    added = [item for item in values if page_name(item).casefold() not in present]
    names = [*(existing or []), *(page_name(item) for item in added)]
    gap = [""] if layout == "bare" and draw(st.booleans()) else []
    if target is not None:
        line = lines[target]
        stripped = line.rstrip()
        separator = ", " if existing else " "
        new_lines = [f"{stripped}{separator}{', '.join(added)}{line[len(stripped) :]}"]
        if not added:
            new_lines = [line]
        return Edit([*lines, *gap, *body], key, values, target, target, new_lines, names, {})
    prefix = "" if layout == "bare" else "  "
    new_lines = [f"{prefix}{key}:: {', '.join(added)}"] if added else []
    return Edit([*lines, *gap, *body], key, values, None, len(lines), new_lines, names, {})


@settings(max_examples=300, deadline=None)
@given(
    edit=property_edits(),
    newline=st.sampled_from(["\n", "\r\n"]),
    final_newline=st.booleans(),
    bom=st.booleans(),
)
def test_add_property_values_edits_only_the_intended_lines(edit, newline, final_newline, bom):
    data = note_bytes(edit.lines, newline, final_newline, bom)
    doc = Document.from_bytes(data)
    changed = add_property_values(doc, edit.key, edit.values)
    if edit.noop:
        assert (changed, doc.to_bytes()) == (False, data)
        return
    expected, expected_lines = expected_bytes(data, edit)
    assert changed is True
    assert doc.to_bytes() == expected
    assert doc.lines == expected_lines
    found = [prop for prop in page_properties(doc.lines, 1) if prop.key == edit.key]
    assert len(found) == 1
    assert [name for name, _ in split_page_list(found[0].value)] == edit.expected_value
    again = Document.from_bytes(expected)
    assert add_property_values(again, edit.key, edit.values) is False
    assert again.to_bytes() == expected
