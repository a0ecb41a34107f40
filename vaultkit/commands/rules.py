"""``vaultkit rules`` and ``vaultkit rule NAME``: the rule docs, straight from the rule modules."""

from __future__ import annotations

from vaultkit.rules import RULES

FIX_KINDS = {
    "safe": "safe",
    "unsafe": "unsafe, with --unsafe-fixes",
    "both": "safe, and unsafe ones with --unsafe-fixes",
}


class UnknownRule(Exception):
    pass


def _flavors(name: str) -> str:
    flavors = RULES[name].flavors
    return "all" if len(flavors) > 1 else next(iter(flavors)).value


def _default(name: str) -> str:
    """The severity a rule runs at unless configured; ``off`` for a rule that must be asked for."""
    rule = RULES[name]
    return rule.severity.value if rule.on_by_default else "off"


def rules_table() -> str:
    width = max(len(name) for name in RULES)
    lines = [f"{'rule':<{width}}  {'default':<8}  {'applies':<8}  what it finds"]
    for name, rule in RULES.items():
        lines.append(f"{name:<{width}}  {_default(name):<8}  {_flavors(name):<8}  {rule.summary}")
    return "\n".join(lines) + "\n"


def rule_doc(name: str) -> str:
    rule = RULES.get(name)
    if rule is None:
        known = ", ".join(sorted(RULES))
        raise UnknownRule(f"unknown rule `{name}`; known rules: {known}")
    default = _default(name) if rule.on_by_default else f"off, {rule.severity.value} when on"
    fix = FIX_KINDS.get(rule.fix or "", "none")
    header = f"{name} (default: {default}, applies to: {_flavors(name)}, fix: {fix})"
    return f"{header}\n\n{rule.doc.strip()}\n"


def rules_markdown() -> str:
    """The README's rule table (a test keeps the README in step with the rule modules)."""
    lines = ["| rule | default | applies to | what it finds |", "|---|---|---|---|"]
    for name, rule in RULES.items():
        lines.append(f"| `{name}` | {_default(name)} | {_flavors(name)} | {rule.summary} |")
    return "\n".join(lines) + "\n"
