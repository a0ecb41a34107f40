"""After edits, a check that reuses the last check's per-note results reports exactly what a
full check reports (see ``vaultkit.cache.incremental``)."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from vaultkit import workspace as check_engine
from vaultkit.cache import incremental

OLD = time.time() - 7200


def _age(root: Path) -> None:
    for number, path in enumerate(sorted(root.rglob("*.md"))):
        os.utime(path, (OLD + number, OLD + number))


def _outputs(run_cli, root: Path) -> tuple[str, str]:
    _, cached, _ = run_cli("check", str(root), "--format", "json")
    _, cold, _ = run_cli("check", str(root), "--format", "json", "--no-cache")
    return cached, cold


@pytest.fixture
def spy(monkeypatch):
    """Records what ``notes_to_check`` decided on each run (None: the whole vault)."""
    decisions: list[frozenset[str] | None] = []
    original = incremental.notes_to_check

    def recording(snapshot, scan, vault):
        decided = original(snapshot, scan, vault)
        decisions.append(decided)
        return decided

    monkeypatch.setattr(check_engine, "notes_to_check", recording)
    return decisions


OBSIDIAN = {
    "Home.md": "# Home\n[[Plan#Goals]] [[Plan#^task]] [[Notes/Idea]] [[Gone]]\n",
    "Plan.md": "---\naliases: [Roadmap]\n---\n## Goals\nShip. ^task\n[[Home]]\n",
    "Notes/Idea.md": "## Spark\n[[Plan]] [[Roadmap]]\n",
    "Notes/Other.md": "[[Idea#Spark]] [[Idea#Nope]]\n",
    "Loner.md": "No links here.\n",
}


def test_an_edit_checks_only_the_edited_note(make_vault, run_cli, spy):
    root = make_vault(OBSIDIAN)
    _age(root)
    cached, cold = _outputs(run_cli, root)
    assert cached == cold
    assert spy == []  # no snapshot yet: a full check
    (root / "Loner.md").write_text("Now with [[Nowhere]].\n", encoding="utf-8")
    cached, cold = _outputs(run_cli, root)
    assert cached == cold
    assert spy == [frozenset({"Loner.md"})]
    assert "Nowhere" in cached


def test_a_renamed_heading_rechecks_the_notes_linking_to_it(make_vault, run_cli, spy):
    root = make_vault(OBSIDIAN)
    _age(root)
    _outputs(run_cli, root)
    (root / "Plan.md").write_text(
        "---\naliases: [Roadmap]\n---\n## Aims\nShip. ^task\n[[Home]]\n", encoding="utf-8"
    )
    cached, cold = _outputs(run_cli, root)
    assert cached == cold
    assert spy == [frozenset({"Plan.md", "Home.md"})]
    assert "has no heading `Goals`" in cached


def test_a_new_anchored_link_is_followed_by_later_heading_changes(make_vault, run_cli, spy):
    root = make_vault(OBSIDIAN)
    _age(root)
    _outputs(run_cli, root)
    (root / "Loner.md").write_text("Now [[Plan#Goals]].\n", encoding="utf-8")
    os.utime(root / "Loner.md", (OLD + 100, OLD + 100))
    assert _outputs(run_cli, root)[0] == _outputs(run_cli, root)[1]
    (root / "Plan.md").write_text(
        "---\naliases: [Roadmap]\n---\n## Aims\nShip. ^task\n[[Home]]\n", encoding="utf-8"
    )
    cached, cold = _outputs(run_cli, root)
    assert cached == cold
    assert "Loner.md" in spy[-1]
    assert cached.count("has no heading `Goals`") == 2


def test_a_logseq_namespace_made_by_a_link_is_a_change_of_names(make_vault, run_cli, spy):
    root = make_vault(
        {"pages/Home.md": "- [[other]]\n", "pages/Plan.md": "- plan\n"}, flavor="logseq"
    )
    _age(root)
    cached, _ = _outputs(run_cli, root)
    assert "page `other` has no file" in cached
    (root / "pages" / "Plan.md").write_text("- plan [[other/x]]\n", encoding="utf-8")
    cached, cold = _outputs(run_cli, root)
    assert cached == cold
    assert "page `other` has no file" not in cached
    assert spy == [None]


def test_a_changed_alias_checks_the_whole_vault(make_vault, run_cli, spy):
    root = make_vault(OBSIDIAN)
    _age(root)
    _outputs(run_cli, root)
    (root / "Plan.md").write_text("## Goals\nShip. ^task\n[[Home]]\n", encoding="utf-8")
    cached, cold = _outputs(run_cli, root)
    assert cached == cold
    assert spy == [None]


def test_a_damaged_snapshot_means_a_full_check(make_vault, run_cli, private_cache, spy):
    root = make_vault(OBSIDIAN)
    _age(root)
    _outputs(run_cli, root)
    (snapshot,) = private_cache.glob("*.snapshot")
    snapshot.write_bytes(snapshot.read_bytes()[:100])
    (root / "Loner.md").write_text("[[Home]]\n", encoding="utf-8")
    cached, cold = _outputs(run_cli, root)
    assert cached == cold
    assert spy == []


def _save(rng: random.Random, note: Path, text: str, step: int) -> None:
    """Write the edit; most are then dated in the past, the rest stay too fresh to trust."""
    note.write_text(text, encoding="utf-8")
    if rng.random() < 0.7:
        moment = OLD + 1000 + step
        os.utime(note, (moment, moment))


def _obsidian_edit(rng: random.Random, root: Path, step: int) -> None:
    notes = sorted(path for path in root.rglob("*.md"))
    note = rng.choice(notes)
    names = [path.stem for path in notes] + ["Gone", "Roadmap", "Spark Notes"]
    action = rng.choice([0, 0, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8])
    text = note.read_text(encoding="utf-8")
    if action == 0:
        target = rng.choice(names)
        anchor = rng.choice(["", "#Goals", "#Aims", "#Spark", "#^task", "#^other", "#Missing"])
        text += f"See [[{target}{anchor}]] and ![[{rng.choice(names)}]].\n"
    elif action == 1:
        text = "\n".join(text.split("\n")[:-2]) + "\n"
    elif action == 2:
        old, new = rng.choice([("## Goals", "## Aims"), ("## Aims", "## Goals"), ("## Spark", "")])
        text = text.replace(old, new) if old in text else text + f"{new or '## Spark'}\n"
    elif action == 3:
        text = text.replace(" ^task", "") if " ^task" in text else text + "Task. ^task\n"
    elif action == 4:
        aliases = rng.choice(["[]", "[Roadmap]", "[Spark Notes, Other]"])
        body = text.split("---\n", 2)[-1] if text.startswith("---\n") else text
        text = f"---\naliases: {aliases}\n---\n{body}"
    elif action == 5:
        (root / f"New{step}.md").write_text(f"[[{rng.choice(names)}#Goals]]\n", encoding="utf-8")
    elif action == 6 and len(notes) > 3:
        note.unlink()
        return
    elif action == 7:
        folder = root / rng.choice(["", "Notes", "Archive"])
        folder.mkdir(exist_ok=True)
        note.rename(folder / f"{note.stem}{step}.md")
        return
    else:
        text += f"<!-- vaultkit-disable-next-line broken-link -->\n[[Gone{step}]]\n"
    _save(rng, note, text, step)


LOGSEQ = {
    "pages/Home.md": "- [[Plan]] [[Roadmap]] ((64b5f1a2-0000-4000-8000-000000000001))\n"
    "- [[ns/child]] [[Missing]]\n",
    "pages/Plan.md": "alias:: Roadmap\n\n- Goals\n  id:: 64b5f1a2-0000-4000-8000-000000000001\n",
    "pages/ns___child.md": "- child [[Home]]\n",
    "journals/2024_01_02.md": "- [[Jan 2nd, 2024]] [[ns]]\n",
}


def _logseq_edit(rng: random.Random, root: Path, step: int) -> None:
    notes = sorted(root.glob("pages/*.md")) + sorted(root.glob("journals/*.md"))
    note = rng.choice(notes)
    uuid = "64b5f1a2-0000-4000-8000-00000000000" + str(rng.randrange(3))
    action = rng.randrange(6)
    text = note.read_text(encoding="utf-8")
    if action == 0:
        target = rng.choice(
            ["Plan", "Roadmap", "Home", "Missing", "ns", "ns/child", "other", "other/x"]
        )
        text += f"- [[{target}]] (({uuid}))\n"
    elif action == 1:
        text = text + f"- block\n  id:: {uuid}\n" if "id::" not in text else text.split("id::")[0]
    elif action == 2:
        alias = rng.choice(["Roadmap", "Plan B", ""])
        body = "\n".join(line for line in text.split("\n") if not line.startswith("alias::"))
        text = (f"alias:: {alias}\n\n" if alias else "") + body
    elif action == 3:
        (root / "pages" / f"New{step}.md").write_text(f"- [[Plan]] (({uuid}))\n", encoding="utf-8")
    elif action == 4 and len(notes) > 3:
        note.unlink()
        return
    else:
        text = "\n".join(text.split("\n")[:-2]) + "\n"
    _save(rng, note, text, step)


def _edit_and_compare(run_cli, root: Path, edit, seed: int, steps: int) -> None:
    """Edit the vault ``steps`` times at random; after each edit both checks must agree."""
    _age(root)
    rng = random.Random(seed)
    for step in range(steps):
        cached, cold = _outputs(run_cli, root)
        assert json.loads(cached) == json.loads(cold), f"seed {seed}, step {step}"
        edit(rng, root, step)


@pytest.mark.parametrize("seed", range(8))
def test_random_obsidian_edits_never_change_the_answer(make_vault, run_cli, spy, seed):
    _edit_and_compare(run_cli, make_vault(OBSIDIAN), _obsidian_edit, seed, 40)
    # The runs took every path: partial checks, with and without dependents, and full ones.
    partial = [decided for decided in spy if decided is not None]
    assert len(partial) >= 5
    assert None in spy


@pytest.mark.parametrize("seed", range(4))
def test_edits_checked_against_an_older_snapshot_never_change_the_answer(
    make_vault, run_cli, spy, monkeypatch, seed
):
    """A large vault keeps its snapshot while few notes changed: later runs start from it."""
    monkeypatch.setattr(check_engine, "_save_from", lambda note_count: 1_000)
    _edit_and_compare(run_cli, make_vault(OBSIDIAN), _obsidian_edit, seed, 40)
    assert len([decided for decided in spy if decided is not None]) >= 5


@pytest.mark.parametrize("seed", range(6))
def test_random_logseq_edits_never_change_the_answer(make_vault, run_cli, spy, seed):
    _edit_and_compare(run_cli, make_vault(LOGSEQ, flavor="logseq"), _logseq_edit, seed, 30)
    assert any(decided is not None for decided in spy)


def _edits_agree(make_vault, run_cli, files, edits, flavor="obsidian"):
    """Check, then apply each edit (dated in the past) and compare with a full check."""
    root = make_vault(files, flavor=flavor)
    _age(root)
    _outputs(run_cli, root)
    for step, edit in enumerate(edits):
        for relative, text in edit.items():
            path = root / relative
            path.write_text(text, encoding="utf-8")
            os.utime(path, (OLD + 500 + step, OLD + 500 + step))
        cached, cold = _outputs(run_cli, root)
        assert json.loads(cached) == json.loads(cold), f"after edit {step}"


# Found by a hunt for disagreements: both were order or batch effects, not missing data.


def test_a_root_relative_dotdot_link_resolves_the_same_in_a_partial_check(make_vault, run_cli):
    files = {
        "a/first.md": "[[/../Target]]\n",
        "Target.md": "Target.\n",
        "z.md": "[[/../Target]]\n",
    }
    _edits_agree(make_vault, run_cli, files, [{"z.md": "[[/../Target]] edited\n"}])


def test_did_you_mean_is_the_same_when_few_links_are_checked(make_vault, run_cli):
    many = "".join(f"- [[zz/q{number:02d}]]\n" for number in range(40))
    files = {
        "pages/ea.md": "alias:: EA\n\n- x\n",
        "pages/eab.md": "- a\n",
        "pages/eac.md": "- a\n",
        "pages/ead.md": "- a\n",
        "pages/Many.md": many,
        "pages/Small.md": "- [[x/ea]]\n",
    }
    edits = [{"pages/Small.md": "- [[x/ea]] edited\n"}]
    _edits_agree(make_vault, run_cli, files, edits, flavor="logseq")


UUID = "6422b1c4-0000-4000-8000-000000000001"


@pytest.mark.parametrize(
    ("files", "edits", "flavor"),
    [
        pytest.param(
            {
                "Home.md": "[t](Plan.md#goals) [[Todo#H]]\n",
                "Plan.md": "## Goals\n",
                "Todo.md": "# H\n",
                "work/Todo.md": "# H\n",
                "work/x.md": "[[Todo#H]]\n",
            },
            [{"Plan.md": "## Goals!\n"}, {"work/Todo.md": "# J\n"}, {"Todo.md": "# J\n"}],
            "obsidian",
            id="slug-links-and-ambiguous-anchored-links",
        ),
        pytest.param(
            {"A.md": "# One\n[[#One]] [[#Two]]\n", "B.md": "[[A#Two]] [[A#P#S]]\n"},
            [{"A.md": "# Two\n## P\n### S\n[[#One]] [[#Two]]\n"}],
            "obsidian",
            id="self-and-nested-heading-links",
        ),
        pytest.param(
            {
                "pages/Home.md": f"- (({UUID}))\n",
                "pages/Plan.md": f"- plan\n  id:: {UUID}\n",
                "pages/Copy.md": f"- dup\n  id:: {UUID}\n",
            },
            [{"pages/Copy.md": f"- dup, edited\n  id:: {UUID}\n"}],
            "logseq",
            id="logseq-duplicate-block-id-in-another-page",
        ),
    ],
)
def test_edits_that_agree(make_vault, run_cli, files, edits, flavor):
    _edits_agree(make_vault, run_cli, files, edits, flavor=flavor)
