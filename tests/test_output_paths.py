"""Paths in reports are relative to where the command runs, worked out once per report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vaultkit.output.paths import path_display


def _one_by_one(root: Path, path: str, cwd: Path) -> str:
    """The plain definition: the file's absolute path made relative to ``cwd``."""
    return Path(os.path.relpath((root / path).absolute(), cwd)).as_posix()


@pytest.mark.parametrize(
    "cwd_from_root",
    [".", "..", "../..", "notes", "notes/deep", "../elsewhere", "../vault-other"],
)
@pytest.mark.parametrize(
    "path", ["Home.md", "notes/Idea.md", "notes/deep/Far.md", "other/x y.md", "..dots/a.md"]
)
def test_same_as_one_by_one(tmp_path: Path, cwd_from_root: str, path: str) -> None:
    root = tmp_path / "a" / "b" / "vault"
    cwd = Path(os.path.normpath(root / cwd_from_root))
    shown = path_display(root, cwd)
    assert shown(path) == _one_by_one(root, path, cwd)


def test_usual_cases_read_naturally(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    assert path_display(root, root)("notes/Idea.md") == "notes/Idea.md"
    assert path_display(root, tmp_path)("notes/Idea.md") == "vault/notes/Idea.md"
    assert path_display(root, root / "notes")("notes/Idea.md") == "Idea.md"
    assert path_display(root, root / "notes")("Home.md") == "../Home.md"


def test_relative_root_and_default_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "vault").mkdir()
    monkeypatch.chdir(tmp_path)
    assert path_display(Path("vault"))("Home.md") == "vault/Home.md"
    assert path_display(Path())("Home.md") == "Home.md"


def test_undecodable_names_are_escaped(tmp_path: Path) -> None:
    name = b"caf\xe9.md".decode("utf-8", "surrogateescape")
    assert path_display(tmp_path, tmp_path)(name) == "caf\\xe9.md"
