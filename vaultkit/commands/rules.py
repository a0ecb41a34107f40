"""``vaultkit rules`` and ``vaultkit rule NAME``: the rule docs, straight from the rule modules."""

from __future__ import annotations

from vaultkit.rules import RULES


class UnknownRule(Exception):
    pass


def _flavors(name: str) -> str:
    flavors = RULES[name].flavors
    return "all" if len(flavors) > 1 else next(iter(flavors)).value


def rules_table() -> str:
    width = max(len(name) for name in RULES)
    lines = [f"{'rule':<{width}}  {'default':<8}  {'applies':<8}  what it finds"]
    for name, rule in RULES.items():
        lines.append(
            f"{name:<{width}}  {rule.severity.value:<8}  {_flavors(name):<8}  {rule.summary}"
        )
    return "\n".join(lines) + "\n"


def rule_doc(name: str) -> str:
    rule = RULES.get(name)
    if rule is None:
        known = ", ".join(sorted(RULES))
        raise UnknownRule(f"unknown rule `{name}`; known rules: {known}")
    header = f"{name} (default: {rule.severity.value}, applies to: {_flavors(name)})"
    return f"{header}\n\n{rule.doc.strip()}\n"


def rules_markdown() -> str:
    """The README's rule table (a test keeps the README in step with the rule modules)."""
    lines = ["| rule | default | applies to | what it finds |", "|---|---|---|---|"]
    for name, rule in RULES.items():
        lines.append(f"| `{name}` | {rule.severity.value} | {_flavors(name)} | {rule.summary} |")
    return "\n".join(lines) + "\n"
