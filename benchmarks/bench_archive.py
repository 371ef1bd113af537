"""Rows 14a, 14b: pre-highlighting an archive on Dask (`annotator suggest`, issue 18): throughput on 1 and 2
workers, and the memory of a worker and of the driver as the archive grows.

    .venv/bin/python -m benchmarks.bench_archive [--quick]

The archive is a text-only JSONL file of the shared People's Daily articles (2,000; quick 300), cut into
the default shards. Each run gets a local cluster of processes started before the clock starts, and a
warm-up run on a few articles loads jieba and the model in every worker (once per worker in real use
too); then the run is timed, 1 and 2 workers alternately. Per worker, the share of the run spent in its
tasks and how long it sat idle before the run ended come from the scheduler's task stream (what the
dashboard's task stream shows); the workers' CPU seconds tell a loaded machine from the design's
overhead. Memory: the peak RSS of each worker process (VmHWM) and of this process, after 100 articles
and after 2,000, each on a fresh cluster.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from annotator.service.archive import local_cluster, suggest_archive
from benchmarks import bench_data
from benchmarks.bench_common import Row, max_rss_mb, module_main, ratio_row

SHARED = bench_data.SHARED


def _peak_mb() -> float:
    """Peak RSS of the process it runs in (a worker), in MB; self-contained, as it is shipped by value."""
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s() -> float:
    """CPU seconds of the process it runs in (a worker); self-contained, as it is shipped by value."""
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def corpus(path: Path, count: int) -> int:
    """A text-only JSONL file of `count` articles (unique texts); its characters."""
    articles = bench_data.gold(SHARED / "pd98" / "train_pool.jsonl", limit=count)
    chars = 0
    with open(path, "w", encoding="utf-8") as fh:
        for n, article in bench_data.copies(articles, count):
            text = article.text if count <= len(articles) else article.text + bench_data.suffix(n)
            chars += len(text)
            fh.write(json.dumps({"id": f"{article.id}-{n}", "title": article.title, "text": text},
                                ensure_ascii=False) + "\n")
    return chars


def run(work: Path, source: Path, warm: Path, *, workers: int, tag: str) -> dict[str, float]:
    """One timed run on a fresh local cluster of `workers` processes: seconds, per-worker compute, memory."""
    from dask import distributed as dd

    with local_cluster(workers) as cluster, dd.Client(cluster) as client:
        suggest_archive([warm], work / f"warm-{tag}", scheduler=cluster.scheduler_address)
        cpu = client.run(_cpu_s)
        with dd.get_task_stream(client) as stream:
            started, clock = time.perf_counter(), time.time()  # the task stream's times are the wall clock's
            report = suggest_archive([source], work / f"out-{tag}", scheduler=cluster.scheduler_address)
            seconds = time.perf_counter() - started
        cpu_s = sum(client.run(_cpu_s).values()) - sum(cpu.values())
        busy: dict[str, float] = {}
        last: dict[str, float] = {}
        for task in stream.data:
            for step in task.get("startstops", ()):
                if step.get("action") == "compute":
                    busy[task["worker"]] = busy.get(task["worker"], 0.0) + step["stop"] - step["start"]
                    last[task["worker"]] = max(last.get(task["worker"], 0.0), step["stop"])
        memory = client.run(_peak_mb)
    # a worker's share of the run spent in its tasks, and how long before the run's end it ran out of them
    workers = sorted(busy)
    return {"seconds": seconds, "documents": report.documents, "busy": [busy[w] / seconds for w in workers],
            "idle_at_end": [clock + seconds - last[w] for w in workers], "cpu_s": cpu_s,
            "worker_mb": max(memory.values()), "driver_mb": max_rss_mb()}


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Rows 14a and 14b."""
    if not (SHARED / "pd98" / "train_pool.jsonl").exists():
        yield Row("14a", "suggest on Dask, 2 workers vs 1", "-", ">= 1.7x", None, "no shared data")
        return
    big, small, rounds = (300, 50, 1) if quick else (2000, 100, 2)
    source, little, warm = work / "archive.jsonl", work / "small.jsonl", work / "warm.jsonl"
    chars = corpus(source, big)
    corpus(little, small)
    corpus(warm, 5)
    one, two, busy_two, idle_two, cpu_one, cpu_two = [], [], [], [], [], []
    load = os.getloadavg()[0]
    for n in range(rounds):
        result = run(work, source, warm, workers=1, tag=f"one{n}")
        one.append(result["seconds"])
        cpu_one.append(result["cpu_s"])
        result = run(work, source, warm, workers=2, tag=f"two{n}")
        two.append(result["seconds"])
        busy_two.append(result["busy"])
        idle_two.append(result["idle_at_end"])
        cpu_two.append(result["cpu_s"])
    a, b = statistics.median(one), statistics.median(two)
    c1, c2 = statistics.median(cpu_one), statistics.median(cpu_two)
    per_worker = "; ".join(", ".join(f"{share:.0%} busy, idle {idle:.2f} s at the end" for share, idle in
                                     zip(busy, idle, strict=True)) for busy, idle in zip(busy_two, idle_two, strict=True))
    note = (f"{big:,} articles, {chars:,} chars, default shards; {a:.1f} s vs {b:.1f} s after cluster start-up and "
            f"warm-up, median of {rounds}; 2 workers by round (task stream compute time): {per_worker}; "
            f"workers' CPU {c1:.1f} s vs {c2:.1f} s ({c1 / a:.2f} vs {c2 / b:.2f} cores busy); "
            f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after")
    yield ratio_row("14a", "suggest on Dask (local cluster), 2 workers vs 1", ours=chars / b, base=chars / a,
                    need=1.7, unit="chars/s", note=note,
                    details={"one_s": a, "two_s": b, "cpu_one_s": c1, "cpu_two_s": c2, "load": load,
                             "idle_at_end_s": max(max(idle, default=0.0) for idle in idle_two)})
    low = run(work, little, warm, workers=1, tag="mem-small")
    high = run(work, source, warm, workers=1, tag="mem-big")
    ratio = high["worker_mb"] / low["worker_mb"]
    yield Row("14b", f"suggest: worker peak memory, {big:,} vs {small} articles",
              f"{ratio:.2f}x ({high['worker_mb']:.0f} vs {low['worker_mb']:.0f} MB)", "<= 1.2x", ratio <= 1.2,
              f"one worker's peak RSS (VmHWM), each on a fresh cluster; this process (driver, every run) "
              f"{high['driver_mb']:.0f} MB",
              {"worker_big_mb": high["worker_mb"], "worker_small_mb": low["worker_mb"]})


if __name__ == "__main__":
    module_main(rows, __doc__)
