"""What the parser must not count: code blocks, inline code, escapes and comments; and headings.

Nothing inside code or a comment is a link, a tag, a heading, a block id or a tweet (tweets in
comments are kept, marked ``in_comment``). The last section feeds the parser pathological lines
of about a megabyte and checks that each one finishes, with its result.
"""

from __future__ import annotations

import pytest

from vaultkit.model import FileProblem, Flavor, Heading, LinkKind, Suppression, SuppressionKind
from vaultkit.parse.note import parse_note

from conftest import time_limit

OBSIDIAN = Flavor.OBSIDIAN
LOGSEQ = Flavor.LOGSEQ


def parse(text, flavor=OBSIDIAN):
    return parse_note(text, "Note.md", flavor)


def targets(text, flavor=OBSIDIAN):
    """(target, line, column) of every link."""
    return [(link.target, link.line, link.column) for link in parse(text, flavor).links]


def found(text, flavor=OBSIDIAN):
    """Everything that code and comments must hide: links, tags, headings, block ids, tweets."""
    note = parse(text, flavor)
    return {
        "links": [(link.target, link.line) for link in note.links],
        "tags": [(tag.name, tag.line) for tag in note.tags],
        "headings": [(h.text, h.line) for h in note.headings],
        "block_ids": [(b.id, b.line) for b in note.block_ids],
        "tweets": [(t.handle, t.line, t.in_comment) for t in note.tweets],
    }


NOTHING = {"links": [], "tags": [], "headings": [], "block_ids": [], "tweets": []}
CODE_BODY = "[[a]] #tag ![[img.png]] [m](m.md) ^blk\n# Heading\nhttps://twitter.com/jack/status/20"


# --- fenced code -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("```", "```"),
        ("~~~", "~~~"),
        ("```python", "```"),
        ("``` {.js title='x'}", "```"),
        ("~~~ a`b", "~~~"),
        ("````", "````"),
        ("````", "`````"),
        ("   ```", "   ```"),
        ("```", "```   "),
    ],
)
def test_fenced_code_hides_everything(opening, closing):
    text = f"{opening}\n{CODE_BODY}\n{closing}\n[[after]]"
    assert found(text) == {**NOTHING, "links": [("after", 6)]}


@pytest.mark.parametrize("flavor", [OBSIDIAN, LOGSEQ])
def test_unclosed_fence_runs_to_the_end(flavor):
    assert found(f"[[before]]\n```\n{CODE_BODY}\n[[b]]", flavor) == {
        **NOTHING,
        "links": [("before", 1)],
    }


def test_shorter_fence_does_not_close_a_longer_one():
    assert targets("````\n```\n[[a]]\n````\n[[b]]") == [("b", 5, 1)]


def test_tilde_does_not_close_a_backtick_fence():
    assert targets("```\n~~~\n[[a]]\n```\n[[b]]") == [("b", 5, 1)]


def test_backtick_in_info_string_is_not_a_fence():
    assert targets("``` a`b\n[[a]]") == [("a", 2, 1)]


def test_fence_indented_four_is_not_a_fence():
    assert targets("    ```\n[[a]]") == [("a", 2, 1)]


def test_fence_inside_a_list_item():
    assert targets("- item\n  ```\n  [[a]]\n  ```\n- [[b]]") == [("b", 5, 3)]


def test_fence_inside_an_ordered_list_item():
    assert targets("1. one\n   ```\n   [[a]]\n   ```\n2. [[b]]") == [("b", 5, 4)]


def test_fence_inside_a_block_quote():
    assert targets("> ```\n> [[a]]\n> ```\n[[b]]") == [("b", 4, 1)]


def test_logseq_fence_under_a_bullet_with_tabs():
    text = (
        "- parent\n"
        "\t- child\n"
        "\t  ```clojure\n"
        "\t  [[a]] #t ((6571f8a2-1c1e-4c4a-9a3b-2f1d8c0e5a71))\n"
        "\t  {{embed [[e]]}}\n"
        "\t  ```\n"
        "\t- [[b]] #c"
    )
    note = parse(text, LOGSEQ)
    assert [(link.kind, link.target, link.line, link.column) for link in note.links] == [
        (LinkKind.WIKILINK, "b", 7, 4),
        (LinkKind.TAG, "c", 7, 10),
    ]
    assert [(t.name, t.line) for t in note.tags] == [("c", 7)]


def test_fence_right_after_a_paragraph_line():
    assert targets("text\n```\n[[a]]\n```\n[[b]]") == [("b", 5, 1)]


# --- indented code -----------------------------------------------------------------------------


def test_indented_code_after_a_blank_line():
    text = f"text\n\n    {CODE_BODY.replace(chr(10), chr(10) + '    ')}\n\n[[after]]"
    assert found(text) == {**NOTHING, "links": [("after", 7)]}


def test_indented_code_at_the_start_of_the_note():
    assert targets("    [[a]]\n\n[[b]]") == [("b", 3, 1)]


def test_tab_indented_code():
    assert targets("para\n\n\t[[a]]\n\n[[b]]") == [("b", 5, 1)]


def test_indented_line_after_a_paragraph_is_a_continuation():
    assert targets("para\n    [[a]] lazy") == [("a", 2, 5)]


def test_list_continuation_indented_four_is_not_code():
    assert targets("- item\n\n    [[a]] continued\n") == [("a", 3, 5)]


def test_list_lazy_continuation_indented_four_is_not_code():
    assert targets("- item\n    [[a]] lazy") == [("a", 2, 5)]


def test_code_inside_a_list_item_needs_eight_spaces():
    assert targets("- item\n\n        [[a]]\n\n- [[b]]") == [("b", 5, 3)]


# --- inline code -------------------------------------------------------------------------------


def test_single_backtick_code_span():
    assert found("`[[a]] #t ^x https://twitter.com/a/status/1` [[b]]") == {
        **NOTHING,
        "links": [("b", 1)],
    }


def test_double_backtick_code_span_holding_a_backtick():
    assert targets("``[[a]] ` x`` [[c]]") == [("c", 1, 15)]


def test_code_span_across_two_lines_of_one_paragraph():
    assert targets("a `code\nstill [[a]] code` [[b]]") == [("b", 2, 19)]


def test_code_span_does_not_cross_a_blank_line():
    assert targets("a `open\n\n[[a]] close` [[b]]") == [("a", 3, 1), ("b", 3, 14)]


def test_unmatched_backtick_is_literal():
    assert targets("`unmatched [[a]]") == [("a", 1, 12)]


def test_unmatched_longer_run_is_literal():
    assert targets("``open [[a]] `close`") == [("a", 1, 8)]


def test_triple_backticks_mid_line_are_literal():
    assert targets("a ``` [[a]] x") == [("a", 1, 7)]


def test_escaped_backtick_does_not_open_code():
    assert targets("\\`[[a]]` [[b]]") == [("a", 1, 3), ("b", 1, 10)]


def test_inline_code_in_a_heading_hides_the_link():
    note = parse("# `[[x]]` title")
    assert note.links == []
    assert note.headings == [Heading(1, "`[[x]]` title", 1, 1)]


def test_inline_code_in_a_list_item():
    assert targets("- `[[a]]` [[b]]\n- `#x` #y") == [("b", 1, 11)]
    assert [(t.name, t.line, t.column) for t in parse("- `#x` #y").tags] == [("y", 1, 8)]


# --- escapes -----------------------------------------------------------------------------------


def test_escaped_brackets_are_not_a_link():
    assert targets("\\[\\[x\\]\\] [[y]]") == [("y", 1, 11)]


def test_escaped_first_bracket_is_not_a_link():
    assert targets("\\[[x]] [[y]]") == [("y", 1, 8)]


def test_escaped_hash_is_not_a_tag():
    assert parse("\\#notatag").tags == []


def test_escaped_link_opener_in_markdown():
    assert targets("\\[t](x.md) [u](y.md)") == [("y.md", 1, 12)]


# --- comments ----------------------------------------------------------------------------------


def test_html_comment_inline_hides_links_and_tags():
    assert found("<!-- [[a]] #t -->[[b]] #c") == {
        **NOTHING,
        "links": [("b", 1)],
        "tags": [("c", 1)],
    }


def test_html_comment_over_several_lines_hides_headings():
    assert found("<!--\n# H\n[[a]] ^blk\n-->\n# K") == {**NOTHING, "headings": [("K", 5)]}


def test_unclosed_html_comment_at_line_start_hides_the_rest():
    assert targets("[[a]]\n<!-- [[b]]\n[[c]]") == [("a", 1, 1)]


def test_unclosed_html_comment_mid_line_is_text():
    assert targets("text <!-- [[a]]") == [("a", 1, 11)]


def test_obsidian_comment_inline():
    assert found("%% [[a]] #t %% [[b]]") == {**NOTHING, "links": [("b", 1)]}


def test_obsidian_comment_over_several_lines():
    assert found("%%\n[[a]]\n# H\n#t\n%%\n[[b]]") == {**NOTHING, "links": [("b", 6)]}


def test_unclosed_obsidian_comment_hides_the_rest():
    assert found("[[a]]\ntext %% [[b]]\n[[c]]\n# H") == {**NOTHING, "links": [("a", 1)]}


def test_percent_comment_is_not_a_comment_in_logseq():
    assert targets("- %% [[x]] %%", LOGSEQ) == [("x", 1, 6)]


def test_comment_opener_inside_code_opens_nothing():
    assert targets("```\n<!--\n```\n[[a]]\n-->") == [("a", 4, 1)]
    assert targets("`%%` [[a]]") == [("a", 1, 6)]


def test_tweets_in_comments_are_marked():
    note = parse(
        "<!-- https://twitter.com/jack/status/20 -->\n"
        "%% https://x.com/bob/status/3 %%\n"
        "https://twitter.com/amy/status/4"
    )
    assert [(t.handle, t.status_id, t.line, t.column, t.in_comment) for t in note.tweets] == [
        ("jack", "20", 1, 6, True),
        ("bob", "3", 2, 4, True),
        ("amy", "4", 3, 1, False),
    ]


def test_tweets_in_code_are_not_recorded():
    text = (
        "```\nhttps://twitter.com/a/status/1\n```\n"
        "`https://twitter.com/b/status/2`\n\n"
        "    https://twitter.com/c/status/3\n\n"
        "https://twitter.com/d/status/4"
    )
    assert [(t.handle, t.line) for t in parse(text).tweets] == [("d", 8)]


# --- math --------------------------------------------------------------------------------------


def test_inline_math_is_not_a_link():
    assert targets("$[[a, b], [c, d]]$ [[x]]") == [("x", 1, 20)]


def test_math_block_is_not_a_link():
    assert targets("$$\n[[m]] #t\n$$\n[[n]]") == [("n", 4, 1)]
    assert parse("$$\n#t\n$$").tags == []


def test_prices_do_not_pair_up_as_math():
    assert targets("costs $5 and [[a]] and $6") == [("a", 1, 14)]


# --- suppression comments ----------------------------------------------------------------------


def test_suppression_comments():
    text = (
        "<!-- vaultkit-disable-next-line broken-link -->\n"
        "[[x]]\n"
        "<!-- vaultkit-disable broken-link, ambiguous-link -->\n"
        "draft\n"
        "<!-- vaultkit-enable -->\n"
        "<!--vaultkit-disable-file-->\n"
        "<!-- vaultkit-disable-next-line -->\n"
    )
    assert parse(text).suppressions == [
        Suppression(SuppressionKind.NEXT_LINE, ("broken-link",), 1),
        Suppression(SuppressionKind.DISABLE, ("broken-link", "ambiguous-link"), 3),
        Suppression(SuppressionKind.ENABLE, (), 5),
        Suppression(SuppressionKind.FILE, (), 6),
        Suppression(SuppressionKind.NEXT_LINE, (), 7),
    ]


def test_suppressions_in_code_do_not_count_and_percent_comments_do():
    text = (
        "`<!-- vaultkit-disable-file -->`\n"
        "```\n<!-- vaultkit-enable -->\n```\n"
        "%% vaultkit-disable-file %%\n"
        "<!-- not vaultkit-disable-file -->\n"
    )
    assert parse(text).suppressions == [Suppression(SuppressionKind.FILE, (), 5)]


def test_suppression_in_logseq():
    note = parse("- x\n  <!-- vaultkit-disable-next-line missing-page -->\n  [[y]]", LOGSEQ)
    assert note.suppressions == [Suppression(SuppressionKind.NEXT_LINE, ("missing-page",), 2, 3)]


# --- headings ----------------------------------------------------------------------------------


def headings(text, flavor=OBSIDIAN):
    return parse(text, flavor).headings


def test_atx_headings_of_every_level():
    assert headings("# One\n## Two\n###### Six\n####### Seven\n#NoSpace") == [
        Heading(1, "One", 1, 1),
        Heading(2, "Two", 2, 1),
        Heading(6, "Six", 3, 1),
    ]


def test_atx_closing_hashes_are_dropped():
    assert headings("## Title ##\n# Other #   \n# C# #") == [
        Heading(2, "Title", 1, 1),
        Heading(1, "Other", 2, 1),
        Heading(1, "C#", 3, 1),
    ]


def test_atx_heading_keeps_punctuation():
    assert headings("# Minecraft: The Video Game") == [
        Heading(1, "Minecraft: The Video Game", 1, 1)
    ]


def test_empty_atx_heading():
    assert headings("#\n## ") == [Heading(1, "", 1, 1), Heading(2, "", 2, 1)]


def test_atx_heading_indented_up_to_three_spaces():
    assert headings("   # Three\n    # Four") == [Heading(1, "Three", 1, 4)]


def test_setext_headings():
    assert headings("Title\n===\n\nSub\n---") == [
        Heading(1, "Title", 1, 1),
        Heading(2, "Sub", 4, 1),
    ]


def test_setext_heading_over_two_lines():
    assert headings("Line one\ncontinued\n===") == [Heading(1, "Line one continued", 1, 1)]


def test_dashes_after_blank_line_are_a_break_not_a_heading():
    assert headings("Para\n\n---\n") == []


def test_headings_in_list_items():
    assert headings("- # In list\n- item\n  ## nested\n1. ### ordered") == [
        Heading(1, "In list", 1, 3),
        Heading(2, "nested", 3, 3),
        Heading(3, "ordered", 4, 4),
    ]


def test_heading_in_a_block_quote():
    assert headings("> # quoted") == [Heading(1, "quoted", 1, 3)]


def test_heading_in_a_logseq_bullet():
    assert headings("- # Heading\n\t- ## Sub", LOGSEQ) == [
        Heading(1, "Heading", 1, 3),
        Heading(2, "Sub", 2, 4),
    ]


def test_no_headings_in_code():
    assert headings("```\n# H\n```\n\n    # I\n\n`# J`\n~~~\nK\n===\n~~~") == []


def test_indented_hash_line_after_a_paragraph_is_no_heading():
    assert headings("para\n    # lazy") == []


def test_heading_lines_count_front_matter():
    assert headings("---\na: 1\n---\n# H") == [Heading(1, "H", 4, 1)]


# --- pathological input ------------------------------------------------------------------------

LIMIT = 3.0
"""Seconds: a generous bound; each of these parses in well under one."""
BUG_LIMIT = 1.0
"""For the known-slow inputs: enough for a linear parse, and keeps the failing run short."""


def parse_quickly(text, flavor, limit=LIMIT):
    with time_limit(limit):
        return parse(text, flavor)


@pytest.mark.parametrize("flavor", [OBSIDIAN, LOGSEQ])
def test_megabyte_of_wikilink_openers(flavor):
    note = parse_quickly("[[" * 500_000, flavor)
    assert note.links == []
    assert [(p.code, p.line, p.column) for p in note.problems] == [("malformed-link", 1, 999_999)]


def test_megabyte_of_markdown_link_openers():
    # The Markdown link scan is the same for both flavours.
    note = parse_quickly("[a](" * 250_000, OBSIDIAN)
    assert note.links == []
    assert note.problems == []


@pytest.mark.parametrize("flavor", [OBSIDIAN, LOGSEQ])
def test_megabyte_of_backticks(flavor):
    note = parse_quickly("`" * 1_000_000, flavor)
    assert (note.links, note.tags, note.headings, note.problems) == ([], [], [], [])
    assert note.line_count == 1


@pytest.mark.parametrize("flavor", [OBSIDIAN, LOGSEQ])
def test_megabyte_of_glued_tags(flavor):
    note = parse_quickly("#a" * 500_000, flavor)
    assert [(t.name, t.line, t.column) for t in note.tags] == [("a", 1, 1)]
    expected = [(LinkKind.TAG, "a", 1, 1)] if flavor is LOGSEQ else []
    assert [(link.kind, link.target, link.line, link.column) for link in note.links] == expected


@pytest.mark.parametrize("flavor", [OBSIDIAN, LOGSEQ])
def test_megabyte_of_link_middles(flavor):
    note = parse_quickly("](" * 500_000, flavor)
    assert note.links == []
    assert note.problems == []


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("[[a]]" * 100_000, 100_000),
        ("(((" * 333_333, 0),
        ("{{embed " * 125_000, 0),
        ("%%" * 500_000, 0),
        ("<!--" * 250_000, 0),
        ("\\" * 1_000_000, 0),
        ("![" * 500_000, 0),
        ("- " * 500_000, 0),
        ("\t" * 1_000_000, 0),
        ("#" * 1_000_000, 0),
    ],
    ids=[
        "links",
        "parens",
        "embed",
        "percent",
        "comment",
        "backslash",
        "bang",
        "bullets",
        "tabs",
        "hashes",
    ],
)
def test_other_megabyte_lines(text, links):
    note = parse_quickly(text, LOGSEQ)
    assert len(note.links) == links


def test_megabyte_of_unclosed_wikilinks_is_fast():
    note = parse_quickly("[[a" * 250_000, OBSIDIAN, BUG_LIMIT)
    assert note.links == []
    assert note.problems[0] == FileProblem(
        "malformed-link", "'[[' is never closed with ']]' on this line", 1, 1
    )


def test_megabyte_of_quote_markers_is_fast():
    note = parse_quickly(">" * 1_000_000, OBSIDIAN, BUG_LIMIT)
    assert (note.links, note.headings, note.problems) == ([], [], [])
