"""``vaultkit mv``: every link form rewritten as the app would, exact bytes, in both apps."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

OLD = "# Old Name\n## Goals\nText ^blk\n"
HOME = (
    '---\nup: "[[Old Name]]"\n---\n'
    "[[Old Name]] [[Old Name#Goals|g]] ![[Old Name]] [[a/Old Name]] [[Old Name.md]]\r\n"
    "[[Old Name#^blk]] [x](a/Old%20Name.md#Goals) [y](<a/Old Name.md>) [z](a/Old%20Name.md 't')\r\n"
    "`[[Old Name]]` and [[Old Names]]\r\n"
    "```\r\n[[Old Name]]\r\n```\r\n"
    "| t | [[Old Name\\|o]] |\r\n"
)
HOME_AFTER = (
    '---\nup: "[[New Name]]"\n---\n'
    "[[New Name]] [[New Name#Goals|g]] ![[New Name]] [[a/New Name]] [[New Name.md]]\r\n"
    "[[New Name#^blk]] [x](a/New%20Name.md#Goals) [y](<a/New Name.md>) [z](a/New%20Name.md 't')\r\n"
    "`[[Old Name]]` and [[Old Names]]\r\n"
    "```\r\n[[Old Name]]\r\n```\r\n"
    "| t | [[New Name\\|o]] |\r\n"
)


@pytest.fixture
def obsidian(make_vault, monkeypatch) -> Path:
    monkeypatch.setenv("NO_COLOR", "1")
    return make_vault(
        {
            "a/Old Name.md": OLD,
            "Home.md": HOME.encode(),
            "a/Child.md": b"\xef\xbb\xbf[up](../Home.md) [[Old Name]]\n",
            "b/Plan.md": "# Plan\n",
            "Other.md": "[[Plan]] and [[Home]]\n",
        }
    )


def problems(run_cli, vault: Path) -> list[tuple[str, str, int]]:
    _, out, _ = run_cli("check", "--format", "json", "--no-cache", cwd=vault)
    return [(p["rule"], p["path"], p["line"]) for p in json.loads(out)["problems"]]


def test_dry_run_shows_the_move_and_the_diff_and_changes_nothing(obsidian, run_cli):
    before = {path: path.read_bytes() for path in obsidian.rglob("*.md")}
    code, out, err = run_cli("mv", "a/Old Name.md", "a/New Name.md", cwd=obsidian)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "a/Old Name.md -> a/New Name.md"
    assert lines[-1] == (
        "Would move 1 file and rewrite 12 links in 2 notes; run with --write to do it."
    )
    assert "-[up](../Home.md) [[Old Name]]" in lines
    assert "+[up](../Home.md) [[New Name]]" in lines
    assert {path: path.read_bytes() for path in obsidian.rglob("*.md")} == before


def test_every_obsidian_link_form_keeps_its_parts(obsidian, run_cli):
    code, out, _ = run_cli("mv", "a/Old Name.md", "a/New Name.md", "--write", cwd=obsidian)
    assert (code, out) == (
        0,
        "a/Old Name.md -> a/New Name.md\nMoved 1 file; rewrote 12 links in 2 notes.\n",
    )
    assert not (obsidian / "a/Old Name.md").exists()
    assert (obsidian / "a/New Name.md").read_text() == OLD
    assert (obsidian / "Home.md").read_bytes() == HOME_AFTER.encode()
    assert (obsidian / "a/Child.md").read_bytes() == (
        b"\xef\xbb\xbf[up](../Home.md) [[New Name]]\n"
    )
    assert problems(run_cli, obsidian) == [("broken-link", "Home.md", 6)]  # [[Old Names]]


def test_a_name_given_without_folder_or_suffix(obsidian, run_cli):
    code, out, _ = run_cli("mv", "Old Name", "New Name", "--write", cwd=obsidian)
    assert code == 0
    assert out.startswith("a/Old Name.md -> a/New Name.md\n")
    assert (obsidian / "Home.md").read_bytes() == HOME_AFTER.encode()


def test_a_name_that_becomes_ambiguous_gets_a_path_and_so_do_links_to_its_twin(obsidian, run_cli):
    code, _, _ = run_cli("mv", "a/Old Name.md", "a/Plan.md", "--write", cwd=obsidian)
    assert code == 0
    home = (obsidian / "Home.md").read_bytes().decode()
    assert home.splitlines()[3] == (
        "[[a/Plan]] [[a/Plan#Goals|g]] ![[a/Plan]] [[a/Plan]] [[a/Plan.md]]"
    )
    # `[[Plan]]` meant b/Plan.md; with a/Plan.md in the vault it would not any more.
    assert (obsidian / "Other.md").read_text() == "[[b/Plan]] and [[Home]]\n"
    assert problems(run_cli, obsidian) == [("broken-link", "Home.md", 6)]


def test_new_link_format_relative_is_followed(obsidian, run_cli):
    (obsidian / ".obsidian/app.json").write_text('{"newLinkFormat": "relative"}')
    run_cli("mv", "a/Old Name.md", "a/Plan.md", "--write", cwd=obsidian)
    assert (obsidian / "a/Child.md").read_bytes() == b"\xef\xbb\xbf[up](../Home.md) [[./Plan]]\n"
    assert (obsidian / "Other.md").read_text() == "[[./b/Plan]] and [[Home]]\n"
    assert problems(run_cli, obsidian) == [("broken-link", "Home.md", 6)]


def test_a_folder_moves_whole_and_relative_links_inside_follow(obsidian, run_cli):
    (obsidian / "a/.hidden").write_text("kept with the folder")
    code, out, _ = run_cli("mv", "a", "deep/er", "--write", cwd=obsidian)
    assert code == 0
    assert out.splitlines() == [
        "a/Child.md -> deep/er/Child.md",
        "a/Old Name.md -> deep/er/Old Name.md",
        "Moved 2 files; rewrote 5 links in 2 notes.",
    ]
    assert not (obsidian / "a").exists()
    assert (obsidian / "deep/er/.hidden").read_text() == "kept with the folder"
    assert (obsidian / "deep/er/Child.md").read_bytes() == (
        b"\xef\xbb\xbf[up](../../Home.md) [[Old Name]]\n"
    )
    home = (obsidian / "Home.md").read_bytes().decode()
    assert "[[deep/er/Old Name]]" in home
    assert "[x](deep/er/Old%20Name.md#Goals) [y](<deep/er/Old Name.md>)" in home
    assert problems(run_cli, obsidian) == [("broken-link", "Home.md", 6)]


def test_into_an_existing_folder(obsidian, run_cli):
    code, out, _ = run_cli("mv", "a/Old Name.md", "b", "--write", cwd=obsidian)
    assert code == 0
    assert out.startswith("a/Old Name.md -> b/Old Name.md\n")
    assert (obsidian / "b/Old Name.md").exists()


def test_attachments_move_with_embeds_and_images(make_vault, run_cli):
    vault = make_vault(
        {
            "img/diagram.png": b"\x89PNG",
            "Note.md": "![[diagram.png]] ![[img/diagram.png|300]] ![d](img/diagram.png)\n",
        }
    )
    code, _, _ = run_cli("mv", "img/diagram.png", "assets/figure 1.png", "--write", cwd=vault)
    assert code == 0
    assert (vault / "Note.md").read_text() == (
        "![[figure 1.png]] ![[assets/figure 1.png|300]] ![d](assets/figure%201.png)\n"
    )
    assert (vault / "assets/figure 1.png").read_bytes() == b"\x89PNG"
    assert problems(run_cli, vault) == []


def test_a_case_only_rename(make_vault, run_cli):
    vault = make_vault({"note.md": "x\n", "A.md": "[[note]] [n](note.md)\n"})
    code, _, _ = run_cli("mv", "note.md", "Note.md", "--write", cwd=vault)
    assert code == 0
    assert (vault / "A.md").read_text() == "[[Note]] [n](Note.md)\n"
    assert [path.name for path in vault.glob("*ote.md")] == ["Note.md"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("a/Old Name.md", "b/Plan.md", "b/Plan.md exists; vaultkit mv never replaces a file"),
        ("Nope", "X", "no note, page or file `Nope` in the vault"),
        ("a/Old Name.md", "../Outside.md", "NEW ../Outside.md is not inside the vault"),
        ("a/Old Name.md", "a/C#.md", "a/C#.md: Obsidian links cannot hold # ^ [ ] or |"),
        ("a", "a/deeper", "cannot move the folder a into itself"),
    ],
)
def test_refusals_exit_2_and_change_nothing(obsidian, run_cli, old, new, message):
    before = {path: path.read_bytes() for path in obsidian.rglob("*") if path.is_file()}
    code, out, err = run_cli("mv", old, new, "--write", cwd=obsidian)
    assert (code, out) == (2, "")
    assert err.startswith("vaultkit: error: ")
    assert message in err
    assert {path: path.read_bytes() for path in obsidian.rglob("*") if path.is_file()} == before


def test_a_symlinked_folder_that_leads_out_is_refused(obsidian, run_cli, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (obsidian / "link").symlink_to(outside)
    code, _, err = run_cli("mv", "a/Old Name.md", "link/New.md", "--write", cwd=obsidian)
    assert code == 2
    assert "leads outside the vault" in err
    assert list(outside.iterdir()) == []


def test_git_mv_keeps_history(obsidian, run_cli):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=obsidian, check=True)
    subprocess.run([*git, "add", "-A"], cwd=obsidian, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=obsidian, check=True)
    code, _, _ = run_cli("mv", "a/Old Name.md", "a/New Name.md", "--git", "--write", cwd=obsidian)
    assert code == 0
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=obsidian, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert 'R  "a/Old Name.md" -> "a/New Name.md"' in status


# --- Logseq ------------------------------------------------------------------------------------

LOGSEQ_HOME = (
    "tags:: Old Page, other\n\n"
    "- see [[Old Page]] and #[[Old Page]] and [lab]([[Old Page]]) {{embed [[Old Page]]}} [[op]]\n"
    "  related:: [[Old Page]]\n"
    "- [[Old Page/Child]] [[old page]] `[[Old Page]]`\n"
)


@pytest.fixture
def logseq(make_vault, monkeypatch) -> Path:
    monkeypatch.setenv("NO_COLOR", "1")
    return make_vault(
        {
            "pages/Old Page.md": "title:: Old Page\nalias:: op\n\n- about\n",
            "pages/Old Page___Child.md": "- child\n",
            "pages/Home.md": LOGSEQ_HOME,
            "pages/Tagged.md": "- #old #older\n",
            "pages/old.md": "- a page named old\n",
            "journals/2024_01_02.md": "- [[Old Page]] #old\n",
        },
        flavor="logseq",
    )


def test_a_logseq_page_rename_rewrites_refs_tags_properties_and_children(logseq, run_cli):
    code, out, _ = run_cli("mv", "Old Page", "Area/New Topic", "--write", cwd=logseq)
    assert code == 0
    assert out.splitlines() == [
        "pages/Old Page.md -> pages/Area___New Topic.md",
        "pages/Old Page___Child.md -> pages/Area___New Topic___Child.md",
        "Moved 2 files; rewrote 9 links in 3 notes.",
    ]
    assert (logseq / "pages/Home.md").read_text() == (
        "tags:: Area/New Topic, other\n\n"
        "- see [[Area/New Topic]] and #[[Area/New Topic]] and [lab]([[Area/New Topic]])"
        " {{embed [[Area/New Topic]]}} [[op]]\n"
        "  related:: [[Area/New Topic]]\n"
        "- [[Area/New Topic/Child]] [[Area/New Topic]] `[[Old Page]]`\n"
    )
    assert (logseq / "pages/Area___New Topic.md").read_text() == (
        "title:: Area/New Topic\nalias:: op\n\n- about\n"
    )
    assert (logseq / "journals/2024_01_02.md").read_text() == "- [[Area/New Topic]] #old\n"
    assert problems(run_cli, logseq) == [
        ("missing-page", "pages/Home.md", 1),
        ("missing-page", "pages/Tagged.md", 1),
    ]


def test_a_logseq_tag_stays_a_tag(logseq, run_cli):
    code, _, _ = run_cli("mv", "old", "recent", "--write", cwd=logseq)
    assert code == 0
    assert (logseq / "pages/Tagged.md").read_text() == "- #recent #older\n"
    assert (logseq / "journals/2024_01_02.md").read_text() == "- [[Old Page]] #recent\n"
    run_cli("mv", "recent", "two words", "--write", cwd=logseq)
    assert (logseq / "pages/Tagged.md").read_text() == "- #[[two words]] #older\n"
    assert (logseq / "pages/two words.md").exists()


def test_legacy_file_names(make_vault, run_cli):
    vault = make_vault(
        {"logseq/config.edn": "{}\n", "pages/A.md": "- [[B]]\n", "pages/B.md": "- b\n"},
        flavor="logseq",
    )
    code, out, _ = run_cli("mv", "B", "x/y.z", "--write", cwd=vault)
    assert code == 0
    assert out.splitlines()[0] == "pages/B.md -> pages/x.y%2Ez.md"
    assert (vault / "pages/A.md").read_text() == "- [[x/y.z]]\n"
    assert problems(run_cli, vault) == []


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Home", "a page named `Home` exists (pages/Home.md); Logseq would merge the two pages"),
        ("other", "a page named `other` exists (linked 1 time, no file); Logseq would merge"),
    ],
)
def test_a_rename_onto_an_existing_logseq_page_is_refused(logseq, run_cli, new, message):
    code, _, err = run_cli("mv", "Old Page", new, "--write", cwd=logseq)
    assert code == 2
    assert message in err
    assert (logseq / "pages/Old Page.md").exists()


def test_a_logseq_asset_moves_with_its_markdown_links(logseq, run_cli):
    (logseq / "assets").mkdir()
    (logseq / "assets/a b.png").write_bytes(b"\x89PNG")
    (logseq / "pages/Pics.md").write_text(
        "- ![pic](../assets/a%20b.png) [b](<../assets/a b.png>)\n"
    )
    code, out, _ = run_cli("mv", "assets/a b.png", "assets/pics/c.png", "--write", cwd=logseq)
    assert code == 0
    assert out.splitlines()[0] == "assets/a b.png -> assets/pics/c.png"
    assert (logseq / "pages/Pics.md").read_text() == (
        "- ![pic](../assets/pics/c.png) [b](<../assets/pics/c.png>)\n"
    )


def test_a_journal_day_is_not_renamed(logseq, run_cli):
    code, _, err = run_cli("mv", "journals/2024_01_02.md", "Day", cwd=logseq)
    assert code == 2
    assert "is a journal page" in err


# --- the graph is the same graph, renamed -------------------------------------------------------


def _edges(run_cli, vault: Path) -> set[tuple[str, str]]:
    from vaultkit.workspace import Workspace

    graph = Workspace.open(vault, no_cache=True).graph
    return {
        (edge.source.path, edge.resolution.path)
        for edge in graph.edges
        if edge.resolution.resolved and edge.resolution.path
    }


def test_mv_keeps_every_resolved_edge_on_a_generated_vault(make_vault, run_cli):
    rng = random.Random(7)
    folders = ["", "a/", "b/", "a/deep/"]
    names = [f"{folders[number % 4]}Note {number % 13}" for number in range(40)]
    names = list(dict.fromkeys(names))
    files: dict[str, str] = {}
    for name in names:
        lines = []
        for _ in range(6):
            target = rng.choice(names)
            stem = target.rsplit("/", 1)[-1]
            relative = target + ".md"
            lines.append(
                rng.choice(
                    [
                        f"[[{target}]]",
                        f"[[{stem}|shown]]" if sum(n.endswith(stem) for n in names) == 1 else "",
                        f"[t](/{relative.replace(' ', '%20')})",
                        f"![[{target}#Heading]]",
                    ]
                )
            )
        files[name + ".md"] = "# Heading\n" + "\n".join(lines) + "\n"
    vault = make_vault(files)
    before = _edges(run_cli, vault)
    before_problems = problems(run_cli, vault)
    old = "a/Note 1.md"
    code, _, err = run_cli("mv", old, "b/Note 2.md", cwd=vault)
    assert code == 2 and "exists" in err
    code, _, err = run_cli("mv", old, "b/deep/Note 2.md", "--write", cwd=vault)
    assert (code, err) == (0, "")
    renamed = {
        (source.replace(old, "b/deep/Note 2.md"), target.replace(old, "b/deep/Note 2.md"))
        for source, target in before
    }
    assert _edges(run_cli, vault) == renamed
    moved = [
        (rule, path.replace(old, "b/deep/Note 2.md"), line) for rule, path, line in before_problems
    ]
    assert problems(run_cli, vault) == sorted(moved, key=lambda p: (p[1], p[2], p[0]))


# --- renames made elsewhere: fix --renames ------------------------------------------------------


def _git(vault: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    return subprocess.run(command, cwd=vault, check=True, capture_output=True, text=True).stdout


def test_fix_renames_follows_plain_mv_and_git_mv(obsidian, run_cli):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(obsidian, "init", "-q")
    _git(obsidian, "add", "-A")
    _git(obsidian, "commit", "-qm", "start")
    (obsidian / "a/Old Name.md").rename(obsidian / "a/New Name.md")  # a plain mv, not staged
    _git(obsidian, "mv", "b/Plan.md", "b/Roadmap.md")  # staged
    code, out, _ = run_cli("fix", "--renames", cwd=obsidian)
    assert code == 0
    assert out.splitlines()[:2] == [
        "a/Old Name.md -> a/New Name.md (renamed)",
        "b/Plan.md -> b/Roadmap.md (renamed)",
    ]
    assert out.splitlines()[-1] == "Would rewrite 13 links in 3 notes; run with --write to do it."
    assert (obsidian / "Home.md").read_bytes() == HOME.encode()
    code, out, _ = run_cli("fix", "--renames", "--write", "--exit-non-zero-on-fix", cwd=obsidian)
    assert (code, out.splitlines()[-1]) == (1, "Rewrote 13 links in 3 notes.")
    assert (obsidian / "Home.md").read_bytes() == HOME_AFTER.encode()
    assert (obsidian / "Other.md").read_text() == "[[Roadmap]] and [[Home]]\n"
    assert problems(run_cli, obsidian) == [("broken-link", "Home.md", 6)]
    code, out, _ = run_cli("fix", "--renames", "--write", "--exit-non-zero-on-fix", cwd=obsidian)
    assert (code, out.splitlines()[-1]) == (0, "Rewrote 0 links in 0 notes.")


def test_fix_renames_outside_git_does_nothing_and_says_why(obsidian, run_cli, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(obsidian.parent))
    code, out, err = run_cli("fix", "--renames", cwd=obsidian)
    assert (code, err) == (0, "")
    assert out.startswith("Nothing to repair: ")
    assert out.endswith("is not in a git work tree; --renames reads the renames git sees.\n")


# --- every note of the messy corpora and the examples, renamed -----------------------------------

CORPORA = Path(__file__).resolve().parent / "corpus"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VAULTS = [CORPORA / "obsidian", CORPORA / "logseq", EXAMPLES / "obsidian", EXAMPLES / "logseq"]
REFUSED = {
    # A note whose bytes hold NUL characters cannot be edited, so its link to Home would break.
    ("obsidian", "Home.md"): "cannot edit Synced.md: holds NUL characters",
    ("obsidian", "Notes (draft) #1.md"): "Obsidian links cannot hold # ^ [ ] or |",
}


def _renamed_notes() -> list[tuple[Path, str]]:
    cases = []
    for root in VAULTS:
        for path in sorted(root.rglob("*.md")) + sorted(root.rglob("*.org")):
            relative = path.relative_to(root).as_posix()
            if not relative.startswith(("logseq/", "journals/", "drafts/", "archive/")):
                cases.append((root, relative))
    return cases


@pytest.mark.parametrize(
    ("source", "note"),
    _renamed_notes(),
    ids=[f"{root.parent.name}-{root.name}-{note}" for root, note in _renamed_notes()],
)
def test_renaming_any_note_of_a_real_looking_vault_keeps_its_graph(tmp_path, run_cli, source, note):
    vault = shutil.copytree(source, tmp_path / "vault")
    before_edges, before_problems = _edges(run_cli, vault), problems(run_cli, vault)
    stem = Path(note).stem
    logseq = (vault / "logseq").is_dir()
    new = f"{stem.replace('___', '/')} renamed" if logseq else f"{Path(note).parent / stem} 2.md"
    code, out, err = run_cli("mv", note, new, "--write", cwd=vault)
    refusal = REFUSED.get((source.name, note)) if source.parent.name == "corpus" else None
    if refusal is not None:
        assert code in (1, 2) and refusal in err
        return
    assert (code, err) == (0, "")
    moved = dict(line.split(" -> ") for line in out.splitlines() if " -> " in line)

    def renamed(path: str) -> str:
        return moved.get(path, path)

    assert _edges(run_cli, vault) == {(renamed(a), renamed(b)) for a, b in before_edges}
    expected = sorted(
        ((rule, renamed(path), line) for rule, path, line in before_problems),
        key=lambda problem: (problem[1], problem[2]),
    )
    assert sorted(problems(run_cli, vault), key=lambda p: (p[1], p[2])) == expected


ODD_NAMES = [
    "Café ☕",
    "100% done",
    "a (b) c",
    "Straße",
    "Re\u0301sume\u0301",  # NFD, as macOS writes it
    "x.y.z",
    "space  double",
    "émoji 🎉",
    "C++ notes",
]
ODD_TARGETS = ["Naïve ünïcode", "50% off", "sub/(paren) name", "deep/é x"]


def _odd_vault(make_vault) -> Path:
    rng = random.Random(1)
    files = {}
    for number, name in enumerate(ODD_NAMES):
        links = []
        for other in rng.sample(ODD_NAMES, 4):
            path = ("sub/" if ODD_NAMES.index(other) % 2 else "") + other + ".md"
            links.append(
                rng.choice(
                    [
                        f"[[{other}]]",
                        f"[t]({quote(path)})",
                        f"[[{other}|shown]]",
                        f"[u](<{path}>)",
                    ]
                )
            )
        folder = "sub/" if number % 2 else ""
        files[f"{folder}{name}.md"] = "# H\n" + "\n".join(links) + "\n"
    return make_vault(files)


@pytest.mark.parametrize("number", range(len(ODD_NAMES)))
def test_odd_names_keep_their_graph_through_a_rename(make_vault, run_cli, number):
    vault = _odd_vault(make_vault)
    old = ("sub/" if number % 2 else "") + ODD_NAMES[number] + ".md"
    new = ODD_TARGETS[number % len(ODD_TARGETS)] + ".md"
    before_edges, before_problems = _edges(run_cli, vault), problems(run_cli, vault)
    code, _, err = run_cli("mv", old, new, "--write", cwd=vault)
    assert (code, err) == (0, "")

    def renamed(path: str) -> str:
        return new if path == old else path

    assert _edges(run_cli, vault) == {(renamed(a), renamed(b)) for a, b in before_edges}
    assert sorted(problems(run_cli, vault)) == sorted(
        (rule, renamed(path), line) for rule, path, line in before_problems
    )


def test_fix_renames_in_logseq_follows_the_page_name(make_vault, run_cli):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    vault = make_vault(
        {"pages/Old.md": "- old page\n", "pages/A.md": "- see [[Old]] and #Old\n"},
        flavor="logseq",
    )
    _git(vault, "init", "-q")
    _git(vault, "add", "-A")
    _git(vault, "commit", "-qm", "start")
    (vault / "pages/Old.md").rename(vault / "pages/New Name.md")
    code, out, _ = run_cli("fix", "--renames", "--write", cwd=vault)
    assert (code, out) == (
        0,
        "pages/Old.md -> pages/New Name.md (renamed)\nRewrote 2 links in 1 note.\n",
    )
    assert (vault / "pages/A.md").read_text() == "- see [[New Name]] and #[[New Name]]\n"
    assert problems(run_cli, vault) == []
