"""Row 16 (issue 17): reviewing the most informative document first vs file order, as a learning curve on
People's Daily: dev F1 of the model learned from the first 50, 100, 200 reviewed articles, 3 seeds.

    [INFORMATIVE_ROUND=5|10|0] [INFORMATIVE_COLD_SIZE=10|50] [INFORMATIVE_COLD=file|diverse] \
        .venv/bin/python -m benchmarks.bench_informative [--quick] [--json OUT]

File order is the order of a shuffled pool of train_pool articles (shuffled by the seed). Informative order
is what the window's next document does (core/informative.py, service/review_order.py): the articles the
model in use is least sure of (uncertainty summed over the characters, each distinct uncertain stretch once),
with diversity, on the window's schedule by default: a first model once MIN_REVIEWED (10) articles are
reviewed, then a new one after every `retrain_every` (DEFAULT_RETRAIN_EVERY, 5) newly reviewed, each ranking
the articles still to do once (the window keeps a model's ranking while the reviewer works through it).
INFORMATIVE_ROUND sets the articles between two re-rankings (0: only at the curve's sizes) and
INFORMATIVE_COLD_SIZE the cold start (INFORMATIVE_ROUND=0 INFORMATIVE_COLD_SIZE=50 is how the figures before
2026-12-04 23:00 were measured). Every model is scored alone (the model engine) on the 300 dev articles, read
as raw text. Unlike the window, the benchmark learns from every reviewed article (the window holds every 5th
out for its gate) and uses each model it learns (the window only one the gate finds clearly better).

- From scratch (`annotator train --from-scratch`: crfsuite on the reviewed articles, reading LAC): a pool of
  POOL train_pool articles. With no model of its own yet, the first articles are those of file order (a cold
  start: the window ranks by the starter then, but the starter saw most of train_pool, so its uncertainty
  there would measure what it remembers), or with INFORMATIVE_COLD=diverse those that cover the most
  distinct character bigrams (`covering`).
- On top of the starter: the model `annotator train` keeps (`kept_on_starter`: the starter fine-tuned and
  stacked on, the better on the held-out fifth, in use when the gate finds it clearly better than the model in
  use). The pool is the FRESH articles the starter never saw (train_pool lines 1-200), ranked first by the
  starter (so informative order picks the same articles whatever the seed: one curve); at 200 both orders have
  reviewed the whole pool.

Target: from scratch, informative order reaches file order's 200-article F1 with at most 100 articles.
Results: benchmarks/RESULTS-informative.md.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.core import informative
from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanState
from annotator.core.prelabel import CORE_LABELS, DocInput, PrelabelDoc, build_prelabeler, train
from annotator.core.prelabel.features.word_analysis import analyze, jieba_words
from annotator.core.prelabel.learning.evaluate import gold_of, score_spans
from annotator.core.schema import load_schema
from annotator.core.text import tokens_from_strings
from annotator.service.training import DEFAULT_RETRAIN_EVERY, MIN_REVIEWED, TrainingPlan, fit, split_held_out
from benchmarks import bench_data
from benchmarks.bench_common import Row, module_main

SIZES = (50, 100, 200)
SEEDS = (0, 1, 2)
POOL = 600  # from scratch: the shuffled train_pool articles the reviewer could be given
FRESH = 200  # train_pool's first articles, which the starter never saw (tools/models/train_starter.py)
WORKERS = 2  # processes: the machine's two cores
BATCH = 64  # dev articles decoded at a time, as the project does
SCRATCH, STARTER_BASE = "scratch", "starter"
FILE, INFORMATIVE = "file", "informative"
DIVERSE = "diverse"  # a cold start chosen to cover the most distinct character bigrams (`covering`)
# The window's schedule (service/training.py): it learns a first model once MIN_REVIEWED (10) documents are
# reviewed, then again after every `retrain_every` (DEFAULT_RETRAIN_EVERY, 5) newly reviewed ones; each new
# model re-ranks the documents still to do. ROUND: articles reviewed between two re-rankings
# (INFORMATIVE_ROUND=0: only at the curve's sizes, as the figures before 2026-12-04 23:00 were measured);
# COLD_SIZE: articles in the from-scratch cold start, reviewed before any model ranks
# (INFORMATIVE_COLD_SIZE=50: the curve's first size, as those figures).
ROUND = DEFAULT_RETRAIN_EVERY
COLD_SIZE: int | None = MIN_REVIEWED


@dataclass(frozen=True)
class Point:
    """One model of the curve: how it learned, from how many articles (and characters), its dev F1."""

    setting: str
    order: str
    seed: int
    size: int
    characters: int
    f1: float
    kept: str = ""  # on top of the starter: the gate's verdict (the method tried, held-out F1 before -> after)


def documents(path: Path, *, limit: int | None = None) -> list[AnnotatedDocument]:
    """A pd98 JSONL file's articles as reviewed documents (gold entities accepted, gold tokens kept)."""
    return [AnnotatedDocument(title=g.title, text=g.text, tokens=tokens_from_strings(g.text, g.tokens), name=g.id,
                              status=ReviewStatus.REVIEWED,
                              spans=tuple(EntitySpan(id=i + 1, start=s, end=e, label=lab, origin="import",
                                                     state=SpanState.ACCEPTED)
                                          for i, (s, e, lab) in enumerate(g.entities)))
            for g in bench_data.gold(path, limit=limit)]


def as_imported(docs: Sequence[AnnotatedDocument]) -> list[PrelabelDoc]:
    """What the pre-highlighter sees of raw articles once imported: jieba's words, analysed once."""
    out = []
    for d in docs:
        words = jieba_words(d.text)
        out.append(PrelabelDoc(d.text, tokens=words, analysis=analyze(d.text, words)))
    return out


def learn(docs: Sequence[AnnotatedDocument], setting: str, current: bytes | None = None) -> bytes | None:
    """The model in use once `annotator train` learned from these reviewed articles in this setting (`current`:
    the model in use before; None: the starter)."""
    if setting == SCRATCH:
        return train(docs, labels=CORE_LABELS)
    return kept_on_starter(docs, current)[0]


def kept_on_starter(docs: Sequence[AnnotatedDocument], current: bytes | None = None) -> tuple[bytes | None, str]:
    """(the model in use, the gate's verdict) after `annotator train` on top of the starter from these reviewed
    articles, reviewed in this order: every 5th held out (service/training.py `split_held_out`, the review
    position standing for the id), the starter fine-tuned and stacked on (which reads LAC) from the others, the
    better on the held-out articles kept when it scores clearly higher there than `current` (None: the starter),
    as `fit` does; the project's gazetteer is the learned articles' entities."""
    learn_ids, held = split_held_out(range(1, len(docs) + 1))
    studied = tuple(docs[i - 1] for i in learn_ids)
    gazetteer = tuple(sorted({(d.text[s.start:s.end], s.label) for d in studied for s in d.spans}))
    result = fit(TrainingPlan(learn=studied, held_out=tuple(docs[i - 1] for i in held), reviewed=len(docs),
                              current=current, current_id=None, from_scratch=False, gazetteer=gazetteer,
                              schema=load_schema(), source="bench_informative"))
    gate = (f"{result.method} {result.f1_old} -> {result.f1_new} on {result.held_out} held out, higher in "
            f"{result.confidence:.0%}" if result.confidence is not None else f"{result.method}, not scored")
    if not result.kept:
        return current, f"{'starter' if current is None else 'the model in use'} kept: {gate}"
    return result.model, gate


def dev_f1(model: bytes | None, dev: Sequence[AnnotatedDocument], seen: Sequence[PrelabelDoc]) -> float:
    """Micro-F1 (exact spans, PER/LOC/ORG) of the model alone on the dev articles as imported (`seen`)."""
    pre = build_prelabeler(load_schema(), model=model, engines=["model"])
    found: list[list[EntitySpan]] = []
    for i in range(0, len(seen), BATCH):
        found += pre.suggest_many([DocInput(d) for d in seen[i:i + BATCH]])
    pairs = ((gold_of(d), [(s.start, s.end, s.label) for s in spans]) for d, spans in zip(dev, found, strict=True))
    return round(score_spans(pairs, labels=CORE_LABELS).micro.f1, 4)


def most_informative(model: bytes | None, remaining: Sequence[tuple[AnnotatedDocument, PrelabelDoc]],
                     n: int) -> list[tuple[AnnotatedDocument, PrelabelDoc]]:
    """The n articles the window would open next under `model` (None: the starter)."""
    pre = build_prelabeler(load_schema(), model=model, engines=["model"])
    found = informative.document_uncertainties(pre, [seen for _, seen in remaining])
    order = informative.rank(dict(enumerate(found)), lambda ids: {i: remaining[i][0].text for i in ids})
    return [remaining[i] for i in order[:n]]


def covering(texts: Sequence[str], n: int) -> list[int]:
    """The indices of n texts chosen greedily to cover the most character bigrams not yet covered (whitespace
    left out; ties to the lower index): a cold start chosen for diversity, with no model to rank by."""
    grams = [{a + b for a, b in zip(t, t[1:], strict=False)} for t in ("".join(x.split()) for x in texts)]
    seen: set[str] = set()
    chosen: list[int] = []
    left = set(range(len(texts)))
    for _ in range(min(n, len(texts))):
        pick = min(left, key=lambda i: (-len(grams[i] - seen), i))
        chosen.append(pick)
        left.discard(pick)
        seen |= grams[pick]
    return chosen


@dataclass(frozen=True)
class Job:
    """One order's curve for one setting and seed: a process of its own."""

    setting: str
    order: str
    seed: int
    sizes: tuple[int, ...]
    pool_size: int
    round_size: int | None = None  # articles reviewed between re-rankings (None: re-rank only at `sizes`)
    cold: str = FILE  # the from-scratch cold start: file order's first articles, or DIVERSE
    cold_size: int | None = None  # articles in the cold start (None: the first of `sizes`)


def curve(job: Job) -> list[Point]:
    """The job's points: for file order the first n of the pool, for informative order the chain of rounds."""
    started = time.perf_counter()
    articles = documents(bench_data.TRAIN_POOL, limit=None if job.setting == SCRATCH else FRESH)
    random.Random(job.seed).shuffle(articles)
    pool = articles[:job.pool_size]
    dev = documents(bench_data.DEV)
    dev_seen = as_imported(dev)
    points: list[Point] = []

    def point(docs: Sequence[AnnotatedDocument], current: bytes | None = None) -> bytes | None:
        t0 = time.perf_counter()
        if job.setting == SCRATCH:
            model, kept = learn(docs, job.setting), ""
        else:
            model, kept = kept_on_starter(docs, current)
        f1 = dev_f1(model, dev, dev_seen)
        points.append(Point(job.setting, job.order, job.seed, len(docs), sum(len(d.text) for d in docs), f1, kept))
        print(f"{job.setting} {job.order:<11} seed {job.seed} {len(docs):>4} articles "
              f"({points[-1].characters:,} characters): F1 {f1:.4f}{f' ({kept})' if kept else ''} "
              f"({time.perf_counter() - t0:.0f} s, load {os.getloadavg()[0]:.1f})", flush=True)
        return model

    if job.order == FILE:
        for n in job.sizes:
            point(pool[:n])
        return points
    candidates = list(zip(pool, as_imported(pool), strict=True))
    chosen: list[tuple[AnnotatedDocument, PrelabelDoc]] = []
    model: bytes | None = None  # the starter ranks first
    if job.setting == SCRATCH:  # a cold start: no model of its own to rank with yet
        cold_size = job.cold_size or job.sizes[0]
        first = covering([d.text for d in pool], cold_size) if job.cold == DIVERSE else range(cold_size)
        chosen = [candidates[i] for i in first]
        model = point([d for d, _ in chosen])
    for n in job.sizes:
        while len(chosen) < n:  # a round of `round_size` articles, then the model is learned again
            step = min(n, len(chosen) + job.round_size) if job.round_size else n
            taken = {id(d) for d, _ in chosen}
            chosen += most_informative(model, [c for c in candidates if id(c[0]) not in taken], step - len(chosen))
            docs = [d for d, _ in chosen]
            model = point(docs, model) if len(chosen) == n else learn(docs, job.setting, model)
    print(f"{job.setting} {job.order} seed {job.seed}: {time.perf_counter() - started:.0f} s", flush=True)
    return points


def jobs(*, sizes: Sequence[int], seeds: Sequence[int], pool_size: int, round_size: int | None = ROUND,
         cold: str = FILE, cold_size: int | None = COLD_SIZE) -> list[Job]:
    """From scratch first (the target), both orders of each seed; then on top of the starter."""
    out = [Job(SCRATCH, order, seed, tuple(sizes), pool_size, round_size, cold, cold_size)
           for seed in seeds for order in (INFORMATIVE, FILE)]
    fresh = tuple(n for n in sizes if n < FRESH)  # at FRESH both orders have reviewed the whole pool
    # On top of the starter the pool is the same FRESH articles for every seed (the seed only shuffles file
    # order) and the starter ranks them: informative order chooses the same articles whatever the seed.
    out += [Job(STARTER_BASE, INFORMATIVE, seeds[0], fresh, FRESH, round_size)]
    out += [Job(STARTER_BASE, FILE, seed, fresh, FRESH) for seed in seeds]
    if any(n >= FRESH for n in sizes):
        out.append(Job(STARTER_BASE, FILE, seeds[0], (FRESH,), FRESH))
    return out


def mean_f1(points: Sequence[Point], setting: str, order: str, size: int) -> float:
    """The mean F1 over seeds at one size."""
    return statistics.mean(p.f1 for p in points if (p.setting, p.order, p.size) == (setting, order, size))


def chars(points: Sequence[Point], order: str, size: int) -> float:
    """The mean characters reviewed from scratch at one size."""
    return statistics.mean(p.characters for p in points if (p.setting, p.order, p.size) == (SCRATCH, order, size))


def table(points: Sequence[Point], sizes: Sequence[int]) -> list[str]:
    """A markdown table: mean dev F1 (and the seeds' range) and mean characters per setting, order and size."""
    lines = ["| setting | order | " + " | ".join(f"{n} articles" for n in sizes) + " |",
             "|---|---|" + "---|" * len(sizes)]
    for setting in (SCRATCH, STARTER_BASE):
        for order in (FILE, INFORMATIVE):
            cells = []
            for n in sizes:
                got = [p for p in points if (p.setting, p.order, p.size) == (setting, order, n)]
                if not got:
                    cells.append("-")
                    continue
                f1s = [p.f1 for p in got]
                chars = statistics.mean(p.characters for p in got)
                cells.append(f"{statistics.mean(f1s):.4f} ({min(f1s):.4f}-{max(f1s):.4f}; {chars / 1000:.0f}k chars)")
            if any(c != "-" for c in cells):
                lines.append(f"| {setting} | {order} | " + " | ".join(cells) + " |")
    return lines


def measure(*, sizes: Sequence[int], seeds: Sequence[int], pool_size: int, round_size: int | None = ROUND,
            cold: str = FILE, cold_size: int | None = COLD_SIZE, workers: int = WORKERS) -> tuple[list[Point], dict[str, float]]:
    """Every point of both settings (the jobs in `workers` processes), the starter's dev F1, the seconds."""
    started = time.perf_counter()
    points: list[Point] = []
    with ProcessPoolExecutor(workers) as pool:
        for found in pool.map(curve, jobs(sizes=sizes, seeds=seeds, pool_size=pool_size, round_size=round_size,
                                                 cold=cold, cold_size=cold_size)):
            points += found
    dev = documents(bench_data.DEV)
    starter = dev_f1(None, dev, as_imported(dev))
    return points, {"starter": starter, "seconds": time.perf_counter() - started}


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Row 16."""
    what = "informative order: articles to reach file order's 200-article F1 (from scratch)"
    if not bench_data.available():
        yield Row("16", what, "-", "<= 100", None, "no shared data")
        return
    sizes, seeds = ((25, 50, 100), (0,)) if quick else (SIZES, SEEDS)
    load = os.getloadavg()[0]
    every = os.environ.get("INFORMATIVE_ROUND", str(ROUND))
    round_size = int(every) if every.isdigit() and int(every) > 0 else None
    cold = os.environ.get("INFORMATIVE_COLD", FILE)
    size = os.environ.get("INFORMATIVE_COLD_SIZE", str(COLD_SIZE or 0))
    cold_size = int(size) if size.isdigit() and int(size) > 0 else None
    points, extra = measure(sizes=sizes, seeds=seeds, pool_size=POOL // 2 if quick else POOL,
                            round_size=round_size, cold=cold, cold_size=cold_size)
    # At FRESH articles on top of the starter both orders have reviewed the whole pool: one model for both.
    points += [replace(p, order=INFORMATIVE) for p in points if (p.setting, p.order, p.size) == (STARTER_BASE, FILE, FRESH)]
    goal = mean_f1(points, SCRATCH, FILE, sizes[-1])
    reached = next((n for n in sizes if mean_f1(points, SCRATCH, INFORMATIVE, n) >= goal), None)
    half = sizes[-2]
    note = (f"mean of {len(seeds)} seed(s); from scratch, file order {goal:.4f} at {sizes[-1]}, informative "
            + ", ".join(f"{mean_f1(points, SCRATCH, INFORMATIVE, n):.4f} at {n}" for n in sizes)
            + f" (characters reviewed: {chars(points, INFORMATIVE, half):,.0f} at {half} vs file order's "
            f"{chars(points, FILE, sizes[-1]):,.0f} at {sizes[-1]})"
            + f"; re-ranked every {round_size or 'size'} articles, cold start {cold} "
            f"({cold_size or sizes[0]} articles)"
            + f"; starter alone {extra['starter']:.4f}; {extra['seconds'] / 60:.1f} min, load {load:.1f} -> "
            f"{os.getloadavg()[0]:.1f}")
    print("\n".join(table(points, sizes)), flush=True)
    yield Row("16", what, f"{reached} articles" if reached else f"not within {sizes[-1]}", f"<= {half}",
              reached is not None and reached <= half, note,
              {f"{p.setting}-{p.order}-{p.seed}-{p.size}": p.f1 for p in points})


if __name__ == "__main__":
    module_main(rows, __doc__)
