"""The vault's own conventions for author pages: how it names them, and where it keeps them.

A vault that already has author pages has a style: ``@karpathy on Twitter`` (Readwise),
``@karpathy``, ``karpathy (Twitter)`` or the bare handle (a page found by its ``handle``
property). New pages follow the style most of the existing ones use (ties go to the earlier in
:data:`NAME_STYLES`), and, in Obsidian, the folder most of them are in; a vault without author
pages gets ``@handle`` in ``[enrich] folder``. Front-matter the vault writes is copied too: a
note given its first front-matter writes lists as most of the vault's front-matter does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from vaultkit.config.settings import EnrichSettings
from vaultkit.edit.frontmatter import BLOCK_LISTS, ListStyle, list_style
from vaultkit.edit.write import resolve_inside
from vaultkit.enrich.placement import AUTHOR_KEYS
from vaultkit.graph.resolution import fold
from vaultkit.load.read import decode_note
from vaultkit.model import Flavor, Note

NAME_STYLES = ("@{handle}", "@{handle} on Twitter", "{handle} (Twitter)", "{handle}")
"""The names an author page may have, the default first."""
LINKED_STYLES = ("@{handle} on Twitter", "@{handle}", "{handle} (Twitter)")
"""The names that make a page an author page by name alone (a bare handle does not), in the
order a missing page linked under one of them is preferred (Readwise's first)."""


def page_names(handle: str, styles: tuple[str, ...] = LINKED_STYLES) -> tuple[str, ...]:
    return tuple(style.format(handle=handle) for style in styles)


def page_name(note: Note) -> str:
    return note.title if note.flavor is Flavor.LOGSEQ else note.stem


def same_tag(one: str, other: str) -> bool:
    """Whether two tags are spellings of one (``tweets``, ``Tweets``, ``tweet``)."""
    return fold(one).removesuffix("s") == fold(other).removesuffix("s")


@dataclass(frozen=True, slots=True)
class Conventions:
    style: str = NAME_STYLES[0]
    folder: str | None = None
    """The folder most Obsidian author pages are in; ``None``: no author page yet."""
    tag: str = ""
    author_key: str = "authors"
    """The author property a clipping without one gets."""
    list_style: ListStyle = BLOCK_LISTS
    """How the vault's front-matter writes lists, for a note that has none to copy."""

    def name(self, handle: str) -> str:
        return self.style.format(handle=handle)


def _tag_spelling(notes: list[Note], tag: str) -> str:
    spellings = Counter(
        found.name for note in notes for found in note.tags if tag and same_tag(found.name, tag)
    )
    return max(spellings, key=lambda name: spellings[name]) if spellings else tag


def _author_key(notes: list[Note], configured: str) -> str:
    """``author`` or ``authors``, as the vault's notes spell it most; a configured property
    other than those two is the user's choice and kept."""
    if configured.lower() not in AUTHOR_KEYS:
        return configured
    keys: Counter[str] = Counter()
    for note in notes:
        names = [prop.key for prop in note.properties]
        if note.frontmatter is not None:
            names.extend(str(key) for key in note.frontmatter.data)
        keys.update({name for name in names if name.lower() in AUTHOR_KEYS})
    return max(keys, key=lambda name: keys[name]) if keys else configured


LIST_SAMPLE = 200
"""Notes read to learn how the vault writes front-matter lists (their texts are not kept)."""


def _list_style(root: Path, notes: list[Note]) -> ListStyle:
    """``tags: [a, b]`` or a block list, as most of the vault's front-matter lists are written
    (a tie, or no list at all, gives block lists)."""
    styles: Counter[ListStyle] = Counter()
    for note in notes:
        front = note.frontmatter
        if front is None or not any(isinstance(value, list) for value in front.data.values()):
            continue
        try:
            text = decode_note(resolve_inside(root, note.path).read_bytes()).text or ""
        except OSError:
            continue
        found = list_style(text.splitlines())
        if found is not None:
            styles[found] += 1
        if sum(styles.values()) >= LIST_SAMPLE:
            break
    flow = [style for style in styles if style[0] == "flow"]
    blocks = [style for style in styles if style[0] == "block"]
    flow_count = sum(styles[style] for style in flow)
    if flow and flow_count > sum(styles[style] for style in blocks):
        return flow[0]
    return max(blocks, key=lambda style: styles[style]) if blocks else BLOCK_LISTS


def learn_conventions(
    author_pages: dict[str, Note], notes: list[Note], settings: EnrichSettings, root: Path
) -> Conventions:
    """The conventions of the existing author pages (handle → page) and of the vault's notes:
    the spelling of the tag and of the author property."""
    styles: Counter[str] = Counter()
    folders: Counter[str] = Counter()
    for handle, note in author_pages.items():
        name = fold(page_name(note).strip())
        style = next((s for s in NAME_STYLES if fold(s.format(handle=handle)) == name), None)
        if style is not None:
            styles[style] += 1
        folders[note.folder] += 1
    style = max(
        NAME_STYLES, key=lambda candidate: (styles[candidate], -NAME_STYLES.index(candidate))
    )
    folder = max(folders, key=lambda candidate: folders[candidate]) if folders else None
    return Conventions(
        style,
        folder,
        _tag_spelling(notes, settings.tag),
        _author_key(notes, settings.property),
        _list_style(root, notes),
    )
