"""A suppression comment that silences nothing (off unless asked for).

A comment left behind after its problem was fixed hides the next problem on that line without a
word. Turn the rule on with ``--report-unused-suppressions`` or ``unused-suppression = "warning"``
under ``[rules]``, as ESLint's ``--report-unused-disable-directives`` does. A comment is only
reported when every rule it names ran in this check, so ``--select`` never makes one look unused.

Fails (the link works):

    [[Kyoto]] <!-- vaultkit-disable-line broken-link -->

Passes:

    [[Kyoto 2031]] <!-- vaultkit-disable-line broken-link -- written next spring -->
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.model import SuppressionKind
from vaultkit.rules.base import RuleContext, code

NAME = "unused-suppression"
SEVERITY = Severity.WARNING
ON_BY_DEFAULT = False
DIRECTIVES = {
    SuppressionKind.SAME_LINE: "vaultkit-disable-line",
    SuppressionKind.NEXT_LINE: "vaultkit-disable-next-line",
    SuppressionKind.DISABLE: "vaultkit-disable",
    SuppressionKind.FILE: "vaultkit-disable-file",
}


def check(context: RuleContext) -> Iterator[Finding]:
    usage = context.suppression_usage
    if usage is None:
        return
    for note in context.graph.sources:
        for suppression in note.suppressions:
            directive = DIRECTIVES.get(suppression.kind)
            if directive is None:
                continue
            used = usage.silenced.get((note.path, suppression), frozenset())
            if suppression.rules:
                if not set(suppression.rules) <= usage.ran:
                    continue
                unused = [rule for rule in suppression.rules if rule not in used]
            else:
                if not usage.every_rule_ran or used:
                    continue
                unused = []
            if suppression.rules and not unused:
                continue
            what = " or ".join(code(rule) for rule in unused) + " " if unused else ""
            message = f"{code(directive)} silences no {what}problem"
            yield Finding(note.path, suppression.line, suppression.column, message, directive)
