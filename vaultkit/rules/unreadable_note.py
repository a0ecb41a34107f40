"""A file that cannot be read as a note.

Not UTF-8 (read with replacement characters, so its links still count), UTF-16, binary content
in a `.md` file, permission denied, a dangling symbolic link, a folder that cannot be listed, a
link loop, or an app settings file (`logseq/config.edn`, `.obsidian/app.json`) that does not
parse. The apps show such files garbled or not at all.

Fails: a `.md` file holding a PNG image, or saved as Latin-1 with `café` in it.

Passes: any note saved as UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.rules.base import RuleContext, file_problem_findings

NAME = "unreadable-note"
SEVERITY = Severity.WARNING


def check(context: RuleContext) -> Iterator[Finding]:
    return file_problem_findings(context, NAME)
