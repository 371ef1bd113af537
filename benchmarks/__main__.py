"""Run every benchmark of issue 8 and print each row of its table: measured figure, target, MET or not.

    .venv/bin/python -m benchmarks            # full sizes (about 10 minutes on 2 cores)
    .venv/bin/python -m benchmarks --quick    # smaller sizes, fewer runs (under 2 minutes)

Each benchmark module runs in its own process (memory figures stay honest, Qt state does not leak); the
rows go to benchmarks/RESULTS.md (a quick run's to RESULTS-quick.md, so it never replaces a full run's) with
a description of the machine. This machine is shared and noisy:
every figure is a median, and ratios are measured side by side in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from benchmarks.bench_common import Row

HERE = Path(__file__).resolve().parent
MODULES = {  # module -> the rows it measures
    "bench_prelabel": ("1", "2"),
    "bench_import": ("3", "11a", "11b"),
    "bench_window": ("4", "5", "5b", "5c", "5d", "6"),
    "bench_project": ("7a", "7b", "8", "9", "10"),
    "bench_startup": ("12a", "12b", "12c"),
    "bench_stats": ("13",),
    "bench_archive": ("14a", "14b"),
    "bench_events": ("15a", "15b", "15c"),
    "bench_informative": ("16",),
}
ORDER = ("1", "2", "3", "4", "5", "5b", "5c", "5d", "6", "7a", "7b", "8", "9", "10", "11a", "11b", "11c", "11d",
         "12a", "12b", "12c", "13", "14a", "14b", "15a", "15b", "15c", "16")


def run_module(name: str, *, quick: bool) -> list[Row]:
    """Run one benchmark module in a fresh process; its rows (or rows saying why it failed)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    try:
        cmd = [sys.executable, "-m", f"benchmarks.{name}", "--json", str(out), *(["--quick"] if quick else [])]
        proc = subprocess.run(cmd, cwd=HERE.parent, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                              stderr=subprocess.PIPE, text=True)
        rows = [Row(**r) for r in json.loads(out.read_text(encoding="utf-8") or "[]")] if out.stat().st_size else []
        if proc.returncode != 0:
            reason = (proc.stderr.strip().splitlines() or ["no message"])[-1]
            done = {r.key for r in rows}
            rows += [Row(k, f"({name})", "-", "-", None, f"failed: {reason}") for k in MODULES[name] if k not in done]
        return rows
    finally:
        out.unlink(missing_ok=True)


def machine() -> list[tuple[str, str]]:
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?") if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0") if Path("/proc/meminfo").exists() else "0"
    versions = ", ".join(f"{p} {_version(p)}" for p in ("PySide6-Essentials", "jieba", "rjieba", "sqlite-utils",
                                                         "numpy"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent, capture_output=True,
                            text=True).stdout.strip() or "?"
    return [("CPU", f"{cpu}, {os.cpu_count()} logical cores"), ("memory", f"{int(mem) / 1024 / 1024:.1f} GB"),
            ("system", f"{platform.system()} {platform.release()}"),
            ("Python", f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}"), ("packages", versions),
            ("commit", commit)]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def markdown(rows: list[Row], *, quick: bool, started: str, seconds: float, loads: tuple[str, str]) -> str:
    """RESULTS.md: the machine, the table, and how to read it."""
    lines = ["# Benchmark results (issue 8)", "",
             f"`python -m benchmarks{' --quick' if quick else ''}` on {started}, {seconds / 60:.1f} minutes; "
             f"load average {loads[0]} before, {loads[1]} after (1, 5, 15 min; 2 cores: above 2 means "
             "other work was competing).", "", "| machine | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in machine()]
    lines += ["", "| # | what | measured | target | met | notes |", "|---|---|---|---|---|---|"]
    for r in rows:
        verdict = {True: "MET", False: "**NOT MET**", None: "not measured"}[r.met]
        lines.append(f"| {r.key} | {r.what} | {r.figure} | {r.target} | {verdict} | {r.note} |")
    lines += ["", "Figures are medians of repeated runs; ratios are measured alternately in the same run.",
              "See benchmarks/README.md for what each row measures, the changes behind the figures and "
              "what the rows not met would take."]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the modules, print the table, write RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs (under 2 minutes)")
    parser.add_argument("--only", help="comma-separated modules, e.g. bench_import,bench_project")
    parser.add_argument("--results", type=Path,
                        help="where to write the results (default benchmarks/RESULTS.md, RESULTS-quick.md with --quick)")
    args = parser.parse_args()
    results = args.results or HERE / ("RESULTS-quick.md" if args.quick else "RESULTS.md")
    names = args.only.split(",") if args.only else list(MODULES)
    started, load_before, t0 = time.strftime("%Y-%m-%d %H:%M"), _load(), time.perf_counter()
    rows: list[Row] = []
    for name in names:
        print(f"-- {name}", flush=True)
        rows += run_module(name, quick=args.quick)
    rows.sort(key=lambda r: ORDER.index(r.key) if r.key in ORDER else len(ORDER))
    seconds = time.perf_counter() - t0
    print(f"\n== issue 8 benchmarks{' (quick)' if args.quick else ''}: {seconds:.0f} s, "
          f"load {load_before} -> {_load()}")
    for row in rows:
        print(row.line())
    results.write_text(markdown(rows, quick=args.quick, started=started, seconds=seconds,
                                loads=(load_before, _load())), encoding="utf-8")
    print(f"\nwritten to {results}")


if __name__ == "__main__":
    main()
