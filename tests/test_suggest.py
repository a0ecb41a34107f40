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
EVERYWHERE = [f"Meting {number:04d}xnotes" for number in range(40)]
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
    assert expected["Meting 0001xnotes"] == ("Meeting 0001 notes",)


def test_a_target_gets_the_same_suggestions_alone_or_among_many():
    alone = Suggester(NAMES).suggest("Meeting 0600 indx")
    crowded = Suggester(NAMES)
    crowded.prepare([*TARGETS, "Meeting 0600 indx"])
    assert crowded.suggest("Meeting 0600 indx") == alone
    assert alone == ("Meeting 0600 index",)


def test_names_that_are_the_target_itself_leave_room_for_others():
    names = ["ea", "EA", "eab", "eac", "ead"]
    alone = Suggester(names).suggest("ea")
    crowded = Suggester(names)
    crowded.prepare(["ea", *(f"zz q{number:02d}" for number in range(BATCH_FROM))])
    assert alone == crowded.suggest("ea") == ("eab", "eac", "ead")


SUGGESTED = [
    ("Sales tx", "Sales tax"),
    ("Atention", "Attention"),
    ("Supervized Learning", "Supervised Learning"),
    ("recieve", "receive"),
    ("Pyhton", "Python"),
    ("Kubernets", "Kubernetes"),
    ("Javascrpt", "JavaScript"),
    ("Obsidain", "Obsidian"),
    ("Zettelkasen", "Zettelkasten"),
    ("Book notes", "Books notes"),
    ("Jon Smith", "John Smith"),
    ("Irn", "Iron"),
    ("accomodation", "accommodation"),
    ("definately", "definitely"),
    ("seperate", "separate"),
    ("Occurence", "Occurrence"),
    ("Mediterranian", "Mediterranean"),
    ("Meeting 0040 ntoes", "Meeting 0040 notes"),
    ("Transformer", "AI/Transformers"),
]
"""Real misspellings (Wikipedia's list of common ones, and typed note names): each suggested."""

NOT_SUGGESTED = [
    ("Iron", "Cron"),
    ("tcsh", "Cosh"),
    ("Real Time OS", "Real Time Clock"),
    ("Meeting 0041 notes", "Meeting 0040 notes"),
    ("2024-01-03", "2024-01-02"),
    ("Project alpha", "Project beta"),
    ("Meeting notes ab", "Meeting 0001 notes"),
    ("cat", "car"),
    ("Linux kernel", "Linus Torvalds"),
    ("Chapter 12", "Chapter 21"),
    ("Transformer", "AI/Transformers/History"),
    ("Formers", "AI/Transformers"),
]
"""Other names that merely look alike: a wrong guess is worse than none."""


def test_real_misspellings_are_suggested_and_look_alikes_are_not():
    names = [name for _, name in SUGGESTED + NOT_SUGGESTED]
    suggester = Suggester(names)
    missed = [(typo, name) for typo, name in SUGGESTED if name not in suggester.suggest(typo)]
    wrong = [(other, name) for other, name in NOT_SUGGESTED if name in suggester.suggest(other)]
    assert (missed, wrong) == ([], [])
