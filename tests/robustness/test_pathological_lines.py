"""Every note parses in time linear in its size.

For each regular expression in ``vaultkit/parse/*.py`` a line of about a megabyte is built to
make it work hard: unclosed openers, long runs of the characters its classes accept, alternating
delimiters. ``parse_note`` must finish each within a bound: 2 s, or 8 times what a megabyte of
ordinary notes takes on this machine if that is more (a slow CI runner). The same text at a
tenth of the size is parsed first within a tenth of the bound, so a quadratic case fails in a
fraction of a second instead of running out the clock. ``test_every_parser_regex_has_a_case``
keeps the table complete when a new pattern is added.
"""

from __future__ import annotations

import ast
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import vaultkit.parse
from vaultkit.model import Flavor
from vaultkit.parse.note import parse_note
from vaultkit.parse.org import parse_org_note

from conftest import TookTooLong, time_limit

SIZE = 1_000_000
MIN_BOUND = 2.0
OB, LS = Flavor.OBSIDIAN, Flavor.LOGSEQ


def run(unit: str, prefix: str = "", suffix: str = "", size: int = SIZE) -> str:
    """``prefix``, then ``unit`` repeated to about ``size`` characters, then ``suffix``."""
    return prefix + unit * max(1, (size - len(prefix) - len(suffix)) // len(unit)) + suffix


@dataclass(frozen=True)
class Case:
    id: str
    targets: tuple[str, ...]
    """The patterns (``module.NAME``) the text is aimed at."""
    build: Callable[[int], str]
    flavor: Flavor = OB
    bug: str | None = None
    org: bool = False
    """Parsed as a page of a Logseq graph written in Org mode."""


CASES = [
    # block_ids.py
    Case("caret-runs", ("block_ids._OBSIDIAN_BLOCK_ID",), lambda n: run("^a", size=n)),
    Case("caret-long-id", ("block_ids._OBSIDIAN_BLOCK_ID",), lambda n: run("a", " ^", " x", n)),
    Case("caret-then-spaces", ("block_ids._OBSIDIAN_BLOCK_ID",), lambda n: run(" ", " ^a", "x", n)),
    Case(
        "logseq-id-spaces", ("block_ids._LOGSEQ_BLOCK_ID",), lambda n: run(" ", "", "id::", n), LS
    ),
    Case(
        "logseq-id-zeros", ("block_ids._LOGSEQ_BLOCK_ID",), lambda n: run("0", "id:: ", "", n), LS
    ),
    # blocks.py
    Case("list-digits", ("blocks._LIST_MARKER",), lambda n: run("123456789", size=n)),
    Case("backtick-fence", ("blocks._FENCE_OPEN",), lambda n: run("`", size=n)),
    Case("tilde-fence", ("blocks._FENCE_OPEN",), lambda n: run("~", "", " x", n)),
    Case(
        "fence-close-spaces",
        ("blocks._FENCE_CLOSE",),
        lambda n: "```\n" + run(" ", "```", "x", n) + "\n```",
    ),
    Case("atx-hashes", ("blocks.ATX",), lambda n: run("#", size=n)),
    Case("atx-space-hash", ("blocks.ATX",), lambda n: run(" #", "# a", "b", n)),
    Case("atx-tab-hash", ("blocks.ATX",), lambda n: run("\t#a", "# ", "", n)),
    Case(
        "atx-space-run",
        ("blocks.ATX",),
        lambda n: run(" ", "# a", "b", n),
    ),
    Case("underscore-break", ("blocks._THEMATIC_BREAK",), lambda n: run("_ ", "", "x", n)),
    Case("underscores", ("blocks._THEMATIC_BREAK",), lambda n: run("_", "", " x", n)),
    Case(
        "nested-list-markers",
        ("blocks._LIST_MARKER", "blocks._THEMATIC_BREAK"),
        lambda n: "\n".join(
            [
                run("- ", "", "x", n // 4),
                run("* ", "", "x", n // 4),
                run("1. ", size=n // 4),
                run("+ ", "", "x", n // 4),
            ]
        ),
    ),
    Case("setext-equals", ("blocks._SETEXT_UNDERLINE",), lambda n: "a\n" + run("=", "", " x", n)),
    Case("setext-dashes", ("blocks._SETEXT_UNDERLINE",), lambda n: "a\n" + run("-", "", " x", n)),
    Case("quote-markers", ("blocks._QUOTE_PREFIX",), lambda n: run("   > ", size=n)),
    Case("quote-runs", ("blocks._QUOTE_PREFIX",), lambda n: run(">", size=n)),
    # frontmatter.py
    Case(
        "almost-fences",
        ("frontmatter._CLOSING_FENCE",),
        lambda n: "---\na: b\n" + run("--- x\n", size=n),
    ),
    Case("unclosed-yaml", ("frontmatter._LOOKS_LIKE_YAML",), lambda n: "---\n" + run("a", size=n)),
    Case(
        "long-key-lines",
        ("frontmatter._TOP_LEVEL_KEY",),
        lambda n: (
            "---\n" + run("a", "", ":", n // 2) + "\n" + run("a", "", " b", n // 2) + "\n---\n"
        ),
    ),
    Case(
        "repeated-keys",
        ("frontmatter._TOP_LEVEL_KEY",),
        lambda n: "---\n" + run("'a" + "b" * 60 + "': 1\n", size=n) + "---\n",
    ),
    # inline.py
    Case("backtick-pairs", ("inline._BACKTICKS",), lambda n: run("`a``", size=n)),
    Case("backslashes", ("inline._ESCAPE",), lambda n: run("\\", size=n)),
    Case("escaped-brackets", ("inline._ESCAPE",), lambda n: run("\\[", size=n)),
    Case("percent-comments", ("inline._COMMENT_OPEN",), lambda n: run("%%a", size=n)),
    Case("html-comment-lines", ("inline._COMMENT_OPEN",), lambda n: run("<!-- a\n", size=n)),
    Case(
        "unclosed-html-comments",
        ("inline._COMMENT_OPEN",),
        lambda n: run("<!--", "a ", "", n),
    ),
    Case("math-block", ("inline._MATH_BLOCK",), lambda n: run("\\$$", "$$", "", n)),
    Case("dollars", ("inline._MATH_INLINE", "inline._MATH_BLOCK"), lambda n: run("$", size=n)),
    Case("dollar-words", ("inline._MATH_INLINE",), lambda n: run("$a ", size=n)),
    Case("dollar-digits", ("inline._MATH_INLINE",), lambda n: run("$a$1", size=n)),
    Case("dollar-backslash", ("inline._MATH_INLINE",), lambda n: run("$\\", size=n)),
    # links.py
    Case(
        "unclosed-wikilinks",
        ("links.WIKILINK", "links._UNCLOSED_WIKILINK"),
        lambda n: run("[[a", size=n),
    ),
    Case("one-unclosed-wikilink", ("links.WIKILINK",), lambda n: run("[a", "[[", "", n)),
    Case("lone-closers", ("links.WIKILINK",), lambda n: run("]a", "[[", "", n)),
    Case("bracket-pairs", ("links.WIKILINK", "links._BRACKET"), lambda n: run("[]", size=n)),
    Case("triple-brackets", ("links.WIKILINK",), lambda n: run("[[[", size=n)),
    Case("embed-openers", ("links.WIKILINK",), lambda n: run("![[", size=n)),
    Case(
        "unclosed-wikilink-lines",
        ("links._UNCLOSED_WIKILINK",),
        lambda n: run("x [[a\n", size=n),
    ),
    Case("open-brackets", ("links._BRACKET",), lambda n: run("[", "", "](x)", n)),
    Case("close-brackets", ("links._BRACKET",), lambda n: run("]", "[", "(x)", n)),
    Case("link-openers", ("links._BRACKET", "links._DESTINATION"), lambda n: run("](", size=n)),
    Case("image-openers", ("links._DESTINATION",), lambda n: run("![a](", size=n)),
    Case("nested-parens", ("links._DESTINATION",), lambda n: run("(a", "[a](", "", n)),
    Case("angle-destination", ("links._DESTINATION",), lambda n: run("<a", "[a](", "", n)),
    Case(
        "long-destination",
        ("links._DESTINATION", "links._SCHEME"),
        lambda n: run("a", "[x](", ")", n),
    ),
    Case("paren-titles", ("links._DESTINATION",), lambda n: run(" (", "[a](b", "", n)),
    Case(
        "destination-space-runs",
        ("links._DESTINATION",),
        lambda n: run(" ", "[a](", "x", n // 2) + "\n" + run(' "', "[a](b", "", n // 2),
    ),
    Case(
        "destination-space-windows",
        ("links._DESTINATION",),
        lambda n: run("[a](" + " " * 1000 + "x", size=n),
    ),
    Case(
        "spaced-destination",
        ("links._SPACED_DESTINATION",),
        lambda n: run("b ", "[a](", "", n),
    ),
    Case(
        "extra-paren",
        ("links._SPACED_DESTINATION", "links._DOUBLED_PARENTHESIS"),
        lambda n: run("[a]((", size=n),
    ),
    Case(
        "extra-paren-urls",
        ("links._DOUBLED_PARENTHESIS",),
        lambda n: run("a", "[a]((https://e.com/", "", n),
    ),
    Case("labeled-pages", ("links._LABELED_PAGE",), lambda n: run("[a]([[", size=n), LS),
    Case("labeled-blocks", ("links._LABELED_BLOCK",), lambda n: run("[a](((", size=n), LS),
    Case("block-ref-parens", ("links._BLOCK_REF",), lambda n: run("((", size=n), LS),
    Case(
        "almost-uuids",
        ("links._BLOCK_REF",),
        lambda n: run("((00000000-0000-0000-0000-00000000000", size=n),
        LS,
    ),
    Case("embed-spaces", ("links._EMBED_MACRO",), lambda n: run(" ", "{{embed", "", n), LS),
    Case("embed-openers-logseq", ("links._EMBED_MACRO",), lambda n: run("{{embed [[a", size=n), LS),
    Case("long-wikilink", ("links.URL_SCHEME",), lambda n: run("a", "[[", "]]", n)),
    # outline.py (Logseq pages)
    Case(
        "outline-indent",
        ("outline._BULLET", "outline._BLOCK_START"),
        lambda n: run("\t", size=n),
        LS,
    ),
    Case("outline-bullets", ("outline._BULLET",), lambda n: run("- ", size=n), LS),
    Case("outline-space-runs", ("outline._BLOCK_START",), lambda n: run(" ", "", "-x", n), LS),
    Case("outline-fences", ("outline._FENCE",), lambda n: run("`", "- ", "", n), LS),
    Case("outline-fence-lines", ("outline._FENCE",), lambda n: run("- ```\n", size=n), LS),
    Case(
        "outline-fence-unclosed",
        ("outline._FENCE",),
        lambda n: "- ~~~~\n" + run(" ~~~", size=n),
        LS,
    ),
    Case("outline-begins", ("outline._BEGIN",), lambda n: run("#+BEGIN_", size=n), LS),
    Case("outline-begin-name", ("outline._BEGIN",), lambda n: run("q", "#+BEGIN_", "", n), LS),
    Case(
        "outline-begin-lines",
        ("outline._BEGIN",),
        lambda n: run("- #+BEGIN_QUERY\n  x\n  #+END_QUERY\n", size=n),
        LS,
    ),
    Case(
        "outline-end-spaces",
        ("outline._BEGIN",),
        lambda n: "#+BEGIN_SRC\n" + run(" ", "", "#+END_SR", n),
        LS,
    ),
    Case("outline-headings", ("blocks.ATX",), lambda n: run(" ", "\t- #", "x", n), LS),
    # note.py
    Case(
        "suppression-words",
        ("note._SUPPRESSION",),
        lambda n: run(" a", "<!-- vaultkit-disable", "! -->", n),
    ),
    Case("suppression-spaces", ("note._SUPPRESSION",), lambda n: run(" ", "<!--", "vaultkit-", n)),
    Case(
        "rule-list", ("note._RULE_LIST",), lambda n: run(", ", "<!-- vaultkit-disable ", "-->", n)
    ),
    Case(
        "front-matter-links",
        ("note._frontmatter_links",),
        lambda n: '---\nk: "' + run("[[a]]", size=n) + '"\n---\n',
        'found: quadratic in a long quoted value: k: "[[a]][[a]]…" (100 KB)',
    ),
    # properties.py
    Case("bullet-spaces", ("properties.BULLET",), lambda n: run(" ", "", "-x", n), LS),
    Case(
        "long-key",
        ("properties._PROPERTY", "properties._ANY_PROPERTY"),
        lambda n: run("a", "", ":", n),
        LS,
    ),
    Case(
        "property-space-runs",
        ("properties._PROPERTY", "properties._ANY_PROPERTY"),
        lambda n: run(" ", "key:: a", "b", n // 2) + "\n- x\n" + run(" ", "  k:: a", "b", n // 2),
        LS,
    ),
    Case(
        "unclosed-page-list",
        ("properties._LIST_TOKEN",),
        lambda n: run("[[a,", "tags:: ", "", n),
        LS,
    ),
    # tags.py
    Case("hash-runs", ("tags._INLINE_TAG",), lambda n: run("#", size=n)),
    Case("space-hash", ("tags._INLINE_TAG",), lambda n: run(" #a", size=n)),
    Case("long-tag", ("tags._INLINE_TAG",), lambda n: run("a", "#", "", n)),
    Case("unclosed-bracket-tags", ("tags._INLINE_TAG",), lambda n: run("#[[a", size=n), LS),
    Case("one-bracket-tag", ("tags._INLINE_TAG",), lambda n: run("a#", "#[[", "", n), LS),
    Case(
        "tag-separators",
        ("tags._SEPARATORS",),
        lambda n: '---\ntags: "' + run(" ,", size=n) + '"\n---\n',
    ),
    # tweets.py
    Case(
        "long-url",
        ("tweets._CANDIDATE", "tweets._URL"),
        lambda n: run("a", "https://twitter.com/", "", n),
    ),
    Case("many-urls", ("tweets._CANDIDATE",), lambda n: run("https://x.com/a/status/1 ", size=n)),
    Case("nitter-dots", ("tweets._CANDIDATE",), lambda n: run(".a", "https://nitter", "", n)),
    Case(
        "url-parens", ("tweets._URL",), lambda n: run(")", "https://twitter.com/a/status/1", "", n)
    ),
    Case(
        "long-handle-and-id",
        ("tweets._HANDLE", "tweets._STATUS_ID"),
        lambda n: "https://twitter.com/" + "a" * (n // 2) + "/status/" + "1" * (n // 2),
    ),
    Case(
        "from-runs",
        ("tweets._FROM",),
        lambda n: run("from:a", "https://twitter.com/search?q=", "", n),
    ),
    Case(
        "blockquote-open",
        ("tweets._EMBED_OPEN",),
        lambda n: run(" a", "<blockquote ", " twitter-tweet", n),
    ),
    Case(
        "blockquote-close",
        ("tweets._EMBED_CLOSE",),
        lambda n: run("</blockquote ", '<blockquote class="twitter-tweet">', "", n),
    ),
    Case(
        "blockquote-hrefs",
        ("tweets._HREF",),
        lambda n: (
            '<blockquote class="twitter-tweet">&mdash; N (@h) <a '
            + "href" * (n // 8)
            + " " * (n // 2)
            + "</blockquote>"
        ),
    ),
    Case(
        "plain-status-long-handle",
        ("tweets._PLAIN_STATUS",),
        lambda n: run("a", "https://twitter.com/", "/status/1", n),
    ),
    Case(
        "plain-status-long-id",
        ("tweets._PLAIN_STATUS",),
        lambda n: run("1", "https://x.com/a/status/", "x", n),
    ),
    # plain_yaml.py
    Case(
        "plain-yaml-long-value",
        ("plain_yaml._KEY_LINE", "plain_yaml._SCALAR"),
        lambda n: run("a ", "---\nkey: ", "!\n---\n", n),
    ),
    Case(
        "plain-yaml-long-key",
        ("plain_yaml._KEY_LINE",),
        lambda n: run("a", "---\n", ":x\n---\n", n),
    ),
    Case(
        "plain-yaml-items",
        ("plain_yaml._ITEM_LINE", "plain_yaml._SCALAR"),
        lambda n: "---\nkey:\n" + run("- a b\n", size=n) + "---\n",
    ),
    Case(
        "plain-yaml-indented-item",
        ("plain_yaml._ITEM_LINE",),
        lambda n: run(" ", "---\nkey:\n", "- a -\n---\n", n),
    ),
    Case(
        "plain-yaml-flow-list",
        ("plain_yaml._SCALAR",),
        lambda n: run("a b, ", "---\nkey: [", "a]\n---\n", n),
    ),
    # placeholders.py: in links, and in front-matter YAML refuses
    Case("placeholder-openers", ("placeholders.OBSIDIAN",), lambda n: run("{{a", "[[", "]]", n)),
    Case("templater-openers", ("placeholders.OBSIDIAN",), lambda n: run("<%a", "[[", "]]", n)),
    Case("templater-percents", ("placeholders.OBSIDIAN",), lambda n: run("%a", "[[<%", "]]", n)),
    Case(
        "placeholder-links",
        ("placeholders.OBSIDIAN",),
        lambda n: run("[[{{date}}]] [[<% tp.file.title %>]] ", size=n),
    ),
    Case(
        "placeholder-front-matter",
        ("placeholders.OBSIDIAN",),
        lambda n: "---\nk: " + run("{{a}} <%", size=n) + "\n---\n",
    ),
    Case(
        "logseq-core-openers", ("placeholders.LOGSEQ",), lambda n: run("{{date:", "[[", "]]", n), LS
    ),
    Case(
        "logseq-core-spaces",
        ("placeholders.LOGSEQ",),
        lambda n: run(" ", "[[{{date", "x]]", n),
        LS,
    ),
    Case("logseq-templater", ("placeholders.LOGSEQ",), lambda n: run("<%a<", "[[", "]]", n), LS),
    # frontmatter.py, Logseq's loose reading
    Case(
        "loose-long-key",
        ("frontmatter._LOOSE_KEY",),
        lambda n: "---\n" + run("a ", "", ": b: c\n{x\n", n) + "---\n",
        LS,
    ),
    Case(
        "loose-items",
        ("frontmatter._LOOSE_ITEM", "frontmatter._LOOSE_KEY"),
        lambda n: "---\nk: a: b\n" + run("  - x\n", size=n) + "---\n",
        LS,
    ),
    Case(
        "loose-item-spaces",
        ("frontmatter._LOOSE_ITEM",),
        lambda n: "---\nk: a: b\n" + run(" ", "", "-\n", n) + "---\n",
        LS,
    ),
    # note.py, Logseq template blocks and empty pages
    Case(
        "template-props",
        ("note._INDENT",),
        lambda n: run("template:: a\n", size=n),
        LS,
    ),
    Case(
        "template-indent", ("note._INDENT",), lambda n: run("\t", "- template:: a\n", "- x", n), LS
    ),
    Case("empty-page-dashes", ("note._EMPTY_LINE",), lambda n: run("- ", size=n) + "x", LS),
    # org.py
    Case("org-keywords", ("org._KEYWORD",), lambda n: run("#+a", size=n), org=True),
    Case("org-keyword-lines", ("org._KEYWORD",), lambda n: run("#+a: b\n", size=n), org=True),
    Case("org-drawer-ids", ("org._DRAWER_ID",), lambda n: run(":id: ", size=n), org=True),
    Case("org-id-spaces", ("org._DRAWER_ID",), lambda n: run(" ", ":id:", "x", n), org=True),
    Case("org-stars", ("org._HEADING",), lambda n: run("*", size=n), org=True),
    Case("org-star-lines", ("org._HEADING",), lambda n: run("* a\n", size=n), org=True),
    Case("org-link-types", ("org._LINK_TYPE",), lambda n: run("a", "[[", "]]", n), org=True),
    Case("org-labels", ("org._LINK_TYPE",), lambda n: run("[[a][b]] ", size=n), org=True),
    # blocks.py, inside a fence opened in a block quote
    Case(
        "quote-markers-in-fence",
        ("blocks._QUOTE_MARKER",),
        lambda n: "> ```\n" + run("> ", size=n) + "[[x]]\n> ```\n",
    ),
]


def params(cases: list[Case]) -> list:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"BUG: {case.bug}")]
            if case.bug
            else [],
        )
        for case in cases
    ]


@pytest.fixture(scope="module")
def bound() -> float:
    """Seconds a megabyte may take: ``MIN_BOUND``, more on a machine slower than this one."""
    ordinary = "".join(REALISTIC.format(n=n) for n in range(800))[:SIZE]
    return max(MIN_BOUND, 8 * _parse_time(ordinary, OB, 2))


@pytest.mark.parametrize("case", params(CASES))
def test_a_megabyte_aimed_at_one_pattern_parses_in_time(case: Case, bound: float):
    for size, limit in ((SIZE // 10, bound / 10), (SIZE, bound)):
        text = case.build(size)
        assert size * 0.9 <= len(text) <= size * 1.1
        started = time.perf_counter()
        try:
            with time_limit(limit):
                if case.org:
                    parse_org_note(text, "pages/n.org")
                else:
                    parse_note(text, "pages/n.md" if case.flavor is LS else "n.md", case.flavor)
        except TookTooLong:
            raise AssertionError(
                f"{case.id}: parsing {size:,} characters still running after {limit:.1f} s"
            ) from None
        assert time.perf_counter() - started < limit


def _parser_patterns() -> set[str]:
    """``module.NAME`` of every module-level ``re.compile`` in ``vaultkit/parse/*.py``."""
    found = set()
    for path in sorted(Path(vaultkit.parse.__file__).parent.glob("*.py")):
        if path.name == "reference.py":  # the test-only mistune reference, not the parser
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
                continue
            function = node.value.func
            if isinstance(function, ast.Attribute) and function.attr == "compile":
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.add(f"{path.stem}.{target.id}")
    return found


def test_every_parser_regex_has_a_case():
    covered = {target for case in CASES for target in case.targets}
    assert _parser_patterns() - covered == set()


# --- linearity ---------------------------------------------------------------------------------

REALISTIC = """\
# Heading {n}

Some prose with a [[Link {n}]], an ![[image {n}.png]], a [markdown](Note%20{n}.md) link,
a #tag/{n} and `inline [[code]]`, a tweet https://twitter.com/user{n}/status/{n}9 and $x^2$.

- item [[A|alias]] ^block{n}
  - nested item with <!-- a [[comment]] --> and %% another %%
> quote [[Q#Heading]]

```python
print("[[not a link]]")
```

"""

LINEAR = {
    "realistic": (REALISTIC, OB),
    "realistic-logseq": ("- " + REALISTIC.replace("\n", "\n  "), LS),
    "unclosed-wikilinks": ("[[a", OB),
    "link-openers": ("[a](b c", OB),
}


def _parse_time(text: str, flavor: Flavor, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        parse_note(text, "pages/n.md" if flavor is LS else "n.md", flavor)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", list(LINEAR))
def test_ten_times_the_text_takes_about_ten_times_as_long(name: str):
    unit, flavor = LINEAR[name]

    def text(size: int) -> str:
        pieces, length, n = [], 0, 0
        while length < size:
            piece = unit.format(n=n) if "{n}" in unit else unit
            pieces.append(piece)
            length += len(piece)
            n += 1
        return "".join(pieces)

    small, large = text(100_000), text(1_000_000)
    with time_limit(30):
        ratio = _parse_time(large, flavor, 2) / max(_parse_time(small, flavor, 3), 1e-4)
    assert ratio < 20, f"1 MB took {ratio:.1f}× the time of 100 KB"
