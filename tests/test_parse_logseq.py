"""Logseq notes: page references of every form, block references, properties, block ids, titles.

Titles are tested for both apps here: Obsidian's is the file stem, Logseq's comes from
``title::`` or the decoded file name, and a journal file gets its day's title and ISO date.
"""

from __future__ import annotations

import pytest

from vaultkit.apps.logseq import LogseqConfig
from vaultkit.model import BlockId, Flavor, LinkKind, Property, Tag, TagSource
from vaultkit.parse.note import parse_note

LOGSEQ = Flavor.LOGSEQ
WIKI = LinkKind.WIKILINK
TAG = LinkKind.TAG
PROP = LinkKind.PROPERTY
LABELED = LinkKind.LABELED
MACRO = LinkKind.EMBED_MACRO
BLOCK = LinkKind.BLOCK_REF
UUID = "6571f8a2-1c1e-4c4a-9a3b-2f1d8c0e5a71"
TRIPLE = LogseqConfig(name_format="triple-lowbar")


def parse(text, path="pages/Note.md", logseq=TRIPLE):
    return parse_note(text, path, LOGSEQ, logseq=logseq)


def refs(text):
    """(kind, target, text, block_ref, line, column, raw) of every link."""
    return [
        (link.kind, link.target, link.text, link.block_ref, link.line, link.column, link.raw)
        for link in parse(text).links
    ]


# --- page references ---------------------------------------------------------------------------


def test_page_reference():
    assert refs("- see [[Page]]") == [(WIKI, "Page", None, False, 1, 7, "[[Page]]")]


def test_page_reference_is_never_split_at_a_hash():
    note = parse("- [[C#]] and [[Note#Part]]")
    assert [(link.target, link.anchor) for link in note.links] == [
        ("C#", None),
        ("Note#Part", None),
    ]


def test_namespaced_page_reference():
    assert refs("- [[AI/Transformers]]") == [
        (WIKI, "AI/Transformers", None, False, 1, 3, "[[AI/Transformers]]")
    ]


def test_tag_is_a_page_reference():
    note = parse("- about #tag here")
    assert [(link.kind, link.target, link.line, link.column, link.raw) for link in note.links] == [
        (TAG, "tag", 1, 9, "#tag")
    ]
    assert note.tags == [Tag("tag", 1, 9)]


def test_multi_word_tag_is_one_tag_link_and_no_wikilink():
    note = parse("- x #[[multi word]]")
    assert refs("- x #[[multi word]]") == [
        (TAG, "multi word", None, False, 1, 5, "#[[multi word]]")
    ]
    assert note.tags == [Tag("multi word", 1, 5)]


def test_all_digit_tag_is_no_reference():
    assert parse("- #1984 x#y").links == []


def test_labeled_page_reference():
    assert refs("- [the label]([[Page]])") == [
        (LABELED, "Page", "the label", False, 1, 3, "[the label]([[Page]])")
    ]


def test_embed_macro_of_a_page_is_one_link():
    assert refs("- {{embed [[Page]]}}") == [
        (MACRO, "Page", None, False, 1, 3, "{{embed [[Page]]}}")
    ]


def test_embed_macro_with_spaces():
    assert [
        (link.kind, link.target, link.column) for link in parse("- {{embed  [[P]] }}").links
    ] == [(MACRO, "P", 3)]


def test_every_form_on_one_line():
    assert [
        (link.kind, link.target, link.column)
        for link in parse("- [[P]] #tag #[[multi word]] [label]([[Q]]) {{embed [[E]]}}").links
    ] == [
        (WIKI, "P", 3),
        (TAG, "tag", 9),
        (TAG, "multi word", 14),
        (LABELED, "Q", 30),
        (MACRO, "E", 45),
    ]


def test_markdown_links_and_images_still_count():
    assert [
        (link.kind, link.target, link.text)
        for link in parse("- ![diagram](../assets/diagram.png) [doc](../assets/a%20b.pdf)").links
    ] == [
        (LinkKind.IMAGE, "../assets/diagram.png", "diagram"),
        (LinkKind.MARKDOWN, "../assets/a b.pdf", "doc"),
    ]


def test_obsidian_comment_markers_hide_nothing_in_logseq():
    assert [link.target for link in parse("- %% [[x]] %%").links] == ["x"]


def test_hash_inside_a_page_reference_is_not_a_tag():
    note = parse("- [[a #b]]")
    assert refs("- [[a #b]]") == [(WIKI, "a #b", None, False, 1, 3, "[[a #b]]")]
    assert note.tags == []


# --- block references --------------------------------------------------------------------------


def test_block_reference_lowercases_the_uuid():
    assert refs(f"- ref (({UUID.upper()}))") == [
        (BLOCK, UUID, None, True, 1, 7, f"(({UUID.upper()}))")
    ]


def test_labeled_block_reference():
    assert refs(f"- [label]((({UUID})))") == [
        (LABELED, UUID, "label", True, 1, 3, f"[label]((({UUID})))")
    ]


def test_embed_macro_of_a_block():
    assert refs(f"- {{{{embed (({UUID}))}}}}") == [
        (MACRO, UUID, None, True, 1, 3, f"{{{{embed (({UUID}))}}}}")
    ]


def test_block_forms_are_each_one_link():
    text = f"- (({UUID})) [l]((({UUID}))) {{{{embed (({UUID}))}}}}"
    assert [(link.kind, link.column) for link in parse(text).links] == [
        (BLOCK, 3),
        (LABELED, 44),
        (MACRO, 90),
    ]


@pytest.mark.parametrize("text", ["- ((not-a-uuid))", f"- (({UUID[:-1]}))", f"- `(({UUID}))`"])
def test_not_a_block_reference(text):
    assert parse(text).links == []


def test_block_refs_are_not_read_in_obsidian():
    assert parse_note(f"(({UUID}))", "Note.md", Flavor.OBSIDIAN).links == []


# --- block ids ---------------------------------------------------------------------------------


def test_id_property_under_a_bullet():
    note = parse(f"- block\n  id:: {UUID.upper()}\n- other")
    assert note.block_ids == [BlockId(UUID, 2, 8)]


def test_id_property_on_the_first_block():
    note = parse(f"id:: {UUID}\n- y")
    assert note.block_ids == [BlockId(UUID, 1, 6)]


def test_id_property_must_hold_a_uuid():
    assert parse("- x\n  id:: 1234\n- y").block_ids == []


def test_obsidian_caret_ids_are_not_logseq_block_ids():
    assert parse("- text ^blk").block_ids == []


def test_id_property_in_code_is_not_a_block_id():
    assert parse(f"- x\n  ```\n  id:: {UUID}\n  ```").block_ids == []


# --- properties --------------------------------------------------------------------------------


def test_page_properties_with_columns():
    note = parse("title:: My Page\nauthor:: [[Someone]]\nrating:: 5\n\n- body:: not a page prop")
    assert note.properties == [
        Property("title", "My Page", 1, 1, 9),
        Property("author", "[[Someone]]", 2, 1, 10),
        Property("rating", "5", 3, 1, 10),
    ]
    assert note.property("AUTHOR") == "[[Someone]]"
    assert note.property("missing") is None


def test_properties_of_a_first_bullet_block():
    note = parse("- a:: [[X]]\n  b:: y\n- [[Z]]")
    assert note.properties == [Property("a", "[[X]]", 1, 3, 7), Property("b", "y", 2, 3, 7)]
    assert refs("- a:: [[X]]\n  b:: y\n- [[Z]]") == [
        (PROP, "X", None, False, 1, 7, "[[X]]"),
        (WIKI, "Z", None, False, 3, 3, "[[Z]]"),
    ]


def test_properties_after_front_matter():
    note = parse("---\ntitle: x\n---\nauthor:: [[A]]\n- b")
    assert note.properties == [Property("author", "[[A]]", 4, 1, 10)]
    assert refs("---\ntitle: x\n---\nauthor:: [[A]]\n- b") == [
        (PROP, "A", None, False, 4, 10, "[[A]]")
    ]


def test_reference_in_a_property_value():
    assert refs("author:: [[@karpathy on Twitter]]\n\n- x") == [
        (PROP, "@karpathy on Twitter", None, False, 1, 10, "[[@karpathy on Twitter]]")
    ]


def test_tag_in_a_property_value():
    assert refs("category:: #tweets\n- x") == [(PROP, "tweets", None, False, 1, 12, "#tweets")]


def test_tags_property_bare_names_become_references():
    note = parse("tags:: a, [[b c]], #d\n\n- body")
    assert [(link.kind, link.target, link.line, link.column, link.raw) for link in note.links] == [
        (PROP, "a", 1, 8, "a"),
        (PROP, "b c", 1, 11, "[[b c]]"),
        (PROP, "d", 1, 20, "#d"),
    ]


def test_tags_property_gives_tags():
    note = parse("tags:: a, [[b c]]\n- x")
    assert note.tags == [
        Tag("a", 1, 8, TagSource.PROPERTY),
        Tag("b c", 1, 11, TagSource.PROPERTY),
    ]


def test_hash_tag_in_tags_property_is_one_tag():
    assert parse("tags:: a, #d\n- x").tags == [
        Tag("a", 1, 8, TagSource.PROPERTY),
        Tag("d", 1, 11, TagSource.PROPERTY),
    ]


def test_bracketed_name_with_a_comma_is_one_item():
    note = parse("tags:: [[a, b]], c\n")
    assert [(t.name, t.column) for t in note.tags] == [("a, b", 8), ("c", 18)]


def test_alias_property():
    note = parse("alias:: First, [[Second One]]\n\n- x")
    assert note.aliases == ["First", "Second One"]
    assert refs("alias:: First, [[Second One]]\n\n- x") == [
        (PROP, "Second One", None, False, 1, 16, "[[Second One]]")
    ]
    assert note.tags == []


def test_property_lines_after_the_first_block_are_not_page_properties():
    note = parse("- first\n- alias:: nope\n  tags:: no")
    assert note.properties == []
    assert note.aliases == []
    assert note.tags == []


def test_vaultkit_disable_property():
    note = parse("vaultkit-disable:: broken-link, missing-page\n- x")
    assert [(s.kind.value, s.rules, s.line) for s in note.suppressions] == [
        ("file", ("broken-link", "missing-page"), 1)
    ]


def test_block_property_values_are_property_references():
    assert refs("- block\n  tags:: alpha, [[b c]]\n  source:: [[X]]") == [
        (PROP, "alpha", None, False, 2, 10, "alpha"),
        (PROP, "b c", None, False, 2, 17, "[[b c]]"),
        (PROP, "X", None, False, 3, 12, "[[X]]"),
    ]


# --- titles ------------------------------------------------------------------------------------


def title(path, text="- x", logseq=TRIPLE):
    note = parse(text, path, logseq)
    return note.title, note.journal_date


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("pages/Plain page.md", "Plain page"),
        ("pages/AI___Transformers.md", "AI/Transformers"),
        ("pages/a___b___c.md", "a/b/c"),
        ("pages/a%3Ab.md", "a:b"),
        ("pages/Why%3F.md", "Why?"),
        ("pages/a.b.md", "a.b"),
        ("pages/sub/folder/Deep.md", "Deep"),
        ("pages/100%.md", "100%"),
    ],
)
def test_triple_lowbar_titles(path, expected):
    assert title(path) == (expected, None)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("pages/a.b.md", "a/b"),
        ("pages/a.b.c.md", "a/b/c"),
        ("pages/v1%2E2.md", "v1.2"),
        ("pages/AI___Transformers.md", "AI___Transformers"),
    ],
)
def test_legacy_titles(path, expected):
    assert title(path, logseq=LogseqConfig(name_format="legacy")) == (expected, None)


def test_title_property_wins():
    assert title("pages/file.md", "title:: The Real Title\n- x") == ("The Real Title", None)


def test_front_matter_title_is_used():
    assert title("pages/file.md", "---\ntitle: From YAML\n---\n- x") == ("From YAML", None)


def test_journal_title_and_date():
    assert title("journals/2022_11_19.md") == ("Nov 19th, 2022", "2022-11-19")
    assert title("journals/2023_04_01.md") == ("Apr 1st, 2023", "2023-04-01")


def test_journal_with_default_config():
    note = parse_note("- x", "journals/2022_11_19.md", LOGSEQ)
    assert (note.title, note.journal_date) == ("Nov 19th, 2022", "2022-11-19")


def test_journal_title_format_from_config():
    config = LogseqConfig(name_format="triple-lowbar", journal_title_format="yyyy-MM-dd")
    assert title("journals/2022_11_19.md", logseq=config) == ("2022-11-19", "2022-11-19")


def test_date_named_file_outside_journals_is_a_page():
    assert title("pages/2022_11_19.md") == ("2022_11_19", None)


def test_non_date_file_in_journals_is_a_page():
    assert title("journals/notes.md") == ("notes", None)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("My Note.md", "My Note"),
        ("folder/sub/My Note.md", "My Note"),
        ("AI___T.md", "AI___T"),
        ("a%3Ab.md", "a%3Ab"),
        ("journals/2022_11_19.md", "2022_11_19"),
        ("UPPER.MD", "UPPER"),
        ("v1.2.md", "v1.2"),
    ],
)
def test_obsidian_title_is_the_file_stem(path, expected):
    note = parse_note("title:: ignored\n---\ntitle: also ignored\n", path, Flavor.OBSIDIAN)
    assert (note.title, note.journal_date) == (expected, None)
