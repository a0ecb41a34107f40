""" "Did you mean …?": the existing names closest to a broken target (rapidfuzz)."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from vaultkit.graph.resolution import fold

SCORE_CUTOFF = 75.0
"""Normalised similarity (0–100) below which a name is not worth suggesting."""


class Suggester:
    """Finds the closest names among a fixed set; answers are cached per target."""

    def __init__(self, names: list[str]) -> None:
        unique = sorted(set(names))
        self._names = unique
        self._folded = [fold(name) for name in unique]
        self._cache: dict[str, tuple[str, ...]] = {}

    def suggest(self, target: str, limit: int = 3) -> tuple[str, ...]:
        key = fold(target.strip())
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        matches = process.extract(
            key,
            self._folded,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            limit=limit,
            score_cutoff=SCORE_CUTOFF,
        )
        found = tuple(self._names[index] for _, _, index in matches if self._folded[index] != key)
        self._cache[key] = found
        return found
