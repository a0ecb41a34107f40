"""A stranger's pull request: every symbolic-link trick at once (issue 16).

The repository links out of itself to a fake home folder, a fake ``/etc`` and the real ``/``;
plants dangling links where reports are written; and names notes so that following a link
would be worth it. Every command, in every format, runs on it. Nothing of the outside may reach
any output (each outside file and name holds a ``MARKER``), and nothing outside may change.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import TWEET

MARKER = "MARKER"
SECRET_LINE = "# export OPENAI_API_KEY=sk-MARKER-bashrc"  # a commented-out line: a heading


def fingerprint(root: Path) -> dict[str, str]:
    """Every file, folder and link under ``root`` → its content's digest or link target."""
    found: dict[str, str] = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder) / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = f"link:{path.readlink()}"
            elif path.is_file():
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = "folder"
    return found


def build_outside(tmp_path: Path) -> tuple[Path, Path]:
    """A fake home and a fake ``/etc``, every byte of them marked."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".bashrc").write_text(
        f"# {MARKER} shell setup\n{SECRET_LINE}\n## {MARKER}-heading\n[[{MARKER}-link]]\n{TWEET}\n",
        encoding="utf-8",
    )
    (home / ".git-credentials").write_text(
        f"---\n{MARKER}-key: 1\n---\nhttps://user:{MARKER}-token@github.com\n", encoding="utf-8"
    )
    (home / ".profile").write_text(f"export PATH={MARKER}:$PATH\n", encoding="utf-8")
    (home / f"{MARKER}-notes").mkdir()
    for name in ("page", f"{MARKER}-page"):
        (home / f"{MARKER}-notes" / f"{name}.md").write_text(
            f"# {MARKER}\n[[Home]] {TWEET}\n", encoding="utf-8"
        )
    etc = tmp_path / "etc"
    (etc / f"{MARKER}-conf.d").mkdir(parents=True)
    (etc / "passwd.md").write_text(f"root:x:0:0:{MARKER}:/root:/bin/sh\n[[Home]]\n", "utf-8")
    (etc / f"{MARKER}-conf.d" / f"{MARKER}.md").write_text(f"[[{MARKER}]]\n", encoding="utf-8")
    return home, etc


def build_repository(tmp_path: Path, home: Path, etc: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".obsidian").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "Home.md").write_text(
        "[[secret]] [[bashrc#export OPENAI_API_KEY=sk-]] [[etc/passwd]]\n"
        f"[[linked/page]] ![[root/etc/hostname]]\n{TWEET}\n",
        encoding="utf-8",
    )
    (root / "Other.md").write_text("[[Home]]\n", encoding="utf-8")
    (root / "secret.md").symlink_to(home / ".git-credentials")
    (root / "bashrc.md").symlink_to(home / ".bashrc")
    (root / "etc").symlink_to(etc, target_is_directory=True)
    (root / "linked").symlink_to(home / f"{MARKER}-notes", target_is_directory=True)
    (root / "root").symlink_to("/", target_is_directory=True)
    (root / "Sub").mkdir()
    (root / "Sub" / "up").symlink_to("../..", target_is_directory=True)  # out, through ..
    (root / "vaultkit.sarif").symlink_to(home / ".profile")
    (root / "Orphans.md").symlink_to(home / ".ssh" / "authorized_keys")  # dangling
    (root / ".obsidian" / "app.json").symlink_to(home / ".bashrc")
    return root


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    home, etc = build_outside(tmp_path)
    monkeypatch.setenv("HOME", str(home))
    return build_repository(tmp_path, home, etc), tmp_path


Run = Callable[..., tuple[int, str, str]]


def every_command(run_cli: Run, root: Path) -> list[tuple[tuple[str, ...], int, str, str]]:
    """Each command and format on the repository, from inside it as CI runs them."""
    runs: list[tuple[str, ...]] = []
    for cache in ((), ("--no-cache",)):
        for fmt in ("text", "json", "github", "sarif"):
            runs.append(("check", "--format", fmt, *cache))
    for fmt in ("table", "markdown", "json", "csv"):
        runs.append(("orphans", "--format", fmt))
    runs += [("stats",), ("stats", "--format", "json")]
    for note in ("Home", "Other", "bashrc", "secret"):
        for command in ("backlinks", "links"):
            runs.append((command, note))
            runs.append((command, note, "--format", "json"))
    runs += [("enrich",), ("enrich", "--format", "json"), ("enrich", "--check")]
    runs += [
        ("check", "--format", "sarif", "--output", "vaultkit.sarif"),
        ("orphans", "--format", "markdown", "--output", "Orphans.md"),
        ("check", "--output", "etc/report.txt"),
        ("check", "--output", "Sub/up/report.txt"),
        ("check", "--format", "json", "--output", "report.json"),
        ("enrich", "--write"),
        ("check",),  # after the write
    ]
    results = []
    for args in runs:
        code, out, err = run_cli(*args, cwd=root)
        results.append((args, code, out, err))
    return results


def test_no_byte_from_outside_reaches_any_output_and_nothing_outside_changes(hostile, run_cli):
    root, tmp_path = hostile
    outside = {name: fingerprint(tmp_path / name) for name in ("home", "etc")}
    results = every_command(run_cli, root)
    for args, code, out, err in results:
        assert code in (0, 1, 2), (args, err)
        assert MARKER not in out, args
        assert MARKER not in err, args
        assert "sk-" not in out.replace("sk-]]", ""), args
    written = (root / "report.json").read_text(encoding="utf-8")
    assert MARKER not in written
    assert {name: fingerprint(tmp_path / name) for name in ("home", "etc")} == outside
    for name in ("vaultkit.sarif", "Orphans.md", "secret.md", "bashrc.md", "etc", "root"):
        assert (root / name).is_symlink(), name
    assert not (tmp_path / "home" / ".ssh" / "authorized_keys").exists()
    assert not (tmp_path / "report.txt").exists()


def test_each_link_out_is_reported_once_by_its_own_path(hostile, run_cli):
    root, _ = hostile
    _, out, _ = run_cli("check", "--format", "json", "--no-cache", cwd=root)
    document = json.loads(out)
    external = sorted(p["path"] for p in document["problems"] if p["rule"] == "external-symlink")
    assert external == [
        ".obsidian/app.json",
        "Orphans.md",
        "Sub/up",
        "bashrc.md",
        "etc",
        "linked",
        "root",
        "secret.md",
        "vaultkit.sarif",
    ]
    assert document["summary"]["notes"] == 2  # Home.md and Other.md: `/` was not walked
    messages = {p["message"] for p in document["problems"] if p["rule"] == "external-symlink"}
    assert messages == {
        "symbolic link to a path outside the vault; not followed",
        "symbolic link to a path outside the vault; settings not read",  # .obsidian/app.json
    }


def test_a_heading_suggestion_never_quotes_a_line_of_an_outside_file(hostile, run_cli):
    root, _ = hostile
    code, out, _ = run_cli("check", "--format", "github", "--no-cache", cwd=root)
    assert code == 1
    assert "bashrc#export OPENAI_API_KEY=sk-" in out  # the link as written, nothing more
    assert "sk-MARKER" not in out
    assert SECRET_LINE not in out


def test_writes_into_planted_links_are_refused_with_status_2(hostile, run_cli):
    root, tmp_path = hostile
    for args, name in (
        (("check", "--format", "sarif"), "vaultkit.sarif"),
        (("orphans", "--format", "markdown"), "Orphans.md"),
    ):
        code, out, err = run_cli(*args, "--output", name, cwd=root)
        assert (code, out) == (2, "")
        assert err == (
            f"vaultkit: error: {name}: is a symbolic link; not written; choose another --output\n"
        )
    assert (tmp_path / "home" / ".profile").read_text(encoding="utf-8") == (
        f"export PATH={MARKER}:$PATH\n"
    )


def test_settings_files_linked_out_of_the_vault_are_not_read(tmp_path, run_cli):
    home, _ = build_outside(tmp_path)
    (home / "tool.toml").write_text(f"{MARKER}-password = 1\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / ".obsidian").mkdir(parents=True)
    (root / "Home.md").write_text("x\n", encoding="utf-8")
    (root / ".vaultkit.toml").symlink_to(home / "tool.toml")
    code, out, err = run_cli("check", str(root))
    assert (code, out) == (2, "")
    assert err == (
        "vaultkit: error: .vaultkit.toml: symbolic link to a path outside the vault; not read\n"
    )


def test_a_logseq_config_linked_out_of_the_vault_is_not_read(tmp_path, run_cli):
    home, _ = build_outside(tmp_path)
    (home / "config.edn").write_text(f'{{:hidden ["{MARKER}"] :bad }}', encoding="utf-8")
    root = tmp_path / "graph"
    (root / "logseq").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "pages" / "Home.md").write_text("- x\n", encoding="utf-8")
    (root / "logseq" / "config.edn").symlink_to(home / "config.edn")
    code, out, _ = run_cli("check", str(root), "--format", "json", "--no-cache")
    assert code == 0
    assert MARKER not in out
    assert [(p["rule"], p["path"], p["message"]) for p in json.loads(out)["problems"]] == [
        (
            "external-symlink",
            "logseq/config.edn",
            "symbolic link to a path outside the vault; settings not read",
        )
    ]
