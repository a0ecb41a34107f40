"""The ``vaultkit`` command: parses options, calls the library, renders the result.

Exit codes: 0 nothing at or above the failing severity, 1 problems at or above it, 2 a usage or
configuration error. Library modules are imported inside each command, so ``vaultkit --version``
and a check of a small vault start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from vaultkit import __version__
from vaultkit.load.quick_exit import run_and_exit


def _unlabelled(option: Any) -> Any:
    """``-h, --help`` listed without a ``<bool>`` label, like every other flag."""
    if option is not None:
        option.metavar = ""
    return option


class PlainHelpGroup(TyperGroup):
    def get_help_option(self, ctx: Any) -> Any:
        return _unlabelled(super().get_help_option(ctx))


class PlainHelpCommand(TyperCommand):
    def get_help_option(self, ctx: Any) -> Any:
        return _unlabelled(super().get_help_option(ctx))


app = typer.Typer(
    cls=PlainHelpGroup,
    name="vaultkit",
    help="Lint and enrich Obsidian and Logseq vaults.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_USAGE = 2


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


class FlavorOption(StrEnum):
    OBSIDIAN = "obsidian"
    LOGSEQ = "logseq"


class ColorOption(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class SeverityOption(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


FlavorFlag = Annotated[
    FlavorOption | None,
    typer.Option(
        metavar="APP",
        help="Resolve links as this app does: obsidian or logseq (default: detected).",
        show_default=False,
    ),
]


FollowSymlinksFlag = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks",
        metavar="",
        help="Also follow symbolic links that lead outside the vault (default: reported).",
    ),
]


SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="RULES", help="Only these rules (comma-separated, repeatable).", show_default=False
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="RULES", help="Skip these rules (comma-separated, repeatable).", show_default=False
    ),
]
NoCacheFlag = Annotated[
    bool,
    typer.Option("--no-cache", metavar="", help="Parse every note again; skip the parse cache."),
]
UnsafeFixesFlag = Annotated[
    bool,
    typer.Option(
        "--unsafe-fixes",
        metavar="",
        help="Also apply fixes that guess (a broken link's one close match).",
    ),
]
CheckPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="The vault folder (default: the current folder), or notes to report on.",
        show_default=False,
    ),
]


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
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Show the version."
        ),
    ] = False,
) -> None:
    """Lint and enrich Obsidian and Logseq vaults."""


def _split_names(values: list[str] | None) -> list[str]:
    return [name.strip() for value in values or [] for name in value.split(",") if name.strip()]


def _write_output(text: str, output: Path | None, vaults: tuple[Path, ...] = ()) -> None:
    """Print ``text``, or write it to ``output`` atomically.

    A report never replaces a note: an existing ``.md`` file is overwritten only when it is a
    report vaultkit wrote before. Nor is it written through a symbolic link: ``output`` must not
    be one, and when it lies in the working folder or one of ``vaults`` it must not lead out of
    it (see ``edit.write.guard_target``). A file name that is not UTF-8 is written with
    ``\\xNN`` escapes, so the report itself is always valid UTF-8.
    """
    from vaultkit.output.paths import encodable

    text = encodable(text)
    if output is None:
        sys.stdout.write(text)
        return
    from vaultkit.edit.write import WriteRefused, guard_target, write_file_atomically
    from vaultkit.load.walk import is_inside
    from vaultkit.reports.orphans import looks_like_report

    inside = (Path(), *vaults)
    try:
        guard_target(output, inside)
    except WriteRefused as error:
        fail(f"{error}; choose another --output")
    if output.suffix.lower() == ".md" and output.exists() and not looks_like_report(output):
        fail(f"{output} is a note, not a report vaultkit wrote; choose another --output")
    data = text.encode("utf-8")
    where = os.path.normpath(output.absolute())
    vault = next(
        (vault for vault in vaults if is_inside(os.path.normpath(vault.absolute()), where)), None
    )
    try:
        if vault is None:
            write_file_atomically(output, data, inside)
        else:
            _write_into_vault(vault, output, data)
    except WriteRefused as error:
        fail(f"{error}; choose another --output")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")


def _write_into_vault(vault: Path, output: Path, data: bytes) -> None:
    """A report saved in the vault is a change like any other: the edit pipeline's writer
    keeps it inside the vault and writes it atomically, only over the bytes just read."""
    from vaultkit.edit.write import FileChange, write_change

    relative = Path(os.path.relpath(output.absolute(), vault.absolute())).as_posix()
    before = output.read_bytes() if output.is_file() else None
    write_change(vault, FileChange(relative, before, data))


def _respond(
    produce: Callable[[], tuple[str, int]],
    output: Path | None = None,
    vaults: tuple[Path, ...] = (),
    *,
    quiet: bool = False,
) -> None:
    """Run a command's work (with a progress line on a terminal when it is slow), print or
    write its report, and exit with its status; a usage error becomes exit status 2."""
    from vaultkit.errors import UsageError
    from vaultkit.output.progress import progress_on

    try:
        with progress_on(sys.stderr, quiet):
            text, exit_code = produce()
    except UsageError as error:
        fail(str(error))
    _write_output(text, output, vaults)
    raise typer.Exit(exit_code)


@app.command(cls=PlainHelpCommand)
def check(
    paths: CheckPaths = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="Output format: text, json, github or sarif."
        ),
    ] = CheckFormat.TEXT,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    severity: Annotated[
        SeverityOption,
        typer.Option(
            metavar="SEVERITY",
            help="Exit with 1 when a problem is at least this severe: error, warning or info.",
        ),
    ] = SeverityOption.ERROR,
    flavor: FlavorFlag = None,
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
    no_cache: NoCacheFlag = False,
    show: Annotated[
        SeverityOption,
        typer.Option(
            metavar="SEVERITY",
            help="List problems of at least this severity: error, warning or info"
            " (json and sarif: all).",
        ),
    ] = SeverityOption.WARNING,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", metavar="", help="Only the problems and a one-line summary."),
    ] = False,
    no_group: Annotated[
        bool,
        typer.Option(
            "--no-group", metavar="", help="List each problem, also when many share one target."
        ),
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", metavar="", help="Also count the problems of each rule.")
    ] = False,
    color: Annotated[
        ColorOption,
        typer.Option(
            metavar="WHEN",
            help="Colour the text report: auto (on a terminal, as NO_COLOR and FORCE_COLOR say),"
            " always or never.",
        ),
    ] = ColorOption.AUTO,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", metavar="", help="Exit with 0 even when problems are found."),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            help="Report only problems not in this baseline (default: the config's).",
            show_default=False,
        ),
    ] = None,
    update_baseline: Annotated[
        bool,
        typer.Option(
            "--update-baseline",
            metavar="",
            help="Write every current problem to the baseline (default .vaultkit-baseline.json).",
        ),
    ] = False,
    report_unused_suppressions: Annotated[
        bool,
        typer.Option(
            "--report-unused-suppressions",
            metavar="",
            help="Also report suppression comments that silence nothing (unused-suppression).",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", metavar="", help="Apply the safe fixes first (as `vaultkit fix --write`)."
        ),
    ] = False,
    unsafe_fixes: UnsafeFixesFlag = False,
    follow_symlinks: FollowSymlinksFlag = False,
) -> None:
    """Check a vault's links, front-matter and files; report every problem found."""
    from vaultkit.commands.check import CheckRequest, run_check_command

    request = CheckRequest(
        paths=list(paths or []),
        output_format=output_format.value,
        select=_split_names(select),
        ignore=_split_names(ignore),
        fail_severity=severity.value,
        flavor=flavor.value if flavor else None,
        vault=vault,
        no_cache=no_cache,
        show=show.value,
        quiet=quiet,
        group=not no_group,
        statistics=statistics,
        color=color.value,
        exit_zero=exit_zero,
        baseline=baseline,
        update_baseline=update_baseline,
        follow_symlinks=follow_symlinks,
        report_unused_suppressions=report_unused_suppressions,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
    )
    if unsafe_fixes and not fix:
        fail("--unsafe-fixes applies fixes only with --fix")
    folders = [path for path in paths or [] if path.is_dir()]
    _respond(
        lambda: run_check_command(request, color_output=output is None),
        output,
        (*folders, *([vault] if vault else [])),
        quiet=quiet,
    )


class FixFormat(StrEnum):
    DIFF = "diff"
    JSON = "json"


@app.command("fix", cls=PlainHelpCommand)
def fix_command(
    paths: CheckPaths = None,
    write: Annotated[
        bool, typer.Option("--write", metavar="", help="Apply the fixes (default: show them).")
    ] = False,
    unsafe_fixes: UnsafeFixesFlag = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    output_format: Annotated[
        FixFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="Output format: diff or json."),
    ] = FixFormat.DIFF,
    renames: Annotated[
        bool,
        typer.Option(
            "--renames",
            metavar="",
            help="Rewrite links to notes renamed outside vaultkit, from the renames git sees.",
        ),
    ] = False,
    exit_non_zero_on_fix: Annotated[
        bool,
        typer.Option(
            "--exit-non-zero-on-fix",
            metavar="",
            help="Exit with 1 when a note was changed (for pre-commit).",
        ),
    ] = False,
    flavor: FlavorFlag = None,
    vault: Annotated[
        Path | None,
        typer.Option(
            help="The vault root, when PATHS are notes (default: found from the notes).",
            show_default=False,
        ),
    ] = None,
    no_cache: NoCacheFlag = False,
    follow_symlinks: FollowSymlinksFlag = False,
) -> None:
    """Repair what check finds: show the fixes as a diff; --write applies them.

    Safe fixes keep what a note means (an alias link, a malformed link); --unsafe-fixes also
    points a broken link at its one close match.
    """
    from vaultkit.commands.fix import FixRequest, run_fix_command

    if write and output_format is FixFormat.JSON:
        fail("--write cannot be combined with --format json")
    request = FixRequest(
        paths=list(paths or []),
        vault=vault,
        flavor=flavor.value if flavor else None,
        select=_split_names(select),
        ignore=_split_names(ignore),
        write=write,
        unsafe=unsafe_fixes,
        output_format=output_format.value,
        exit_non_zero_on_fix=exit_non_zero_on_fix,
        renames=renames,
        no_cache=no_cache,
        follow_symlinks=follow_symlinks,
    )
    _respond(lambda: run_fix_command(request))


@app.command("mv", cls=PlainHelpCommand)
def move(
    old: Annotated[
        str, typer.Argument(help="The note, folder or attachment (a path), or a note or page name.")
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="The new path (a folder moves OLD into it); in Logseq, the new page name."
        ),
    ],
    write: Annotated[
        bool, typer.Option("--write", metavar="", help="Move and rewrite (default: show the plan).")
    ] = False,
    git: Annotated[
        bool, typer.Option("--git", metavar="", help="Move with `git mv`, so history follows.")
    ] = False,
    vault: Annotated[
        Path | None,
        typer.Option(help="The vault root (default: found from OLD).", show_default=False),
    ] = None,
    flavor: FlavorFlag = None,
    follow_symlinks: FollowSymlinksFlag = False,
) -> None:
    """Rename or move a note, folder or attachment and rewrite every link to it.

    Links keep their heading, block, display text and form, as the app itself rewrites them.
    Shows the moves and a diff; --write does them.
    """
    from vaultkit.commands.mv import MoveRequest, run_move_command

    request = MoveRequest(
        old=old,
        new=new,
        vault=vault,
        write=write,
        git=git,
        flavor=flavor.value if flavor else None,
        follow_symlinks=follow_symlinks,
    )
    _respond(lambda: run_move_command(request))


class OrphanFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


VaultPath = Annotated[
    Path,
    typer.Argument(help="The vault folder (default: the current folder).", show_default=False),
]


class EnrichFormat(StrEnum):
    DIFF = "diff"
    JSON = "json"


@app.command(cls=PlainHelpCommand)
def enrich(
    path: VaultPath = Path(),
    write: Annotated[
        bool,
        typer.Option("--write", metavar="", help="Apply the changes (default: show them only)."),
    ] = False,
    output_format: Annotated[
        EnrichFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="How to show the planned changes: diff or json.",
        ),
    ] = EnrichFormat.DIFF,
    check_only: Annotated[
        bool,
        typer.Option("--check", metavar="", help="Exit with 1 when there is anything to change."),
    ] = False,
    flavor: FlavorFlag = None,
    follow_symlinks: FollowSymlinksFlag = False,
) -> None:
    """Add tags and author pages for the tweets your notes cite.

    Shows a diff of every planned change; --write applies them, atomically and only to files
    that did not change meanwhile.
    """
    from vaultkit.commands.enrich import EnrichRequest, run_enrich_command

    if write and (check_only or output_format is EnrichFormat.JSON):
        fail("--write cannot be combined with --check or --format json")
    request = EnrichRequest(
        path=path,
        write=write,
        output_format=output_format.value,
        check=check_only,
        flavor=flavor.value if flavor else None,
        follow_symlinks=follow_symlinks,
    )
    _respond(lambda: run_enrich_command(request))


@app.command(cls=PlainHelpCommand)
def orphans(
    path: VaultPath = Path(),
    output_format: Annotated[
        OrphanFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="Output format: table, markdown, json or csv."
        ),
    ] = OrphanFormat.TABLE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file.", show_default=False),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", metavar="", help="Only orphans that link nowhere either.")
    ] = False,
    dead_ends: Annotated[
        bool,
        typer.Option("--dead-ends", metavar="", help="Notes that link to no other note instead."),
    ] = False,
    include: Annotated[
        list[str] | None,
        typer.Option(
            metavar="GLOB", help="Only notes matching this glob (repeatable).", show_default=False
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            metavar="GLOB",
            help="Leave out notes matching this glob (repeatable).",
            show_default=False,
        ),
    ] = None,
    fail_on_orphans: Annotated[
        bool, typer.Option("--fail-on-orphans", metavar="", help="Exit with 1 when any are found.")
    ] = False,
    flavor: FlavorFlag = None,
    follow_symlinks: FollowSymlinksFlag = False,
) -> None:
    """List the notes no other note links to."""
    from vaultkit.commands.reports import OrphansRequest, run_orphans_command
    from vaultkit.reports.orphans import OrphanMode

    if isolated and dead_ends:
        fail("--isolated and --dead-ends cannot be combined")
    mode = (
        OrphanMode.ISOLATED
        if isolated
        else OrphanMode.DEAD_ENDS
        if dead_ends
        else OrphanMode.ORPHANS
    )
    request = OrphansRequest(
        path=path,
        output_format=output_format.value,
        output=output,
        mode=mode,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        fail_on_orphans=fail_on_orphans,
        flavor=flavor.value if flavor else None,
        follow_symlinks=follow_symlinks,
    )
    _respond(lambda: run_orphans_command(request), output, (path,))


def _links(
    note: str,
    vault: Path | None,
    output_format: ReportFormat,
    outgoing: bool,
    flavor: FlavorOption | None,
    follow_symlinks: bool,
) -> None:
    from vaultkit.commands.reports import LinksRequest, run_links_command

    request = LinksRequest(
        note=note,
        vault=vault,
        output_format=output_format.value,
        outgoing=outgoing,
        flavor=flavor.value if flavor else None,
        follow_symlinks=follow_symlinks,
    )
    _respond(lambda: (run_links_command(request), 0))


NoteArgument = Annotated[
    str, typer.Argument(help="A note by name, alias or path, resolved like a link.")
]
VaultOption = Annotated[
    Path | None,
    typer.Option(
        help="The vault root (default: found from NOTE, or the current folder).", show_default=False
    ),
]
ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", metavar="FORMAT", help="Output format: text or json."),
]


def _links_command(outgoing: bool, help_text: str) -> Callable[..., None]:
    """``backlinks`` and ``links``: one command each way."""

    def command(
        note: NoteArgument,
        vault: VaultOption = None,
        output_format: ReportFormatOption = ReportFormat.TEXT,
        flavor: FlavorFlag = None,
        follow_symlinks: FollowSymlinksFlag = False,
    ) -> None:
        _links(note, vault, output_format, outgoing, flavor, follow_symlinks)

    command.__doc__ = help_text
    return command


app.command("backlinks", cls=PlainHelpCommand)(
    _links_command(False, "Show every note that links to NOTE, with the linking line.")
)
app.command("links", cls=PlainHelpCommand)(
    _links_command(True, "Show every link written in NOTE and where it leads.")
)


@app.command(cls=PlainHelpCommand)
def stats(
    path: VaultPath = Path(),
    output_format: ReportFormatOption = ReportFormat.TEXT,
    flavor: FlavorFlag = None,
    follow_symlinks: FollowSymlinksFlag = False,
) -> None:
    """Count notes, links, tags, orphans and more."""
    from vaultkit.commands.reports import run_stats_command

    flavor_name = flavor.value if flavor else None
    _respond(
        lambda: (
            run_stats_command(
                path, output_format.value, flavor_name, follow_symlinks=follow_symlinks
            ),
            0,
        )
    )


@app.command(cls=PlainHelpCommand)
def init(
    path: VaultPath = Path(),
    pre_commit: Annotated[
        bool,
        typer.Option(
            "--pre-commit",
            metavar="",
            help="Also add the hook to the repository's .pre-commit-config.yaml.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", metavar="", help="Replace an existing .vaultkit.toml.")
    ] = False,
) -> None:
    """Write a commented .vaultkit.toml and show the pre-commit hook that checks the vault."""
    from vaultkit.commands.init import InitRequest, run_init_command

    _respond(lambda: (run_init_command(InitRequest(path, pre_commit=pre_commit, force=force)), 0))


@app.command("rules", cls=PlainHelpCommand)
def list_rules() -> None:
    """List every rule with its default severity and what it finds."""
    from vaultkit.commands.rules import rules_table

    typer.echo(rules_table(), nl=False)


@app.command("rule", cls=PlainHelpCommand)
def show_rule(name: Annotated[str, typer.Argument(help="A rule name, e.g. broken-link.")]) -> None:
    """Explain one rule, with a failing and a passing example."""
    from vaultkit.commands.rules import UnknownRule, rule_doc

    try:
        typer.echo(rule_doc(name), nl=False)
    except UnknownRule as error:
        fail(str(error))


def main() -> None:
    run_and_exit(app)
