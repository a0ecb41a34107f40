"""Hostile bytes through the real commands: encodings, NUL bytes, empty, huge and odd line ends.

``tests/test_read_walk.py`` holds the decoding rules at the library level (``decode_note``,
``load_vault``); ``tests/test_enrich.py`` holds CRLF, UTF-8 BOM and UTF-16 LE writes. Here every
such file goes through ``check --format json`` (exact problems), ``stats``, ``orphans``,
``backlinks``, ``links`` and ``enrich`` (dry run and ``--write``): the run goes on, the exit
status stays 0 or 1, the other notes are still read, and a file vaultkit will not edit is left
byte for byte as it was.
"""

from __future__ import annotations

import codecs
import json
import time

import pytest

from .conftest import TWEET, backlink_sources, problems, snapshot

UNREADABLE = "unreadable-note"


# --- encodings ---------------------------------------------------------------------------------


def test_invalid_utf8_is_a_warning_and_its_links_still_count(
    make_vault, survive_every_command, run_cli
):
    root = make_vault(
        {
            "Target.md": "t",
            "latin1.md": b"caf\xe9 [[Target]]\nsecond [[Missing]]\n",
        }
    )
    document = survive_every_command(root, note="Target")
    assert problems(document) == [
        ("unreadable-note", "latin1.md", 1, 4),
        ("broken-link", "latin1.md", 2, 8),
    ]
    [unreadable] = [p for p in document["problems"] if p["rule"] == UNREADABLE]
    assert unreadable["severity"] == "warning"
    assert "not valid UTF-8 (byte 0xe9)" in unreadable["message"]
    assert backlink_sources(run_cli, root, "Target") == ["latin1.md"]


def test_invalid_utf8_alone_exits_0(make_vault, run_cli):
    root = make_vault({"latin1.md": b"caf\xe9\n"})
    code, out, _ = run_cli("check", str(root), "--format", "json")
    assert code == 0
    assert problems(json.loads(out)) == [("unreadable-note", "latin1.md", 1, 4)]
    assert run_cli("check", str(root), "--severity", "warning")[0] == 1


def test_invalid_utf8_note_is_never_edited(make_vault, run_cli):
    root = make_vault({"latin1.md": b"caf\xe9 " + TWEET.encode() + b"\n"})
    before = (root / "latin1.md").read_bytes()
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0
    assert "skipped latin1.md: not valid UTF-8" in err
    assert (root / "latin1.md").read_bytes() == before


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_note_is_reported_and_read(make_vault, survive_every_command, run_cli, encoding):
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    text = "---\ntags: [sixteen]\n---\nSee [[Target]] and [[Missing]]\n"
    root = make_vault({"Target.md": "t", "wide.md": bom + text.encode(encoding)})
    document = survive_every_command(root, note="Target")
    assert problems(document) == [
        ("unreadable-note", "wide.md", 1, 1),
        ("broken-link", "wide.md", 4, 20),
    ]
    assert "UTF-16" in document["problems"][0]["message"]
    assert backlink_sources(run_cli, root, "Target") == ["wide.md"]
    code, out, _ = run_cli("stats", str(root), "--format", "json")
    assert code == 0
    assert {"tag": "sixteen", "count": 1} in json.loads(out)["top_tags"]


def test_utf16_be_note_is_edited_in_utf16_be(make_vault, run_cli):
    text = f"Line one\n{TWEET}\n"
    root = make_vault({"wide.md": codecs.BOM_UTF16_BE + text.encode("utf-16-be")})
    assert run_cli("enrich", str(root), "--write")[0] == 0
    data = (root / "wide.md").read_bytes()
    assert data.startswith(codecs.BOM_UTF16_BE)
    written = data[2:].decode("utf-16-be")
    assert written.endswith(text)
    assert written.startswith("---\ntags:\n  - tweets\n")
    assert run_cli("enrich", str(root), "--check")[0] == 0


def test_utf8_bom_is_no_problem_and_moves_no_column(make_vault, check_json):
    root = make_vault({"bom.md": codecs.BOM_UTF8 + b"---\ntags: [a]\n---\n[[Missing]]\n"})
    code, document = check_json(root)
    assert code == 1
    assert problems(document) == [("broken-link", "bom.md", 4, 1)]


# --- NUL bytes ---------------------------------------------------------------------------------


def test_nul_bytes_make_a_binary_note_that_is_reported_not_parsed(
    make_vault, survive_every_command, run_cli
):
    root = make_vault(
        {"Target.md": "t", "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00 [[Target]] " + TWEET.encode()}
    )
    before = snapshot(root)
    document = survive_every_command(root, note="Target")
    assert problems(document) == [("unreadable-note", "binary.md", 3, 1)]
    assert "NUL" in document["problems"][0]["message"]
    assert backlink_sources(run_cli, root, "Target") == []
    assert run_cli("enrich", str(root), "--write")[0] == 0
    assert snapshot(root) == before


def test_nul_byte_late_in_a_note_is_read_but_never_edited(make_vault, run_cli, check_json):
    """A NUL after the first 8 KB is not probed for: the note is read as text (its links count)
    and ``check`` says nothing, but ``enrich`` refuses to edit it and says why."""
    data = b"x" * 9000 + b"\x00 [[Target]] " + TWEET.encode() + b"\n"
    root = make_vault({"Target.md": "t", "late.md": data})
    code, document = check_json(root)
    assert (code, problems(document)) == (0, [])
    assert backlink_sources(run_cli, root, "Target") == ["late.md"]
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0
    assert "skipped late.md: holds NUL characters" in err
    assert (root / "late.md").read_bytes() == data


# --- empty and huge ----------------------------------------------------------------------------


def test_empty_note_is_a_note_without_problems(make_vault, survive_every_command, run_cli):
    root = make_vault({"Empty.md": b"", "Linker.md": "[[Empty]]", "Blank.md": b"\n"})
    document = survive_every_command(root, note="Empty")
    assert problems(document) == []
    assert document["summary"]["notes"] == 3
    assert backlink_sources(run_cli, root, "Empty") == ["Linker.md"]


def test_a_50_mb_note(tmp_path, make_vault, run_cli, check_json):
    line = "Ordinary prose that goes on for a while, with nothing special in it at all.\n"
    chunk = line * 999 + "A link to [[Target]] and a #tag.\n"
    body = chunk * (50_000_000 // len(chunk) + 1)
    lines = body.count("\n")
    root = make_vault({"Target.md": "t", "Big.md": body + "Last line [[Missing]]"})
    assert (root / "Big.md").stat().st_size > 50_000_000
    started = time.perf_counter()
    code, document = check_json(root)
    assert (code, problems(document)) == (1, [("broken-link", "Big.md", lines + 1, 11)])
    assert backlink_sources(run_cli, root, "Target") == ["Big.md"] * (lines // 1000)
    code, out, _ = run_cli("stats", str(root), "--format", "json")
    assert code == 0
    assert json.loads(out)["notes"] == 2
    assert time.perf_counter() - started < 90


def test_a_note_of_one_10_mb_line(make_vault, run_cli, check_json):
    line = "word " * 2_000_000 + "[[Target]] [[Missing]] " + TWEET
    root = make_vault({"Target.md": "t", "Line.md": line})
    code, document = check_json(root)
    assert (code, problems(document)) == (1, [("broken-link", "Line.md", 1, 10_000_012)])
    assert backlink_sources(run_cli, root, "Target") == ["Line.md"]
    assert run_cli("enrich", str(root), "--write")[0] == 0
    written = (root / "Line.md").read_text(encoding="utf-8")
    # Two million words of prose around one tweet: a citation (issue 20).
    assert written.startswith('---\ncites:\n  - "[[@karpathy]]"\n')
    assert written.endswith("---\n" + line)


# --- line endings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "newline", [pytest.param("\r\n", id="crlf"), pytest.param("\r", id="lone-cr")]
)
def test_line_endings_keep_lines_and_columns(make_vault, survive_every_command, newline):
    text = (
        "---\ntags: [a]\n---\n# Real heading\n\nText [[Missing]]\n[[N#Nope]] [[N#Real heading]]\n"
    )
    root = make_vault({"N.md": text.replace("\n", newline)})
    document = survive_every_command(root, note="N")
    assert problems(document) == [
        ("broken-link", "N.md", 6, 6),
        ("broken-heading", "N.md", 7, 1),
    ]


def test_mixed_line_endings(make_vault, check_json):
    root = make_vault({"N.md": "one\r\ntwo\rthree\nfour [[Missing]]\r\n"})
    assert problems(check_json(root)[1]) == [("broken-link", "N.md", 4, 6)]


def test_lone_cr_note_is_edited_with_lone_cr(make_vault, run_cli):
    text = f"---\rtitle: x\r---\rSee {TWEET}\rend\r"
    root = make_vault({"cr.md": text})
    assert run_cli("enrich", str(root), "--write")[0] == 0
    assert (root / "cr.md").read_bytes() == (
        f'---\rtitle: x\rtags:\r  - tweets\rauthors:\r  - "[[@karpathy]]"\r---\rSee {TWEET}\rend\r'
    ).encode()
    assert run_cli("enrich", str(root), "--check")[0] == 0
