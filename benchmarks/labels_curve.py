"""Learning a team's own labels (issue 21): CLUENER2020's ten labels after 100, 300, 600, … reviewed fragments.

    .venv/bin/python -m benchmarks.labels_curve [--sizes 100,300,600,2000,all] [--conventions 400] [--seed 0]

The fragments are ../shared/data/cluener/train.json (10,748), shuffled with `--seed`: the first 1,000 are
scored, the first N of the others are "reviewed". Each N is learned as `annotator train` learns a schema of
labels the starter does not tag (service/training.py): a CRF over the labels with at least MIN_EXAMPLES
accepted spans, stacked on the starter's scores. Scored as a reviewer meets new fragments: exact spans,
micro-F1 over the ten labels, of the model alone and of the default engines with the reviewed fragments'
entities in the gazetteer (as a project's accepted entities are).

`--conventions N`: the same fragments read as the starter's labels (name -> PER, address -> LOC,
organization -> ORG, the rest dropped): out of the box, then after N reviewed fragments by both ways of
learning a project whose labels the starter knows (fine-tuning it, stacking on it).
`--errors`: what became of each span with the default engines, for the last size of the curve and the
conventions' stacked model: label confusions, boundary errors (too short, too long, shifted), both,
spurious spans and misses, per label, with a few examples (learning/evaluate.py's `error_kinds`).
`--clusters PATH`: the word-cluster table the models read; the shipped one has seen cluener/train.json,
scored fragments included, so measure with one built by `tools.models.build_word_clusters --leave-out-scored SEED`.
`--char-vectors PATH`: likewise the character vectors of the stacked model of the starter's labels
(`tools.models.build_char_vectors --leave-out-scored SEED`).
`--no-relabel`: the ten labels' model without its span relabeler (models/relabeler.py), as before it.
Results: benchmarks/RESULTS-labels.md.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, build_prelabeler, evaluate, train
from annotator.core.prelabel.engines.gazetteer import unmarked_words
from annotator.core.prelabel.features.charvec import use_vectors_file
from annotator.core.prelabel.features.clusters import use_table_file
from annotator.core.prelabel.learning.evaluate import ERROR_KINDS, gold_of, span_errors
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.files import FINETUNE, STACK, STARTER
from annotator.core.schema import EntityLabel, Schema, load_schema
from annotator.core.segment import Segmenter
from annotator.service.training import MIN_EXAMPLES
from benchmarks import bench_data

SHARED = bench_data.SHARED
CLUENER = SHARED / "cluener" / "train.json"
LABELS = ("name", "organization", "address", "company", "government", "book", "game", "movie", "position",
          "scene")
AS_STARTER = {"name": "PER", "address": "LOC", "organization": "ORG"}
SCORED = 1000


def fragments(seed: int) -> tuple[list[AnnotatedDocument], list[AnnotatedDocument]]:
    """(scored, pool): the shuffled CLUENER fragments, the first SCORED of them and the rest."""
    docs = [d for _, d in formats.iter_documents(CLUENER, "cluener", reviewed=True)]
    random.Random(seed).shuffle(docs)
    return docs[:SCORED], docs[SCORED:]


def cluener_schema() -> Schema:
    """The default schema with CLUENER's labels in place of its entity labels."""
    base = load_schema()
    return replace(base, name="cluener", labels=tuple(
        EntityLabel(key=lab, name=lab, name_zh=lab, color="#cccccc") for lab in LABELS))


def learnable(docs: Sequence[AnnotatedDocument]) -> tuple[str, ...]:
    """The labels `annotator train` would learn from these documents (MIN_EXAMPLES spans or more)."""
    counts = Counter(label for d in docs for _, _, label in gold_of(d))
    return tuple(lab for lab in LABELS if counts[lab] >= MIN_EXAMPLES)


def scores(schema: Schema, model: bytes | None, learned: Sequence[AnnotatedDocument],
           scored: Sequence[AnnotatedDocument], labels: Sequence[str]) -> tuple[float, float, str]:
    """(model alone, default engines with the learned documents' gazetteer) micro-F1, and the latter's table."""
    out = []
    for engines, gazetteer in ((["model"], []), (None, project_gazetteer(learned))):
        pre = build_prelabeler(schema, engines=engines, model=model, gazetteer=gazetteer)
        out.append(evaluate(scored, lambda d, pre=pre: pre.suggest(PrelabelDoc(d.text)), labels=labels))
    return out[0].micro.f1, out[1].micro.f1, out[1].table()


def project_gazetteer(learned: Sequence[AnnotatedDocument]) -> list[tuple[str, str]]:
    """The reviewed entities as a project's gazetteer has them: without the strings its reviewers mostly
    leave unmarked where they stand on jieba's word edges (service/prelabel.py, engines/gazetteer.py)."""
    segmenter = Segmenter()
    unmarked = unmarked_words(replace(d, tokens=segmenter.tokens(d.text)) for d in learned)
    return [(d.text[s:e], lab) for d in learned for s, e, lab in gold_of(d) if d.text[s:e] not in unmarked]


def errors(schema: Schema, model: bytes | None, learned: Sequence[AnnotatedDocument],
           scored: Sequence[AnnotatedDocument], labels: Sequence[str], *, examples: int = 4) -> str:
    """A table of error kinds per label (default engines, the learned documents' gazetteer), then the
    first few examples of each kind: the predicted (or missed) text and the gold spans it overlaps."""
    pre = build_prelabeler(schema, model=model, gazetteer=project_gazetteer(learned))
    counts: Counter[tuple[str, str]] = Counter()
    seen: dict[str, list[str]] = {}
    for doc in scored:
        gold = [g for g in gold_of(doc) if g[2] in labels]
        pred = [(s.start, s.end, s.label) for s in pre.suggest(PrelabelDoc(doc.text)) if s.label in labels]
        for kind, (start, end, label) in span_errors(gold, pred):
            counts[kind, label] += 1
            if kind != "correct" and len(seen.setdefault(kind, [])) < examples:
                over = [f"{doc.text[a:b]}/{x}" for a, b, x in gold
                        if a < end and start < b and (a, b, x) != (start, end, label)]
                seen[kind].append(f"{doc.text[start:end]}/{label}" + (f" -> {', '.join(over)}" if over else ""))
    kinds = [k for k in ERROR_KINDS if any(counts[k, lab] for lab in labels)]
    width = max(len(lab) for lab in labels)
    lines = [f"{'':<{width}} " + " ".join(f"{k:>14}" for k in kinds)]
    for lab in (*labels, "all"):
        row = [sum(counts[k, x] for x in labels) if lab == "all" else counts[k, lab] for k in kinds]
        lines.append(f"{lab:<{width}} " + " ".join(f"{n:>14}" for n in row))
    for kind, shown in seen.items():
        lines.append(f"{kind}: " + "; ".join(shown))
    return "\n".join(lines)


def curve(sizes: Sequence[str], seed: int, *, show_errors: bool = False, relabel: bool = True) -> None:
    """The ten labels' learning curve, one row per size."""
    scored, pool = fragments(seed)
    schema = cluener_schema()
    print(f"{'reviewed':>8} {'labels':>6} {'model':>7} {'+dict':>7} {'train s':>8} {'CPU s':>6}", flush=True)
    for size in sizes:
        learn = pool if size == "all" else pool[:int(size)]
        labels = learnable(learn)
        t0, cpu = time.perf_counter(), time.process_time()
        model = train(learn, base=STARTER, method=STACK, labels=labels)
        secs, cpu = time.perf_counter() - t0, time.process_time() - cpu
        if not relabel:
            model = without_relabeler(model)
        f_model, f_all, table = scores(schema, model, learn, scored, LABELS)
        print(f"{len(learn):>8} {len(labels):>6} {f_model:>7.4f} {f_all:>7.4f} {secs:>8.1f} {cpu:>6.1f}", flush=True)
    print(table, flush=True)
    if show_errors:
        print(errors(schema, model, learn, scored, LABELS), flush=True)


def without_relabeler(data: bytes) -> bytes:
    """The same model file without its span relabeler (the CRF's labels stay)."""
    model = CrfModel.from_bytes(data)
    model.relabeler = None
    return model.to_bytes()


def as_starter_labels(docs: Sequence[AnnotatedDocument]) -> list[AnnotatedDocument]:
    """CLUENER's persons, places and organisations as PER, LOC and ORG; its other labels dropped."""
    return [replace(d, spans=tuple(replace(s, label=AS_STARTER[s.label]) for s in d.spans
                                   if s.label in AS_STARTER)) for d in docs]


def conventions(n: int, seed: int, *, show_errors: bool = False) -> None:
    """Another corpus's conventions for the starter's own labels: out of the box, then after n reviewed."""
    scored, pool = fragments(seed)
    scored, learn = as_starter_labels(scored), as_starter_labels(pool[:n])
    schema = load_schema("news-zh")
    f_model, f_all, _ = scores(schema, None, [], scored, CORE_LABELS)
    print(f"conventions: out of the box  model {f_model:.4f}  default engines {f_all:.4f}", flush=True)
    if show_errors:
        print(errors(schema, None, [], scored, CORE_LABELS), flush=True)
    for method in (FINETUNE, STACK):
        t0 = time.perf_counter()
        cpu = time.process_time()
        model = train(learn, base=STARTER, method=method)
        secs, cpu = time.perf_counter() - t0, time.process_time() - cpu
        f_model, f_all, table = scores(schema, model, learn, scored, CORE_LABELS)
        print(f"conventions: {n} reviewed, {method:<8} model {f_model:.4f}  +dict {f_all:.4f}  ({secs:.0f} s, "
              f"{cpu:.0f} s CPU)",
              flush=True)
    print(table, flush=True)
    if show_errors:
        print(errors(schema, model, learn, scored, CORE_LABELS), flush=True)


def main() -> None:
    """Parse the options and print the rows as they are measured."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100,300,600,2000,all")
    parser.add_argument("--conventions", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--errors", action="store_true", help="an error analysis of the last models")
    parser.add_argument("--clusters", type=Path, metavar="PATH",
                        help="word-cluster table to use instead of the shipped one (e.g. one rebuilt without "
                             "the scored fragments: tools/models/build_word_clusters.py --leave-out-scored 0)")
    parser.add_argument("--char-vectors", type=Path, metavar="PATH",
                        help="character vectors to use instead of the shipped ones (e.g. rebuilt without the "
                             "scored fragments: tools/models/build_char_vectors.py --leave-out-scored 0)")
    parser.add_argument("--no-relabel", action="store_true",
                        help="leave out the ten labels' span relabeler (to measure it)")
    args = parser.parse_args()
    if args.clusters:
        use_table_file(args.clusters)
    if args.char_vectors:
        use_vectors_file(args.char_vectors)
    if not CLUENER.exists():
        raise SystemExit(f"{CLUENER} is not there")
    if args.sizes:
        curve(args.sizes.split(","), args.seed, show_errors=args.errors, relabel=not args.no_relabel)
    if args.conventions:
        conventions(args.conventions, args.seed, show_errors=args.errors)


if __name__ == "__main__":
    main()
