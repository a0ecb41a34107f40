"""Templates are not notes to lint, and template placeholders are never faults.

Obsidian's template folders (core Templates: ``.obsidian/templates.json``; Templater:
``.obsidian/plugins/templater-obsidian/data.json``) hold notes that are filled in when used:
they are parsed, so links to them resolve, but never reported on. In any note of either app,
``{{date}}``, ``{{title}}``, ``{{time:HH:mm}}`` and ``<% … %>`` are placeholders.
"""

from __future__ import annotations

import json

import pytest

from conftest import checked_places as check
from conftest import write_vault

DAILY = (
    "---\ncreated: {{date}}\ntitle: {{title}}\ntags: [daily, {{date:YYYY}}]\n---\n"
    "# {{date:dddd, MMMM Do}}\n[[Nowhere]] and [[{{date:YYYY-MM-DD}}|today]]\n"
)
TEMPLATER = (
    '---\ncreated: <% tp.file.creation_date() %>\nup: "[[<% tp.file.folder() %>]]"\n---\n'
    '[[<% tp.date.yesterday("YYYY-MM-DD") %>]] ![[<% tp.file.title %>.png]] [[Missing]]\n'
)


def test_notes_in_the_configured_template_folders_are_never_reported(make_vault, run_cli):
    root = make_vault(
        {
            ".obsidian/templates.json": json.dumps({"folder": "Meta/Templates"}),
            ".obsidian/plugins/templater-obsidian/data.json": json.dumps(
                {"templates_folder": "/Templater/", "trigger_on_file_creation": True}
            ),
            "Meta/Templates/Daily.md": DAILY,
            "Templater/Meeting.md": TEMPLATER,
            "Home.md": "[[Daily]] [[Meeting]] [[Gone]]\n",
        }
    )
    assert check(run_cli, root) == [("broken-link", "Home.md", 1, 23)]
    _, out, _ = run_cli("orphans", str(root), "--format", "json")
    assert [row["path"] for row in json.loads(out)["orphans"]] == ["Home.md"]


def test_placeholders_are_no_faults_in_any_note(make_vault, run_cli):
    """Outside a template folder a placeholder is still no fault; the rest of the note is
    checked as usual."""
    root = make_vault({"Inbox/Daily copy.md": DAILY, "Inbox/Meeting copy.md": TEMPLATER})
    assert check(run_cli, root) == [
        ("broken-link", "Inbox/Daily copy.md", 7, 1),
        ("broken-link", "Inbox/Meeting copy.md", 5, 72),
    ]


def test_placeholder_front_matter_keeps_its_values(make_vault, run_cli):
    root = make_vault({"Daily.md": DAILY})
    code, out, _ = run_cli("stats", str(root), "--format", "json")
    assert code == 0
    assert json.loads(out)["top_tags"] == [
        {"tag": "daily", "count": 1},
        {"tag": "{{date:YYYY}}", "count": 1},
    ]


def test_unreadable_template_settings_set_no_folder(make_vault, run_cli):
    root = make_vault(
        {
            ".obsidian/templates.json": "{not json",
            ".obsidian/plugins/templater-obsidian/data.json": "[" * 100_000,
            "Templates/Daily.md": "[[Nowhere]]\n",
        }
    )
    assert check(run_cli, root) == [("broken-link", "Templates/Daily.md", 1, 1)]


@pytest.mark.parametrize("folder", ["", "/", 42, None])
def test_a_template_folder_that_names_nothing_hides_nothing(make_vault, run_cli, folder):
    root = make_vault(
        {".obsidian/templates.json": json.dumps({"folder": folder}), "A.md": "[[Nowhere]]\n"}
    )
    assert check(run_cli, root) == [("broken-link", "A.md", 1, 1)]


# --- Logseq --------------------------------------------------------------------------------


def test_logseq_template_blocks_and_placeholders(make_vault, run_cli):
    root = make_vault(
        {
            "pages/Templates.md": (
                "- Daily review\n"
                "  template:: daily-review\n"
                "  template-including-parent:: false\n"
                "\t- Yesterday: [[<% yesterday %>]] and [[Draft link]]\n"
                "\t- Ref to fill: ((00000000-0000-4000-8000-000000000000))\n"
                "- Not a template: [[Real missing]] {{embed [[Embedded missing]]}}\n"
                "- Created [[<% today %>]] at {{time}} for [[{{title}}]]\n"
            ),
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == [
        ("missing-page", "pages/Templates.md", 6, 19),
        ("missing-page", "pages/Templates.md", 6, 36),
    ]


def test_a_template_page_is_a_template_throughout(make_vault, run_cli):
    root = make_vault(
        {"pages/Meeting template.md": "template:: meeting\n\n- Attendees [[Someone]]\n"},
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == []


def test_a_vault_of_templates_and_notes_together(tmp_path, run_cli):
    """The whole shape of a real vault: a template, its placeholders, notes made from it."""
    root = write_vault(
        tmp_path / "vault",
        {
            ".obsidian/app.json": "{}",
            ".obsidian/templates.json": '{"folder": "Templates"}',
            "Templates/Book.md": '---\nauthor: "[[{{author}}]]"\nrating: {{rating}}\n---\n',
            "Books/Dune.md": '---\nauthor: "[[Frank Herbert]]"\nrating: 5\n---\nA classic.\n',
            "Frank Herbert.md": "Wrote [[Dune]].\n",
        },
    )
    assert check(run_cli, root) == []
