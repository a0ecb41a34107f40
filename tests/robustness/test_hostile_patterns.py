"""Lines crafted to make reports quadratic: output stays within a constant factor of the input."""

from __future__ import annotations

import json

import pytest

from conftest import time_limit

LINKS_ON_ONE_LINE = 100_000
OUTPUT_FACTOR = 60
"""Each row repeats a bounded window (160 characters plus the link), never the whole line."""


@pytest.mark.parametrize("command", ["backlinks", "links"])
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_many_links_on_one_line_give_linear_output(make_vault, run_cli, command, output_format):
    line = "[[a]] " * LINKS_ON_ONE_LINE
    root = make_vault({"a.md": "# a\n", "b.md": f"intro\n{line}\n"})
    query = "a" if command == "backlinks" else "b"
    with time_limit(120):
        code, out, err = run_cli(command, query, "--vault", str(root), "--format", output_format)
    assert (code, err) == (0, "")
    assert len(out) < OUTPUT_FACTOR * len(line)
    if output_format == "json":
        rows = json.loads(out)[command if command == "backlinks" else "links"]
        assert len(rows) == LINKS_ON_ONE_LINE
        assert max(len(row["context"]) for row in rows) <= 2 * 80 + len("[[a]]") + 2


def test_clipped_context_keeps_the_link_and_marks_each_cut(make_vault, run_cli):
    before, after = "x" * 200, "y" * 200
    root = make_vault({"a.md": "# a\n", "b.md": f"  {before} [[a]] {after}  \n"})
    code, out, err = run_cli("backlinks", "a", "--vault", str(root), "--format", "json")
    assert (code, err) == (0, "")
    [row] = json.loads(out)["backlinks"]
    assert row["column"] == 204
    assert row["context"] == "…" + "x" * 79 + " [[a]] " + "y" * 79 + "…"


def test_short_lines_keep_their_whole_context(make_vault, run_cli):
    root = make_vault({"a.md": "# a\n", "b.md": "   see [[a]] here  \n"})
    code, out, _ = run_cli("backlinks", "a", "--vault", str(root), "--format", "json")
    assert code == 0
    assert json.loads(out)["backlinks"][0]["context"] == "see [[a]] here"
