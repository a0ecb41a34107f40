"""Front-matter that is not valid YAML, or not a mapping of properties.

When the YAML between the `---` fences does not parse, Obsidian shows no properties at all: the
note loses its tags, aliases and every other property. The message gives the line of the fault.
A `---` block that is never closed is reported when its first line looks like a property.

Fails:

    ---
    title: Notes: part 2
    tags: [a, b
    ---

Passes:

    ---
    title: "Notes: part 2"
    tags: [a, b]
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultkit.check.problems import Finding, Severity
from vaultkit.rules.base import RuleContext, file_problem_findings

NAME = "invalid-frontmatter"
SEVERITY = Severity.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    return file_problem_findings(context, NAME)
