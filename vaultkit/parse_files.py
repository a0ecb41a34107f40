"""Read and parse many note files, in several processes when the vault is large.

Starting worker processes and sending notes back costs about as much as parsing a thousand
notes, so a pool is used only for more than ``PARALLEL_THRESHOLD`` files and when the machine
has more than one core. Workers send notes back as plain tuples (see ``cache.codec``), which
cross the process boundary several times faster than pickled objects.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from vaultkit.cache.codec import TooLarge, encode_note
from vaultkit.config.logseq import LogseqConfig
from vaultkit.model import Flavor, Note
from vaultkit.parse.note import parse_note
from vaultkit.read import read_note
from vaultkit.walk import VaultFile

PARALLEL_THRESHOLD = 2000
_CHUNK = 256


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


def _parse_chunk(
    files: list[VaultFile], flavor: Flavor, logseq: LogseqConfig | None
) -> list[tuple[Any, ...] | None]:
    return [_encode_or_none(parse_file(file, flavor, logseq)) for file in files]


def default_jobs() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _chunks(files: list[VaultFile]) -> Iterator[list[VaultFile]]:
    for start in range(0, len(files), _CHUNK):
        yield files[start : start + _CHUNK]


def parse_files_encoded(
    files: list[VaultFile], flavor: Flavor, logseq: LogseqConfig | None, jobs: int | None = None
) -> list[tuple[VaultFile, Note | None, tuple[Any, ...] | None]]:
    """Parse ``files``; each result has the Note and/or its encoded form, in file order.

    With several jobs, ``jobs - 1`` worker processes parse the later files while this process
    parses its own equal share of the first ones (it would otherwise sit idle). Workers send
    back the encoded form, which the caller decodes; a note too large to encode is parsed
    again here.
    """
    workers = default_jobs() if jobs is None else max(1, jobs)
    if workers == 1 or len(files) < PARALLEL_THRESHOLD:
        return [(file, parse_file(file, flavor, logseq), None) for file in files]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    own = len(files) // workers
    batches = list(_chunks(files[own:]))
    out: list[tuple[VaultFile, Note | None, tuple[Any, ...] | None]] = []
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
        pending = [pool.submit(_parse_chunk, batch, flavor, logseq) for batch in batches]
        out.extend((file, parse_file(file, flavor, logseq), None) for file in files[:own])
        for batch, future in zip(batches, pending, strict=True):
            for file, item in zip(batch, future.result(), strict=True):
                if item is None:
                    out.append((file, parse_file(file, flavor, logseq), None))
                else:
                    out.append((file, None, item))
    return out
