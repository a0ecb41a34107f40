"""Adopting vaultkit on a vault that already has problems: running from a subfolder, bad paths,
a baseline, output a person can read."""

from __future__ import annotations

import json

import pytest

from conftest import write_vault

LOGSEQ_GRAPH = {
    "logseq/config.edn": "{:file/name-format :triple-lowbar}\n",
    "pages/Home.md": "- [[Kyoto]] and [[Osaka]] and ((00000000-0000-4000-8000-000000000000))\n",
    "pages/Kyoto.md": "- A city\n",
    "journals/2024_01_02.md": "- went to [[Kyoto]] and [[Nara]]\n",
}


# --- the vault's root is found from anywhere inside it -----------------------------------------


def test_a_subfolder_of_a_logseq_graph_is_checked_against_the_whole_graph(tmp_path, run_cli):
    root = write_vault(tmp_path / "graph", LOGSEQ_GRAPH)
    code, out, err = run_cli("check", "--show", "info", cwd=root / "pages")
    assert (code, err) == (1, "")
    assert out == (
        "Home.md:1:17: info[missing-page] [[Osaka]]: page `Osaka` has no file (Logseq shows an "
        "empty page)\n"
        "Home.md:1:31: error[broken-block-ref] ((00000000-0000-4000-8000-000000000000)): no "
        "block has `id:: 00000000-0000-4000-8000-000000000000`\n"
        "\n"
        "Found 2 problems (1 error, 1 info) in 2 of 3 notes (Logseq graph at ..)\n"
    )
    code, out, _ = run_cli("check", "--format", "json", cwd=root / "pages")
    document = json.loads(out)
    assert (document["vault"], document["flavor"]) == ("..", "logseq")
    assert [p["path"] for p in document["problems"]] == ["pages/Home.md", "pages/Home.md"]


def test_a_folder_argument_finds_its_vault(tmp_path, run_cli):
    write_vault(
        tmp_path / "vault",
        {
            ".obsidian/app.json": "{}",
            "Notes/Trip.md": "[[Kyoto]] [[Nowhere]]\n",
            "References/Kyoto.md": "A city.\n",
            "Other/Broken.md": "[[Also nowhere]]\n",
        },
    )
    code, out, err = run_cli("check", "vault/Notes", cwd=tmp_path)
    assert (code, err) == (1, "")
    assert out == (
        "vault/Notes/Trip.md:1:11: error[broken-link] [[Nowhere]] links to a note that does not "
        "exist: `Nowhere`\n"
        "\n"
        "Found 1 problem (1 error) in 1 of 3 notes (Obsidian vault at vault)\n"
    )


def test_the_vault_option_wins_over_a_folder(tmp_path, run_cli):
    root = write_vault(
        tmp_path / "outer",
        {
            ".obsidian/app.json": "{}",
            "Top.md": "",
            "inner/.obsidian/app.json": "{}",
            "inner/Note.md": "[[Top]]\n",
        },
    )
    code, _, _ = run_cli("check", "inner", cwd=root)
    assert code == 1  # inner is a vault of its own: Top is not in it
    code, out, _ = run_cli("check", "inner", "--vault", ".", cwd=root)
    assert code == 0
    assert out == "No problems in 1 of 2 notes.\n"


# --- bad paths fail loudly ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({"notes.bak": "[[x]]"}, ("notes.bak",), "notes.bak is not a note (notes are .md files, or "
         ".org in Logseq)"),
        ({"Home.md": "x"}, ("Hoem.md",), "no such file or folder: Hoem.md"),
        ({"Home.md": "x", "empty/.keep": ""}, ("empty",), "no notes in empty"),
        ({"image.png": "x"}, (), "no notes in . (notes are .md files)"),
    ],
)  # fmt: skip
def test_a_path_that_checks_nothing_exits_2(tmp_path, run_cli, files, args, message):
    root = write_vault(tmp_path / "vault", {".obsidian/app.json": "{}", **files})
    assert run_cli("check", *args, cwd=root) == (2, "", f"vaultkit: error: {message}\n")


def test_a_folder_without_markers_is_checked_with_a_notice(tmp_path, run_cli):
    root = write_vault(tmp_path / "docs", {"README.md": "[[Nowhere]]\n"})
    code, out, err = run_cli("check", "docs", cwd=tmp_path)
    assert code == 1
    assert out.endswith("Found 1 problem (1 error) in 1 note.\n")
    assert err == (
        "vaultkit: note: docs has no .obsidian/, logseq/config.edn or .vaultkit.toml; checking "
        "it as a folder of Markdown notes with Obsidian's rules\n"
    )
    assert run_cli("check", "docs", "--quiet", cwd=tmp_path)[2] == ""
    assert root.is_dir()


# --- output a person can read ------------------------------------------------------------------


def _tag_flood(tmp_path):
    files = {
        "logseq/config.edn": "{:file/name-format :triple-lowbar}\n",
        "pages/Broken.md": "- ((00000000-0000-4000-8000-000000000000))\n",
    }
    for number in range(6):
        files[f"pages/Tweet {number}.md"] = f"- highlight {number} #Highlight [[Once {number}]]\n"
    return write_vault(tmp_path / "graph", files)


def test_many_links_to_one_target_fold_into_one_line(tmp_path, run_cli):
    root = _tag_flood(tmp_path)
    code, out, _ = run_cli("check", "--show", "info", "--vault", str(root), cwd=root)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "pages/Broken.md:1:3: error[broken-block-ref] ((00000000-0000-4000-8000-000000000000)): "
        "no block has `id:: 00000000-0000-4000-8000-000000000000`"
    )
    assert lines[-3] == (
        "info[missing-page] 6 links to #Highlight in 6 notes, e.g. pages/Tweet 0.md:1:15, "
        "pages/Tweet 1.md:1:15, pages/Tweet 2.md:1:15 (--no-group lists each)"
    )
    assert lines[-1] == "Found 13 problems (1 error, 12 info) in 7 notes."
    assert len([line for line in lines if "[[Once" in line]) == 6
    code, out, _ = run_cli("check", "--show", "info", "--no-group", "--vault", str(root), cwd=root)
    assert len([line for line in out.splitlines() if "#Highlight" in line]) == 6


def test_quiet_statistics_and_exit_zero(tmp_path, run_cli):
    root = _tag_flood(tmp_path)
    code, out, err = run_cli(
        "check", "--quiet", "--statistics", "--exit-zero", "--vault", str(root), cwd=root
    )
    assert (code, err) == (0, "")
    assert out == (
        "pages/Broken.md:1:3: error[broken-block-ref] ((00000000-0000-4000-8000-000000000000)): "
        "no block has `id:: 00000000-0000-4000-8000-000000000000`\n"
        "Problems per rule:\n"
        "      12  info[missing-page]\n"
        "       1  error[broken-block-ref]\n"
        "Found 13 problems (1 error, 12 info not shown) in 7 notes; --show info lists them.\n"
    )


def test_dash_h_shows_help(run_cli, tmp_path):
    code, out, _ = run_cli("check", "-h", cwd=tmp_path)
    assert code == 0
    assert "usage: vaultkit check [options] [paths]..." in out.lower()
    assert "--show" in out


# --- baseline ----------------------------------------------------------------------------------


ZETTEL = {
    ".obsidian/app.json": "{}",
    "Home.md": "[[Later]] and [[Later]] and [[Someday]]\n",
    "Ideas.md": "[[Someday]] and ![[sketch.png]]\n",
}


EMBED = '{"rule": "broken-embed", "path": "Ideas.md", "target": "![[sketch.png]]", "count": 1}'
SOMEDAY = '{"rule": "broken-link", "path": "Ideas.md", "target": "[[Someday]]", "count": 1}'


def test_adopting_with_a_baseline(tmp_path, run_cli):
    root = write_vault(tmp_path / "vault", ZETTEL)
    assert run_cli("check", cwd=root)[0] == 1
    code, out, err = run_cli("check", "--update-baseline", cwd=root)
    assert (code, err) == (0, "")
    assert out == (
        "Wrote 5 problems to the baseline .vaultkit-baseline.json; `vaultkit check` now reports "
        "only new ones.\n"
    )
    assert (root / ".vaultkit-baseline.json").read_text(encoding="utf-8") == (
        '{\n  "vaultkit-baseline": 1,\n  "problems": [\n'
        f"    {EMBED},\n"
        '    {"rule": "broken-link", "path": "Home.md", "target": "[[Later]]", "count": 2},\n'
        '    {"rule": "broken-link", "path": "Home.md", "target": "[[Someday]]", "count": 1},\n'
        f"    {SOMEDAY}\n"
        "  ]\n}\n"
    )
    baseline = ("--baseline", ".vaultkit-baseline.json")
    assert run_cli("check", *baseline, cwd=root) == (
        0,
        "No problems in 2 notes. 5 known problems in the baseline not shown.\n",
        "",
    )
    # A new broken link fails the check, and only it is shown; moving old ones does not.
    (root / "Home.md").write_text(
        "New first line.\n[[Later]] and [[Later]] and [[Someday]] and [[Typo]]\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("check", *baseline, cwd=root)
    assert (code, out) == (
        1,
        "Home.md:2:45: error[broken-link] [[Typo]] links to a note that does not exist: `Typo`\n"
        "\n"
        "Found 1 problem (1 error) in 2 notes. 5 known problems in the baseline not shown.\n",
    )
    # Fixing an old one passes and says the baseline can be tightened.
    (root / "Home.md").write_text("[[Later]] and [[Later]]\n", encoding="utf-8")
    assert run_cli("check", *baseline, cwd=root) == (
        0,
        "No problems in 2 notes. 4 known problems in the baseline not shown. 1 baseline entry "
        "no longer occurs: --update-baseline drops them.\n",
        "",
    )
    code, out, _ = run_cli("check", *baseline, "--format", "json", cwd=root)
    assert json.loads(out)["summary"]["baseline"] == {"known": 4, "stale": 1}
    assert run_cli("check", "--update-baseline", *baseline, cwd=root)[0] == 0
    assert (root / ".vaultkit-baseline.json").read_text(encoding="utf-8") == (
        '{\n  "vaultkit-baseline": 1,\n  "problems": [\n'
        f"    {EMBED},\n"
        '    {"rule": "broken-link", "path": "Home.md", "target": "[[Later]]", "count": 2},\n'
        f"    {SOMEDAY}\n"
        "  ]\n}\n"
    )
    assert run_cli("check", *baseline, cwd=root)[1] == (
        "No problems in 2 notes. 4 known problems in the baseline not shown.\n"
    )


def test_a_baseline_named_in_the_settings_is_used(tmp_path, run_cli):
    root = write_vault(
        tmp_path / "vault", {**ZETTEL, ".vaultkit.toml": 'baseline = "known.json"\n'}
    )
    assert run_cli("check", "--update-baseline", cwd=root)[0] == 0
    assert (root / "known.json").is_file()
    code, out, _ = run_cli("check", cwd=root)
    assert (code, out) == (
        0,
        "No problems in 2 notes. 5 known problems in the baseline not shown.\n",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no baseline at b.json; write one with `vaultkit check --update-baseline`"),
        ("[1, 2]", "b.json is not a vaultkit baseline (format 1)"),
        ('{"vaultkit-baseline": 1, "problems": [{"rule": "x"}]}',
         "b.json: an entry lacks rule, path, target or count"),
    ],
)  # fmt: skip
def test_a_missing_or_damaged_baseline_exits_2(tmp_path, run_cli, content, message):
    root = write_vault(tmp_path / "vault", ZETTEL)
    if content is not None:
        (root / "b.json").write_text(content, encoding="utf-8")
    assert run_cli("check", "--baseline", "b.json", cwd=root) == (
        2,
        "",
        f"vaultkit: error: {message}\n",
    )


# --- unresolved links as a way of working -------------------------------------------------------

UNRESOLVED_VAULT = {
    ".obsidian/app.json": "{}",
    "Sales tax.md": "# Rates\n",
    "Zettel.md": (
        "[[Future idea]] [[Sales tx]] [[Projects/Plan]]\n[[Gone#Goals]] [[diagram.png]]\n"
    ),
}


def test_typos_mode_reports_only_likely_mistakes(tmp_path, run_cli):
    root = write_vault(tmp_path / "vault", UNRESOLVED_VAULT)
    code, out, _ = run_cli("check", "--no-cache", cwd=root)
    assert code == 1
    assert out.count("error[broken-link]") == 5
    (root / ".vaultkit.toml").write_text(
        '[rules.broken-link]\nunresolved = "typos"\n', encoding="utf-8"
    )
    code, out, err = run_cli("check", "--no-cache", cwd=root)
    assert (code, err) == (1, "")
    assert out == (
        "Zettel.md:1:17: error[broken-link] [[Sales tx]] links to a note that does not exist:"
        " `Sales tx`; did you mean `Sales tax`?\n"
        "Zettel.md:1:30: error[broken-link] [[Projects/Plan]] links to a note that does not"
        " exist: `Projects/Plan`\n"
        "Zettel.md:2:1: error[broken-link] [[Gone#Goals]] links to a note that does not exist:"
        " `Gone`\n"
        "Zettel.md:2:16: error[broken-link] [[diagram.png]] links to a file that does not exist:"
        " `diagram.png`\n"
        "\n"
        "Found 4 problems (4 errors) in 2 notes.\n"
    )


def test_a_rule_table_keeps_its_severity_and_checks_its_options(tmp_path, run_cli):
    root = write_vault(tmp_path / "vault", UNRESOLVED_VAULT)
    (root / ".vaultkit.toml").write_text(
        '[rules.broken-link]\nseverity = "warning"\nunresolved = "typos"\n', encoding="utf-8"
    )
    code, out, _ = run_cli("check", "--no-cache", "--format", "json", cwd=root)
    problems = json.loads(out)["problems"]
    assert code == 0
    assert [(p["severity"], p["line"], p["column"]) for p in problems] == [
        ("warning", 1, 17),
        ("warning", 1, 30),
        ("warning", 2, 1),
        ("warning", 2, 16),
    ]
    (root / ".vaultkit.toml").write_text(
        '[rules.broken-link]\nunresolved = "some"\n', encoding="utf-8"
    )
    code, out, err = run_cli("check", cwd=root)
    assert (code, out) == (2, "")
    assert err == (
        "vaultkit: error: .vaultkit.toml: [rules.broken-link]: unresolved must be one of all,"
        " typos\n"
    )
    (root / ".vaultkit.toml").write_text(
        '[rules.empty-link]\nunresolved = "typos"\n', encoding="utf-8"
    )
    code, _, err = run_cli("check", cwd=root)
    assert (code, err) == (
        2,
        "vaultkit: error: unknown key `unresolved` in .vaultkit.toml: [rules.empty-link];"
        " known keys: severity\n",
    )


def test_the_default_baseline_is_used_once_written(tmp_path, run_cli):
    root = write_vault(tmp_path / "vault", UNRESOLVED_VAULT)
    code, out, _ = run_cli("check", "--update-baseline", cwd=root)
    assert (code, out) == (
        0,
        "Wrote 5 problems to the baseline .vaultkit-baseline.json; `vaultkit check` now reports"
        " only new ones.\n",
    )
    code, out, _ = run_cli("check", cwd=root)
    assert (code, out) == (
        0,
        "No problems in 2 notes. 5 known problems in the baseline not shown.\n",
    )
    (root / "New.md").write_text("[[Nope]]\n", encoding="utf-8")
    code, out, _ = run_cli("check", cwd=root)
    assert code == 1
    assert out.splitlines()[0] == (
        "New.md:1:1: error[broken-link] [[Nope]] links to a note that does not exist: `Nope`"
    )


def test_a_baseline_leading_out_of_the_vault_is_refused(tmp_path, run_cli):
    root = write_vault(tmp_path / "vault", UNRESOLVED_VAULT)
    outside = tmp_path / "elsewhere.json"
    outside.write_text("{}", encoding="utf-8")
    (root / ".vaultkit-baseline.json").symlink_to(outside)
    code, out, err = run_cli("check", cwd=root)
    assert (code, out) == (2, "")
    assert err == (
        "vaultkit: error: the baseline .vaultkit-baseline.json leads outside the vault; not read\n"
    )
    code, _, err = run_cli("check", "--update-baseline", cwd=root)
    assert code == 2
    assert outside.read_text(encoding="utf-8") == "{}"
