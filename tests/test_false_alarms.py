"""No false alarm on what Obsidian shows correctly; each class found on a real vault.

Each test builds the shape the real vault had and states the exact problems (none where the
app is happy), with a true problem beside it where one proves the rule still fires.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.config.globs import _automaton_matcher, _regex, _tokens, compile_globs

from conftest import checked_places as check
from conftest import time_limit

# --- malformed-link: a `[[` that opens no wikilink ----------------------------------------------


def test_a_markdown_link_whose_text_starts_with_a_bracket(make_vault, run_cli):
    """The community vault's ~70 false warnings: GitHub issue titles like `[BUG] …`."""
    root = make_vault(
        {
            "Roundup.md": (
                "- [[BUG] Sync fails on iOS](https://github.com/obsidianmd/obsidian-releases/issues/1)\n"
                "- [[FR] Canvas](https://forum.obsidian.md/t/1) and [[Canvas]]\n"
                "- An [[unclosed wikilink at the end\n"
            ),
            "Canvas.md": "",
        }
    )
    assert check(run_cli, root, "--severity", "warning") == [("malformed-link", "Roundup.md", 3, 6)]
    _, out, _ = run_cli("links", "Roundup", "--vault", str(root), "--format", "json")
    assert [row["link"] for row in json.loads(out)["links"]] == ["[[Canvas]]"]


def test_nested_arrays_and_snippets_in_prose_are_text(make_vault, run_cli):
    root = make_vault(
        {
            "Math.md": (
                "The rotation is R = [[1,0,0,0],\n"
                "[0,1,0,0]]\n"
                'and the data: x = [["a", "b"],\n'
                "grid [[-1, 2],\n"
                "a config {[[{'k': 1}],\n"
                "see [[Real Note\n"
            )
        }
    )
    assert check(run_cli, root, "--severity", "warning") == [("malformed-link", "Math.md", 6, 5)]


# --- inline code inside a link is part of the link ---------------------------------------------


def test_code_spans_inside_wikilinks_belong_to_the_link(make_vault, run_cli):
    root = make_vault(
        {
            "CLI.md": "# Commands\n### `move`\nMoves things.\n",
            "TIL `Docker Build` Can Use a Cache.md": "",
            "Index.md": (
                "See [[CLI#`move`|move]], [[TIL `Docker Build` Can Use a Cache]] and "
                "[[CLI#`copy`]].\n"
                "Not links: `[[Inside Code]]` and `a [[b` c]].\n"
            ),
        }
    )
    assert check(run_cli, root) == [("broken-heading", "Index.md", 1, 69)]
    _, out, _ = run_cli("check", str(root), "--format", "json", "--no-cache")
    (message,) = [problem["message"] for problem in json.loads(out)["problems"]]
    assert message.startswith("[[CLI#`copy`]]: `CLI` has no heading `` `copy` ``")


def test_a_check_after_enrich_finds_no_link_enrich_wrote(make_vault, run_cli):
    """enrich links a citing note's title into the author page; titles with code spans,
    brackets and pipes must come out as links that resolve."""
    tweet = "https://twitter.com/karpathy/status/1599852921541128194"
    root = make_vault(
        {
            "TIL `Docker Build` Can Use a Cache.md": f"{tweet}\n",
            "Notes (draft) #1.md": f"{tweet}\n",
        }
    )
    assert check(run_cli, root) == []
    code, _, err = run_cli("enrich", str(root), "--write")
    assert code == 0, err
    assert check(run_cli, root) == []


# --- a text note with a few NUL bytes is still a note -----------------------------------------


def test_a_note_with_stray_nul_bytes_is_read(make_vault, run_cli):
    body = ("Some text about [[Target]] and more words. " * 150).encode()
    root = make_vault(
        {
            "Synced.md": body + b"\x00\x00\x00\x00 tail [[Missing one]] [[Missing two]]\n",
            "Target.md": "t",
            "Image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00 [[Missing three]]",
        }
    )
    assert len((root / "Synced.md").read_bytes()) > 6_000
    assert check(run_cli, root, "--severity", "warning") == [
        ("unreadable-note", "Image.md", 3, 1),
        ("broken-link", "Synced.md", 1, 6461),
        ("broken-link", "Synced.md", 1, 6477),
    ]


# --- exclude and Obsidian's "Excluded files" match every name --------------------------------


def test_exclude_matches_names_with_line_feeds(make_vault, run_cli):
    root = make_vault(
        {
            ".vaultkit.toml": 'exclude = ["Readwise/", "*.draft.md"]\n',
            ".obsidian/app.json": json.dumps({"userIgnoreFilters": ["Clippings/", "/^Old\\//"]}),
            "Readwise/Tweets/How to Analyze A\nThread.md": "[[Nowhere]]\n",
            "Clippings/Saved\nfrom the web.md": "[[Nowhere]]\n",
            "Old/Line\nbreak.md": "[[Nowhere]]\n",
            "Ideas\non paper.draft.md": "[[Nowhere]]\n",
            "Kept\nname.md": "[[Nowhere]]\n",
        }
    )
    assert check(run_cli, root) == [("broken-link", "Kept\nname.md", 1, 1)]


# --- user patterns run in bounded time --------------------------------------------------------


def test_a_glob_with_many_wildcards_is_matched_without_backtracking():
    matches = compile_globs(["**a**a**a**a**a**a**a**a**c"])
    with time_limit(5):
        assert not matches("a" * 60 + "!")
        assert not matches("a" * 5_000)
        assert matches("xaaaaaaaac")
        assert matches("a/a/a/a/a/a/a/a/c/inside.md")


def test_a_backtracking_excluded_files_filter_is_refused_and_reported(make_vault, run_cli):
    root = make_vault(
        {
            ".obsidian/app.json": json.dumps({"userIgnoreFilters": ["/^(a+)+$/", "/^Daily\\//"]}),
            "a" * 30 + "!.md": "[[Nowhere]]\n",
            "Daily/2024-01-01.md": "[[Nowhere]]\n",
        }
    )
    with time_limit(20):
        _, out, _ = run_cli("check", str(root), "--format", "json", "--no-cache")
    problems = json.loads(out)["problems"]
    assert [(p["rule"], p["path"]) for p in problems] == [
        ("unreadable-note", ".obsidian/app.json"),
        ("broken-link", "a" * 30 + "!.md"),
    ]
    assert problems[0]["message"] == (
        "Excluded files filter '/^(a+)+$/' is not used: it repeats a repetition, which can take "
        "exponential time"
    )


_GLOB_PART = st.sampled_from(["a", "b", "/", "*", "**", "**/", "?", "."])
_PATH_PART = st.sampled_from(["a", "b", "/", ".", "\n"])


@given(
    parts=st.lists(_GLOB_PART, min_size=1, max_size=8),
    path=st.lists(_PATH_PART, max_size=10).map("".join),
    anywhere=st.booleans(),
)
def test_the_automaton_matches_as_the_regex_does(parts, path, anywhere):
    pattern = "".join(parts)
    tokens = _tokens(pattern, anywhere)
    expected = re.fullmatch(_regex(tokens), path, re.DOTALL) is not None
    assert _automaton_matcher(tokens)(path) == expected


@pytest.mark.parametrize("pattern", ["Templates/", "*.excalidraw.md", "**/drafts/*", "a*b*c*d"])
def test_every_pattern_kind_matches_as_documented(pattern):
    matches = compile_globs([pattern])
    expected = {
        "Templates/": ["Templates/Daily.md", "Templates/a/b.md"],
        "*.excalidraw.md": ["x.excalidraw.md", "deep/er/y.excalidraw.md"],
        "**/drafts/*": ["drafts/a.md", "x/y/drafts/b.md", "drafts/c/d.md"],
        "a*b*c*d": ["abcd", "x/aXbXcXd", "aXbXcXd/inside.md"],
    }[pattern]
    for path in expected:
        assert matches(path), path
    for path in ("Other/Daily.md", "a/b/c/d", "templates.md"):
        assert not matches(path), path
