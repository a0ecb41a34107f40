"""Front-matter: where it is, its faults with their lines, its links, tags and aliases."""

from __future__ import annotations

import pytest

from vaultkit.model import (
    FileProblem,
    Flavor,
    FrontMatter,
    Heading,
    LinkKind,
    Suppression,
    SuppressionKind,
    Tag,
    TagSource,
)
from vaultkit.parse.note import parse_note

FM = LinkKind.FRONTMATTER
FRONT = TagSource.FRONTMATTER


def parse(text, flavor=Flavor.OBSIDIAN):
    return parse_note(text, "Note.md", flavor)


def invalid(note):
    return [(p.line, p.column) for p in note.problems if p.code == "invalid-frontmatter"]


# --- finding and loading -----------------------------------------------------------------------


def test_front_matter_data_and_fence_lines():
    note = parse("---\ntitle: A note\ncount: 3\nlist: [x, y]\n---\n# Body\n")
    assert note.frontmatter == FrontMatter(
        {"title": "A note", "count": 3, "list": ["x", "y"]}, 1, 5
    )
    assert note.problems == []
    assert note.headings == [Heading(1, "Body", 6, 1)]


def test_empty_front_matter():
    note = parse("---\n---\nbody")
    assert note.frontmatter == FrontMatter({}, 1, 2)
    assert note.problems == []


def test_closing_fence_may_have_trailing_spaces():
    note = parse("---\nkey: v\n---  \n[[b]]")
    assert note.frontmatter == FrontMatter({"key": "v"}, 1, 3)
    assert [(link.target, link.line) for link in note.links] == [("b", 4)]


def test_front_matter_must_start_the_file():
    note = parse("# Title\n---\nkey: v\n---\n")
    assert note.frontmatter is None
    assert note.problems == []


def test_opening_fence_with_text_is_not_front_matter():
    note = parse("--- x\nkey: v\n---\n")
    assert note.frontmatter is None
    assert note.problems == []


def test_nothing_in_front_matter_counts_as_body():
    note = parse("---\ntitle: '# Not a heading'\nnote: '#nottag [[notlink]] ^nope'\n---\n")
    assert note.headings == []
    assert note.tags == []
    assert note.block_ids == []
    assert [(link.kind, link.target) for link in note.links] == [(FM, "notlink")]


def test_front_matter_keys_are_strings():
    note = parse("---\n1: one\n2.5: two\n---\n")
    assert note.frontmatter.data == {"1": "one", "2.5": "two"}


def test_body_positions_count_the_front_matter_lines():
    note = parse("---\na: 1\nb: 2\n---\n\ntext [[x]] #t\n")
    assert [(link.target, link.line, link.column) for link in note.links] == [("x", 6, 6)]
    assert note.tags == [Tag("t", 6, 12)]


# --- faults ------------------------------------------------------------------------------------


def test_invalid_yaml_gives_error_and_line_from_the_top_of_the_file():
    note = parse("---\na: 1\nb: c: d\n---\nbody [[x]]")
    message = "front-matter is not valid YAML: mapping values are not allowed in this context"
    assert note.frontmatter == FrontMatter({}, 1, 4, error=message, error_line=3)
    assert note.problems == [FileProblem("invalid-frontmatter", message, 3, 1)]
    assert [(link.target, link.line) for link in note.links] == [("x", 5)]


def test_invalid_yaml_line_with_crlf():
    note = parse("---\r\na: 1\r\nb: c: d\r\n---\r\n")
    assert invalid(note) == [(3, 1)]
    assert note.frontmatter.error_line == 3


def test_tab_indentation_fault_line():
    note = parse("---\na: 1\nc: 2\n\tb: 2\n---\n")
    assert invalid(note) == [(4, 1)]
    assert note.frontmatter.data == {}


def test_undefined_alias_fault_line():
    note = parse("---\na: &x [1]\nb: *y\n---\n")
    assert note.problems == [
        FileProblem(
            "invalid-frontmatter", "front-matter is not valid YAML: found undefined alias", 3
        )
    ]


def test_list_instead_of_mapping():
    note = parse("---\n- a\n- b\n---\n")
    message = "front-matter is a list, not a mapping of properties"
    assert note.problems == [FileProblem("invalid-frontmatter", message, 2, 1)]
    assert note.frontmatter == FrontMatter({}, 1, 4, error=message, error_line=2)


@pytest.mark.parametrize(("yaml", "kind"), [("just a string", "str"), ("42", "int")])
def test_scalar_instead_of_mapping(yaml, kind):
    note = parse(f"---\n{yaml}\n---\n")
    assert note.problems == [
        FileProblem(
            "invalid-frontmatter", f"front-matter is a {kind}, not a mapping of properties", 2
        )
    ]


def test_python_object_tag_is_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'---\nx: !!python/object/apply:os.system ["touch {marker}"]\n---\n[[y]]'
    note = parse(text)
    assert not marker.exists()
    assert note.frontmatter.data == {}
    assert len(note.problems) == 1
    problem = note.problems[0]
    assert (problem.code, problem.line, problem.column) == ("invalid-frontmatter", 2, 1)
    assert "python/object/apply:os.system" in problem.message
    assert [link.target for link in note.links] == ["y"]


def test_unterminated_front_matter_with_a_key():
    note = parse("---\nkey: value\nmore text\n")
    assert note.frontmatter is None
    assert note.problems == [
        FileProblem(
            "invalid-frontmatter", "front-matter opened with --- on line 1 is never closed with ---"
        )
    ]


def test_unterminated_front_matter_with_an_empty_key():
    assert invalid(parse("---\nkey:\n")) == [(1, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "---\nThis is prose after a thematic break.\n",
        "---\n\nprose after a blank line\n",
        "---\n# A heading\n",
        "---",
    ],
)
def test_thematic_break_at_the_top_is_no_problem(text):
    note = parse(text)
    assert note.frontmatter is None
    assert note.problems == []


def test_prose_after_a_top_break_is_still_read():
    note = parse("---\nSee [[Other]] and #tag\n")
    assert [(link.kind, link.target, link.line, link.column) for link in note.links] == [
        (LinkKind.WIKILINK, "Other", 2, 5)
    ]
    assert note.tags == [Tag("tag", 2, 19)]


def test_yaml_alias_bomb_stays_small():
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines += ["tags: *a9", "aliases: *a9", "up: *a9"]
    note = parse("---\n" + "\n".join(lines) + "\n---\n")
    assert note.problems == []
    assert [tag.name for tag in note.tags] == ["lol"]
    assert note.aliases == ["lol"]
    assert note.links == []


# --- links in values ---------------------------------------------------------------------------


def fm_links(text, flavor=Flavor.OBSIDIAN):
    return [
        (link.kind, link.target, link.anchor, link.text, link.line, link.column, link.raw)
        for link in parse(text, flavor).links
    ]


def test_quoted_link_in_a_value():
    assert fm_links('---\nup: "[[Parent]]"\n---\n') == [
        (FM, "Parent", None, None, 2, 6, "[[Parent]]")
    ]


def test_links_in_list_items():
    text = '---\nrelated:\n  - "[[A]]"\n  - "[[B|b]]"\n  - \'[[C#Part]]\'\n---\n[[body]]'
    assert fm_links(text) == [
        (FM, "A", None, None, 3, 6, "[[A]]"),
        (FM, "B", None, "b", 4, 6, "[[B|b]]"),
        (FM, "C", "Part", None, 5, 6, "[[C#Part]]"),
        (LinkKind.WIKILINK, "body", None, None, 7, 1, "[[body]]"),
    ]


def test_link_inside_longer_quoted_text():
    assert fm_links('---\nsource: "see [[A]] and [[B]]"\n---\n') == [
        (FM, "A", None, None, 2, 14, "[[A]]"),
        (FM, "B", None, None, 2, 24, "[[B]]"),
    ]


def test_link_in_a_folded_block_scalar():
    assert fm_links("---\nv: >-\n  [[F]]\n---\n") == [(FM, "F", None, None, 3, 3, "[[F]]")]


def test_unquoted_link_does_not_count():
    note = parse("---\nup: [[Parent]]\n---\n")
    assert note.frontmatter.data == {"up": [["Parent"]]}
    assert note.links == []


def test_link_in_a_yaml_comment_does_not_count():
    assert parse("---\n# [[C]]\nx: 1\n---\n").links == []


def test_embed_in_front_matter_does_not_count():
    assert parse('---\ncover: "![[pic.png]]"\n---\n').links == []


def test_front_matter_link_in_logseq_keeps_the_whole_name():
    assert fm_links('---\nup: "[[C#]]"\n---\n', Flavor.LOGSEQ) == [
        (FM, "C#", None, None, 2, 6, "[[C#]]")
    ]


def test_links_in_invalid_front_matter_do_not_count():
    assert parse('---\nup: "[[P]]"\nb: c: d\n---\n').links == []


def test_unquoted_link_does_not_count_even_when_quoted_elsewhere():
    assert fm_links('---\nup: [[P]]\nx: "[[P]]"\n---\n') == [(FM, "P", None, None, 3, 5, "[[P]]")]


def test_url_in_double_brackets_in_front_matter_is_not_a_link():
    assert parse('---\nup: "[[https://example.com]]"\n---\n').links == []


# --- tags --------------------------------------------------------------------------------------


def fm_tags(text):
    return [(t.name, t.line, t.column) for t in parse(text).tags if t.source is FRONT]


@pytest.mark.parametrize(
    ("yaml", "names"),
    [
        ("tags: [a, b]", ["a", "b"]),
        ("tags:\n  - one\n  - two/sub", ["one", "two/sub"]),
        ("tags: one, two", ["one", "two"]),
        ("tags: one two", ["one", "two"]),
        ('tags: "#one"', ["one"]),
        ("tags: ['#one', '#two']", ["one", "two"]),
        ("tags: single", ["single"]),
        ("tag: single", ["single"]),
        ("Tags: [Upper]", ["Upper"]),
        ("tags: [1984, real]", ["real"]),
        ("tags: [[nested, list]]", ["nested", "list"]),
        ("tags:", []),
        ("tags: []", []),
    ],
)
def test_tags_in_every_form(yaml, names):
    note = parse(f"---\n{yaml}\n---\n")
    assert note.problems == []
    assert [t.name for t in note.tags] == names
    assert all(t.source is FRONT for t in note.tags)


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        ("tag: x", [("x", 2, 6)]),
        ("Tags: [Up]", [("Up", 2, 8)]),
        ("tags: single", [("single", 2, 7)]),
        ("tags: [productivity, research]", [("productivity", 2, 8), ("research", 2, 22)]),
        ("tags:\n  - one\n  - two", [("one", 3, 5), ("two", 4, 5)]),
        ("tags: [a, b]", [("a", 2, 8), ("b", 2, 11)]),
        ("tags:\n  - a\n  - s", [("a", 3, 5), ("s", 4, 5)]),
        ("tags: g t", [("g", 2, 7), ("t", 2, 9)]),
    ],
)
def test_tag_positions(yaml, expected):
    assert fm_tags(f"---\n{yaml}\n---\n") == expected


def test_front_matter_and_inline_tags_in_document_order():
    note = parse("---\ntags: [x]\n---\nbody #y\n")
    assert note.tags == [Tag("x", 2, 8, FRONT), Tag("y", 4, 6, TagSource.INLINE)]


# --- aliases -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml", "aliases"),
    [
        ("aliases: [A, B b]", ["A", "B b"]),
        ("aliases:\n  - One\n  - Two", ["One", "Two"]),
        ("aliases: Lone", ["Lone"]),
        ("aliases: A, B", ["A", "B"]),
        ("alias: [X]", ["X"]),
        ("alias: Y", ["Y"]),
        ("Aliases: [Z]", ["Z"]),
        ("aliases:", []),
        ("aliases: [' ', '']", []),
    ],
)
def test_aliases(yaml, aliases):
    assert parse(f"---\n{yaml}\n---\n").aliases == aliases


def test_aliases_are_not_tags_or_links():
    note = parse("---\naliases: [RL]\n---\n")
    assert note.tags == []
    assert note.links == []


# --- whole-note suppression --------------------------------------------------------------------


def test_vaultkit_disable_true():
    note = parse("---\ntitle: x\nvaultkit-disable: true\n---\n")
    assert note.suppressions == [Suppression(SuppressionKind.FILE, (), 3)]


def test_vaultkit_disable_list_of_rules():
    note = parse("---\nvaultkit-disable: [broken-link, empty-link]\n---\n")
    assert note.suppressions == [
        Suppression(SuppressionKind.FILE, ("broken-link", "empty-link"), 2)
    ]


def test_vaultkit_disable_false_silences_nothing():
    assert parse("---\nvaultkit-disable: false\n---\n").suppressions == []
