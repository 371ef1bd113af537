"""What every benchmark module shares: the result row, timing helpers and the module entry point.

Each `bench_*` module has `rows(quick: bool, work: Path) -> Iterator[Row]` and runs standalone as
`python -m benchmarks.bench_x [--quick]`; the runner (`python -m benchmarks`) starts each in its own
process (so memory figures and Qt state do not leak between them) and collects the rows as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


@dataclass(frozen=True)
class Row:
    """One row of the issue's table: what was measured, the figure, the target and whether it is met."""

    key: str
    what: str
    figure: str
    target: str
    met: bool | None  # None: could not be measured here (the note says why)
    note: str = ""
    details: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        """The row as one printed line."""
        verdict = {True: "MET", False: "NOT MET", None: "NOT MEASURED"}[self.met]
        note = f"  ({self.note})" if self.note else ""
        return f"{self.key:>3}. {self.what:<58} {self.figure:<34} target {self.target:<24} {verdict}{note}"


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of `fn` takes."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def max_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    # VmHWM, not getrusage: Linux carries ru_maxrss across exec, so a process started by a big parent
    # would report the parent's peak.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def module_main(rows: Callable[[bool, Path], Iterator[Row]], doc: str | None) -> None:
    """Entry point of a benchmark module: run its rows, print them, optionally write them as JSON."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as work:
        for row in rows(args.quick, Path(work)):
            print(row.line(), flush=True)
            out.append(row)
            if args.json:  # written as it goes: a crash later still leaves the rows measured so far
                args.json.write_text(json.dumps([asdict(r) for r in out], ensure_ascii=False), encoding="utf-8")
    sys.stdout.flush()


def ratio_row(key: str, what: str, *, ours: float, base: float, need: float, unit: str, note: str = "",
              details: dict[str, float] | None = None) -> Row:
    """A row whose target is a throughput ratio (ours / base >= need); rates in `unit`."""
    ratio = ours / base if base else float("inf")
    return Row(key, what, f"{ratio:.2f}x ({ours:,.0f} vs {base:,.0f} {unit})", f">= {need:g}x",
               ratio >= need, note, details or {})


def limit_row(key: str, what: str, *, value: float, limit: float, unit: str = "s", note: str = "",
              details: dict[str, float] | None = None) -> Row:
    """A row whose target is an upper limit on a measured value."""
    shown = f"{value * 1000:.1f} ms" if unit == "ms" else f"{value:.2f} {unit}"
    bound = f"{limit * 1000:g} ms" if unit == "ms" else f"{limit:g} {unit}"
    return Row(key, what, shown, f"<= {bound}", value <= limit, note, details or {})


def bare_scan(path: Path, target: Path) -> None:
    """Every row of the tables an export reads, as sqlite3 gives them, through json.dumps to a file."""
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    with open(target, "w", encoding="utf-8") as out:
        for table in ("documents", "spans", "events", "arguments"):
            cur = conn.execute(f"SELECT * FROM {table}")
            names = [c[0] for c in cur.description]
            for row in cur:
                record = dict(zip(names, row, strict=True))
                for key, value in record.items():
                    if isinstance(value, bytes):
                        record[key] = value.hex()
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    conn.close()


def cli_env(work: Path) -> dict[str, str]:
    """The environment of a timed `python -m annotator` process: our sources first, and bytecode kept (in
    `work`) even where PYTHONDONTWRITEBYTECODE is set, as an installed package has it (pip compiles at
    install): without it every start would compile our ~100 modules, a cost no user pays and no baseline
    (nor a peer installed by pip) ever does. `compile_sources` writes it before the first timed run."""
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_sources(env: dict[str, str]) -> None:
    """Compile our sources into `cli_env`'s bytecode cache (what pip does at install), untimed."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
