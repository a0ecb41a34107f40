"""``.vaultkit.toml`` and ``[tool.vaultkit]``: rule severities, ``exclude`` globs, ``flavor``,
and every way a settings file can be wrong (exit status 2, one line on stderr)."""

from __future__ import annotations

import json

import pytest

from conftest import write_vault

BROKEN = "[[Missing]] links to a note that does not exist: `Missing`"
VAULT = {"Home.md": "[[Missing]]\n[x]()\n"}
LINE_BROKEN = f"Home.md:1:1: error[broken-link] {BROKEN}"
LINE_EMPTY = "Home.md:2:1: warning[empty-link] [x]() has an empty target"
KEYS = {"exclude", "flavor", "orphans", "rules"}


def rules_in(out: str) -> list[tuple[str, str, str]]:
    return [(p["rule"], p["severity"], p["path"]) for p in json.loads(out)["problems"]]


# --- rule severities --------------------------------------------------------------------------


def test_without_settings_defaults_apply(make_vault, run_cli):
    vault = make_vault(VAULT)
    assert run_cli("check", cwd=vault) == (
        1,
        f"{LINE_BROKEN}\n{LINE_EMPTY}\n\nFound 2 problems (1 error, 1 warning) in 1 note.\n",
        "",
    )


def test_rule_severity_lowered(make_vault, run_cli):
    vault = make_vault({**VAULT, ".vaultkit.toml": '[rules]\nbroken-link = "warning"\n'})
    assert run_cli("check", cwd=vault) == (
        0,
        f"Home.md:1:1: warning[broken-link] {BROKEN}\n{LINE_EMPTY}\n\n"
        "Found 2 problems (2 warnings) in 1 note.\n",
        "",
    )
    assert run_cli("check", "--severity", "warning", cwd=vault)[0] == 1


def test_rule_severity_raised(make_vault, run_cli):
    vault = make_vault({"Home.md": "[x]()\n", ".vaultkit.toml": '[rules]\nempty-link = "error"\n'})
    assert run_cli("check", cwd=vault) == (
        1,
        "Home.md:1:1: error[empty-link] [x]() has an empty target\n\n"
        "Found 1 problem (1 error) in 1 note.\n",
        "",
    )


def test_rule_severity_info(make_vault, run_cli):
    vault = make_vault({**VAULT, ".vaultkit.toml": '[rules]\nbroken-link = "info"\n'})
    code, out, _ = run_cli("check", "--format", "json", cwd=vault)
    assert code == 0
    assert rules_in(out) == [
        ("broken-link", "info", "Home.md"),
        ("empty-link", "warning", "Home.md"),
    ]


def test_rule_off(make_vault, run_cli):
    vault = make_vault(
        {**VAULT, ".vaultkit.toml": '[rules]\nbroken-link = "off"\nempty-link = "off"\n'}
    )
    assert run_cli("check", cwd=vault) == (0, "No problems in 1 note.\n", "")


def test_rule_off_stays_off_when_selected(make_vault, run_cli):
    vault = make_vault({**VAULT, ".vaultkit.toml": '[rules]\nbroken-link = "off"\n'})
    assert run_cli("check", "--select", "broken-link", cwd=vault) == (
        0,
        "No problems in 1 note.\n",
        "",
    )


def test_missing_page_raised_in_logseq(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "- [[Nowhere]]\n", ".vaultkit.toml": '[rules]\nmissing-page = "warning"\n'},
        flavor="logseq",
    )
    code, out, _ = run_cli("check", cwd=vault)
    assert (code, out.splitlines()[-1]) == (0, "Found 1 problem (1 warning) in 1 note.")
    assert run_cli("check", "--severity", "warning", cwd=vault)[0] == 1


# --- pyproject.toml ---------------------------------------------------------------------------


def test_pyproject_tool_section(make_vault, run_cli):
    vault = make_vault(
        {
            **VAULT,
            "pyproject.toml": (
                '[project]\nname = "x"\n\n[tool.vaultkit.rules]\nbroken-link = "off"\n'
            ),
        }
    )
    assert run_cli("check", cwd=vault) == (
        0,
        f"{LINE_EMPTY}\n\nFound 1 problem (1 warning) in 1 note.\n",
        "",
    )


def test_pyproject_without_tool_section_uses_defaults(make_vault, run_cli):
    vault = make_vault({**VAULT, "pyproject.toml": "[tool.black]\nline-length = 100\n"})
    assert run_cli("check", cwd=vault)[0:2] == (
        1,
        f"{LINE_BROKEN}\n{LINE_EMPTY}\n\nFound 2 problems (1 error, 1 warning) in 1 note.\n",
    )


def test_vaultkit_toml_wins_over_pyproject(make_vault, run_cli):
    vault = make_vault(
        {
            **VAULT,
            ".vaultkit.toml": '[rules]\nempty-link = "off"\n',
            "pyproject.toml": '[tool.vaultkit.rules]\nbroken-link = "off"\n',
        }
    )
    assert run_cli("check", cwd=vault) == (
        1,
        f"{LINE_BROKEN}\n\nFound 1 problem (1 error) in 1 note.\n",
        "",
    )


def test_vaultkit_toml_wins_even_over_a_broken_pyproject(make_vault, run_cli):
    vault = make_vault(
        {**VAULT, ".vaultkit.toml": '[rules]\nempty-link = "off"\n', "pyproject.toml": "[tool\n"}
    )
    assert run_cli("check", cwd=vault)[0] == 1


def test_pyproject_unknown_key_exits_2(make_vault, run_cli):
    vault = make_vault({**VAULT, "pyproject.toml": '[tool.vaultkit]\nflavour = "logseq"\n'})
    code, out, err = run_cli("check", cwd=vault)
    assert (code, out) == (2, "")
    prefix = (
        "vaultkit: error: unknown key `flavour` in pyproject.toml [tool.vaultkit]; known keys: "
    )
    assert err.startswith(prefix)
    assert set(err.removeprefix(prefix).rstrip("\n").split(", ")) >= KEYS


def test_pyproject_invalid_toml_exits_2(make_vault, run_cli):
    vault = make_vault({**VAULT, "pyproject.toml": "[tool.vaultkit\n"})
    code, out, err = run_cli("check", cwd=vault)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: pyproject.toml: not valid TOML: ")
    assert err.count("\n") == 1


def test_pyproject_tool_vaultkit_not_a_table_exits_2(make_vault, run_cli):
    vault = make_vault({**VAULT, "pyproject.toml": '[tool]\nvaultkit = "Templates/"\n'})
    code, out, err = run_cli("check", cwd=vault)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: pyproject.toml")


# --- bad settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'flavr = "obsidian"\n',
            "unknown key `flavr` in .vaultkit.toml; known keys: ",
        ),
        (
            '[rules]\nbroken-lnk = "off"\n',
            ".vaultkit.toml: unknown rule `broken-lnk` in [rules]; "
            "run `vaultkit rules` for the list",
        ),
        (
            '[rules]\nbroken-link = "fatal"\n',
            ".vaultkit.toml: rules.broken-link must be one of error, warning, info, off",
        ),
        (
            '[rules]\nbroken-link = "OFF"\n',
            ".vaultkit.toml: rules.broken-link must be one of error, warning, info, off",
        ),
        (
            "[rules]\nbroken-link = 2\n",
            ".vaultkit.toml: rules.broken-link must be one of error, warning, info, off",
        ),
        ('flavor = "roam"\n', ".vaultkit.toml: flavor must be obsidian or logseq"),
        ("flavor = 1\n", ".vaultkit.toml: flavor must be obsidian or logseq"),
        ("exclude = 3\n", ".vaultkit.toml: exclude must be a list of strings"),
        ("exclude = [1]\n", ".vaultkit.toml: exclude must be a list of strings"),
        ('rules = "x"\n', ".vaultkit.toml: [rules] must be a table of rule = severity"),
        ("orphans = 1\n", ".vaultkit.toml: [orphans] must be a table"),
        (
            "[orphans]\nfoo = 1\n",
            "unknown key `foo` in .vaultkit.toml [orphans]; known keys: ",
        ),
        ("[orphans]\nindex = 1\n", ".vaultkit.toml: orphans.index must be a list of strings"),
    ],
)
def test_bad_vaultkit_toml_exits_2(make_vault, run_cli, toml, message):
    vault = make_vault({**VAULT, ".vaultkit.toml": toml})
    code, out, err = run_cli("check", cwd=vault)
    assert (code, out) == (2, "")
    if message.endswith("known keys: "):
        # The list of known keys grows with new settings; it names them in sorted order.
        assert err.startswith(f"vaultkit: error: {message}")
        assert err.count("\n") == 1
        known = err.removeprefix(f"vaultkit: error: {message}").rstrip("\n").split(", ")
        assert known == sorted(known)
        assert set(known) >= ({"exclude", "index"} if "orphans" in message else KEYS)
    else:
        assert err == f"vaultkit: error: {message}\n"


@pytest.mark.parametrize("toml", ["flavor = \n", "[rules\n", 'flavor = "a"\nflavor = "b"\n'])
def test_invalid_toml_exits_2(make_vault, run_cli, toml):
    vault = make_vault({**VAULT, ".vaultkit.toml": toml})
    code, out, err = run_cli("check", cwd=vault)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: .vaultkit.toml: not valid TOML: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_settings_found_from_note_arguments(make_vault, run_cli):
    vault = make_vault({**VAULT, ".vaultkit.toml": 'flavor = "roam"\n'})
    assert run_cli("check", "Home.md", cwd=vault) == (
        2,
        "",
        "vaultkit: error: .vaultkit.toml: flavor must be obsidian or logseq\n",
    )


def test_vaultkit_toml_not_utf8_exits_2(make_vault, run_cli):
    vault = make_vault({**VAULT, ".vaultkit.toml": b'flavor = "caf\xe9"\n'})
    code, out, err = run_cli("check", cwd=vault)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: .vaultkit.toml: ")


def test_full_valid_settings(make_vault, run_cli):
    toml = (
        'flavor = "obsidian"\n'
        'exclude = ["Templates/"]\n'
        "\n[rules]\n"
        'ambiguous-link = "off"\n'
        'missing-page = "warning"\n'
        "\n[orphans]\n"
        'exclude = ["Inbox/"]\n'
        'index = ["Home.md"]\n'
    )
    vault = make_vault({**VAULT, ".vaultkit.toml": toml, "Templates/T.md": "[[Nope]]\n"})
    assert run_cli("check", cwd=vault)[0:2] == (
        1,
        f"{LINE_BROKEN}\n{LINE_EMPTY}\n\nFound 2 problems (1 error, 1 warning) in 2 notes.\n",
    )


# --- exclude ----------------------------------------------------------------------------------

EXCLUDE_FILES = [
    "Templates/Daily.md",
    "Templates/deep/Weekly.md",
    "Drawing.excalidraw.md",
    "sub/Sketch.excalidraw.md",
    "drafts/tmp1.md",
    "drafts/a/b/tmp2.md",
    "drafts/a/keep.md",
    "drafts/a/b/xtmp.md",
    "TemplatesX.md",
    "Home.md",
    "sub/Note.excalidraw.md.bak.md",
]


def test_exclude_globs(make_vault, run_cli):
    files: dict[str, str | bytes] = dict.fromkeys(EXCLUDE_FILES, "[[Gone]]\n")
    files[".vaultkit.toml"] = 'exclude = ["Templates/", "*.excalidraw.md", "drafts/**/tmp*.md"]\n'
    vault = make_vault(files)
    code, out, _ = run_cli("check", "--format", "json", cwd=vault)
    assert code == 1
    assert [path for _, _, path in rules_in(out)] == [
        "Home.md",
        "TemplatesX.md",
        "drafts/a/b/xtmp.md",
        "drafts/a/keep.md",
        "sub/Note.excalidraw.md.bak.md",
    ]


def test_exclude_in_pyproject(make_vault, run_cli):
    vault = make_vault(
        {
            "Home.md": "[[Gone]]\n",
            "Templates/Daily.md": "[[Gone]]\n",
            "pyproject.toml": '[tool.vaultkit]\nexclude = ["Templates/"]\n',
        }
    )
    code, out, _ = run_cli("check", "--format", "json", cwd=vault)
    assert code == 1
    assert [path for _, _, path in rules_in(out)] == ["Home.md"]


def test_links_to_excluded_notes_still_resolve(make_vault, run_cli):
    vault = make_vault(
        {
            "Home.md": "[[Daily]] [[Templates/Daily]] [[Drawing.excalidraw]]\n",
            "Templates/Daily.md": "[[Gone]]\n",
            "Drawing.excalidraw.md": "x\n",
            ".vaultkit.toml": 'exclude = ["Templates/", "*.excalidraw.md"]\n',
        }
    )
    assert run_cli("check", cwd=vault) == (0, "No problems in 3 notes.\n", "")


def test_excluded_note_given_as_argument_is_not_reported(make_vault, run_cli):
    vault = make_vault(
        {
            "Templates/Daily.md": "[[Gone]]\n",
            ".vaultkit.toml": 'exclude = ["Templates/"]\n',
        }
    )
    code, out, _ = run_cli("check", "Templates/Daily.md", cwd=vault)
    assert code == 0
    assert out.startswith("No problems in ")


# --- flavor -----------------------------------------------------------------------------------


def test_flavor_setting(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "- [[Nowhere]]\n", ".vaultkit.toml": 'flavor = "logseq"\n'}, flavor="none"
    )
    code, out, _ = run_cli("check", "--format", "json", cwd=vault)
    assert code == 0
    assert json.loads(out)["flavor"] == "logseq"
    assert rules_in(out) == [("missing-page", "info", "pages/A.md")]


def test_flavor_setting_beats_detection(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "- [[Nowhere]]\n", ".vaultkit.toml": 'flavor = "obsidian"\n'},
        flavor="logseq",
    )
    code, out, _ = run_cli("check", "--format", "json", cwd=vault)
    assert code == 1
    assert json.loads(out)["flavor"] == "obsidian"
    assert rules_in(out) == [("broken-link", "error", "pages/A.md")]


def test_flavor_option_beats_setting(make_vault, run_cli):
    vault = make_vault(
        {"pages/A.md": "- [[Nowhere]]\n", ".vaultkit.toml": 'flavor = "logseq"\n'}, flavor="none"
    )
    code, out, _ = run_cli("check", "--flavor", "obsidian", "--format", "json", cwd=vault)
    assert code == 1
    assert rules_in(out) == [("broken-link", "error", "pages/A.md")]


def test_settings_apply_to_note_arguments(tmp_path, run_cli):
    root = tmp_path / "vault"
    write_vault(
        root,
        {
            ".vaultkit.toml": '[rules]\nbroken-link = "warning"\n',
            "sub/Note.md": "[[Gone]]\n",
        },
    )
    code, out, _ = run_cli("check", "Note.md", "--format", "json", cwd=root / "sub")
    assert code == 0
    assert rules_in(out) == [("broken-link", "warning", "sub/Note.md")]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".vaultkit.toml", "follow_external_symlinks = true\n"),
        ("pyproject.toml", "[tool.vaultkit]\nfollow_external_symlinks = true\n"),
    ],
)
def test_following_links_out_of_the_vault_cannot_come_from_a_settings_file(
    make_vault, run_cli, tmp_path, name, text
):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("MARKER-OUTSIDE", encoding="utf-8")
    root = make_vault({"A.md": "x", name: text})
    (root / "secret.md").symlink_to(outside / "secret.md")
    code, out, err = run_cli("check", str(root), "--format", "json")
    assert (code, out) == (2, "")
    where = ".vaultkit.toml" if name == ".vaultkit.toml" else "pyproject.toml [tool.vaultkit]"
    assert err == (
        f"vaultkit: error: {where}: follow_external_symlinks cannot be set in a settings file,"
        " which a pull request can change; pass --follow-symlinks instead\n"
    )
