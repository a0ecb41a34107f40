"""Logseq link resolution and the link graph, against docs SEMANTICS.md ("Logseq").

The graphs use the triple-lowbar file name format (the default since 2022, written by the
``make_vault`` fixture) unless a test writes its own ``logseq/config.edn``.
"""

from __future__ import annotations

import unicodedata

import pytest

from vaultkit import load_vault
from vaultkit.graph.graph import LinkGraph
from vaultkit.graph.resolution import Resolution, Status
from vaultkit.model import Flavor, LinkKind

NOTE = Status.NOTE
PAGE = Status.PAGE
MISSING = Status.MISSING_PAGE
BROKEN = Status.BROKEN
UUID = "6571c3a2-1b2c-4d5e-8f90-0123456789ab"
NO_UUID = "00000000-0000-4000-8000-000000000000"


def graph_of(make_vault, files: dict[str, str | bytes]) -> LinkGraph:
    graph = LinkGraph(load_vault(make_vault(files, flavor="logseq")))
    assert graph.vault.flavor is Flavor.LOGSEQ
    return graph


def resolved(graph: LinkGraph, source: str) -> dict[str, Resolution]:
    edges = graph.outgoing[source]
    raws = [edge.link.raw for edge in edges]
    assert len(raws) == len(set(raws)), f"test graph repeats a link in {source}: {raws}"
    return {edge.link.raw: edge.resolution for edge in edges}


GRAPH = {
    "pages/Attention.md": (f"- Attention is a mechanism.\n- The key block\n  id:: {UUID}\n"),
    "pages/Kubernetes.md": "title:: K8s Cluster\n\n- Orchestration.\n",
    "pages/Coffee.md": "alias:: Café, Übersicht\n\n- Beans.\n",
    "pages/a___b.md": "- Namespace page a/b.\n",
    "pages/projects/Garden.md": "- Subfolders are flattened.\n",
    "journals/2021_07_19.md": "- A Monday.\n",
    "assets/diagram.png": b"\x89PNG\r\n\x1a\n",
    "assets/my image.png": b"\x89PNG\r\n\x1a\n",
    "pages/Home.md": (
        "- [[attention]] [[ATTENTION]] [[Atention]]\n"
        "- [[k8s cluster]] [[Kubernetes]]\n"
        "- [[café]] [[CAFÉ]] [[übersicht]] [[Coffee]]\n"
        "- [[a/b]] [[A/B]] [[a]] [[a/b/c]] [[x/y/z]] [[x/y]] [[x]]\n"
        "- [[Jul 19th, 2021]] [[2021-07-19]] [[jul 19th, 2021]] [[Jul 20th, 2021]] [[2021-07-20]]\n"
        "- [label]([[Attention]]) [other]([[Nowhere]]) [[garden]]\n"
        f"- (({UUID})) (({NO_UUID})) [b]((({UUID}))) {{{{embed (({UUID}))}}}}\n"
        "- #attention #tag #[[multi word]] #[[Attention]] {{embed [[Garden]]}}\n"
        "- ![d](../assets/diagram.png) ![m](../assets/missing.png) ![s](../assets/my%20image.png)\n"
        "- [web](https://example.org/x.png) [doc](../assets/none.pdf)\n"
        "- ```\n"
        "  [[In Code]] ((00000000-0000-4000-8000-00000000000f))\n"
        "  ```\n"
    ),
}


RESOLUTIONS = [
    # Page names are case-insensitive.
    ("[[attention]]", Resolution(NOTE, "pages/Attention.md")),
    ("[[ATTENTION]]", Resolution(NOTE, "pages/Attention.md")),
    ("[[Atention]]", Resolution(MISSING)),
    # title:: replaces the file name.
    ("[[k8s cluster]]", Resolution(NOTE, "pages/Kubernetes.md")),
    ("[[Kubernetes]]", Resolution(MISSING)),
    # alias:: names lead to the page, non-ASCII ones too.
    ("[[café]]", Resolution(NOTE, "pages/Coffee.md")),
    ("[[CAFÉ]]", Resolution(NOTE, "pages/Coffee.md")),
    ("[[übersicht]]", Resolution(NOTE, "pages/Coffee.md")),
    ("[[Coffee]]", Resolution(NOTE, "pages/Coffee.md")),
    # Namespaces: a___b.md is a/b; [[a/b/c]] and [[x/y/z]] make their parents exist.
    ("[[a/b]]", Resolution(NOTE, "pages/a___b.md")),
    ("[[A/B]]", Resolution(NOTE, "pages/a___b.md")),
    ("[[a]]", Resolution(PAGE)),
    ("[[a/b/c]]", Resolution(MISSING)),
    ("[[x/y/z]]", Resolution(MISSING)),
    ("[[x/y]]", Resolution(PAGE)),
    ("[[x]]", Resolution(PAGE)),
    # Journal days in any date form; a day without a file still exists.
    ("[[Jul 19th, 2021]]", Resolution(NOTE, "journals/2021_07_19.md")),
    ("[[2021-07-19]]", Resolution(NOTE, "journals/2021_07_19.md")),
    ("[[jul 19th, 2021]]", Resolution(NOTE, "journals/2021_07_19.md")),
    ("[[Jul 20th, 2021]]", Resolution(PAGE)),
    ("[[2021-07-20]]", Resolution(PAGE)),
    ("[label]([[Attention]])", Resolution(NOTE, "pages/Attention.md")),
    ("[other]([[Nowhere]])", Resolution(MISSING)),
    # Folders are flattened: pages/projects/Garden.md is the page "Garden".
    ("[[garden]]", Resolution(NOTE, "pages/projects/Garden.md")),
    (f"(({UUID}))", Resolution(Status.BLOCK, "pages/Attention.md")),
    (f"(({NO_UUID}))", Resolution(BROKEN)),
    (f"[b]((({UUID})))", Resolution(Status.BLOCK, "pages/Attention.md")),
    (f"{{{{embed (({UUID}))}}}}", Resolution(Status.BLOCK, "pages/Attention.md")),
    ("#attention", Resolution(NOTE, "pages/Attention.md")),
    ("#tag", Resolution(MISSING)),
    ("#[[multi word]]", Resolution(MISSING)),
    ("#[[Attention]]", Resolution(NOTE, "pages/Attention.md")),
    ("{{embed [[Garden]]}}", Resolution(NOTE, "pages/projects/Garden.md")),
    ("![d](../assets/diagram.png)", Resolution(Status.FILE, "assets/diagram.png")),
    ("![m](../assets/missing.png)", Resolution(BROKEN)),
    ("![s](../assets/my%20image.png)", Resolution(Status.FILE, "assets/my image.png")),
    ("[doc](../assets/none.pdf)", Resolution(BROKEN)),
]


@pytest.mark.parametrize(("raw", "expected"), RESOLUTIONS)
def test_resolution(make_vault, raw, expected):
    graph = graph_of(make_vault, GRAPH)
    assert resolved(graph, "pages/Home.md")[raw] == expected


def test_every_link_of_the_page_is_seen_once(make_vault):
    graph = graph_of(make_vault, GRAPH)
    links = resolved(graph, "pages/Home.md")
    # Nothing more: code is not read ([[In Code]]) and web links are not vault links.
    assert set(links) == {raw for raw, _ in RESOLUTIONS}


def test_link_kinds(make_vault):
    graph = graph_of(make_vault, GRAPH)
    kinds = {edge.link.raw: edge.link.kind for edge in graph.outgoing["pages/Home.md"]}
    assert kinds["#tag"] is LinkKind.TAG
    assert kinds["#[[multi word]]"] is LinkKind.TAG
    assert kinds["[label]([[Attention]])"] is LinkKind.LABELED
    assert kinds[f"(({UUID}))"] is LinkKind.BLOCK_REF
    assert kinds["{{embed [[Garden]]}}"] is LinkKind.EMBED_MACRO
    assert kinds["![d](../assets/diagram.png)"] is LinkKind.IMAGE


def test_page_titles_and_journal_dates(make_vault):
    graph = graph_of(make_vault, GRAPH)
    notes = graph.notes
    assert notes["pages/Kubernetes.md"].title == "K8s Cluster"
    assert notes["pages/a___b.md"].title == "a/b"
    assert notes["pages/Coffee.md"].aliases == ["Café", "Übersicht"]
    assert notes["journals/2021_07_19.md"].title == "Jul 19th, 2021"
    assert notes["journals/2021_07_19.md"].journal_date == "2021-07-19"


def test_decomposed_unicode_alias(make_vault):
    """macOS writes NFD; Logseq compares NFC page names."""
    nfd = unicodedata.normalize("NFD", "Café")
    graph = graph_of(
        make_vault,
        {
            "pages/Coffee.md": f"alias:: {nfd}\n\n- Beans.\n",
            "pages/Home.md": "- [[café]]\n",
        },
    )
    assert resolved(graph, "pages/Home.md") == {"[[café]]": Resolution(NOTE, "pages/Coffee.md")}


def test_legacy_file_names_use_dots_for_namespaces(make_vault):
    graph = graph_of(
        make_vault,
        {
            "logseq/config.edn": "{:meta/version 1}\n",
            "pages/a.b.md": "- legacy namespace\n",
            "pages/Home.md": "- [[a/b]] [[a]]\n",
        },
    )
    assert resolved(graph, "pages/Home.md") == {
        "[[a/b]]": Resolution(NOTE, "pages/a.b.md"),
        "[[a]]": Resolution(PAGE),
    }


def test_two_files_with_one_name(make_vault):
    graph = graph_of(
        make_vault,
        {
            "pages/work/Server.md": "- work\n",
            "pages/home/Server.md": "- home\n",
            "pages/Home.md": "- [[Server]]\n",
        },
    )
    assert resolved(graph, "pages/Home.md") == {
        "[[Server]]": Resolution(
            NOTE,
            "pages/home/Server.md",
            ("pages/home/Server.md", "pages/work/Server.md"),
            "it comes first by path",
        )
    }


def test_hidden_and_backup_files_are_not_notes(make_vault):
    graph = graph_of(
        make_vault,
        {
            "logseq/config.edn": '{:file/name-format :triple-lowbar :hidden ["/archive/"]}\n',
            "pages/Attention.md": "- current\n",
            "archive/Attention.md": "- [[Attention]]\n",
            "logseq/bak/pages/Attention/2022-12-06T10_00_00.000Z.Desktop.md": "- [[Attention]]\n",
            "logseq/version-files/x.md": "- [[Attention]]\n",
            "logseq/.recycle/y.md": "- [[Attention]]\n",
        },
    )
    assert list(graph.notes) == ["pages/Attention.md"]
    # Links from skipped files are no backlinks: the page is an orphan.
    assert [note.path for note in graph.orphans()] == ["pages/Attention.md"]


# --- the graph -----------------------------------------------------------------------------------

LINKED = {
    "journals/2022_11_19.md": "- Read about [[Transformers]] and [[Attention]]\n",
    "journals/2022_11_20.md": "- Nothing linked today\n",
    "pages/Transformers.md": "alias:: TF\n\n- Uses [[attention]] and [[Transformers]]\n",
    "pages/Attention.md": f"- A key idea\n  id:: {UUID}\n",
    "pages/Quotes.md": f"- (({UUID})) [[Nov 20th, 2022]]\n",
    "pages/Reading.md": "- [[tf]] [[Missing page]]\n",
    "pages/Solo.md": "- [[Solo]]\n",
}


def test_backlinks(make_vault):
    graph = graph_of(make_vault, LINKED)

    def sources(path):
        return [(e.source.path, e.link.raw) for e in graph.backlinks(path)]

    assert sources("pages/Attention.md") == [
        ("journals/2022_11_19.md", "[[Attention]]"),
        ("pages/Quotes.md", f"(({UUID}))"),
        ("pages/Transformers.md", "[[attention]]"),
    ]
    # The alias [[tf]] leads to the page; the self-link does not count.
    assert sources("pages/Transformers.md") == [
        ("journals/2022_11_19.md", "[[Transformers]]"),
        ("pages/Reading.md", "[[tf]]"),
    ]
    assert sources("journals/2022_11_20.md") == [("pages/Quotes.md", "[[Nov 20th, 2022]]")]
    assert sources("pages/Solo.md") == []


def test_orphans_include_journals(make_vault):
    graph = graph_of(make_vault, LINKED)
    assert [note.path for note in graph.orphans()] == [
        "journals/2022_11_19.md",
        "pages/Quotes.md",
        "pages/Reading.md",
        "pages/Solo.md",
    ]


def test_dead_ends(make_vault):
    graph = graph_of(make_vault, LINKED)
    assert [note.path for note in graph.dead_ends()] == [
        "journals/2022_11_20.md",
        "pages/Attention.md",
        "pages/Solo.md",
    ]


def test_unresolved_leaves_out_missing_pages(make_vault):
    """A page with no file is not broken in Logseq: only the dead ((uuid)) is unresolved."""
    graph = graph_of(
        make_vault,
        {**LINKED, "pages/Broken.md": f"- (({NO_UUID})) [[Nowhere]] [x]()\n"},
    )
    assert [(e.source.path, e.link.raw, e.resolution.status) for e in graph.unresolved()] == [
        ("pages/Broken.md", f"(({NO_UUID}))", BROKEN),
        ("pages/Broken.md", "[x]()", Status.EMPTY),
    ]


def test_suggestions_include_titles_and_aliases(make_vault):
    graph = graph_of(make_vault, LINKED)
    assert graph.suggestions("Atention") == ("Attention",)
    assert graph.suggestions("Transformer") == ("Transformers",)
    assert graph.suggestions("Quantum chromodynamics") == ()
