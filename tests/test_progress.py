"""The progress line on standard error: drawn only on a terminal, after a second, then cleared."""

from __future__ import annotations

import io

import pytest

from vaultkit.output.progress import TerminalProgress, progress_on, progress_wanted
from vaultkit.progress import report


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_drawn_in_the_first_second_then_the_line_is_redrawn_and_cleared():
    stream, clock = Terminal(), Clock()
    display = TerminalProgress(stream, clock)
    display("Reading notes", 64, 10_000)
    clock.now += 0.99
    display("Reading notes", 128, 10_000)
    assert stream.getvalue() == ""
    clock.now += 0.02
    display("Reading notes", 192, 10_000)
    clock.now += 0.05
    display("Reading notes", 256, 10_000)  # too soon after the last redraw
    clock.now += 0.1
    display("Checking", 3, 16)
    display.clear()
    assert stream.getvalue() == (
        "\r\x1b[KReading notes... 192/10,000\r\x1b[KChecking... 3/16\r\x1b[K"
    )


def test_a_run_that_never_drew_leaves_nothing_to_clear():
    stream = Terminal()
    display = TerminalProgress(stream, Clock())
    display("Checking", 1, 2)
    display.clear()
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("env", "quiet", "terminal", "wanted"),
    [
        ({}, False, True, True),
        ({}, True, True, False),
        ({}, False, False, False),
        ({"CI": "true"}, False, True, False),
        ({"CI": "0"}, False, True, True),
        ({"TERM": "dumb"}, False, True, False),
    ],
)
def test_progress_is_wanted_only_on_an_interactive_terminal(
    monkeypatch, env, quiet, terminal, wanted
):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = Terminal() if terminal else io.StringIO()
    assert progress_wanted(stream, quiet) is wanted


def test_reports_reach_the_display_only_inside_the_block(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr("vaultkit.output.progress.DELAY", 0.0)
    stream = Terminal()
    report("Before", 1, 2)
    with progress_on(stream):
        report("Reading notes", 5, 9)
    report("After", 1, 2)
    assert stream.getvalue() == "\r\x1b[KReading notes... 5/9\r\x1b[K"


@pytest.mark.parametrize(
    ("command", "stages"),
    [
        (
            ("check", "--format", "json", "--no-cache"),
            ("Reading notes... 64/200", "Checking... 0/"),
        ),
        (("mv", "N0.md", "M.md"), ("Reading notes... 64/200",)),
        (("orphans",), ("Reading notes... 64/200",)),
    ],
)
def test_a_slow_command_on_a_terminal_shows_progress_on_stderr_only(
    make_vault, run_cli, monkeypatch, command, stages
):
    monkeypatch.setattr("vaultkit.output.progress.progress_wanted", lambda *_: True)
    monkeypatch.setattr("vaultkit.output.progress.DELAY", 0.0)
    monkeypatch.setattr("vaultkit.output.progress.INTERVAL", 0.0)
    monkeypatch.setenv("VAULTKIT_NO_CACHE", "1")
    vault = make_vault({f"N{number}.md": f"[[N{number + 1}]]\n" for number in range(200)})
    code, out, err = run_cli(*command, cwd=vault)
    assert code in (0, 1)
    assert err.startswith(f"\r\x1b[K{stages[0]}")
    for stage in stages:
        assert f"\r\x1b[K{stage}" in err
    assert err.endswith("\r\x1b[K")
    assert "\x1b" not in out


def test_quiet_draws_no_progress(make_vault, run_cli, monkeypatch):
    monkeypatch.setattr("vaultkit.output.progress.DELAY", 0.0)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr", Terminal())
    vault = make_vault({"A.md": "[[B]]\n"})
    from vaultkit.output.progress import progress_wanted

    assert progress_wanted(Terminal(), quiet=False)
    assert not progress_wanted(Terminal(), quiet=True)
    code, _, err = run_cli("check", "--quiet", "--no-cache", cwd=vault)
    assert (code, err) == (1, "")
