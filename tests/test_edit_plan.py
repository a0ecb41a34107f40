"""The edit pipeline: links a plan writes are verified against the vault as it will be, the
plan is shown as a diff or json, and written file by file with the skip-if-changed guard."""

from __future__ import annotations

from vaultkit import load_vault
from vaultkit.edit.diff import plan_json, render_diff
from vaultkit.edit.plan import EditPlan, apply_plan, verify_links
from vaultkit.edit.write import FileChange


def _edit(root, path: str, after: str) -> FileChange:
    return FileChange(path, (root / path).read_bytes(), after.encode(), ("test",))


def test_a_change_that_adds_a_link_to_nowhere_is_skipped(make_vault):
    root = make_vault({"A.md": "text\n", "B.md": "b\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "text [[B]] [[Nowhere]]\n"))
    verify_links(plan, load_vault(root))
    assert plan.changes == []
    assert plan.skipped == [("A.md", "the edit would write links that lead nowhere: [[Nowhere]]")]


def test_a_link_to_a_note_the_plan_creates_is_fine(make_vault):
    root = make_vault({"A.md": "text\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "text [[People/Ada#Work]]\n"))
    plan.add(FileChange("People/Ada.md", None, b"# Work\n"))
    verify_links(plan, load_vault(root))
    assert [change.path for change in plan.changes] == ["A.md", "People/Ada.md"]
    assert plan.skipped == []


def test_a_link_to_a_new_note_that_is_skipped_is_skipped_too(make_vault):
    root = make_vault({"A.md": "text\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "text [[People/Ada]]\n"))
    plan.add(FileChange("People/Ada.md", None, b"[[Nowhere]]\n"))
    verify_links(plan, load_vault(root))
    assert plan.changes == []
    assert plan.skipped == [
        ("People/Ada.md", "the edit would write links that lead nowhere: [[Nowhere]]"),
        ("A.md", "the edit would write links that lead nowhere: [[People/Ada]]"),
    ]


def test_a_new_link_to_a_missing_heading_is_skipped(make_vault):
    root = make_vault({"A.md": "text\n", "B.md": "# Real\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "text [[B#Imagined]]\n"))
    verify_links(plan, load_vault(root))
    assert plan.skipped == [
        ("A.md", "the edit would write links that lead nowhere: [[B#Imagined]]")
    ]


def test_a_broken_link_the_note_already_had_is_not_the_plans_doing(make_vault):
    root = make_vault({"A.md": "[[Old typo]]\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "[[Old typo]]\ntags:: x\n"))
    verify_links(plan, load_vault(root))
    assert [change.path for change in plan.changes] == ["A.md"]


def test_logseq_links_to_pages_without_files_are_fine(make_vault):
    root = make_vault({"pages/A.md": "- text\n"}, flavor="logseq")
    plan = EditPlan(root)
    plan.add(_edit(root, "pages/A.md", "- text [[Someone new]]\n"))
    verify_links(plan, load_vault(root))
    assert [change.path for change in plan.changes] == ["pages/A.md"]


def test_the_plan_as_diff_and_json(make_vault):
    root = make_vault({"A.md": "one\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "one\ntwo\n"))
    plan.add(FileChange("New.md", None, b"new"))
    plan.skip("C.md", "read-only")
    update = "--- a/A.md\n+++ b/A.md\n@@ -1 +1,2 @@\n one\n+two\n"
    create = "--- /dev/null\n+++ b/New.md\n@@ -0,0 +1 @@\n+new\n\\ No newline at end of file\n"
    assert render_diff(plan, colour=False) == update + create
    assert plan_json(plan) == {
        "changes": [
            {"path": "A.md", "action": "update", "reasons": ["test"], "diff": update},
            {"path": "New.md", "action": "create", "reasons": [], "diff": create},
        ],
        "skipped": [{"path": "C.md", "reason": "read-only"}],
    }


def test_a_file_changed_since_the_plan_is_skipped_and_the_rest_written(make_vault):
    root = make_vault({"A.md": "a\n", "B.md": "b\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "a2\n"))
    plan.add(_edit(root, "B.md", "b2\n"))
    (root / "A.md").write_text("edited meanwhile\n", encoding="utf-8")
    outcome = apply_plan(plan)
    assert (outcome.written, outcome.refused) == (
        1,
        ["A.md: changed on disk since it was read; skipped"],
    )
    assert (root / "A.md").read_text(encoding="utf-8") == "edited meanwhile\n"
    assert (root / "B.md").read_text(encoding="utf-8") == "b2\n"


def test_stop_at_refusal_writes_nothing_after_the_first_refusal(make_vault):
    root = make_vault({"A.md": "a\n", "B.md": "b\n"})
    plan = EditPlan(root)
    plan.add(_edit(root, "A.md", "a2\n"))
    plan.add(_edit(root, "B.md", "b2\n"))
    (root / "A.md").write_text("edited meanwhile\n", encoding="utf-8")
    outcome = apply_plan(plan, stop_at_refusal=True)
    assert outcome.written == 0
    assert (root / "B.md").read_text(encoding="utf-8") == "b\n"
