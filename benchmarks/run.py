"""Measure ``vaultkit check`` against the read-plus-regex floor on generated vaults.

    python -m benchmarks                       # 1k, 10k and 50k notes
    python -m benchmarks --sizes 1000,10000    # a subset
    python -m benchmarks --startup             # also time `vaultkit --version` and a tiny vault

The floor is what any tool must pay: read every note and run one compiled regex over it, in one
process, with a warm page cache. Each vaultkit figure is the wall time of a fresh
``vaultkit check`` process (cold: ``--no-cache``; warm: the second run with the cache), and its
peak memory (resident set size, including worker processes). "One note edited" is a warm run
after one note changed (dated a minute back, as a commit after an edit would find it): the
results cache misses, and the incremental check reads and checks that note alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_vault

WIKILINK = re.compile(r"!?\[\[([^\]\n]+)\]\]")


def floor_seconds(root: Path) -> float:
    paths = [
        os.path.join(folder, name)
        for folder, _, names in os.walk(root)
        for name in names
        if name.endswith(".md")
    ]
    start = time.perf_counter()
    found = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            found += len(WIKILINK.findall(handle.read()))
    assert found
    return time.perf_counter() - start


def timed_run(arguments: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one command, workers included."""
    start = time.perf_counter()
    process = subprocess.Popen(
        arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(arguments)} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def best_of(count: int, arguments: list[str], environment: dict[str, str]) -> tuple[float, float]:
    runs = [timed_run(arguments, environment) for _ in range(count)]
    return min(run[0] for run in runs), max(run[1] for run in runs)


def vaultkit_command() -> list[str]:
    found = shutil.which("vaultkit")
    return [found] if found else [sys.executable, "-m", "vaultkit"]


def measure(size: int, work: Path, repeat: int) -> dict[str, float]:
    root = work / f"vault-{size}"
    if not root.exists():
        generate_vault(root, size)
    environment = dict(os.environ, VAULTKIT_CACHE_DIR=str(work / f"cache-{size}"))
    shutil.rmtree(work / f"cache-{size}", ignore_errors=True)
    floor_seconds(root)
    floor = min(floor_seconds(root) for _ in range(repeat))
    check = [*vaultkit_command(), "check", str(root), "--format", "json", "--output", os.devnull]
    cold, cold_rss = best_of(repeat, [*check, "--no-cache"], environment)
    timed_run(check, environment)
    warm, warm_rss = best_of(repeat, check, environment)
    edited_runs = []
    victim = next(root.rglob("*.md"))
    original = victim.read_bytes()
    try:
        for number in range(repeat):
            victim.write_bytes(original + f"\nEdited {number} [[Another note]]\n".encode())
            past = time.time() - 60
            os.utime(victim, (past, past))
            edited_runs.append(timed_run(check, environment))
    finally:
        victim.write_bytes(original)
    edited = min(run[0] for run in edited_runs)
    return {
        "notes": size,
        "floor": floor,
        "cold": cold,
        "cold_rss": cold_rss,
        "warm": warm,
        "warm_rss": warm_rss,
        "edited": edited,
    }


def startup(work: Path) -> tuple[float, float]:
    tiny = work / "vault-10"
    if not tiny.exists():
        generate_vault(tiny, 10)
    environment = dict(os.environ, VAULTKIT_CACHE_DIR=str(work / "cache-10"))
    version, _ = best_of(5, [*vaultkit_command(), "--version"], environment)
    check, _ = best_of(
        5, [*vaultkit_command(), "check", str(tiny), "--output", os.devnull], environment
    )
    return version, check


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| notes | floor (read + regex) | check, cold | × floor | check, warm | × floor "
        "| one note edited | peak RSS cold | peak RSS warm |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {int(row['notes']):,} | {row['floor']:.2f} s | {row['cold']:.2f} s "
            f"| {row['cold'] / row['floor']:.1f}× | {row['warm']:.2f} s "
            f"| {row['warm'] / row['floor']:.1f}× | {row['edited']:.2f} s "
            f"| {row['cold_rss']:.0f} MiB "
            f"| {row['warm_rss']:.0f} MiB |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, help="keep generated vaults here between runs")
    parser.add_argument("--startup", action="store_true")
    options = parser.parse_args(argv)
    work = options.work or Path(tempfile.mkdtemp(prefix="vaultkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in options.sizes.split(",") if size]
    rows = []
    for size in sizes:
        rows.append(measure(size, work, options.repeat))
        print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    print(table(rows))
    if options.startup:
        version, check = startup(work)
        print(
            f"\n`vaultkit --version`: {version * 1000:.0f} ms; "
            f"`vaultkit check` on a 10-note vault: {check * 1000:.0f} ms"
        )
    return 0
