"""The orphan report, backlinks, outgoing links and vault statistics, through the command."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date

import pytest

from vaultkit import __version__

from conftest import EXAMPLES

OBSIDIAN_VAULT = {
    "Home.md": "---\ntags: [index]\n---\n# Home\n- [[Projects/Plan]]\n- [[Ideas]]\n",
    "Ideas.md": "Some ideas, see [[Home]].\n",
    "Projects/Plan.md": "The plan.\n",
    "Projects/Lonely.md": "Nobody links here, but I link to [[Ideas]].\n",
    "Isolated.md": "No links at all.\n",
    "Templates/Meeting.md": "Template: [[{{title}}]]\n",
    "Inbox/Quick.md": "quick capture\n",
    "Self.md": "I only link to [[Self]].\n",
}


@pytest.fixture
def obsidian(make_vault):
    root = make_vault(OBSIDIAN_VAULT)
    for number, path in enumerate(sorted(OBSIDIAN_VAULT)):
        os.utime(root / path, (1_700_000_000 + number, 1_700_000_000 + number))
    return root


def _json(run_cli, *args):
    code, out, err = run_cli(*args)
    assert err == ""
    return code, json.loads(out)


def test_orphans_json_lists_every_orphan_with_its_fields(obsidian, run_cli):
    code, report = _json(run_cli, "orphans", str(obsidian), "--format", "json")
    assert code == 0
    assert report["count"] == 4
    assert report["mode"] == "orphans"
    assert report["notes"] == 7
    assert [row["path"] for row in report["orphans"]] == [
        "Inbox/Quick.md",
        "Isolated.md",
        "Projects/Lonely.md",
        "Self.md",
    ]
    lonely = report["orphans"][2]
    assert lonely == {
        "path": "Projects/Lonely.md",
        "title": "Lonely",
        "folder": "Projects",
        "size": len(OBSIDIAN_VAULT["Projects/Lonely.md"]),
        "modified": "2023-11-14T22:13:24Z",
        "outgoing": 1,
        "incoming": 0,
    }


def test_self_links_do_not_save_a_note_from_being_an_orphan(obsidian, run_cli):
    _, report = _json(run_cli, "orphans", str(obsidian), "--format", "json")
    assert "Self.md" in [row["path"] for row in report["orphans"]]
    from vaultkit.graph.graph import LinkGraph
    from vaultkit.load.vault import load_vault

    graph = LinkGraph(load_vault(obsidian))
    assert [edge.target_note for edge in graph.outgoing["Self.md"]] == ["Self.md"]
    assert graph.backlinks("Self.md") == []


def test_index_and_exclude_settings_and_flags(obsidian, run_cli):
    (obsidian / ".vaultkit.toml").write_text(
        '[orphans]\nindex = ["Self.md"]\nexclude = ["Inbox/"]\n', encoding="utf-8"
    )
    _, report = _json(run_cli, "orphans", str(obsidian), "--format", "json")
    assert [row["path"] for row in report["orphans"]] == ["Isolated.md", "Projects/Lonely.md"]
    _, report = _json(
        run_cli, "orphans", str(obsidian), "--format", "json", "--exclude", "Projects/**"
    )
    assert [row["path"] for row in report["orphans"]] == ["Isolated.md"]
    _, report = _json(
        run_cli, "orphans", str(obsidian), "--format", "json", "--include", "Projects/"
    )
    assert [row["path"] for row in report["orphans"]] == ["Projects/Lonely.md"]


def test_isolated_and_dead_ends(obsidian, run_cli):
    _, report = _json(run_cli, "orphans", str(obsidian), "--format", "json", "--isolated")
    assert [row["path"] for row in report["orphans"]] == [
        "Inbox/Quick.md",
        "Isolated.md",
        "Self.md",
    ]
    _, report = _json(run_cli, "orphans", str(obsidian), "--format", "json", "--dead-ends")
    assert [row["path"] for row in report["orphans"]] == [
        "Inbox/Quick.md",
        "Isolated.md",
        "Projects/Plan.md",
        "Self.md",
    ]
    code, _, err = run_cli("orphans", str(obsidian), "--isolated", "--dead-ends")
    assert code == 2
    assert err == "vaultkit: error: --isolated and --dead-ends cannot be combined\n"


def test_fail_on_orphans_sets_the_exit_code(obsidian, run_cli):
    code, _, _ = run_cli("orphans", str(obsidian), "--fail-on-orphans")
    assert code == 1
    code, _, _ = run_cli("orphans", str(obsidian), "--fail-on-orphans", "--include", "Ideas.md")
    assert code == 0


def test_table_and_csv(obsidian, run_cli):
    code, out, _ = run_cli("orphans", str(obsidian))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Note", "Folder", "Size", "Modified", "Links", "out"]
    assert lines[1].split() == ["Quick", "Inbox", "14", "2023-11-14", "0"]
    assert lines[-1] == "4 orphans of 7 notes."
    _, out, _ = run_cli("orphans", str(obsidian), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["path", "title", "folder", "size", "modified", "outgoing", "incoming"]
    assert rows[1] == ["Inbox/Quick.md", "Quick", "Inbox", "14", "2023-11-14T22:13:22Z", "0", "0"]
    assert len(rows) == 5


def _report_date(text: str, day_before: str) -> str:
    """The date a report says it was generated: the day the run began or the day it ended, so
    that a run across midnight passes."""
    stamp = re.search(r"^generated::? (\S+)$", text, re.MULTILINE)
    assert stamp is not None
    assert stamp.group(1) in (day_before, date.today().isoformat())
    return stamp.group(1)


def test_markdown_report_round_trip_keeps_the_same_orphans(obsidian, run_cli):
    _, before = _json(run_cli, "orphans", str(obsidian), "--format", "json")
    report_file = obsidian / "Orphans.md"
    day_before = date.today().isoformat()
    code, out, _ = run_cli(
        "orphans", str(obsidian), "--format", "markdown", "--output", str(report_file)
    )
    assert (code, out) == (0, "")
    text = report_file.read_text(encoding="utf-8")
    today = _report_date(text, day_before)
    assert text == (
        "---\nvaultkit: orphan-report\n"
        f"generated: {today}\n---\n# Orphan notes\n\n"
        f"4 orphans of 7 notes, {today}.\n\n"
        "## Vault root\n\n- [[Isolated]]\n- [[Self]]\n\n"
        "## Inbox\n\n- [[Quick]]\n\n"
        "## Projects\n\n- [[Lonely]]\n"
    )
    _, after = _json(run_cli, "orphans", str(obsidian), "--format", "json")
    assert after == before
    code, out, _ = run_cli("check", str(obsidian), "--format", "json")
    # Templates/Meeting.md links to `[[{{title}}]]`: a template placeholder, not a broken link.
    assert json.loads(out)["problems"] == []


def test_logseq_report_leaves_out_journals_and_writes_a_page(make_vault, run_cli):
    root = make_vault(
        {
            "journals/2024_01_02.md": "- met [[Ann]]\n",
            "pages/Ann.md": "- a person\n",
            "pages/Bob.md": "- nobody links Bob\n",
            "pages/AI___Models.md": "- a namespace page\n",
        },
        flavor="logseq",
    )
    _, report = _json(run_cli, "orphans", str(root), "--format", "json")
    assert [row["title"] for row in report["orphans"]] == ["AI/Models", "Bob"]
    target = root / "pages" / "Orphans.md"
    day_before = date.today().isoformat()
    run_cli("orphans", str(root), "--format", "markdown", "--output", str(target))
    today = _report_date(target.read_text(encoding="utf-8"), day_before)
    assert target.read_text(encoding="utf-8") == (
        f"vaultkit:: orphan-report\ngenerated:: {today}\n\n"
        f"- 2 orphans of 3 notes, {today}.\n- [[AI/Models]]\n- [[Bob]]\n"
    )
    _, again = _json(run_cli, "orphans", str(root), "--format", "json")
    assert again["orphans"] == report["orphans"]


def test_examples_orphans(run_cli):
    _, report = _json(run_cli, "orphans", str(EXAMPLES / "obsidian"), "--format", "json")
    assert [row["path"] for row in report["orphans"]] == [
        "Clippings/Top Twitter Topics by Data Scientists 13.md",
        "Scratchpad.md",
    ]
    _, report = _json(run_cli, "orphans", str(EXAMPLES / "logseq"), "--format", "json")
    assert [row["path"] for row in report["orphans"]] == ["pages/Unlinked idea.md"]


def test_backlinks_by_name_alias_and_path(make_vault, run_cli):
    root = make_vault(
        {
            "Target.md": "---\naliases: [T]\n---\n# Target\n",
            "a/One.md": "intro\nsee [[target]] here\n",
            "Two.md": "- [[Target#Target|the target]]\n- and [[Target]] again\n",
            "Three.md": "[[Target]] from [[Three]]\n",
        }
    )
    expected = (
        "Backlinks to Target (Target.md): 4\n"
        "  Three.md:1:1  [[Target]] from [[Three]]\n"
        "  Two.md:1:3  - [[Target#Target|the target]]\n"
        "  Two.md:2:7  - and [[Target]] again\n"
        "  a/One.md:2:5  see [[target]] here\n"
    )
    for query in ("Target", "T", "Target.md"):
        code, out, err = run_cli("backlinks", query, "--vault", str(root), cwd=root)
        assert (code, out, err) == (0, expected, "")
    code, out, _ = run_cli("backlinks", str(root / "Target.md"), cwd=root)
    assert (code, out) == (0, expected)
    # Paths are printed relative to the current folder, as `check` prints them.
    code, out, _ = run_cli("backlinks", "vault/Target.md", cwd=root.parent)
    assert (code, out) == (
        0,
        "Backlinks to Target (vault/Target.md): 4\n"
        "  vault/Three.md:1:1  [[Target]] from [[Three]]\n"
        "  vault/Two.md:1:3  - [[Target#Target|the target]]\n"
        "  vault/Two.md:2:7  - and [[Target]] again\n"
        "  vault/a/One.md:2:5  see [[target]] here\n",
    )
    code, out, _ = run_cli("backlinks", "Target", "--vault", str(root), "--format", "json")
    data = json.loads(out)
    assert data["count"] == 4
    assert data["backlinks"][3] == {
        "path": "a/One.md",
        "line": 2,
        "column": 5,
        "link": "[[target]]",
        "context": "see [[target]] here",
        "status": "note",
        "target": "Target.md",
    }


def test_backlinks_unknown_note_names_the_closest(make_vault, run_cli):
    root = make_vault({"Sales tax.md": "x\n"})
    code, out, err = run_cli("backlinks", "Sales tx", "--vault", str(root))
    assert (code, out) == (2, "")
    assert err == (
        f"vaultkit: error: no note named `Sales tx` in {root}, and no link to it;"
        " closest: Sales tax\n"
    )


def test_links_shows_where_each_link_leads(make_vault, run_cli):
    root = make_vault(
        {
            "Source.md": "[[Target]] [[Nope]] [[T]]\n![[pic.png]]\n",
            "Target.md": "---\naliases: [T]\n---\n",
            "pic.png": b"\x89PNG\r\n",
        }
    )
    code, out, _ = run_cli("links", "Source", "--vault", str(root), cwd=root)
    assert code == 0
    assert out == (
        "Links from Source (Source.md): 4\n"
        "  Source.md:1:1  [[Target]] [[Nope]] [[T]]  → Target.md\n"
        "  Source.md:1:12  [[Target]] [[Nope]] [[T]]  → (broken)\n"
        "  Source.md:1:21  [[Target]] [[Nope]] [[T]]  → (alias of Target.md, not followed)\n"
        "  Source.md:2:1  ![[pic.png]]  → pic.png\n"
    )


def test_backlinks_to_names_no_note_has(make_vault, run_cli):
    root = make_vault(
        {
            "A.md": "[[Someday]] and ![[img/pic.png]]\n",
            "b/B.md": "- [[someday]] again\n![[pic.png]]\n",
            "img/pic.png": b"\x89PNG\r\n",
        }
    )
    code, out, err = run_cli("backlinks", "Someday", cwd=root)
    assert (code, err) == (0, "")
    assert out == (
        "Backlinks to Someday (no note yet): 2\n"
        "  A.md:1:1  [[Someday]] and ![[img/pic.png]]\n"
        "  b/B.md:1:3  - [[someday]] again\n"
    )
    code, out, _ = run_cli("backlinks", "pic.png", "--format", "json", cwd=root)
    data = json.loads(out)
    assert (code, data["note"], data["title"], data["count"]) == (0, None, "pic.png", 2)
    assert [(row["path"], row["status"], row["target"]) for row in data["backlinks"]] == [
        ("A.md", "file", "img/pic.png"),
        ("b/B.md", "file", "img/pic.png"),
    ]


def test_backlinks_to_a_logseq_page_without_a_file(make_vault, run_cli):
    root = make_vault({"pages/A.md": "- about #Highlight and [[Later page]]\n"}, flavor="logseq")
    code, out, _ = run_cli("backlinks", "highlight", cwd=root)
    assert (code, out) == (
        0,
        "Backlinks to highlight (no note yet): 1\n"
        "  pages/A.md:1:9  - about #Highlight and [[Later page]]\n",
    )


def test_an_ambiguous_name_lists_every_note_and_asks_for_a_path(make_vault, run_cli):
    root = make_vault({"a/Plan.md": "x\n", "b/Plan.md": "y\n", "Home.md": "[[Plan]]\n"})
    code, out, err = run_cli("backlinks", "Plan", cwd=root)
    assert (code, out) == (2, "")
    assert err == (
        "vaultkit: error: `Plan` names 2 notes: a/Plan.md, b/Plan.md; give the path of one\n"
    )
    code, out, _ = run_cli("backlinks", "b/Plan", cwd=root)
    assert code == 0
    assert out.startswith("Backlinks to Plan (b/Plan.md): ")


def test_stats_json(obsidian, run_cli):
    code, stats = _json(run_cli, "stats", str(obsidian), "--format", "json")
    assert code == 0
    assert list(stats)[:3] == ["vault", "flavor", "version"]
    assert (stats["vault"], stats["flavor"], stats["version"]) == (
        obsidian.as_posix(),
        "obsidian",
        __version__,
    )
    assert stats["notes"] == 8
    assert stats["attachments"] == 0
    # Templates/Meeting.md's `[[{{title}}]]` is a template placeholder, not a (broken) link.
    assert stats["links"] == 5
    assert stats["links_by_kind"] == {"wikilink": {"resolved": 5, "broken": 0, "missing_pages": 0}}
    assert stats["top_tags"] == [{"tag": "index", "count": 1}]
    assert stats["orphans"] == 4
    assert stats["dead_ends"] == 4
    assert stats["most_linked"] == [
        {"path": "Ideas.md", "linked_from": 2},
        {"path": "Home.md", "linked_from": 1},
        {"path": "Projects/Plan.md", "linked_from": 1},
    ]
    assert stats["notes_per_folder"] == [
        {"folder": ".", "notes": 4},
        {"folder": "Projects", "notes": 2},
        {"folder": "Inbox", "notes": 1},
        {"folder": "Templates", "notes": 1},
    ]
    code, out, _ = run_cli("stats", str(obsidian))
    assert code == 0
    assert out.splitlines()[:3] == ["Vault", "flavor       obsidian", "notes               8"]
