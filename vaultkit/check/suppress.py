"""Silencing rules inside a note.

    <!-- vaultkit-disable-line broken-link -->         (this line)
    <!-- vaultkit-disable-next-line broken-link -->
    <!-- vaultkit-disable broken-link ambiguous-link --> … <!-- vaultkit-enable -->
    <!-- vaultkit-disable-file -->
    %% vaultkit-disable-next-line broken-link %%       (Obsidian comments work the same)
    front-matter  vaultkit-disable: [broken-link]   (or true: every rule)
    Logseq        vaultkit-disable:: broken-link

Naming no rule means every rule. ``disable`` lasts until an ``enable`` that names the rule (or
names none), or to the end of the note; ``enable broken-link`` after a bare ``disable`` turns
only that rule back on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vaultkit.model import Note, Suppression, SuppressionKind


@dataclass(slots=True)
class NoteSuppressions:
    whole_file: list[Suppression] = field(default_factory=list)
    lines: dict[int, list[Suppression]] = field(default_factory=dict)
    """Line → the comments silencing rules on it (``disable-line``, ``disable-next-line``)."""
    switches: list[Suppression] = field(default_factory=list)
    """``disable`` and ``enable`` comments in line order."""

    def silencer(self, rule: str, line: int) -> Suppression | None:
        """The comment that silences ``rule`` on ``line``, or None."""
        for suppression in self.whole_file:
            if _names(suppression.rules, rule):
                return suppression
        for suppression in self.lines.get(line, ()):
            if _names(suppression.rules, rule):
                return suppression
        last: Suppression | None = None
        for switch in self.switches:
            if switch.line > line:
                break
            if _names(switch.rules, rule):
                last = switch
        return last if last is not None and last.kind is SuppressionKind.DISABLE else None


@dataclass(frozen=True, slots=True)
class SuppressionUsage:
    """What the comments silenced in one check, for the ``unused-suppression`` rule."""

    silenced: dict[tuple[str, Suppression], set[str]]
    """(note path, comment) → the rules it silenced a problem of."""
    ran: frozenset[str]
    every_rule_ran: bool
    """Whether a comment naming no rule could have silenced any of them."""


def _names(rules: tuple[str, ...], rule: str) -> bool:
    """An empty rule list names every rule."""
    return not rules or rule in rules


def note_suppressions(note: Note) -> NoteSuppressions:
    result = NoteSuppressions()
    for suppression in note.suppressions:
        if suppression.kind is SuppressionKind.FILE:
            result.whole_file.append(suppression)
        elif suppression.kind is SuppressionKind.SAME_LINE:
            result.lines.setdefault(suppression.line, []).append(suppression)
        elif suppression.kind is SuppressionKind.NEXT_LINE:
            result.lines.setdefault(suppression.line + 1, []).append(suppression)
        elif suppression.kind is not SuppressionKind.UNKNOWN:
            result.switches.append(suppression)
    result.switches.sort(key=lambda switch: switch.line)
    return result
