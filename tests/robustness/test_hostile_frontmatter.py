"""Hostile front-matter through the real commands.

``tests/test_parse_frontmatter.py`` holds the parser's answers (fault lines, the alias bomb's
size, the refused ``!!python`` tag); here the same inputs go through ``check``, the reports and
``enrich``, with the parse cache on (the default), which stores front-matter values too.

Decided here (for the README's "Safety" section):

* TOML ``+++`` and JSON ``{…}`` front-matter are not read by Obsidian or Logseq, which show them
  as text. vaultkit reads them as body text too: no problem is reported, their ``key = value``
  lines give no tags or aliases, and links written in them count like any link in the body.
  ``enrich`` leaves such a note alone (a YAML block above them would hide them from Hugo and
  the like), as it leaves alone unclosed front-matter, invalid YAML and YAML with anchors.
* A key written twice is ``invalid-frontmatter`` (YAML wants unique keys; Obsidian flags it).
* An alias bomb is read in bounded time and memory; deep nesting is read or reported, never a
  ``RecursionError``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tracemalloc
from itertools import pairwise

import pytest
import yaml

from vaultkit.parse import frontmatter as frontmatter_module

from .conftest import TWEET, problems, snapshot


def alias_bomb(levels: int, tail: str = "") -> str:
    """YAML "billion laughs": ``levels`` anchors, each a list of nine of the one before."""
    names = [chr(ord("a") + index) for index in range(levels + 1)]
    lines = ["---", f"{names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, name in pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join([*lines, tail, "---", ""]) if tail else "\n".join([*lines, "---", ""])


DEEP_OR_INVALID = "not valid YAML|nested too deeply to read"


# --- unterminated, not a mapping, tabs ---------------------------------------------------------


def test_unterminated_front_matter_is_reported_and_the_body_still_read(
    make_vault, survive_every_command, run_cli
):
    root = make_vault(
        {"Open.md": "---\ntitle: x\ntags: [a]\nbody [[Target]] [[Missing]]\n", "Target.md": "t"}
    )
    document = survive_every_command(root, note="Target")
    assert problems(document) == [
        ("invalid-frontmatter", "Open.md", 1, 1),
        ("broken-link", "Open.md", 4, 17),
    ]
    assert "never closed" in document["problems"][0]["message"]


def test_enrich_leaves_unterminated_front_matter_alone(make_vault, run_cli):
    text = f"---\ntitle: x\ntags: [a]\nbody {TWEET}\n"
    root = make_vault({"Open.md": text})
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0
    assert "skipped Open.md" in err
    assert (root / "Open.md").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("yaml", "line", "words"),
    [
        pytest.param("- a\n- b", 2, "is a list, not a mapping", id="list"),
        pytest.param("just words", 2, "is a str, not a mapping", id="scalar"),
        pytest.param("tags:\n\t- a", 3, "not valid YAML", id="tab-indent"),
        pytest.param("\ttags: [a]", 2, "not valid YAML", id="tab-first"),
        # A backend with a nesting limit stops there, before it sees the brackets never close.
        pytest.param("k: " + "[" * 10_000, 2, DEEP_OR_INVALID, id="10000-open-brackets"),
        pytest.param("k: " + "{" * 10_000, 2, DEEP_OR_INVALID, id="10000-open-braces"),
    ],
)
def test_front_matter_that_is_no_mapping(
    make_vault, survive_every_command, check_json, run_cli, yaml, line, words
):
    text = f"---\n{yaml}\n---\n{TWEET} [[Target]]\n"
    root = make_vault({"Bad.md": text, "Target.md": "t"})
    started = time.perf_counter()
    if len(yaml) > 1000:
        document = check_json(root)[1]
    else:
        document = survive_every_command(root, note="Target")
    assert time.perf_counter() - started < 30
    assert problems(document) == [("invalid-frontmatter", "Bad.md", line, 1)]
    message = document["problems"][0]["message"]
    assert any(word in message for word in words.split("|"))
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0
    assert "skipped Bad.md" in err
    assert (root / "Bad.md").read_text(encoding="utf-8") == text


def test_tab_inside_a_value_is_fine(make_vault, check_json):
    root = make_vault({"Tab.md": "---\ntitle: a\tb\ntags: [x]\n---\n"})
    code, document = check_json(root)
    assert (code, problems(document)) == (0, [])


# --- nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("[" * 600 + "]" * 600, id="600-nested-lists"),
        pytest.param("{a: " * 600 + "1" + "}" * 600, id="600-nested-mappings"),
        pytest.param("[" * 10_000 + "]" * 10_000, id="10000-nested-lists"),
    ],
)
def test_deeply_nested_front_matter_that_is_valid(make_vault, run_cli, check_json, value):
    """Valid YAML, but deeper than some backends go: the libyaml bundled with newer PyYAML
    wheels refuses nesting past 1,000 levels, older ones read it. Either reading is fine as
    long as the note is still read and a refusal says why in vaultkit's own words."""
    root = make_vault({"Deep.md": f"---\nk: {value}\n---\n[[Missing]]\n"})
    code, document = check_json(root)
    assert code == 1
    found = problems(document)
    assert found[-1] == ("broken-link", "Deep.md", 4, 1)
    if len(found) == 2:
        assert found[0] == ("invalid-frontmatter", "Deep.md", 2, 1)
        assert document["problems"][0]["message"] == "front-matter is nested too deeply to read"
    else:
        assert len(found) == 1
    assert run_cli("stats", str(root))[0] == 0


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(RecursionError("maximum recursion depth exceeded"), id="python-parser"),
        pytest.param(
            yaml.parser.ParserError(
                "while increasing flow level", None, "exceeded maximum nesting depth", None
            ),
            id="libyaml-limit",
        ),
    ],
)
def test_nesting_faults_read_alike_whatever_the_backend(monkeypatch, fault):
    def refuse(_text):
        raise fault

    monkeypatch.setattr(frontmatter_module._HANDLER, "load", refuse)
    data, problem = frontmatter_module.load_yaml_mapping("k: [[[x]]]\n", first_line=2)
    assert data == {}
    assert problem is not None
    assert (problem.code, problem.message, problem.line) == (
        "invalid-frontmatter",
        "front-matter is nested too deeply to read",
        2,
    )


def test_nesting_below_the_recursion_limit_is_read(make_vault, run_cli, check_json):
    value = "[" * 300 + "]" * 300
    root = make_vault({"Deep.md": f"---\nk: {value}\ntags: [deep]\n---\n[[Missing]]\n"})
    for _ in range(2):  # cold, then from the cache
        code, document = check_json(root)
        assert (code, problems(document)) == (1, [("broken-link", "Deep.md", 5, 1)])


def test_deep_block_nesting(make_vault, check_json):
    yaml = "".join(" " * depth + f"k{depth}:\n" for depth in range(300))
    root = make_vault({"Deep.md": f"---\n{yaml}---\n[[Missing]]\n"})
    assert problems(check_json(root)[1]) == [("broken-link", "Deep.md", 303, 1)]


# --- the alias bomb ----------------------------------------------------------------------------


def test_alias_bomb_is_read_fast_and_small(make_vault, survive_every_command, run_cli):
    tail = 'tags: *i\naliases: *i\nup: "[[Target]]"'
    root = make_vault({"Bomb.md": alias_bomb(8, tail) + TWEET + "\n", "Target.md": "t"})
    before = snapshot(root)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        document = survive_every_command(root, note="Target")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 30
    assert peak < 200_000_000
    assert problems(document) == []
    # The tags are an alias: not a form vaultkit edits.
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0
    assert "skipped Bomb.md" in err
    assert {path: data for path, data in snapshot(root).items() if path == "Bomb.md"} == {
        "Bomb.md": before["Bomb.md"]
    }


def test_enrich_next_to_an_alias_bomb_finishes(make_vault):
    root = make_vault({"Bomb.md": alias_bomb(8, "tags: [x]") + TWEET + "\n"})
    try:
        result = subprocess.run(
            [sys.executable, "-m", "vaultkit", "enrich", str(root)],
            capture_output=True,
            text=True,
            timeout=3,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("vaultkit enrich did not finish within 3 s")
    assert result.returncode == 0, result.stderr


# --- duplicate keys ----------------------------------------------------------------------------


def test_duplicate_keys_are_invalid_front_matter(make_vault, check_json):
    root = make_vault({"Dup.md": "---\ntags: [a]\ntitle: x\ntags: [b]\n---\n"})
    code, document = check_json(root)
    assert (code, problems(document)) == (1, [("invalid-frontmatter", "Dup.md", 4, 1)])


@pytest.mark.parametrize(
    "yaml",
    [
        pytest.param('a: "line one\ntitle: two"\ntitle: x', id="double-quoted"),
        pytest.param("a: 'line one\ntitle: two'\ntitle: x", id="single-quoted"),
        pytest.param("a: {x: 1,\ny: 2}\ny: 3", id="flow-mapping"),
    ],
)
def test_continuation_lines_are_not_keys(make_vault, check_json, yaml):
    root = make_vault({"N.md": f"---\n{yaml}\n---\n"})
    code, document = check_json(root)
    assert (code, problems(document)) == (0, [])


def test_duplicate_keys_are_never_edited(make_vault, run_cli):
    text = f"---\ntags: [a]\ntags: [b]\n---\n{TWEET}\n"
    root = make_vault({"Dup.md": text})
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0
    assert "skipped Dup.md" in err
    assert (root / "Dup.md").read_text(encoding="utf-8") == text


# --- tags that run code ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
    ],
)
def test_python_tags_never_run(make_vault, run_cli, tmp_path, tag):
    marker = tmp_path / "PWNED"
    yaml = f"x: {tag} ['touch {marker}']\ntags: [a]"
    if tag.startswith("!!python/name"):
        yaml = f"x: {tag} ''\ntags: [a]"
    root = make_vault({"Evil.md": f"---\n{yaml}\n---\n{TWEET}\n"})
    code, out, _ = run_cli("check", str(root), "--format", "json")
    assert code == 1
    assert "invalid-frontmatter" in out
    for args in (("stats",), ("orphans",), ("enrich",), ("enrich", "--write")):
        assert run_cli(*args, str(root))[0] in (0, 1)
    assert not marker.exists()


# --- front-matter that is not YAML -------------------------------------------------------------

TOML = '+++\ntitle = "Hugo post"\ntags = ["toml"]\nup = "[[Target]]"\n+++\nBody [[Missing]]\n'
JSON = (
    '{\n  "title": "Hugo post",\n  "tags": ["json"],\n  "up": "[[Target]]"\n}\nBody [[Missing]]\n'
)


@pytest.mark.parametrize("text", [pytest.param(TOML, id="toml"), pytest.param(JSON, id="json")])
def test_toml_and_json_front_matter_are_body_text(make_vault, survive_every_command, run_cli, text):
    root = make_vault({"Post.md": text, "Target.md": "t"})
    document = survive_every_command(root, note="Target")
    assert problems(document) == [("broken-link", "Post.md", 6, 6)]
    code, out, _ = run_cli("backlinks", "Target", "--vault", str(root), "--format", "json")
    assert [row["line"] for row in __import__("json").loads(out)["backlinks"]] == [4]
    code, out, _ = run_cli("stats", str(root), "--format", "json")
    assert (code, json.loads(out)["top_tags"]) == (0, [])


@pytest.mark.parametrize("text", [pytest.param(TOML, id="toml"), pytest.param(JSON, id="json")])
def test_enrich_leaves_toml_and_json_front_matter_alone(make_vault, run_cli, text):
    text = text.replace("Body", f"Body {TWEET}")
    root = make_vault({"Post.md": text, "Target.md": "t"})
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0
    assert "skipped Post.md" in err
    assert (root / "Post.md").read_text(encoding="utf-8") == text
