"""The caches cannot be fooled or crashed (issue 16, items 7 and 8).

An edit that keeps a note's size and time, a second vault at the same path, a crafted or
foreign cache file, a named pipe where the cache should be, and the temporary files of a
killed write: each is a cache miss or a clean-up, never a stale answer, a traceback or a hang.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from vaultkit.cache import store
from vaultkit.cache.store import cache_path

from conftest import time_limit

OLD = time.time() - 3600


def age(root: Path) -> None:
    for path in root.rglob("*.md"):
        os.utime(path, (OLD, OLD))


def check(run_cli, root: Path, *extra: str) -> tuple[int, list[tuple[str, str]]]:
    code, out, err = run_cli("check", str(root), "--format", "json", *extra)
    assert code in (0, 1), err
    return code, [(p["rule"], p["path"]) for p in json.loads(out)["problems"]]


def test_an_edit_that_keeps_size_and_time_is_seen(make_vault, run_cli):
    root = make_vault({"Home.md": "[[Other]]\n", "Other.md": "x\n"})
    age(root)
    assert check(run_cli, root) == (0, [])
    assert check(run_cli, root) == (0, [])  # answered from the results cache
    note = root / "Home.md"
    before = note.stat()
    note.write_text("[[Otter]]\n", encoding="utf-8")  # same size
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    assert note.stat().st_size == before.st_size
    assert check(run_cli, root) == (1, [("broken-link", "Home.md")])


def test_two_vaults_at_one_path_with_the_same_times_do_not_share_results(make_vault, run_cli):
    root = make_vault({"Home.md": "[[Other]]\n", "Other.md": "x\n"})
    age(root)
    assert check(run_cli, root) == (0, [])
    shutil.rmtree(root)
    make_vault({"Home.md": "[[Otter]]\n", "Other.md": "x\n"})
    age(root)
    assert check(run_cli, root) == (1, [("broken-link", "Home.md")])


def _rewrite(cache_file: Path, payload_value: Any) -> None:
    """Replace the cache's payload with ``payload_value``, keeping its key and a valid digest,
    as someone crafting a cache would."""
    raw = cache_file.read_bytes()
    header = len(store.MAGIC) + 32
    key, _ = marshal.loads(raw[header + 32 :])
    payload = marshal.dumps((key, payload_value))
    cache_file.write_bytes(raw[:header] + hashlib.sha256(payload).digest() + payload)


STAMP = (1, 2, 3, 4, 5)


def stamp_of(path: Path) -> tuple[int, ...]:
    """The stamp the walk gives ``path``: a crafted entry with it is taken as the note's."""
    info = path.stat()
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


NOTES = ("Home.md", "Other.md")
CRAFTED_PARSE = {
    "entry-not-a-tuple": dict.fromkeys(NOTES, 5),
    "entry-too-short": dict.fromkeys(NOTES, (1, 2)),
    "old-layout-entry": dict.fromkeys(NOTES, (10, 20, ("x",))),
    "stamp-of-strings": dict.fromkeys(NOTES, (("a", "b", "c", "d", "e"), ())),
    "note-of-the-wrong-shape": dict.fromkeys(NOTES, (STAMP, ("only", "three", "fields"))),
    "entries-not-a-dict": [1, 2, 3],
}
CRAFTED_RESULTS = {
    "problems-not-a-list": {"problems": 7},
    "row-not-a-tuple": {"problems": [1]},
    "line-a-string": {"problems": [("broken-link", "error", "A.md", "1", 1, "m", None, ())]},
    "unknown-severity": {"problems": [("broken-link", "fatal", "A.md", 1, 1, "m", None, ())]},
    "suggestions-not-strings": {
        "problems": [("broken-link", "error", "A.md", 1, 1, "m", None, (1, 2))]
    },
    "no-problems-key": {},
}
CRAFTED_SNAPSHOT = {
    "missing-parts": {"files": {}},
    "stamps-of-the-wrong-shape": {
        "files": {"Home.md": 5},
        "shape": {},
        "anchored": {},
        "problems": {},
    },
    "names-not-a-tuple": {
        "files": {},
        "shape": {"Home.md": (5, 6)},
        "anchored": {},
        "problems": {},
    },
    "anchored-not-tuples": {
        "files": {},
        "shape": {},
        "anchored": {"Home.md": 5},
        "problems": {},
    },
}


@pytest.fixture
def cached_vault(make_vault, run_cli):
    root = make_vault({"Home.md": "[[Other]] [[Missing]]\n", "Other.md": "# Top\n"})
    age(root)
    expected = check(run_cli, root)
    assert expected == (1, [("broken-link", "Home.md")])
    return root, expected


def _edit(root: Path) -> None:
    """An edit that changes no result, so that the snapshot and parse caches are consulted."""
    (root / "Other.md").write_text("# Top\n\n", encoding="utf-8")
    age(root)


@pytest.mark.parametrize("crafted", CRAFTED_PARSE.values(), ids=CRAFTED_PARSE.keys())
def test_a_crafted_parse_cache_is_a_miss(cached_vault, run_cli, crafted):
    root, expected = cached_vault
    if crafted is CRAFTED_PARSE["note-of-the-wrong-shape"]:
        crafted = {path: (stamp_of(root / path), entry[1]) for path, entry in crafted.items()}
    _rewrite(cache_path(root), crafted)
    cache_path(root, ".results").unlink()  # so that every note is looked up in the parse cache
    cache_path(root, ".snapshot").unlink()
    assert check(run_cli, root) == expected
    assert check(run_cli, root, "--no-cache") == expected


@pytest.mark.parametrize("crafted", CRAFTED_RESULTS.values(), ids=CRAFTED_RESULTS.keys())
def test_a_crafted_results_cache_is_a_miss(cached_vault, run_cli, crafted):
    root, expected = cached_vault
    _rewrite(cache_path(root, ".results"), crafted)
    assert check(run_cli, root) == expected


@pytest.mark.parametrize("crafted", CRAFTED_SNAPSHOT.values(), ids=CRAFTED_SNAPSHOT.keys())
def test_a_crafted_snapshot_is_a_miss(cached_vault, run_cli, crafted):
    root, expected = cached_vault
    _rewrite(cache_path(root, ".snapshot"), crafted)
    _edit(root)
    assert check(run_cli, root) == expected


def test_a_snapshot_with_a_stub_of_the_wrong_shape_is_a_miss(cached_vault, run_cli):
    root, expected = cached_vault
    snapshot = cache_path(root, ".snapshot")
    raw = snapshot.read_bytes()
    _, stored = marshal.loads(raw[len(store.MAGIC) + 64 :])
    stored["shape"]["Other.md"] = (("Other",), ((1,),))  # no aliases; a heading without text
    _rewrite(snapshot, stored)
    (root / "Home.md").write_text("[[Other]] [[Mising]]\n", encoding="utf-8")
    age(root)
    assert check(run_cli, root) == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("kind", [".marshal", ".results", ".snapshot"])
def test_a_named_pipe_at_the_cache_path_does_not_hang(make_vault, run_cli, private_cache, kind):
    root = make_vault({"Home.md": "[[Missing]]\n"})
    age(root)
    private_cache.mkdir(exist_ok=True)
    os.mkfifo(cache_path(root, kind))
    with time_limit(20):
        assert check(run_cli, root) == (1, [("broken-link", "Home.md")])
        assert check(run_cli, root) == (1, [("broken-link", "Home.md")])


def test_stale_temporary_files_are_removed_and_never_read(make_vault, run_cli):
    root = make_vault({"Home.md": "[[Missing]]\n", "Sub/Note.md": "x\n"})
    stale = root / "Sub" / ".Note.md.a1b2c3.vaultkit-tmp"
    stale.write_text("[[Leftover]]\n", encoding="utf-8")
    os.utime(stale, (OLD, OLD))
    fresh = root / ".Home.md.d4e5f6.vaultkit-tmp"
    fresh.write_text("[[Another]]\n", encoding="utf-8")
    assert check(run_cli, root) == (1, [("broken-link", "Home.md")])
    assert not stale.exists()
    assert fresh.exists()  # a running write may own it
    os.utime(fresh, (OLD, OLD))
    run_cli("stats", str(root))
    assert not fresh.exists()
