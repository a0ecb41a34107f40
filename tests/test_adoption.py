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
    assert "Usage: vaultkit check [OPTIONS] [paths]..." in out
    assert "--show" in out
