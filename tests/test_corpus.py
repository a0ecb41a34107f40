"""Two small hand-written vaults shaped like the real ones vaultkit was tried on, and their
complete ``vaultkit check --format json`` output.

``tests/corpus/logseq`` is a Logseq graph: an Org page with an ``:id:`` drawer, tab-indented
outlines under headings, query, src and quote blocks, an asset path with spaces, an empty alias
page and two pages aliasing each other, a template block, a namespace, a Readwise tweet page,
loosely written front-matter, a journal and a hidden folder. ``tests/corpus/obsidian`` is an
Obsidian vault: template folders of the core plugin and of Templater, placeholders in
front-matter and links, ``[[Tag] title](url)`` links, nested arrays in prose, links holding code
spans, a note with NUL bytes, an alias matched only by case, a Readwise export, odd file names
and an excluded folder. Every problem listed is a true one; everything else the apps show as
intended.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"

LOGSEQ = [
    ("missing-page", "journals/2024_03_01.md", 2, 27,
     "[[Readwise]]: page `Readwise` has no file (Logseq shows an empty page)"),
    ("missing-page", "pages/AI___Transformers.md", 1, 54,
     "[[Attention]]: page `Attention` has no file (Logseq shows an empty page)"),
    ("missing-page", "pages/Guide.md", 2, 8,
     "docs: page `docs` has no file (Logseq shows an empty page)"),
    ("missing-page", "pages/Guide.md", 20, 7,
     "[[Quoted Author]]: page `Quoted Author` has no file (Logseq shows an empty page)"),
    ("broken-embed", "pages/Guide.md", 24, 4,
     "![gone](../assets/gone file.png) embeds something that does not exist: "
     "`../assets/gone file.png`"),
    ("broken-block-ref", "pages/Guide.md", 25, 22,
     "((00000000-0000-4000-8000-000000000000)): no block has "
     "`id:: 00000000-0000-4000-8000-000000000000`"),
    ("missing-page", "pages/Tweets From Andrej Karpathy.md", 1, 10,
     "[[@karpathy on Twitter]]: page `@karpathy on Twitter` has no file (Logseq shows an "
     "empty page)"),
    ("missing-page", "pages/Tweets From Andrej Karpathy.md", 3, 12,
     "#tweets: page `tweets` has no file (Logseq shows an empty page)"),
    ("missing-page", "pages/Tweets From Andrej Karpathy.md", 6, 30,
     "[[Readwise]]: page `Readwise` has no file (Logseq shows an empty page)"),
    ("missing-page", "pages/term_rewriting.org", 3, 9,
     "logic: page `logic` has no file (Logseq shows an empty page)"),
    ("missing-page", "pages/term_rewriting.org", 9, 22,
     "[[Lambda Calculus][the lambda calculus]]: page `Lambda Calculus` has no file (Logseq "
     "shows an empty page)"),
]  # fmt: skip

OBSIDIAN = [
    ("link-to-alias", "Home.md", 6, 3,
     "[[RL]] names an alias of `Reinforcement Learning`, and Obsidian does not follow aliases "
     "in links; write [[Reinforcement Learning|RL]]"),
    ("link-to-alias", "Home.md", 6, 14,
     "[[man]] names no note: `man` matches the alias `MAN` of `Manual` only when case is "
     "ignored"),
    ("broken-link", "Home.md", 6, 41,
     "[[Notes (draft) #1]] links to a note that does not exist: `Notes (draft)`; did you mean "
     "`Notes (draft) #1`?"),
    ("malformed-link", "Home.md", 8, 6, "'[[' is never closed with ']]' on this line"),
    ("broken-link", "Journal/2024-03-01.md", 7, 19,
     "[[Supervized Learning]] links to a note that does not exist: `Supervized Learning`; did "
     "you mean `Supervised Learning`?"),
    ("broken-link", "Synced.md", 1, 6981,
     "[[Missing after the NULs]] links to a note that does not exist: "
     "`Missing after the NULs`"),
]  # fmt: skip

SUMMARIES = {
    "logseq": {"notes": 11, "attachments": 1, "problems": 11, "error": 2, "warning": 0, "info": 9},
    "obsidian": {
        "notes": 14,
        "attachments": 0,
        "problems": 6,
        "error": 5,
        "warning": 1,
        "info": 0,
    },
}


@pytest.mark.parametrize(("name", "expected"), [("logseq", LOGSEQ), ("obsidian", OBSIDIAN)])
@pytest.mark.parametrize(
    ("options", "runs"), [(["--no-cache"], 1), ([], 2)], ids=["cold", "cached"]
)
def test_the_corpus_gets_exactly_its_true_problems(
    tmp_path, run_cli, name, expected, options, runs
):
    """Checked cold, and twice with the caches (the second answer comes from them)."""
    root = shutil.copytree(CORPUS / name, tmp_path / name)
    for _ in range(runs):
        code, out, err = run_cli("check", str(root), "--format", "json", *options)
        assert (code, err) == (1, "")
        document = json.loads(out)
        assert document["flavor"] == name
        assert document["summary"] == SUMMARIES[name]
        found = [
            (p["rule"], p["path"], p["line"], p["column"], p["message"])
            for p in document["problems"]
        ]
        assert found == expected
