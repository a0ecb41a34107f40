"""Batched "did you mean" suggestions agree with one-by-one matching.

A batched target that shares a rare word with some names is compared with those names only, so
it may get fewer suggestions, but never a different best one.
"""

from __future__ import annotations

from vaultkit.graph.suggest import BATCH_FROM, Suggester

NAMES = [f"Meeting {number:04d} notes" for number in range(2000)] + [
    "Sales tax",
    "Supervised Learning",
    "Attention",
]
TARGETS = [f"Meeting {number:04d} ntoes" for number in range(0, 2000, 40)] + [
    "Sales tx",
    "Supervized Learning",
    "Atention",
    "Completely unrelated",
]


def test_prepared_suggestions_equal_single_ones():
    assert len(TARGETS) >= BATCH_FROM
    single = Suggester(NAMES)
    expected = {target: single.suggest(target) for target in TARGETS}
    batched = Suggester(NAMES)
    batched.prepare(TARGETS)
    for target in TARGETS:
        got = batched.suggest(target)
        assert got[:1] == expected[target][:1], target
        assert set(got) <= set(expected[target]), target
    assert batched.suggest("Meeting 0040 ntoes") == ("Meeting 0040 notes",)
    assert expected["Meeting 0040 ntoes"][0] == "Meeting 0040 notes"
    assert expected["Sales tx"] == ("Sales tax",)
    assert expected["Atention"] == ("Attention",)
    assert expected["Completely unrelated"] == ()
