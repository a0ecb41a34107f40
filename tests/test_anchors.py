"""Heading anchors are compared in one reduced form, whatever the heading's characters."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vaultkit.graph.anchors import heading_key


def reference_key(text: str) -> str:
    """Letters and digits, single spaces between runs, case-folded: the rule, char by char."""
    kept = [
        char if unicodedata.category(char)[0] in "LN" else " "
        for char in unicodedata.normalize("NFC", text)
    ]
    return " ".join("".join(kept).split()).casefold()


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_the_ascii_shortcut_reduces_as_the_rule_does(text):
    assert heading_key(text) == reference_key(text)


@given(st.text(max_size=20))
def test_any_heading_reduces_as_the_rule_does(text):
    assert heading_key(text) == reference_key(text)


def test_examples():
    assert heading_key("Minecraft: The Video Game") == "minecraft the video game"
    assert heading_key("minecraft-the-video-game") == "minecraft the video game"
    assert heading_key("Café  Olé!") == "café olé"
    assert heading_key("x²") == "x²"
