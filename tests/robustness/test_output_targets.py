"""``--output`` never writes through a symbolic link a repository planted (issue 16, item 1).

The rule: the target must not be a symbolic link (dangling or not); a target inside the working
folder or the vault must not lead out of it through a linked folder; a path outside both is the
user's own choice (``--output $RUNNER_TEMP/vaultkit.sarif``) and is written.
"""

from __future__ import annotations

import pytest

from .conftest import snapshot

OUTPUTS = [
    pytest.param(("check", "--format", "sarif"), "vaultkit.sarif", id="check-sarif"),
    pytest.param(("orphans", "--format", "markdown"), "Orphans.md", id="orphans-markdown"),
]


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    (folder / ".ssh").mkdir(parents=True)
    (folder / ".profile").write_text("export PATH=$HOME/bin:$PATH\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("args", "name"), OUTPUTS)
def test_an_output_name_linked_to_a_home_file_is_refused(make_vault, run_cli, home, args, name):
    root = make_vault({"A.md": "[[Missing]]"})
    (root / name).symlink_to(home / ".profile")
    before = snapshot(home)
    code, out, err = run_cli(*args, "--output", name, cwd=root)
    assert (code, out) == (2, "")
    expected = f"vaultkit: error: {name}: is a symbolic link; not written; choose another --output"
    assert err == expected + "\n"
    assert snapshot(home) == before


@pytest.mark.parametrize(("args", "name"), OUTPUTS)
def test_a_dangling_output_link_is_not_created(make_vault, run_cli, home, args, name):
    root = make_vault({"A.md": "[[Missing]]"})
    (root / name).symlink_to(home / ".ssh" / "authorized_keys")
    code, _, err = run_cli(*args, "--output", name, cwd=root)
    assert code == 2
    assert "is a symbolic link; not written" in err
    assert not (home / ".ssh" / "authorized_keys").exists()
    assert list((home / ".ssh").iterdir()) == []


def test_a_linked_folder_in_the_repository_is_refused(make_vault, run_cli, home):
    root = make_vault({"A.md": "[[Missing]]"})
    (root / "reports").symlink_to(home, target_is_directory=True)
    before = snapshot(home)
    code, _, err = run_cli("check", "--output", "reports/.bashrc", cwd=root)
    assert code == 2
    assert err == (
        "vaultkit: error: reports/.bashrc: leads out of . through a symbolic link; not written;"
        " choose another --output\n"
    )
    assert snapshot(home) == before


def test_a_linked_folder_inside_the_vault_is_refused_from_outside_it(make_vault, run_cli, home):
    root = make_vault({"A.md": "[[Missing]]"})
    (root / "reports").symlink_to(home, target_is_directory=True)
    code, _, err = run_cli(
        "orphans", str(root), "--output", str(root / "reports" / "x.csv"), cwd=home.parent
    )
    assert code == 2
    assert "through a symbolic link; not written" in err
    assert not (home / "x.csv").exists()


def test_a_path_outside_the_repository_is_the_users_choice(make_vault, run_cli, tmp_path):
    root = make_vault({"A.md": "[[Missing]]"})
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    code, _, err = run_cli(
        "check", "--format", "sarif", "--output", str(runner_temp / "x.sarif"), cwd=root
    )
    assert (code, err) == (1, "")
    assert '"ruleId": "broken-link"' in (runner_temp / "x.sarif").read_text(encoding="utf-8")


def test_a_linked_folder_that_stays_inside_the_vault_is_written(make_vault, run_cli):
    root = make_vault({"A.md": "[[Missing]]", "real/.keep": ""})
    (root / "reports").symlink_to(root / "real", target_is_directory=True)
    code, _, err = run_cli("check", "--output", "reports/report.txt", cwd=root)
    assert (code, err) == (1, "")
    assert (root / "real" / "report.txt").is_file()
    assert (root / "reports").is_symlink()


def test_init_refuses_a_linked_settings_file_and_writes_nothing(make_vault, run_cli, home):
    root = make_vault({"A.md": "x"})
    (root / ".git").mkdir()
    (root / ".vaultkit.toml").symlink_to(home / ".profile")
    (root / ".pre-commit-config.yaml").symlink_to(home / ".bashrc")
    before = snapshot(home)
    code, out, err = run_cli("init", "--force", "--pre-commit", cwd=root)
    assert (code, out) == (2, "")
    assert err == "vaultkit: error: .vaultkit.toml: is a symbolic link; not written\n"
    assert snapshot(home) == before
    assert not (home / ".bashrc").exists()
