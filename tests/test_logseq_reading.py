"""Logseq reads a page as an outline with its own parser (mldoc), not as CommonMark; vaultkit
reads it the same way, so a graph the app shows correctly gets no false alarm.

Each test builds a small graph shaped like the official Logseq docs graph or a Readwise
export and states the exact problems of ``vaultkit check`` (none where Logseq is happy).
"""

from __future__ import annotations

import json

from conftest import checked_places as check

UUID = "6571c3a2-1b2c-4d5e-8f90-0123456789ab"
ORG_UUID = "64c2a7e1-0d1b-4c8e-9a57-3f2e1d0c9b8a"


# --- indentation is the outline, never code ---------------------------------------------------


def test_tab_indented_blocks_under_a_heading_are_blocks_not_code(make_vault, run_cli):
    root = make_vault(
        {
            "pages/Guide.md": (
                "## Getting started\n"
                "\t- Read [[Basics]] first\n"
                "\t\t- The key idea\n"
                f"\t\t  id:: {UUID}\n"
                "\t\t- and [[Nowhere yet]]\n"
                "Some paragraph\n"
                "    - indented four spaces under a paragraph: [[Basics]]\n"
            ),
            "pages/Basics.md": f"- See ((  {UUID}))\n- Really: (({UUID}))\n",
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == [
        ("missing-page", "pages/Guide.md", 5, 9),
    ]
    code, out, _ = run_cli("backlinks", "Basics", "--vault", str(root), "--format", "json")
    assert code == 0
    assert [row["line"] for row in json.loads(out)["backlinks"]] == [2, 7]


def test_a_block_id_indented_under_a_heading_is_found(make_vault, run_cli):
    """The docs graph had 19 false broken-block-ref errors from this shape."""
    root = make_vault(
        {
            "pages/Docs.md": f"# Blocks\n\t- A block you can reference\n\t  id:: {UUID}\n",
            "pages/Other.md": f"- Embedded: {{{{embed (({UUID}))}}}}\n- Ref: (({UUID}))\n",
        },
        flavor="logseq",
    )
    assert check(run_cli, root) == []


def test_fenced_code_in_a_nested_block_is_still_code(make_vault, run_cli):
    root = make_vault(
        {
            "pages/Code.md": (
                "- Example:\n"
                "\t- ```clojure\n"
                "\t  (def x [[not-a-link]])\n"
                "\t  ```\n"
                "\t- after the code [[Real missing]]\n"
                "- ~~~\n"
                "  ((00000000-0000-4000-8000-000000000000))\n"
                "  ~~~\n"
            ),
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == [
        ("missing-page", "pages/Code.md", 5, 19),
    ]


# --- #+BEGIN_… blocks --------------------------------------------------------------------------


def test_query_and_src_blocks_hold_no_links(make_vault, run_cli):
    """The docs graph's 7 false malformed-link warnings came from datalog strings."""
    root = make_vault(
        {
            "pages/Queries.md": (
                "- Assets query\n"
                "  #+BEGIN_QUERY\n"
                "  {:query [:find ?b :where [?b :block/content ?c]\n"
                '   [(clojure.string/includes? ?c "](../assets")]]\n'
                "   :title [[Nowhere]]}\n"
                "  #+END_QUERY\n"
                "- #+begin_src python\n"
                "  print('[[also not a link]]')\n"
                "  #+end_src\n"
                "- #+BEGIN_EXAMPLE\n"
                "  ((00000000-0000-4000-8000-000000000000))\n"
                "  #+END_EXAMPLE\n"
            ),
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == []


def test_quote_and_note_blocks_hold_links(make_vault, run_cli):
    root = make_vault(
        {
            "pages/Quotes.md": (
                "- #+BEGIN_QUOTE\n"
                "  As [[Quoted Author]] wrote\n"
                "  #+END_QUOTE\n"
                "- #+BEGIN_NOTE\n"
                "  See ((00000000-0000-4000-8000-000000000000))\n"
                "  #+END_NOTE\n"
            ),
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == [
        ("missing-page", "pages/Quotes.md", 2, 6),
        ("broken-block-ref", "pages/Quotes.md", 5, 7),
    ]


def test_an_unclosed_query_block_runs_to_the_end(make_vault, run_cli):
    root = make_vault(
        {"pages/Open.md": '- #+BEGIN_QUERY\n  {:title "]("}\n- [[Hidden]]\n'},
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == []


# --- link destinations with spaces -------------------------------------------------------------


def test_asset_links_with_spaces_resolve_as_written(make_vault, run_cli):
    root = make_vault(
        {
            "pages/Paper.md": (
                "- ![image.png](../assets/my image.png)\n"
                "- [the paper](../assets/a b.pdf)\n"
                "- ![gone](../assets/gone file.png)\n"
                "- [site](https://example.com/a b)\n"
            ),
            "assets/my image.png": b"\x89PNG\r\n\x1a\n",
            "assets/a b.pdf": b"%PDF-1.4\n",
        },
        flavor="logseq",
    )
    assert check(run_cli, root) == [("broken-embed", "pages/Paper.md", 3, 3)]


def test_obsidian_still_reports_a_destination_with_spaces(make_vault, run_cli):
    root = make_vault({"Note.md": "[paper](a b.pdf)\n", "a b.pdf": b"%PDF"})
    assert check(run_cli, root, "--severity", "warning") == [("malformed-link", "Note.md", 1, 1)]


# --- Org pages -------------------------------------------------------------------------------


ORG_PAGE = f"""#+title: Term Rewriting
#+alias: rewriting, [[TRS]]
#+tags: logic, [[Computer Science]]

* Rewriting systems
:PROPERTIES:
:id: {ORG_UUID.upper()}
:END:
** See [[Basics]] and [[Lambda Calculus][the lambda calculus]]
** Out: [[https://en.wikipedia.org/wiki/Rewriting][Wikipedia]], [[file:../assets/a.pdf][a]]
#+BEGIN_SRC clojure
(def refs "[[not a page]] ((00000000-0000-4000-8000-000000000000))")
#+END_SRC
** #tagged and #[[Multi Word]] and (({UUID}))
"""


def test_org_pages_are_pages_of_the_graph(make_vault, run_cli):
    root = make_vault(
        {
            "pages/term_rewriting.org": ORG_PAGE,
            "pages/Basics.md": (
                f"- Uses [[Term Rewriting]], [[rewriting]], [[TRS]] and (({ORG_UUID}))\n"
                f"- A block\n  id:: {UUID}\n"
            ),
            "pages/Lambda Calculus.org": "* Lambda\n** back to [[Basics]]\n",
            "journals/2024_03_01.org": "* met [[term rewriting]]\n",
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == [
        ("missing-page", "pages/term_rewriting.org", 3, 9),
        ("missing-page", "pages/term_rewriting.org", 3, 16),
        ("missing-page", "pages/term_rewriting.org", 14, 4),
        ("missing-page", "pages/term_rewriting.org", 14, 16),
    ]
    code, out, _ = run_cli("backlinks", "Term Rewriting", "--vault", str(root), "--format", "json")
    assert code == 0
    assert [(row["path"], row["line"]) for row in json.loads(out)["backlinks"]] == [
        ("journals/2024_03_01.org", 1),
        ("pages/Basics.md", 1),
        ("pages/Basics.md", 1),
        ("pages/Basics.md", 1),
        ("pages/Basics.md", 1),
    ]
    code, out, _ = run_cli("links", "TRS", "--vault", str(root), "--format", "json")
    assert [(row["link"], row["status"]) for row in json.loads(out)["links"]] == [
        ("[[TRS]]", "note"),
        ("logic", "missing-page"),
        ("[[Computer Science]]", "missing-page"),
        ("[[Basics]]", "note"),
        ("[[Lambda Calculus][the lambda calculus]]", "note"),
        ("#tagged", "missing-page"),
        ("#[[Multi Word]]", "missing-page"),
        (f"(({UUID}))", "block"),
    ]


def test_org_files_in_an_obsidian_vault_stay_attachments(make_vault, run_cli):
    root = make_vault({"Note.md": "[[plan.org]] and [[plan]]\n", "plan.org": "* [[Nowhere]]\n"})
    assert check(run_cli, root) == [("broken-link", "Note.md", 1, 18)]


# --- aliases that are Logseq's normal way of aliasing ------------------------------------------


def test_pages_that_alias_each_other_or_an_empty_alias_page_are_no_conflict(make_vault, run_cli):
    root = make_vault(
        {
            "pages/Kubernetes.md": "alias:: k8s\n\n- Container orchestration\n",
            "pages/k8s.md": "",
            "pages/JavaScript.md": "alias:: JS\n\n- A language\n",
            "pages/JS.md": "alias:: JavaScript\n\n- Notes filed under the short name\n",
            "pages/Postgres.md": "alias:: pg\n\n- A database\n",
            "pages/pg.md": "alias:: Postgres\n",
            "pages/Docker.md": "alias:: Containers\n\n- x\n",
            "pages/Containers.md": "- notes of its own, knowing nothing of Docker\n",
            "pages/Linked.md": "- [[k8s]] [[JS]] [[pg]]\n",
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == [
        ("name-conflict", "pages/Containers.md", 1, 1),
        ("name-conflict", "pages/Docker.md", 1, 1),
    ]


def test_an_empty_alias_page_and_a_later_edit_give_the_same_answer_cached(make_vault, run_cli):
    root = make_vault(
        {"pages/Kubernetes.md": "alias:: k8s\n\n- x\n", "pages/k8s.md": "- \n"},
        flavor="logseq",
    )
    assert check(run_cli, root) == []
    run_cli("check", str(root))  # leaves the caches behind
    (root / "pages" / "k8s.md").write_text("- now with notes of its own\n", encoding="utf-8")
    _, out, _ = run_cli("check", str(root), "--format", "json")
    cached = [(p["rule"], p["path"]) for p in json.loads(out)["problems"]]
    assert cached == [("name-conflict", "pages/Kubernetes.md"), ("name-conflict", "pages/k8s.md")]
    assert [(rule, path) for rule, path, _, _ in check(run_cli, root)] == cached


# --- front-matter read as Logseq reads it ------------------------------------------------------


def test_logseq_reads_front_matter_line_by_line(make_vault, run_cli):
    root = make_vault(
        {
            "pages/contiguous.md": (
                "---\ntitle: Contiguous vs. Continuous: What's the Difference\n"
                "tags:\n  - grammar\n---\n- body\n"
            ),
            "pages/twice.md": "---\ntitle: Twice\ntitle: Twice again\n---\n- body\n",
            "pages/broken.md": "---\ntitle: fine\n{not a property\n---\n- body\n",
            "pages/Reader.md": (
                "- [[Contiguous vs. Continuous: What's the Difference]] and [[Twice again]]\n"
            ),
        },
        flavor="logseq",
    )
    assert check(run_cli, root, "--severity", "info") == [
        ("invalid-frontmatter", "pages/broken.md", 3, 1),
    ]


def test_obsidian_still_reports_the_same_front_matter(make_vault, run_cli):
    root = make_vault({"Note.md": "---\ntitle: A vs. B: What's the Difference\n---\nbody\n"})
    assert check(run_cli, root) == [("invalid-frontmatter", "Note.md", 2, 1)]
