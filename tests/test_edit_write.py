"""``write_change``: a planned change reaches the disk whole, or not at all.

It writes only files still holding the bytes they were planned from, only inside the vault (every
symbolic link followed), atomically through a temporary file that never outlives the call, and
keeps the file's permission bits.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vaultkit.edit.write import (
    FileChange,
    WriteRefused,
    resolve_inside,
    write_change,
    write_file_atomically,
)

TEMP_SUFFIX = ".vaultkit-tmp"


def listing(root: Path) -> list[str]:
    """Every file and folder under ``root`` (symbolic links not followed), sorted."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))


def temp_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.name.endswith(TEMP_SUFFIX)]


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    root.mkdir()
    (root / "Note.md").write_bytes(b"old\r\n")
    return root


# --- the happy path ---------------------------------------------------------------------------


def test_update_writes_the_new_bytes(vault):
    write_change(vault, FileChange("Note.md", b"old\r\n", b"new\r\n"))
    assert (vault / "Note.md").read_bytes() == b"new\r\n"
    assert listing(vault) == ["Note.md"]


def test_new_file_and_its_folders_are_created(vault):
    write_change(vault, FileChange("Twitter/People/@karpathy.md", None, b"page\n"))
    assert (vault / "Twitter/People/@karpathy.md").read_bytes() == b"page\n"
    assert listing(vault) == [
        "Note.md",
        "Twitter",
        "Twitter/People",
        "Twitter/People/@karpathy.md",
    ]


def test_file_mode_is_kept(vault):
    note = vault / "Note.md"
    note.chmod(0o640)
    write_change(vault, FileChange("Note.md", b"old\r\n", b"new\r\n"))
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert note.read_bytes() == b"new\r\n"


def test_new_file_mode_follows_the_umask(vault):
    previous = os.umask(0o027)
    try:
        write_change(vault, FileChange("New.md", None, b"x\n"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE((vault / "New.md").stat().st_mode) == 0o640


def test_no_temporary_file_is_left_behind(vault):
    write_change(vault, FileChange("Note.md", b"old\r\n", b"new\r\n"))
    write_change(vault, FileChange("Sub/New.md", None, b"x\n"))
    assert temp_files(vault) == []
    assert listing(vault) == ["Note.md", "Sub", "Sub/New.md"]


def test_a_symlink_inside_the_vault_is_followed_and_kept(vault):
    (vault / "Real").mkdir()
    (vault / "Real/Target.md").write_bytes(b"old\n")
    (vault / "Alias").symlink_to(vault / "Real", target_is_directory=True)
    write_change(vault, FileChange("Alias/Target.md", b"old\n", b"new\n"))
    assert (vault / "Real/Target.md").read_bytes() == b"new\n"
    assert (vault / "Alias").is_symlink()


# --- refusals ---------------------------------------------------------------------------------


def test_file_changed_since_the_plan_is_refused(vault):
    (vault / "Note.md").write_bytes(b"the user's edit\n")
    with pytest.raises(WriteRefused) as refused:
        write_change(vault, FileChange("Note.md", b"old\r\n", b"new\r\n"))
    assert str(refused.value) == "Note.md: changed on disk since it was read; skipped"
    assert (vault / "Note.md").read_bytes() == b"the user's edit\n"
    assert temp_files(vault) == []


def test_file_that_appeared_since_the_plan_is_refused(vault):
    (vault / "New.md").write_bytes(b"the user's new note\n")
    with pytest.raises(WriteRefused) as refused:
        write_change(vault, FileChange("New.md", None, b"generated\n"))
    assert str(refused.value) == "New.md: a file appeared there since the plan; skipped"
    assert (vault / "New.md").read_bytes() == b"the user's new note\n"


def test_file_deleted_since_the_plan_is_refused(vault):
    (vault / "Note.md").unlink()
    with pytest.raises(WriteRefused, match=r"^Note\.md: cannot read it again \("):
        write_change(vault, FileChange("Note.md", b"old\r\n", b"new\r\n"))
    assert listing(vault) == []


def test_parent_folder_path_is_refused(tmp_path, vault):
    with pytest.raises(WriteRefused) as refused:
        write_change(vault, FileChange("../x.md", None, b"x\n"))
    assert str(refused.value) == "../x.md: leads outside the vault; not written"
    assert not (tmp_path / "x.md").exists()


def test_symlinked_folder_leading_outside_is_refused_for_a_new_file(tmp_path, vault):
    outside = tmp_path / "outside"
    outside.mkdir()
    (vault / "Twitter").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteRefused) as refused:
        write_change(vault, FileChange("Twitter/@karpathy.md", None, b"x\n"))
    assert str(refused.value) == "Twitter/@karpathy.md: leads outside the vault; not written"
    assert list(outside.iterdir()) == []


def test_symlinked_folder_leading_outside_is_refused_for_an_update(tmp_path, vault):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Note.md").write_bytes(b"old\n")
    (vault / "Linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteRefused) as refused:
        write_change(vault, FileChange("Linked/Note.md", b"old\n", b"new\n"))
    assert str(refused.value) == "Linked/Note.md: leads outside the vault; not written"
    assert (outside / "Note.md").read_bytes() == b"old\n"
    assert sorted(path.name for path in outside.iterdir()) == ["Note.md"]


def test_dangling_symlink_leading_outside_is_refused(tmp_path, vault):
    (vault / "Twitter").symlink_to(tmp_path / "nowhere", target_is_directory=True)
    with pytest.raises(WriteRefused, match="leads outside the vault"):
        write_change(vault, FileChange("Twitter/@karpathy.md", None, b"x\n"))
    assert not (tmp_path / "nowhere").exists()


def test_symlinked_file_leading_outside_is_refused(tmp_path, vault):
    outside = tmp_path / "Elsewhere.md"
    outside.write_bytes(b"old\n")
    (vault / "Elsewhere.md").symlink_to(outside)
    with pytest.raises(WriteRefused, match="leads outside the vault"):
        write_change(vault, FileChange("Elsewhere.md", b"old\n", b"new\n"))
    assert outside.read_bytes() == b"old\n"


def test_the_vault_root_itself_is_refused(vault):
    with pytest.raises(WriteRefused):
        resolve_inside(vault, ".")


def test_resolve_inside_gives_the_real_path(vault):
    assert resolve_inside(vault, "Sub/New.md") == Path(os.path.realpath(vault)) / "Sub/New.md"


# --- failures while writing -------------------------------------------------------------------


def test_failed_rename_keeps_the_original_and_removes_the_temporary_file(vault, monkeypatch):
    def refuse(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="No space left on device"):
        write_change(vault, FileChange("Note.md", b"old\r\n", b"new\r\n"))
    assert (vault / "Note.md").read_bytes() == b"old\r\n"
    assert temp_files(vault) == []
    assert listing(vault) == ["Note.md"]


def test_failed_rename_of_a_new_file_leaves_no_file(vault, monkeypatch):
    def refuse(self: Path, target: Path) -> Path:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="Input/output error"):
        write_change(vault, FileChange("New.md", None, b"x\n"))
    assert temp_files(vault) == []
    assert listing(vault) == ["Note.md"]


def test_failed_write_of_the_temporary_file_keeps_the_original(vault, monkeypatch):
    def refuse(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(OSError, match="Input/output error"):
        write_change(vault, FileChange("Note.md", b"old\r\n", b"new\r\n"))
    assert (vault / "Note.md").read_bytes() == b"old\r\n"
    assert temp_files(vault) == []


def test_writing_to_a_device_writes_into_it_and_never_replaces_it():
    before = Path(os.devnull).stat()
    write_file_atomically(Path(os.devnull), b"report\n")
    after = Path(os.devnull).stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_check_output_to_dev_null_leaves_it_a_device(make_vault, run_cli):
    root = make_vault({"A.md": "[[Missing]]\n"})
    code, out, _ = run_cli("check", str(root), "--output", os.devnull)
    assert (code, out) == (1, "")
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)
