"""Row 12: how fast the command line starts (`annotator --help`, `list`, `info`), against `python -c "import
click"` (what any click command pays) and `python -c pass`, run alternately in the same run.

    python -m benchmarks.bench_startup [--quick]

Each figure is the median wall time of a fresh `python -m annotator ...` process; the target is a ratio to
the click baseline, so a loaded machine moves both sides. `tests/cli/test_cli_startup_imports.py` checks
(untimed) which heavy modules each command leaves out.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.bench_common import Row, cli_env, module_main

LIMITS = {"--help": 2.0, "list": 4.0, "info": 4.0}  # x the click baseline
SECONDS = 0.25  # the target, shown beside the ratio


def _wall(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _project(work: Path) -> Path:
    """A small project: 50 short documents (list and info read the project, the start-up is what counts)."""
    from annotator.service import Project

    source = work / "docs.jsonl"
    source.write_text("".join(json.dumps({"text": f"新华社北京电 第{n}条消息。"}, ensure_ascii=False) + "\n"
                              for n in range(50)), encoding="utf-8")
    path = work / "startup.annot"
    with Project.create(path, schema="news-zh") as p:
        p.importer.import_paths([source], prelabel=False)
    return path


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Row 12a-c: --help, list and info against the baselines, alternately."""
    project = str(_project(work))
    env = cli_env(work)
    commands = {"--help": ["-m", "annotator", "--help"], "list": ["-m", "annotator", "list", project],
                "info": ["-m", "annotator", "info", project]}
    baselines = {"pass": ["-c", "pass"], "click": ["-c", "import click"]}
    times: dict[str, list[float]] = {k: [] for k in (*baselines, *commands)}
    for args in (*baselines.values(), *commands.values()):
        _wall(args, env)  # warm the file cache and write the bytecode
    for _ in range(5 if quick else 15):
        for name, args in (*baselines.items(), *commands.items()):
            times[name].append(_wall(args, env))
    med = {k: statistics.median(v) for k, v in times.items()}
    for key, name in (("12a", "--help"), ("12b", "list"), ("12c", "info")):
        ratio = med[name] / med["click"]
        yield Row(key, f"`annotator {name}` start-up vs `python -c 'import click'`",
                  f"{ratio:.2f}x ({med[name] * 1000:.0f} vs {med['click'] * 1000:.0f} ms)",
                  f"<= {LIMITS[name]:g}x", ratio <= LIMITS[name],
                  f"python -c pass {med['pass'] * 1000:.0f} ms; {SECONDS:g} s "
                  f"{'met' if med[name] <= SECONDS else 'not met'} in absolute time",
                  {"ours_s": med[name], "click_s": med["click"], "pass_s": med["pass"]})


if __name__ == "__main__":
    module_main(rows, __doc__)
