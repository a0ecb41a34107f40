"""Nothing vaultkit writes can leave a note half-written.

``tests/test_edit_write.py`` holds ``write_change``'s refusals (a file changed, a path leading
outside) and three failures (``Path.replace`` and ``os.fsync`` raising OSError). Added here:

* the temporary file's ``write`` failing midway, and ``KeyboardInterrupt`` at every step of
  ``write_change``, for an update and for a new file;
* **a crash at every point**: each command that writes (``enrich --write``, ``orphans --output``,
  ``check --output``, ``init``) runs in a forked child that is killed (``os._exit``) just before
  or just after its N-th file-system operation inside the vault (an open for writing, a rename,
  a chmod…, seen through audit hooks, so whatever the implementation), for every N; after each
  crash every file must hold its old bytes or its new bytes, and anything else left behind must
  be a hidden dot-file;
* **a full disk**: the same commands in a subprocess whose file-size limit (``RLIMIT_FSIZE``)
  makes writes fail partway;
* concurrency gaps: a note deleted after ``enrich`` planned its change; ``orphans --output``
  aimed at a note that is not a report;
* symbolic links: ``init`` and ``--output`` write through a link to its file, and keep the link.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app
from vaultkit.edit.write import FileChange, write_change

from .conftest import TWEET, snapshot

TEMP_SUFFIX = ".vaultkit-tmp"
HAS_FORK = hasattr(os, "fork") and hasattr(sys, "addaudithook")


def temp_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.name.endswith(TEMP_SUFFIX)]


# --- write_change: failures and interruptions at each step ------------------------------------


class _FailingHandle:
    """A file handle whose ``write`` writes half of the data, then raises ``error``."""

    def __init__(self, handle, error: BaseException) -> None:
        self._handle = handle
        self._error = error

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise self._error

    def __getattr__(self, name: str):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._handle.close()


def interrupt_at(monkeypatch: pytest.MonkeyPatch, step: str, error: BaseException) -> None:
    """Make ``write_change`` meet ``error`` at ``step``."""
    if step == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(
            os, "fdopen", lambda fd, *a, **k: _FailingHandle(real_fdopen(fd, *a, **k), error)
        )
        return

    def fail(*args, **kwargs):
        raise error

    if step == "fsync":
        monkeypatch.setattr(os, "fsync", fail)
    elif step == "chmod":
        monkeypatch.setattr(Path, "chmod", fail)
    elif step == "replace":
        monkeypatch.setattr(Path, "replace", fail)


STEPS = ["write", "fsync", "chmod", "replace"]
ERRORS = [
    pytest.param(KeyboardInterrupt(), id="ctrl-c"),
    pytest.param(OSError(28, "No space left on device"), id="disk-full"),
]


@pytest.mark.parametrize("error", ERRORS)
@pytest.mark.parametrize("step", STEPS)
def test_interrupted_update_keeps_the_old_note(tmp_path, monkeypatch, step, error):
    root = tmp_path / "vault"
    root.mkdir()
    old = b"old line\r\n" * 1000
    (root / "Note.md").write_bytes(old)
    interrupt_at(monkeypatch, step, error)
    with pytest.raises(type(error)):
        write_change(root, FileChange("Note.md", old, b"new line\n" * 1000))
    monkeypatch.undo()
    assert (root / "Note.md").read_bytes() == old
    assert temp_files(root) == []
    assert sorted(path.name for path in root.iterdir()) == ["Note.md"]


@pytest.mark.parametrize("error", ERRORS)
@pytest.mark.parametrize("step", STEPS)
def test_interrupted_new_file_leaves_nothing(tmp_path, monkeypatch, step, error):
    root = tmp_path / "vault"
    root.mkdir()
    interrupt_at(monkeypatch, step, error)
    with pytest.raises(type(error)):
        write_change(root, FileChange("People/@karpathy.md", None, b"page\n" * 1000))
    monkeypatch.undo()
    assert not (root / "People/@karpathy.md").exists()
    assert temp_files(root) == []


# --- a crash at every point -------------------------------------------------------------------

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_CHANGING_EVENTS = frozenset(
    {
        "os.rename",
        "os.remove",
        "os.truncate",
        "os.chmod",
        "os.mkdir",
        "os.rmdir",
        "os.link",
        "os.symlink",
        "os.utime",
        "shutil.move",
        "shutil.copyfile",
        "shutil.rmtree",
    }
)
_KILLED, _DONE = 71, 72


def _changes_inside(event: str, args: tuple, folder: str) -> bool:
    """Whether an audit event writes to, creates, renames or removes a path in ``folder``."""
    if event == "open":
        path, mode, flags = args
        if isinstance(mode, str):
            writes = any(char in mode for char in "wax+")
        else:
            writes = bool((flags or 0) & _WRITE_FLAGS)
        paths = [path]
    elif event in _CHANGING_EVENTS:
        writes, paths = True, list(args[:2])
    else:
        return False
    if not writes:
        return False
    for path in paths:
        if isinstance(path, str | bytes | os.PathLike):
            absolute = str(Path(os.fsdecode(path)).absolute())
            if absolute == folder or absolute.startswith(folder + os.sep):
                return True
    return False


def _crash_child(action: Callable[[], object], folder: str, crash_at: int, after: bool) -> None:
    """Run ``action``; exit abruptly just before (or after) the ``crash_at``-th change."""
    seen = 0

    def kill(frame, event, arg) -> None:
        if frame.f_code is hook.__code__:  # the hook returning; the operation is still to come
            return
        os._exit(_KILLED)

    def hook(event: str, args: tuple) -> None:
        nonlocal seen
        if _changes_inside(event, args, folder):
            seen += 1
            if seen == crash_at:
                if not after:
                    os._exit(_KILLED)
                sys.setprofile(kill)

    try:
        sys.addaudithook(hook)
        action()
    except BaseException:
        pass
    finally:
        os._exit(_DONE)


def crash_everywhere(
    root: Path, files: dict[str, bytes], action: Callable[[], object]
) -> list[dict[str, bytes]]:
    """Every state ``root`` can be left in when ``action`` is killed at some point.

    ``root`` is rebuilt from ``files`` before each run. The last state is the completed run's.
    """

    def rebuild() -> None:
        shutil.rmtree(root, ignore_errors=True)
        for relative, data in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)

    folder = str(root.absolute())
    rebuild()
    action()  # the completed run, first: the children then start with every module imported
    completed = snapshot(root)
    states = []
    for after in (False, True):
        for crash_at in range(1, 200):
            rebuild()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns
                _crash_child(action, folder, crash_at, after)
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            assert code in (_KILLED, _DONE), f"child ended with {code}"
            if code == _DONE:
                break
            states.append(snapshot(root))
        else:
            pytest.fail("more than 200 file-system changes")
    states.append(completed)
    return states


def assert_old_or_new(states: list[dict[str, bytes]], old: dict[str, bytes]) -> None:
    """Every file of every crash state is its old bytes, its final bytes, or a hidden leftover."""
    new = states[-1]
    assert len(states) > 1, "no file-system change was seen"
    for state in states[:-1]:
        for path, data in state.items():
            name = path.rsplit("/", 1)[-1]
            if path not in old and path not in new:
                assert name.startswith("."), f"{path} left visible after a crash"
                continue
            assert data in (old.get(path), new.get(path)), (
                f"{path} is neither its old nor its new content after a crash "
                f"({len(data)} bytes: {data[:60]!r}…)"
            )


def invoke(root: Path, *args: str) -> Callable[[], object]:
    def run() -> object:
        os.chdir(root)
        return CliRunner().invoke(app, list(args))

    return run


needs_fork = pytest.mark.skipif(not HAS_FORK, reason="needs os.fork and audit hooks")


@needs_fork
def test_write_change_crash_at_every_point(tmp_path):
    root = tmp_path / "vault"
    files = {"Note.md": b"old\r\n" * 500}

    def action() -> None:
        write_change(root, FileChange("Note.md", files["Note.md"], b"new\n" * 500))
        write_change(root, FileChange("New/Page.md", None, b"page\n" * 500))

    states = crash_everywhere(root, files, action)
    assert_old_or_new(states, files)
    assert states[-1]["New/Page.md"] == b"page\n" * 500


@needs_fork
@pytest.mark.parametrize("flavor", ["obsidian", "logseq"])
def test_enrich_write_crash_at_every_point(tmp_path, monkeypatch, flavor):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "vault"
    if flavor == "logseq":
        files = {
            "logseq/config.edn": b"{:file/name-format :triple-lowbar}\n",
            "pages/A.md": f"- {TWEET}\n".encode() * 50,
            "pages/B.md": f"tags:: x\n\n- {TWEET}/2\n".encode(),
        }
    else:
        files = {
            ".obsidian/app.json": b"{}",
            "A.md": f"{TWEET}\r\n".encode() * 50,
            "B.md": f"---\ntags: [x]\n---\n{TWEET}/2\n".encode(),
            "@karpathy.md": b"---\nhandle: '@karpathy'\n---\nMine.\n",
        }
    states = crash_everywhere(root, files, invoke(root, "enrich", "--write"))
    assert_old_or_new(states, files)
    assert all(states[-1][path] != data for path, data in files.items() if path.endswith(".md"))


REPORT = b"---\nvaultkit: orphan-report\ngenerated: 2020-01-01\n---\n# Orphan notes\n" * 40


@needs_fork
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("orphans", "--format", "markdown", "--output", "Orphans.md"), id="orphans"),
        pytest.param(("check", "--format", "json", "--output", "Orphans.md"), id="check"),
    ],
)
def test_report_output_crash_at_every_point(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "vault"
    files = {".obsidian/app.json": b"{}", "Orphans.md": REPORT, "A.md": b"x", "B.md": b"[[C]]"}
    states = crash_everywhere(root, files, invoke(root, *args))
    assert_old_or_new(states, files)


@needs_fork
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("init", "--force"), id="force"),
        pytest.param(("init", "--pre-commit"), id="hook"),
    ],
)
def test_init_crash_at_every_point(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "vault"
    files = {
        ".obsidian/app.json": b"{}",
        ".git/HEAD": b"ref: refs/heads/main\n",
        ".vaultkit.toml": b'flavor = "obsidian"\n# mine\n' * 20,
        ".pre-commit-config.yaml": b"repos:\n  - repo: local\n    hooks:\n      - id: mine\n"
        b"        name: mine\n        entry: 'true'\n        language: system\n",
    }
    if args == ("init", "--pre-commit"):
        files.pop(".vaultkit.toml")
    states = crash_everywhere(root, files, invoke(root, *args))
    assert_old_or_new(states, files)


# --- a full disk ------------------------------------------------------------------------------


def _limit_file_size(limit: int) -> Callable[[], None]:
    def limit_in_child() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    return limit_in_child


def run_with_small_disk(root: Path, *args: str, limit: int) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "vaultkit", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        preexec_fn=_limit_file_size(limit),
    )


needs_rlimit = pytest.mark.skipif(
    not hasattr(signal, "SIGXFSZ"), reason="needs RLIMIT_FSIZE and SIGXFSZ"
)


@needs_rlimit
def test_enrich_on_a_full_disk_keeps_every_note(make_vault):
    big = (f"{TWEET}\n" * 100).encode()
    root = make_vault({"Big.md": big, "Small.md": TWEET.encode()})
    before = snapshot(root)
    result = run_with_small_disk(root, "enrich", "--write", limit=len(big) // 2)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Big.md" in result.stderr
    after = snapshot(root)
    assert after["Big.md"] == before["Big.md"]
    assert after["Small.md"].endswith(TWEET.encode())
    assert temp_files(root) == []


@needs_rlimit
def test_orphan_report_on_a_full_disk_keeps_the_old_report(make_vault):
    root = make_vault({"Orphans.md": REPORT, **{f"Note {n}.md": "x" for n in range(60)}})
    result = run_with_small_disk(
        root, "orphans", "--format", "markdown", "--output", "Orphans.md", limit=400
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "cannot write" in result.stderr
    assert (root / "Orphans.md").read_bytes() == REPORT
    assert temp_files(root) == []


# --- concurrency gaps -------------------------------------------------------------------------


def test_note_deleted_after_planning_is_not_recreated(make_vault, run_cli, monkeypatch):
    import vaultkit.commands.enrich as enrich_command

    root = make_vault({"Note.md": TWEET})
    plan = enrich_command.plan_enrichment

    def plan_then_delete(vault, settings):
        planned = plan(vault, settings)
        (root / "Note.md").unlink()
        return planned

    monkeypatch.setattr(enrich_command, "plan_enrichment", plan_then_delete)
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 1
    assert "Note.md: cannot read it again" in err
    assert not (root / "Note.md").exists()
    assert temp_files(root) == []


@pytest.mark.parametrize("command", ["orphans", "check"])
def test_report_output_never_replaces_a_users_note(make_vault, run_cli, command):
    root = make_vault({"Home.md": "# My home note\n\n[[A]]\n", "A.md": "x", "B.md": "y"})
    code, _, err = run_cli(command, str(root), "--output", str(root / "Home.md"))
    assert code == 2
    assert "Home.md" in err
    assert (root / "Home.md").read_text(encoding="utf-8") == "# My home note\n\n[[A]]\n"


# --- files that are symbolic links ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        pytest.param(".vaultkit.toml", ("init", "--force"), id="init-force"),
        pytest.param(".pre-commit-config.yaml", ("init", "--pre-commit"), id="init-hook"),
        pytest.param(
            "Orphans.md", ("orphans", "--format", "markdown", "--output", "Orphans.md"), id="output"
        ),
    ],
)
def test_writes_never_go_through_a_symbolic_link(tmp_path, run_cli, name, args):
    shared = tmp_path / "shared"
    shared.mkdir()
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "A.md").write_text("x", encoding="utf-8")
    before = {
        ".vaultkit.toml": b'flavor = "obsidian"\n',
        ".pre-commit-config.yaml": b"repos:\n  - repo: local\n    hooks:\n      - id: mine\n"
        b"        name: mine\n        entry: 'true'\n        language: system\n",
        "Orphans.md": REPORT,
    }[name]
    (shared / name).write_bytes(before)
    (root / name).symlink_to(shared / name)
    settings_before = (root / ".vaultkit.toml").exists()
    code, out, err = run_cli(*args, cwd=root)
    assert (code, out) == (2, "")
    assert err == f"vaultkit: error: {name}: is a symbolic link; not written" + (
        "; choose another --output\n" if args[0] == "orphans" else "\n"
    )
    assert (root / name).is_symlink()
    assert (shared / name).read_bytes() == before
    assert (root / ".vaultkit.toml").exists() == settings_before  # nothing written at all
    assert sorted(path.name for path in shared.iterdir()) == [name]


def test_init_keeps_a_pre_commit_config_edited_meanwhile(tmp_path, run_cli, monkeypatch):
    import vaultkit.commands.init as init_command

    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / ".git").mkdir()
    config = root / ".pre-commit-config.yaml"
    mine = "repos:\n  - repo: local\n    hooks:\n      - id: mine\n"
    config.write_text(mine, encoding="utf-8")
    appended = init_command.appended_config

    def append_then_someone_saves(text, snippet, where):
        result = appended(text, snippet, where)
        config.write_text("# the user's edit\n" + mine, encoding="utf-8")
        return result

    monkeypatch.setattr(init_command, "appended_config", append_then_someone_saves)
    code, _, _ = run_cli("init", "--pre-commit", cwd=root)
    assert code in (0, 2)
    assert "# the user's edit" in config.read_text(encoding="utf-8")
