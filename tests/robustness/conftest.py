"""Helpers for the hostile-input and data-safety tests.

Every command must end with a meaningful exit status (0 or 1; 2 only for a usage or settings
error) and never with a traceback: ``run_cli`` (tests/conftest.py) re-raises any exception the
command lets escape, so a traceback fails the test that provoked it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def _permissions_bind() -> bool:
    """Whether a chmod 000 file is unreadable here (not for root, unless its capabilities to
    bypass permissions were dropped, e.g. ``setpriv --bounding-set -dac_override,…``)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        finally:
            probe.chmod(0o600)
    return False


PERMISSIONS_BIND = _permissions_bind()
TWEET = "https://twitter.com/karpathy/status/1"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (symbolic links not followed) → its bytes."""
    found: dict[str, bytes] = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


@pytest.fixture
def check_json(run_cli: Callable[..., tuple[int, str, str]]) -> Callable[..., tuple[int, dict]]:
    """``vaultkit check ROOT --format json``: (exit status, document); 0 or 1 and valid JSON."""

    def run(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
        code, out, err = run_cli("check", str(root), "--format", "json", *args)
        assert code in (0, 1), (code, err)
        return code, json.loads(out)

    return run


def problems(document: dict[str, Any], *rules: str) -> list[tuple[str, str, int, int]]:
    """(rule, path, line, column) of the problems in a check document, optionally by rule."""
    return [
        (p["rule"], p["path"], p["line"], p["column"])
        for p in document["problems"]
        if not rules or p["rule"] in rules
    ]


@pytest.fixture
def survive_every_command(
    run_cli: Callable[..., tuple[int, str, str]],
) -> Callable[..., dict[str, Any]]:
    """Run every read-only command on a vault; each must exit 0 or 1 with sound output.

    Returns the ``check --format json`` document. ``note`` names a note for ``backlinks`` and
    ``links``.
    """

    def run(root: Path, note: str | None = None, flavor: str | None = None) -> dict[str, Any]:
        extra = ("--flavor", flavor) if flavor else ()
        code, out, err = run_cli("check", str(root), "--format", "json", *extra)
        assert code in (0, 1), err
        document = json.loads(out)
        for fmt in ("text", "github", "sarif"):
            code, _, err = run_cli("check", str(root), "--format", fmt, *extra)
            assert code in (0, 1), (fmt, err)
        code, out, err = run_cli("stats", str(root), "--format", "json", *extra)
        assert code == 0, err
        assert json.loads(out)["notes"] == document["summary"]["notes"]
        code, out, err = run_cli("stats", str(root), *extra)
        assert code == 0, err
        for fmt in ("json", "table", "csv", "markdown"):
            code, out, err = run_cli("orphans", str(root), "--format", fmt, *extra)
            assert code == 0, (fmt, err)
            if fmt == "json":
                json.loads(out)
        if note is not None:
            for command in ("backlinks", "links"):
                code, out, err = run_cli(
                    command, note, "--vault", str(root), "--format", "json", *extra
                )
                assert code == 0, (command, err)
                json.loads(out)
        code, out, err = run_cli("enrich", str(root), *extra)
        assert code in (0, 1), err
        code, out, err = run_cli("enrich", str(root), "--format", "json", *extra)
        assert code in (0, 1), err
        json.loads(out)
        return document

    return run


def link_status(run_cli, root: Path, note: str) -> list[tuple[str, str, str | None]]:
    """(link as written, status, target path) of every link written in ``note``."""
    code, out, err = run_cli("links", note, "--vault", str(root), "--format", "json")
    assert code == 0, err
    return [(row["link"], row["status"], row["target"]) for row in json.loads(out)["links"]]


def backlink_sources(run_cli, root: Path, note: str) -> list[str]:
    """The paths of the notes that link to ``note``."""
    code, out, err = run_cli("backlinks", note, "--vault", str(root), "--format", "json")
    assert code == 0, err
    return [row["path"] for row in json.loads(out)["backlinks"]]
