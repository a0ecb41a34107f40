"""The link graph: every link of every note, resolved with the vault's own rules."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import NamedTuple

from vaultkit.apps.logseq import LogseqConfig
from vaultkit.graph.logseq import LogseqResolver
from vaultkit.graph.obsidian import ObsidianResolver
from vaultkit.graph.resolution import Resolution, Status
from vaultkit.graph.suggest import Suggester
from vaultkit.load.gcpause import paused_gc
from vaultkit.load.vault import Vault
from vaultkit.model import Flavor, Link, Note


class Edge(NamedTuple):
    """One link of ``source`` and what it resolved to (a named tuple: a vault has many)."""

    source: Note
    link: Link
    resolution: Resolution

    @property
    def target_note(self) -> str | None:
        """The path of the note the link leads to, if it leads to a note."""
        return self.resolution.path if self.resolution.is_note else None


class LinkGraph:
    """Every link of the vault resolved, with the edges that reports and rules walk.

    Resolving is done at once; the edge lists (``edges``, ``outgoing``, ``incoming``) are built
    on first use, since ``vaultkit check`` needs only the ``flagged`` ones. With ``sources``,
    only the links of those notes are resolved (every note is still a link target): what a
    check of some notes needs.
    """

    def __init__(self, vault: Vault, *, sources: frozenset[str] | None = None) -> None:
        self.vault = vault
        self.notes: dict[str, Note] = {note.path: note for note in vault.notes}
        if vault.flavor is Flavor.LOGSEQ:
            self.resolver: ObsidianResolver | LogseqResolver = LogseqResolver(
                vault.notes, vault.attachments, vault.logseq or LogseqConfig()
            )
        else:
            self.resolver = ObsidianResolver(vault.notes, vault.attachments)
        self.sources = (
            vault.notes
            if sources is None
            else [note for note in vault.notes if note.path in sources]
        )
        """The notes whose links are resolved, in path order."""
        self._resolutions: list[list[Resolution]] = []
        """Per note of ``sources``, what each of its links resolved to."""
        self.flagged: list[Edge] = []
        """The edges a rule may report, in source order: every link not followed cleanly
        (broken, empty, an alias, a missing page or anchor, several candidates)."""
        self._suggestions_prepared = False
        with paused_gc():
            self._resolve_all()

    def _resolve_all(self) -> None:
        resolve_links = self.resolver.resolve_links
        flagged = self.flagged
        for note in self.sources:
            resolutions = resolve_links(note)
            self._resolutions.append(resolutions)
            for link, resolution in zip(note.links, resolutions, strict=True):
                if resolution.flagged:
                    flagged.append(Edge(note, link, resolution))

    def anchor_targets(self) -> dict[str, tuple[str, ...]]:
        """Per note of ``sources``, the notes its anchored links and block refs lead to.

        Such a link depends on the target's headings and block ids, not only on its name.
        """
        found: dict[str, tuple[str, ...]] = {}
        for note, resolutions in zip(self.sources, self._resolutions, strict=True):
            targets = {
                resolution.path
                for link, resolution in zip(note.links, resolutions, strict=True)
                if (link.anchor or link.block_ref) and resolution.path
            }
            found[note.path] = tuple(sorted(targets))
        return found

    @cached_property
    def outgoing(self) -> dict[str, list[Edge]]:
        """Note path → the edges of its links, in source order (notes of ``sources`` only)."""
        with paused_gc():
            return {
                note.path: [
                    Edge(note, link, resolution)
                    for link, resolution in zip(note.links, resolutions, strict=True)
                ]
                for note, resolutions in zip(self.sources, self._resolutions, strict=True)
            }

    @cached_property
    def edges(self) -> list[Edge]:
        """Every link of the vault with its resolution, notes in path order."""
        return [edge for note in self.sources for edge in self.outgoing[note.path]]

    @cached_property
    def incoming(self) -> dict[str, list[Edge]]:
        """Note path → the links of other notes that lead to it, in source order."""
        incoming: defaultdict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            target = edge.target_note
            if target and target != edge.source.path:
                incoming[target].append(edge)
        return dict(incoming)

    def backlinks(self, path: str) -> list[Edge]:
        """Links from other notes to the note at ``path``, in source order."""
        return self.incoming.get(path, [])

    def links_to_notes(self, path: str) -> list[Edge]:
        """Outgoing links of ``path`` that lead to another note."""
        return [
            edge
            for edge in self.outgoing.get(path, [])
            if edge.target_note is not None and edge.target_note != path
        ]

    def orphans(self) -> list[Note]:
        """Notes that no other note links to, sorted by path."""
        return [note for note in self.vault.notes if not self.incoming.get(note.path)]

    def dead_ends(self) -> list[Note]:
        """Notes with no outgoing link to another note, sorted by path."""
        return [note for note in self.vault.notes if not self.links_to_notes(note.path)]

    def unresolved(self) -> list[Edge]:
        """Links the app would not follow: broken, empty and (Obsidian) bare alias links."""
        failing = (Status.BROKEN, Status.EMPTY, Status.ALIAS)
        return [edge for edge in self.flagged if edge.resolution.status in failing]

    @cached_property
    def attachment_paths(self) -> frozenset[str]:
        return frozenset(self.vault.attachments)

    @cached_property
    def note_suggester(self) -> Suggester:
        names: list[str] = []
        for note in self.vault.notes:
            names.append(note.title)
            if self.vault.flavor is Flavor.LOGSEQ:
                names.extend(note.aliases)
        return Suggester(names)

    @cached_property
    def file_suggester(self) -> Suggester:
        return Suggester([path.rsplit("/", 1)[-1] for path in self.vault.attachments])

    def _prepare_suggestions(self) -> None:
        """Batch the suggestions for every failing link, once, on first use (see ``Suggester``)."""
        if self._suggestions_prepared:
            return
        self._suggestions_prepared = True
        note_targets: list[str] = []
        file_targets: list[str] = []
        for edge in self.flagged:
            if edge.resolution.status in (Status.BROKEN, Status.MISSING_PAGE):
                name = edge.link.target.rsplit("/", 1)[-1]
                (file_targets if _is_file_name(name) else note_targets).append(_note_name(name))
        self.note_suggester.prepare(note_targets)
        self.file_suggester.prepare(file_targets)

    def suggestions(self, target: str) -> tuple[str, ...]:
        """Existing names closest to a target nothing answers to."""
        self._prepare_suggestions()
        name = target.rsplit("/", 1)[-1]
        if "/" in target and isinstance(self.resolver, ObsidianResolver):
            elsewhere = self.resolver.find(name, "")
            if elsewhere is not None and elsewhere.path:
                return (elsewhere.path,)
        if _is_file_name(name):
            return self.file_suggester.suggest(name)
        return self.note_suggester.suggest(_note_name(name))


def _is_file_name(name: str) -> bool:
    """Whether a link's last path part names an attachment (``.png``) rather than a note."""
    stem, dot, extension = name.rpartition(".")
    return bool(dot and stem and extension.lower() != "md" and " " not in extension)


def _note_name(name: str) -> str:
    return name[:-3] if name.lower().endswith(".md") else name
