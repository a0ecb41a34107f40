"""Read and parse many note files, in several processes when the vault is large.

Forked children (see ``vaultkit.forking``) each parse one share of the files while this process
parses the first share itself; a child sends its notes back as plain tuples (see
``cache.codec``). A pool pays only for more than ``PARALLEL_THRESHOLD`` files, on a machine with
more than one core, where forking is safe; anywhere else the notes are parsed here, one after
the other. The share of a child that failed is parsed again here.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from vaultkit import forking
from vaultkit.cache.codec import TooLarge, encode_note
from vaultkit.config.logseq import LogseqConfig
from vaultkit.model import Flavor, Note
from vaultkit.parse.note import parse_note
from vaultkit.read import read_note
from vaultkit.walk import VaultFile

PARALLEL_THRESHOLD = 2000
OWN_WEIGHT = 1.14
"""This process's share relative to a child's (measured: encoding costs a child about 14% of
the time it spends reading and parsing)."""

Parsed = tuple[VaultFile, Note | None, tuple[Any, ...] | None]
"""A file with its Note (parsed here) or its encoded form (parsed by a child)."""


def parse_file(file: VaultFile, flavor: Flavor, logseq: LogseqConfig | None) -> Note:
    """Read and parse one note file; a file that cannot be read still becomes a Note."""
    decoded = read_note(file.absolute)
    if decoded.text is None:
        stem = file.path.rsplit("/", 1)[-1][:-3]
        note = Note(path=file.path, title=stem, flavor=flavor, readable=False)
    else:
        note = parse_note(decoded.text, file.path, flavor, logseq=logseq)
    note.problems[:0] = decoded.problems
    note.size = file.size
    note.mtime = file.mtime
    note.encoding = decoded.encoding
    note.has_bom = decoded.has_bom
    return note


def _encode_or_none(note: Note) -> tuple[Any, ...] | None:
    try:
        return encode_note(note)
    except TooLarge:
        return None


def _encoded_share(
    files: list[VaultFile], flavor: Flavor, logseq: LogseqConfig | None
) -> list[tuple[Any, ...] | None]:
    """A child's work: its notes, encoded (None for a note too large to encode)."""
    return [_encode_or_none(parse_file(file, flavor, logseq)) for file in files]


def _shares(files: list[VaultFile], workers: int) -> list[list[VaultFile]]:
    """Split ``files`` into ``workers`` runs, the first this process's own.

    Each child also encodes its notes, about ``OWN_WEIGHT - 1`` of the parsing time, so this
    process takes that much more; it decodes the children's notes once they are done.
    """
    own = round(len(files) * OWN_WEIGHT / (OWN_WEIGHT + workers - 1))
    size, extra = divmod(len(files) - own, workers - 1)
    shares = [files[:own]]
    start = own
    for number in range(workers - 1):
        end = start + size + (1 if number < extra else 0)
        shares.append(files[start:end])
        start = end
    return shares


def parse_files_encoded(
    files: list[VaultFile], flavor: Flavor, logseq: LogseqConfig | None, jobs: int | None = None
) -> list[Parsed]:
    """Parse ``files``; each result has the Note and/or its encoded form, in file order.

    A note a child could not encode (see ``TooLarge``), or the whole share of a child that
    failed, is parsed again here.
    """
    workers = forking.default_jobs() if jobs is None else max(1, jobs)
    if workers == 1 or len(files) < PARALLEL_THRESHOLD or not forking.can_fork():
        return [(file, parse_file(file, flavor, logseq), None) for file in files]
    own, *others = _shares(files, workers)
    children: list[forking.Child] = []
    with forking.reaped(children):
        for share in others:
            children.append(forking.fork(partial(_encoded_share, share, flavor, logseq)))
        out: list[Parsed] = [(file, parse_file(file, flavor, logseq), None) for file in own]
        for share, child in zip(others, children, strict=True):
            encoded = forking.answer(child)
            if not isinstance(encoded, list) or len(encoded) != len(share):
                out.extend((file, parse_file(file, flavor, logseq), None) for file in share)
                continue
            for file, item in zip(share, encoded, strict=True):
                if item is None:
                    out.append((file, parse_file(file, flavor, logseq), None))
                else:
                    out.append((file, None, item))
    return out
