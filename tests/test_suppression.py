"""Silencing rules inside a note: ``<!-- vaultkit-… -->`` comments, front-matter, Logseq page
properties; and comments in code that must have no effect."""

from __future__ import annotations

import json

import pytest


def found(run_cli, vault, *args: str) -> list[tuple[str, str, int]]:
    """(rule, path, line) of every problem reported, in report order."""
    code, out, err = run_cli("check", "--format", "json", *args, cwd=vault)
    assert err == ""
    assert code in (0, 1)
    return [(p["rule"], p["path"], p["line"]) for p in json.loads(out)["problems"]]


def test_disable_next_line_silences_only_that_rule_on_the_next_line(make_vault, run_cli):
    vault = make_vault(
        {"A.md": ("<!-- vaultkit-disable-next-line broken-link -->\n[[M1]] []()\n[[M2]]\n")}
    )
    assert found(run_cli, vault) == [("empty-link", "A.md", 2), ("broken-link", "A.md", 3)]


def test_disable_next_line_does_not_reach_the_line_after(make_vault, run_cli):
    vault = make_vault({"A.md": "<!-- vaultkit-disable-next-line broken-link -->\n\n[[M1]]\n"})
    assert found(run_cli, vault) == [("broken-link", "A.md", 3)]


def test_disable_next_line_without_rule_silences_every_rule(make_vault, run_cli):
    vault = make_vault(
        {"A.md": "<!-- vaultkit-disable-next-line -->\n[[M1]] []() [[A#Nope]]\n[[M2]] []()\n"}
    )
    assert found(run_cli, vault) == [("broken-link", "A.md", 3), ("empty-link", "A.md", 3)]


def test_disable_next_line_with_several_rules(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "<!-- vaultkit-disable-next-line broken-link, empty-link -->\n"
                "[[M1]] []() [[A#Nope]]\n"
            )
        }
    )
    assert found(run_cli, vault) == [("broken-heading", "A.md", 2)]


def test_disable_next_line_at_the_end_of_a_line(make_vault, run_cli):
    vault = make_vault({"A.md": "[[M0]] <!-- vaultkit-disable-next-line -->\n[[M1]]\n"})
    assert found(run_cli, vault) == [("broken-link", "A.md", 1)]


def test_disable_enable_range(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "[[M1]]\n"
                "<!-- vaultkit-disable broken-link -->\n"
                "[[M2]] []()\n"
                "\n"
                "[[M3]]\n"
                "<!-- vaultkit-enable -->\n"
                "[[M4]] []()\n"
            )
        }
    )
    assert found(run_cli, vault) == [
        ("broken-link", "A.md", 1),
        ("empty-link", "A.md", 3),
        ("broken-link", "A.md", 7),
        ("empty-link", "A.md", 7),
    ]


def test_disable_several_rules_and_enable_one(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "<!-- vaultkit-disable broken-link empty-link -->\n"
                "[[M1]] []()\n"
                "<!-- vaultkit-enable empty-link -->\n"
                "[[M2]] []()\n"
                "<!-- vaultkit-enable -->\n"
                "[[M3]] []()\n"
            )
        }
    )
    assert found(run_cli, vault) == [
        ("empty-link", "A.md", 4),
        ("broken-link", "A.md", 6),
        ("empty-link", "A.md", 6),
    ]


def test_disable_without_rule_and_enable(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "<!-- vaultkit-disable -->\n[[M1]] []()\n<!-- vaultkit-enable -->\n[[M2]] []()\n"
            )
        }
    )
    assert found(run_cli, vault) == [("broken-link", "A.md", 4), ("empty-link", "A.md", 4)]


def test_enable_one_rule_after_disabling_all(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "<!-- vaultkit-disable -->\n"
                "[[M1]] []()\n"
                "<!-- vaultkit-enable broken-link -->\n"
                "[[M2]] []()\n"
            )
        }
    )
    assert found(run_cli, vault) == [("broken-link", "A.md", 4)]


def test_disable_without_enable_lasts_to_the_end(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "[[M1]]\n<!-- vaultkit-disable broken-link -->\n[[M2]] []()\n"
                + "\n" * 50
                + "[[M3]]\n"
            ),
            "B.md": "[[M4]]\n",
        }
    )
    assert found(run_cli, vault) == [
        ("broken-link", "A.md", 1),
        ("empty-link", "A.md", 3),
        ("broken-link", "B.md", 1),
    ]


def test_disable_file(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": "[[M1]] []()\n\n<!-- vaultkit-disable-file -->\n\n[[M2]] [[A#Nope]]\n",
            "B.md": "[[M3]]\n",
        }
    )
    assert found(run_cli, vault) == [("broken-link", "B.md", 1)]


def test_disable_file_with_rule(make_vault, run_cli):
    vault = make_vault({"A.md": "<!-- vaultkit-disable-file broken-link -->\n[[M1]] []()\n"})
    assert found(run_cli, vault) == [("empty-link", "A.md", 2)]


def test_suppressed_problems_do_not_fail_the_check(make_vault, run_cli):
    vault = make_vault(
        {"A.md": "<!-- vaultkit-disable-next-line broken-link -->\nSee [[Later]].\n"}
    )
    assert run_cli("check", cwd=vault) == (0, "No problems in 1 note.\n", "")


# --- front-matter -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("vaultkit-disable: true\n", []),
        ("vaultkit-disable: [broken-link]\n", [("empty-link", "A.md", 4)]),
        (
            "vaultkit-disable:\n  - broken-link\n  - empty-link\n",
            [],
        ),
        ("vaultkit-disable: broken-link\n", [("empty-link", "A.md", 4)]),
        (
            "vaultkit-disable: false\n",
            [("broken-link", "A.md", 4), ("empty-link", "A.md", 4)],
        ),
    ],
)
def test_front_matter(make_vault, run_cli, front, expected):
    body = "---\n" + front + "---\n[[M1]] []()\n"
    line = body.count("\n")
    vault = make_vault({"A.md": body, "B.md": "[[M2]]\n"})
    expected = [(rule, path, line) for rule, path, _ in expected]
    assert found(run_cli, vault) == [*expected, ("broken-link", "B.md", 1)]


# --- Logseq page properties -------------------------------------------------------------------


def test_logseq_page_property_names_rules(make_vault, run_cli):
    vault = make_vault(
        {
            "pages/A.md": "vaultkit-disable:: missing-page\n\n- [[Nowhere]] [f](../assets/a.pdf)\n",
            "pages/B.md": "- [[Nowhere]] [f](../assets/b.pdf)\n",
        },
        flavor="logseq",
    )
    assert found(run_cli, vault) == [
        ("broken-link", "pages/A.md", 3),
        ("missing-page", "pages/B.md", 1),
        ("broken-link", "pages/B.md", 1),
    ]


def test_logseq_page_property_broken_link(make_vault, run_cli):
    vault = make_vault(
        {
            "pages/A.md": (
                "title:: Page A\nvaultkit-disable:: broken-link\n\n"
                "- [[Nowhere]] [f](../assets/a.pdf)\n"
            ),
        },
        flavor="logseq",
    )
    assert found(run_cli, vault) == [("missing-page", "pages/A.md", 4)]


def test_logseq_page_property_several_rules(make_vault, run_cli):
    vault = make_vault(
        {
            "pages/A.md": (
                "vaultkit-disable:: broken-link, missing-page\n\n"
                "- [[Nowhere]] [f](../assets/a.pdf)\n"
            ),
        },
        flavor="logseq",
    )
    assert found(run_cli, vault) == []


def test_logseq_page_property_naming_no_rule(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "vaultkit-disable::\n\n- [[Nowhere]] [f](../assets/a.pdf) [x]()\n"},
        flavor="logseq",
    )
    assert found(run_cli, vault) == []


# --- comments that are not suppressions -------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "```\n<!-- vaultkit-disable-file -->\n```\n",
        "~~~markdown\n<!-- vaultkit-disable -->\n~~~\n",
        "    <!-- vaultkit-disable-file -->\n",
        "`<!-- vaultkit-disable-file -->`\n",
    ],
)
def test_suppression_comments_in_code_have_no_effect(make_vault, run_cli, code):
    vault = make_vault({"A.md": "Text.\n\n" + code + "\n[[M1]]\n"})
    line = ("Text.\n\n" + code + "\n").count("\n") + 1
    assert found(run_cli, vault) == [("broken-link", "A.md", line)]


def test_disable_next_line_in_code_block_has_no_effect(make_vault, run_cli):
    vault = make_vault({"A.md": "```\n<!-- vaultkit-disable-next-line -->\n```\n[[M1]]\n"})
    assert found(run_cli, vault) == [("broken-link", "A.md", 4)]


def test_unrelated_comments_have_no_effect_and_misspelt_ones_are_reported(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "<!-- just a comment -->\n[[M1]]\n"
                "<!-- vaultkit-disabled -->\n[[M2]]\n"
                "<!-- vaultkit-disable-next-line: broken-link -->\n[[M3]]\n"
            )
        }
    )
    assert found(run_cli, vault) == [
        ("broken-link", "A.md", 2),
        ("unknown-suppression", "A.md", 3),
        ("broken-link", "A.md", 4),
    ]


def test_suppression_applies_with_note_arguments_and_select(make_vault, run_cli):
    vault = make_vault(
        {"A.md": "<!-- vaultkit-disable broken-link -->\n[[M1]] []()\n", "B.md": "[[M2]]\n"}
    )
    assert found(run_cli, vault, "A.md", "--select", "broken-link,empty-link") == [
        ("empty-link", "A.md", 2)
    ]


# --- the directives people write, in HTML and Obsidian comments --------------------------------


def test_disable_line_silences_its_own_line_only(make_vault, run_cli):
    vault = make_vault(
        {"A.md": "[[M1]] <!-- vaultkit-disable-line broken-link -->\n[[M2]]\n[[M3]]\n"}
    )
    assert found(run_cli, vault) == [("broken-link", "A.md", 2), ("broken-link", "A.md", 3)]


@pytest.mark.parametrize(
    "comment",
    [
        "%% vaultkit-disable-next-line broken-link %%",
        "%% vaultkit-disable-next-line empty-link, broken-link %%",
        "%% vaultkit-disable-next-line broken-link -- written next week %%",
        "<!-- vaultkit-disable-next-line broken-link,empty-link -->",
    ],
)
def test_obsidian_comments_and_rule_lists(make_vault, run_cli, comment):
    vault = make_vault({"A.md": f"{comment}\n[[M1]]\n[[M2]]\n"})
    assert found(run_cli, vault) == [("broken-link", "A.md", 3)]


def test_a_block_comment_disables_a_stretch(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "%%\nvaultkit-disable broken-link\n%%\n[[M1]]\n"
                "%% vaultkit-enable broken-link %%\n[[M2]]\n"
            )
        }
    )
    assert found(run_cli, vault) == [("broken-link", "A.md", 6)]


def test_disable_line_is_not_read_as_disable(make_vault, run_cli):
    """ESLint's ``disable-line`` used to be read as ``disable`` with a rule named ``-line``,
    which hid every later problem of the note."""
    vault = make_vault({"A.md": "[[M1]] %% vaultkit-disable-line %%\n[[M2]]\n"})
    assert found(run_cli, vault) == [("broken-link", "A.md", 2)]


def test_unknown_directives_and_rules_are_reported_with_a_guess(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "<!-- vaultkit-disable-nextline broken-link -->\n[[M1]]\n"
                "%% vaultkit-disable-line brokenlink, frobnicate %%\n"
                "<!-- vaultkit-enabled -->\n"
            )
        }
    )
    code, out, err = run_cli("check", cwd=vault)
    assert (code, err) == (1, "")
    assert out == (
        "A.md:1:1: warning[unknown-suppression] unknown directive `vaultkit-disable-nextline` in"
        " a suppression comment; did you mean `vaultkit-disable-next-line`?\n"
        "A.md:2:1: error[broken-link] [[M1]] links to a note that does not exist: `M1`\n"
        "A.md:3:1: warning[unknown-suppression] unknown rule `brokenlink` in a suppression"
        " comment; did you mean `broken-link`?\n"
        "A.md:3:1: warning[unknown-suppression] unknown rule `frobnicate` in a suppression"
        " comment\n"
        "A.md:4:1: warning[unknown-suppression] unknown directive `vaultkit-enabled` in a"
        " suppression comment; did you mean `vaultkit-enable`?\n"
        "\n"
        "Found 5 problems (1 error, 4 warnings) in 1 note.\n"
    )


def test_an_unknown_rule_in_front_matter_is_reported(make_vault, run_cli):
    vault = make_vault({"A.md": "---\nvaultkit-disable: [brokn-link]\n---\n[[M1]]\n"})
    assert found(run_cli, vault) == [
        ("unknown-suppression", "A.md", 2),
        ("broken-link", "A.md", 4),
    ]


def test_prose_mentioning_vaultkit_in_a_comment_is_no_directive(make_vault, run_cli):
    vault = make_vault({"A.md": "%% vaultkit-check runs in CI %%\n<!-- see vaultkit-disable -->\n"})
    assert found(run_cli, vault) == []


def test_directives_inside_code_are_neither_obeyed_nor_reported(make_vault, run_cli):
    vault = make_vault(
        {
            "A.md": (
                "```\n%% vaultkit-disable-nextline %%\n```\n"
                "`<!-- vaultkit-disable-file -->`\n[[M1]]\n"
            )
        }
    )
    assert found(run_cli, vault) == [("broken-link", "A.md", 5)]


# --- unused-suppression: comments that silence nothing (off unless asked for) --------------------

UNUSED_VAULT = {
    "Kyoto.md": "# Kyoto\n",
    "A.md": (
        "[[Kyoto]] <!-- vaultkit-disable-line broken-link -->\n"
        "[[Nowhere]] <!-- vaultkit-disable-line broken-link -->\n"
        "<!-- vaultkit-disable-next-line broken-link, empty-link -->\n"
        "[[Elsewhere]]\n"
        "%% vaultkit-disable-next-line %%\n"
        "[[Kyoto]]\n"
        "<!-- vaultkit-disable broken-heading -->\n"
        "[[Kyoto]]\n"
        "<!-- vaultkit-enable -->\n"
    ),
    "B.md": "---\nvaultkit-disable: [broken-link]\n---\n[[Kyoto]]\n",
}


def test_unused_suppressions_are_not_reported_by_default(make_vault, run_cli):
    vault = make_vault(UNUSED_VAULT)
    assert found(run_cli, vault) == []


def test_report_unused_suppressions_names_each_comment_that_silences_nothing(
    make_vault, run_cli, monkeypatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    vault = make_vault(UNUSED_VAULT)
    code, out, _ = run_cli(
        "check", "--report-unused-suppressions", "--no-group", "--severity", "warning", cwd=vault
    )
    assert code == 1
    assert out.splitlines() == [
        "A.md:1:11: warning[unused-suppression] `vaultkit-disable-line` silences no `broken-link`"
        " problem",
        "A.md:3:1: warning[unused-suppression] `vaultkit-disable-next-line` silences no"
        " `empty-link` problem",
        "A.md:5:1: warning[unused-suppression] `vaultkit-disable-next-line` silences no problem",
        "A.md:7:1: warning[unused-suppression] `vaultkit-disable` silences no `broken-heading`"
        " problem",
        "",
        "B.md:2:1: warning[unused-suppression] `vaultkit-disable-file` silences no `broken-link`"
        " problem",
        "",
        "Found 5 problems (5 warnings) in 3 notes.",
    ]


def test_unused_suppression_from_config_and_select(make_vault, run_cli):
    files = dict(UNUSED_VAULT)
    files[".vaultkit.toml"] = '[rules]\nunused-suppression = "info"\n'
    vault = make_vault(files)
    problems = found(run_cli, vault)
    assert [(rule, path, line) for rule, path, line in problems] == [
        ("unused-suppression", "A.md", 1),
        ("unused-suppression", "A.md", 3),
        ("unused-suppression", "A.md", 5),
        ("unused-suppression", "A.md", 7),
        ("unused-suppression", "B.md", 2),
    ]
    # With only some rules run, a comment naming another rule, or every rule, is not judged.
    selected = found(run_cli, vault, "--select", "broken-link,unused-suppression")
    assert selected == [
        ("unused-suppression", "A.md", 1),
        ("unused-suppression", "B.md", 2),
    ]
