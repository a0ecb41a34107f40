"""Shared helpers: build small vaults in a temporary folder and run the real command."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from vaultkit.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# The property tests run the same examples on every machine, so a failure is reproducible and
# a landing never depends on the luck of the draw; no deadline, so a loaded machine cannot fail
# them. `HYPOTHESIS_PROFILE=explore` draws new examples, to hunt for bugs by hand.
settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

TERMINAL_VARIABLES = (
    "COLUMNS",
    "LINES",
    "FORCE_COLOR",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "PY_COLORS",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "TERM",
    "COLORTERM",
)
"""What rich and click read to choose widths and colours. The tests assert exact text, so they
run without them; the tests of colour and width set them themselves."""


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (vault-relative path → text or bytes) under ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts from a terminal with no width or colour settings of the user's."""
    for name in TERMINAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own parse cache folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("VAULTKIT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[..., Path]:
    """``make_vault({"Note.md": "…"}, flavor="obsidian")`` → the vault root."""

    def make(files: dict[str, str | bytes], flavor: str = "obsidian") -> Path:
        root = tmp_path / "vault"
        root.mkdir(exist_ok=True)
        if flavor == "obsidian":
            (root / ".obsidian").mkdir(exist_ok=True)
        elif flavor == "logseq":
            (root / "logseq").mkdir(exist_ok=True)
            if "logseq/config.edn" not in files:
                (root / "logseq" / "config.edn").write_text(
                    "{:file/name-format :triple-lowbar}\n", encoding="utf-8"
                )
        return write_vault(root, files)

    return make


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str, str]]:
    """Run ``vaultkit ARGS`` in ``cwd``; returns (exit code, stdout, stderr)."""

    def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return run


def checked_places(run_cli, root: Path, *args: str) -> list[tuple[str, str, int, int]]:
    """``vaultkit check ROOT --format json --no-cache ARGS``: (rule, path, line, column) of
    every problem, in report order; a usage error or traceback fails the test."""
    code, out, err = run_cli("check", str(root), "--format", "json", "--no-cache", *args)
    assert code in (0, 1), err
    return [
        (problem["rule"], problem["path"], problem["line"], problem["column"])
        for problem in json.loads(out)["problems"]
    ]


class TookTooLong(Exception):
    """Raised by :func:`time_limit` when the code under it runs past its bound."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM; ``re`` matching is interruptible)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
