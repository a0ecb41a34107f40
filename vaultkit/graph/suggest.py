""" "Did you mean …?": the existing names closest to a broken target (rapidfuzz).

A target that shares a rare word (one that at most 1% of the names hold) with some names is
compared with those names only, which keeps the work proportional to the vault rather than to
broken links × names; any other target with every name. A few targets are matched one by one
with ``process.extract``; many at once (a large vault can have thousands of broken links) in
one ``process.cdist`` call per block of targets, which compares in C++ on every core, with
the same exact scores.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA

from vaultkit.graph.resolution import fold

SCORE_CUTOFF = 75.0
"""Normalised similarity (0–100) below which a name is not worth suggesting."""
BATCH_FROM = 32
"""From this many targets on, ``cdist`` (which needs numpy) beats one call per target."""
_BLOCK = 64
"""Targets per ``cdist`` call: bounds the score matrix (exact scores, 8 bytes each) at
64 × names × 8 bytes, 25 MB for 50,000 names."""
_WORD = re.compile(r"\w{3,}")
RARE_SHARE = 0.01
"""A word held by at most this share of the names narrows the names a target is compared to."""
_DIGITS = re.compile(r"\d+")


def plausible_typo(target: str, name: str) -> bool:
    """Whether ``target`` reads as ``name`` mistyped, rather than as another name.

    The similarity cutoff finds candidates; this decides. Both are folded. A typo is a few
    keystrokes (insertions, deletions, substitutions, swapped neighbours): none in a name of
    up to four characters except one that keeps the first letter (``Irn`` → ``Iron``, never
    ``Iron`` → ``Cron``), one up to eight characters, two up to sixteen, then one per eight.
    Numbers must agree: ``Meeting 0041`` is another meeting, ``2024-01-03`` another day. A
    target without ``/`` may be the last part of a namespaced name (``Transformer`` →
    ``AI/Transformers``).
    """
    if "/" in name and "/" not in target and _close(target, name.rsplit("/", 1)[1]):
        return True
    return _close(target, name)


def _close(target: str, name: str) -> bool:
    if _DIGITS.findall(target) != _DIGITS.findall(name):
        return False
    longest = max(len(target), len(name))
    if longest <= 4:
        allowed = 1 if target[:1] == name[:1] else 0
    elif longest <= 8:
        allowed = 1
    elif longest <= 16:
        allowed = 2
    else:
        allowed = longest // 8
    return OSA.distance(target, name, score_cutoff=allowed) <= allowed


class Suggester:
    """Finds the closest names among a fixed set; answers are cached per target.

    A target's suggestions depend on the target and the names only, never on which other
    targets were asked about with it: a batch gives exactly what one-by-one calls give.
    """

    def __init__(self, names: list[str], limit: int = 3) -> None:
        unique = sorted(set(names))
        self._names = unique
        self._folded = [fold(name) for name in unique]
        self._limit = limit
        self._cache: dict[str, tuple[str, ...]] = {}

    def suggest(self, target: str) -> tuple[str, ...]:
        key = fold(target.strip())
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._closest(key, self._narrowed(key))
        return cached

    def _closest(self, key: str, numbers: list[int]) -> tuple[str, ...]:
        """The best names for ``key`` among ``numbers`` (indexes of names), or among all."""
        pool = [self._folded[number] for number in numbers] if numbers else self._folded
        matches = process.extract(
            key,
            pool,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            # Every name above the cutoff: ``_best`` drops the target itself and unlikely
            # typos, and must choose among the same names as a batch does.
            limit=None,
            score_cutoff=SCORE_CUTOFF,
        )
        return self._best(
            [(score, numbers[index] if numbers else index) for _, score, index in matches], key
        )

    def _best(self, scored: list[tuple[float, int]], key: str) -> tuple[str, ...]:
        ordered = sorted(scored, key=lambda item: (-item[0], self._names[item[1]]))
        return tuple(
            self._names[index]
            for _, index in ordered
            if self._folded[index] != key and plausible_typo(key, self._folded[index])
        )[: self._limit]

    @cached_property
    def _rare_words(self) -> dict[str, list[int]]:
        """Words of the names (3+ letters) that few names hold → those names."""
        index: defaultdict[str, list[int]] = defaultdict(list)
        for number, name in enumerate(self._folded):
            for word in set(_WORD.findall(name)):
                index[word].append(number)
        limit = max(8, int(len(self._folded) * RARE_SHARE))
        return {word: numbers for word, numbers in index.items() if len(numbers) <= limit}

    def _narrowed(self, key: str) -> list[int]:
        """The names sharing a rare word with ``key``: the only ones it is compared with."""
        found: set[int] = set()
        for word in set(_WORD.findall(key)):
            found.update(self._rare_words.get(word, ()))
        return sorted(found)

    def prepare(self, targets: Iterable[str]) -> None:
        """Compute the suggestions for many targets at once (then ``suggest`` is a lookup)."""
        keys = sorted({fold(target.strip()) for target in targets} - set(self._cache))
        if len(keys) < BATCH_FROM or not self._folded:
            return
        rest: list[str] = []
        for key in keys:
            numbers = self._narrowed(key)
            if numbers:
                self._cache[key] = self._closest(key, numbers)
            else:
                rest.append(key)
        if len(rest) < BATCH_FROM:
            return
        import numpy

        for start in range(0, len(rest), _BLOCK):
            block = rest[start : start + _BLOCK]
            scores = process.cdist(
                block,
                self._folded,
                scorer=fuzz.ratio,
                processor=utils.default_process,
                score_cutoff=SCORE_CUTOFF,
                dtype=numpy.float64,
                workers=-1,
            )
            for row, key in zip(scores, block, strict=True):
                hits = numpy.flatnonzero(row)
                self._cache[key] = self._best([(float(row[i]), int(i)) for i in hits], key)
