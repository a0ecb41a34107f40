"""The ``vaultkit`` command: parses options, calls the library, renders the result.

Exit codes: 0 nothing at or above the failing severity, 1 problems at or above it, 2 a usage or
configuration error. Library modules are imported inside each command, so ``vaultkit --version``
and a check of a small vault start fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from vaultkit import __version__

app = typer.Typer(
    name="vaultkit",
    help="Lint and enrich Obsidian and Logseq vaults.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


class FlavorOption(StrEnum):
    OBSIDIAN = "obsidian"
    LOGSEQ = "logseq"


class SeverityOption(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def fail(message: str) -> NoReturn:
    """Report a usage or configuration error on stderr and exit with status 2."""
    typer.echo(f"vaultkit: error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vaultkit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Lint and enrich Obsidian and Logseq vaults."""


def _split_names(values: list[str] | None) -> list[str]:
    return [name.strip() for value in values or [] for name in value.split(",") if name.strip()]


def _write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="The vault folder (default: the current folder), or notes to report on.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.TEXT,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Only these rules (comma-separated, repeatable).", show_default=False),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Skip these rules (comma-separated, repeatable).", show_default=False),
    ] = None,
    severity: Annotated[
        SeverityOption,
        typer.Option(help="Exit with 1 when a problem is at least this severe."),
    ] = SeverityOption.ERROR,
    flavor: Annotated[
        FlavorOption | None,
        typer.Option(
            help="Resolve links as this app does (default: detected).", show_default=False
        ),
    ] = None,
    vault: Annotated[
        Path | None,
        typer.Option(
            help="The vault root, when PATHS are notes (default: found from the notes).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file.", show_default=False),
    ] = None,
) -> None:
    """Check a vault's links, front-matter and files; report every problem found."""
    from vaultkit.commands.check import CheckRequest, UsageError, run_check_command

    request = CheckRequest(
        paths=list(paths or []),
        output_format=output_format.value,
        select=_split_names(select),
        ignore=_split_names(ignore),
        fail_severity=severity.value,
        flavor=flavor.value if flavor else None,
        vault=vault,
    )
    try:
        report, exit_code = run_check_command(request, color_output=output is None)
    except UsageError as error:
        fail(str(error))
    _write_output(report, output)
    raise typer.Exit(exit_code)


@app.command("rules")
def list_rules() -> None:
    """List every rule with its default severity and what it finds."""
    from vaultkit.commands.rules import rules_table

    typer.echo(rules_table(), nl=False)


@app.command("rule")
def show_rule(name: Annotated[str, typer.Argument(help="A rule name, e.g. broken-link.")]) -> None:
    """Explain one rule, with a failing and a passing example."""
    from vaultkit.commands.rules import UnknownRule, rule_doc

    try:
        typer.echo(rule_doc(name), nl=False)
    except UnknownRule as error:
        fail(str(error))


def main() -> None:
    app()
