"""Issue 17's informative order: four variants of how an article is scored, screened against the committed
one (core/informative.py) from scratch, as the window starts (file order's first 10 articles, then rounds of
10 ranked by the model learned so far); results in benchmarks/RESULTS-informative.md ("Four more variants").

    ANNOTATOR_SHARED_DATA=../shared/data .venv/bin/python -m research.informative_variants VARIANT \
        [--seed 0] [--sizes 100]

VARIANT: `committed`; `known` (an uncertain stretch whose text is already in a reviewed article counts 0);
`reviewed` (the ranking's diversity counts resemblance to the reviewed articles too); `length` (the
committed sum divided by log(length + e)); `entities` (the expected number of entity-span errors: per span
the model tags, 1 - the smallest marginal of its tags; per run of untagged characters whose marginal of "O"
is under 0.9, the probability that an entity starts in it; each distinct text once). None met the target;
the variants live here only, over the benchmark's own chain (`curve`).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from annotator.core import informative
from annotator.core.prelabel.base import Prepared
from annotator.core.prelabel.engines.model import ModelEngine
from annotator.core.prelabel.features.templates import _tag_arrays, spans_from_tags
from annotator.core.prelabel.models import crf
from benchmarks import bench_data, bench_informative
from benchmarks.bench_informative import INFORMATIVE, SCRATCH, Job, curve

VARIANTS = ("committed", "known", "reviewed", "length", "entities")
COMMITTED_UNCERTAINTY = informative.uncertainty
COMMITTED_RANK = informative.rank


def reviewed_of(seed: int, pool_size: int) -> Callable[[Sequence[object]], list[str]]:
    """The texts of the pool's articles not among `remaining` (the chain's reviewed ones), by article name."""
    articles = bench_informative.documents(bench_data.TRAIN_POOL)
    random.Random(seed).shuffle(articles)
    pool = articles[:pool_size]
    return lambda remaining: [d.text for d in pool if d.name not in {r[0].name for r in remaining}]  # type: ignore[index]


def posteriors(em: np.ndarray, seqs: Sequence[tuple[int, int]], trans: np.ndarray) -> np.ndarray:
    """Every tag's marginal at every character (n, tags), as crf.tag_marginals computes them."""
    n, tags = em.shape
    out = np.zeros((n, tags), dtype=np.float32)
    out[:, 0] = 1.0
    em = em.astype(np.float32, copy=False)
    rows = crf._packed_rows(em)
    et = np.exp(trans - trans.max()).astype(np.float32)
    et_t = np.ascontiguousarray(et.T)
    for idx, lens in crf._batches(seqs, n):
        steps, width = idx.shape
        eb = np.take(rows, idx).view(np.float32).reshape(steps, width, tags)
        pot = np.exp(eb - eb.max(axis=2, keepdims=True)).transpose(0, 2, 1)
        alpha = np.empty((steps, tags, width), dtype=np.float32)
        alpha[0] = pot[0] / pot[0].sum(axis=0, keepdims=True)
        for t in range(1, steps):
            a = (et_t @ alpha[t - 1]) * pot[t]
            alpha[t] = a / a.sum(axis=0, keepdims=True)
        beta = np.ones((tags, width), dtype=np.float32)
        post = np.empty((steps, tags, width), dtype=np.float32)
        post[steps - 1] = alpha[steps - 1]
        first = np.searchsorted(lens, np.arange(1, steps + 2)).tolist()
        for t in range(steps - 1, 0, -1):
            b = et @ (pot[t] * beta)
            b /= b.sum(axis=0, keepdims=True)
            beta[:, first[t]:] = b[:, first[t]:]
            p = alpha[t - 1] * beta
            post[t - 1] = p / p.sum(axis=0, keepdims=True)
        live = idx < n
        out[idx[live]] = post.transpose(0, 2, 1)[live]
    return out


def entity_errors(tags: np.ndarray, post: np.ndarray, text: str, labels: tuple[str, ...]) -> float:
    """The expected number of entity-span errors in one document (see the module's docstring)."""
    _, opens, _, _ = _tag_arrays(labels)
    errors: dict[str, float] = {}
    inside = np.zeros(len(text), dtype=bool)
    for s, e, _ in spans_from_tags(tags, labels=labels):
        inside[s:e] = True
        errors[text[s:e]] = max(errors.get(text[s:e], 0.0), 1.0 - float(post[np.arange(s, e), tags[s:e]].min()))
    starts = post[:, opens].sum(axis=1)
    missed = ~inside & (1.0 - post[:, 0] > informative.UNCERTAIN)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], missed.astype(np.int8), [0]))))
    for s, e in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True):
        key = "\0" + text[s:e]  # a missed stretch apart from a tagged span of the same text
        errors[key] = max(errors.get(key, 0.0), min(1.0, float(starts[s:e].sum())))
    return round(sum(errors.values()), 6)


def entity_uncertainties(prelabeler: object, docs: Sequence[object], *, batch: int = 64) -> list[float]:
    """`entity_errors` of each document under the pre-highlighter's model engine."""
    engine = next((e for e in prelabeler.engines if isinstance(e, ModelEngine)), None)  # type: ignore[attr-defined]
    if engine is None:
        return [0.0] * len(docs)
    out: list[float] = []
    for i in range(0, len(docs), batch):
        part = [Prepared(d) for d in docs[i:i + batch]]  # type: ignore[arg-type]
        found = engine._features(part)
        em = engine._emissions(part, found)
        tags = crf.viterbi(em, found.seqs, engine.model.transitions)
        post = posteriors(em, found.seqs, engine.model.transitions)
        for d, off in zip(part, found.offsets, strict=True):
            n = len(d.text)
            out.append(entity_errors(tags[off:off + n], post[off:off + n], d.text, engine.model.labels))
    return out


def use(variant: str, seed: int, pool_size: int) -> None:
    """Patch core/informative.py (and the benchmark's ranking) to score articles the variant's way."""
    if variant == "length":
        informative.uncertainty = lambda c, text: COMMITTED_UNCERTAINTY(c, text) / float(np.log(len(text) + np.e))
    elif variant == "entities":
        informative.document_uncertainties = entity_uncertainties  # type: ignore[assignment]
    elif variant in ("known", "reviewed"):
        reviewed = reviewed_of(seed, pool_size)
        real = bench_informative.most_informative

        def most_informative(model: bytes | None, remaining: Sequence[object], n: int) -> list[object]:
            seen = reviewed(remaining)
            if variant == "known":
                informative.uncertainty = lambda c, text: known_dropped(c, text, "\n".join(seen))
            else:
                informative.rank = lambda scores, texts, **kw: with_reviewed(scores, texts, seen, **kw)
            return real(model, remaining, n)  # type: ignore[arg-type]
        bench_informative.most_informative = most_informative  # type: ignore[assignment]


def known_dropped(confidence: np.ndarray, text: str, known: str) -> float:
    """The committed uncertainty, less the stretches whose text is already in `known`."""
    lost = 1.0 - np.asarray(confidence, dtype=np.float64)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], (lost > informative.UNCERTAIN).astype(np.int8), [0]))))
    stretches: dict[str, float] = {}
    for start, end in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True):
        stretches[text[start:end]] = max(stretches.get(text[start:end], 0.0), float(lost[start:end].sum()))
    return round(sum(v for k, v in stretches.items() if k not in known), 6)


def with_reviewed(scores: Mapping[int, float], texts: Callable[[Sequence[int]], Mapping[int, str]],
                  seen: Sequence[str], *, diversity: float = informative.DIVERSITY,
                  window: int = informative.WINDOW) -> list[int]:
    """The committed greedy ranking, each candidate starting at its greatest resemblance to a reviewed text."""
    top = sorted(scores, key=lambda d: (-scores[d], d))[:window]
    found = texts(top)
    prints = np.stack([informative.fingerprint(found.get(d, "")) for d in top])
    before = np.stack([informative.fingerprint(t) for t in seen]) if seen else np.zeros((0, informative.BUCKETS))
    shared = prints @ before.T
    union = prints.sum(axis=1)[:, None] + before.sum(axis=1)[None, :] - shared
    closest = np.where(union > 0, shared / np.maximum(union, 1), 0.0).max(axis=1) if seen else np.zeros(len(top))
    similar = informative.resemblances(prints)
    value = np.array([scores[d] for d in top], dtype=np.float64)
    left = np.ones(len(top), dtype=bool)
    chosen: list[int] = []
    for _ in range(len(top)):
        pick = int(np.argmax(np.where(left, value * (1.0 - diversity * closest), -np.inf)))
        chosen.append(top[pick])
        left[pick] = False
        np.maximum(closest, similar[pick], out=closest)
    return chosen + sorted(scores, key=lambda d: (-scores[d], d))[window:]


def main() -> None:
    """One seed's chain with the variant; prints its points, the seconds and the load."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("variant", choices=VARIANTS)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sizes", default="100")
    args = ap.parse_args()
    use(args.variant, args.seed, bench_informative.POOL)
    started, load = time.perf_counter(), os.getloadavg()[0]
    sizes = tuple(int(x) for x in args.sizes.split(","))
    points = curve(Job(SCRATCH, INFORMATIVE, args.seed, sizes, bench_informative.POOL, 10, "file", 10))
    print(args.variant, args.seed, [(p.size, p.characters, p.f1) for p in points],
          f"{time.perf_counter() - started:.0f} s, load {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
