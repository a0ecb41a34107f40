"""Bounded fuzzing with hypothesis: the parser, the vault loader and ``check`` never fail.

* ``parse_note`` on arbitrary text, and on a soup of the tokens the parser looks for, in both
  flavours, never raises, and every position it reports (links, headings, tags, block ids,
  tweets, properties, problems, suppressions) points inside the text: the line within the note's
  line count, the column within that line's length plus one.
* ``load_vault`` on a small random tree of files holding random bytes never raises.
* ``vaultkit check --format json`` on such a tree exits with 0 or 1 and prints valid JSON.

``max_examples`` is kept modest so that the suite stays fast; run with
``--hypothesis-profile`` or a larger ``max_examples`` locally to search longer.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.load.vault import load_vault
from vaultkit.model import Flavor, Note
from vaultkit.parse.note import normalize_newlines, parse_note

UUID = "6500a000-0000-4000-8000-000000000000"
TOKENS = [
    "[[",
    "]]",
    "[",
    "]",
    "(",
    ")",
    "![[",
    "![",
    "](",
    "#",
    "#[[",
    "^",
    "^id",
    "|",
    "\\|",
    "\\",
    "`",
    "``",
    "```",
    "~~~",
    "$",
    "$$",
    "<!--",
    "-->",
    "%%",
    "---",
    "***",
    "===",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "1) ",
    "> ",
    "# ",
    "## ",
    "###### ",
    ":",
    "::",
    f"id:: {UUID}",
    "tags:: ",
    "alias:: ",
    "title:: ",
    "key:: ",
    f"(({UUID}))",
    "{{embed ",
    "}}",
    "https://twitter.com/a/status/1",
    "https://x.com/i/web/status/2",
    "https://twitter.com/search?q=from%3Ab",
    '<blockquote class="twitter-tweet">',
    '&mdash; Name (@h) <a href="https://twitter.com/h/status/3">',
    "</blockquote>",
    "<!-- vaultkit-disable-next-line broken-link -->",
    "vaultkit-disable: true",
    "tags: [a, b]",
    "aliases:",
    "  - x",
    'up: "[[P]]"',
    "a",
    "b c",
    " ",
    "é",
    "😀",
    "\u0301",
    "\ufeff",
    "\x00",
    "\u2028",
    ".md",
    "%20",
    "%",
]

ANY_TEXT = st.text(max_size=300)
TOKEN_SOUP = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=60).map("".join)
FLAVOR = st.sampled_from([Flavor.OBSIDIAN, Flavor.LOGSEQ])


def assert_positions_inside(note: Note, text: str) -> None:
    lines = normalize_newlines(text).split("\n")
    assert note.line_count == len(lines)

    def inside(what: object, line: int, column: int) -> None:
        assert 1 <= line <= len(lines), (what, line, len(lines))
        assert 1 <= column <= len(lines[line - 1]) + 1, (what, column, lines[line - 1])

    for link in note.links:
        inside(link, link.line, link.column)
        if "\n" not in link.raw:
            assert link.column - 1 + len(link.raw) <= len(lines[link.line - 1]), link
    for heading in note.headings:
        inside(heading, heading.line, heading.column)
        assert 1 <= heading.level <= 6
    for tag in note.tags:
        inside(tag, tag.line, tag.column)
        assert tag.name
    for block in note.block_ids:
        inside(block, block.line, block.column)
    for tweet in note.tweets:
        inside(tweet, tweet.line, tweet.column)
    for prop in note.properties:
        inside(prop, prop.line, prop.column)
        inside(prop, prop.line, prop.value_column)
    for problem in note.problems:
        inside(problem, problem.line, problem.column)
    for suppression in note.suppressions:
        inside(suppression, suppression.line, 1)
    if note.frontmatter is not None:
        inside("front-matter start", note.frontmatter.start_line, 1)
        inside("front-matter end", note.frontmatter.end_line, 1)


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT | TOKEN_SOUP, flavor=FLAVOR)
def test_parse_note_never_raises_and_positions_point_inside(text, flavor):
    path = "pages/n.md" if flavor is Flavor.LOGSEQ else "n.md"
    note = parse_note(text, path, flavor)
    assert_positions_inside(note, text)


@settings(max_examples=150, deadline=None)
@given(body=TOKEN_SOUP, yaml=st.lists(st.sampled_from(TOKENS), max_size=12).map("".join))
def test_parse_note_with_front_matter(body, yaml):
    text = f"---\n{yaml}\n---\n{body}"
    for flavor in Flavor:
        note = parse_note(text, "pages/n.md", flavor)
        assert_positions_inside(note, text)


# --- random vaults -----------------------------------------------------------------------------

NAME_PIECES = st.sampled_from([*"abcAB _-.#%^|[]()&'😀\n", "\u00e9", "e\u0301", "Note"])
NAME = (
    st.lists(NAME_PIECES, min_size=1, max_size=6)
    .map("".join)
    .filter(lambda name: not name.startswith("."))
)
CONTENT = st.one_of(
    st.binary(max_size=200),
    TOKEN_SOUP.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.tuples(TOKEN_SOUP, st.sampled_from(["utf-16-le", "utf-16-be"])).map(
        lambda pair: (
            (codecs.BOM_UTF16_LE if pair[1] == "utf-16-le" else codecs.BOM_UTF16_BE)
            + pair[0].encode(pair[1], "surrogatepass")
        )
    ),
    TOKEN_SOUP.map(lambda text: codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")),
)
FILE = st.tuples(
    st.lists(NAME, max_size=2),
    NAME,
    st.sampled_from([".md", ".md", ".md", ".MD", ".png", ".pdf", ""]),
    CONTENT,
)
APP = st.sampled_from(["none", "obsidian", "logseq"])
APP_CONFIG = st.one_of(
    st.binary(max_size=60),
    st.sampled_from(
        [
            b"{}",
            b'{"userIgnoreFilters": ["a"]}',
            b'{:hidden ["a"]}',
            b"{:file/name-format :triple-lowbar}",
        ]
    ),
)


def build_tree(root: Path, files, app: str, config: bytes) -> None:
    if app == "obsidian":
        (root / ".obsidian").mkdir()
        (root / ".obsidian" / "app.json").write_bytes(config)
    elif app == "logseq":
        (root / "logseq").mkdir()
        (root / "logseq" / "config.edn").write_bytes(config)
    for folders, name, suffix, content in files:
        folder = root.joinpath(*folders)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / (name + suffix)
            if not path.is_dir():
                path.write_bytes(content)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            continue  # a file where a folder should be: keep what is there


@settings(max_examples=60, deadline=None)
@given(files=st.lists(FILE, max_size=8), app=APP, config=APP_CONFIG, flavor=st.none() | FLAVOR)
def test_load_vault_never_raises(files, app, config, flavor):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_tree(root, files, app, config)
        vault = load_vault(root, flavor)
        for note in vault.notes:
            assert (root / note.path).is_file()
            for problem in note.problems:
                assert problem.line >= 1 and problem.column >= 1
        assert [note.path for note in vault.notes] == sorted(note.path for note in vault.notes)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=st.lists(FILE, max_size=8), app=APP, config=APP_CONFIG)
def test_check_json_on_a_random_vault(run_cli, files, app, config):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_tree(root, files, app, config)
        code, out, err = run_cli("check", str(root), "--format", "json", "--no-cache")
        notes = sum(1 for _ in _notes(root, app))
        if code == 2:  # a vault with no note to check is a usage error, never a green run
            assert (out, err) == (
                "",
                f"vaultkit: error: no notes in {root} (notes are .md files)\n",
            )
            assert notes == 0
            return
        assert code in (0, 1), err
        document = json.loads(out)
        assert document["summary"]["notes"] <= notes
        assert document["summary"]["problems"] == len(document["problems"])


def _notes(root: Path, app: str):
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if name.lower().endswith(".md") and not name.startswith("."):
                yield Path(folder) / name
