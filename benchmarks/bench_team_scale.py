"""The team commands at a real team's scale: 2,178 articles, 6 annotators, 15 % of them double-annotated.

    nice -n 10 .venv/bin/python -m benchmarks.bench_team_scale [--docs N] [--keep DIR] [--profile]

The lead's project is the shared People's Daily training pool (2,078 articles, gold entities) and the CEC
events (100 articles, gold events) imported as suggestions (`annotator import --no-prelabel`). `annotator
assign` hands it to six annotators with `--overlap 0.15`; each annotator then reviews their copy through the
service, as the window would: accept all, then noise (an entity rejected 4 %, relabelled 3 %, shifted by a
character 3 %, an extra span in 30 % of the documents; an event deleted 6 %, given another type 4 %, an argument
removed 5 %), marked reviewed; 3 % of each one's documents are left unreviewed. The first five send their
project files back, the sixth an export of theirs (`annotator export`, merged with `--annotator`). Every command
is timed in a process of its own under /usr/bin/time (CPU = user + system, peak memory = max RSS), each beside
a baseline measured in the same run:

- assign vs importing the same documents into a new project; each merge vs importing that annotator's export
  (`--reviewed`) into a new project;
- agreement (`--labels PER,LOC,ORG`) vs reading both files: a process that reads and decodes the layers of the
  documents two or more annotators sent back (what agreement compares) and their texts' lengths;
- `adjudicate` (the list) vs `list --status needs-adjudication`; `stats` and `stats --annotator` vs `list`;
  `info` on the team project vs on the same documents imported as gold (`--reviewed`, no team); `export` of the
  merged project vs exporting that gold project; `export --annotator ann3` vs exporting ann3's own file;
- in the window (offscreen, one process, CPU of the steps by time.process_time): opening the Statistics view
  and its Team tab (and counting it again), the adjudication dialog of a disputed document, Ctrl+Enter on it on the review page
  (opens the dialog), and in the dialog: take one annotator's versions (`1`) and Ctrl+Enter (reviewed); vs
  opening a document.

`--long N [N ...]` measures instead one long article of N sentences whose N names and N events two annotators
label differently: the merges, the adjudication view, accepting what they agree on, taking one's versions and
marking it reviewed (CPU-s). `--docs N` cuts the pool to N articles (the CEC ones always come); `--keep DIR` builds in DIR and keeps it;
`--profile` writes a cProfile of every timed command beside it (DIR/profiles). Figures go to stdout and, with
`--json FILE`, to FILE; RESULTS-team.md keeps them with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from benchmarks import bench_data
from benchmarks.bench_common import cli_env, compile_sources

POOL = bench_data.TRAIN_POOL
CEC = bench_data.SHARED / "cec" / "events_dev.jsonl"
NAMES = ("ann1", "ann2", "ann3", "ann4", "ann5", "ann6")
OVERLAP = 0.15
LABELS = ("PER", "LOC", "ORG")
T = TypeVar("T")


@dataclass(frozen=True)
class Noise:
    """How an annotator's work strays from the gold, per entity, document or event."""

    reject: float = 0.04
    relabel: float = 0.03
    shift: float = 0.03
    extra: float = 0.30          # per document: one span the gold has not
    drop_event: float = 0.06
    retype_event: float = 0.04
    drop_argument: float = 0.05
    unreviewed: float = 0.03     # per document: left as it was, not marked reviewed


@dataclass
class Work:
    """What an annotator's review did (to check the bench and the test against)."""

    reviewed: list[int] = field(default_factory=list)
    edits: int = 0
    refused: int = 0  # noise edits the service refused (a shift that would cross another span)


def annotate(path: Path, name: str, *, seed: int, noise: Noise = Noise()) -> Work:
    """Review an annotator's copy as they would in the window: accept every suggestion, stray from it as
    `noise` says, mark reviewed (each document's choices seeded by the seed, the name and the document)."""
    from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
    from annotator.core.errors import ValidationError
    from annotator.service import Project

    work = Work()
    with Project.open(path, user=name) as p:
        types = sorted(p.schema.event_type_keys)
        for doc_id in p.document_ids():
            rng = random.Random(f"{seed}:{name}:{doc_id}")
            if rng.random() < noise.unreviewed:
                continue
            p.edits.accept_all(doc_id)
            doc = p.document(doc_id)
            triggers = [s.id for s in doc.spans if s.kind == SpanKind.TRIGGER and s.state == SpanState.SUGGESTED]
            if triggers:
                p.triggers.accept_many(triggers)
                doc = p.document(doc_id)
            work.edits += 1 + bool(triggers)
            for span in doc.entities():
                r = rng.random()
                try:
                    if r < noise.reject:
                        p.edits.reject([span.id])
                    elif r < noise.reject + noise.relabel:
                        p.edits.relabel(span.id, rng.choice([lab for lab in LABELS if lab != span.label]))
                    elif r < noise.reject + noise.relabel + noise.shift and span.end < len(doc.text):
                        p.edits.resize(span.id, span.start + 1, span.end + 1)
                    else:
                        continue
                    work.edits += 1
                except ValidationError:
                    work.refused += 1
            if rng.random() < noise.extra and doc.tokens:
                covered = {i for s in doc.entities() for i in range(s.start, s.end)}
                free = [t for t in doc.tokens if not covered & set(range(t[0], t[1])) and t[1] - t[0] > 1]
                if free:
                    start, end = rng.choice(free)
                    p.edits.add_span(doc_id, start, end, rng.choice(LABELS))
                    work.edits += 1
            for event in (e for e in doc.events if e.state == SpanState.ACCEPTED):
                r = rng.random()
                if r < noise.drop_event:
                    p.edits.delete_event(event.id)
                elif r < noise.drop_event + noise.retype_event:
                    p.edits.set_event_type(event.id, rng.choice([t for t in types if t != event.type]))
                else:
                    for arg in event.arguments:
                        if rng.random() < noise.drop_argument:
                            p.edits.remove_argument(event.id, arg.role, arg.span_id)
                            work.edits += 1
                    continue
                work.edits += 1
            p.edits.set_status(doc_id, ReviewStatus.REVIEWED)
            work.reviewed.append(doc_id)
    return work


# -- timing -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """One timed command."""

    what: str
    cpu: float       # user + system seconds
    wall: float
    rss_mb: float    # peak resident memory

    def line(self) -> str:
        """Printed."""
        return f"{self.what:<58} CPU {self.cpu:6.2f} s  wall {self.wall:6.2f} s  peak {self.rss_mb:6.0f} MB"


class Timer:
    """Runs commands under /usr/bin/time in the bench's environment; keeps what each cost."""

    def __init__(self, work: Path, *, profile: bool = False) -> None:
        self.work = work
        self.env = cli_env(work)
        self.env["PYTHONPATH"] += os.pathsep + str(Path(__file__).resolve().parent.parent)  # benchmarks too
        self.runs: dict[str, Run] = {}
        self.profile = profile
        (work / "profiles").mkdir(parents=True, exist_ok=True)

    def annotator(self, what: str, *args: str | Path) -> str:
        """Time `annotator ARGS`; its stdout."""
        return self.python(what, "-m", "annotator", *args)

    def python(self, what: str, *args: str | Path) -> str:
        """Time `python ARGS`; its stdout."""
        stamp = self.work / "time.txt"
        head: list[str | Path] = [sys.executable]
        if self.profile and args[:2] == ("-m", "annotator"):
            head += ["-m", "cProfile", "-o", self.work / "profiles" / f"{_slug(what)}.prof"]
        command = ["/usr/bin/time", "-f", "%U %S %M %e", "-o", str(stamp), *map(str, head), *map(str, args)]
        proc = subprocess.run(command, env=self.env, capture_output=True, text=True, cwd=self.work)
        if proc.returncode != 0:
            raise RuntimeError(f"{what}: exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        user, system, rss, wall = stamp.read_text().split()[-4:]
        run = Run(what, float(user) + float(system), float(wall), int(rss) / 1024)
        self.runs[what] = run
        print(run.line(), flush=True)
        return proc.stdout


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)[:60]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- the run ----------------------------------------------------------------------------------------
def pool_file(work: Path, docs: int | None) -> Path:
    """The People's Daily training pool, cut to `docs` articles."""
    if docs is None:
        return POOL
    cut = work / "pool.jsonl"
    with open(POOL, encoding="utf-8") as src, open(cut, "w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= docs:
                break
            out.write(line)
    return cut


def build_and_measure(work: Path, *, docs: int | None, profile: bool) -> dict:
    """Everything in the module docstring; returns the figures."""
    from annotator.service import Project

    t = Timer(work, profile=profile)
    compile_sources(t.env)
    pool = pool_file(work, docs)
    lead = work / "lead.annot"
    t.annotator("new (lead)", "new", lead, "--schema", "cec")
    t.annotator("import pool as suggestions (baseline of assign)", "import", lead, pool, CEC, "--no-prelabel")
    t.annotator("info before assign", "info", lead)
    gold = work / "gold.annot"
    t.annotator("new (gold)", "new", gold, "--schema", "cec")
    t.annotator("import pool as gold", "import", gold, pool, CEC, "--no-prelabel", "--reviewed")
    t.annotator("export gold project (baseline of export)", "export", gold, "-o", work / "gold.jsonl")
    team = work / "team"
    t.annotator("assign 6 annotators, overlap 0.15", "assign", lead, "--annotators", ",".join(NAMES),
                "--overlap", str(OVERLAP), "--seed", "7", "-o", team)
    started = time.process_time()
    works = {name: annotate(team / f"{name}.annot", name, seed=7) for name in NAMES}
    annotating = time.process_time() - started
    print(f"annotators' reviews through the service: {annotating:.0f} CPU-s, "
          + ", ".join(f"{n} {len(w.reviewed)} docs {w.edits} edits ({w.refused} refused)" for n, w in works.items()),
          flush=True)
    sources: dict[str, tuple[Path, list[str]]] = {}
    for name in NAMES:
        export = work / f"{name}.jsonl"
        t.annotator(f"export {name}'s file", "export", team / f"{name}.annot", "-o", export)
        fresh = work / f"fresh_{name}.annot"
        t.annotator(f"new (fresh {name})", "new", fresh, "--schema", "cec")
        t.annotator(f"import {name}'s export (baseline of merge {name})", "import", fresh, export, "--reviewed",
                    "--no-prelabel")
        sources[name] = (export, ["--annotator", name]) if name == NAMES[-1] else (team / f"{name}.annot", [])
    merged_out = {}
    for name in NAMES:
        source, extra = sources[name]
        merged_out[name] = t.annotator(f"merge {name}", "merge", lead, source, *extra, "--quiet").strip()
        print("   ", merged_out[name], flush=True)
    t.python("read both files: every layer decoded (baseline of agreement)", "-m", "benchmarks.bench_team_scale",
             "--read-layers", lead)
    agreement = t.annotator("agreement --labels PER,LOC,ORG", "agreement", lead, "--labels", "PER,LOC,ORG", "--json")
    t.annotator("agreement (text)", "agreement", lead)
    t.annotator("list --status needs-adjudication (baseline of adjudicate)", "list", lead, "--status",
                "needs-adjudication")
    listing = t.annotator("adjudicate (the list)", "adjudicate", lead)
    t.annotator("list (baseline of stats)", "list", lead)
    t.annotator("stats", "stats", lead, "--json")
    t.annotator("stats --annotator ann3", "stats", lead, "--json", "--annotator", "ann3")
    t.annotator("info (team)", "info", lead)
    t.annotator("info of the gold project (baseline of info)", "info", gold)
    t.annotator("export merged project", "export", lead, "-o", work / "merged.jsonl")
    t.annotator("export --annotator ann3", "export", lead, "-o", work / "ann3-layer.jsonl", "--annotator", "ann3")
    disputed = [int(line.split("\t")[0]) for line in listing.splitlines() if line.strip()]
    with Project.open(lead, readonly=True) as p:
        counts = p.status_counts()
    gui = json.loads(t.python("window: open, document, Team tab, adjudication", "-m", "benchmarks.bench_team_scale",
                              "--window", lead, str(disputed[0]), str(disputed[1])).strip().splitlines()[-1])
    return {"load": _load(), "ratios": ratios(t.runs, gui), "annotating_cpu": annotating, "statuses": counts,
            "disputed": len(disputed), "agreement": json.loads(agreement)["overall"],
            "runs": {k: vars(r) for k, r in t.runs.items()}, "window": gui,
            "merges": merged_out, "works": {n: {"reviewed": len(w.reviewed), "edits": w.edits, "refused": w.refused}
                                            for n, w in works.items()}}


# (what, ours, baseline, the most ours may cost as a multiple of the baseline)
TARGETS = (
    ("assign vs import of the same documents", "assign 6 annotators, overlap 0.15",
     "import pool as suggestions (baseline of assign)", 1.0),
    *((f"merge {n} vs import of their export", f"merge {n}", f"import {n}'s export (baseline of merge {n})", 1.5)
      for n in NAMES),
    ("agreement vs reading both files", "agreement --labels PER,LOC,ORG",
     "read both files: every layer decoded (baseline of agreement)", 3.0),
    ("adjudicate (list) vs list --status", "adjudicate (the list)",
     "list --status needs-adjudication (baseline of adjudicate)", 1.5),
    ("stats vs list", "stats", "list (baseline of stats)", 5.0),
    ("stats --annotator vs list", "stats --annotator ann3", "list (baseline of stats)", 5.0),
    ("info vs info of the same documents without a team", "info (team)", "info of the gold project (baseline of info)",
     1.3),
    ("export merged vs export of the same documents as gold", "export merged project",
     "export gold project (baseline of export)", 1.2),
    ("export --annotator ann3 vs export of ann3's file", "export --annotator ann3", "export ann3's file", 1.5),
)
WINDOW_TARGETS = (  # CPU of a window step vs opening a document
    ("Team tab (Statistics view, the window's thread) vs opening a document", "Statistics view, Team tab", 50.0),
    ("Team tab counted (worker) vs opening a document", "Team tab counted", 30.0),
    ("Team tab counted again vs opening a document", "Team tab counted again", 30.0),
    ("adjudication dialog vs opening a document", "adjudication dialog (Ctrl+J)", 2.0),
    ("take an annotator's versions vs opening a document", "take ann's versions (1)", 3.0),
    ("Ctrl+Enter in the dialog vs opening a document", "Ctrl+Enter in the dialog (reviewed)", 3.0),
    ("Ctrl+Enter on the review page vs opening a document", "Ctrl+Enter on the review page (opens the dialog)", 2.0),
)


def ratios(runs: dict[str, Run], window: dict[str, float]) -> list[dict]:
    """Each target's CPU ratio (and peak memory ratio for the CLI), printed."""
    out = []
    for what, ours, base, most in TARGETS:
        a, b = runs[ours], runs[base]
        out.append({"what": what, "cpu": a.cpu / b.cpu, "memory": a.rss_mb / b.rss_mb, "target": most,
                    "met": a.cpu / b.cpu <= most, "ours": a.cpu, "base": b.cpu})
    doc = min(window["open a document (baseline)"], window["open a document again (baseline)"])
    for what, step, most in WINDOW_TARGETS:
        out.append({"what": what, "cpu": window[step] / doc, "memory": None, "target": most,
                    "met": window[step] / doc <= most, "ours": window[step], "base": doc})
    for r in out:
        memory = "" if r["memory"] is None else f", memory {r['memory']:.2f}x"
        print(f"{r['what']:<56} {r['cpu']:6.2f}x ({r['ours']:.3f} vs {r['base']:.3f} CPU-s{memory})  "
              f"target <= {r['target']:g}x  {'MET' if r['met'] else 'NOT MET'}", flush=True)
    return out


def long_document(n: int) -> dict[str, float]:
    """One long article of `n` sentences, its `n` person names and `n` events suggested, merged from two annotators
    who differ on half the names' labels and half the events' types, then adjudicated: CPU seconds of each step (the
    steps that work a version or a span at a time grew with the square of the article before)."""
    from annotator.service import Project

    unit = "张三在北京驾驶汽车。"
    text = unit * n
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="annotator-long-") as work:
        folder = Path(work)

        def record(entities: Sequence[tuple[int, str]], types: Sequence[str]) -> str:
            return json.dumps({"text": text, "entities": [
                {"start": i * len(unit) + a, "end": i * len(unit) + a + 2, "label": lab} for i, (a, lab) in enumerate(entities)],
                "events": [{"type": t, "trigger": {"start": i * len(unit) + 5, "end": i * len(unit) + 7},
                            "arguments": [{"role": "Participant", "start": i * len(unit), "end": i * len(unit) + 2}]}
                           for i, t in enumerate(types)]}, ensure_ascii=False) + "\n"
        suggested = folder / "suggested.jsonl"
        suggested.write_text(record([(0, "PER")] * n, ["action"] * n), encoding="utf-8")
        path = folder / "lead.annot"
        with Project.create(path, schema="cec", user="lead") as p:
            p.importer.import_paths([suggested], prelabel=False)
            for name, label, kind in (("a", "ORG", "movement"), ("b", "LOC", "operation")):
                layer = folder / f"{name}.jsonl"
                layer.write_text(record([(0, "PER" if i % 2 else label) for i in range(n)],
                                        ["action" if i % 2 else kind for i in range(n)]), encoding="utf-8")
                started = time.process_time()
                p.team.merge(layer, annotator=name, fmt="native")
                out[f"merge {name}"] = time.process_time() - started
            (doc,) = p.document_ids(statuses=["needs-adjudication"])
            steps: tuple[tuple[str, Callable[[], object]], ...] = (
                ("adjudication view", lambda: p.adjudication.view(doc)),
                ("accept what they agree on", lambda: p.adjudication.accept_agreed(doc)),
                ("take a's versions", lambda: p.adjudication.take_annotator(doc, "a")),
                ("mark reviewed", lambda: p.adjudication.finish(doc)))
            for name, step in steps:
                started = time.process_time()
                step()
                out[name] = time.process_time() - started
    return out


def read_layers(path: Path) -> None:
    """The agreement's floor: read and decode the layers of the documents two or more annotators sent back, and
    their texts' lengths (plain sqlite3: the same floor whichever version of the store is measured)."""
    import sqlite3

    from annotator.core.layers import Layer

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    layers = [Layer.from_json(name, data) for name, data in conn.execute(
        """SELECT annotator, data FROM layers
           WHERE doc_id IN (SELECT doc_id FROM layers GROUP BY doc_id HAVING count(*) >= 2)""")]
    chars = conn.execute("""SELECT sum(length(text)) FROM documents WHERE id IN
                            (SELECT doc_id FROM layers GROUP BY doc_id HAVING count(*) >= 2)""").fetchone()[0]
    conn.close()
    print(len(layers), chars)


def window(path: Path, disputed: Sequence[int]) -> dict[str, float]:
    """CPU seconds of the window's steps (offscreen): one JSON line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.gui import adjudication, statistics_view
    from annotator.gui.window import MainWindow

    app = QApplication.instance() or QApplication([])
    out: dict[str, float] = {}

    def step(name: str, fn: Callable[[], T], clock: Callable[[], float] = time.process_time) -> T:
        started = clock()
        result = fn()
        app.processEvents()
        out[name] = clock() - started
        return result

    win = MainWindow()
    first, second = disputed[0], disputed[1]
    step("open project", lambda: win.open_project(path, doc_id=1))
    win.show()
    app.processEvents()
    step("open a document (baseline)", lambda: win.page.open_document(2))
    step("open a document again (baseline)", lambda: win.page.open_document(3))

    def team_tab() -> statistics_view.StatisticsView:
        view = statistics_view.show_statistics(win)
        assert view is not None
        view.tabs.setCurrentIndex(3)
        return view

    def counted(view: statistics_view.StatisticsView, before: object = None) -> None:
        """Until the worker's count is shown (the window's thread stays free meanwhile)."""
        while view.stats is before:
            app.processEvents()
            time.sleep(0.005)

    # The view opens at once and counts in a worker thread: the window's own thread time is what a reviewer waits.
    view = step("Statistics view, Team tab", team_tab, time.thread_time)
    step("Team tab counted", lambda: counted(view))
    shown = view.stats
    view.recount()
    step("Team tab counted again", lambda: counted(view, shown))
    view.close()
    app.processEvents()
    step("open the disputed document", lambda: win.page.open_document(first))
    for _ in range(20):  # the dialog it offers opens on a zero timer
        app.processEvents()
    shown = getattr(win, "adjudication_dialog", None)
    if shown is not None:
        shown.reject()
        app.processEvents()
    dialog = step("adjudication dialog (Ctrl+J)", lambda: adjudication.open_adjudication(win, first))
    assert dialog is not None and dialog.doc_id == first
    step("take ann's versions (1)", lambda: QTest.keyClick(dialog.versions, Qt.Key.Key_1))
    step("Ctrl+Enter in the dialog (reviewed)",
         lambda: QTest.keyClick(dialog.versions, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    dialog.close()
    app.processEvents()
    win.page.open_document(second)
    for _ in range(20):
        app.processEvents()
    shown = getattr(win, "adjudication_dialog", None)
    if shown is not None:
        shown.reject()
        app.processEvents()
    win.page.view.setFocus()
    step("Ctrl+Enter on the review page (opens the dialog)",
         lambda: QTest.keyClick(win.page.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    for _ in range(20):
        app.processEvents()
    out["reviewed after Ctrl+Enter"] = float(win.session.project.document_rows([first])[first]["status"] == "reviewed")
    out["peak_mb"] = _peak_mb()
    win.close()
    return out


def _peak_mb() -> float:
    from benchmarks.bench_common import max_rss_mb

    return max_rss_mb()


def main() -> None:
    """Entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, help="cut the pool to N articles")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--profile", action="store_true", help="cProfile every timed command")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--long", type=int, nargs="+", metavar="N",
                        help="instead: merge and adjudicate one article of N sentences, names and events (each N)")
    parser.add_argument("--read-layers", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--window", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_layers:
        read_layers(args.read_layers)
        return
    if args.window:
        print(json.dumps(window(Path(args.window[0]), [int(args.window[1]), int(args.window[2])])))
        return
    if args.long:
        for n in args.long:
            print(f"{n:>6} names and events: " + ", ".join(f"{k} {v:.3f}" for k, v in long_document(n).items())
                  + f" CPU-s (load {_load()})", flush=True)
        return
    if not bench_data.available() or not CEC.exists():
        sys.exit("no shared data (set ANNOTATOR_SHARED_DATA)")
    print(f"load average {_load()}", flush=True)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=False)
        result = build_and_measure(args.keep, docs=args.docs, profile=args.profile)
    else:
        with tempfile.TemporaryDirectory(prefix="annotator-team-") as work:
            result = build_and_measure(Path(work), docs=args.docs, profile=args.profile)
    print(f"load average {_load()}")
    print(json.dumps({k: v for k, v in result.items() if k not in ("runs", "ratios", "window", "merges")},
                     ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
