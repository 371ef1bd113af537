"""The shared People's Daily gold files as AnnotatedDocuments, and the dev score the model tools report."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanState
from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, build_prelabeler, evaluate
from annotator.core.prelabel.engines.gazetteer import unmarked_words
from annotator.core.schema import load_schema
from annotator.core.text import tokens_from_strings
from benchmarks import bench_data

SHARED = bench_data.SHARED
PD98 = SHARED / "pd98"
DEV = PD98 / "dev_articles.jsonl"
TRAIN_POOL = PD98 / "train_pool.jsonl"


def read_gold(path: Path | str, *, limit: int | None = None, skip: int = 0) -> list[AnnotatedDocument]:
    """Documents of a pd98-style JSONL file, gold entities accepted, gold tokens kept."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            if limit is not None and len(docs) >= limit:
                break
            rec = json.loads(line)
            text = rec["text"]
            spans = tuple(EntitySpan(id=j + 1, start=e["start"], end=e["end"], label=e["label"],
                                     origin="import", state=SpanState.ACCEPTED)
                          for j, e in enumerate(rec.get("entities", [])))
            tokens = tokens_from_strings(text, rec["tokens"]) if rec.get("tokens") else ()
            docs.append(AnnotatedDocument(title=rec.get("title", ""), text=text, tokens=tokens, spans=spans,
                                          name=rec.get("id", ""), status=ReviewStatus.REVIEWED))
    return docs


def gazetteer_of(docs):
    """(text, label) of every accepted entity, as the project's gazetteer would hold them (without the
    words the reviewers mostly left unmarked)."""
    unmarked = unmarked_words(docs)
    return [(d.text[s.start:s.end], s.label) for d in docs for s in d.spans
            if d.text[s.start:s.end] not in unmarked]


def dev_f1(dev, model, gazetteer, *, engines=None) -> tuple[float, str]:
    """Micro-F1 and the per-label table of the default pre-highlighter on raw dev text."""
    pre = build_prelabeler(load_schema(), model=model, gazetteer=gazetteer, engines=engines)
    rep = evaluate(dev, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=CORE_LABELS)
    return rep.micro.f1, " ".join(f"{s.label} {s.f1:.3f}" for s in rep.labels)
