"""Time ``vaultkit mv`` of a note linked from 1,000 notes in a 10,000-note vault.

    python -m benchmarks.mv                          # 10,000 notes, 1,000 linking
    python -m benchmarks.mv --notes 2000 --linked 200

Each figure is the wall time of a fresh process on a fresh copy of the vault, best of
``--repeat``: the dry run (plan, prove and diff), ``--write``, and a cold ``vaultkit check`` for
scale. Cold runs use no cache (``VAULTKIT_NO_CACHE=1``); a warm ``mv`` follows a ``check`` of
the copy, as it would in a vault that is checked on every commit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.generate import generate_vault
from benchmarks.run import timed_run, vaultkit_command

HUB = "Hub Note"


def prepare(root: Path, notes: int, linked: int) -> None:
    generate_vault(root, notes)
    (root / f"{HUB}.md").write_text(f"# {HUB}\n\n## Why\n", encoding="utf-8")
    for number, path in enumerate(sorted(root.rglob("*.md"))[:linked]):
        form = ("[[Hub Note]]", "[[Hub Note#Why|why]]", "[hub](/Hub%20Note.md)")[number % 3]
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nSee {form}.\n")


def best(
    repeat: int,
    source: Path,
    work: Path,
    arguments: list[str],
    env: dict[str, str],
    warm_up: list[str] | None = None,
) -> float:
    """Best wall time of ``arguments`` on fresh copies, after ``warm_up`` (untimed) if given."""
    times = []
    for number in range(repeat):
        copy = work / f"copy-{number}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy)
        if warm_up:
            timed_run([part.replace("{vault}", str(copy)) for part in warm_up], env)
        command = [part.replace("{vault}", str(copy)) for part in arguments]
        times.append(timed_run(command, env)[0])
        shutil.rmtree(copy, ignore_errors=True)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mv", description=__doc__)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--linked", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="vaultkit-bench-mv-"))
    source = work / "vault"
    prepare(source, options.notes, options.linked)
    vaultkit = vaultkit_command()
    move = [*vaultkit, "mv", f"{{vault}}/{HUB}.md", "{vault}/Central Note.md"]
    cold = dict(os.environ, VAULTKIT_NO_CACHE="1")
    warm = dict(os.environ, VAULTKIT_CACHE_DIR=str(work / "cache"))
    check = [*vaultkit, "check", "{vault}"]
    rows = {
        "mv, dry run (cold)": best(options.repeat, source, work, move, cold),
        "mv --write (cold)": best(options.repeat, source, work, [*move, "--write"], cold),
        "mv --write (warm)": best(
            options.repeat, source, work, [*move, "--write"], warm, warm_up=check
        ),
        "check (cold)": best(
            options.repeat, source, work, [*vaultkit, "check", "{vault}", "--no-cache"], cold
        ),
    }
    print(f"{options.notes:,} notes, {options.linked:,} linking to the moved note")
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    for name, seconds in rows.items():
        print(f"{name:<22} {seconds:.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
