"""Silencing rules inside a note.

    <!-- vaultkit-disable-next-line broken-link -->
    <!-- vaultkit-disable broken-link ambiguous-link --> … <!-- vaultkit-enable -->
    <!-- vaultkit-disable-file -->
    front-matter  vaultkit-disable: [broken-link]   (or true: every rule)
    Logseq        vaultkit-disable:: broken-link

Naming no rule means every rule. ``disable`` without a matching ``enable`` lasts to the end of
the note; ``enable`` with rules ends only those.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vaultkit.model import Note, SuppressionKind

_ALL = "*"


@dataclass(slots=True)
class NoteSuppressions:
    whole_file: set[str] = field(default_factory=set)
    next_line: dict[int, set[str]] = field(default_factory=dict)
    ranges: list[tuple[int, int, set[str]]] = field(default_factory=list)

    def silences(self, rule: str, line: int) -> bool:
        if _matches(self.whole_file, rule):
            return True
        if _matches(self.next_line.get(line, set()), rule):
            return True
        return any(
            start <= line <= end and _matches(rules, rule) for start, end, rules in self.ranges
        )


def _matches(rules: set[str], rule: str) -> bool:
    return _ALL in rules or rule in rules


def note_suppressions(note: Note) -> NoteSuppressions:
    result = NoteSuppressions()
    open_ranges: dict[str, int] = {}
    for suppression in note.suppressions:
        rules = set(suppression.rules) or {_ALL}
        if suppression.kind is SuppressionKind.FILE:
            result.whole_file |= rules
        elif suppression.kind is SuppressionKind.NEXT_LINE:
            result.next_line.setdefault(suppression.line + 1, set()).update(rules)
        elif suppression.kind is SuppressionKind.DISABLE:
            for rule in rules:
                open_ranges.setdefault(rule, suppression.line)
        else:
            for rule in list(open_ranges):
                if rule in rules or _ALL in rules:
                    result.ranges.append((open_ranges.pop(rule), suppression.line, {rule}))
    end = max(note.line_count, 1)
    for rule, start in open_ranges.items():
        result.ranges.append((start, end, {rule}))
    return result
