"""The real seed notes of the example vaults, parsed through ``load_vault``.

These notes were copied byte for byte from public sources (see ``examples/README.md``), so the
expectations below are what a real Readwise export, a real Jekyll post and real Obsidian notes
give.
"""

from __future__ import annotations

from collections import Counter

import pytest

from vaultkit.load.vault import load_vault
from vaultkit.model import Flavor, Heading, LinkKind, Property, Tag, TagSource

from conftest import EXAMPLES

KARPATHY = "pages/Tweets From Andrej Karpathy.md"
ML = "Machine Learning.md"
BLOG = "Blog/2019-10-20-academic-twitter.md"
CLIPPING = "Clippings/My Top 100 ML Tweets 2023.md"


@pytest.fixture(scope="module")
def logseq_vault():
    return load_vault(EXAMPLES / "logseq")


@pytest.fixture(scope="module")
def obsidian_vault():
    return load_vault(EXAMPLES / "obsidian")


def note_at(vault, path):
    (note,) = [note for note in vault.notes if note.path == path]
    return note


# --- the Logseq graph --------------------------------------------------------------------------


def test_logseq_graph_files_and_titles(logseq_vault):
    assert logseq_vault.flavor is Flavor.LOGSEQ
    assert [(note.path, note.title, note.journal_date) for note in logseq_vault.notes] == [
        ("journals/2022_11_19.md", "Nov 19th, 2022", "2022-11-19"),
        ("journals/2022_12_06.md", "Dec 6th, 2022", "2022-12-06"),
        ("pages/AI___Transformers.md", "AI/Transformers", None),
        ("pages/Attention.md", "Attention", None),
        ("pages/Readwise.md", "Readwise", None),
        (KARPATHY, "Tweets From Andrej Karpathy (highlights)", None),
        ("pages/Unlinked idea.md", "Unlinked idea", None),
    ]
    assert logseq_vault.attachments == ["assets/diagram.png"]
    assert logseq_vault.problems == []


def test_readwise_page_properties(logseq_vault):
    note = note_at(logseq_vault, KARPATHY)
    assert note.properties == [
        Property("title", "Tweets From Andrej Karpathy (highlights)", 1, 1, 9),
        Property("author", "[[@karpathy on Twitter]]", 2, 1, 10),
        Property("full-title", '"Tweets From Andrej Karpathy"', 3, 1, 14),
        Property("category", "#tweets", 4, 1, 12),
        Property("url", "https://twitter.com/karpathy", 5, 1, 7),
    ]
    assert note.property("Author") == "[[@karpathy on Twitter]]"
    assert note.problems == []


def test_readwise_page_references(logseq_vault):
    note = note_at(logseq_vault, KARPATHY)
    assert [(link.kind, link.target, link.line, link.column, link.raw) for link in note.links] == [
        (LinkKind.PROPERTY, "@karpathy on Twitter", 2, 10, "[[@karpathy on Twitter]]"),
        (LinkKind.PROPERTY, "tweets", 4, 12, "#tweets"),
        (LinkKind.WIKILINK, "Readwise", 7, 30, "[[Readwise]]"),
        (LinkKind.WIKILINK, "Nov 19th, 2022", 7, 43, "[[Nov 19th, 2022]]"),
        (LinkKind.WIKILINK, "Dec 6th, 2022", 13, 24, "[[Dec 6th, 2022]]"),
        (LinkKind.WIKILINK, "Apr 7th, 2023", 17, 24, "[[Apr 7th, 2023]]"),
        (LinkKind.WIKILINK, "Apr 13th, 2023", 19, 24, "[[Apr 13th, 2023]]"),
        (LinkKind.WIKILINK, "Apr 15th, 2023", 25, 24, "[[Apr 15th, 2023]]"),
    ]
    assert note.tags == [Tag("tweets", 4, 12, TagSource.INLINE)]


def test_readwise_page_tweets(logseq_vault):
    note = note_at(logseq_vault, KARPATHY)
    assert [
        (t.kind.value, t.handle, t.status_id, t.line, t.column, t.in_comment) for t in note.tweets
    ] == [
        ("profile", "karpathy", None, 5, 7, False),
        ("search", "karpathy", None, 11, 74, False),
        ("status", "karpathy", "1429478697946402816", 12, 219, False),
        ("status", "karpathy", "1599852921541128194", 16, 71, False),
        ("status", "karpathy", "1645115622517542913", 24, 71, False),
        ("status", "karpathy", "1647025230546886658", 31, 100, False),
    ]
    search = note.tweets[1].url
    assert search.startswith("https://twitter.com/search?q=How%20to%20become%20expert")
    assert search.endswith("%28from%3A%40karpathy%29")
    assert note.tweets[2].url == "https://twitter.com/karpathy/status/1429478697946402816"
    assert {t.author for t in note.tweets} == {"karpathy"}


def test_logseq_hidden_and_backup_pages_are_not_read(logseq_vault):
    paths = {note.path for note in logseq_vault.notes}
    assert "archive/Old page.md" not in paths
    assert not any(path.startswith("logseq/") for path in paths)


# --- the Obsidian vault ------------------------------------------------------------------------


def test_obsidian_vault_files(obsidian_vault):
    assert obsidian_vault.flavor is Flavor.OBSIDIAN
    assert len(obsidian_vault.notes) == 12
    assert obsidian_vault.ignored == frozenset({"Templates/Daily.md"})
    assert obsidian_vault.attachments == ["Attachments/diagram.png"]
    assert obsidian_vault.problems == []


def test_machine_learning_note_links(obsidian_vault):
    note = note_at(obsidian_vault, ML)
    assert note.title == "Machine Learning"
    assert [
        (link.kind, link.target, link.anchor, link.text, link.line, link.column)
        for link in note.links
    ] == [
        (LinkKind.WIKILINK, "Biology", None, None, 1, 94),
        (
            LinkKind.WIKILINK,
            "Machine Learning and Mathematical Reasoning",
            None,
            "Mathematical Reasoning",
            7,
            33,
        ),
        (LinkKind.WIKILINK, "Low Level of Training a Model", None, None, 15, 3),
        (LinkKind.WIKILINK, "Multimodal Models", None, None, 16, 3),
        (LinkKind.WIKILINK, "Supervised Learning", None, None, 17, 3),
        (LinkKind.WIKILINK, "Unsupervised Learning", None, None, 18, 3),
        (LinkKind.WIKILINK, "Reinforcement Learning", None, None, 19, 3),
        (LinkKind.WIKILINK, "AI in Education", None, None, 20, 3),
        (LinkKind.WIKILINK, "Machine Learning and Mathematical Reasoning", None, None, 21, 3),
        (
            LinkKind.WIKILINK,
            "$Dive into Deep Learning by Zhang, Lipton, Li and Smola",
            None,
            None,
            28,
            3,
        ),
    ]
    assert note.links[1].raw == (
        "[[Machine Learning and Mathematical Reasoning|Mathematical Reasoning]]"
    )


def test_machine_learning_note_problem_and_headings(obsidian_vault):
    note = note_at(obsidian_vault, ML)
    assert [(p.code, p.line, p.column) for p in note.problems] == [("malformed-link", 9, 3)]
    assert note.problems[0].message.startswith(
        "link destination starts with an extra '(': '[Silicon-based Photonics"
    )
    assert note.headings == [
        Heading(1, "Topics", 14, 1),
        Heading(1, "Tools", 22, 1),
        Heading(1, "Links", 27, 1),
    ]
    assert note.tags == []
    assert note.frontmatter is None


def test_jekyll_post_front_matter_and_tags(obsidian_vault):
    note = note_at(obsidian_vault, BLOG)
    assert note.frontmatter.data == {
        "layout": "post",
        "title": "Academic twitter",
        "categories": ["utils"],
        "tags": ["productivity", "research"],
        "d3": False,
    }
    assert (note.frontmatter.start_line, note.frontmatter.end_line) == (1, 7)
    assert note.tags == [
        Tag("productivity", 5, 8, TagSource.FRONTMATTER),
        Tag("research", 5, 22, TagSource.FRONTMATTER),
    ]
    assert note.problems == []


def test_jekyll_post_embedded_tweets_give_handles_and_names(obsidian_vault):
    note = note_at(obsidian_vault, BLOG)
    named = [
        (t.handle, t.display_name, t.line, t.in_comment) for t in note.tweets if t.display_name
    ]
    assert named == [
        ("ArashVahdat", "Arash Vahdat", 44, True),
        ("egrefen", "Edward Grefenstette", 49, True),
        ("pabbeel", "Pieter Abbeel", 54, False),
        ("zacharylipton", "Zachary Lipton", 59, False),
        ("DmitryUlyanovML", "Dmitry Ulyanov", 71, False),
        ("RichardSocher", "Richard Socher", 76, False),
        ("huggingface", "Hugging Face", 80, False),
        ("hima_lakkaraju", "Hima Lakkaraju (Recruiting Students and Postdocs)", 92, False),
        ("bayesgroup", "Bayesian Methods Research Group", 101, False),
        ("whi_rl", "WhiRL", 110, False),
        ("zdeborova", "Lenka Zdeborova", 112, False),
        ("emnlp2019", "emnlp2019", 125, False),
        ("jeremyphoward", "Jeremy Howard", 133, False),
        ("TalkRLPodcast", "TalkRL", 139, False),
        ("stanfordnlp", "Stanford NLP Group", 141, False),
    ]


def test_jekyll_post_tweet_counts(obsidian_vault):
    note = note_at(obsidian_vault, BLOG)
    kinds = Counter((t.kind.value, t.in_comment) for t in note.tweets)
    assert kinds == {
        ("status", False): 13,
        ("status", True): 15,
        ("profile", False): 34,
        ("profile", True): 2,
    }
    assert len({t.status_id for t in note.tweets if t.status_id}) == 15
    assert not any(
        t.handle in {"hashtag", "search", "i"} or "t.co" in t.url or "pic." in t.url
        for t in note.tweets
    )


def test_jekyll_post_links_and_headings(obsidian_vault):
    note = note_at(obsidian_vault, BLOG)
    assert [(link.kind, link.target, link.text, link.line, link.column) for link in note.links] == [
        (LinkKind.IMAGE, "/assets/images/academic-twitter/twitter-bird-hat.svg", "twitter", 15, 1)
    ]
    assert [(h.level, h.text, h.line) for h in note.headings] == [
        (1, "Some examples:", 39),
        (2, "Job posting / Internships", 41),
        (2, "Share papers / projects", 68),
        (2, "Promoting courses and gather cool ideas", 89),
        (2, "Lab events announcements", 98),
        (2, "Share success", 107),
        (2, "Conferences", 122),
        (2, "Ask for a help", 130),
        (2, "Other", 136),
        (1, "AI starter list ))", 151),
    ]


def test_clipping_tweets(obsidian_vault):
    note = note_at(obsidian_vault, CLIPPING)
    assert {t.kind.value for t in note.tweets} == {"status"}
    assert len(note.tweets) == 24
    handles = Counter(t.handle for t in note.tweets)
    assert len(handles) == 21
    assert sorted(handle for handle, count in handles.items() if count > 1) == [
        "JoernLoviscach",
        "rasbt",
        "svpino",
    ]
    first, last = note.tweets[0], note.tweets[-1]
    assert (first.handle, first.status_id, first.line, first.column) == (
        "rasbt",
        "1612113816363610112",
        13,
        20,
    )
    assert (last.handle, last.status_id, last.line, last.column) == (
        "fchollet",
        "1727210594879873162",
        196,
        27,
    )


def test_clipping_has_only_the_empty_link(obsidian_vault):
    note = note_at(obsidian_vault, CLIPPING)
    assert [(link.kind, link.target, link.text, link.line, link.column) for link in note.links] == [
        (LinkKind.MARKDOWN, "", "no link, its closed", 165, 1)
    ]
    assert note.problems == []
    assert note.headings[:3] == [
        Heading(1, "My Top 100 ML Tweets 2023", 2, 1),
        Heading(2, "Jan", 6, 1),
        Heading(2, "", 8, 1),
    ]


def test_scratchpad_links_only_inside_code(obsidian_vault):
    note = note_at(obsidian_vault, "Scratchpad.md")
    assert note.links == []


def test_newsletter_hash_number_is_no_tag(obsidian_vault):
    note = note_at(obsidian_vault, "Clippings/Top Twitter Topics by Data Scientists 13.md")
    assert note.tags == []
    assert note.links == []
    assert note.problems == []
