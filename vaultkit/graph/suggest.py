""" "Did you mean …?": the existing names closest to a broken target (rapidfuzz).

A few targets are matched one by one with ``process.extract``. Many at once (a large vault can
have thousands of broken links) are matched in one ``process.cdist`` call per block of targets,
which compares in C++ on every core: about a hundred times faster than one call per target.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

from vaultkit.graph.resolution import fold

SCORE_CUTOFF = 75.0
"""Normalised similarity (0–100) below which a name is not worth suggesting."""
BATCH_FROM = 32
"""From this many targets on, ``cdist`` (which needs numpy) beats one call per target."""
_BLOCK = 512
"""Targets per ``cdist`` call: bounds the score matrix at 512 × names bytes."""


class Suggester:
    """Finds the closest names among a fixed set; answers are cached per target."""

    def __init__(self, names: list[str], limit: int = 3) -> None:
        unique = sorted(set(names))
        self._names = unique
        self._folded = [fold(name) for name in unique]
        self._limit = limit
        self._cache: dict[str, tuple[str, ...]] = {}

    def suggest(self, target: str) -> tuple[str, ...]:
        key = fold(target.strip())
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        matches = process.extract(
            key,
            self._folded,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            limit=self._limit + 1,
            score_cutoff=SCORE_CUTOFF,
        )
        found = self._best([(score, index) for _, score, index in matches], key)
        self._cache[key] = found
        return found

    def _best(self, scored: list[tuple[float, int]], key: str) -> tuple[str, ...]:
        ordered = sorted(scored, key=lambda item: (-item[0], self._names[item[1]]))
        return tuple(self._names[index] for _, index in ordered if self._folded[index] != key)[
            : self._limit
        ]

    def prepare(self, targets: Iterable[str]) -> None:
        """Compute the suggestions for many targets at once (then ``suggest`` is a lookup)."""
        keys = sorted({fold(target.strip()) for target in targets} - set(self._cache))
        if len(keys) < BATCH_FROM or not self._folded:
            return
        import numpy

        for start in range(0, len(keys), _BLOCK):
            block = keys[start : start + _BLOCK]
            scores = process.cdist(
                block,
                self._folded,
                scorer=fuzz.ratio,
                processor=utils.default_process,
                score_cutoff=SCORE_CUTOFF,
                dtype=numpy.uint8,
                workers=-1,
            )
            for row, key in zip(scores, block, strict=True):
                hits = numpy.flatnonzero(row)
                self._cache[key] = self._best([(int(row[i]), int(i)) for i in hits], key)
