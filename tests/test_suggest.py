"""Batched "did you mean" suggestions are exactly the one-by-one ones.

A target's suggestions depend on the target and the vault's names alone: how many other broken
links a check finds, and so whether the target is matched in a batch (``cdist``) or alone
(``extract``), must not change them. An incremental check asks about a handful of targets
where a full one asks about thousands, and both must report the same.
"""

from __future__ import annotations

from vaultkit.graph.suggest import BATCH_FROM, Suggester

NAMES = [f"Meeting {number:04d} notes" for number in range(2000)] + [
    "Sales tax",
    "Supervised Learning",
    "Attention",
    "Meeting 0600 index",
]
NARROWED = [f"Meeting {number:04d} ntoes" for number in range(0, 2000, 40)]
"""Targets sharing a rare word (the number) with a few names: compared with those only."""
EVERYWHERE = [
    f"Meeting notes {chr(97 + number // 26)}{chr(97 + number % 26)}" for number in range(40)
]
"""Targets with only common or unknown words: compared with every name (``cdist`` in a batch)."""
TARGETS = [*NARROWED, *EVERYWHERE, "Sales tx", "Supervized Learning", "Atention", "Unrelated"]


def test_prepared_suggestions_equal_single_ones():
    assert len(EVERYWHERE) >= BATCH_FROM
    single = Suggester(NAMES)
    expected = {target: single.suggest(target) for target in TARGETS}
    batched = Suggester(NAMES)
    batched.prepare(TARGETS)
    assert {target: batched.suggest(target) for target in TARGETS} == expected
    assert expected["Meeting 0040 ntoes"] == ("Meeting 0040 notes",)
    assert expected["Sales tx"] == ("Sales tax",)
    assert expected["Atention"] == ("Attention",)
    assert expected["Unrelated"] == ()
    assert len(expected["Meeting notes ab"]) == 3


def test_a_target_gets_the_same_suggestions_alone_or_among_many():
    alone = Suggester(NAMES).suggest("Meeting 0600 x")
    crowded = Suggester(NAMES)
    crowded.prepare([*TARGETS, "Meeting 0600 x"])
    assert crowded.suggest("Meeting 0600 x") == alone
    assert alone == ("Meeting 0600 index", "Meeting 0600 notes")


def test_names_that_are_the_target_itself_leave_room_for_others():
    names = ["ea", "EA", "eab", "eac", "ead"]
    alone = Suggester(names).suggest("ea")
    crowded = Suggester(names)
    crowded.prepare(["ea", *(f"zz q{number:02d}" for number in range(BATCH_FROM))])
    assert alone == crowded.suggest("ea") == ("eab", "eac", "ead")
