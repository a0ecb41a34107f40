"""What ``vaultkit check`` reports: plain values, rendered by ``vaultkit.output``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vaultkit.model import Fix


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: info 0, warning 1, error 2."""
        return (Severity.INFO, Severity.WARNING, Severity.ERROR).index(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: a place and a message; the engine adds rule name and severity."""

    path: str
    line: int
    column: int
    message: str
    target: str | None = None
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    rule: str
    severity: Severity
    path: str
    """POSIX path relative to the vault root."""
    line: int
    column: int
    message: str
    target: str | None = None
    """The link target as written, for link problems."""
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    """The replacement that repairs the problem, when vaultkit knows one."""

    @classmethod
    def from_finding(cls, rule: str, severity: Severity, finding: Finding) -> Problem:
        return cls(
            rule,
            severity,
            finding.path,
            finding.line,
            finding.column,
            finding.message,
            finding.target,
            finding.suggestions,
            finding.fix,
        )

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return self.path, self.line, self.column, self.rule
