"""The bundled example vaults give exactly the report the README shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import EXAMPLES

README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_block(command: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"```console\n\$ {re.escape(command)}\n(.*?)```", text, re.DOTALL)
    assert match, f"README has no console block for {command!r}"
    return match.group(1)


def test_obsidian_example_report_matches_readme(run_cli):
    code, out, _ = run_cli("check", "examples/obsidian", cwd=EXAMPLES.parent)
    assert code == 1
    assert out == _readme_block("vaultkit check examples/obsidian")


def test_logseq_example_report_matches_readme(run_cli):
    code, out, _ = run_cli("check", "examples/logseq", cwd=EXAMPLES.parent)
    assert code == 1
    assert out == _readme_block("vaultkit check examples/logseq")
    code, out, _ = run_cli("check", "examples/logseq", "--show", "info", cwd=EXAMPLES.parent)
    assert code == 1
    assert out == _readme_block("vaultkit check examples/logseq --show info")


def test_obsidian_example_json(run_cli):
    code, out, _ = run_cli("check", "examples/obsidian", "--format", "json", cwd=EXAMPLES.parent)
    assert code == 1
    report = json.loads(out)
    assert report["flavor"] == "obsidian"
    assert report["summary"] == {
        "notes": 12,
        "attachments": 1,
        "problems": 12,
        "error": 10,
        "warning": 2,
        "info": 0,
    }
    found = {(p["rule"], p["path"], p["line"], p["column"]) for p in report["problems"]}
    assert found == {
        ("broken-embed", "Blog/2019-10-20-academic-twitter.md", 15, 1),
        ("empty-link", "Clippings/My Top 100 ML Tweets 2023.md", 165, 1),
        ("broken-heading", "Home.md", 12, 27),
        ("malformed-link", "Machine Learning.md", 9, 3),
        ("broken-link", "Machine Learning.md", 15, 3),
        ("broken-link", "Machine Learning.md", 16, 3),
        ("broken-link", "Machine Learning.md", 18, 3),
        ("broken-link", "Machine Learning.md", 20, 3),
        ("broken-link", "Machine Learning.md", 28, 3),
        ("broken-link", "Reading List.md", 5, 3),
        ("broken-link", "Reading List.md", 6, 3),
        ("link-to-alias", "Reading List.md", 7, 31),
    }


def test_readme_rule_table_is_generated_from_the_rules():
    from vaultkit.commands.rules import rules_markdown

    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown()


def test_ci_runs_the_readme_commands():
    text = README.read_text(encoding="utf-8")
    block = text.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert len(block) == 2
    install_and_check, install_and_test = block
    assert "vaultkit check examples/" in install_and_check
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def _normalise_dates(text: str) -> str:
    return re.sub(r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD", text)


def test_readme_report_examples_are_what_the_commands_print(run_cli):
    commands = [
        ("vaultkit orphans examples/obsidian", ("orphans", "examples/obsidian")),
        (
            'vaultkit backlinks "Reinforcement Learning" --vault examples/obsidian',
            ("backlinks", "Reinforcement Learning", "--vault", "examples/obsidian"),
        ),
        (
            "vaultkit links Attention --vault examples/logseq",
            ("links", "Attention", "--vault", "examples/logseq"),
        ),
        ("vaultkit stats examples/logseq", ("stats", "examples/logseq")),
        ("vaultkit enrich examples/logseq", ("enrich", "examples/logseq")),
    ]
    for shown, args in commands:
        code, out, _ = run_cli(*args, cwd=EXAMPLES.parent)
        assert code == 0, shown
        assert _normalise_dates(out) == _normalise_dates(_readme_block(shown)), shown
