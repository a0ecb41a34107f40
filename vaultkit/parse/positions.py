"""Turn character offsets into 1-based line and column numbers."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class LineIndex:
    """Maps offsets in a text (with ``\\n`` line ends) to ``(line, column)``, both 1-based."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = list(accumulate((len(line) + 1 for line in text.split("\n")), initial=0))
        starts.pop()
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """The offset of the first character of ``line`` (1-based)."""
        return self._starts[line - 1]

    @property
    def starts(self) -> list[int]:
        """The offset where each line begins; ``starts[0]`` is line 1."""
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self._starts)
