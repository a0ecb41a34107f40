"""Hostile file names through the real commands.

``tests/test_read_walk.py`` already loads a name with a newline and a name that is not UTF-8;
here such names go through every command and every output format, together with ``% # ^ | [ ]``,
emoji, NFC against NFD (macOS writes NFD), leading dots and names that differ only in case.
"""

from __future__ import annotations

import json
import os
import unicodedata

import pytest

from .conftest import TWEET, backlink_sources, link_status, problems

# --- a newline in a name -----------------------------------------------------------------------


def test_newline_in_a_name_stays_on_one_output_line(make_vault, survive_every_command, run_cli):
    root = make_vault({"new\nline.md": "[[Missing]]", "Linker.md": "[x](new%0Aline.md)"})
    document = survive_every_command(root, note="Linker")
    assert problems(document) == [("broken-link", "new\nline.md", 1, 1)]
    assert link_status(run_cli, root, "Linker") == [("[x](new%0Aline.md)", "note", "new\nline.md")]
    _, text, _ = run_cli("check", str(root))
    [line] = [line for line in text.splitlines() if "broken-link" in line]
    assert line.endswith(
        "line.md:1:1: error[broken-link] [[Missing]] links to a note that does not exist: `Missing`"
    )
    assert "new\\nline.md" in line
    _, github, _ = run_cli("check", str(root), "--format", "github")
    assert github.count("\n") == 1
    assert "new%0Aline.md" in github
    _, sarif, _ = run_cli("check", str(root), "--format", "sarif")
    assert json.loads(sarif)["runs"][0]["results"][0]["ruleId"] == "broken-link"


# --- characters that mean something in a link ---------------------------------------------------

SPECIAL_NAMES = ["100%", "C# notes", "a^b", "a|b", "[draft]", "x]y", "😀 emoji", "Ω ≈ ç"]


def percent_encoded(name: str) -> str:
    from urllib.parse import quote

    return quote(name + ".md")


def test_every_name_is_reachable_by_a_percent_encoded_markdown_link(
    make_vault, survive_every_command, run_cli
):
    files = {f"{name}.md": f"[[Missing {index}]]" for index, name in enumerate(SPECIAL_NAMES)}
    files["Index.md"] = "\n".join(f"- [n]({percent_encoded(name)})" for name in SPECIAL_NAMES)
    root = make_vault(files)
    document = survive_every_command(root, note="Index")
    # Each note is read: its own broken link is reported under its own name.
    assert sorted(path for _, path, _, _ in problems(document, "broken-link")) == sorted(
        f"{name}.md" for name in SPECIAL_NAMES
    )
    statuses = link_status(run_cli, root, "Index")
    assert [(status, target) for _, status, target in statuses] == [
        ("note", f"{name}.md") for name in SPECIAL_NAMES
    ]
    for name in SPECIAL_NAMES:
        assert backlink_sources(run_cli, root, f"{name}.md") == ["Index.md"]


def test_wikilinks_to_names_a_wikilink_cannot_hold_are_reported(make_vault, check_json):
    """``#`` starts a heading and ``|`` the shown text, so ``[[a|b]]`` can never reach
    ``a|b.md``: Obsidian follows ``[[a]]``. vaultkit reports the link as broken, naming ``a``."""
    root = make_vault(
        {
            "a|b.md": "x",
            "C# notes.md": "x",
            "100%.md": "x",
            "😀 emoji.md": "x",
            "Home.md": "[[a|b]] [[C# notes]] [[100%]] [[😀 emoji]]",
        }
    )
    code, document = check_json(root)
    assert code == 1
    found = [(p["rule"], p["column"], p["message"]) for p in document["problems"]]
    assert found == [
        ("broken-link", 1, "[[a|b]] links to a note that does not exist: `a`"),
        (
            "broken-link",
            9,
            "[[C# notes]] links to a note that does not exist: `C`; did you mean `C# notes`?",
        ),
    ]


# --- NFC and NFD -------------------------------------------------------------------------------

NFC = unicodedata.normalize("NFC", "Café Noël")
NFD = unicodedata.normalize("NFD", "Café Noël")


@pytest.mark.parametrize(
    ("file_form", "link_form"),
    [
        pytest.param(NFD, NFC, id="nfd-file-nfc-link"),
        pytest.param(NFC, NFD, id="nfc-file-nfd-link"),
    ],
)
@pytest.mark.parametrize("flavor", ["obsidian", "logseq"])
def test_nfc_and_nfd_names_are_one_name(
    make_vault, survive_every_command, run_cli, file_form, link_form, flavor
):
    assert file_form != link_form
    folder = "pages/" if flavor == "logseq" else ""
    # Logseq has no heading anchors: there ``[[name#Día]]`` would name another page.
    heading = (
        "" if flavor == "logseq" else f" [[{link_form}#{unicodedata.normalize('NFD', 'Día')}]]"
    )
    links = f"- [[{link_form}]]{heading} [m](./{percent_encoded(link_form)})\n"
    root = make_vault(
        {f"{folder}{file_form}.md": "# Día\n", f"{folder}Linker.md": links}, flavor=flavor
    )
    document = survive_every_command(root, note="Linker")
    assert problems(document) == []
    assert backlink_sources(run_cli, root, link_form) == [f"{folder}Linker.md"] * (
        links.count("[[") + links.count("](")
    )
    code, out, _ = run_cli("orphans", str(root), "--format", "json")
    assert code == 0
    orphans = [row["path"] for row in json.loads(out)["orphans"]]
    assert f"{folder}{file_form}.md" not in orphans


# --- leading dots ------------------------------------------------------------------------------


def test_dot_names_are_hidden_like_the_apps_hide_them(make_vault, survive_every_command):
    root = make_vault(
        {
            ".hidden.md": "[[Missing]]",
            "..two dots.md": "[[Missing]]",
            ".md": "[[Missing]]",
            ".folder/inside.md": "[[Missing]]",
            "Visible.md": "[[.hidden]]",
            "folder.md/real.md": "x",
        }
    )
    document = survive_every_command(root, note="Visible")
    assert document["summary"]["notes"] == 2
    assert problems(document) == [("broken-link", "Visible.md", 1, 1)]


# --- names that differ only in case ------------------------------------------------------------


def make_case_twins(make_vault, first: str, second: str):
    root = make_vault({"Home.md": "[[Note]] [[NOTE]]"})
    # Created one after the other, so the directory order differs between the two runs.
    (root / f"{first}.md").write_text("first", encoding="utf-8")
    (root / f"{second}.md").write_text("second", encoding="utf-8")
    return root


@pytest.mark.parametrize(("first", "second"), [("Note", "note"), ("note", "Note")])
def test_case_twins_resolve_deterministically_with_a_warning(
    make_vault, check_json, run_cli, first, second
):
    root = make_case_twins(make_vault, first, second)
    if len(list(root.iterdir())) < 4:
        pytest.skip("case-insensitive file system")
    code, document = check_json(root)
    assert code == 0
    assert problems(document) == [
        ("ambiguous-link", "Home.md", 1, 1),
        ("ambiguous-link", "Home.md", 1, 10),
    ]
    assert [target for _, _, target in link_status(run_cli, root, "Home")] == [
        "Note.md",
        "Note.md",
    ]


def test_case_twin_written_exactly_wins(make_vault, run_cli):
    root = make_case_twins(make_vault, "Note", "note")
    (root / "Other.md").write_text("[[note]]", encoding="utf-8")
    assert link_status(run_cli, root, "Other") == [("[[note]]", "note", "note.md")]
    assert backlink_sources(run_cli, root, "note.md") == ["Other.md"]


def test_logseq_case_twins_are_a_name_conflict(make_vault, check_json):
    root = make_vault({"pages/Note.md": "a", "pages/note.md": "b"}, flavor="logseq")
    if len(list((root / "pages").iterdir())) < 2:
        pytest.skip("case-insensitive file system")
    code, document = check_json(root)
    assert code == 0
    assert problems(document) == [
        ("name-conflict", "pages/Note.md", 1, 1),
        ("name-conflict", "pages/note.md", 1, 1),
    ]


# --- names that are not UTF-8 -----------------------------------------------------------------


def make_non_utf8_names(make_vault):
    root = make_vault({"Home.md": "[[Missing]]"})
    (root / os.fsdecode(b"caf\xe9.md")).write_bytes(b"[[Home]]")
    (root / os.fsdecode(b"dir\xfe")).mkdir()
    (root / os.fsdecode(b"dir\xfe/x.md")).write_bytes(b"[[Home]] [[Gone]]")
    return root


def test_name_that_is_not_utf8_in_every_check_format(make_vault, check_json, run_cli):
    root = make_non_utf8_names(make_vault)
    for fmt in ("text", "github", "sarif"):
        assert run_cli("check", str(root), "--format", fmt)[0] == 1
    assert run_cli("stats", str(root))[0] == 0
    assert run_cli("orphans", str(root))[0] == 0
    assert run_cli("enrich", str(root))[0] == 0
    code, document = check_json(root)
    assert code == 1
    assert problems(document) == [
        ("broken-link", "Home.md", 1, 1),
        ("unreadable-note", "caf\\xe9.md", 1, 1),
        ("unreadable-note", "dir\\xfe", 1, 1),
        ("broken-link", "dir\\xfe/x.md", 1, 10),
    ]


def test_name_that_is_not_utf8_in_every_report(make_vault, survive_every_command):
    survive_every_command(make_non_utf8_names(make_vault), note="Home")


def test_enrich_with_a_citing_note_whose_name_is_not_utf8(make_vault, run_cli):
    root = make_vault({"Home.md": "x"})
    (root / os.fsdecode(b"caf\xe9.md")).write_bytes(TWEET.encode())
    code, _, _ = run_cli("enrich", str(root))
    assert code in (0, 1)
    code, _, _ = run_cli("enrich", str(root), "--write")
    assert code in (0, 1)


# --- links vaultkit writes itself --------------------------------------------------------------

UNLINKABLE = ["a|b", "C# notes", "[draft]", "x]]y", "new\nline"]


def test_author_page_links_every_citing_note(make_vault, run_cli, check_json):
    root = make_vault({f"{name}.md": TWEET for name in UNLINKABLE})
    assert run_cli("enrich", str(root), "--write")[0] == 0
    _, document = check_json(root)
    assert problems(document) == []


def test_orphan_report_links_every_orphan(make_vault, run_cli, check_json):
    root = make_vault({f"{name}.md": "x" for name in UNLINKABLE})
    code, _, _ = run_cli(
        "orphans", str(root), "--format", "markdown", "--output", str(root / "Orphans.md")
    )
    assert code == 0
    _, document = check_json(root)
    assert problems(document) == []


def test_logseq_author_page_links_every_citing_page(make_vault, run_cli, check_json):
    root = make_vault(
        {f"pages/{name}.md": f"- {TWEET}\n" for name in ("x]]y", "new\nline", "plain")},
        flavor="logseq",
    )
    assert run_cli("enrich", str(root), "--write")[0] == 0
    _, document = check_json(root, "--severity", "info")
    assert [p for p in problems(document) if p[1] == "pages/@karpathy.md"] == []
