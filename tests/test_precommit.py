"""The pre-commit hooks and the README's CI recipes, run for real.

The integration tests install the hooks from a git snapshot of this checkout (uncommitted work
included) with the real ``pre-commit``, into a ``PRE_COMMIT_HOME`` under the test's temporary
folder, and commit to a throwaway vault repository.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml

from vaultkit import __version__
from vaultkit.commands.init import REPO_URL

from conftest import write_vault

CHECKOUT = Path(__file__).resolve().parent.parent
README = CHECKOUT / "README.md"
MANIFEST = CHECKOUT / ".pre-commit-hooks.yaml"
PNG = b"\x89PNG\r\n\x1a\n"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _yaml_blocks(title: str) -> list[str]:
    blocks = re.findall(r"^( *)```yaml\n(.*?)^ *```$", _section(title), re.DOTALL | re.MULTILINE)
    return [textwrap.dedent(block) if indent else block for indent, block in blocks]


def _printed_snippet(run_cli, root: Path) -> str:
    (root / ".git").mkdir()
    code, out, _ = run_cli("init", cwd=root)
    assert code == 0
    return out.split("and run `pre-commit install`:\n\n", 1)[1]


def test_manifest_declares_the_hooks_for_the_whole_vault():
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(MANIFEST))
    keys = ("id", "name", "entry", "language", "pass_filenames", "always_run", "types", "files")
    assert [{key: hook[key] for key in keys} for hook in hooks] == [
        {
            "id": "vaultkit-check",
            "name": "vaultkit check",
            "entry": "vaultkit check",
            "language": "python",
            "pass_filenames": False,
            "always_run": True,
            "types": ["file"],
            "files": "",
        },
        {
            "id": "vaultkit-orphans",
            "name": "vaultkit orphans",
            "entry": "vaultkit orphans --fail-on-orphans",
            "language": "python",
            "pass_filenames": False,
            "always_run": True,
            "types": ["file"],
            "files": "",
        },
        {
            "id": "vaultkit-fix",
            "name": "vaultkit fix --renames",
            "entry": "vaultkit fix --renames --write --exit-non-zero-on-fix",
            "language": "python",
            "pass_filenames": False,
            "always_run": True,
            "types": ["file"],
            "files": "",
        },
    ]


def test_readme_shows_the_snippet_that_init_prints(make_vault, run_cli):
    snippet = _printed_snippet(run_cli, make_vault({"Home.md": "home\n"}))
    assert snippet.startswith(f"repos:\n  - repo: {REPO_URL}\n    rev: v{__version__}\n")
    assert _yaml_blocks("Use with pre-commit")[0] == snippet


def test_readme_pre_commit_configs_are_valid(tmp_path):
    clientlib = pytest.importorskip("pre_commit.clientlib")
    blocks = _yaml_blocks("Use with pre-commit")
    assert len(blocks) == 3
    manifest_ids = {hook["id"] for hook in clientlib.load_manifest(str(MANIFEST))}
    for number, block in enumerate(blocks):
        path = tmp_path / f"config-{number}.yaml"
        path.write_text(block, encoding="utf-8")
        (repo,) = clientlib.load_config(str(path))["repos"]
        if repo["repo"] == "local":
            assert [hook["entry"] for hook in repo["hooks"]] == ["vaultkit check"]
            continue
        assert (repo["repo"], repo["rev"]) == (REPO_URL, f"v{__version__}")
        assert {hook["id"] for hook in repo["hooks"]} <= manifest_ids


CI_VAULT = {"Home.md": "# Home\n\n[[Ideas]] and [[Nowhere]]\n", "Ideas.md": "ideas\n"}


def _ci_commands(title: str) -> list[list[str]]:
    commands = []
    for block in _yaml_blocks(title):
        data = yaml.safe_load(block)
        jobs = data["jobs"].values() if "jobs" in data else data.values()
        for job in jobs:
            lines = [step.get("run", "") for step in job["steps"]] if "steps" in job else []
            for line in lines + job.get("script", []):
                assert "pip install" not in line or f"vaultkit-notes=={__version__}" in line
                if line.startswith("vaultkit "):
                    commands.append(shlex.split(line)[1:])
    return commands


def test_readme_github_actions_recipes_run(make_vault, run_cli, private_cache):
    root = make_vault(CI_VAULT)
    annotations, sarif = _ci_commands("Use in GitHub Actions")
    assert annotations == ["check", "--no-cache", "--format", "github"]
    code, out, _ = run_cli(*annotations, cwd=root)
    assert (code, out) == (
        1,
        "::error file=Home.md,line=3,col=15,title=broken-link::"
        "[[Nowhere]] links to a note that does not exist: `Nowhere`\n",
    )
    assert sarif == ["check", "--no-cache", "--format", "sarif", "--output", "vaultkit.sarif"]
    code, out, _ = run_cli(*sarif, cwd=root)
    assert (code, out) == (1, "")
    report = json.loads((root / "vaultkit.sarif").read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0"
    assert [result["ruleId"] for result in report["runs"][0]["results"]] == ["broken-link"]
    upload = yaml.safe_load(_yaml_blocks("Use in GitHub Actions")[1])["jobs"]["vaultkit"]
    assert upload["steps"][-1]["with"]["sarif_file"] == sarif[-1]
    assert list(private_cache.iterdir()) == [], "a CI job writes no cache it cannot reuse"


def test_readme_gitlab_recipe_runs(make_vault, run_cli, private_cache):
    root = make_vault(CI_VAULT)
    (command,) = _ci_commands("Use in GitLab CI")
    assert command == ["check", "--no-cache"]
    code, out, _ = run_cli(*command, cwd=root)
    assert list(private_cache.iterdir()) == []
    assert (code, out) == (
        1,
        "Home.md:3:15: error[broken-link] [[Nowhere]] links to a note that does not exist:"
        " `Nowhere`\n\nFound 1 problem (1 error) in 2 notes.\n",
    )


# --- integration: the real pre-commit, git and pip ---------------------------------------------


def _hermetic_env(base: Path) -> dict[str, str]:
    """The environment, without the user's git and vaultkit settings; caches under ``base``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "VAULTKIT_", "PRE_COMMIT"))
    }
    return env | {
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }


def _run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600
    )


SAFE_DIRECTORY = ("-c", "safe.directory=*")
"""Git refuses a repository owned by another user ("dubious ownership") unless told it is safe:
the checkout may belong to someone else than the user running the tests, as in CI."""


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = _run("git", *SAFE_DIRECTORY, *args, cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _checkout_files(env: dict[str, str]) -> list[Path]:
    """The checkout's files as git lists them, uncommitted and untracked ones included.

    Names are bytes to git; a leftover file whose name is not UTF-8 must not stop the listing.
    With ``TMPDIR`` inside the checkout, the files under it are left out: they are other
    tests' vaults, not part of vaultkit.
    """
    listing = subprocess.run(
        ["git", *SAFE_DIRECTORY, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        check=True,
        timeout=600,
    ).stdout
    temporary = Path(tempfile.gettempdir()).resolve()
    inside = temporary != CHECKOUT and temporary.is_relative_to(CHECKOUT)
    files = []
    for name in filter(None, listing.split(b"\0")):
        path = CHECKOUT / os.fsdecode(name)
        if path.is_file() and not (inside and path.resolve().is_relative_to(temporary)):
            files.append(path)
    return files


def _git_repo(root: Path, env: dict[str, str]) -> Path:
    _git("init", "-q", "-b", "main", cwd=root, env=env)
    _git("config", "user.name", "Vault Keeper", cwd=root, env=env)
    _git("config", "user.email", "keeper@example.com", cwd=root, env=env)
    return root


def _pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-m", "pre_commit", *args, cwd=cwd, env=env)


def _pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True


class InstalledHook:
    """A git snapshot of this checkout, and a pre-commit home with its hooks installed."""

    def __init__(self, base: Path) -> None:
        self.repo = base / "vaultkit"
        self.env = _hermetic_env(base)

    def config(self) -> str:
        """The configuration ``vaultkit init`` writes, pointed at the snapshot."""
        from vaultkit.commands.init import hook_snippet

        return hook_snippet().replace(REPO_URL, str(self.repo))

    def vault_repo(self, root: Path, files: dict[str, str | bytes]) -> Path:
        write_vault(root, files)
        return _git_repo(root, self.env)


@pytest.fixture(scope="module")
def installed_hook(tmp_path_factory: pytest.TempPathFactory) -> InstalledHook:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed in this Python")
    if not (CHECKOUT / ".git").exists():
        pytest.skip("this checkout is not a git repository, so its working tree cannot be listed")
    base = tmp_path_factory.mktemp("pre-commit")
    hook = InstalledHook(base)
    for source in _checkout_files(hook.env):
        copy = hook.repo / source.relative_to(CHECKOUT)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)
    _git_repo(hook.repo, hook.env)
    _git("add", "-A", cwd=hook.repo, env=hook.env)
    _git("commit", "-q", "-m", "snapshot of the working tree", cwd=hook.repo, env=hook.env)
    _git("tag", f"v{__version__}", cwd=hook.repo, env=hook.env)

    probe = hook.vault_repo(base / "probe", {".pre-commit-config.yaml": hook.config()})
    installed = _pre_commit("install-hooks", cwd=probe, env=hook.env)
    if installed.returncode != 0:
        log = (base / "pre-commit-home" / "pre-commit.log").read_text(
            encoding="utf-8", errors="replace"
        )
        if not _pypi_reachable():
            pytest.skip(
                "pre-commit could not install the hook: pip builds vaultkit from the checkout"
                " and needs setuptools and the dependencies from PyPI, which is unreachable"
            )
        pytest.fail(f"pre-commit install-hooks failed:\n{installed.stdout}\n{log}")
    return hook


def _commit(hook: InstalledHook, root: Path, message: str) -> subprocess.CompletedProcess[str]:
    """``git add -A`` and ``git commit``; git shows the hook's output on stderr."""
    _git("add", "-A", cwd=root, env=hook.env)
    return _run("git", "commit", "-m", message, cwd=root, env=hook.env)


def _failed(hook_id: str, name: str, report: str) -> str:
    return f"{name}{'.' * (73 - len(name))}Failed\n- hook id: {hook_id}\n- exit code: 1\n\n{report}"


def _passed(name: str) -> str:
    return f"{name}{'.' * (73 - len(name))}Passed\n"


VAULT = {
    ".obsidian/app.json": "{}\n",
    "Home.md": "# Home\n\n- [[Ideas]]\n- [[Plan]]\n",
    "Ideas.md": "# Ideas\n\nSee the [[Plan]].\n",
    "Plan.md": "# Plan\n\n![[diagram.png]]\n",
    "Attachments/diagram.png": PNG,
}


@pytest.mark.integration
def test_pre_commit_hook_guards_commits(installed_hook, tmp_path, run_cli):
    hook = installed_hook
    root = hook.vault_repo(tmp_path / "vault", VAULT)
    code, out, _ = run_cli("init", "--pre-commit", cwd=root)
    assert (code, out) == (
        0,
        "Wrote .vaultkit.toml (flavor: obsidian).\n"
        "Added the vaultkit-check hook to .pre-commit-config.yaml;"
        " run `pre-commit install` to turn it on.\n",
    )
    config = root / ".pre-commit-config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(REPO_URL, str(hook.repo)), encoding="utf-8"
    )
    assert config.read_text(encoding="utf-8") == hook.config()
    installed = _pre_commit("install", cwd=root, env=hook.env)
    assert installed.stdout == "pre-commit installed at .git/hooks/pre-commit\n"

    first = _commit(hook, root, "A vault")
    assert (first.returncode, first.stderr) == (0, _passed("vaultkit check"))

    # A new note with a broken link: refused, the problem shown.
    write_vault(root, {"Draft.md": "Draft: [[Nowhere]]\n"})
    refused = _commit(hook, root, "A draft")
    assert refused.returncode == 1
    assert refused.stderr == _failed(
        "vaultkit-check",
        "vaultkit check",
        "Draft.md:1:8: error[broken-link] [[Nowhere]] links to a note that does not exist:"
        " `Nowhere`\n\nFound 1 problem (1 error) in 4 notes.\n\n",
    )
    assert _git("rev-list", "--count", "HEAD", cwd=root, env=hook.env) == "1\n"

    write_vault(root, {"Draft.md": "Draft: [[Ideas]]\n"})
    assert _commit(hook, root, "A draft").returncode == 0

    # A rename: only Ideas.md is staged, the broken links are in the notes that did not change.
    _git("mv", "Ideas.md", "Idea Box.md", cwd=root, env=hook.env)
    renamed = _commit(hook, root, "Rename")
    assert renamed.returncode == 1
    assert renamed.stderr == _failed(
        "vaultkit-check",
        "vaultkit check",
        "Draft.md:1:8: error[broken-link] [[Ideas]] links to a note that does not exist:"
        " `Ideas`\n\n"
        "Home.md:3:3: error[broken-link] [[Ideas]] links to a note that does not exist:"
        " `Ideas`\n\n"
        "Found 2 problems (2 errors) in 4 notes.\n\n",
    )
    home, draft = "# Home\n\n- [[Idea Box]]\n- [[Plan]]\n", "Draft: [[Idea Box]]\n"
    write_vault(root, {"Draft.md": draft, "Home.md": home})
    assert _commit(hook, root, "Rename").returncode == 0

    # A commit that only deletes an attachment: pre-commit lists no file, the hook still runs.
    _git("rm", "-q", "Attachments/diagram.png", cwd=root, env=hook.env)
    deleted = _run("git", "commit", "-m", "Delete", cwd=root, env=hook.env)
    assert deleted.returncode == 1
    assert deleted.stderr == _failed(
        "vaultkit-check",
        "vaultkit check",
        "Plan.md:3:1: error[broken-embed] ![[diagram.png]] embeds something that does not"
        " exist: `diagram.png`\n\nFound 1 problem (1 error) in 4 notes.\n\n",
    )
    _git("reset", "-q", "--hard", cwd=root, env=hook.env)

    # Opting in to the orphans hook by uncommenting it.
    config.write_text(
        hook.config().replace("# - id: vaultkit-orphans", "- id: vaultkit-orphans"),
        encoding="utf-8",
    )
    orphans = _commit(hook, root, "Orphans too")
    assert orphans.returncode == 1
    assert _passed("vaultkit check") in orphans.stderr
    report = orphans.stderr.split("- exit code: 1\n\n", 1)[1]
    assert re.fullmatch(
        r"Note +Folder +Size +Modified +Links out\n"
        rf"Draft +\. +{len(draft)} +\d{{4}}-\d\d-\d\d +1\n"
        rf"Home +\. +{len(home)} +\d{{4}}-\d\d-\d\d +2\n\n"
        r"2 orphans of 4 notes\.\n\n",
        report,
    ), report
    settings = root / ".vaultkit.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            '# index = ["Home.md"]', 'index = ["Home.md"]'
        ),
        encoding="utf-8",
    )
    write_vault(root, {"Home.md": home + "- [[Draft]]\n"})
    accepted = _commit(hook, root, "Orphans too")
    assert (accepted.returncode, accepted.stderr) == (
        0,
        _passed("vaultkit check") + _passed("vaultkit orphans"),
    )


def _local_hook_config() -> str:
    (block,) = [block for block in _yaml_blocks("Use with pre-commit") if "repo: local" in block]
    return block


@pytest.mark.integration
def test_readme_local_hook_with_a_baseline(tmp_path, run_cli):
    """The README's ``repo: local`` hook, run by the real pre-commit with the vaultkit of this
    Python on the ``PATH``: it refuses a problem, and with a baseline only a new one."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed in this Python")
    env = _hermetic_env(tmp_path)
    command = shutil.which("vaultkit", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("the vaultkit command is not installed beside this Python")
    env["PATH"] = f"{Path(command).parent}{os.pathsep}{env.get('PATH', '')}"
    root = write_vault(
        tmp_path / "vault",
        {**VAULT, "Old.md": "[[Never written]]\n", ".pre-commit-config.yaml": _local_hook_config()},
    )
    _git_repo(root, env)
    assert _pre_commit("install", cwd=root, env=env).returncode == 0

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        _git("add", "-A", cwd=root, env=env)
        return _run("git", "commit", "-m", message, cwd=root, env=env)

    refused = commit("A vault with an old problem")
    assert refused.returncode == 1
    assert refused.stderr == _failed(
        "vaultkit-check",
        "vaultkit check",
        "Old.md:1:1: error[broken-link] [[Never written]] links to a note that does not exist:"
        " `Never written`\n\nFound 1 problem (1 error) in 4 notes.\n\n",
    )
    code, _, _ = run_cli("check", "--update-baseline", cwd=root)
    assert code == 0
    adopted = commit("A vault with its baseline")
    assert (adopted.returncode, adopted.stderr) == (0, _passed("vaultkit check"))

    write_vault(root, {"Draft.md": "Draft: [[Nowhere]]\n"})
    new = commit("A draft")
    assert new.returncode == 1
    assert new.stderr == _failed(
        "vaultkit-check",
        "vaultkit check",
        "Draft.md:1:8: error[broken-link] [[Nowhere]] links to a note that does not exist:"
        " `Nowhere`\n\nFound 1 problem (1 error) in 5 notes. 1 known problem in the baseline"
        " not shown.\n\n",
    )


def _fix_hook_config() -> str:
    """The manifest's ``vaultkit-fix`` hook as a ``repo: local`` hook running this vaultkit."""
    clientlib = pytest.importorskip("pre_commit.clientlib")
    (hook,) = [
        hook for hook in clientlib.load_manifest(str(MANIFEST)) if hook["id"] == "vaultkit-fix"
    ]
    return (
        "repos:\n  - repo: local\n    hooks:\n"
        f"      - id: {hook['id']}\n"
        f"        name: {hook['name']}\n"
        f"        entry: {hook['entry']}\n"
        "        language: system\n"
        "        pass_filenames: false\n"
        "        always_run: true\n"
    )


@pytest.mark.integration
def test_fix_hook_repairs_links_after_a_plain_mv(tmp_path):
    """A note renamed with plain ``mv``: the first commit is refused with the links rewritten,
    the second (the repaired links added) goes through."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed in this Python")
    env = _hermetic_env(tmp_path)
    command = shutil.which("vaultkit", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("the vaultkit command is not installed beside this Python")
    env["PATH"] = f"{Path(command).parent}{os.pathsep}{env.get('PATH', '')}"
    root = write_vault(tmp_path / "vault", {**VAULT, ".pre-commit-config.yaml": _fix_hook_config()})
    _git_repo(root, env)
    _git("add", "-A", cwd=root, env=env)
    _git("commit", "-qm", "start", "--no-verify", cwd=root, env=env)
    assert _pre_commit("install", cwd=root, env=env).returncode == 0
    (root / "Plan.md").rename(root / "Roadmap.md")

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        _git("add", "-A", cwd=root, env=env)
        return _run("git", "commit", "-m", message, cwd=root, env=env)

    refused = commit("Rename the plan")
    assert refused.returncode == 1
    assert refused.stderr == _failed(
        "vaultkit-fix",
        "vaultkit fix --renames",
        "Plan.md -> Roadmap.md (renamed)\nRewrote 2 links in 2 notes.\n\n",
    ).replace("- exit code: 1\n\n", "- exit code: 1\n- files were modified by this hook\n\n")
    assert (root / "Home.md").read_text(
        encoding="utf-8"
    ) == "# Home\n\n- [[Ideas]]\n- [[Roadmap]]\n"
    assert (root / "Ideas.md").read_text(encoding="utf-8") == "# Ideas\n\nSee the [[Roadmap]].\n"
    accepted = commit("Rename the plan")
    assert (accepted.returncode, accepted.stderr) == (0, _passed("vaultkit fix --renames"))
    log = _git("log", "--name-status", "--format=", "-1", cwd=root, env=env)
    assert "R100\tPlan.md\tRoadmap.md" in log
