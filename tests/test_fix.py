"""``vaultkit fix`` and ``check --fix``: exact bytes for each fix, and nothing else touched."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from vaultkit.edit.replace import ReplaceFailed, replace_all
from vaultkit.model import Fix

RL = "---\naliases: [RL]\n---\n# Reinforcement Learning\n## Q-learning\n"
HOME = (
    "See [[RL]] and ![[RL#Q-learning]].\r\n"
    "| a | [[RL]] |\r\n"
    "`[[RL]]` in code\r\n"
    "```\r\n[[RL]]\r\n```\r\n"
    "[the talk]((https://www.youtube.com/watch?v=t0yj4hBDUsc)\r\n"
    "[a](My Note.md) and [b](No Note.md)\r\n"
    "[[Sales tx|tax]] [[Reinforcement Learning#Q-lerning]] [[Sales tx#Q3]]\r\n"
)
FIXED_HOME = (
    "See [[Reinforcement Learning|RL]] and ![[Reinforcement Learning#Q-learning|RL]].\r\n"
    "| a | [[Reinforcement Learning\\|RL]] |\r\n"
    "`[[RL]]` in code\r\n"
    "```\r\n[[RL]]\r\n```\r\n"
    "[the talk](https://www.youtube.com/watch?v=t0yj4hBDUsc)\r\n"
    "[a](My%20Note.md) and [b](No Note.md)\r\n"
    "[[Sales tx|tax]] [[Reinforcement Learning#Q-lerning]] [[Sales tx#Q3]]\r\n"
)


@pytest.fixture
def vault(make_vault, monkeypatch) -> Path:
    monkeypatch.setenv("NO_COLOR", "1")
    return make_vault(
        {
            "Reinforcement Learning.md": RL,
            "Sales tax.md": "# Sales tax\n",
            "My Note.md": "# My Note\n",
            "sub/Home.md": HOME.encode(),
            "BOM.md": b'\xef\xbb\xbf---\nup: "[[RL]]"\n---\nx\n',
        }
    )


def test_fix_shows_a_diff_and_changes_nothing(vault, run_cli):
    before = {path: path.read_bytes() for path in vault.rglob("*.md")}
    code, out, err = run_cli("fix", cwd=vault)  # CliRunner reads CRLF as LF
    assert code == 0
    assert out == (
        "--- a/BOM.md\n"
        "+++ b/BOM.md\n"
        "@@ -1,4 +1,4 @@\n"
        " ---\n"
        '-up: "[[RL]]"\n'
        '+up: "[[Reinforcement Learning|RL]]"\n'
        " ---\n"
        " x\n"
        "--- a/sub/Home.md\n"
        "+++ b/sub/Home.md\n"
        "@@ -1,9 +1,9 @@\n"
        "-See [[RL]] and ![[RL#Q-learning]].\n"
        "-| a | [[RL]] |\n"
        "+See [[Reinforcement Learning|RL]] and ![[Reinforcement Learning#Q-learning|RL]].\n"
        "+| a | [[Reinforcement Learning\\|RL]] |\n"
        " `[[RL]]` in code\n"
        " ```\n"
        " [[RL]]\n"
        " ```\n"
        "-[the talk]((https://www.youtube.com/watch?v=t0yj4hBDUsc)\n"
        "-[a](My Note.md) and [b](No Note.md)\n"
        "+[the talk](https://www.youtube.com/watch?v=t0yj4hBDUsc)\n"
        "+[a](My%20Note.md) and [b](No Note.md)\n"
        " [[Sales tx|tax]] [[Reinforcement Learning#Q-lerning]] [[Sales tx#Q3]]\n"
        "Would fix 6 problems in 2 notes; run `vaultkit fix --write` to apply."
        " 3 more fixes with --unsafe-fixes.\n"
    )
    assert err == (
        "vaultkit: sub/Home.md: not fixed: the fix would write links that lead nowhere:"
        " [b](No%20Note.md)\n"
    )
    assert {path: path.read_bytes() for path in vault.rglob("*.md")} == before


def test_fix_write_keeps_crlf_bom_and_code_and_is_idempotent(vault, run_cli):
    code, out, _ = run_cli("fix", "--write", cwd=vault)
    assert (code, out) == (0, "Fixed 6 problems in 2 notes. 3 more fixes with --unsafe-fixes.\n")
    assert (vault / "sub/Home.md").read_bytes() == FIXED_HOME.encode()
    assert (vault / "BOM.md").read_bytes() == (
        b'\xef\xbb\xbf---\nup: "[[Reinforcement Learning|RL]]"\n---\nx\n'
    )
    assert (vault / "Reinforcement Learning.md").read_text() == RL
    code, out, _ = run_cli("fix", "--write", cwd=vault)
    assert (code, out) == (0, "Nothing to fix. 3 more fixes with --unsafe-fixes.\n")
    code, out, _ = run_cli("check", "--format", "json", cwd=vault)
    rules = sorted(problem["rule"] for problem in json.loads(out)["problems"])
    assert rules == ["broken-heading", "broken-link", "broken-link", "malformed-link"]


def test_unsafe_fixes_take_the_one_suggestion_and_keep_display_text(vault, run_cli):
    code, out, err = run_cli("fix", "--write", "--unsafe-fixes", cwd=vault)
    assert (code, out) == (0, "Fixed 8 problems in 2 notes.\n")
    # `[[Sales tx#Q3]]` would become `[[Sales tax#Q3]]`, a heading that does not exist: left.
    assert err == (
        "vaultkit: sub/Home.md: not fixed: the fix would write links that lead nowhere:"
        " [[Sales tax#Q3]], [b](No%20Note.md)\n"
    )
    last = (vault / "sub/Home.md").read_bytes().decode().splitlines()[-1]
    assert last == "[[Sales tax|tax]] [[Reinforcement Learning#Q-learning]] [[Sales tx#Q3]]"


def test_check_json_carries_each_fix(vault, run_cli):
    _, out, _ = run_cli("check", "--format", "json", cwd=vault)
    fixes = {
        (problem["rule"], problem["line"], problem["column"]): problem.get("fix")
        for problem in json.loads(out)["problems"]
        if problem["path"] == "sub/Home.md"
    }
    assert fixes[("link-to-alias", 2, 7)] == {
        "applicability": "safe",
        "replacement": "[[Reinforcement Learning|RL]]",
        "range": {"start": {"line": 2, "column": 7}, "end": {"line": 2, "column": 13}},
    }
    assert fixes[("malformed-link", 7, 1)] == {
        "applicability": "safe",
        "replacement": "[the talk](https://www.youtube.com/watch?v=t0yj4hBDUsc)",
        "range": {"start": {"line": 7, "column": 1}, "end": {"line": 7, "column": 57}},
    }
    assert fixes[("broken-link", 9, 1)] == {
        "applicability": "unsafe",
        "replacement": "[[Sales tax|tax]]",
        "range": {"start": {"line": 9, "column": 1}, "end": {"line": 9, "column": 17}},
    }
    assert fixes[("broken-heading", 9, 18)]["replacement"] == (
        "[[Reinforcement Learning#Q-learning]]"
    )


def test_check_fix_writes_then_reports_what_is_left(vault, run_cli):
    code, out, err = run_cli("check", "--fix", "--format", "json", cwd=vault)
    assert code == 1
    assert err.endswith(
        "vaultkit: Fixed 6 problems in 2 notes. 3 more fixes with --unsafe-fixes.\n"
    )
    left = [(p["rule"], p["line"]) for p in json.loads(out)["problems"]]
    assert left == [
        ("malformed-link", 8),
        ("broken-link", 9),
        ("broken-heading", 9),
        ("broken-link", 9),
    ]
    assert (vault / "sub/Home.md").read_bytes() == FIXED_HOME.encode()


def test_unsafe_fixes_without_fix_is_a_usage_error(vault, run_cli):
    code, _, err = run_cli("check", "--unsafe-fixes", cwd=vault)
    assert (code, err) == (2, "vaultkit: error: --unsafe-fixes applies fixes only with --fix\n")


def test_fix_json_lists_changes_and_fixed_problems(vault, run_cli):
    code, out, _ = run_cli("fix", "--format", "json", "--select", "malformed-link", cwd=vault)
    report = json.loads(out)
    assert code == 0
    assert [change["path"] for change in report["changes"]] == ["sub/Home.md"]
    assert [(p["rule"], p["line"]) for p in report["fixed"]] == [
        ("malformed-link", 7),
        ("malformed-link", 8),
    ]
    assert report["unsafe_left"] == 0
    assert report["left_out"] == [
        {
            "path": "sub/Home.md",
            "reason": "not fixed: the fix would write links that lead nowhere: [b](No%20Note.md)",
        }
    ]


def test_exit_non_zero_on_fix_is_for_pre_commit(vault, run_cli):
    code, _, _ = run_cli("fix", "--write", "--exit-non-zero-on-fix", cwd=vault)
    assert code == 1
    code, _, _ = run_cli("fix", "--write", "--exit-non-zero-on-fix", cwd=vault)
    assert code == 0


def test_fix_on_one_note_changes_only_that_note(vault, run_cli):
    code, out, _ = run_cli("fix", "BOM.md", "--write", cwd=vault)
    assert (code, out) == (0, "Fixed 1 problem in 1 note.\n")
    assert (vault / "sub/Home.md").read_bytes() == HOME.encode()


def test_logseq_malformed_link_is_fixed(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "- [the talk]((https://example.com/a_b)\n- x\n"}, flavor="logseq"
    )
    code, out, _ = run_cli("fix", "--write", cwd=vault)
    assert (code, out) == (0, "Fixed 1 problem in 1 note.\n")
    assert (vault / "pages/A.md").read_text() == "- [the talk](https://example.com/a_b)\n- x\n"


def test_rule_pages_say_whether_a_fix_is_offered(run_cli):
    for name, fix in (
        ("link-to-alias", "safe"),
        ("malformed-link", "safe"),
        ("broken-link", "safe, and unsafe ones with --unsafe-fixes"),
        ("broken-heading", "unsafe, with --unsafe-fixes"),
        ("broken-embed", "unsafe, with --unsafe-fixes"),
        ("ambiguous-link", "none"),
    ):
        _, out, _ = run_cli("rule", name)
        assert out.splitlines()[0].endswith(f", fix: {fix})"), out.splitlines()[0]


def test_a_file_named_with_a_literal_percent_gets_the_link_the_app_resolves(make_vault, run_cli):
    vault = make_vault(
        {"My%20Note.md": "x\n", "sub/A.md": "[a](../My%20Note.md) and [b](<../My Note.md>)\n"}
    )
    code, out, _ = run_cli("fix", "--write", cwd=vault)
    assert (code, out) == (0, "Fixed 1 problem in 1 note.\n")
    assert (vault / "sub/A.md").read_text() == ("[a](../My%2520Note.md) and [b](<../My Note.md>)\n")
    _, out, _ = run_cli("check", "--format", "json", cwd=vault)
    assert [p["target"] for p in json.loads(out)["problems"]] == ["[b](<../My Note.md>)"]


def test_logseq_file_names_and_missing_extensions_get_the_names_the_app_uses(make_vault, run_cli):
    vault = make_vault(
        {
            "pages/Area___Topic.md": "- a\n",
            "pages/Home.md": (
                "tags:: Area___Topic\n\n"
                "- [[Area___Topic]] #Area___Topic [t](../pages/Area___Topic) [[Nope___x]]\n"
            ),
        },
        flavor="logseq",
    )
    code, out, _ = run_cli("check", "--format", "json", "--show", "info", cwd=vault)
    page = next(p for p in json.loads(out)["problems"] if p["column"] == 3)
    assert page["message"] == (
        "[[Area___Topic]]: page `Area___Topic` has no file (Logseq shows an empty page);"
        " `Area___Topic` is how the file of `Area/Topic` is named"
    )
    assert page["fix"]["replacement"] == "[[Area/Topic]]"
    code, out, _ = run_cli("fix", "--write", cwd=vault)
    assert (code, out) == (0, "Fixed 4 problems in 1 note.\n")
    assert (vault / "pages/Home.md").read_text() == (
        "tags:: Area/Topic\n\n"
        "- [[Area/Topic]] #Area/Topic [t](../pages/Area___Topic.md) [[Nope___x]]\n"
    )


# --- the replacement itself -----------------------------------------------------------------


def test_replace_refuses_text_that_moved():
    with pytest.raises(ReplaceFailed):
        replace_all(b"a [[X]]\n", [Fix(1, 1, "[[X]]", "[[Y]]")])


def test_replace_refuses_overlaps():
    with pytest.raises(ReplaceFailed):
        replace_all(b"[[X]]\n", [Fix(1, 1, "[[X]]", "[[Y]]"), Fix(1, 3, "X]]", "Z]]")])


def test_replace_keeps_every_other_byte_of_utf16_and_lone_cr():
    data = "\ufeffé [[X]]\r\nb [[X]]\n".encode("utf-16-le")
    fixed = replace_all(b"\xff\xfe" + data[2:], [Fix(2, 3, "[[X]]", "[[Y]]")])
    assert fixed == b"\xff\xfe" + "é [[X]]\r\nb [[Y]]\n".encode("utf-16-le")


# --- the messy corpora and the examples ---------------------------------------------------------

ROOTS = [
    Path(__file__).resolve().parent / "corpus" / "obsidian",
    Path(__file__).resolve().parent / "corpus" / "logseq",
    Path(__file__).resolve().parent.parent / "examples" / "obsidian",
    Path(__file__).resolve().parent.parent / "examples" / "logseq",
]


def _problems(run_cli, vault: Path) -> list[dict]:
    _, out, _ = run_cli("check", "--format", "json", "--no-cache", "--show", "info", cwd=vault)
    return json.loads(out)["problems"]


@pytest.mark.parametrize("source", ROOTS, ids=[f"{r.parent.name}-{r.name}" for r in ROOTS])
def test_fix_on_a_real_looking_vault_removes_what_it_fixes_and_adds_nothing(
    tmp_path, run_cli, source
):
    vault = shutil.copytree(source, tmp_path / "vault")
    before = _problems(run_cli, vault)
    code, out, _ = run_cli("fix", "--write", "--unsafe-fixes", cwd=vault)
    assert code == 0
    fixed = int(match.group(1)) if (match := re.match(r"Fixed (\d+) problem", out)) else 0
    assert fixed == FIXED[f"{source.parent.name}-{source.name}"]
    after = _problems(run_cli, vault)

    def key(problem: dict) -> tuple[str, str]:
        return problem["rule"], problem["path"]

    assert len(after) == len(before) - fixed
    assert not Counter(map(key, after)) - Counter(map(key, before))
    code, out, _ = run_cli("fix", "--write", "--unsafe-fixes", cwd=vault)
    assert (code, out) == (0, "Nothing to fix.\n")


FIXED = {"corpus-obsidian": 2, "corpus-logseq": 0, "examples-obsidian": 4, "examples-logseq": 0}
