"""The parser's links: wikilinks, embeds, Markdown links, malformed links, inline tags, block ids.

Every expectation names the exact target, anchor, shown text, kind, line and column. The last
section holds the property tests: ``parse_note`` never raises, and every link's position points
at its raw text in the file.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.model import BlockId, FileProblem, Fix, Flavor, LinkKind, Tag, TagSource
from vaultkit.parse.note import parse_note

WIKI = LinkKind.WIKILINK
EMBED = LinkKind.EMBED
MD = LinkKind.MARKDOWN
IMAGE = LinkKind.IMAGE


def parse(text, flavor=Flavor.OBSIDIAN, path="Note.md"):
    return parse_note(text, path, flavor)


def links(text, flavor=Flavor.OBSIDIAN):
    """(kind, target, anchor, shown text, line, column) of every link, in document order."""
    return [
        (link.kind, link.target, link.anchor, link.text, link.line, link.column)
        for link in parse(text, flavor).links
    ]


def malformed(text):
    return [
        (problem.line, problem.column)
        for problem in parse(text).problems
        if problem.code == "malformed-link"
    ]


# --- wikilinks ---------------------------------------------------------------------------------


def test_plain_wikilink_has_target_raw_and_position():
    note = parse("See [[Note]] here.")
    assert len(note.links) == 1
    link = note.links[0]
    assert (link.kind, link.target, link.anchor, link.text) == (WIKI, "Note", None, None)
    assert (link.line, link.column, link.raw) == (1, 5, "[[Note]]")
    assert link.block_ref is False
    assert link.is_embed is False


def test_nested_heading_anchor_keeps_every_level():
    assert links("[[Note#H1#H2]]") == [(WIKI, "Note", "H1#H2", None, 1, 1)]


def test_block_anchor():
    assert links("[[Note#^id]]") == [(WIKI, "Note", "^id", None, 1, 1)]


def test_same_note_heading_has_empty_target():
    assert links("[[#Heading]]") == [(WIKI, "", "Heading", None, 1, 1)]


def test_same_note_block_anchor():
    assert links("x [[#^blk-1]]") == [(WIKI, "", "^blk-1", None, 1, 3)]


def test_shown_text():
    assert links("[[Note|text]]") == [(WIKI, "Note", None, "text", 1, 1)]


def test_anchor_then_shown_text():
    assert links("[[Note#Some Heading|shown]]") == [(WIKI, "Note", "Some Heading", "shown", 1, 1)]


def test_shown_text_keeps_later_pipes_and_hashes():
    assert links("[[a#b|c#d|e]]") == [(WIKI, "a", "b", "c#d|e", 1, 1)]


def test_escaped_pipe_in_a_table():
    note = parse("| col | [[Note\\|alias]] |")
    assert [(link.target, link.text, link.column, link.raw) for link in note.links] == [
        ("Note", "alias", 9, "[[Note\\|alias]]")
    ]


def test_escaped_pipe_in_a_table_with_an_anchor():
    assert links("| [[Note#Part\\|alias]] |") == [(WIKI, "Note", "Part", "alias", 1, 3)]


def test_target_with_md_extension_is_kept_as_written():
    assert links("[[Note.md]]") == [(WIKI, "Note.md", None, None, 1, 1)]


def test_target_with_folder():
    assert links("[[folder/sub/Note]]") == [(WIKI, "folder/sub/Note", None, None, 1, 1)]


def test_target_is_stripped_of_spaces():
    assert links("[[  Note  |  shown ]]") == [(WIKI, "Note", None, "  shown ", 1, 1)]


def test_embed_of_a_note():
    note = parse("![[Note]]")
    assert [(link.kind, link.target, link.raw, link.is_embed) for link in note.links] == [
        (EMBED, "Note", "![[Note]]", True)
    ]


def test_embed_of_an_image_with_size():
    assert links("![[image.png|100x145]]") == [(EMBED, "image.png", None, "100x145", 1, 1)]


def test_embed_of_a_pdf_page():
    assert links("![[doc.pdf#page=3]]") == [(EMBED, "doc.pdf", "page=3", None, 1, 1)]


def test_embed_of_a_heading():
    assert links("text ![[Note#Part]]") == [(EMBED, "Note", "Part", None, 1, 6)]


def test_url_in_double_brackets_is_not_a_note_link():
    assert parse("[[https://example.com/page]] and [[http://x|t]]").links == []


def test_lone_closing_bracket_does_not_end_the_target():
    assert links("[[a]b]]") == [(WIKI, "a]b", None, None, 1, 1)]


def test_lone_opening_bracket_inside_the_target():
    assert links("[[a[b]]") == [(WIKI, "a[b", None, None, 1, 1)]


def test_nested_double_brackets_yield_the_inner_link():
    note = parse("[[[[a]]]]")
    assert [(link.target, link.column, link.raw) for link in note.links] == [("a", 3, "[[a]]")]


def test_extra_closing_bracket_after_a_link():
    assert links("[[a]]]") == [(WIKI, "a", None, None, 1, 1)]


def test_several_links_on_one_line_in_order():
    assert links("x [[a]] y ![[b|c]] z [[d#e]]") == [
        (WIKI, "a", None, None, 1, 3),
        (EMBED, "b", None, "c", 1, 11),
        (WIKI, "d", "e", None, 1, 22),
    ]


def test_links_on_several_lines():
    assert links("first\n\n  [[a]]\nsecond [[b]]") == [
        (WIKI, "a", None, None, 3, 3),
        (WIKI, "b", None, None, 4, 8),
    ]


def test_columns_count_code_points_not_bytes():
    assert links("é 🎉 日本 [[a]]") == [(WIKI, "a", None, None, 1, 8)]


def test_empty_wikilink_is_kept_with_empty_target():
    assert links("[[]]") == [(WIKI, "", None, None, 1, 1)]


def test_wikilink_does_not_span_lines():
    note = parse("[[x\n]]")
    assert note.links == []
    assert malformed("[[x\n]]") == [(1, 1)]


# --- Markdown links ----------------------------------------------------------------------------


def test_markdown_link_is_percent_decoded():
    note = parse("[t](Note%20Name.md)")
    assert [(link.kind, link.target, link.anchor, link.text, link.raw) for link in note.links] == [
        (MD, "Note Name.md", None, "t", "[t](Note%20Name.md)")
    ]


def test_markdown_link_without_extension():
    assert links("[t](Note%20Name)") == [(MD, "Note Name", None, "t", 1, 1)]


def test_markdown_link_relative_path_and_decoded_anchor():
    assert links("[t](../dir/Note.md#Some%20Heading)") == [
        (MD, "../dir/Note.md", "Some Heading", "t", 1, 1)
    ]


def test_markdown_link_to_a_block():
    assert links("[t](Note.md#^blk)") == [(MD, "Note.md", "^blk", "t", 1, 1)]


def test_markdown_link_to_a_heading_of_this_note():
    assert links("[t](#Heading)") == [(MD, "", "Heading", "t", 1, 1)]


def test_markdown_link_in_angle_brackets_may_hold_spaces():
    assert links("[t](<My Note.md>)") == [(MD, "My Note.md", None, "t", 1, 1)]


def test_markdown_link_with_a_title():
    assert links('[t](Note.md "A title")') == [(MD, "Note.md", None, "t", 1, 1)]
    assert links('[t](<My Note.md> "A (title)")') == [(MD, "My Note.md", None, "t", 1, 1)]


def test_markdown_link_with_spaces_inside_the_parentheses():
    assert links("[a]( b.md )") == [(MD, "b.md", None, "a", 1, 1)]


def test_markdown_link_with_balanced_parentheses_in_the_destination():
    assert links("[t](a(b).md)") == [(MD, "a(b).md", None, "t", 1, 1)]


def test_markdown_link_decodes_utf8_escapes():
    assert links("[t](%F0%9F%8E%89.md)") == [(MD, "🎉.md", None, "t", 1, 1)]


def test_markdown_link_keeps_an_incomplete_escape():
    assert links("[t](ex%ample.md)") == [(MD, "ex%ample.md", None, "t", 1, 1)]


def test_markdown_link_label_with_brackets():
    assert links("[a [b] c](x.md)") == [(MD, "x.md", None, "a [b] c", 1, 1)]


def test_empty_markdown_link_has_empty_target():
    note = parse("[text]()")
    assert [(link.kind, link.target, link.text, link.raw) for link in note.links] == [
        (MD, "", "text", "[text]()")
    ]
    assert note.problems == []


def test_empty_angle_destination_is_an_empty_link():
    assert links("[t](<>)") == [(MD, "", None, "t", 1, 1)]


def test_markdown_image():
    note = parse("![alt text](img/pic.png)")
    assert [
        (link.kind, link.target, link.text, link.raw, link.is_embed) for link in note.links
    ] == [(IMAGE, "img/pic.png", "alt text", "![alt text](img/pic.png)", True)]


def test_image_inside_a_link_yields_both():
    assert links("[![img](a.png)](b.md)") == [
        (MD, "b.md", None, "![img](a.png)", 1, 1),
        (IMAGE, "a.png", None, "img", 1, 2),
    ]


def test_escaped_bang_makes_a_plain_link():
    assert links("\\![a](x.md)") == [(MD, "x.md", None, "a", 1, 3)]


def test_several_markdown_links_on_a_line():
    assert links("a [x](y.md) b [c](https://x) [z](w.md)[q](r.md)") == [
        (MD, "y.md", None, "x", 1, 3),
        (MD, "w.md", None, "z", 1, 30),
        (MD, "r.md", None, "q", 1, 39),
    ]


def test_markdown_and_wikilinks_mixed():
    assert links("![[a]] ![b](c.png) [[d]] [e](f.md)") == [
        (EMBED, "a", None, None, 1, 1),
        (IMAGE, "c.png", None, "b", 1, 8),
        (WIKI, "d", None, None, 1, 20),
        (MD, "f.md", None, "e", 1, 26),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "[t](https://example.com/Note.md)",
        "[t](http://example.com)",
        "[t](mailto:someone@example.com)",
        "[t](obsidian://open?vault=v&file=Note)",
        "[t](//host/Note.md)",
        "[t](file:///home/me/Note.md)",
        "![t](https://example.com/pic.png)",
        "<https://example.com> <Note.md>",
    ],
)
def test_external_destinations_are_not_vault_links(source):
    note = parse(source)
    assert note.links == []
    assert note.problems == []


def test_escaped_parentheses_in_a_destination():
    # CommonMark: `\(` in a destination is a literal `(`; this is a valid link to `a(b).md`.
    note = parse("[t](a\\(b\\).md)")
    assert note.problems == []
    assert [(link.kind, link.target, link.text) for link in note.links] == [(MD, "a(b).md", "t")]


# --- malformed links ---------------------------------------------------------------------------


def test_extra_opening_parenthesis_is_malformed():
    note = parse("* [Video]((https://www.youtube.com/watch?v=x)")
    assert note.links == []
    assert [(p.code, p.line, p.column) for p in note.problems] == [("malformed-link", 1, 3)]
    assert note.problems[0].message.startswith("link destination starts with an extra '('")


def test_parenthesised_angle_destination_is_malformed():
    note = parse("x\n[t](<(https://x)>)")
    assert note.links == []
    assert [(p.code, p.line, p.column) for p in note.problems] == [("malformed-link", 2, 1)]
    assert "wrapped in parentheses" in note.problems[0].message


def test_destination_with_spaces_is_malformed_with_the_fix():
    note = parse("See [a](My Note.md) now")
    assert note.links == []
    assert note.problems == [
        FileProblem(
            "malformed-link",
            "link destination 'My Note.md' has spaces, so it is not a link; "
            "write (My%20Note.md) or (<My Note.md>)",
            1,
            5,
            Fix(1, 5, "[a](My Note.md)", "[a](My%20Note.md)"),
        )
    ]


def test_unclosed_wikilink_is_malformed():
    note = parse("line one\nsee [[Open and more")
    assert note.links == []
    assert note.problems == [
        FileProblem("malformed-link", "'[[' is never closed with ']]' on this line", 2, 5)
    ]


def test_unclosed_wikilink_after_a_good_one():
    assert links("[[a]] [[b") == [(WIKI, "a", None, None, 1, 1)]
    assert malformed("[[a]] [[b") == [(1, 7)]


def test_closed_links_are_not_malformed():
    assert malformed("[[a]] [b](c.md) ![[d|e]] [f](<g h.md>) [x]()") == []


# --- inline tags (Obsidian) --------------------------------------------------------------------


def tags(text, flavor=Flavor.OBSIDIAN):
    return [(tag.name, tag.line, tag.column, tag.source) for tag in parse(text, flavor).tags]


INLINE = TagSource.INLINE


def test_inline_tag_kinds_of_characters():
    text = "#tag #nested/tag #with-dash #under_score #a1 #café #日本 #🎉"
    assert tags(text) == [
        ("tag", 1, 1, INLINE),
        ("nested/tag", 1, 6, INLINE),
        ("with-dash", 1, 18, INLINE),
        ("under_score", 1, 29, INLINE),
        ("a1", 1, 42, INLINE),
        ("café", 1, 46, INLINE),
        ("日本", 1, 52, INLINE),
        ("🎉", 1, 56, INLINE),
    ]


def test_all_digit_tag_is_not_a_tag():
    assert tags("#1984 and #2023/01") == []


def test_tag_with_digits_and_a_word_is_a_tag():
    assert tags("#2023/notes") == [("2023/notes", 1, 1, INLINE)]


def test_hash_inside_a_word_is_not_a_tag():
    assert tags("a#b C#") == []


def test_heading_is_not_a_tag():
    assert tags("# x\n## y") == []


def test_url_fragment_is_not_a_tag():
    assert tags("see https://x.com/#frag and https://x.com/page#top") == []


def test_tag_ends_at_punctuation():
    assert tags("#end. #a.b #tag!x #c, #d;") == [
        ("end", 1, 1, INLINE),
        ("a", 1, 7, INLINE),
        ("tag", 1, 12, INLINE),
        ("c", 1, 19, INLINE),
        ("d", 1, 23, INLINE),
    ]


def test_tags_in_a_heading_count():
    note = parse("# Title #tag")
    assert [(t.name, t.line, t.column) for t in note.tags] == [("tag", 1, 9)]
    assert [(h.level, h.text) for h in note.headings] == [(1, "Title #tag")]


def test_obsidian_tag_is_no_link():
    note = parse("#tag")
    assert note.links == []


def test_obsidian_bracketed_tag_is_a_plain_wikilink():
    note = parse("x #[[multi word]]")
    assert note.tags == []
    assert links("x #[[multi word]]") == [(WIKI, "multi word", None, None, 1, 4)]


def test_escaped_hash_is_not_a_tag():
    assert tags("\\#tag #real") == [("real", 1, 7, INLINE)]


def test_hash_inside_a_wikilink_is_not_a_tag():
    note = parse("[[Note|shown #text]] [[Other#H1 #H2]]")
    assert note.tags == []
    assert links("[[Note|shown #text]]") == [(WIKI, "Note", None, "shown #text", 1, 1)]


# --- Obsidian block ids ------------------------------------------------------------------------


def block_ids(text, flavor=Flavor.OBSIDIAN):
    return parse(text, flavor).block_ids


def test_block_id_at_the_end_of_a_paragraph_and_a_list_item():
    assert block_ids("para text ^abc-1\n\n- item ^x2") == [
        BlockId("abc-1", 1, 11),
        BlockId("x2", 3, 8),
    ]


def test_block_id_alone_on_its_line():
    assert block_ids("- a\n- b\n\n^list-id\n\n> quote\n\n^q1") == [
        BlockId("list-id", 4, 1),
        BlockId("q1", 8, 1),
    ]


def test_block_id_only_at_the_end_of_a_line():
    assert block_ids("text ^notend more\ntext^glued") == []


def test_block_id_characters_are_letters_digits_and_dashes():
    assert block_ids("para ^a_b") == []
    assert block_ids("para ^AbC-09") == [BlockId("AbC-09", 1, 6)]


def test_block_id_trailing_spaces_allowed():
    assert block_ids("para ^id1  ") == [BlockId("id1", 1, 6)]


def test_no_block_ids_in_code_or_comments():
    text = "`x ^c`\n\n<!-- y ^d -->\n\n%% z ^e %%\n\n```\nz ^f\n```\n\n    w ^g"
    assert block_ids(text) == []


# --- positions with other line ends ------------------------------------------------------------

MIXED = (
    '---\ntags: [x]\nup: "[[P]]"\n---\n# H\ntext [[a]] #t ^bid\n\n```\n[[no]]\n```\n'
    "[b](c.md) ![[d]]\nbad [[open\n"
)


def _summary(note):
    return (
        note.links,
        note.tags,
        note.headings,
        note.block_ids,
        note.problems,
        note.line_count,
    )


def test_lf_positions():
    note = parse(MIXED)
    assert [(link.kind, link.target, link.line, link.column) for link in note.links] == [
        (LinkKind.FRONTMATTER, "P", 3, 6),
        (WIKI, "a", 6, 6),
        (MD, "c.md", 11, 1),
        (EMBED, "d", 11, 11),
    ]
    assert note.tags == [
        Tag("x", 2, 8, TagSource.FRONTMATTER),
        Tag("t", 6, 12, INLINE),
    ]
    assert [(h.text, h.line, h.column) for h in note.headings] == [("H", 5, 1)]
    assert note.block_ids == [BlockId("bid", 6, 15)]
    assert [(p.code, p.line, p.column) for p in note.problems] == [("malformed-link", 12, 5)]
    assert note.line_count == 13


def test_crlf_file_gives_the_same_positions_as_lf():
    assert _summary(parse(MIXED.replace("\n", "\r\n"))) == _summary(parse(MIXED))


def test_lone_cr_file_gives_the_same_positions_as_lf():
    assert _summary(parse(MIXED.replace("\n", "\r"))) == _summary(parse(MIXED))


def test_crlf_logseq_positions():
    text = "tags:: a\n- [[P]] #t ((6571f8a2-1c1e-4c4a-9a3b-2f1d8c0e5a71))\n"
    lf = parse(text, Flavor.LOGSEQ)
    crlf = parse(text.replace("\n", "\r\n"), Flavor.LOGSEQ)
    cr = parse(text.replace("\n", "\r"), Flavor.LOGSEQ)
    assert lf.links == crlf.links == cr.links
    assert lf.properties == crlf.properties == cr.properties
    assert [(link.target, link.line, link.column) for link in lf.links] == [
        ("a", 1, 8),
        ("P", 2, 3),
        ("t", 2, 9),
        ("6571f8a2-1c1e-4c4a-9a3b-2f1d8c0e5a71", 2, 12),
    ]


# --- property tests ----------------------------------------------------------------------------

FRAGMENTS = [
    "[[", "]]", "[", "]", "(", ")", "![", "](", "|", "\\|", "#", "#x", "^", "^id", "\\",
    "```", "~~~", "`", "---\n", "%%", "<!--", "-->", "((", "))", "{{embed ", "}}", "::",
    "tags:: ", "id:: ", "- ", "> ", "    ", "\t", "\n", "\r\n", "\r", " ", "=", "<", ">",
    "a", "Note", ".md", "%20", "é", "🎉", "\x00", "https://", "https://twitter.com/jack/status/20",
    "6571f8a2-1c1e-4c4a-9a3b-2f1d8c0e5a71", "up: \"[[P]]\"\n", "tags: [a, b]\n",
]  # fmt: skip

markdownish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join)
flavors = st.sampled_from([Flavor.OBSIDIAN, Flavor.LOGSEQ])


def _check_positions(text, flavor):
    note = parse(text, flavor)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert note.line_count == len(lines)
    for link in note.links:
        assert 1 <= link.line <= len(lines), link
        line = lines[link.line - 1]
        first = link.raw.split("\n")[0]
        assert link.column >= 1, link
        assert line[link.column - 1 :].startswith(first), (link, line)
    for item in [*note.tags, *note.headings, *note.block_ids, *note.problems]:
        assert 1 <= item.line <= len(lines), item


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), flavors)
def test_any_text_parses_and_positions_point_at_the_raw_link(text, flavor):
    _check_positions(text, flavor)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish, flavors)
def test_markdown_fragments_parse_and_positions_point_at_the_raw_link(text, flavor):
    _check_positions(text, flavor)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([f for f in FRAGMENTS if "\r" not in f]), max_size=30), flavors)
def test_line_ends_never_change_what_is_found(parts, flavor):
    text = "".join(parts)
    lf = parse(text, flavor)
    for other in (text.replace("\n", "\r\n"), text.replace("\n", "\r")):
        note = parse(other, flavor)
        assert _summary(note) == _summary(lf)
        assert note.properties == lf.properties
        assert note.tweets == lf.tweets
