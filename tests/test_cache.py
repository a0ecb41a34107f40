"""The parse cache and parallel parsing give exactly what a cold, serial run gives."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from vaultkit.cache import store
from vaultkit.cache.codec import TooLarge, decode_note, encode_note
from vaultkit.load import parse_files
from vaultkit.load.vault import load_vault, scan_vault

FILES = {
    "Home.md": "---\ntags: [index]\ncreated: 2024-01-02\nwhen: 2024-01-02T10:00:00\n---\n"
    "# Home\n- [[Projects/Plan#Goals]]\n- [[Missing]]\n- ![[pic.png]]\n",
    "Projects/Plan.md": "## Goals\nShip it. ^goal\n```\n[[not a link]]\n```\n"
    "https://twitter.com/jack/status/20\n",
    "Old.md": "<!-- vaultkit-disable-next-line broken-link -->\n[[Gone]]\n",
    "pic.png": b"\x89PNG\r\n",
}
OLD = time.time() - 3600


def _age(root: Path) -> None:
    """Make every file old enough to be cached (see store.RACY_SECONDS)."""
    for path in root.rglob("*"):
        if path.is_file() and ".obsidian" not in path.parts:
            os.utime(path, (OLD, OLD))


def _snapshot(root: Path, **options) -> list[tuple]:
    vault = load_vault(root, **options)
    return [encode_note(note) for note in vault.notes]


def _check(run_cli, root: Path, *extra: str) -> dict:
    _, out, _ = run_cli("check", str(root), "--format", "json", *extra)
    return json.loads(out)


@pytest.fixture
def vault(make_vault):
    root = make_vault(FILES)
    _age(root)
    return root


def test_codec_round_trip_keeps_every_field(vault):
    for note in load_vault(vault).notes:
        assert decode_note(encode_note(note)) == note


def test_warm_run_reads_the_cache_and_matches_a_cold_run(vault, private_cache, monkeypatch):
    cold = _snapshot(vault)
    assert _snapshot(vault, cache=True) == cold
    assert len(list(private_cache.iterdir())) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("a note was parsed although the cache holds it")

    monkeypatch.setattr(parse_files, "parse_file", no_parsing)
    assert _snapshot(vault, cache=True) == cold


def test_cache_follows_edits_renames_and_deletions(vault, run_cli):
    assert _check(run_cli, vault) == _check(run_cli, vault, "--no-cache")
    (vault / "Projects" / "Plan.md").write_text("## Aims\n", encoding="utf-8")
    (vault / "Old.md").rename(vault / "Older.md")
    (vault / "pic.png").unlink()
    (vault / "New.md").write_text("[[Home]] [[Projects/Plan#Aims]]\n", encoding="utf-8")
    warm = _check(run_cli, vault)
    cold = _check(run_cli, vault, "--no-cache")
    assert warm == cold
    assert {(p["rule"], p["path"]) for p in warm["problems"]} == {
        ("broken-heading", "Home.md"),
        ("broken-link", "Home.md"),
        ("broken-embed", "Home.md"),
    }
    _age(vault)
    assert _check(run_cli, vault) == cold
    assert _check(run_cli, vault) == cold


def test_a_damaged_or_foreign_cache_is_ignored(vault, private_cache):
    cold = _snapshot(vault)
    _snapshot(vault, cache=True)
    (cache_file,) = private_cache.iterdir()
    data = cache_file.read_bytes()
    cache_file.write_bytes(data[: len(data) // 2])
    assert _snapshot(vault, cache=True) == cold
    cache_file.write_bytes(b"not a cache at all")
    assert _snapshot(vault, cache=True) == cold
    assert store.load_entries(cache_file, store.cache_key("other")) == {}


def test_recently_changed_notes_are_not_cached(make_vault, private_cache):
    root = make_vault({"Fresh.md": "[[x]]\n", "Aged.md": "[[y]]\n"})
    os.utime(root / "Aged.md", (OLD, OLD))
    load_vault(root, cache=True)
    (cache_file,) = private_cache.iterdir()
    entries = store.load_entries(cache_file, next(iter(_keys(cache_file))))
    assert sorted(entries) == ["Aged.md"]


def test_a_note_edited_just_now_does_not_rewrite_the_cache(vault, private_cache, monkeypatch):
    _snapshot(vault, cache=True)
    (cache_file,) = private_cache.iterdir()
    written = cache_file.stat().st_mtime_ns
    saved: list[int] = []
    original = store.save_entries

    def counting(path, key, entries):
        saved.append(len(entries))
        original(path, key, entries)

    monkeypatch.setattr(store, "save_entries", counting)
    (vault / "Old.md").write_text("[[Home]]\n", encoding="utf-8")
    assert _snapshot(vault, cache=True) == _snapshot(vault)
    assert saved == []
    assert cache_file.stat().st_mtime_ns == written
    _age(vault)
    _snapshot(vault, cache=True)
    assert saved == [3]
    (vault / "Old.md").unlink()
    _snapshot(vault, cache=True)
    assert saved == [3, 2]


def _keys(cache_file: Path) -> list[str]:
    import marshal

    raw = cache_file.read_bytes()[len(store.MAGIC) + 64 :]
    return [marshal.loads(raw)[0]]


def test_an_unwritable_cache_folder_is_not_an_error(vault, monkeypatch, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(blocker / "cache"))
    assert _snapshot(vault, cache=True) == _snapshot(vault)


def test_parallel_parsing_matches_serial(make_vault, monkeypatch):
    files = {
        f"n{number:03}.md": f"# N{number}\n[[n{number + 1:03}]] #t{number}\n"
        for number in range(60)
    }
    files["bomb.md"] = (
        "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [*d, *d, *d, *d, *d, *d, *d, *d]\n---\n"
    )
    root = make_vault(files)
    serial = load_vault(root, jobs=1)
    bomb = next(note for note in serial.notes if note.path == "bomb.md")
    with pytest.raises(TooLarge):
        encode_note(bomb)
    monkeypatch.setattr(parse_files, "PARALLEL_THRESHOLD", 10)
    parallel = load_vault(root, jobs=2)
    assert parallel.notes == serial.notes


def _numbered_vault(make_vault, count: int = 60) -> Path:
    return make_vault(
        {
            f"n{number:03}.md": f"# N{number}\n[[n{number + 1:03}]] #t{number} ^b{number}\n"
            for number in range(count)
        }
    )


def test_children_parse_their_share(make_vault, monkeypatch):
    root = _numbered_vault(make_vault)
    serial = load_vault(root, jobs=1)
    monkeypatch.setattr(parse_files, "PARALLEL_THRESHOLD", 10)
    parsed_here: list[str] = []
    original = parse_files.parse_file

    def counting(file, flavor, logseq):
        parsed_here.append(file.path)
        return original(file, flavor, logseq)

    monkeypatch.setattr(parse_files, "parse_file", counting)
    parallel = load_vault(root, jobs=3)
    assert parallel.notes == serial.notes
    # The counter of a forked child is its own: only this process's share is counted here.
    assert parsed_here == [note.path for note in serial.notes[: len(parsed_here)]]
    assert 0 < len(parsed_here) < 60


def test_a_failing_child_costs_time_not_notes(make_vault, monkeypatch):
    root = _numbered_vault(make_vault)
    serial = load_vault(root, jobs=1)
    monkeypatch.setattr(parse_files, "PARALLEL_THRESHOLD", 10)
    parent = os.getpid()
    original = parse_files._encode_or_none

    def dying_in_children(note):
        if os.getpid() != parent:
            raise MemoryError
        return original(note)

    monkeypatch.setattr(parse_files, "_encode_or_none", dying_in_children)
    assert load_vault(root, jobs=2).notes == serial.notes


def test_a_child_dying_midway_costs_only_what_it_did_not_send(make_vault, monkeypatch):
    root = _numbered_vault(make_vault)
    serial = load_vault(root, jobs=1)
    monkeypatch.setattr(parse_files, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(parse_files, "_CHUNK", 4)
    monkeypatch.setattr(parse_files, "_LOOK_EVERY", 1)
    parent = os.getpid()
    original = parse_files._encode_or_none
    encoded_in_child = [0]

    def dying_after_two_chunks(note):
        if os.getpid() != parent:
            encoded_in_child[0] += 1
            if encoded_in_child[0] > 8:
                os._exit(9)
        return original(note)

    parsed_here: list[str] = []
    original_parse = parse_files.parse_file

    def counting(file, flavor, logseq):
        if os.getpid() == parent:
            parsed_here.append(file.path)
        return original_parse(file, flavor, logseq)

    monkeypatch.setattr(parse_files, "_encode_or_none", dying_after_two_chunks)
    monkeypatch.setattr(parse_files, "parse_file", counting)
    assert load_vault(root, jobs=2).notes == serial.notes
    # The child's two chunks (8 notes) were used; everything else was parsed here.
    assert len(parsed_here) == 60 - 8


def test_after_a_chunk_that_is_not_what_was_sent_no_chunk_is_taken(make_vault):
    root = _numbered_vault(make_vault, 6)
    scan = scan_vault(root)
    files = scan.note_files
    notes = [parse_files.parse_file(file, scan.vault.flavor, None) for file in files]
    share = parse_files._Share(files, child=None)
    encoded = [encode_note(note) for note in notes]
    share.take([encoded[:2], "not a chunk"], scan.vault.flavor, None)
    share.take([encoded[4:]], scan.vault.flavor, None)  # the next look at the pipe
    assert not share.complete
    assert [note for _, note, _ in share.parsed] == notes[:2]


def test_shares_cover_every_file_once_in_order():
    files = list(range(1001))
    for workers in (2, 3, 8):
        shares = parse_files._shares(files, workers)
        assert len(shares) == workers
        assert [item for share in shares for item in share] == files
        sizes = [len(share) for share in shares]
        assert max(sizes) - min(sizes) <= len(files) // 10


def test_an_unchanged_vault_is_not_checked_again(vault, run_cli, monkeypatch):
    from vaultkit import workspace as check_engine

    first = _check(run_cli, vault)

    def no_checking(*args, **kwargs):
        raise AssertionError("the vault was checked again although nothing changed")

    monkeypatch.setattr(check_engine, "run_check", no_checking)
    assert _check(run_cli, vault) == first
    code, out, _ = run_cli("check", str(vault))
    assert code == 1
    assert out.endswith("Found 1 problem (1 error) in 3 notes.\n")


def test_results_follow_settings_and_rule_choice(vault, run_cli):
    everything = _check(run_cli, vault)
    assert [p["rule"] for p in everything["problems"]] == ["broken-link"]
    only_embeds = _check(run_cli, vault, "--select", "broken-embed")
    assert only_embeds["problems"] == []
    (vault / ".vaultkit.toml").write_text('[rules]\nbroken-link = "warning"\n', encoding="utf-8")
    relaxed = _check(run_cli, vault)
    assert [p["severity"] for p in relaxed["problems"] if p["rule"] == "broken-link"] == ["warning"]
    (vault / ".vaultkit.toml").unlink()
    assert _check(run_cli, vault) == everything


def test_a_fresh_change_is_never_answered_from_the_results_cache(vault, run_cli):
    before = _check(run_cli, vault)
    note = vault / "Home.md"
    note.write_text(note.read_text(encoding="utf-8") + "[[Another missing]]\n", encoding="utf-8")
    os.utime(note, (OLD, OLD))
    after = _check(run_cli, vault)
    assert len(after["problems"]) == len(before["problems"]) + 1
