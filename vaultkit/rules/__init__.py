"""The rule registry: one module per rule, listed here once."""

from __future__ import annotations

from vaultkit.rules import (
    ambiguous_link,
    broken_block_ref,
    broken_embed,
    broken_heading,
    broken_link,
    duplicate_block_id,
    empty_link,
    external_symlink,
    invalid_frontmatter,
    link_to_alias,
    malformed_link,
    missing_page,
    name_conflict,
    unknown_suppression,
    unreadable_note,
    unused_suppression,
)
from vaultkit.rules.base import Rule, RuleContext

__all__ = ["RULES", "Rule", "RuleContext"]

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule.from_module(module)
        for module in (
            broken_link,
            broken_heading,
            broken_block_ref,
            broken_embed,
            link_to_alias,
            ambiguous_link,
            missing_page,
            empty_link,
            malformed_link,
            invalid_frontmatter,
            duplicate_block_id,
            name_conflict,
            unreadable_note,
            external_symlink,
            unknown_suppression,
            unused_suppression,
        )
    )
}
