"""``vaultkit enrich``: clippings get their authors, notes citing tweets get ``cites`` (issue 20).

One test per form of the seeds (a list of tweet links, a Readwise tweet page, an article with no
tweets, a blog post with embedded tweets) and per form named in the issue (a Readwise export
folder, a roundup with its own author, a Readwise article, a help page, a journal day), each
saying which kind the note is, with the exact bytes written.
"""

from __future__ import annotations

import json
from pathlib import Path

KARPATHY = "https://twitter.com/karpathy/status/1599852921541128194"


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def status(handle: str, status_id: int) -> str:
    return f"https://twitter.com/{handle}/status/{status_id}"


def obsidian_page(handle: str, citations: list[tuple[str, list[str]]], *, name: str) -> str:
    lines = ["---", f'handle: "@{handle}"', f"twitter: https://twitter.com/{handle}", "---"]
    lines += [
        f"# {name}",
        "",
        "<!-- vaultkit:tweets start -->",
        "## Tweets cited in this vault",
        "",
    ]
    for link, urls in citations:
        lines.append(f"- {link}")
        lines += [f"  - {url}" for url in urls]
    return "\n".join([*lines, "<!-- vaultkit:tweets end -->"]) + "\n"


def kinds(run_cli, root: Path) -> dict[str, str]:
    code, out, err = run_cli("enrich", str(root), "--format", "json")
    assert (code, err) == (0, "")
    return {note["path"]: note["kind"] for note in json.loads(out)["notes"]}


def logseq_page(handle: str, citations: list[tuple[str, list[str]]], alias: str = "") -> str:
    lines = [f"handle:: @{handle}", f"twitter:: https://twitter.com/{handle}"]
    lines += [f"alias:: {alias}"] if alias else []
    lines += ["", "- Tweets cited in this graph", "  vaultkit:: tweets"]
    for link, urls in citations:
        lines.append(f"\t- {link}")
        lines += [f"\t\t- {url}" for url in urls]
    return "\n".join(lines) + "\n"


# --- seed 000: a list of tweet links with little else → clipping --------------------------------

TWEET_LIST = """\

# My Top 100 ML Tweets 2023

Just my journey on twitter this year.

## Jan

##
<p align="center">
    <img src="https://github.com/grensen/ml-tweets_private/blob/main/figures/force_of_cnns.png" >
</p>

[CNN Strikes Back](https://twitter.com/rasbt/status/1612113816363610112)

##
<p align="center">
    <img src="https://github.com/grensen/ml-tweets_private/blob/main/figures/crazy_2023.png" >
</p>

[Crazy times!](https://twitter.com/JoernLoviscach/status/1614200028263813121)
"""


def test_seed_list_of_tweet_links_is_a_clipping(make_vault, run_cli):
    vault = make_vault({"Clippings/Top Tweets.md": TWEET_LIST})
    assert kinds(run_cli, vault) == {"Clippings/Top Tweets.md": "clipping"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Clippings/Top Tweets.md").read_text() == (
        '---\ntags:\n  - tweets\nauthors:\n  - "[[@JoernLoviscach]]"\n  - "[[@rasbt]]"\n---\n'
        + TWEET_LIST
    )


# --- seed 001: a Readwise tweet page with its author:: → clipping, author respected -------------

READWISE = """\
title:: Tweets From Andrej Karpathy (highlights)
author:: [[@karpathy on Twitter]]
full-title:: "Tweets From Andrej Karpathy"
category:: #tweets
url:: https://twitter.com/karpathy

- Highlights first synced by [[Readwise]] [[Nov 19th, 2022]]
\t- A friend yesterday mentioned that semiconductor tech is probably the deepest node in our \
civilization's explored tech tree. ([View Tweet](https://twitter.com/karpathy/status/1429478697946402816))
"""


def test_seed_readwise_tweet_page_is_a_clipping_and_keeps_its_author(make_vault, run_cli):
    vault = make_vault({"pages/Tweets From Andrej Karpathy.md": READWISE}, flavor="logseq")
    assert kinds(run_cli, vault) == {"pages/Tweets From Andrej Karpathy.md": "clipping"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        "logseq/config.edn": b"{:file/name-format :triple-lowbar}\n",
        "pages/Tweets From Andrej Karpathy.md": READWISE.encode(),
        "pages/@karpathy on Twitter.md": logseq_page(
            "karpathy",
            [
                (
                    "[[Tweets From Andrej Karpathy (highlights)]]",
                    [status("karpathy", 1429478697946402816)],
                )
            ],
        ).encode(),
    }


def test_readwise_author_is_completed_never_doubled(make_vault, run_cli):
    thread = (
        "author:: [[@karpathy on Twitter]]\ncategory:: #tweets\n\n"
        "- Quoting https://twitter.com/ylecun/status/5 in https://twitter.com/karpathy/status/6\n"
    )
    vault = make_vault({"pages/Thread.md": thread}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/Thread.md").read_text() == thread.replace(
        "author:: [[@karpathy on Twitter]]\n", "author:: [[@karpathy on Twitter]], [[@ylecun]]\n"
    )
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


def test_obsidian_single_author_is_respected(make_vault, run_cli):
    note = (
        "---\nauthor: John Smith\nsource: https://twitter.com/jsmith/status/1\n---\n"
        "Hello from https://twitter.com/jsmith/status/1\n"
    )
    vault = make_vault({"Clip.md": note})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Clip.md").read_text() == (
        "---\nauthor: John Smith\nsource: https://twitter.com/jsmith/status/1\n"
        "tags:\n  - tweets\n---\nHello from https://twitter.com/jsmith/status/1\n"
    )


# --- seeds 002 and 004: notes without tweets → neither, untouched ------------------------------


def test_seed_notes_without_tweets_are_untouched(make_vault, run_cli):
    vault = make_vault(
        {
            "Top Twitter Topics.md": (
                "Top Twitter Topics by Data Scientists #13\n\nYann LeCun shared the link to "
                "the source code, datasets and trained models on Github.\n"
            ),
            "ML.md": "* [[Low Level of Training a Model]]\n* [PyTorch](https://pytorch.org)\n",
        }
    )
    before = snapshot(vault)
    assert kinds(run_cli, vault) == {}
    assert run_cli("enrich", "--write", cwd=vault) == (0, "0 authors; nothing to change.\n", "")
    assert snapshot(vault) == before


# --- seed 003: a blog post with embedded tweets among its prose → citation ----------------------

EMBED = (
    '<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Our paper is out'
    '</p>&mdash; Zachary Lipton (@zacharylipton) <a href="https://twitter.com/zacharylipton/'
    'status/1161764388556029952?ref_src=twsrc%5Etfw">August 14, 2019</a></blockquote>\n'
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>\n'
)
PROSE = (
    "Our power is in our tools. Twitter is a great microblogging platform and a great academic "
    "tool. Probably, you see it as some virtual water cooler where you can grab some ideas from "
    "your colleagues, but it is more than that.\n"
)
BLOG = (
    '---\nlayout: post\ntitle:  "Academic twitter"\ntags: [productivity, research]\n---\n\n'
    f"{PROSE}\n## Job posting\n\n{EMBED}"
)


def test_seed_blog_post_with_embedded_tweets_is_a_citation(make_vault, run_cli):
    vault = make_vault({"Blog/academic-twitter.md": BLOG})
    assert kinds(run_cli, vault) == {"Blog/academic-twitter.md": "citation"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Blog/academic-twitter.md").read_text() == BLOG.replace(
        "research]\n---\n", 'research]\ncites: ["[[@zacharylipton]]"]\n---\n'
    )


def test_one_embedded_tweet_is_a_clipping(make_vault, run_cli):
    vault = make_vault({"Paper.md": EMBED})
    assert kinds(run_cli, vault) == {"Paper.md": "clipping"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Paper.md").read_text() == (
        f'---\ntags:\n  - tweets\nauthors:\n  - "[[@zacharylipton]]"\n---\n{EMBED}'
    )


# --- the forms the issue names ------------------------------------------------------------------

READWISE_OBSIDIAN = """\
# Tweets From Andrej Karpathy

## Metadata
- Author: [[@karpathy on Twitter]]
- Full Title: Tweets From Andrej Karpathy
- Category: #tweets
- URL: https://twitter.com/karpathy

## Highlights
- A friend yesterday mentioned that semiconductor tech is probably the deepest node in our \
civilization's explored tech tree. This actually sounds right, but is also a fun concept, any \
other candidates? ([View Tweet](https://twitter.com/karpathy/status/1429478697946402816))
"""


def test_readwise_obsidian_export_is_a_clipping_whose_author_link_starts_working(
    make_vault, run_cli
):
    path = "Readwise/Tweets/Tweets From Andrej Karpathy.md"
    vault = make_vault({path: READWISE_OBSIDIAN})
    assert kinds(run_cli, vault) == {path: "clipping"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        path: READWISE_OBSIDIAN.encode(),
        "Twitter/@karpathy on Twitter.md": obsidian_page(
            "karpathy",
            [("[[Tweets From Andrej Karpathy]]", [status("karpathy", 1429478697946402816)])],
            name="@karpathy on Twitter",
        ).encode(),
    }


def test_a_note_in_a_tweets_folder_is_a_clipping(make_vault, run_cli):
    text = f"{PROSE}{KARPATHY}\n"
    vault = make_vault({"Tweets/Data engine.md": text})
    assert kinds(run_cli, vault) == {"Tweets/Data engine.md": "clipping"}


def test_a_tweet_source_makes_a_clipping(make_vault, run_cli):
    text = f"---\nsource: {KARPATHY}\n---\n{PROSE}{KARPATHY}\n"
    vault = make_vault({"Data engine.md": text})
    assert kinds(run_cli, vault) == {"Data engine.md": "clipping"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Data engine.md").read_text() == (
        f'---\nsource: {KARPATHY}\ntags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n---\n'
        f"{PROSE}{KARPATHY}\n"
    )


ROUNDUP = (
    "---\nauthor: Eleanor Konik\ntags: [roundup]\n---\n# Roundup #12\n\n"
    f"{PROSE}\nHarold shared his setup: https://twitter.com/hstagner/status/1234567\n"
)


def test_roundup_with_its_own_author_is_a_citation(make_vault, run_cli):
    vault = make_vault({"Roundup.md": ROUNDUP})
    assert kinds(run_cli, vault) == {"Roundup.md": "citation"}
    assert run_cli("enrich", "--write", cwd=vault) == (
        0,
        "citations: 1 note given cites\nauthor pages: 1 new\n"
        "1 author; wrote 2 of 2 files (1 new author page, 1 updated file).\n",
        "",
    )
    assert (vault / "Roundup.md").read_text() == ROUNDUP.replace(
        "[roundup]\n", '[roundup]\ncites: ["[[@hstagner]]"]\n'
    )


ARTICLE = """\
author:: [[in.swiftui.wtf]]
category:: #articles
url:: https://in.swiftui.wtf/layout

- Highlights
\t- Layout is a negotiation ([tweet](https://twitter.com/chriseidhof/status/99))
"""


def test_readwise_article_citing_a_tweet_is_a_citation(make_vault, run_cli):
    vault = make_vault({"pages/SwiftUI Layout.md": ARTICLE}, flavor="logseq")
    assert kinds(run_cli, vault) == {"pages/SwiftUI Layout.md": "citation"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/SwiftUI Layout.md").read_text() == ARTICLE.replace(
        "layout\n\n", "layout\ncites:: [[@chriseidhof]]\n\n"
    )


HELP = """\
- Queries find blocks.
- As Ramses said https://twitter.com/rroudt/status/42 they are fast.
\tid:: 6500a1b2-0000-4000-8000-000000000001
- More about tables.
\t- A nested block quoting https://twitter.com/tienson/status/7
\t  with more text
"""


def test_help_page_gets_cites_on_the_blocks_that_cite(make_vault, run_cli):
    vault = make_vault({"pages/Queries.md": HELP}, flavor="logseq")
    assert kinds(run_cli, vault) == {"pages/Queries.md": "citation"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/Queries.md").read_text() == (
        "- Queries find blocks.\n"
        "- As Ramses said https://twitter.com/rroudt/status/42 they are fast.\n"
        "\tid:: 6500a1b2-0000-4000-8000-000000000001\n"
        "  cites:: [[@rroudt]]\n"
        "- More about tables.\n"
        "\t- A nested block quoting https://twitter.com/tienson/status/7\n"
        "\t  cites:: [[@tienson]]\n"
        "\t  with more text\n"
    )
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


JOURNAL = """\
- Morning: wrote the report
- Read https://twitter.com/karpathy/status/3 about data engines
  cites:: [[Someone]]
- Lunch
"""


def test_journal_day_gets_cites_on_its_tweet_block_and_no_page_tag(make_vault, run_cli):
    vault = make_vault({"journals/2024_01_02.md": JOURNAL}, flavor="logseq")
    assert kinds(run_cli, vault) == {"journals/2024_01_02.md": "citation"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "journals/2024_01_02.md").read_text() == JOURNAL.replace(
        "[[Someone]]", "[[Someone]], [[@karpathy]]"
    )
    assert (vault / "pages/@karpathy.md").read_text() == logseq_page(
        "karpathy", [("[[Jan 2nd, 2024]]", [status("karpathy", 3)])]
    )
    assert run_cli("enrich", "--write", cwd=vault) == (0, "1 author; nothing to change.\n", "")


def test_crlf_journal_block_property(make_vault, run_cli):
    day = b"- Lunch\r\n\t- Read https://twitter.com/karpathy/status/3\r\n"
    vault = make_vault({"journals/2024_01_02.md": day}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "journals/2024_01_02.md").read_bytes() == (
        b"- Lunch\r\n\t- Read https://twitter.com/karpathy/status/3\r\n"
        b"\t  cites:: [[@karpathy]]\r\n"
    )


# --- settings and the review formats ------------------------------------------------------------


def test_cites_property_is_configurable(make_vault, run_cli):
    vault = make_vault({".vaultkit.toml": '[enrich]\ncites = "tweets-by"\n', "Roundup.md": ROUNDUP})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Roundup.md").read_text() == ROUNDUP.replace(
        "[roundup]\n", '[roundup]\ntweets-by: ["[[@hstagner]]"]\n'
    )


def test_empty_cites_property_is_a_config_error(make_vault, run_cli):
    vault = make_vault({".vaultkit.toml": '[enrich]\ncites = ""\n', "Roundup.md": ROUNDUP})
    code, out, err = run_cli("enrich", cwd=vault)
    assert (code, out) == (2, "")
    assert "enrich.cites must not be empty" in err


def test_json_marks_each_change_with_its_kind(make_vault, run_cli):
    vault = make_vault({"Roundup.md": ROUNDUP, "Paper.md": EMBED})
    code, out, err = run_cli("enrich", str(vault), "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert [(change["path"], change["kind"]) for change in document["changes"]] == [
        ("Paper.md", "clipping"),
        ("Roundup.md", "citation"),
        ("Twitter/@hstagner.md", "author-page"),
        ("Twitter/@zacharylipton.md", "author-page"),
    ]
    assert document["notes"] == [
        {"path": "Paper.md", "kind": "clipping", "why": "tweets and little else"},
        {"path": "Roundup.md", "kind": "citation", "why": "cites tweets among other text"},
    ]


def test_write_prints_a_line_per_kind_of_change(make_vault, run_cli):
    vault = make_vault({"Roundup.md": ROUNDUP, "Paper.md": EMBED, "@hstagner.md": "# Harold\n"})
    assert run_cli("enrich", "--write", cwd=vault) == (
        0,
        "clippings: 1 note given its authors\n"
        "citations: 1 note given cites\n"
        "author pages: 1 new, 1 updated\n"
        "2 authors; wrote 4 of 4 files (1 new author page, 3 updated files).\n",
        "",
    )


def test_obsidian_daily_note_is_a_citation(make_vault, run_cli):
    day = "- Read https://twitter.com/karpathy/status/3\n"
    vault = make_vault({"Daily/2024-01-02.md": day})
    assert kinds(run_cli, vault) == {"Daily/2024-01-02.md": "citation"}
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Daily/2024-01-02.md").read_text() == (
        f'---\ncites:\n  - "[[@karpathy]]"\n---\n{day}'
    )
