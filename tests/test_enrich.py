"""``vaultkit enrich``: tweet authors, their pages, and the tags and links added to citing notes.

On copies of the example vaults and on small vaults, with exact expected bytes: who the authors
are (and what does not count), the pages created or updated, each front-matter and property form
edited in its own style, CRLF/BOM notes, untouched notes, idempotence, incremental runs, files
changed mid-run, existing author pages, configuration, the JSON document and refused edits.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import vaultkit.commands.enrich as enrich_command
from vaultkit.config.settings import EnrichSettings, Settings
from vaultkit.edit.write import WriteRefused, write_change
from vaultkit.enrich.plan import plan_enrichment
from vaultkit.load.vault import load_vault
from vaultkit.model import TweetKind

from conftest import EXAMPLES

READWISE = "pages/Tweets From Andrej Karpathy.md"
BLOG = "Blog/2019-10-20-academic-twitter.md"
CLIPPINGS = "Clippings/My Top 100 ML Tweets 2023.md"
START = "<!-- vaultkit:tweets start -->"
END = "<!-- vaultkit:tweets end -->"

BLOG_AUTHORS = {
    "bayesgroup": "Bayesian Methods Research Group",
    "DmitryUlyanovML": "Dmitry Ulyanov",
    "emnlp2019": "emnlp2019",
    "hima_lakkaraju": "Hima Lakkaraju (Recruiting Students and Postdocs)",
    "huggingface": "Hugging Face",
    "jeremyphoward": "Jeremy Howard",
    "pabbeel": "Pieter Abbeel",
    "RichardSocher": "Richard Socher",
    "stanfordnlp": "Stanford NLP Group",
    "TalkRLPodcast": "TalkRL",
    "whi_rl": "WhiRL",
    "zacharylipton": "Zachary Lipton",
    "zdeborova": "Lenka Zdeborova",
}
# Tweets kept only in HTML comments of the post (its "1. https://twitter.com/…?s=09" lists and a
# commented-out <html> block of embeds).
BLOG_COMMENT_AUTHORS = {"ArashVahdat": "Arash Vahdat", "egrefen": "Edward Grefenstette"}
# Profile links: "@mentions" inside embeds (twitter.com/AlisonBLowndes?ref_src=…) and the
# post's "AI starter list" ([Yann LeCun](https://twitter.com/ylecun)).
BLOG_PROFILES = {
    "AlisonBLowndes", "AlphabetINC", "berkeley_ai", "CarnegieMellon", "chelseabfinn",
    "DeepMindAI", "facebook", "facebookai", "fchollet", "GoogleAI", "lexfridman", "Microsoft",
    "MIT", "mldcmu", "NandoDF", "natashajaques", "NeurIPSConf", "ogrisel", "OpenAI", "poolio",
    "PyTorch", "rsalakhu", "SashaVNovikov", "shaojieb", "soumithchintala", "Stanford",
    "UCBerkeley", "ylecun",
}  # fmt: skip
# Profile links inside the commented-out embeds.
BLOG_COMMENT_PROFILES = {"_rockt", "riedelcastro"}
CLIPPINGS_AUTHORS = [
    "alyssamvance", "elonmusk", "fchollet", "finbarrtimbers", "jeremyphoward", "JoernLoviscach",
    "joshuastarmer", "kaggle", "karpathy", "laurentdelrey", "LeighWolf", "LinusEkenstam",
    "Mascobot", "mhevery", "Rainmaker1973", "rasbt", "sepia_fw", "SerranoAcademy", "svpino",
    "terrajobst", "ylecun",
]  # fmt: skip


def copy_example(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name[0]
    shutil.copytree(EXAMPLES / name, root)
    return root


def plan_for(root: Path, **options: bool | str):
    return plan_enrichment(load_vault(root), Settings(enrich=EnrichSettings(**options)))


def authors_of(plan, note: str | None = None) -> dict[str, str | None]:
    return {
        page.author.handle: page.author.display_name
        for page in plan.authors
        if note is None or note in page.author.citations
    }


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time (ns), by vault-relative path."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def files(root: Path) -> dict[str, bytes]:
    return {path: data for path, (data, _) in snapshot(root).items()}


def enrich_json(run_cli, root: Path, *args: str) -> dict:
    code, out, err = run_cli("enrich", str(root), "--format", "json", *args)
    assert (code, err) == (0, "")
    return json.loads(out)


def check_problems(run_cli, root: Path) -> list[tuple[str, str, str]]:
    _, out, _ = run_cli("check", str(root), "--format", "json", "--severity", "info")
    return [
        (problem["rule"], problem["path"], problem.get("target", ""))
        for problem in json.loads(out)["problems"]
    ]


def obsidian_page(
    handle: str,
    citations: list[tuple[str, list[str]]],
    *,
    alias: str | None = None,
    name: str | None = None,
) -> str:
    """A new Obsidian author page as vaultkit writes it."""
    lines = ["---", f'handle: "@{handle}"', f"twitter: https://twitter.com/{handle}"]
    if alias:
        lines += ["aliases:", f"  - {alias}"]
    lines += ["---", f"# {name or '@' + handle}", "", START, "## Tweets cited in this vault", ""]
    for link, urls in citations:
        lines.append(f"- {link}")
        lines += [f"  - {url}" for url in urls]
    lines.append(END)
    return "\n".join(lines) + "\n"


def region(citations: list[tuple[str, list[str]]]) -> str:
    lines = [START, "## Tweets cited in this vault", ""]
    for link, urls in citations:
        lines.append(f"- {link}")
        lines += [f"  - {url}" for url in urls]
    return "\n".join([*lines, END]) + "\n"


def status(handle: str, status_id: int | str) -> str:
    return f"https://twitter.com/{handle}/status/{status_id}"


# --- who the authors are -----------------------------------------------------------------------


def test_readwise_page_has_exactly_karpathy(tmp_path):
    root = copy_example("logseq", tmp_path)
    plan = plan_for(root)
    assert authors_of(plan) == {"karpathy": None}
    cited = plan.authors[0].author.citations
    assert list(cited) == [READWISE]
    # One citation per status id; the "View Tweet" search link names the author too.
    assert [tweet.status_id for tweet in cited[READWISE]] == [
        None,
        "1429478697946402816",
        "1599852921541128194",
        "1645115622517542913",
        "1647025230546886658",
    ]
    search = cited[READWISE][0]
    assert (search.kind, search.handle, search.line) == (TweetKind.SEARCH, "karpathy", 11)
    assert search.url.endswith("%28from%3A%40karpathy%29")


def test_readwise_search_link_alone_names_the_author(make_vault):
    line = next(
        line
        for line in (EXAMPLES / "logseq" / READWISE).read_text(encoding="utf-8").splitlines()
        if "from%3A%40karpathy" in line
    )
    vault = make_vault({"pages/Only search.md": f"- {line.strip()}\n"}, flavor="logseq")
    assert authors_of(plan_for(vault)) == {"karpathy": None}


def test_readwise_page_authors_with_every_option(tmp_path):
    root = copy_example("logseq", tmp_path)
    # `url:: https://twitter.com/karpathy` is a profile link: the same author.
    assert authors_of(plan_for(root, profile_mentions=True, comments=True)) == {"karpathy": None}


def test_jekyll_post_authors_are_the_embedded_tweets(tmp_path):
    plan = plan_for(copy_example("obsidian", tmp_path))
    assert authors_of(plan, BLOG) == BLOG_AUTHORS
    assert list(authors_of(plan, BLOG)) == sorted(BLOG_AUTHORS, key=str.lower)


def test_jekyll_post_authors_with_comments(tmp_path):
    plan = plan_for(copy_example("obsidian", tmp_path), comments=True)
    assert authors_of(plan, BLOG) == {**BLOG_AUTHORS, **BLOG_COMMENT_AUTHORS}


def test_jekyll_post_authors_with_profile_mentions(tmp_path):
    plan = plan_for(copy_example("obsidian", tmp_path), profile_mentions=True)
    assert set(authors_of(plan, BLOG)) == set(BLOG_AUTHORS) | BLOG_PROFILES
    assert authors_of(plan, BLOG)["zacharylipton"] == "Zachary Lipton"


def test_jekyll_post_authors_with_both(tmp_path):
    plan = plan_for(copy_example("obsidian", tmp_path), profile_mentions=True, comments=True)
    assert set(authors_of(plan, BLOG)) == (
        set(BLOG_AUTHORS) | set(BLOG_COMMENT_AUTHORS) | BLOG_PROFILES | BLOG_COMMENT_PROFILES
    )


def test_tweet_list_authors(tmp_path):
    plan = plan_for(copy_example("obsidian", tmp_path))
    assert list(authors_of(plan, CLIPPINGS)) == CLIPPINGS_AUTHORS


def test_options_from_the_settings_file(tmp_path, run_cli):
    root = copy_example("obsidian", tmp_path)
    handles = [page["handle"] for page in enrich_json(run_cli, root)["authors"]]
    assert set(handles) == set(BLOG_AUTHORS) | set(CLIPPINGS_AUTHORS)
    (root / ".vaultkit.toml").write_text("[enrich]\ncomments = true\n", encoding="utf-8")
    handles = [page["handle"] for page in enrich_json(run_cli, root)["authors"]]
    assert set(handles) == set(BLOG_AUTHORS) | set(CLIPPINGS_AUTHORS) | set(BLOG_COMMENT_AUTHORS)
    (root / ".vaultkit.toml").write_text(
        "[enrich]\nprofile-mentions = true\ncomments = true\n", encoding="utf-8"
    )
    handles = [page["handle"] for page in enrich_json(run_cli, root)["authors"]]
    assert set(handles) == (
        set(BLOG_AUTHORS)
        | set(CLIPPINGS_AUTHORS)
        | set(BLOG_COMMENT_AUTHORS)
        | BLOG_PROFILES
        | BLOG_COMMENT_PROFILES
    )


EXCLUDED = """\
# Not tweets
[#ICCV19](https://twitter.com/hashtag/ICCV19?src=hash&amp;ref_src=twsrc%5Etfw)
A tweet without a handle: https://twitter.com/i/web/status/1183589998282465280
Links: https://t.co/Fw2fm67RcV pic.twitter.com/NBr4vgRJ6d https://platform.twitter.com/widgets.js
Profile: [@AlisonBLowndes](https://twitter.com/AlisonBLowndes?ref_src=twsrc%5Etfw)
Other pages: https://twitter.com/search?q=ml https://twitter.com/home https://x.com/settings
<!-- https://twitter.com/htmlcomment/status/1 -->
%% https://x.com/obsidiancomment/status/2 %%

```
https://twitter.com/fenced/status/3
```

    https://twitter.com/indented/status/4

Inline `https://twitter.com/inline/status/5` code.
"""


def test_what_is_not_an_author(make_vault):
    vault = make_vault({"Note.md": EXCLUDED})
    assert authors_of(plan_for(vault)) == {}


def test_comments_and_profiles_count_when_enabled(make_vault):
    vault = make_vault({"Note.md": EXCLUDED})
    assert authors_of(plan_for(vault, comments=True)) == {
        "htmlcomment": None,
        "obsidiancomment": None,
    }
    assert authors_of(plan_for(vault, profile_mentions=True)) == {"AlisonBLowndes": None}
    # Code never counts.
    assert set(authors_of(plan_for(vault, comments=True, profile_mentions=True))) == {
        "AlisonBLowndes",
        "htmlcomment",
        "obsidiancomment",
    }


def test_note_with_only_non_tweets_is_untouched(make_vault, run_cli):
    vault = make_vault({"Note.md": EXCLUDED})
    before = snapshot(vault)
    assert run_cli("enrich", "--write", cwd=vault) == (0, "0 authors; nothing to change.\n", "")
    assert snapshot(vault) == before


def test_handles_are_case_insensitive_and_hosts_are_many(make_vault):
    vault = make_vault(
        {
            "Note.md": (
                "https://twitter.com/KarPathy/status/1?s=20\n"
                "https://x.com/karpathy/status/2/photo/1\n"
                "https://mobile.twitter.com/KARPATHY/status/1\n"
                "https://fxtwitter.com/karpathy/status/3\n"
                "https://nitter.net/karpathy/status/4#m\n"
                "https://xcancel.com/karpathy/statuses/5\n"
            )
        }
    )
    plan = plan_for(vault)
    assert authors_of(plan) == {"KarPathy": None}
    tweets = plan.authors[0].author.citations["Note.md"]
    assert [tweet.status_id for tweet in tweets] == ["1", "2", "3", "4", "5"]


# --- the Logseq example: Readwise's link starts working -----------------------------------------

KARPATHY_LOGSEQ_PAGE = """\
handle:: @karpathy
twitter:: https://twitter.com/karpathy

- Tweets cited in this graph
  vaultkit:: tweets
\t- [[Tweets From Andrej Karpathy (highlights)]]
\t\t- https://twitter.com/karpathy/status/1429478697946402816
\t\t- https://twitter.com/karpathy/status/1599852921541128194
\t\t- https://twitter.com/karpathy/status/1645115622517542913
\t\t- https://twitter.com/karpathy/status/1647025230546886658
"""


def test_logseq_example_readwise_link_resolves_after_write(tmp_path, run_cli):
    root = copy_example("logseq", tmp_path)
    readwise_link = ("missing-page", READWISE, "[[@karpathy on Twitter]]")
    problems = check_problems(run_cli, root)
    assert readwise_link in problems
    before = snapshot(root)

    code, out, err = run_cli("enrich", str(root), "--write")
    assert (code, out, err) == (
        0,
        "author pages: 1 new\n1 author; wrote 1 of 1 files (1 new author page, 0 updated files).\n",
        "",
    )
    new_page = root / "pages" / "@karpathy on Twitter.md"
    assert new_page.read_text(encoding="utf-8") == KARPATHY_LOGSEQ_PAGE
    # The Readwise page already has the tag (#tweets) and the link: nothing else changed.
    after = snapshot(root)
    assert set(after) == {*before, "pages/@karpathy on Twitter.md"}
    assert {path: after[path] for path in before} == before
    assert check_problems(run_cli, root) == [p for p in problems if p != readwise_link]


def test_logseq_example_dry_run_writes_nothing(tmp_path, run_cli):
    root = copy_example("logseq", tmp_path)
    before = snapshot(root)
    code, out, err = run_cli("enrich", cwd=root)
    assert (code, err) == (0, "")
    assert out.startswith(
        "--- /dev/null\n+++ b/pages/@karpathy on Twitter.md\n@@ -0,0 +1,10 @@\n"
        "+handle:: @karpathy\n+twitter:: https://twitter.com/karpathy\n+\n"
        "+- Tweets cited in this graph\n+  vaultkit:: tweets\n"
    )
    assert out.endswith(
        "1 author; would write 1 new author page, 0 updated files. Run with --write to apply.\n"
    )
    assert run_cli("enrich", "--check", cwd=root)[0] == 1
    assert snapshot(root) == before


def test_logseq_example_dry_run_diff_keeps_tabs(tmp_path, run_cli):
    root = copy_example("logseq", tmp_path)
    code, out, err = run_cli("enrich", cwd=root)
    diff = "".join(f"+{line}\n" for line in KARPATHY_LOGSEQ_PAGE.splitlines())
    assert (code, err) == (0, "")
    assert out == (
        "--- /dev/null\n"
        "+++ b/pages/@karpathy on Twitter.md\n"
        "@@ -0,0 +1,10 @@\n"
        f"{diff}"
        "1 author; would write 1 new author page, 0 updated files. Run with --write to apply.\n"
    )


def test_logseq_example_second_run_changes_nothing(tmp_path, run_cli):
    root = copy_example("logseq", tmp_path)
    assert run_cli("enrich", "--write", cwd=root)[0] == 0
    written = snapshot(root)
    assert run_cli("enrich", "--write", cwd=root) == (0, "1 author; nothing to change.\n", "")
    assert run_cli("enrich", cwd=root) == (0, "1 author; nothing to change.\n", "")
    assert run_cli("enrich", "--check", cwd=root) == (0, "1 author; nothing to change.\n", "")
    assert snapshot(root) == written


# --- the Obsidian example ------------------------------------------------------------------------


def blog_after(original: bytes) -> bytes:
    """The blog post cites tweets among its prose: `cites`, and no `tweets` tag."""
    links = ", ".join(f'"[[@{handle}]]"' for handle in BLOG_AUTHORS)
    edited = original.replace(
        b"tags: [productivity, research]\nd3: False\n---\n",
        b"tags: [productivity, research]\nd3: False\n" + f"cites: [{links}]\n".encode() + b"---\n",
    )
    assert edited != original
    return edited


def clippings_after(original: bytes) -> bytes:
    """The example vault writes its front-matter lists `[a, b]`, so the new one does too."""
    links = ", ".join(f'"[[@{handle}]]"' for handle in CLIPPINGS_AUTHORS)
    return f"---\ntags: [tweets]\nauthors: [{links}]\n---\n".encode() + original


def test_obsidian_example_write(tmp_path, run_cli):
    root = copy_example("obsidian", tmp_path)
    before = snapshot(root)
    problems = check_problems(run_cli, root)

    code, out, err = run_cli("enrich", "--write", cwd=root)
    assert (code, out, err) == (
        0,
        "clippings: 1 note given its authors\ncitations: 1 note given cites\n"
        "author pages: 33 new\n"
        "33 authors; wrote 35 of 35 files (33 new author pages, 2 updated files).\n",
        "",
    )
    after = snapshot(root)
    assert after[BLOG][0] == blog_after(before[BLOG][0])
    assert after[CLIPPINGS][0] == clippings_after(before[CLIPPINGS][0])
    # Every note without tweets is untouched: same bytes, same modification time.
    untouched = {path: value for path, value in before.items() if path not in (BLOG, CLIPPINGS)}
    assert {path: after[path] for path in untouched} == untouched
    new = sorted(set(after) - set(before))
    assert new == sorted(f"Twitter/@{handle}.md" for handle in {*BLOG_AUTHORS, *CLIPPINGS_AUTHORS})
    assert (root / "Twitter/@hima_lakkaraju.md").read_text(encoding="utf-8") == obsidian_page(
        "hima_lakkaraju",
        [("[[2019-10-20-academic-twitter]]", [status("hima_lakkaraju", 1181413268256112640)])],
        alias='"Hima Lakkaraju (Recruiting Students and Postdocs)"',
    )
    assert (root / "Twitter/@jeremyphoward.md").read_text(encoding="utf-8") == obsidian_page(
        "jeremyphoward",
        [
            ("[[2019-10-20-academic-twitter]]", [status("jeremyphoward", 1187752948744327168)]),
            ("[[My Top 100 ML Tweets 2023]]", [status("jeremyphoward", 1638745567286427648)]),
        ],
        alias="Jeremy Howard",
    )
    assert (root / "Twitter/@karpathy.md").read_text(encoding="utf-8") == obsidian_page(
        "karpathy",
        [("[[My Top 100 ML Tweets 2023]]", [status("karpathy", 1617979122625712128)])],
    )
    # The new [[@handle]] links all resolve: the same problems as before, no new ones.
    assert sorted(check_problems(run_cli, root)) == sorted(problems)


def test_obsidian_example_second_run_changes_nothing(tmp_path, run_cli):
    root = copy_example("obsidian", tmp_path)
    run_cli("enrich", "--write", cwd=root)
    written = snapshot(root)
    assert run_cli("enrich", "--write", cwd=root) == (0, "33 authors; nothing to change.\n", "")
    assert run_cli("enrich", cwd=root) == (0, "33 authors; nothing to change.\n", "")
    assert run_cli("enrich", "--check", cwd=root) == (0, "33 authors; nothing to change.\n", "")
    assert snapshot(root) == written


def test_obsidian_example_check_exits_1_with_the_diff(tmp_path, run_cli):
    root = copy_example("obsidian", tmp_path)
    before = snapshot(root)
    code, out, err = run_cli("enrich", "--check", cwd=root)
    assert (code, err) == (1, "")
    assert out.startswith(
        f"--- a/{BLOG}\n"
        f"+++ b/{BLOG}\n"
        "@@ -4,6 +4,7 @@\n"
        " categories: [utils]\n"
        " tags: [productivity, research]\n"
        " d3: False\n"
        '+cites: ["[[@bayesgroup]]", '
    )
    assert out.endswith(
        "33 authors; would write 33 new author pages, 2 updated files. Run with --write to apply.\n"
    )
    assert snapshot(root) == before


# --- each front-matter form in its own style -----------------------------------------------------

TWEET = "See https://twitter.com/karpathy/status/1.\n"
KARPATHY_PAGE = obsidian_page("karpathy", [("[[Note]]", [status("karpathy", 1)])])


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        pytest.param(
            "tags: [a, b]\n", 'tags: [a, b, tweets]\nauthors: ["[[@karpathy]]"]\n', id="flow"
        ),
        pytest.param(
            "tags:\n  - a\n  - b\n",
            'tags:\n  - a\n  - b\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n',
            id="block-indented",
        ),
        pytest.param(
            "tags:\n- a\n- b\n",
            'tags:\n- a\n- b\n- tweets\nauthors:\n- "[[@karpathy]]"\n',
            id="block-column-0",
        ),
        pytest.param(
            "tags: a, b\n",
            'tags: a, b, tweets\nauthors:\n  - "[[@karpathy]]"\n',
            id="comma-string",
        ),
        pytest.param(
            "tags: [\"a\", 'b']\n",
            'tags: ["a", \'b\', "tweets"]\nauthors: ["[[@karpathy]]"]\n',
            id="quoted-flow",
        ),
        pytest.param(
            "# my note\ntitle:   'Keep  me'   \ntags: [a]  # mine\nzzz: 1\naaa:\n    - x\n",
            "# my note\ntitle:   'Keep  me'   \ntags: [a, tweets]  # mine\nzzz: 1\naaa:\n"
            '    - x\nauthors: ["[[@karpathy]]"]\n',
            id="comments-order-quoting-whitespace",
        ),
        pytest.param(
            "title: x\n",
            'title: x\ntags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n',
            id="no-tags",
        ),
        pytest.param(
            'tags: [a]\nauthors: ["[[Someone]]"]\n',
            'tags: [a, tweets]\nauthors: ["[[Someone]]", "[[@karpathy]]"]\n',
            id="existing-authors",
        ),
    ],
)
def test_front_matter_is_edited_in_its_own_style(make_vault, run_cli, front_matter, expected):
    vault = make_vault({"Note.md": f"---\n{front_matter}---\n{TWEET}"})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        "Note.md": f"---\n{expected}---\n{TWEET}".encode(),
        "Twitter/@karpathy.md": KARPATHY_PAGE.encode(),
    }


def test_note_without_front_matter_gets_one(make_vault, run_cli):
    vault = make_vault({"Note.md": TWEET})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Note.md").read_text(encoding="utf-8") == (
        f'---\ntags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n---\n{TWEET}'
    )


def test_existing_tag_and_link_are_not_added_again(make_vault, run_cli):
    text = f"---\ntags: [Tweets]\n---\nBy [[@karpathy]]: {TWEET}"
    vault = make_vault({"Note.md": text, "@karpathy.md": "# Andrej\n"})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Note.md").read_text(encoding="utf-8") == text


def test_inline_tag_counts_as_present(make_vault, run_cli):
    vault = make_vault({"Note.md": f"#tweets {TWEET}"})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Note.md").read_text(encoding="utf-8") == (
        f'---\nauthors:\n  - "[[@karpathy]]"\n---\n#tweets {TWEET}'
    )


LOGSEQ_TWEET = "- See https://twitter.com/karpathy/status/1\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            LOGSEQ_TWEET,
            f"tags:: tweets\nauthors:: [[@karpathy]]\n\n{LOGSEQ_TWEET}",
            id="no-properties",
        ),
        pytest.param(
            f"tags:: x\n\n{LOGSEQ_TWEET}",
            f"tags:: x, tweets\nauthors:: [[@karpathy]]\n\n{LOGSEQ_TWEET}",
            id="existing-tags",
        ),
        pytest.param(
            f"title:: Reading\nalias:: R\n{LOGSEQ_TWEET}",
            f"title:: Reading\nalias:: R\ntags:: tweets\nauthors:: [[@karpathy]]\n{LOGSEQ_TWEET}",
            id="other-properties",
        ),
        pytest.param(
            f"- tags:: [[Machine Learning]]\n{LOGSEQ_TWEET}",
            f"- tags:: [[Machine Learning]], tweets\n  authors:: [[@karpathy]]\n{LOGSEQ_TWEET}",
            id="first-bullet-properties",
        ),
        pytest.param(
            f"---\ntags: [x]\n---\n{LOGSEQ_TWEET}",
            f'---\ntags: [x, tweets]\nauthors: ["[[@karpathy]]"]\n---\n{LOGSEQ_TWEET}',
            id="yaml-front-matter",
        ),
    ],
)
def test_logseq_properties_are_edited_in_their_own_style(make_vault, run_cli, before, after):
    vault = make_vault({"pages/Reading.md": before}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/Reading.md").read_text(encoding="utf-8") == after
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


def test_logseq_new_pages_and_journal_links(make_vault, run_cli):
    vault = make_vault(
        {
            "pages/Reading.md": (
                "- Read https://twitter.com/karpathy/status/1\n"
                "- and https://x.com/ylecun/status/2\n"
            ),
            "journals/2024_01_02.md": "tags:: x\n\n- https://twitter.com/karpathy/status/3\n",
            "pages/Plain.md": "- nothing\n",
        },
        flavor="logseq",
    )
    before = snapshot(vault)
    assert run_cli("enrich", "--write", cwd=vault) == (
        0,
        "clippings: 1 note given its authors\ncitations: 1 note given cites\n"
        "author pages: 2 new\n"
        "2 authors; wrote 4 of 4 files (2 new author pages, 2 updated files).\n",
        "",
    )
    after = files(vault)
    assert after["pages/@karpathy.md"] == (
        b"handle:: @karpathy\ntwitter:: https://twitter.com/karpathy\n\n"
        b"- Tweets cited in this graph\n  vaultkit:: tweets\n"
        b"\t- [[Jan 2nd, 2024]]\n\t\t- https://twitter.com/karpathy/status/3\n"
        b"\t- [[Reading]]\n\t\t- https://twitter.com/karpathy/status/1\n"
    )
    # Cited on x.com: its page keeps x.com (issue 20).
    assert after["pages/@ylecun.md"] == (
        b"handle:: @ylecun\ntwitter:: https://x.com/ylecun\n\n"
        b"- Tweets cited in this graph\n  vaultkit:: tweets\n"
        b"\t- [[Reading]]\n\t\t- https://x.com/ylecun/status/2\n"
    )
    assert after["pages/Reading.md"] == (
        b"tags:: tweets\nauthors:: [[@karpathy]], [[@ylecun]]\n\n"
        b"- Read https://twitter.com/karpathy/status/1\n- and https://x.com/ylecun/status/2\n"
    )
    # A journal day cites: the block gets `cites::`, the page no tag (issue 20).
    assert after["journals/2024_01_02.md"] == (
        b"tags:: x\n\n- https://twitter.com/karpathy/status/3\n  cites:: [[@karpathy]]\n"
    )
    assert snapshot(vault)["pages/Plain.md"] == before["pages/Plain.md"]


def test_author_page_links_notes_that_share_a_name_by_path(make_vault, run_cli):
    vault = make_vault(
        {
            "A/Note.md": "https://twitter.com/karpathy/status/1\n",
            "B/Note.md": "https://twitter.com/karpathy/status/2\n",
            "Note.md": "No tweets.\n",
        }
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Twitter/@karpathy.md").read_text() == obsidian_page(
        "karpathy",
        [
            ("[[A/Note|Note]]", [status("karpathy", 1)]),
            ("[[B/Note|Note]]", [status("karpathy", 2)]),
        ],
    )
    assert check_problems(run_cli, vault) == []


# --- CRLF and BOM --------------------------------------------------------------------------------


def test_crlf_and_bom_notes_are_identical_outside_the_edit(make_vault, run_cli):
    crlf = (
        b"---\r\ntitle: x\r\ntags:\r\n  - a\r\n---\r\n"
        b"See https://twitter.com/karpathy/status/1\r\nend"
    )
    bom = b"\xef\xbb\xbfSee https://twitter.com/karpathy/status/2\r\nmore\r\n"
    bom_lf = b"\xef\xbb\xbf---\ntags: a, b\n---\nhttps://twitter.com/karpathy/status/3\n"
    page = (
        b"\xef\xbb\xbf---\r\nhandle: '@karpathy'\r\n---\r\nUser top\r\n\r\n"
        + START.encode()
        + b"\r\nold\r\n"
        + END.encode()
        + b"\r\nUser bottom  \r\n"
    )
    vault = make_vault({"crlf.md": crlf, "bom.md": bom, "bomlf.md": bom_lf, "Andrej.md": page})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        "crlf.md": (
            b"---\r\ntitle: x\r\ntags:\r\n  - a\r\n  - tweets\r\n"
            b'authors:\r\n  - "[[Andrej]]"\r\n---\r\n'
            b"See https://twitter.com/karpathy/status/1\r\nend"
        ),
        "bom.md": (
            b'\xef\xbb\xbf---\r\ntags:\r\n  - tweets\r\nauthors:\r\n  - "[[Andrej]]"\r\n---\r\n'
            b"See https://twitter.com/karpathy/status/2\r\nmore\r\n"
        ),
        "bomlf.md": (
            b'\xef\xbb\xbf---\ntags: a, b, tweets\nauthors:\n  - "[[Andrej]]"\n---\n'
            b"https://twitter.com/karpathy/status/3\n"
        ),
        "Andrej.md": (
            b"\xef\xbb\xbf---\r\nhandle: '@karpathy'\r\n---\r\nUser top\r\n\r\n"
            + region(
                [
                    ("[[bom]]", [status("karpathy", 2)]),
                    ("[[bomlf]]", [status("karpathy", 3)]),
                    ("[[crlf]]", [status("karpathy", 1)]),
                ]
            )
            .replace("\n", "\r\n")
            .encode()
            + b"User bottom  \r\n"
        ),
    }
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


def test_crlf_logseq_page(make_vault, run_cli):
    vault = make_vault(
        {"pages/Reading.md": b"\xef\xbb\xbf- https://twitter.com/karpathy/status/1\r\n"},
        flavor="logseq",
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/Reading.md").read_bytes() == (
        b"\xef\xbb\xbftags:: tweets\r\nauthors:: [[@karpathy]]\r\n\r\n"
        b"- https://twitter.com/karpathy/status/1\r\n"
    )


def test_utf16_note_is_written_in_utf16(make_vault, run_cli):
    text = "See https://twitter.com/karpathy/status/1\n"
    vault = make_vault({"U16.md": b"\xff\xfe" + text.encode("utf-16-le")})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    expected = f'---\ntags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n---\n{text}'
    assert (vault / "U16.md").read_bytes() == b"\xff\xfe" + expected.encode("utf-16-le")


def test_utf16_note_diff_is_readable(make_vault, run_cli):
    text = "See https://twitter.com/karpathy/status/1\n"
    vault = make_vault({"U16.md": b"\xff\xfe" + text.encode("utf-16-le")})
    changes = {change["path"]: change for change in enrich_json(run_cli, vault)["changes"]}
    assert changes["U16.md"]["diff"] == (
        "--- a/U16.md\n+++ b/U16.md\n@@ -1 +1,7 @@\n"
        '+---\n+tags:\n+  - tweets\n+authors:\n+  - "[[@karpathy]]"\n+---\n'
        " See https://twitter.com/karpathy/status/1\n"
    )


# --- idempotence and incremental runs -----------------------------------------------------------


def test_obsidian_second_run_only_adds(make_vault, run_cli):
    vault = make_vault({"Note.md": TWEET, "Plain.md": "No tweets here.\n"})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    page = vault / "Twitter/@karpathy.md"
    assert page.read_text(encoding="utf-8") == KARPATHY_PAGE
    assert run_cli("enrich", "--check", cwd=vault) == (0, "1 author; nothing to change.\n", "")

    # The user writes on the author page, above and below the generated list ...
    above = "# @karpathy\n\nMy own words.\n  Indented, trailing space \n\n"
    below = "\n## Later\nMore of mine.\n"
    head = KARPATHY_PAGE.split("# @karpathy\n\n")[0]
    page.write_text(head + above + region([("[[Note]]", [status("karpathy", 1)])]) + below)
    # ... and cites new tweets, one in a note already enriched, one in a new note.
    note = vault / "Note.md"
    note.write_text(note.read_text() + "And https://x.com/karpathy/status/2\n")
    (vault / "New.md").write_text("Also https://twitter.com/karpathy/status/3\n")
    enriched_note = note.read_bytes()
    plain = snapshot(vault)["Plain.md"]

    code, out, err = run_cli("enrich", "--write", cwd=vault)
    assert (code, out, err) == (
        0,
        "clippings: 1 note given its authors\nauthor pages: 1 updated\n"
        "1 author; wrote 2 of 2 files (0 new author pages, 2 updated files).\n",
        "",
    )
    assert page.read_text(encoding="utf-8") == (
        head
        + above
        + region(
            [
                ("[[New]]", [status("karpathy", 3)]),
                ("[[Note]]", [status("karpathy", 1), "https://x.com/karpathy/status/2"]),
            ]
        )
        + below
    )
    assert note.read_bytes() == enriched_note
    assert (vault / "New.md").read_text(encoding="utf-8") == (
        '---\ntags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n---\n'
        "Also https://twitter.com/karpathy/status/3\n"
    )
    assert snapshot(vault)["Plain.md"] == plain
    assert run_cli("enrich", cwd=vault) == (0, "1 author; nothing to change.\n", "")


def test_logseq_second_run_only_adds(make_vault, run_cli):
    vault = make_vault({"pages/Reading.md": LOGSEQ_TWEET}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    page = vault / "pages/@karpathy.md"
    generated = (
        "- Tweets cited in this graph\n  vaultkit:: tweets\n"
        "\t- [[Reading]]\n\t\t- https://twitter.com/karpathy/status/1\n"
    )
    head = "handle:: @karpathy\ntwitter:: https://twitter.com/karpathy\n\n"
    assert page.read_text(encoding="utf-8") == head + generated
    above = "- My own notes\n\t- nested  \n"
    below = "- Below the list\n  more of mine\n"
    page.write_text(head + above + generated + below)
    (vault / "pages/Later.md").write_text("- https://twitter.com/karpathy/status/9\n")

    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert page.read_text(encoding="utf-8") == (
        head
        + above
        + "- Tweets cited in this graph\n  vaultkit:: tweets\n"
        + "\t- [[Later]]\n\t\t- https://twitter.com/karpathy/status/9\n"
        + "\t- [[Reading]]\n\t\t- https://twitter.com/karpathy/status/1\n"
        + below
    )
    assert run_cli("enrich", "--check", cwd=vault) == (0, "1 author; nothing to change.\n", "")


# --- a file changed while vaultkit runs -----------------------------------------------------------


def test_file_modified_after_planning_is_left_alone(make_vault):
    vault = make_vault({"Note.md": TWEET, "Other.md": "Also https://x.com/ylecun/status/2\n"})
    plan = plan_enrichment(load_vault(vault), Settings())
    assert [change.path for change in plan.edits.changes] == [
        "Note.md",
        "Other.md",
        "Twitter/@karpathy.md",
        "Twitter/@ylecun.md",
    ]
    (vault / "Note.md").write_text("The user's edit.\n")
    refused = []
    for change in plan.edits.changes:
        try:
            write_change(vault, change)
        except WriteRefused as error:
            refused.append(str(error))
    assert refused == ["Note.md: changed on disk since it was read; skipped"]
    assert (vault / "Note.md").read_text() == "The user's edit.\n"
    assert (vault / "Other.md").read_text() == (
        '---\ntags:\n  - tweets\nauthors:\n  - "[[@ylecun]]"\n---\n'
        "Also https://x.com/ylecun/status/2\n"
    )
    assert (vault / "Twitter/@karpathy.md").read_text() == KARPATHY_PAGE


def test_cli_reports_a_file_modified_after_planning(make_vault, run_cli, monkeypatch):
    vault = make_vault({"Note.md": TWEET})
    plan_enrichment_original = enrich_command.plan_enrichment

    def plan_then_edit(vault_, settings):
        plan = plan_enrichment_original(vault_, settings)
        (vault / "Note.md").write_text("The user's edit.\n")
        return plan

    monkeypatch.setattr(enrich_command, "plan_enrichment", plan_then_edit)
    assert run_cli("enrich", "--write", cwd=vault) == (
        1,
        "clippings: 1 note given its authors\nauthor pages: 1 new\n"
        "1 author; wrote 1 of 2 files (1 new author page, 1 updated file).\n",
        "vaultkit: Note.md: changed on disk since it was read; skipped\n",
    )
    assert files(vault) == {
        "Note.md": b"The user's edit.\n",
        "Twitter/@karpathy.md": KARPATHY_PAGE.encode(),
    }


def test_cli_reports_a_page_created_after_planning(make_vault, run_cli, monkeypatch):
    vault = make_vault({"Note.md": TWEET})
    plan_enrichment_original = enrich_command.plan_enrichment

    def plan_then_create(vault_, settings):
        plan = plan_enrichment_original(vault_, settings)
        (vault / "Twitter").mkdir()
        (vault / "Twitter/@karpathy.md").write_text("Mine.\n")
        return plan

    monkeypatch.setattr(enrich_command, "plan_enrichment", plan_then_create)
    code, _, err = run_cli("enrich", "--write", cwd=vault)
    assert (code, err) == (
        1,
        "vaultkit: Twitter/@karpathy.md: a file appeared there since the plan; skipped\n",
    )
    assert (vault / "Twitter/@karpathy.md").read_text() == "Mine.\n"


def test_cli_reports_a_failed_rename(make_vault, run_cli, monkeypatch):
    vault = make_vault({"Note.md": TWEET})

    def refuse(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refuse)
    code, out, err = run_cli("enrich", "--write", cwd=vault)
    assert (code, out) == (
        1,
        "clippings: 1 note given its authors\nauthor pages: 1 new\n"
        "1 author; wrote 0 of 2 files (1 new author page, 1 updated file).\n",
    )
    assert err == (
        "vaultkit: Note.md: [Errno 28] No space left on device\n"
        "vaultkit: Twitter/@karpathy.md: [Errno 28] No space left on device\n"
    )
    assert files(vault) == {"Note.md": TWEET.encode()}
    assert sorted(path.name for path in vault.rglob("*")) == [".obsidian", "Note.md", "Twitter"]


def test_write_into_a_symlink_leading_outside_is_refused(make_vault, run_cli, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    vault = make_vault({"Note.md": TWEET})
    (vault / "Twitter").symlink_to(outside, target_is_directory=True)
    code, _, err = run_cli("enrich", "--write", cwd=vault)
    assert (code, err) == (
        1,
        "vaultkit: Twitter/@karpathy.md: leads outside the vault; not written\n",
    )
    assert list(outside.iterdir()) == []


# --- existing author pages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "before", "after", "link"),
    [
        pytest.param(
            "People/Andrej.md",
            '---\nhandle: "@karpathy"\n---\n# Andrej\n\nMy notes.\n',
            '---\nhandle: "@karpathy"\n---\n# Andrej\n\nMy notes.\n\n{region}',
            "[[Andrej]]",
            id="handle-front-matter",
        ),
        pytest.param(
            "People/Andrej.md",
            "---\ntwitter: https://x.com/karpathy\n---\nMy notes.\n",
            "---\ntwitter: https://x.com/karpathy\n---\nMy notes.\n\n{region}",
            "[[Andrej]]",
            id="twitter-url-front-matter",
        ),
        pytest.param(
            "People/@karpathy.md",
            "My notes.",
            "My notes.\n\n{region_no_final_newline}",
            "[[@karpathy]]",
            id="by-name-no-markers",
        ),
        pytest.param(
            "People/@Karpathy on Twitter.md",
            f"Top\n{START}\nold\n{END}\nBottom\n",
            "Top\n{region}Bottom\n",
            "[[@Karpathy on Twitter]]",
            id="by-readwise-name-with-markers",
        ),
    ],
)
def test_existing_author_page_is_updated_not_duplicated(
    make_vault, run_cli, path, before, after, link
):
    vault = make_vault({"Note.md": TWEET, path: before})
    generated = region([("[[Note]]", [status("karpathy", 1)])])
    expected_page = after.format(region=generated, region_no_final_newline=generated[:-1])
    payload = enrich_json(run_cli, vault)
    assert [(page["page"], page["page_exists"]) for page in payload["authors"]] == [(path, True)]
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        "Note.md": f'---\ntags:\n  - tweets\nauthors:\n  - "{link}"\n---\n{TWEET}'.encode(),
        path: expected_page.encode(),
    }
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


@pytest.mark.parametrize(
    ("path", "before"),
    [
        pytest.param("pages/Andrej.md", "handle:: @karpathy\n\n- My notes\n", id="property"),
        pytest.param("pages/@karpathy.md", "- My notes\n", id="by-name"),
    ],
)
def test_existing_logseq_author_page(make_vault, run_cli, path, before):
    vault = make_vault({"pages/Reading.md": LOGSEQ_TWEET, path: before}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    title = Path(path).stem
    assert files(vault) == {
        "logseq/config.edn": b"{:file/name-format :triple-lowbar}\n",
        "pages/Reading.md": f"tags:: tweets\nauthors:: [[{title}]]\n\n{LOGSEQ_TWEET}".encode(),
        path: (
            before + "- Tweets cited in this graph\n  vaultkit:: tweets\n"
            "\t- [[Reading]]\n\t\t- https://twitter.com/karpathy/status/1\n"
        ).encode(),
    }


def test_damaged_markers_are_refused(make_vault, run_cli):
    page = f"---\nhandle: karpathy\n---\n{START}\nold\n"
    vault = make_vault({"Note.md": TWEET, "Andrej.md": page})
    code, _, err = run_cli("enrich", "--write", cwd=vault)
    assert (code, err) == (
        0,
        "vaultkit: skipped Andrej.md: its vaultkit markers are damaged"
        " (expected one start and one end)\n",
    )
    assert (vault / "Andrej.md").read_text() == page


# --- a vault that already links the author page --------------------------------------------------


def test_missing_readwise_link_gets_its_page(make_vault, run_cli):
    vault = make_vault({"Note.md": TWEET, "Other.md": "See [[@karpathy on Twitter]].\n"})
    assert check_problems(run_cli, vault) == [
        ("broken-link", "Other.md", "[[@karpathy on Twitter]]")
    ]
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        "Note.md": (
            f'---\ntags:\n  - tweets\nauthors:\n  - "[[@karpathy on Twitter]]"\n---\n{TWEET}'
        ).encode(),
        "Other.md": b"See [[@karpathy on Twitter]].\n",
        "Twitter/@karpathy on Twitter.md": obsidian_page(
            "karpathy", [("[[Note]]", [status("karpathy", 1)])], name="@karpathy on Twitter"
        ).encode(),
    }
    assert check_problems(run_cli, vault) == []


def test_author_page_folder_is_configurable(make_vault, run_cli):
    vault = make_vault(
        {
            ".vaultkit.toml": '[enrich]\nfolder = "People/Twitter"\n',
            "Note.md": f"{TWEET}By [[@karpathy on Twitter]].\n",
        }
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert sorted(files(vault)) == [
        ".vaultkit.toml",
        "Note.md",
        "People/Twitter/@karpathy on Twitter.md",
    ]
    # The note links the page already: it gets only the tag.
    assert (vault / "Note.md").read_text() == (
        f"---\ntags:\n  - tweets\n---\n{TWEET}By [[@karpathy on Twitter]].\n"
    )
    assert check_problems(run_cli, vault) == []


def test_author_pages_at_the_vault_root(make_vault, run_cli):
    vault = make_vault({".vaultkit.toml": '[enrich]\nfolder = ""\n', "Note.md": TWEET})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "@karpathy.md").read_text() == KARPATHY_PAGE


def test_tag_property_and_author_tags_are_configurable(make_vault, run_cli):
    vault = make_vault(
        {
            ".vaultkit.toml": (
                '[enrich]\ntag = "twitter"\nproperty = "people"\nauthor-tags = true\n'
            ),
            "Note.md": f"---\ntags: [a]\n---\n{TWEET}",
        }
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Note.md").read_text() == (
        f'---\ntags: [a, twitter, twitter/karpathy]\npeople: ["[[@karpathy]]"]\n---\n{TWEET}'
    )


def test_no_tag_when_the_tag_is_empty(make_vault, run_cli):
    vault = make_vault({".vaultkit.toml": '[enrich]\ntag = ""\n', "Note.md": TWEET})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Note.md").read_text() == f'---\nauthors:\n  - "[[@karpathy]]"\n---\n{TWEET}'


# --- display names -------------------------------------------------------------------------------

EMBED = (
    '<blockquote class="twitter-tweet"><p lang="en">Hello</p>&mdash; {name} (@jsmith) '
    '<a href="https://twitter.com/jsmith/status/1?ref_src=twsrc%5Etfw">Jan 1, 2020</a>'
    "</blockquote>\n"
)


def test_display_name_becomes_an_obsidian_alias(make_vault, run_cli):
    vault = make_vault({"Note.md": EMBED.format(name="Smith, John")})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Twitter/@jsmith.md").read_text() == obsidian_page(
        "jsmith", [("[[Note]]", [status("jsmith", 1)])], alias='"Smith, John"'
    )
    vault_model = load_vault(vault)
    page = next(note for note in vault_model.notes if note.path == "Twitter/@jsmith.md")
    assert page.aliases == ["Smith, John"]


def test_display_name_becomes_a_logseq_alias(make_vault, run_cli):
    vault = make_vault({"pages/Embeds.md": "- " + EMBED.format(name="John Smith")}, "logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/@jsmith.md").read_text() == (
        "handle:: @jsmith\ntwitter:: https://twitter.com/jsmith\nalias:: John Smith\n\n"
        "- Tweets cited in this graph\n  vaultkit:: tweets\n"
        "\t- [[Embeds]]\n\t\t- https://twitter.com/jsmith/status/1\n"
    )


def test_logseq_alias_with_a_comma_stays_one_alias(make_vault, run_cli):
    vault = make_vault({"pages/Embeds.md": "- " + EMBED.format(name="Smith, John")}, "logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    page = next(note for note in load_vault(vault).notes if note.path == "pages/@jsmith.md")
    assert page.aliases == ["Smith, John"]


# --- JSON ----------------------------------------------------------------------------------------


def test_json_document(make_vault, run_cli):
    vault = make_vault(
        {
            "Note.md": f"---\ntags: [a]\n---\n{EMBED.format(name='John Smith')}",
            "Bad.md": "---\ntags: [a\n---\nhttps://twitter.com/jsmith/status/2\n",
        }
    )
    code, out, err = run_cli("enrich", str(vault), "--format", "json")
    assert (code, err) == (0, "vaultkit: skipped Bad.md: the front-matter is not valid YAML\n")
    page_diff = "".join(
        f"+{line}\n"
        for line in obsidian_page(
            "jsmith",
            [("[[Bad]]", [status("jsmith", 2)]), ("[[Note]]", [status("jsmith", 1)])],
            alias="John Smith",
        ).splitlines()
    )
    assert json.loads(out) == {
        "vault": vault.as_posix(),
        "flavor": "obsidian",
        "authors": [
            {
                "handle": "jsmith",
                "display_name": "John Smith",
                "page": "Twitter/@jsmith.md",
                "page_exists": False,
                "notes": ["Bad.md", "Note.md"],
            }
        ],
        "notes": [
            {"path": "Bad.md", "kind": "clipping", "why": "tweets and little else"},
            {"path": "Note.md", "kind": "clipping", "why": "tweets and little else"},
        ],
        "changes": [
            {
                "path": "Note.md",
                "action": "update",
                "kind": "clipping",
                "reasons": ["tag tweets", "authors: [[@jsmith]]"],
                "diff": (
                    "--- a/Note.md\n+++ b/Note.md\n@@ -1,4 +1,5 @@\n"
                    ' ---\n-tags: [a]\n+tags: [a, tweets]\n+authors: ["[[@jsmith]]"]\n ---\n'
                    f" {EMBED.format(name='John Smith')}"
                ),
            },
            {
                "path": "Twitter/@jsmith.md",
                "action": "create",
                "kind": "author-page",
                "reasons": ["new author page for @jsmith (2 citing notes)"],
                "diff": f"--- /dev/null\n+++ b/Twitter/@jsmith.md\n@@ -0,0 +1,16 @@\n{page_diff}",
            },
        ],
        "skipped": [{"path": "Bad.md", "reason": "the front-matter is not valid YAML"}],
    }
    assert run_cli("enrich", str(vault), "--format", "json", "--check")[0] == 1


def test_json_of_an_enriched_vault(make_vault, run_cli):
    vault = make_vault({"Note.md": TWEET})
    run_cli("enrich", "--write", cwd=vault)
    assert run_cli("enrich", "--format", "json", "--check", cwd=vault) == (
        0,
        json.dumps(
            {
                "vault": ".",
                "flavor": "obsidian",
                "authors": [
                    {
                        "handle": "karpathy",
                        "display_name": None,
                        "page": "Twitter/@karpathy.md",
                        "page_exists": True,
                        "notes": ["Note.md"],
                    }
                ],
                "notes": [{"path": "Note.md", "kind": "clipping", "why": "tweets and little else"}],
                "changes": [],
                "skipped": [],
            },
            indent=2,
        )
        + "\n",
        "",
    )


def test_write_cannot_be_combined_with_check_or_json(make_vault, run_cli):
    vault = make_vault({"Note.md": TWEET})
    before = snapshot(vault)
    for extra in (("--check",), ("--format", "json")):
        code, out, err = run_cli("enrich", "--write", *extra, cwd=vault)
        assert (code, out) == (2, "")
        assert "--write cannot be combined with --check or --format json" in err
    assert snapshot(vault) == before


# --- edits that cannot be made safely ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(
            f"---\ntags: |\n  a\n---\n{TWEET}",
            "`tags` is written in a form vaultkit does not edit",
            id="block-scalar",
        ),
        pytest.param(
            f"---\ntags: [a\n---\n{TWEET}", "the front-matter is not valid YAML", id="bad-yaml"
        ),
        pytest.param(
            f"---\ntags: [a,\n  b]\n---\n{TWEET}", "a flow list that spans lines", id="multi-line"
        ),
    ],
)
def test_unsafe_edit_is_skipped_with_a_message(make_vault, run_cli, text, reason):
    vault = make_vault({"Note.md": text})
    before = snapshot(vault)["Note.md"]
    code, out, err = run_cli("enrich", "--write", cwd=vault)
    assert (code, out, err) == (
        0,
        "author pages: 1 new\n1 author; wrote 1 of 1 files (1 new author page, 0 updated files).\n",
        f"vaultkit: skipped Note.md: {reason}\n",
    )
    assert snapshot(vault)["Note.md"] == before
    # The author page still lists the note.
    assert (vault / "Twitter/@karpathy.md").read_text() == KARPATHY_PAGE


def test_file_that_is_not_text_is_skipped(make_vault, run_cli):
    data = b"See https://twitter.com/karpathy/status/1 \xff\n"
    vault = make_vault({"Note.md": data})
    assert run_cli("enrich", "--write", cwd=vault) == (
        0,
        "author pages: 1 new\n1 author; wrote 1 of 1 files (1 new author page, 0 updated files).\n",
        "vaultkit: skipped Note.md: not valid UTF-8 (byte 42)\n",
    )
    assert (vault / "Note.md").read_bytes() == data


def test_front_matter_ending_in_a_block_scalar_is_edited(make_vault, run_cli):
    text = f"---\ntitle: x\ndescription: >\n  Some text\n---\n{TWEET}"
    vault = make_vault({"Note.md": text})
    assert run_cli("enrich", "--write", cwd=vault)[2] == ""
    assert (vault / "Note.md").read_text() == (
        "---\ntitle: x\ndescription: >\n  Some text\n"
        f'tags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n---\n{TWEET}'
    )


def test_excluded_notes_and_generated_reports_are_not_citing(make_vault, run_cli):
    vault = make_vault(
        {
            ".vaultkit.toml": 'exclude = ["Templates/"]\n',
            "Templates/Tweet.md": "https://twitter.com/template/status/1\n",
            "Orphans.md": "---\nvaultkit: orphan-report\n---\nhttps://x.com/report/status/2\n",
            "Note.md": TWEET,
        }
    )
    before = snapshot(vault)
    payload = enrich_json(run_cli, vault)
    assert [page["handle"] for page in payload["authors"]] == ["karpathy"]
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    after = snapshot(vault)
    for path in ("Templates/Tweet.md", "Orphans.md", ".vaultkit.toml"):
        assert after[path] == before[path]
