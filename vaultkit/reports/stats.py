"""Vault statistics: the shape of a vault at a glance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from vaultkit.config.settings import Settings
from vaultkit.graph.graph import LinkGraph
from vaultkit.graph.resolution import AnchorStatus, Status
from vaultkit.reports.orphans import OrphanMode, find_orphans

TOP_TAGS = 20
TOP_LINKED = 10
_BROKEN = (Status.BROKEN, Status.EMPTY, Status.ALIAS)


@dataclass(frozen=True, slots=True)
class LinkCounts:
    resolved: int = 0
    broken: int = 0
    missing_pages: int = 0
    """Logseq page references with no file (not broken in Logseq)."""


@dataclass(frozen=True, slots=True)
class VaultStats:
    flavor: str
    notes: int
    attachments: int
    links: int
    links_by_kind: dict[str, LinkCounts]
    tags: int
    """Distinct tags (case-insensitive)."""
    top_tags: list[tuple[str, int]]
    orphans: int
    dead_ends: int
    most_linked: list[tuple[str, int]]
    """(note path, number of notes linking to it), most first."""
    notes_per_folder: list[tuple[str, int]]


def _is_broken(status: Status, anchor: AnchorStatus | None) -> bool:
    return status in _BROKEN or anchor not in (None, AnchorStatus.OK)


def vault_stats(graph: LinkGraph, settings: Settings) -> VaultStats:
    vault = graph.vault
    by_kind: dict[str, Counter[str]] = {}
    for edge in graph.edges:
        resolution = edge.resolution
        if resolution.status is Status.EXTERNAL:
            continue
        counter = by_kind.setdefault(edge.link.kind.value, Counter())
        if resolution.status is Status.MISSING_PAGE:
            counter["missing_pages"] += 1
        elif _is_broken(resolution.status, resolution.anchor):
            counter["broken"] += 1
        else:
            counter["resolved"] += 1
    tag_counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for note in vault.notes:
        for tag in note.tags:
            key = tag.name.casefold()
            spelling.setdefault(key, tag.name)
            tag_counts[key] += 1
    linked = Counter(
        {path: len({edge.source.path for edge in edges}) for path, edges in graph.incoming.items()}
    )
    folders = Counter(note.folder or "." for note in vault.notes)
    return VaultStats(
        flavor=vault.flavor.value,
        notes=len(vault.notes),
        attachments=len(vault.attachments),
        links=sum(sum(counter.values()) for counter in by_kind.values()),
        links_by_kind={
            kind: LinkCounts(counter["resolved"], counter["broken"], counter["missing_pages"])
            for kind, counter in sorted(by_kind.items())
        },
        tags=len(tag_counts),
        top_tags=[
            (spelling[key], count)
            for key, count in sorted(tag_counts.items(), key=lambda item: (-item[1], item[0]))[
                :TOP_TAGS
            ]
        ],
        orphans=len(find_orphans(graph, settings).rows),
        dead_ends=len(find_orphans(graph, settings, mode=OrphanMode.DEAD_ENDS).rows),
        most_linked=sorted(linked.items(), key=lambda item: (-item[1], item[0]))[:TOP_LINKED],
        notes_per_folder=sorted(folders.items(), key=lambda item: (-item[1], item[0])),
    )
