"""A symbolic link that leads outside the vault, and is therefore not followed.

A vault checked in CI is often a stranger's pull request: a link such as `secret.md ->
~/.git-credentials` or `etc -> /etc` would otherwise make vaultkit read, and quote in its
report, files that are not part of the vault. Such a link is reported once, by its own path
(never its target), and nothing behind it is read. `--follow-symlinks` follows it.

Fails: `Shared -> /home/me/Dropbox/Shared`, a folder link out of the vault.

Passes: `Current.md -> Archive/2024.md`, a link to a note inside the vault.
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.load.walk import EXTERNAL_SYMLINK
from vaultkit.rules.base import RuleContext, file_problem_findings

NAME = EXTERNAL_SYMLINK
SEVERITY = Severity.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    return file_problem_findings(context, NAME)
