"""A vault read only where it matters: the notes that mention some names, the rest as names.

Renaming a note in Obsidian can only change links that name it, or name its new name: a link
is looked up by its last path part. So ``vaultkit mv`` reads every note's text once, keeps the
notes that mention one of those names (in any case, or percent-encoded), parses just those, and
gives every other note as a stub that carries its path and name: enough to be a link target.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from vaultkit.load.parse_files import READING
from vaultkit.load.vault import Vault, VaultScan, parse_some
from vaultkit.model import Note
from vaultkit.progress import report

READ_REPORT = 64
"""Files read between two progress reports."""


def spellings(names: Iterable[str]) -> set[str]:
    """Every way a link may write ``names``: case-folded, NFC and NFD, percent-encoded."""
    found: set[str] = set()
    for name in names:
        for form in ("NFC", "NFD"):
            text = unicodedata.normalize(form, name)
            found.update({text.casefold(), quote(text).casefold(), quote(text, safe="").casefold()})
    return {spelling for spelling in found if spelling}


def mentioning(scan: VaultScan, names: Iterable[str]) -> set[str]:
    """The notes whose text mentions one of ``names`` (a superset of those linking to them)."""
    wanted = spellings(names)
    found: set[str] = set()
    total = len(scan.note_files)
    for number, file in enumerate(scan.note_files, 1):
        if number % READ_REPORT == 0:
            report(READING, number, total)
        try:
            with open(file.absolute, "rb") as handle:  # noqa: PTH123 - thousands of small reads
                text = handle.read().decode("utf-8", "replace").casefold()
        except OSError:
            found.add(file.path)  # let the parser report it
            continue
        if any(spelling in text for spelling in wanted):
            found.add(file.path)
    return found


def vault_reading(scan: VaultScan, paths: set[str], *, cache: bool) -> Vault:
    """The vault with the notes at ``paths`` parsed and every other one a stub of its name."""
    read = parse_some(scan, paths, cache=cache)
    flavor = scan.vault.flavor
    notes: list[Note] = []
    for file in scan.note_files:
        note = read.get(file.path)
        if note is None:
            name = file.path.rsplit("/", 1)[-1]
            note = Note(path=file.path, title=name.rsplit(".", 1)[0], flavor=flavor)
        notes.append(note)
    return dataclasses.replace(scan.vault, notes=notes)
