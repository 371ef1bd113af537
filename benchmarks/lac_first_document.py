"""LAC's first load in the window (issue 21 leftover): a project whose model reads LAC (stacked on the starter,
40 CLUENER fragments in the starter's labels), 8 raw news articles, document 1 already suggested with the model and
the others outdated. A fresh process opens the project in the window on document 1, idles WAIT seconds (the reviewer
reading, the event loop running), then opens document 2, which suggests afresh: the wall time and main-thread CPU
of each opening, and the time the main thread spent in LAC's load (`lexical._lac`). With --first-outdated document 1
is outdated too (the window's first document suggests afresh): the idle then also reports when its suggestions came
and the longest turn of the event loop (what a key pressed meanwhile waits for).

    ANNOTATOR_SHARED_DATA=... .venv/bin/python -m benchmarks.lac_first_document [--runs 3] [--wait 3] [--first-outdated]

Each run is two processes, without the background load (`preload_suggesting` off) and with it, alternately.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make(path: Path, *, first_outdated: bool = False, schema: str = "news-zh") -> None:
    """The project: its model reads LAC, document 1 is up to date (outdated too with `first_outdated`), documents
    2-8 are outdated. With `schema` cec the documents also get event suggestions (the shipped starter event model,
    which reads LAC too)."""
    from annotator.core import formats
    from annotator.core.prelabel import train
    from annotator.service import Project
    from annotator.store import models
    from benchmarks.bench_data import SHARED

    fixtures = ROOT / "tests" / "fixtures"
    names = {"name": "PER", "address": "LOC", "organization": "ORG"}
    docs = [d for _, d in formats.iter_documents(fixtures / "cluener100.json", "cluener", reviewed=True)][:40]
    docs = [replace(d, spans=tuple(replace(s, label=names[s.label]) for s in d.spans if s.label in names))
            for d in docs]
    model = train(docs, base="starter", method="stack")
    with Project.create(path, schema=schema) as project:
        project.importer.import_paths(sorted((SHARED / "raw_news").glob("*.txt"))[:8], prelabel=False, workers=1)
        time.sleep(1.1)  # timestamps are whole seconds: the model must be newer than the documents
        with project.store.transaction() as db:
            models.add(db, description="stacked, reading LAC", data=model)
        assert project.training.reads_lexical()
        if not first_outdated:
            project.prelabel.refresh_if_outdated(1)
        assert project.prelabel.suggestions_outdated(2)
        assert project.prelabel.suggestions_outdated(1) is first_outdated


def open_twice(path: Path, *, preload: bool, wait: float) -> str:
    """In this process: the window opens document 1, idles, opens document 2 (see the module's docstring)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from annotator.core.prelabel.features import lexical
    from annotator.gui.window import MainWindow
    from annotator.service.model_training import Training

    if not preload:
        Training.preload_suggesting = lambda self: False  # type: ignore[method-assign]
    real, waited = lexical._lac, [0.0]

    def timed():  # the main thread's wait for LAC's load (a preload's own thread is not counted)
        if threading.current_thread() is not threading.main_thread():
            return real()
        started = time.perf_counter()
        try:
            return real()
        finally:
            waited[0] += time.perf_counter() - started

    lexical._lac = timed
    win = MainWindow(ask_reviewer=False)
    win.show()
    app.processEvents()
    out = []
    for doc_id in (1, 2):
        waited[0] = 0.0
        wall, cpu = time.perf_counter(), time.thread_time()
        assert win.open_project(path, doc_id=1) if doc_id == 1 else win.page.open_document(2)
        out.append(f"doc {doc_id}: {time.perf_counter() - wall:.3f} s wall, {time.thread_time() - cpu:.3f} s CPU, "
                   f"{waited[0]:.3f} s in LAC's load")
        if doc_id == 1:
            # The idle: its longest turn of the event loop (what a key pressed meanwhile waits), and when document
            # 1 holds the model's suggestions (at once, unless they follow the opening: --first-outdated)
            prelabel, longest, most, suggested = win.session.project.prelabel, (0.0, 0.0), 0.0, None
            waited[0] = 0.0
            end = time.perf_counter() + wait
            while time.perf_counter() < end:
                turn, turn_cpu = time.perf_counter(), time.thread_time()
                app.processEvents()
                longest = max(longest, (time.perf_counter() - turn, time.thread_time() - turn_cpu))
                most = max(most, time.thread_time() - turn_cpu)
                if suggested is None and not prelabel.suggestions_outdated(1):
                    suggested = time.perf_counter() - wall
                time.sleep(0.01)
            out[-1] += (f", suggested {suggested:.3f} s after the opening began" if suggested is not None
                        else ", not suggested")
            out[-1] += (f"; idle: longest turn {longest[0]:.3f} s wall, {longest[1]:.3f} s CPU, {waited[0]:.3f} s in "
                        f"LAC's load; the turn of most CPU {most:.3f} s")
            waited[0] = 0.0
    win.close_project()
    return "; ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--wait", type=float, default=3.0)
    parser.add_argument("--first-outdated", action="store_true",
                        help="document 1 suggests afresh too: the window's first document waits for LAC")
    parser.add_argument("--schema", default="news-zh",
                        help="cec: a schema with event types, whose starter event model suggests events too")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)  # PROJECT preload|off: one measured process
    args = parser.parse_args()
    if args.child:
        print(open_twice(Path(args.child[0]), preload=args.child[1] == "preload", wait=args.wait), flush=True)
        return
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as folder:
        built, run = Path(folder) / "built.annot", Path(folder) / "run.annot"
        make(built, first_outdated=args.first_outdated, schema=args.schema)
        env["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        print(f"load average before: {os.getloadavg()}")
        for _ in range(args.runs):
            for mode in ("off", "preload"):
                shutil.copyfile(built, run)
                proc = subprocess.run([sys.executable, "-m", "benchmarks.lac_first_document", "--wait", str(args.wait),
                                       "--child", str(run), mode], capture_output=True, text=True, env=env,
                                      cwd=ROOT, check=True)
                print(f"{mode:>7}: {proc.stdout.strip().splitlines()[-1]}", flush=True)
        print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
