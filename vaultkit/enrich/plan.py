"""Plan ``vaultkit enrich``: every file to create or change, computed before anything is written.

For each author of a cited tweet: use the page the author already has; else, if the vault
already links a missing page named ``@handle on Twitter``, ``@handle`` or ``handle (Twitter)``
(Readwise writes the first), create the page under that name so those links start working; else
create it under the name and in the folder the vault's author pages already use
(``vaultkit.enrich.conventions``), by default ``@handle`` (Obsidian: in the ``[enrich] folder``;
Logseq: in ``pages/``, with a correctly encoded file name). Each citing note is a clipping or a
citation (``vaultkit.enrich.kinds``): a clipping gets the tag and its authors, a citation the
``cites`` property, unless it already has them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.apps.logseq import LogseqConfig
from vaultkit.apps.names import encode_logseq_file_name, normalize_page_name
from vaultkit.config.globs import compile_globs
from vaultkit.config.settings import EnrichSettings, Settings
from vaultkit.edit.blocks import add_block_property_values, block_text
from vaultkit.edit.document import Document, NotEditable
from vaultkit.edit.frontmatter import EditRefused, add_list_values, frontmatter_bounds
from vaultkit.edit.plan import EditPlan, verify_links
from vaultkit.edit.properties import add_property_values
from vaultkit.edit.write import FileChange
from vaultkit.enrich.authors import Author, collect_authors, counts
from vaultkit.enrich.conventions import learn_conventions, page_names, same_tag
from vaultkit.enrich.kinds import NoteKind, Verdict, classify
from vaultkit.enrich.pages import (
    Citation,
    new_page,
    page_handle,
    region_lines,
    tweet_urls,
    update_region,
)
from vaultkit.enrich.placement import (
    Places,
    author_property,
    citing_blocks,
    frontmatter_value,
)
from vaultkit.graph.graph import LinkGraph
from vaultkit.graph.linktext import LinkText
from vaultkit.graph.resolution import Status, fold
from vaultkit.load.vault import Vault
from vaultkit.model import Flavor, Note
from vaultkit.output.paths import encodable
from vaultkit.reports.orphans import is_generated_report

AUTHOR_PAGE = "author-page"
"""The kind of a change to an author page (notes' changes are a :class:`NoteKind`)."""
_UNRESOLVED = (Status.BROKEN, Status.MISSING_PAGE, Status.ALIAS)
_UNLINKABLE_TITLE = re.compile(r"\[\[|\]\]|[\r\n]|^\s*\[|\]\s*$")
"""What a Logseq ``[[page]]`` reference cannot hold (nor start with ``[`` or end with ``]``,
which merge with its brackets); such a page gets a Markdown link."""


@dataclass(frozen=True, slots=True)
class AuthorPage:
    author: Author
    path: str
    name: str
    """The page's name as links write it."""
    exists: bool


@dataclass(slots=True)
class EnrichPlan:
    vault: Vault
    options: EnrichSettings
    edits: EditPlan
    authors: list[AuthorPage] = field(default_factory=list)
    kinds: dict[str, Verdict] = field(default_factory=dict)
    """Each citing note's kind (clipping or citation), by path."""


def _read(root: Path, path: str) -> Document:
    try:
        data = (root / path).read_bytes()
    except OSError as error:
        raise NotEditable(f"cannot read it ({error.strerror})") from None
    return Document.from_bytes(data)


class _Planner:
    def __init__(self, vault: Vault, settings: Settings) -> None:
        self.vault = vault
        self.options = settings.enrich
        self.graph = LinkGraph(vault)
        self.link_text = LinkText(vault.notes)
        self.plan = EnrichPlan(vault, self.options, edits=EditPlan(vault.root))
        excluded = compile_globs(settings.exclude)
        self.author_pages: dict[str, Note] = {}
        self.citing: list[Note] = []
        for note in vault.notes:
            handle = page_handle(note)
            if handle is not None:
                self.author_pages.setdefault(handle, note)
            elif not (
                note.path in vault.ignored
                or excluded(note.path)
                or is_generated_report(note)
                or not note.readable
                or encodable(note.path) != note.path
            ):
                self.citing.append(note)
        self.conventions = learn_conventions(
            self.author_pages, vault.notes, self.options, vault.root
        )
        self.unresolved: dict[str, str] = {}
        for edge in self.graph.edges:
            if edge.resolution.status in _UNRESOLVED and edge.link.target:
                self.unresolved.setdefault(fold(edge.link.target.strip()), edge.link.target.strip())

    def link_for(self, note: Note, page: AuthorPage) -> str:
        if self.vault.flavor is Flavor.LOGSEQ and not _UNLINKABLE_TITLE.search(note.title):
            return f"[[{note.title}]]"
        return self.link_text.link(note, posixpath.dirname(page.path))

    def page_for(self, author: Author) -> AuthorPage:
        existing = self.author_pages.get(author.key)
        if existing is not None:
            name = (
                existing.title
                if self.vault.flavor is Flavor.LOGSEQ
                else self.link_text.for_note(existing)
            )
            return AuthorPage(author, existing.path, name, True)
        linked = (self.unresolved.get(fold(name)) for name in page_names(author.handle))
        name = next((name for name in linked if name), None) or self.conventions.name(author.handle)
        if self.vault.flavor is Flavor.LOGSEQ:
            config = self.vault.logseq or LogseqConfig()
            file_name = encode_logseq_file_name(name, config.name_format)
            path = f"{config.pages_directory.strip('/')}/{file_name}.md"
        else:
            folder = (
                self.options.folder.strip("/")
                if self.conventions.folder is None
                else self.conventions.folder
            )
            path = f"{folder}/{name}.md" if folder else f"{name}.md"
        return AuthorPage(author, path, name, False)

    def alias_for(self, page: AuthorPage) -> str | None:
        name = page.author.display_name
        if not name or fold(name) == fold(page.name) or "\n" in name:
            return None
        if self.vault.flavor is Flavor.LOGSEQ:
            resolver = self.graph.resolver
            pages = getattr(resolver, "pages", {})
            if normalize_page_name(name) in pages:
                return None
        return name

    def already_links(self, note: Note, page: AuthorPage) -> bool:
        names = {fold(candidate) for candidate in (*page_names(page.author.handle), page.name)}
        for edge in self.graph.outgoing.get(note.path, []):
            if edge.resolution.path == page.path and page.exists:
                return True
            if fold(edge.link.target.strip()) in names:
                return True
        return False

    def edit_citing_note(self, note: Note, pages: list[AuthorPage]) -> None:
        try:
            doc = _read(self.vault.root, note.path)
            before = doc.to_bytes()
            bounds = frontmatter_bounds(doc)
            tweets = [tweet for tweet in note.tweets if counts(tweet, self.options)]
            places = (
                citing_blocks(doc.lines, tweets) if self.vault.flavor is Flavor.LOGSEQ else None
            )
            partial = places is not None and places.some_blocks_only
            body_start = bounds[1] + 1 if bounds else 0
            verdict = classify(note, doc.lines, body_start, tweets, partial=partial)
            self.plan.kinds[note.path] = verdict
            if verdict.kind is NoteKind.CLIPPING:
                reasons = self.edit_clipping(note, doc, pages)
            else:
                reasons = self.edit_citation(note, doc, pages, places)
        except (EditRefused, NotEditable) as error:
            self.plan.edits.skip(note.path, str(error))
            return
        if reasons:
            change = FileChange(note.path, before, doc.to_bytes(), tuple(reasons), verdict.kind)
            self.plan.edits.add(change)

    def _add(self, note: Note, doc: Document, key: str, values: list[str]) -> bool:
        """Add to a page-level list property, in front-matter or as Logseq page properties."""
        if not values:
            return False
        if self.vault.flavor is Flavor.OBSIDIAN or note.frontmatter is not None:
            return add_list_values(doc, key, values, self.conventions.list_style)
        return add_property_values(doc, key, values)

    def edit_clipping(self, note: Note, doc: Document, pages: list[AuthorPage]) -> list[str]:
        """The tag and the authors, in the author property the note already has."""
        present = {tag.name.casefold() for tag in note.tags}
        tag = self.conventions.tag
        tags = []
        if tag and not any(same_tag(tag, name) for name in present):
            tags.append(tag)
        if self.options.author_tags:
            tags.extend(
                f"twitter/{page.author.key}"
                for page in pages
                if f"twitter/{page.author.key}" not in present
            )
        key, named = author_property(note, self.conventions.author_key)
        links = [
            f"[[{page.name}]]"
            for page in pages
            if not self.already_links(note, page)
            and not named & {fold(name) for name in self.names_of(page)}
        ]
        if isinstance(frontmatter_value(note, key), str):
            links = []  # one name, written by the user or Readwise: respected as it is
        reasons = []
        if self._add(note, doc, "tags", tags):
            reasons.append(f"tag {', '.join(tags)}")
        if self._add(note, doc, key, links):
            reasons.append(f"{key}: {', '.join(links)}")
        return reasons

    def edit_citation(
        self, note: Note, doc: Document, pages: list[AuthorPage], places: Places | None
    ) -> list[str]:
        """The people cited: on the page, or, in a Logseq journal or a page only some of whose
        blocks cite tweets, on the blocks that cite them."""
        key = self.options.cites
        by_key = {page.author.key: page for page in pages}
        if places is None or not (note.journal_date or places.some_blocks_only):
            links = [f"[[{page.name}]]" for page in pages if not self.already_links(note, page)]
            return [f"{key}: {', '.join(links)}"] if self._add(note, doc, key, links) else []
        reasons = []
        for start, keys in sorted(places.blocks.items(), reverse=True):
            text = block_text(doc.lines, start).casefold()
            links = [
                f"[[{by_key[author].name}]]"
                for author in keys
                if not any(
                    f"[[{name.casefold()}]]" in text for name in self.names_of(by_key[author])
                )
            ]
            if links and add_block_property_values(doc, start, key, links):
                reasons.append(f"{key} on line {start + 1}: {', '.join(links)}")
        page_level = [by_key[author] for author in places.page]
        links = [f"[[{page.name}]]" for page in page_level if not self.already_links(note, page)]
        if self._add(note, doc, key, links):
            reasons.append(f"{key}: {', '.join(links)}")
        return list(reversed(reasons))

    def names_of(self, page: AuthorPage) -> set[str]:
        """Every way a note may already name the author."""
        handle = page.author.handle
        names = {*page_names(handle), page.name, handle, f"@{handle}"}
        if page.author.display_name:
            names.add(page.author.display_name)
        return names

    def write_page(self, page: AuthorPage) -> None:
        notes = self.graph.notes
        citations = [
            Citation(self.link_for(notes[path], page), tweet_urls(page.author, path))
            for path in sorted(page.author.citations)
        ]
        region = region_lines(citations, self.vault.flavor)
        count = len(citations)
        summary = f"{count} citing note{'s' if count != 1 else ''}"
        if not page.exists:
            text = new_page(page.author, page.name, self.alias_for(page), region, self.vault.flavor)
            reason = f"new author page for @{page.author.handle} ({summary})"
            change = FileChange(page.path, None, text.encode(), (reason,), AUTHOR_PAGE)
            self.plan.edits.add(change)
            return
        try:
            doc = _read(self.vault.root, page.path)
            before = doc.to_bytes()
            changed = update_region(doc, region, self.vault.flavor)
        except (EditRefused, NotEditable) as error:
            self.plan.edits.skip(page.path, str(error))
            return
        if changed:
            reason = f"list of tweets by @{page.author.handle} ({summary})"
            change = FileChange(page.path, before, doc.to_bytes(), (reason,), AUTHOR_PAGE)
            self.plan.edits.add(change)

    def run(self) -> EnrichPlan:
        authors = collect_authors(self.citing, self.options)
        pages = {key: self.page_for(author) for key, author in authors.items()}
        self.plan.authors = list(pages.values())
        cited_by: dict[str, list[AuthorPage]] = {}
        for page in pages.values():
            for path in page.author.citations:
                cited_by.setdefault(path, []).append(page)
        for note in self.citing:
            if note.path in cited_by:
                self.edit_citing_note(note, cited_by[note.path])
        for page in pages.values():
            self.write_page(page)
        self.plan.edits.changes.sort(key=lambda change: change.path)
        verify_links(self.plan.edits, self.vault)
        return self.plan


def plan_enrichment(vault: Vault, settings: Settings) -> EnrichPlan:
    """Everything ``vaultkit enrich`` would write, without writing anything."""
    return _Planner(vault, settings).run()
