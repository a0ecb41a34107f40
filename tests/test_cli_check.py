"""``vaultkit check`` as a user runs it: exit codes, rule selection, flavours, note arguments,
vault root discovery, and the top-level commands (``--version``, help, ``rule``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_vault

NO_SUCH_RULE = "vaultkit: error: unknown rule `nope`; run `vaultkit rules` for the list\n"


def test_a_misspelt_rule_in_select_or_ignore_gets_a_guess(make_vault, run_cli):
    root = make_vault({"A.md": "x\n"})
    for option in ("--select", "--ignore"):
        code, out, err = run_cli("check", str(root), option, "broken-links")
        assert (code, out) == (2, "")
        assert err == (
            "vaultkit: error: unknown rule `broken-links`; did you mean `broken-link`?"
            " run `vaultkit rules` for the list\n"
        )


def broken(target: str) -> str:
    return f"[[{target}]] links to a note that does not exist: `{target}`"


def assert_no_traceback(*streams: str) -> None:
    for stream in streams:
        assert "Traceback" not in stream


# --- exit codes ------------------------------------------------------------------------------


def test_clean_vault_exits_0(make_vault, run_cli):
    vault = make_vault({"Home.md": "See [[Other]].\n", "Other.md": "# Other\n"})
    assert run_cli("check", cwd=vault) == (0, "No problems in 2 notes.\n", "")


def test_error_exits_1(make_vault, run_cli):
    vault = make_vault({"Home.md": "See [[Missing]].\n"})
    assert run_cli("check", cwd=vault) == (
        1,
        f"Home.md:1:5: error[broken-link] {broken('Missing')}\n"
        "\n"
        "Found 1 problem (1 error) in 1 note.\n",
        "",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), 0),
        (("--severity", "error"), 0),
        (("--severity", "warning"), 1),
        (("--severity", "info"), 1),
    ],
)
def test_warnings_fail_only_from_severity_warning(make_vault, run_cli, args, expected):
    vault = make_vault({"Home.md": "A [placeholder]() link.\n"})
    code, out, err = run_cli("check", *args, cwd=vault)
    assert (code, err) == (expected, "")
    assert out == (
        "Home.md:1:3: warning[empty-link] [placeholder]() has an empty target\n"
        "\n"
        "Found 1 problem (1 warning) in 1 note.\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [((), 0), (("--severity", "warning"), 0), (("--severity", "info"), 1)],
)
def test_info_fails_only_from_severity_info(make_vault, run_cli, args, expected):
    vault = make_vault({"pages/Home.md": "- [[Nowhere]]\n"}, flavor="logseq")
    code, out, err = run_cli("check", "--show", "info", *args, cwd=vault)
    assert (code, err) == (expected, "")
    assert out == (
        "pages/Home.md:1:3: info[missing-page] [[Nowhere]]: page `Nowhere` has no file "
        "(Logseq shows an empty page)\n"
        "\n"
        "Found 1 problem (1 info) in 1 note.\n"
    )


def test_severity_error_ignores_info_and_warning_but_not_error(make_vault, run_cli):
    vault = make_vault({"pages/Home.md": "- [[Nowhere]]\n- [x]()\n"}, flavor="logseq")
    assert run_cli("check", cwd=vault)[0] == 0
    (vault / "pages" / "Home.md").write_text("- [f](../assets/none.pdf)\n", encoding="utf-8")
    assert run_cli("check", cwd=vault)[0] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("--select", "nope"),
        ("--ignore", "nope"),
        ("--select", "broken-link,nope"),
        ("--ignore", "broken-link", "--ignore", "nope"),
    ],
)
def test_unknown_rule_in_select_or_ignore_exits_2(make_vault, run_cli, args):
    vault = make_vault({"Home.md": "[[Missing]]\n"})
    assert run_cli("check", *args, cwd=vault) == (2, "", NO_SUCH_RULE)


def test_path_that_does_not_exist_exits_2(make_vault, run_cli):
    vault = make_vault({"Home.md": "x\n"})
    assert run_cli("check", "nope", cwd=vault) == (
        2,
        "",
        "vaultkit: error: no such file or folder: nope\n",
    )


def test_missing_note_among_note_arguments_exits_2(make_vault, run_cli):
    vault = make_vault({"Home.md": "[[Missing]]\n"})
    assert run_cli("check", "Home.md", "Gone.md", cwd=vault) == (
        2,
        "",
        "vaultkit: error: no such file or folder: Gone.md\n",
    )


def test_folders_and_notes_together_are_checked(make_vault, run_cli):
    vault = make_vault(
        {"Home.md": "[[Gone A]]\n", "sub/Other.md": "[[Gone B]]\n", "more/M.md": "[[Gone C]]\n"}
    )
    code, out, err = run_cli("check", "sub", "Home.md", "more", cwd=vault)
    assert (code, err) == (1, "")
    assert _problem_lines(out) == [
        f"Home.md:1:1: error[broken-link] {broken('Gone A')}",
        "",
        f"more/M.md:1:1: error[broken-link] {broken('Gone C')}",
        "",
        f"sub/Other.md:1:1: error[broken-link] {broken('Gone B')}",
        "",
    ]


@pytest.mark.parametrize(
    "args",
    [("--format", "xml"), ("--severity", "fatal"), ("--flavor", "roam"), ("--bogus",)],
)
def test_bad_option_values_exit_2_without_traceback(make_vault, run_cli, args):
    vault = make_vault({"Home.md": "x\n"})
    code, out, err = run_cli("check", *args, cwd=vault)
    assert (code, out) == (2, "")
    assert err
    assert_no_traceback(out, err)


# --- --select / --ignore ----------------------------------------------------------------------

SELECT_VAULT = {
    "Home.md": "[[Missing]]\n[x]()\n[[Other#Nope]]\n",
    "Other.md": "# Other\n",
}
LINE_BROKEN = f"Home.md:1:1: error[broken-link] {broken('Missing')}"
LINE_EMPTY = "Home.md:2:1: warning[empty-link] [x]() has an empty target"
LINE_HEADING = "Home.md:3:1: error[broken-heading] [[Other#Nope]]: `Other` has no heading `Nope`"


def test_all_rules_run_by_default(make_vault, run_cli):
    vault = make_vault(SELECT_VAULT)
    code, out, _ = run_cli("check", cwd=vault)
    assert code == 1
    assert out.splitlines() == [
        LINE_BROKEN,
        LINE_EMPTY,
        LINE_HEADING,
        "",
        "Found 3 problems (2 errors, 1 warning) in 2 notes.",
    ]


def test_select_one_rule(make_vault, run_cli):
    vault = make_vault(SELECT_VAULT)
    assert run_cli("check", "--select", "broken-link", cwd=vault) == (
        1,
        f"{LINE_BROKEN}\n\nFound 1 problem (1 error) in 2 notes.\n",
        "",
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--ignore", "broken-link,empty-link"),
        ("--ignore", "broken-link", "--ignore", "empty-link"),
        ("--ignore", "broken-link, empty-link"),
    ],
)
def test_ignore_comma_separated_or_repeated(make_vault, run_cli, args):
    vault = make_vault(SELECT_VAULT)
    assert run_cli("check", *args, cwd=vault) == (
        1,
        f"{LINE_HEADING}\n\nFound 1 problem (1 error) in 2 notes.\n",
        "",
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--select", "broken-link,empty-link"),
        ("--select", "broken-link", "--select", "empty-link"),
    ],
)
def test_select_comma_separated_or_repeated(make_vault, run_cli, args):
    vault = make_vault(SELECT_VAULT)
    assert run_cli("check", *args, cwd=vault) == (
        1,
        f"{LINE_BROKEN}\n{LINE_EMPTY}\n\nFound 2 problems (1 error, 1 warning) in 2 notes.\n",
        "",
    )


def test_select_and_ignore_together(make_vault, run_cli):
    vault = make_vault(SELECT_VAULT)
    code, out, _ = run_cli(
        "check", "--select", "broken-link,empty-link", "--ignore", "broken-link", cwd=vault
    )
    assert (code, out) == (0, f"{LINE_EMPTY}\n\nFound 1 problem (1 warning) in 2 notes.\n")


# --- flavour ----------------------------------------------------------------------------------


def _flavor_of(run_cli, vault: Path, *args: str) -> str:
    code, out, _ = run_cli("check", "--format", "json", *args, cwd=vault)
    assert code in (0, 1)
    return json.loads(out)["flavor"]


NO_MARKER = (
    "vaultkit: note: {root} has no .obsidian/, logseq/config.edn or .vaultkit.toml; checking it "
    "as a folder of Markdown notes with Obsidian's rules\n"
)


def test_plain_folder_is_read_as_obsidian(make_vault, run_cli):
    vault = make_vault({"pages/Home.md": "- [[Missing]]\n"}, flavor="none")
    assert _flavor_of(run_cli, vault) == "obsidian"
    assert run_cli("check", cwd=vault) == (
        1,
        f"pages/Home.md:1:3: error[broken-link] {broken('Missing')}\n"
        "\nFound 1 problem (1 error) in 1 note.\n",
        NO_MARKER.format(root="."),
    )


def test_flavor_logseq_on_folder_without_config(make_vault, run_cli):
    vault = make_vault({"pages/Home.md": "- [[Missing]]\n"}, flavor="none")
    assert _flavor_of(run_cli, vault, "--flavor", "logseq") == "logseq"
    assert run_cli("check", "--flavor", "logseq", "--show", "info", cwd=vault) == (
        0,
        "pages/Home.md:1:3: info[missing-page] [[Missing]]: page `Missing` has no file "
        "(Logseq shows an empty page)\n"
        "\nFound 1 problem (1 info) in 1 note.\n",
        "",
    )


def test_logseq_config_means_logseq(make_vault, run_cli):
    vault = make_vault({"pages/Home.md": "- [[Missing]]\n"}, flavor="logseq")
    assert _flavor_of(run_cli, vault) == "logseq"


def test_obsidian_folder_means_obsidian(make_vault, run_cli):
    vault = make_vault({"Home.md": "[[Missing]]\n"}, flavor="obsidian")
    assert _flavor_of(run_cli, vault) == "obsidian"


def test_flavor_option_overrides_detection(make_vault, run_cli):
    vault = make_vault({"pages/Home.md": "- [[Missing]]\n"}, flavor="logseq")
    assert _flavor_of(run_cli, vault, "--flavor", "obsidian") == "obsidian"
    code, out, _ = run_cli("check", "--flavor", "obsidian", cwd=vault)
    assert code == 1
    assert out.splitlines()[0] == f"pages/Home.md:1:3: error[broken-link] {broken('Missing')}"


# --- note arguments ---------------------------------------------------------------------------

NOTES_VAULT = {
    "Home.md": "[[Missing From Home]]\n",
    "A.md": "[[B]] [[Elsewhere]] [[Gone A]]\n",
    "B.md": "[[Gone B]]\n",
    "sub/Elsewhere.md": "# Elsewhere\n",
    "sub/C.md": "[[Gone C]]\n",
}


def _problem_lines(out: str) -> list[str]:
    lines = out.splitlines()
    assert lines[-1].startswith(("Found ", "No problems in "))
    return lines[:-1]


def test_note_arguments_report_only_those_notes(make_vault, run_cli):
    vault = make_vault(NOTES_VAULT)
    code, out, err = run_cli("check", "A.md", "sub/C.md", cwd=vault)
    assert (code, err) == (1, "")
    assert _problem_lines(out) == [
        f"A.md:1:21: error[broken-link] {broken('Gone A')}",
        "",
        f"sub/C.md:1:1: error[broken-link] {broken('Gone C')}",
        "",
    ]
    assert out.splitlines()[-1].startswith("Found 2 problems (2 errors) in ")


def test_note_argument_links_resolve_against_whole_vault(make_vault, run_cli):
    vault = make_vault({**NOTES_VAULT, "A.md": "[[B]] [[Elsewhere]] [[Home]]\n"})
    code, out, err = run_cli("check", "A.md", cwd=vault)
    assert (code, err) == (0, "")
    assert _problem_lines(out) == []
    assert out.splitlines()[-1].startswith("No problems in ")


def test_note_arguments_json_paths_are_vault_relative(make_vault, run_cli):
    vault = make_vault(NOTES_VAULT)
    code, out, _ = run_cli("check", "C.md", "--format", "json", cwd=vault / "sub")
    assert code == 1
    report = json.loads(out)
    assert [(p["rule"], p["path"], p["target"]) for p in report["problems"]] == [
        ("broken-link", "sub/C.md", "[[Gone C]]")
    ]
    assert report["summary"]["problems"] == 1


def test_non_markdown_arguments_are_ignored(make_vault, run_cli):
    vault = make_vault({**NOTES_VAULT, "image.png": b"\x89PNG\r\n", "notes.txt": "[[Gone]]\n"})
    code, out, _ = run_cli("check", "B.md", "image.png", "notes.txt", cwd=vault)
    assert code == 1
    assert _problem_lines(out) == [f"B.md:1:1: error[broken-link] {broken('Gone B')}", ""]
    code, out, err = run_cli("check", "image.png", "notes.txt", cwd=vault)
    assert (code, out) == (2, "")
    assert err == (
        "vaultkit: error: image.png is not a note (notes are .md files, or .org in Logseq)\n"
    )


@pytest.mark.parametrize(
    ("marker", "flavor", "rule", "severity"),
    [
        (".obsidian/", "obsidian", "broken-link", "error"),
        ("logseq/config.edn", "logseq", "missing-page", "info"),
        (".vaultkit.toml", "obsidian", "broken-link", "error"),
        (".git/", "obsidian", "broken-link", "error"),
    ],
)
def test_vault_root_found_from_the_notes_folder(tmp_path, run_cli, marker, flavor, rule, severity):
    root = tmp_path / "outer" / "vault"
    files: dict[str, str | bytes] = {
        "Top.md": "# Top\n",
        "deep/sub/Note.md": "[[Top]] [[Gone]]\n",
    }
    if marker.endswith("/"):
        (root / marker).mkdir(parents=True)
    else:
        files[marker] = "{}\n" if marker.endswith(".edn") else ""
    write_vault(root, files)
    code, out, err = run_cli("check", "Note.md", "--format", "json", cwd=root / "deep" / "sub")
    report = json.loads(out)
    assert err == (NO_MARKER.format(root=report["vault"]) if marker == ".git/" else "")
    assert Path(report["vault"]).resolve() == root.resolve()
    assert report["flavor"] == flavor
    assert [(p["rule"], p["severity"], p["path"], p["target"]) for p in report["problems"]] == [
        (rule, severity, "deep/sub/Note.md", "[[Gone]]")
    ]
    assert code == (1 if severity == "error" else 0)


def test_nearest_marker_wins(tmp_path, run_cli):
    outer = tmp_path / "outer"
    write_vault(outer, {"Top.md": "# Top\n", "inner/Note.md": "[[Top]]\n"})
    (outer / ".obsidian").mkdir()
    (outer / "inner" / ".git").mkdir()
    code, out, _ = run_cli("check", "inner/Note.md", cwd=outer)
    assert code == 1
    assert _problem_lines(out) == [f"inner/Note.md:1:1: error[broken-link] {broken('Top')}", ""]


def test_vault_option_sets_the_root(tmp_path, run_cli):
    root = tmp_path / "vault"
    write_vault(root, {"Top.md": "# Top\n", "sub/Note.md": "[[Top]] [[Gone]]\n"})
    code, out, _ = run_cli(
        "check", "--vault", "vault", "vault/sub/Note.md", "--format", "json", cwd=tmp_path
    )
    assert code == 1
    report = json.loads(out)
    assert report["vault"] == "vault"
    assert [(p["path"], p["target"]) for p in report["problems"]] == [("sub/Note.md", "[[Gone]]")]


def test_note_outside_the_vault_exits_2(tmp_path, run_cli):
    write_vault(tmp_path / "vault", {"Home.md": "x\n"})
    write_vault(tmp_path / "other", {"Note.md": "[[Gone]]\n"})
    code, out, err = run_cli("check", "--vault", "vault", "other/Note.md", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == "vaultkit: error: other/Note.md is not inside the vault vault\n"


def test_vault_option_that_does_not_exist_exits_2(make_vault, run_cli):
    vault = make_vault({"Home.md": "x\n"})
    code, out, err = run_cli("check", "--vault", "nope", "Home.md", cwd=vault)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: ")
    assert_no_traceback(err)


# --- default PATH -----------------------------------------------------------------------------


def test_default_path_is_the_current_folder(make_vault, run_cli):
    vault = make_vault({"Home.md": "[[Missing]]\n", "sub/Deep.md": "[[Other]]\n"})
    code, out, _ = run_cli("check", cwd=vault)
    assert (code, out) == (
        1,
        f"Home.md:1:1: error[broken-link] {broken('Missing')}\n"
        "\n"
        f"sub/Deep.md:1:1: error[broken-link] {broken('Other')}\n"
        "\n"
        "Found 2 problems (2 errors) in 2 notes.\n",
    )
    assert run_cli("check", ".", cwd=vault) == (code, out, "")


# --- top-level commands -----------------------------------------------------------------------


def test_version(run_cli, tmp_path):
    assert run_cli("--version", cwd=tmp_path) == (0, "vaultkit 0.1.0\n", "")


def test_no_arguments_shows_help(run_cli, tmp_path):
    _, out, err = run_cli(cwd=tmp_path)
    text = out + err
    assert "Usage: vaultkit [OPTIONS] COMMAND [ARGS]..." in text
    for command in ("check", "rules", "rule"):
        assert f" {command} " in text
    assert_no_traceback(text)


@pytest.mark.parametrize(
    "terminal",
    [
        pytest.param({"FORCE_COLOR": "1"}, id="forced-colour"),
        pytest.param({"COLUMNS": "20"}, id="narrow"),
        pytest.param({"FORCE_COLOR": "1", "COLUMNS": "20", "TERM": "xterm"}, id="both"),
        pytest.param({"NO_COLOR": "1", "COLUMNS": "300"}, id="no-colour-wide"),
    ],
)
def test_help_survives_any_terminal(run_cli, tmp_path, monkeypatch, terminal):
    for name, value in terminal.items():
        monkeypatch.setenv(name, value)
    _, out, err = run_cli(cwd=tmp_path)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out + err)
    words = set(re.findall(r"[a-z-]+", text))
    assert {"vaultkit", "check", "rules", "rule", "orphans", "enrich"} <= words
    assert_no_traceback(text)
    if "NO_COLOR" in terminal:
        assert "\x1b" not in out + err


def test_rule_explains_one_rule(run_cli, tmp_path):
    code, out, err = run_cli("rule", "broken-link", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.startswith(
        "broken-link (default: error, applies to: all, fix: safe, and unsafe ones with"
        " --unsafe-fixes)\n\n"
        "A link to a note or file that does not "
        "exist.\n"
    )
    assert "Fails:\n\n    See [[Sales tx]] and [the plan](plans/2024.md).\n" in out
    assert out.endswith("    See [[sales tax]] and [the plan](plans/2024.md).\n")


def test_rule_unknown_exits_2(run_cli, tmp_path):
    code, out, err = run_cli("rule", "nope", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: unknown rule `nope`; known rules: ambiguous-link, ")
    assert err.endswith(", unreadable-note, unused-suppression\n")


def test_rules_lists_every_rule(run_cli, tmp_path):
    code, out, err = run_cli("rules", cwd=tmp_path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["rule", "default", "applies", "what", "it", "finds"]
    assert lines[1].split()[:3] == ["broken-link", "error", "all"]
    assert len(lines) == 17


# --- the installed console script -------------------------------------------------------------


def test_installed_console_script(tmp_path):
    write_vault(tmp_path / "vault", {"Home.md": "See [[Missing]].\n", "Other.md": "# Other\n"})
    (tmp_path / "vault" / ".obsidian").mkdir()
    script = shutil.which("vaultkit") or shutil.which(
        "vaultkit", path=str(Path(sys.executable).parent)
    )
    command = [script] if script else [sys.executable, "-m", "vaultkit"]
    env = {key: value for key, value in os.environ.items() if key not in ("FORCE_COLOR",)}
    done = subprocess.run(
        [*command, "check", "vault"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == (
        f"vault/Home.md:1:5: error[broken-link] {broken('Missing')}\n"
        "\n"
        "Found 1 problem (1 error) in 2 notes.\n"
    )


CHOICES = {
    "": [],
    "check": ["text, json, github or sarif", "error, warning or info", "obsidian or logseq"],
    "orphans": ["table, markdown, json or csv"],
    "enrich": ["diff or json"],
    "stats": ["text or json"],
    "fix": ["diff or json"],
    "mv": [],
    "links": ["text or json"],
}


@pytest.mark.parametrize("columns", ["60", "80", "120"])
@pytest.mark.parametrize("command", sorted(CHOICES))
def test_help_has_no_type_labels_on_flags_and_no_broken_words(
    run_cli, tmp_path, monkeypatch, command, columns
):
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run_cli(*([command] if command else []), "--help", cwd=tmp_path)
    assert code == 0
    assert [line for line in out.splitlines() if "<bool>" in line] == []
    prose = re.sub(r"[│╭╮╰╯─]", " ", out)
    flowing = " ".join(re.sub(r"\s+", " ", prose).split())
    for choices in CHOICES[command]:
        for word in re.findall(r"[a-z]+", choices):
            assert re.search(rf"\b{word}\b", flowing), (word, out)
