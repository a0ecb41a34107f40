"""Obsidian link resolution and the link graph, against docs SEMANTICS.md ("Obsidian").

Each test builds a small vault that looks like a real one (nested folders, duplicate names,
attachments) and checks what every link resolves to: status, path, candidates, reason, anchor.
"""

from __future__ import annotations

import json
import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit import load_vault
from vaultkit.graph.graph import LinkGraph
from vaultkit.graph.obsidian import _normalized
from vaultkit.graph.resolution import AnchorStatus, Resolution, Status
from vaultkit.model import LinkKind

NOTE = Status.NOTE
FILE = Status.FILE
BROKEN = Status.BROKEN


def graph_of(make_vault, files: dict[str, str | bytes]) -> LinkGraph:
    return LinkGraph(load_vault(make_vault(files, flavor="obsidian")))


def resolved(graph: LinkGraph, source: str) -> dict[str, Resolution]:
    """The links of ``source`` by their raw text (each raw text used once per note)."""
    edges = graph.outgoing[source]
    raws = [edge.link.raw for edge in edges]
    assert len(raws) == len(set(raws)), f"test vault repeats a link in {source}: {raws}"
    return {edge.link.raw: edge.resolution for edge in edges}


# --- bare names, paths and suffixes -------------------------------------------------------------

NAMES_VAULT = {
    "Home.md": (
        "# Home\n"
        "[[my note]] [[MY NOTE]] [[My Note.md]] [[my note.MD]]\n"
        "[[projects/Plan]] [[projects/plan.md]] [[/projects/Plan]]\n"
        "[[house/todo]] [[House/Todo.md]] [[use/todo]] [[Plan]]\n"
    ),
    "My Note.md": "Text.\n",
    "projects/Plan.md": "The plan.\n",
    "projects/house/todo.md": "- [ ] paint\n",
    "archive/2019/Old plan.md": "[[../../Home]] [[./Neighbour]] [[../Nowhere]]\n",
    "archive/2019/Neighbour.md": "",
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[[my note]]", Resolution(NOTE, "My Note.md")),
        ("[[MY NOTE]]", Resolution(NOTE, "My Note.md")),
        ("[[My Note.md]]", Resolution(NOTE, "My Note.md")),
        ("[[my note.MD]]", Resolution(NOTE, "My Note.md")),
        ("[[projects/Plan]]", Resolution(NOTE, "projects/Plan.md")),
        ("[[projects/plan.md]]", Resolution(NOTE, "projects/Plan.md")),
        ("[[/projects/Plan]]", Resolution(NOTE, "projects/Plan.md")),
        ("[[house/todo]]", Resolution(NOTE, "projects/house/todo.md")),
        ("[[House/Todo.md]]", Resolution(NOTE, "projects/house/todo.md")),
        # A suffix is whole path segments: "use/todo" is not a suffix of ".../house/todo".
        ("[[use/todo]]", Resolution(BROKEN)),
        ("[[Plan]]", Resolution(NOTE, "projects/Plan.md")),
    ],
)
def test_names_and_paths(make_vault, raw, expected):
    graph = graph_of(make_vault, NAMES_VAULT)
    assert resolved(graph, "Home.md")[raw] == expected


def test_relative_wikilinks_stay_relative(make_vault):
    graph = graph_of(make_vault, NAMES_VAULT)
    assert resolved(graph, "archive/2019/Old plan.md") == {
        "[[../../Home]]": Resolution(NOTE, "Home.md"),
        "[[./Neighbour]]": Resolution(NOTE, "archive/2019/Neighbour.md"),
        "[[../Nowhere]]": Resolution(BROKEN),
    }


# --- duplicate names: the tie-break --------------------------------------------------------------

DUPLICATES_VAULT = {
    "Todo.md": "",
    "work/Todo.md": "",
    "home/Todo.md": "",
    "work/Standup.md": "[[Todo]] [[work/Todo]] [[Todo.md]]\n",
    "notes/Meeting.md": "",
    "archive/2020/q1/Meeting.md": "",
    "work/Meeting.md": "",
    "Home.md": "[[Meeting]]\n",
    "work/Review.md": "[[Meeting]]\n",
    "archive/2020/q1/Retro.md": "[[Meeting]]\n",
    "projects/house/chores.md": "",
    "archive/house/chores.md": "",
    "Inbox.md": "[[house/chores]]\n",
}
ALL_TODOS = ("Todo.md", "home/Todo.md", "work/Todo.md")
ALL_MEETINGS = ("work/Meeting.md", "notes/Meeting.md", "archive/2020/q1/Meeting.md")


def test_exact_vault_path_beats_same_folder(make_vault):
    graph = graph_of(make_vault, DUPLICATES_VAULT)
    exact = Resolution(NOTE, "Todo.md", ALL_TODOS, "its path is exactly the link")
    assert resolved(graph, "work/Standup.md") == {
        "[[Todo]]": exact,
        "[[work/Todo]]": Resolution(NOTE, "work/Todo.md"),
        "[[Todo.md]]": exact,
    }


def test_same_folder_then_shortest_path(make_vault):
    graph = graph_of(make_vault, DUPLICATES_VAULT)
    assert resolved(graph, "Home.md")["[[Meeting]]"] == Resolution(
        NOTE, "work/Meeting.md", ALL_MEETINGS, "it has the shortest path"
    )
    same_folder = "it is in the same folder as the linking note"
    assert resolved(graph, "work/Review.md")["[[Meeting]]"] == Resolution(
        NOTE, "work/Meeting.md", ALL_MEETINGS, same_folder
    )
    # The longest path still wins from its own folder.
    assert resolved(graph, "archive/2020/q1/Retro.md")["[[Meeting]]"] == Resolution(
        NOTE, "archive/2020/q1/Meeting.md", ALL_MEETINGS, same_folder
    )


def test_suffix_that_is_not_unique_is_ambiguous(make_vault):
    graph = graph_of(make_vault, DUPLICATES_VAULT)
    assert resolved(graph, "Inbox.md")["[[house/chores]]"] == Resolution(
        NOTE,
        "archive/house/chores.md",
        ("archive/house/chores.md", "projects/house/chores.md"),
        "it has the shortest path",
    )


# --- Markdown links ------------------------------------------------------------------------------

MARKDOWN_VAULT = {
    "Other.md": "# Top\n",
    "Other Note.md": "",
    "Café.md": "",
    "sub/Other.md": "",
    "projects/Plan.md": "",
    "etc/passwd": "root:x:0:0\n",
    "sub/Index.md": (
        "[up](../Other.md) [here](Other.md) [root](projects/Plan.md) [slash](/Other.md)\n"
        "[name](Plan.md) [spaces](../Other%20Note.md) [no-ext](Other%20Note)\n"
        "[angle](<../Other Note.md>) [utf8](Caf%C3%A9.md) [anchor](/Other.md#top)\n"
        "[in-vault](../etc/passwd) [escape](../../etc/passwd) [deep](../../../../etc/passwd)\n"
        "[gone](../Gone.md) [web](https://example.org/a.md) [mail](mailto:me@example.org)\n"
    ),
    "Home.md": "[[../etc/passwd]] [[../../etc/passwd]] [root-escape](../etc/passwd)\n",
}


def test_markdown_links_relative_then_root_then_name(make_vault):
    graph = graph_of(make_vault, MARKDOWN_VAULT)
    assert resolved(graph, "sub/Index.md") == {
        "[up](../Other.md)": Resolution(NOTE, "Other.md"),
        # Relative first: sub/Other.md, although Other.md exists at the root too.
        "[here](Other.md)": Resolution(NOTE, "sub/Other.md"),
        "[root](projects/Plan.md)": Resolution(NOTE, "projects/Plan.md"),
        "[slash](/Other.md)": Resolution(NOTE, "Other.md"),
        "[name](Plan.md)": Resolution(NOTE, "projects/Plan.md"),
        "[spaces](../Other%20Note.md)": Resolution(NOTE, "Other Note.md"),
        "[no-ext](Other%20Note)": Resolution(NOTE, "Other Note.md"),
        "[angle](<../Other Note.md>)": Resolution(NOTE, "Other Note.md"),
        "[utf8](Caf%C3%A9.md)": Resolution(NOTE, "Café.md"),
        "[anchor](/Other.md#top)": Resolution(NOTE, "Other.md", anchor=AnchorStatus.OK),
        "[in-vault](../etc/passwd)": Resolution(FILE, "etc/passwd"),
        "[escape](../../etc/passwd)": Resolution(BROKEN),
        "[deep](../../../../etc/passwd)": Resolution(BROKEN),
        "[gone](../Gone.md)": Resolution(BROKEN),
    }


def test_paths_never_climb_out_of_the_vault(make_vault):
    graph = graph_of(make_vault, MARKDOWN_VAULT)
    assert resolved(graph, "Home.md") == {
        "[[../etc/passwd]]": Resolution(BROKEN),
        "[[../../etc/passwd]]": Resolution(BROKEN),
        "[root-escape](../etc/passwd)": Resolution(BROKEN),
    }


def test_markdown_targets_are_percent_decoded(make_vault):
    graph = graph_of(make_vault, MARKDOWN_VAULT)
    targets = {edge.link.raw: edge.link.target for edge in graph.outgoing["sub/Index.md"]}
    assert targets["[spaces](../Other%20Note.md)"] == "../Other Note.md"
    assert targets["[utf8](Caf%C3%A9.md)"] == "Café.md"


# --- headings and blocks -------------------------------------------------------------------------

GAMES = (
    "# Minecraft: The Video Game\n"
    "## Mods & Add-ons\n"
    "\n"
    "Redstone is a claim worth linking. ^claim-1\n"
    "\n"
    "- item one\n"
    "- item two\n"
    "\n"
    "^list-id\n"
    "\n"
    "```\n"
    "# Not a heading\n"
    "code ^not-a-block\n"
    "```\n"
)
HEADINGS_VAULT = {
    "Games.md": GAMES,
    "Home.md": (
        "# Local part\n"
        "[[Games#Minecraft The Video Game]] [[games#MINECRAFT THE VIDEO GAME]]\n"
        "[[Games#Minecraft The Video Game#Mods Add-ons]] [[Games#Mods & Add-ons]]\n"
        "[[Games#Wrong]] [[Games#Minecraft The Video Game#Nope]] [[Games#Not a heading]]\n"
        "[[Games#^claim-1]] [[Games#^list-id]] [[Games#^gone]] [[Games#^not-a-block]]\n"
        "[[#Local part]] [[#local PART]] [[#Nowhere]] [[#^here]] [[#^absent]]\n"
        "[slug](Games.md#minecraft-the-video-game) [encoded](Games.md#Mods%20Add-ons)\n"
        "Last words. ^here\n"
    ),
}


@pytest.mark.parametrize(
    ("raw", "source", "anchor"),
    [
        ("[[Games#Minecraft The Video Game]]", "Games.md", AnchorStatus.OK),
        ("[[games#MINECRAFT THE VIDEO GAME]]", "Games.md", AnchorStatus.OK),
        ("[[Games#Minecraft The Video Game#Mods Add-ons]]", "Games.md", AnchorStatus.OK),
        ("[[Games#Mods & Add-ons]]", "Games.md", AnchorStatus.OK),
        ("[[Games#Wrong]]", "Games.md", AnchorStatus.MISSING_HEADING),
        ("[[Games#Minecraft The Video Game#Nope]]", "Games.md", AnchorStatus.MISSING_HEADING),
        ("[[Games#Not a heading]]", "Games.md", AnchorStatus.MISSING_HEADING),
        ("[[Games#^claim-1]]", "Games.md", AnchorStatus.OK),
        ("[[Games#^list-id]]", "Games.md", AnchorStatus.OK),
        ("[[Games#^gone]]", "Games.md", AnchorStatus.MISSING_BLOCK),
        ("[[Games#^not-a-block]]", "Games.md", AnchorStatus.MISSING_BLOCK),
        ("[[#Local part]]", "Home.md", AnchorStatus.OK),
        ("[[#local PART]]", "Home.md", AnchorStatus.OK),
        ("[[#Nowhere]]", "Home.md", AnchorStatus.MISSING_HEADING),
        ("[[#^here]]", "Home.md", AnchorStatus.OK),
        ("[[#^absent]]", "Home.md", AnchorStatus.MISSING_BLOCK),
        ("[slug](Games.md#minecraft-the-video-game)", "Games.md", AnchorStatus.OK),
        ("[encoded](Games.md#Mods%20Add-ons)", "Games.md", AnchorStatus.OK),
    ],
)
def test_heading_and_block_anchors(make_vault, raw, source, anchor):
    graph = graph_of(make_vault, HEADINGS_VAULT)
    assert resolved(graph, "Home.md")[raw] == Resolution(NOTE, source, anchor=anchor)


def test_block_ids_of_a_note(make_vault):
    vault = load_vault(make_vault(HEADINGS_VAULT))
    games = next(note for note in vault.notes if note.path == "Games.md")
    assert [(block.id, block.line) for block in games.block_ids] == [
        ("claim-1", 4),
        ("list-id", 9),
    ]


def test_escaped_pipe_in_a_table(make_vault):
    graph = graph_of(
        make_vault,
        {
            "Games.md": GAMES,
            "Table.md": (
                "| Link | Note |\n"
                "|---|---|\n"
                "| [[Games\\|the game]] | [[Games#Mods Add-ons\\|mods]] |\n"
            ),
        },
    )
    links = [
        (e.link.target, e.link.anchor, e.link.text, e.resolution)
        for e in graph.outgoing["Table.md"]
    ]
    assert links == [
        ("Games", None, "the game", Resolution(NOTE, "Games.md")),
        ("Games", "Mods Add-ons", "mods", Resolution(NOTE, "Games.md", anchor=AnchorStatus.OK)),
    ]


# --- attachments ---------------------------------------------------------------------------------

ATTACHMENTS = {
    "Attachments/Figure 1.webp": b"RIFF\x00\x00\x00\x00WEBP",
    "Attachments/photo.png": b"\x89PNG\r\n\x1a\n",
    "Attachments/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "Papers/doc.pdf": b"%PDF-1.7\n",
    "Boards/board.canvas": '{"nodes": [], "edges": []}',
    "Bases/table.base": "views: []\n",
    "Audio/song.mp3": b"ID3",
    "Video/clip.mp4": b"\x00\x00\x00\x18ftypmp42",
}


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ("![[Figure 1.webp]]", "Attachments/Figure 1.webp"),
        ("![[photo.png|100x145]]", "Attachments/photo.png"),
        ("![[PHOTO.PNG]]", "Attachments/photo.png"),
        ("![[logo.svg]]", "Attachments/logo.svg"),
        ("![[doc.pdf#page=3]]", "Papers/doc.pdf"),
        ("[[board.canvas]]", "Boards/board.canvas"),
        ("[[table.base]]", "Bases/table.base"),
        ("![[song.mp3]]", "Audio/song.mp3"),
        ("![[clip.mp4]]", "Video/clip.mp4"),
        ("![[Attachments/photo.png]]", "Attachments/photo.png"),
        ("![alt](Attachments/photo.png)", "Attachments/photo.png"),
        ("![alt](Figure%201.webp)", "Attachments/Figure 1.webp"),
    ],
)
def test_attachments_resolve_by_name_with_extension(make_vault, raw, path):
    graph = graph_of(make_vault, {**ATTACHMENTS, "Notes/Home.md": raw + "\n"})
    assert resolved(graph, "Notes/Home.md") == {raw: Resolution(FILE, path)}


@pytest.mark.parametrize("raw", ["![[Figure 1]]", "![[photo]]", "![[missing.png]]"])
def test_attachment_needs_its_extension(make_vault, raw):
    graph = graph_of(make_vault, {**ATTACHMENTS, "Home.md": raw + "\n"})
    assert resolved(graph, "Home.md") == {raw: Resolution(BROKEN)}


# --- aliases, front-matter, empty and non-links --------------------------------------------------

MISC_VAULT = {
    ".obsidian/app.json": json.dumps({"userIgnoreFilters": ["Templates/", "/^Archive/.*draft/"]}),
    "Topics/Reinforcement Learning.md": "---\naliases: [RL, Reward Learning]\n---\n# Intro\n",
    "Solo.md": "---\naliases: Lonely\n---\n",
    "Templates/Daily.md": "[[Nope]]\n",
    "Archive/old draft.md": "",
    "Home.md": (
        "---\n"
        'up: "[[Missing]]"\n'
        'related: ["[[Solo]]"]\n'
        "list: [[Bare]]\n"
        "---\n"
        "[[RL]] [[rl#Intro]] [[Reinforcement Learning|RL]] [[Lonely]] [[Topics/RL]]\n"
        "[[Daily]] [[old draft]]\n"
        "[[]] [[|x]] [t]() [[https://example.org]] [web](https://example.org)\n"
        "```\n[[In Code]]\n```\n"
        "`[[inline]]` <!-- [[comment]] --> %% [[hidden]] %% \\[\\[escaped\\]\\]\n"
    ),
}


def test_aliases_front_matter_empty_and_ignored(make_vault):
    graph = graph_of(make_vault, MISC_VAULT)
    owner = "Topics/Reinforcement Learning.md"
    assert resolved(graph, "Home.md") == {
        "[[Missing]]": Resolution(BROKEN),
        "[[Solo]]": Resolution(NOTE, "Solo.md"),
        "[[RL]]": Resolution(Status.ALIAS, owner),
        "[[rl#Intro]]": Resolution(Status.ALIAS, owner),
        "[[Reinforcement Learning|RL]]": Resolution(NOTE, owner),
        "[[Lonely]]": Resolution(Status.ALIAS, "Solo.md"),
        # A path is not an alias.
        "[[Topics/RL]]": Resolution(BROKEN),
        # Excluded files (userIgnoreFilters) still answer links.
        "[[Daily]]": Resolution(NOTE, "Templates/Daily.md"),
        "[[old draft]]": Resolution(NOTE, "Archive/old draft.md"),
        "[[]]": Resolution(Status.EMPTY),
        "[[|x]]": Resolution(Status.EMPTY),
        "[t]()": Resolution(Status.EMPTY),
    }


def test_front_matter_links_are_quoted_strings_only(make_vault):
    graph = graph_of(make_vault, MISC_VAULT)
    front = [
        (e.link.raw, e.link.line, e.link.column)
        for e in graph.outgoing["Home.md"]
        if e.link.kind is LinkKind.FRONTMATTER
    ]
    assert front == [("[[Missing]]", 2, 6), ("[[Solo]]", 3, 12)]


def test_ignored_notes_are_known(make_vault):
    vault = load_vault(make_vault(MISC_VAULT))
    assert vault.ignored == frozenset({"Templates/Daily.md", "Archive/old draft.md"})


# --- the graph -----------------------------------------------------------------------------------

GRAPH_VAULT = {
    "Home.md": "[[Projects/Alpha]] [[Alpha#Goals]] [[Home]] [[Nope]] [[]] ![[pic.png]]\n",
    "Projects/Alpha.md": "# Goals\n[[Alpha#Goals]] [back](../Home.md) [[Beta]]\n",
    "Projects/Beta.md": "[[Beta]] ![[pic.png]]\n",
    "Glossary.md": "---\naliases: [Terms]\n---\n",
    "Reading.md": "[[Terms]] [[Alpha#Missing heading]]\n",
    "Lonely.md": "No links at all.\n",
    "pic.png": b"\x89PNG\r\n\x1a\n",
}


def test_backlinks_exclude_self_links(make_vault):
    graph = graph_of(make_vault, GRAPH_VAULT)

    def sources(path):
        return [(e.source.path, e.link.raw) for e in graph.backlinks(path)]

    assert sources("Projects/Alpha.md") == [
        ("Home.md", "[[Projects/Alpha]]"),
        ("Home.md", "[[Alpha#Goals]]"),
        ("Reading.md", "[[Alpha#Missing heading]]"),
    ]
    assert sources("Home.md") == [("Projects/Alpha.md", "[back](../Home.md)")]
    assert sources("Projects/Beta.md") == [("Projects/Alpha.md", "[[Beta]]")]
    # A bare alias link is not followed by Obsidian: no backlink.
    assert sources("Glossary.md") == []
    assert sources("Lonely.md") == []


def test_orphans_and_dead_ends(make_vault):
    graph = graph_of(make_vault, GRAPH_VAULT)
    assert [note.path for note in graph.orphans()] == ["Glossary.md", "Lonely.md", "Reading.md"]
    assert [note.path for note in graph.dead_ends()] == [
        "Glossary.md",
        "Lonely.md",
        "Projects/Beta.md",
    ]


def test_unresolved_links(make_vault):
    graph = graph_of(make_vault, GRAPH_VAULT)
    assert [(e.source.path, e.link.raw, e.resolution.status) for e in graph.unresolved()] == [
        ("Home.md", "[[Nope]]", BROKEN),
        ("Home.md", "[[]]", Status.EMPTY),
        ("Reading.md", "[[Terms]]", Status.ALIAS),
    ]


def test_suggestions(make_vault):
    graph = graph_of(
        make_vault,
        {
            "Finance/Sales tax.md": "",
            "Finance/Income tax.md": "",
            "Attachments/Figure 1.webp": b"RIFF",
            "Home.md": "",
        },
    )
    assert graph.suggestions("Sales tx") == ("Sales tax",)
    assert graph.suggestions("sales tx.md") == ("Sales tax",)
    assert graph.suggestions("Figur 1.webp") == ("Figure 1.webp",)
    assert graph.suggestions("Quantum chromodynamics") == ()


def test_flagged_edges_are_every_link_a_rule_may_report(make_vault):
    graph = graph_of(
        make_vault,
        {
            "Home.md": (
                "---\naliases: []\n---\n# Home\n"
                "[[Plan]] [[Plan#Goals]] [[Plan#Nope]] [[Gone]] [[RL]] [[Twin]] [[]] "
                "[p](Plan.md) [q](Lost.md) ![[pic.png]] [[Plan#^blk]] [[Plan#^none]]\n"
            ),
            "Plan.md": "---\naliases: [RL]\n---\n## Goals\nText ^blk\n[[Home]]\n",
            "a/Twin.md": "",
            "b/Twin.md": "",
            "pic.png": b"\x89PNG",
        },
    )
    flagged = [edge.link.raw for edge in graph.flagged]
    assert flagged == [
        "[[Plan#Nope]]",
        "[[Gone]]",
        "[[RL]]",
        "[[Twin]]",
        "[[]]",
        "[q](Lost.md)",
        "[[Plan#^none]]",
    ]
    assert graph.flagged == [edge for edge in graph.edges if edge.resolution.flagged]
    assert [edge.link.raw for edge in graph.incoming["Plan.md"]] == [
        "[[Plan]]",
        "[[Plan#Goals]]",
        "[[Plan#Nope]]",
        "[p](Plan.md)",
        "[[Plan#^blk]]",
        "[[Plan#^none]]",
    ]
    assert [edge.link.raw for edge in graph.backlinks("Home.md")] == ["[[Home]]"]
    assert [edge.link.raw for edge in graph.edges][:2] == ["[[Plan]]", "[[Plan#Goals]]"]


@given(st.text(alphabet="ab./ ", max_size=12).filter(lambda path: not path.startswith("/")))
def test_path_normalising_shortcut_agrees_with_normpath(path):
    assert _normalized(path) == posixpath.normpath(path)


def test_a_relative_target_behind_a_slash_is_resolved_from_each_linking_note(make_vault):
    """`[[/../Target]]` is read as `../Target`, relative to the linking note: each note gets
    its own answer, whichever note is resolved first."""
    graph = graph_of(
        make_vault,
        {"a/first.md": "[[/../Target]]\n", "Target.md": "", "z.md": "[[/../Target]]\n"},
    )
    assert resolved(graph, "a/first.md")["[[/../Target]]"].path == "Target.md"
    assert resolved(graph, "z.md")["[[/../Target]]"].status is BROKEN
