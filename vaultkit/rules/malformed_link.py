"""A link written so that the app does not read it as the link that was meant.

Catches `[text]((https://…)` (an extra parenthesis: the link text shows, the URL is lost),
`[text](<(https://…)>)`, a Markdown destination with spaces (`[a](My Note.md)`: not a link in
CommonMark; write `My%20Note.md` or `<My Note.md>`), and a `[[` never closed on its line.

Fix (safe): `[text]((https://…)` and `[text]((https://…))` become `[text](https://…)`, and
`[a](My Note.md)` becomes `[a](My%20Note.md)`.

Fails:

    [the talk]((https://www.youtube.com/watch?v=t0yj4hBDUsc)

Passes:

    [the talk](https://www.youtube.com/watch?v=t0yj4hBDUsc)
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.rules.base import RuleContext, file_problem_findings

NAME = "malformed-link"
SEVERITY = Severity.WARNING
FIX = "safe"


def check(context: RuleContext) -> Iterator[Finding]:
    return file_problem_findings(context, NAME)
