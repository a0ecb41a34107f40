"""Hostile settings files: vaultkit's own (exit 2) and the apps' (a problem, the run goes on).

``tests/test_settings.py`` and ``tests/test_read_walk.py`` hold invalid TOML, invalid JSON and
bad encodings; here are the inputs that make a recursive parser give up: deep nesting.
"""

from __future__ import annotations

import pytest

from .conftest import problems

DEEP_JSON = "[" * 100_000 + "]" * 100_000
DEEP_TOML = "[" * 100_000 + "]" * 100_000


def test_deeply_nested_obsidian_settings_are_a_problem(make_vault, check_json):
    root = make_vault(
        {".obsidian/app.json": f'{{"userIgnoreFilters": {DEEP_JSON}}}', "N.md": "[[Missing]]"}
    )
    code, document = check_json(root)
    assert code == 1
    assert problems(document) == [
        ("unreadable-note", ".obsidian/app.json", 1, 1),
        ("broken-link", "N.md", 1, 1),
    ]


def test_deeply_nested_templates_settings_are_ignored(make_vault, run_cli):
    root = make_vault({".obsidian/templates.json": f'{{"folder": {DEEP_JSON}}}', "N.md": "x"})
    code, _, _ = run_cli("orphans", str(root))
    assert code == 0


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param(".vaultkit.toml", f"exclude = {DEEP_TOML}\n", id="vaultkit-toml"),
        pytest.param("pyproject.toml", f"[tool.vaultkit]\nexclude = {DEEP_TOML}\n", id="pyproject"),
        pytest.param(
            ".vaultkit.toml",
            "[rules]\nbroken-link = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
            id="nested-tables",
        ),
    ],
)
def test_deeply_nested_settings_are_a_usage_error(make_vault, run_cli, name, text):
    root = make_vault({name: text, "N.md": "x"})
    code, _, err = run_cli("check", str(root))
    assert code == 2
    assert err.startswith("vaultkit: error:")


def test_deeply_nested_logseq_config_is_a_problem(make_vault, check_json):
    root = make_vault(
        {"logseq/config.edn": "{:hidden " + DEEP_JSON + "}", "pages/N.md": "[[Missing]]"},
        flavor="logseq",
    )
    _, document = check_json(root)
    assert problems(document, "unreadable-note") == [("unreadable-note", "logseq/config.edn", 1, 1)]
    assert "nesting" in document["problems"][0]["message"]
