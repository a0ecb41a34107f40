"""Hostile links and hostile paths: huge and broken links, links out of the vault, symbolic links,
files that cannot be read or vanish while vaultkit runs.

Decided here (for the README's "Safety" section):

* **No link ever resolves outside the vault.** ``[[../../etc/passwd]]``, ``[x](/etc/passwd)``,
  ``[x](%2e%2e/secret.md)`` and an absolute path to a real file are broken links; ``/`` starts a
  path from the vault root, never from the file system root; ``file:`` URLs are external links
  and are not checked.
* **Symbolic links are followed when reading, as Obsidian does** (``tests/test_read_walk.py``):
  a linked folder or note outside the vault is part of the vault under the link's own path, and a
  link loop is a problem, not a hang. **Nothing is ever written through a link that leads
  outside**: ``enrich --write`` refuses such a file (exit status 1, the reason on stderr) and the
  file outside stays byte for byte as it was. ``enrich`` without ``--write`` still shows the
  change it would make there.
* A FIFO, a device or a socket with a ``.md`` name is not a file: it is skipped, never opened.
"""

from __future__ import annotations

import json
import os
import pathlib
import time

import pytest

import vaultkit.load.read
from vaultkit.load.vault import load_vault
from vaultkit.model import FileProblem

from .conftest import PERMISSIONS_BIND, TWEET, backlink_sources, link_status, problems, snapshot

# --- huge, nested and unbalanced links ---------------------------------------------------------


def test_a_one_megabyte_wikilink(make_vault, survive_every_command):
    """A Markdown destination longer than 4,096 characters (a pasted data URI) is no vault
    link; wikilinks and embeds of any length are."""
    name = "a" * 1_000_000
    root = make_vault({"Huge.md": f"x [[{name}]] [m]({name}.md) ![[{name}.png]]\n", "a.md": "x"})
    started = time.perf_counter()
    document = survive_every_command(root, note="a")
    assert time.perf_counter() - started < 30
    assert problems(document) == [
        ("broken-link", "Huge.md", 1, 3),
        ("broken-embed", "Huge.md", 1, 2_000_017),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[[[[a]]]]",
        "[[[a]]]",
        "[[a]]]]",
        "[[[[a]]",
        "]][[a",
        "[[a]] ]] [[ [[b]",
        "[[a|[[b]]]]",
        "[[#]] [[|]] [[^]] [[#^]] [[ ]] [[]]",
        "![[![[a]]]]",
        "[x]([[a]]) [x](((a))) [[a]](b)",
        "[[a\\]] \\[[a]] [[a\\|b]]",
    ],
)
@pytest.mark.parametrize("flavor", ["obsidian", "logseq"])
def test_nested_and_unbalanced_links(make_vault, check_json, flavor, text):
    folder = "pages/" if flavor == "logseq" else ""
    root = make_vault(
        {f"{folder}N.md": text + "\n", f"{folder}a.md": "x", f"{folder}b.md": "x"}, flavor=flavor
    )
    _, document = check_json(root)
    for rule, _, line, column in problems(document):
        assert rule in {
            "broken-link",
            "broken-embed",
            "empty-link",
            "malformed-link",
            "missing-page",
            "broken-block-ref",
            "broken-heading",
        }
        assert line == 1
        assert 1 <= column <= len(text)


def test_unbalanced_brackets_are_reported_and_the_good_link_kept(make_vault, check_json, run_cli):
    root = make_vault({"N.md": "[[a]] ]] [[ [[b]\n", "a.md": "x"})
    code, document = check_json(root)
    assert (code, problems(document)) == (0, [("malformed-link", "N.md", 1, 10)])
    assert link_status(run_cli, root, "N") == [("[[a]]", "note", "a.md")]


# --- links that try to leave the vault ---------------------------------------------------------


def test_no_link_resolves_outside_the_vault(tmp_path, make_vault, run_cli, check_json):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("secret", encoding="utf-8")
    (outside / "img.png").write_bytes(b"\x89PNG")
    secret = (outside / "secret.md").as_posix()
    links = [
        "[[../../etc/passwd]]",
        "[[/etc/passwd]]",
        "[[../outside/secret]]",
        "[[../outside/secret.md]]",
        "![[../outside/img.png]]",
        "[a](../outside/secret.md)",
        "[b](/etc/passwd)",
        "[c](%2e%2e/outside/secret.md)",
        "[d](sub/../../outside/secret.md)",
        "[e](../../../../../../../../etc/passwd)",
        f"[f]({secret})",
        f"[g](<{secret}>)",
        f"[[{secret}]]",
        "[h](..%2Foutside%2Fsecret.md)",
        "[i](./../outside/secret.md)",
    ]
    root = make_vault({"sub/Home.md": "\n".join(links) + "\n", "sub/x.md": "x"})
    code, document = check_json(root)
    assert code == 1
    assert [(rule, line) for rule, _, line, _ in problems(document)] == [
        ("broken-embed" if link.startswith("!") else "broken-link", number)
        for number, link in enumerate(links, start=1)
    ]
    for link, status, target in link_status(run_cli, root, "Home"):
        assert (status, target) == ("broken", None), link


def test_external_urls_are_not_vault_links(make_vault, check_json, run_cli):
    root = make_vault(
        {
            "Home.md": "[a](file:///etc/passwd) [b](file:../x.md) [c](https://e.com/../../x) "
            "[d](//server/share/x.md) [[https://e.com]]\n"
        }
    )
    code, document = check_json(root)
    assert (code, problems(document)) == (0, [])
    assert link_status(run_cli, root, "Home") == []


def test_a_leading_slash_means_the_vault_root(make_vault, run_cli):
    root = make_vault({"etc/passwd": "not the real one", "sub/Home.md": "[b](/etc/passwd)"})
    assert link_status(run_cli, root, "Home") == [("[b](/etc/passwd)", "file", "etc/passwd")]


# --- symbolic links ----------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "outside"
    (folder / "dir").mkdir(parents=True)
    (folder / "Ext.md").write_text(f"Cites {TWEET} and [[Home]]\n", encoding="utf-8")
    (folder / "dir" / "Inner.md").write_text(
        f"---\ntags: [a]\n---\n{TWEET}/2 [[Home]]\n", encoding="utf-8"
    )
    return folder


def test_symlinks_to_outside_are_reported_not_read(
    make_vault, outside, run_cli, survive_every_command
):
    root = make_vault({"Home.md": "[[Ext]] [[Inner]]"})
    (root / "Ext.md").symlink_to(outside / "Ext.md")
    (root / "linked").symlink_to(outside / "dir", target_is_directory=True)
    before = snapshot(outside)
    document = survive_every_command(root, note="Home")
    assert sorted(problems(document)) == [
        ("broken-link", "Home.md", 1, 1),
        ("broken-link", "Home.md", 1, 9),
        ("external-symlink", "Ext.md", 1, 1),
        ("external-symlink", "linked", 1, 1),
    ]
    assert backlink_sources(run_cli, root, "Home") == []
    assert snapshot(outside) == before


def test_symlinks_to_outside_are_read_under_their_own_path_when_asked(make_vault, outside, run_cli):
    root = make_vault({"Home.md": "[[Ext]] [[Inner]]"})
    (root / "Ext.md").symlink_to(outside / "Ext.md")
    (root / "linked").symlink_to(outside / "dir", target_is_directory=True)
    code, out, _ = run_cli("check", str(root), "--format", "json", "--follow-symlinks")
    assert (code, json.loads(out)["problems"]) == (0, [])
    code, out, _ = run_cli("backlinks", "Home", "--vault", str(root), "--follow-symlinks")
    assert code == 0
    assert "Ext.md" in out
    assert "linked/Inner.md" in out


def test_enrich_never_writes_through_a_symlink_leading_outside(make_vault, outside, run_cli):
    root = make_vault({"Home.md": "x"})
    (root / "Ext.md").symlink_to(outside / "Ext.md")
    (root / "linked").symlink_to(outside / "dir", target_is_directory=True)
    before = snapshot(outside)
    code, out, _ = run_cli("enrich", str(root))
    assert code == 0
    assert "Ext.md" not in out  # not followed, so not read
    code, out, _ = run_cli("enrich", str(root), "--follow-symlinks")
    assert code == 0
    assert "+++ b/Ext.md" in out  # the dry run shows what --write will refuse
    code, out, err = run_cli("enrich", str(root), "--write", "--follow-symlinks")
    assert code == 1
    assert err.splitlines() == [
        "vaultkit: Ext.md: leads outside the vault; not written",
        "vaultkit: linked/Inner.md: leads outside the vault; not written",
    ]
    assert snapshot(outside) == before
    assert (root / "Ext.md").is_symlink()
    assert (root / "Twitter/@karpathy.md").is_file()


def test_symlink_loops_end_the_walk(make_vault, survive_every_command):
    root = make_vault({"Home.md": "[[Missing]]", "sub/n.md": "x"})
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "self").symlink_to(".", target_is_directory=True)
    (root / "a.md").symlink_to("b.md")
    (root / "b.md").symlink_to("a.md")
    document = survive_every_command(root, note="Home")
    assert document["summary"]["notes"] == 2
    assert sorted(problems(document)) == [
        ("broken-link", "Home.md", 1, 1),
        ("unreadable-note", "a.md", 1, 1),
        ("unreadable-note", "b.md", 1, 1),
        ("unreadable-note", "self", 1, 1),
        ("unreadable-note", "sub/up", 1, 1),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_like_a_note_is_never_opened(make_vault, survive_every_command):
    root = make_vault({"Home.md": "[[pipe]]"})
    os.mkfifo(root / "pipe.md")
    (root / "dev.md").symlink_to("/dev/zero")
    document = survive_every_command(root, note="Home")
    assert document["summary"]["notes"] == 1
    assert problems(document) == [
        ("broken-link", "Home.md", 1, 1),
        ("external-symlink", "dev.md", 1, 1),
    ]


# --- files that cannot be read -----------------------------------------------------------------


@pytest.mark.skipif(not PERMISSIONS_BIND, reason="chmod 000 does not stop this user (root)")
def test_chmod_000_file_and_folder_through_every_command(
    make_vault, survive_every_command, run_cli
):
    root = make_vault({"secret.md": TWEET, "locked/n.md": "x", "Home.md": "[[secret]]"})
    (root / "secret.md").chmod(0)
    (root / "locked").chmod(0)
    try:
        document = survive_every_command(root, note="Home")
        assert run_cli("enrich", str(root), "--write")[0] == 0
    finally:
        (root / "secret.md").chmod(0o644)
        (root / "locked").chmod(0o755)
    assert problems(document) == [
        ("unreadable-note", "locked", 1, 1),
        ("unreadable-note", "secret.md", 1, 1),
    ]
    assert (root / "secret.md").read_text(encoding="utf-8") == TWEET


@pytest.fixture
def refuse_reading(monkeypatch):
    """Make reading files of the given names raise PermissionError.

    Every way vaultkit reads a file is covered: the note reader's ``open``,
    ``Path.read_bytes`` and ``os.open`` (the writer's re-read before writing).
    """
    names: set[str] = set()
    original = pathlib.Path.read_bytes
    original_os_open = os.open

    def refusing_os_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if pathlib.Path(str(path)).name in names:
            raise PermissionError(13, "Permission denied", str(path))
        return original_os_open(path, flags, *args, **kwargs)

    def read_bytes(self: pathlib.Path) -> bytes:
        if self.name in names:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    def refusing_open(path: pathlib.Path, *args: object, **kwargs: object) -> object:
        if pathlib.Path(path).name in names:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)  # noqa: PTH123

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(vaultkit.load.read, "open", refusing_open, raising=False)
    monkeypatch.setattr(os, "open", refusing_os_open)
    return names


def test_unreadable_note_in_process(make_vault, refuse_reading):
    root = make_vault({"secret.md": "[[x]]", "ok.md": "[[y]]"})
    refuse_reading.add("secret.md")
    vault = load_vault(root)
    notes = {note.path: note for note in vault.notes}
    assert notes["secret.md"].readable is False
    assert notes["secret.md"].problems == [
        FileProblem("unreadable-note", "cannot read: Permission denied")
    ]
    assert [link.target for link in notes["ok.md"].links] == ["y"]


def test_unreadable_note_through_every_command(
    make_vault, refuse_reading, survive_every_command, run_cli
):
    root = make_vault({"secret.md": f"{TWEET} [[Home]]", "Home.md": "[[secret]]"})
    before = snapshot(root)
    refuse_reading.add("secret.md")
    document = survive_every_command(root, note="Home")
    assert problems(document) == [("unreadable-note", "secret.md", 1, 1)]
    assert run_cli("enrich", str(root), "--write")[0] == 0
    refuse_reading.clear()
    assert snapshot(root) == before


def test_note_readable_when_planned_but_not_when_written(
    make_vault, refuse_reading, run_cli, monkeypatch
):
    import vaultkit.commands.enrich as enrich_command

    root = make_vault({"Note.md": TWEET})
    plan = enrich_command.plan_enrichment

    def plan_then_lock(vault, settings):
        planned = plan(vault, settings)
        refuse_reading.add("Note.md")
        return planned

    monkeypatch.setattr(enrich_command, "plan_enrichment", plan_then_lock)
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 1
    assert "Note.md: cannot read it again (Permission denied)" in err
    refuse_reading.clear()
    assert (root / "Note.md").read_text(encoding="utf-8") == TWEET


# --- files that vanish while vaultkit runs -----------------------------------------------------


def test_note_deleted_between_walk_and_read(make_vault, monkeypatch, run_cli, check_json):
    import vaultkit.load.vault

    root = make_vault({"Gone.md": "[[Home]]", "Home.md": "[[Gone]]"})
    walk = vaultkit.load.vault.walk_vault

    def walk_then_delete(*args, **kwargs):
        found = walk(*args, **kwargs)
        (root / "Gone.md").unlink(missing_ok=True)
        return found

    monkeypatch.setattr(vaultkit.load.vault, "walk_vault", walk_then_delete)
    code, document = check_json(root)
    assert code == 0
    assert problems(document) == [("unreadable-note", "Gone.md", 1, 1)]
    assert "No such file" in document["problems"][0]["message"]


def test_note_deleted_just_before_it_is_read(make_vault, monkeypatch, check_json, run_cli):
    """Whatever reads the note, the file is gone by then (a sync client, an editor's save)."""
    root = make_vault({"Gone.md": f"{TWEET} [[Home]]", "Home.md": "[[Gone]]"})
    original = pathlib.Path.read_bytes

    def delete_then_read(self: pathlib.Path) -> bytes:
        if self.name == "Gone.md":
            self.unlink(missing_ok=True)
        return original(self)

    def delete_then_open(path: pathlib.Path, *args: object, **kwargs: object) -> object:
        if pathlib.Path(path).name == "Gone.md":
            pathlib.Path(path).unlink(missing_ok=True)
        return open(path, *args, **kwargs)  # noqa: PTH123

    monkeypatch.setattr(pathlib.Path, "read_bytes", delete_then_read)
    monkeypatch.setattr(vaultkit.load.read, "open", delete_then_open, raising=False)
    code, document = check_json(root)
    assert (code, problems(document)) == (0, [("unreadable-note", "Gone.md", 1, 1)])
    (root / "Gone.md").write_text(f"{TWEET} [[Home]]", encoding="utf-8")
    for args in (("stats",), ("orphans",), ("enrich",), ("enrich", "--write")):
        assert run_cli(*args, str(root))[0] in (0, 1)
    assert not (root / "Gone.md").exists()
