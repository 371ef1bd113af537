"""Rows 7-10: a 100k-document project (≈200 MB of text) opened in the review window, stepping to the
next article, exported to native JSONL against a bare scan, and the file size per article.

    .venv/bin/python -m benchmarks.bench_project [--quick]

The project holds the shared People's Daily articles repeated to 100,000 documents (quick: 10,000), each
made unique by a numbered last line, with their gold tokens and entities: four in five still to review
(a fifth of their entities left as suggestions), one in five reviewed. Opening and stepping are timed
in a fresh process through the real window (offscreen), which also reports its peak memory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanState
from annotator.core.text import tokens_from_strings
from annotator.service import Project
from benchmarks import bench_data
from benchmarks.bench_common import Row, bare_scan, limit_row, max_rss_mb, module_main, ratio_row, timed

BATCH = 2000


def build(path: Path, count: int) -> tuple[float, int]:
    """The big project; (seconds, bytes of UTF-8 text)."""
    articles = bench_data.all_gold()
    text_bytes = 0
    started = time.perf_counter()
    with Project.create(path, schema="news-zh", user="bench") as project:
        batch: list[AnnotatedDocument] = []
        for n, article in bench_data.copies(articles, count):
            reviewed = n % 5 == 4
            doc = bench_data.document(article, n, status=ReviewStatus.REVIEWED if reviewed else ReviewStatus.NEW,
                                      suggested=0.0 if reviewed else 0.2)
            if not reviewed and any(s.state == SpanState.SUGGESTED for s in doc.spans):
                doc = replace(doc, status=ReviewStatus.PRE_ANNOTATED)
            text_bytes += len(doc.text.encode("utf-8"))
            batch.append(doc)
            if len(batch) == BATCH:
                project.importer.add_documents(batch, prelabel=False)
                batch = []
        if batch:
            project.importer.add_documents(batch, prelabel=False)
    return time.perf_counter() - started, text_bytes


# -- rows 7 and 8: in a fresh process -------------------------------------------------------------------
def open_in_window(path: Path, steps: int) -> dict[str, float]:
    """(child process) Open the project in the window, time it, step through next articles."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app import application
    from annotator.gui.window import MainWindow

    app = application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    # Ctrl+Enter on a document with open suggestions asks what to do with them: answered once, for good,
    # as a reviewer who ticks "remember" would (the row then includes accepting the document's rest).
    from annotator.gui.finish_dialog import FinishChoice, remember

    remember(FinishChoice.ACCEPT)
    window = MainWindow(ask_reviewer=False)
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    ready = time.perf_counter()

    def open_project() -> None:
        window.open_project(path)
        window.page.view.viewport().repaint()
        app.processEvents()

    seconds = timed(open_project)
    opened_rss = max_rss_mb()
    first = window.page.state.doc_id if window.page.state else None
    nexts, marks = [], []
    for _ in range(steps):
        nexts.append(timed(lambda: (window.actions_.next_unreviewed(), window.page.view.viewport().repaint(),
                                    QApplication.processEvents())))
    for _ in range(steps):
        marks.append(timed(lambda: (window.actions_.mark_reviewed(), window.page.view.viewport().repaint(),
                                    QApplication.processEvents())))
    window.close()
    return {"open": seconds, "first_doc": first or 0, "startup": ready - started,
            "next": statistics.median(nexts), "next_max": max(nexts), "mark_next": statistics.median(marks),
            "rss_mb": opened_rss, "rss_end_mb": max_rss_mb()}


def child_measure(path: Path, steps: int) -> dict[str, float]:
    """Run `open_in_window` in a fresh interpreter (honest memory and cold caches of this process)."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_project", "--child-open", str(path), str(steps)],
                         capture_output=True, text=True, timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if out.returncode != 0:
        raise RuntimeError(f"the window process failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- row 9: export against a bare scan ------------------------------------------------------------------
def export_row(path: Path, work: Path, *, runs: int, count: int) -> Row:
    """Row 9: native export of every document against the bare scan, alternately."""
    ours, bare = [], []
    with Project.open(path, readonly=True) as project:
        for _ in range(runs):
            ours.append(timed(lambda: project.exporter.export(work / "export.jsonl", statuses=["all"])))
            bare.append(timed(lambda: bare_scan(path, work / "bare.jsonl")))
    size = (work / "export.jsonl").stat().st_size
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    note = f"{count:,} docs: export {ours_s:.1f} s ({size / 1e6:.0f} MB), bare scan {bare_s:.1f} s, median of {runs}"
    return ratio_row("9", "exporting it to native JSONL vs bare SQLite scan + json.dumps", ours=count / ours_s,
                     base=count / bare_s, need=0.5, unit="docs/s", note=note,
                     details={"export_s": ours_s, "bare_s": bare_s})


# -- row 10: file size ----------------------------------------------------------------------------------
def article_2000(articles: list[bench_data.Gold], n: int) -> AnnotatedDocument:
    """A 2,000-character article with 50 accepted entities: shared articles joined and cut at a token end,
    their gold entities kept and further tokens labelled until there are 50."""
    text, words, entities, k = "", [], [], n
    while len(text) < 2000:
        article = articles[k % len(articles)]
        base = len(text) + 1 if text else 0
        text = f"{text}\n{article.text}" if text else article.text
        words.extend(article.tokens)
        entities.extend((s + base, e + base, lab) for s, e, lab in article.entities)
        k += 7
    tokens = tokens_from_strings(text, words)
    cut = max(e for _, e in tokens if e <= 2000)
    tail = bench_data.suffix(n)
    text = text[:cut] + tail
    tokens = (*(t for t in tokens if t[1] <= cut), (cut + 1, cut + len(tail)))
    spans = [(s, e, lab) for s, e, lab in entities if e <= cut][:50]
    for s, e in tokens[::5]:
        if len(spans) >= 50:
            break
        if all(e <= a or s >= b for a, b, _ in spans):
            spans.append((s, e, "MISC"))
    return AnnotatedDocument(title=text.split("\n")[0], text=text, tokens=tokens, name=f"a{n}",
                             spans=tuple(EntitySpan(i + 1, s, e, lab, origin="manual", state=SpanState.ACCEPTED)
                                         for i, (s, e, lab) in enumerate(sorted(spans))))


def size_row(work: Path, count: int) -> Row:
    """Row 10: project file bytes per article against the article's UTF-8 text."""
    articles = bench_data.all_gold()
    docs = [article_2000(articles, n) for n in range(count)]
    path = work / "size.annot"
    with Project.create(path, schema="news-zh", user="bench") as project:
        for i in range(0, count, 500):
            project.importer.add_documents(docs[i:i + 500], reviewed=True, prelabel=False)
    text = sum(len(d.text.encode("utf-8")) for d in docs)
    ratio = path.stat().st_size / text
    chars = statistics.mean(len(d.text) for d in docs)
    ents = statistics.mean(len(d.spans) for d in docs)
    note = (f"{count} articles of {chars:,.0f} chars with {ents:.0f} entities: {path.stat().st_size / count:,.0f} "
            f"bytes each in the file vs {text / count:,.0f} of text")
    return limit_row("10", "project file size per 2,000-char article with 50 entities", value=ratio, limit=2.5,
                     unit="x text", note=note, details={"ratio": ratio})


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Rows 7-10."""
    if not bench_data.available():
        yield Row("7", "a 100k-document project", "-", "<= 1 s", None, "no shared data")
        return
    count = 10_000 if quick else 100_000
    path = work / "big.annot"
    seconds, text_bytes = build(path, count)
    size = f"{count:,} docs, {text_bytes / 1e6:.0f} MB of text, {path.stat().st_size / 1e6:.0f} MB file, built in {seconds:.0f} s"
    m = child_measure(path, steps=10 if quick else 20)
    yield limit_row("7a", "100k-document project: open to first article shown", value=m["open"], limit=1.0,
                    note=f"{size}; window start-up before it {m['startup']:.2f} s", details=m)
    yield limit_row("7b", "... peak memory (RSS) of that process once it is shown", value=m["rss_mb"], limit=300,
                    unit="MB", note=f"whole GUI process; {m['rss_end_mb']:.0f} MB after the next-article steps",
                    details={"rss_mb": m["rss_mb"], "rss_end_mb": m["rss_end_mb"]})
    yield limit_row("8", "next article in that project", value=m["next"], limit=0.050, unit="ms",
                    note=f"median; slowest {m['next_max'] * 1000:.0f} ms; mark reviewed + next "
                         f"{m['mark_next'] * 1000:.0f} ms", details=m)
    yield export_row(path, work, runs=3 if quick else 2, count=count)
    path.unlink()
    yield size_row(work, 200 if quick else 1000)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child-open":
        print(json.dumps(open_in_window(Path(sys.argv[2]), int(sys.argv[3]))))
    else:
        module_main(rows, __doc__)
