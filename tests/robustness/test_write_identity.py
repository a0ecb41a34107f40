"""A write never loses a concurrent edit, never changes who owns a note, and never splits a
hard link or replaces a read-only note behind the user's back (issue 16, items 5 and 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vaultkit.edit.write import FileChange, WriteRefused, write_change

from .conftest import TWEET

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def enrichable(make_vault) -> Path:
    return make_vault({"A.md": f"{TWEET}\n", "B.md": f"{TWEET}\n"})


def test_an_append_made_while_enrich_writes_is_kept_and_reported(make_vault, run_cli, monkeypatch):
    root = enrichable(make_vault)
    real_fsync = os.fsync
    appended = []

    def fsync_while_the_user_appends(descriptor: int) -> None:
        real_fsync(descriptor)
        if not appended:
            with (root / "A.md").open("a", encoding="utf-8") as handle:
                handle.write("the user's new line\n")
            appended.append(True)

    monkeypatch.setattr(os, "fsync", fsync_while_the_user_appends)
    code, out, err = run_cli("enrich", str(root), "--write")
    monkeypatch.undo()
    assert code == 1
    assert err.splitlines() == ["vaultkit: A.md: changed on disk while being written; skipped"]
    assert (root / "A.md").read_text(encoding="utf-8") == f"{TWEET}\nthe user's new line\n"
    assert "wrote 2 of 3" in out  # B.md and the author page; not A.md
    assert [path.name for path in root.iterdir() if path.name.endswith(".vaultkit-tmp")] == []


def test_the_identity_check_sees_an_edit_that_keeps_the_bytes(tmp_path, monkeypatch):
    note = tmp_path / "Note.md"
    note.write_bytes(b"old\n")
    real_fsync = os.fsync

    def rewrite_the_same_bytes(descriptor: int) -> None:
        real_fsync(descriptor)
        note.unlink()
        note.write_bytes(b"old\n")  # a new inode: an editor that saved by rename

    monkeypatch.setattr(os, "fsync", rewrite_the_same_bytes)
    with pytest.raises(WriteRefused, match="changed on disk while being written"):
        write_change(tmp_path, FileChange("Note.md", b"old\n", b"new\n"))
    monkeypatch.undo()
    assert note.read_bytes() == b"old\n"


@pytest.mark.skipif(not IS_ROOT, reason="only root can write a note another user owns")
def test_root_keeps_the_owner_and_group_of_a_note(make_vault, run_cli):
    root = enrichable(make_vault)
    os.chown(root / "A.md", 4242, 4343)
    code, _, err = run_cli("enrich", str(root), "--write")
    assert (code, err) == (0, "")
    info = (root / "A.md").stat()
    assert (info.st_uid, info.st_gid) == (4242, 4343)
    assert "  - tweets\n" in (root / "A.md").read_text(encoding="utf-8")


@pytest.mark.skipif(IS_ROOT, reason="root may give a file to anyone; this is the non-root case")
def test_a_user_keeps_owning_their_own_note(make_vault, run_cli):
    root = enrichable(make_vault)
    code, _, err = run_cli("enrich", str(root), "--write")
    assert (code, err) == (0, "")
    info = (root / "A.md").stat()
    assert (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid())


def test_a_read_only_note_is_skipped_with_a_message(make_vault, run_cli):
    root = enrichable(make_vault)
    (root / "A.md").chmod(0o444)
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 1
    message = "vaultkit: A.md: read-only; skipped (make it writable to change it)"
    assert err.splitlines() == [message]
    assert (root / "A.md").read_text(encoding="utf-8") == f"{TWEET}\n"
    assert (root / "A.md").stat().st_mode & 0o777 == 0o444
    assert "  - tweets\n" in (root / "B.md").read_text(encoding="utf-8")


def test_a_hard_linked_note_is_skipped_so_both_names_keep_one_text(make_vault, run_cli, tmp_path):
    root = enrichable(make_vault)
    other = tmp_path / "elsewhere.md"
    os.link(root / "A.md", other)
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 1
    assert err.splitlines() == [
        "vaultkit: A.md: has 1 other hard link(s), which a rewrite would split off; skipped"
    ]
    assert (root / "A.md").read_bytes() == other.read_bytes() == f"{TWEET}\n".encode()
    assert (root / "A.md").samefile(other)


def test_a_note_that_is_a_symlink_inside_the_vault_is_not_written_through(make_vault):
    root = make_vault({"Real.md": "old\n"})
    (root / "Alias.md").symlink_to("Real.md")
    with pytest.raises(WriteRefused) as refused:
        write_change(root, FileChange("Alias.md", b"old\n", b"new\n"))
    assert str(refused.value) == "Alias.md: is a symbolic link; not written"
    assert (root / "Real.md").read_bytes() == b"old\n"


def test_a_link_planted_after_the_temporary_file_is_refused(make_vault, tmp_path, monkeypatch):
    root = make_vault({"Note.md": "old\n"})
    outside = tmp_path / "profile"
    outside.write_bytes(b"mine\n")
    real_fsync = os.fsync

    def plant_a_link(descriptor: int) -> None:
        real_fsync(descriptor)
        (root / "Note.md").unlink()
        (root / "Note.md").symlink_to(outside)

    monkeypatch.setattr(os, "fsync", plant_a_link)
    with pytest.raises(WriteRefused, match="became a symbolic link"):
        write_change(root, FileChange("Note.md", b"old\n", b"new\n"))
    monkeypatch.undo()
    assert outside.read_bytes() == b"mine\n"
    assert (root / "Note.md").is_symlink()
