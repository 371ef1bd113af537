"""Row 12: `annotator stats` on a 100k-document project (issue 15: at most 2 s).

    .venv/bin/python -m benchmarks.bench_stats [--quick]

The project holds the shared People's Daily articles repeated to 100,000 documents (quick: 10,000) with
their gold tokens and entities, as bench_project builds it, except that a reviewed document's entities
are the pre-highlighter's decided suggestions (origin `model`: nine in ten accepted, one in ten a
reviewer's own) beside one rejected suggestion, and a reviewer then relabels and resizes suggestions
in 2,000 of them (quick: 200) through the service, so the change log has span edits to read. Timed:
opening the project read-only and computing every statistic (median of 3), the command itself in a
fresh process (`stats --json`, interpreter start included), and, for scale, a bare grouped scan of the
spans table alone.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanState
from annotator.service import Project
from benchmarks import bench_data
from benchmarks.bench_common import Row, limit_row, module_main, timed

BATCH = 2000
HERE = Path(__file__).resolve().parent


def reviewed_document(article: bench_data.Gold, n: int) -> AnnotatedDocument:
    """A reviewed copy whose entities were suggested by the model (a tenth added by the reviewer) and
    one suggestion that was rejected."""
    doc = bench_data.document(article, n)
    rng = random.Random(n)
    spans = [replace(s, origin="model" if rng.random() < 0.9 else "manual", state=SpanState.ACCEPTED)
             for s in doc.spans]
    if doc.spans:
        first = doc.spans[0]
        spans.append(EntitySpan(len(spans) + 1, first.start, first.end, "MISC", origin="rules",
                                state=SpanState.REJECTED))
    return replace(doc, spans=tuple(spans))


def build(path: Path, count: int, edits: int) -> tuple[float, int]:
    """The project; (seconds to build, spans stored)."""
    articles = bench_data.all_gold()
    started = time.perf_counter()
    with Project.create(path, schema="news-zh", user="bench") as project:
        batch: list[AnnotatedDocument] = []
        for n, article in bench_data.copies(articles, count):
            if n % 5 == 4:
                doc = reviewed_document(article, n)
            else:
                doc = bench_data.document(article, n, status=ReviewStatus.NEW, suggested=0.2)
                if any(s.state == SpanState.SUGGESTED for s in doc.spans):
                    doc = replace(doc, status=ReviewStatus.PRE_ANNOTATED)
            batch.append(doc)
            if len(batch) == BATCH:
                project.importer.add_documents(batch, prelabel=False)
                batch = []
        if batch:
            project.importer.add_documents(batch, prelabel=False)
        _review_edits(project, edits)
        spans = project.store.db.execute("SELECT count(*) FROM spans").fetchone()[0]
    return time.perf_counter() - started, spans


def _review_edits(project: Project, edits: int) -> None:
    """Relabel (and every third time resize) one model suggestion in `edits` reviewed documents."""
    ids = project.document_ids(statuses=["reviewed"])[:edits]
    for doc_id in ids:
        doc = project.document(doc_id)
        span = next((s for s in doc.spans if s.origin == "model" and s.state == SpanState.ACCEPTED), None)
        if span is None:
            continue
        project.edits.relabel(span.id, "ORG" if span.label != "ORG" else "LOC")
        if doc_id % 3 == 0 and span.end - span.start > 1:
            project.edits.resize(span.id, span.start, span.end - 1)


def compute(path: Path) -> dict:
    """Open read-only and compute every statistic, as `annotator stats` does."""
    with Project.open(path, readonly=True) as project:
        return project.statistics.compute().to_dict()


def grouped_scan(path: Path) -> None:
    """The floor: one grouped pass over the spans table, nothing else."""
    with Project.open(path, readonly=True) as project:
        project.store.db.execute("SELECT kind, label, origin, state, count(*) FROM spans GROUP BY 1, 2, 3, 4").fetchall()


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Row 13."""
    if not bench_data.available():
        yield Row("13", "`stats` on a 100k-document project", "-", "<= 2 s", None, "no shared data")
        return
    count = 10_000 if quick else 100_000
    path = work / "stats.annot"
    built, spans = build(path, count, 200 if quick else 2000)
    result = compute(path)  # warm the file cache as a second run of the command would find it
    seconds = statistics.median(timed(lambda: compute(path)) for _ in range(3))
    scan = statistics.median(timed(lambda: grouped_scan(path)) for _ in range(3))
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "annotator", "stats", str(path), "--json"], cwd=HERE.parent,
                          capture_output=True, text=True, check=True)
    command = time.perf_counter() - started
    assert json.loads(proc.stdout)["documents"] == result["documents"]
    model = result["suggestions"]["per_engine"].get("model", {})
    yield limit_row("13", "`annotator stats` on a 100k-document project", value=seconds, limit=2.0,
                    note=f"{count:,} docs, {spans:,} spans, {path.stat().st_size / 1e6:.0f} MB, built in {built:.0f} s; "
                         f"open + compute, median of 3; the command in a fresh process {command:.2f} s; "
                         f"bare grouped scan of the spans {scan:.2f} s; model precision {model.get('precision', 0):.3f}",
                    details={"compute": seconds, "command": command, "scan": scan})
    path.unlink()


if __name__ == "__main__":
    module_main(rows, __doc__)
