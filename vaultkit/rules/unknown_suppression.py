"""A suppression comment vaultkit cannot read: an unknown directive or rule name.

A misspelled comment silences nothing, or (worse) something else, and says nothing about it.
vaultkit reports the word it did not understand, with the closest known one.

Fails:

    <!-- vaultkit-disable-nextline broken-link -->
    %% vaultkit-disable-line brokenlink %%

Passes:

    <!-- vaultkit-disable-next-line broken-link -->
    %% vaultkit-disable-line broken-link -- written next week %%
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.graph.suggest import Suggester
from vaultkit.model import SuppressionKind
from vaultkit.rules.base import RuleContext, code, did_you_mean

NAME = "unknown-suppression"
SEVERITY = Severity.WARNING
DIRECTIVES = (
    "vaultkit-disable-line",
    "vaultkit-disable-next-line",
    "vaultkit-disable",
    "vaultkit-enable",
    "vaultkit-disable-file",
)


def check(context: RuleContext) -> Iterator[Finding]:
    # The registry imports every rule module, this one included: ask it only when checking.
    from vaultkit.rules import RULES

    directives = Suggester(list(DIRECTIVES))
    rules = Suggester(list(RULES))
    for note in context.graph.sources:
        for suppression in note.suppressions:
            line, column = suppression.line, suppression.column
            if suppression.kind is SuppressionKind.UNKNOWN:
                word = f"vaultkit-{suppression.rules[0]}"
                hint = did_you_mean(directives.suggest(word))
                message = f"unknown directive {code(word)} in a suppression comment{hint}"
                yield Finding(note.path, line, column, message, word)
                continue
            for name in suppression.rules:
                if name not in RULES:
                    hint = did_you_mean(rules.suggest(name))
                    message = f"unknown rule {code(name)} in a suppression comment{hint}"
                    yield Finding(note.path, line, column, message, name)
