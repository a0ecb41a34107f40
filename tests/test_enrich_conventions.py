"""``vaultkit enrich`` follows the vault's own conventions (issue 20): new author pages are named
and placed as the existing ones are, and tweet and profile URLs keep the host the note used."""

from __future__ import annotations

from pathlib import Path

import pytest


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.relative_to(root).as_posix().startswith("logseq/")
    }


def obsidian_page(handle: str, name: str, citations: list[tuple[str, list[str]]], host: str) -> str:
    lines = ["---", f'handle: "@{handle}"', f"twitter: https://{host}/{handle}", "---"]
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


def logseq_page(handle: str, citations: list[tuple[str, list[str]]], host: str) -> str:
    lines = [f"handle:: @{handle}", f"twitter:: https://{host}/{handle}", ""]
    lines += ["- Tweets cited in this graph", "  vaultkit:: tweets"]
    for link, urls in citations:
        lines.append(f"\t- {link}")
        lines += [f"\t\t- {url}" for url in urls]
    return "\n".join(lines) + "\n"


LOGSEQ_PAGES = {
    "pages/@a on Twitter.md": "handle:: @a\n\n- notes\n",
    "pages/@b on Twitter.md": "- b notes\n",
    "pages/@c.md": "- c\n",
}


def test_logseq_vault_with_the_readwise_naming_keeps_it(make_vault, run_cli):
    reading = "- https://twitter.com/karpathy/status/1\n"
    vault = make_vault({**LOGSEQ_PAGES, "pages/Reading.md": reading}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        **{path: text.encode() for path, text in LOGSEQ_PAGES.items()},
        "pages/Reading.md": (
            f"tags:: tweets\nauthors:: [[@karpathy on Twitter]]\n\n{reading}"
        ).encode(),
        "pages/@karpathy on Twitter.md": logseq_page(
            "karpathy", [("[[Reading]]", ["https://twitter.com/karpathy/status/1"])], "twitter.com"
        ).encode(),
    }


def test_logseq_x_com_citation_keeps_x_com(make_vault, run_cli):
    reading = "- https://x.com/karpathy/status/1?s=20\n- https://mobile.x.com/karpathy/status/2\n"
    vault = make_vault({"pages/Reading.md": reading}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        "pages/Reading.md": f"tags:: tweets\nauthors:: [[@karpathy]]\n\n{reading}".encode(),
        "pages/@karpathy.md": logseq_page(
            "karpathy",
            [
                (
                    "[[Reading]]",
                    ["https://x.com/karpathy/status/1", "https://x.com/karpathy/status/2"],
                )
            ],
            "x.com",
        ).encode(),
    }


OBSIDIAN_PAGES = {
    "People/a (Twitter).md": "# a\n",
    "People/b (Twitter).md": "# b\n",
    "Twitter/@c.md": "# c\n",
}


def test_obsidian_vault_with_its_own_naming_and_folder(make_vault, run_cli):
    note = "https://x.com/karpathy/status/1\n"
    vault = make_vault({**OBSIDIAN_PAGES, "Note.md": note})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert files(vault) == {
        **{path: text.encode() for path, text in OBSIDIAN_PAGES.items()},
        "Note.md": (
            f'---\ntags:\n  - tweets\nauthors:\n  - "[[karpathy (Twitter)]]"\n---\n{note}'
        ).encode(),
        "People/karpathy (Twitter).md": obsidian_page(
            "karpathy",
            "karpathy (Twitter)",
            [("[[Note]]", ["https://x.com/karpathy/status/1"])],
            "x.com",
        ).encode(),
    }
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


def test_obsidian_readwise_naming_wins_over_the_default(make_vault, run_cli):
    vault = make_vault(
        {
            "Readwise/People/@a on Twitter.md": "# a\n",
            "Note.md": "https://twitter.com/karpathy/status/1\n",
        }
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert sorted(files(vault)) == [
        "Note.md",
        "Readwise/People/@a on Twitter.md",
        "Readwise/People/@karpathy on Twitter.md",
    ]


def test_pages_found_by_handle_in_a_folder_set_the_folder_and_bare_names(make_vault, run_cli):
    vault = make_vault(
        {
            "Contacts/ylecun.md": '---\nhandle: "@ylecun"\n---\n',
            "Note.md": "https://twitter.com/karpathy/status/1\n",
        }
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Contacts/karpathy.md").read_text() == obsidian_page(
        "karpathy",
        "karpathy",
        [("[[Note]]", ["https://twitter.com/karpathy/status/1"])],
        "twitter.com",
    )
    assert (vault / "Note.md").read_text() == (
        '---\ntags:\n  - tweets\nauthors:\n  - "[[karpathy]]"\n---\n'
        "https://twitter.com/karpathy/status/1\n"
    )
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


def test_mirror_hosts_are_written_as_twitter_com(make_vault, run_cli):
    vault = make_vault({"Note.md": "https://nitter.net/karpathy/status/4#m\n"})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Twitter/@karpathy.md").read_text() == obsidian_page(
        "karpathy",
        "@karpathy",
        [("[[Note]]", ["https://twitter.com/karpathy/status/4"])],
        "twitter.com",
    )


def test_tag_is_spelled_as_the_vault_spells_it(make_vault, run_cli):
    note = "https://twitter.com/karpathy/status/1\n"
    vault = make_vault(
        {
            "Old.md": "---\ntags: [Tweet]\n---\nsaved\n",
            "Older.md": "#Tweet saved\n",
            "Other.md": "#tweets once\n",
            "Note.md": note,
        }
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    # The vault writes its front-matter lists `[a, b]`, so the new front-matter does too.
    assert (vault / "Note.md").read_text() == (
        f'---\ntags: [Tweet]\nauthors: ["[[@karpathy]]"]\n---\n{note}'
    )
    # A note with any spelling of the tag already has it.
    assert (vault / "Other.md").read_text() == "#tweets once\n"
    assert run_cli("enrich", "--check", cwd=vault)[0] == 0


def test_logseq_tag_spelling(make_vault, run_cli):
    reading = "- https://twitter.com/karpathy/status/1\n"
    vault = make_vault(
        {"pages/Saved.md": "tags:: Tweets\n\n- saved\n", "pages/Reading.md": reading},
        flavor="logseq",
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/Reading.md").read_text() == (
        f"tags:: Tweets\nauthors:: [[@karpathy]]\n\n{reading}"
    )


def test_author_property_is_named_as_the_vault_names_it(make_vault, run_cli):
    reading = "- https://twitter.com/karpathy/status/1\n"
    books = {
        "pages/Book one.md": "author:: [[Ada]]\ncategory:: #books\n\n- notes\n",
        "pages/Book two.md": "author:: [[Grace]]\ncategory:: #books\n\n- notes\n",
        "pages/Paper.md": "authors:: [[Alan]]\n\n- notes\n",
    }
    vault = make_vault({**books, "pages/Reading.md": reading}, flavor="logseq")
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "pages/Reading.md").read_text() == (
        f"tags:: tweets\nauthor:: [[@karpathy]]\n\n{reading}"
    )


def test_a_configured_author_property_is_kept(make_vault, run_cli):
    note = "https://twitter.com/karpathy/status/1\n"
    vault = make_vault(
        {
            ".vaultkit.toml": '[enrich]\nproperty = "people"\n',
            "Book.md": "---\nauthor: Ada\n---\nnotes\n",
            "Note.md": note,
        }
    )
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Note.md").read_text() == (
        f'---\ntags:\n  - tweets\npeople:\n  - "[[@karpathy]]"\n---\n{note}'
    )


@pytest.mark.parametrize(
    ("others", "written"),
    [
        ([], 'tags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n'),
        (["---\ntags: [a, b]\n---\n"], 'tags: [tweets]\nauthors: ["[[@karpathy]]"]\n'),
        (
            ["---\naliases:\n    - x\n---\n", "---\ntags: [a]\n---\n", "---\nup:\n    - y\n---\n"],
            'tags:\n    - tweets\nauthors:\n    - "[[@karpathy]]"\n',
        ),
        (
            ["---\ntags: [a]\n---\n", "---\ntags:\n  - b\n---\n"],
            'tags:\n  - tweets\nauthors:\n  - "[[@karpathy]]"\n',
        ),
    ],
)
def test_new_front_matter_writes_lists_as_the_vault_does(make_vault, run_cli, others, written):
    note = "https://twitter.com/karpathy/status/1\n"
    files = {f"Other {number}.md": text for number, text in enumerate(others)}
    vault = make_vault({**files, "Note.md": note})
    assert run_cli("enrich", "--write", cwd=vault)[0] == 0
    assert (vault / "Note.md").read_text() == f"---\n{written}---\n{note}"
