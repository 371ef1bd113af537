"""Reading the shared People's Daily gold files into AnnotatedDocuments for prelabel benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanState
from annotator.core.text import tokens_from_strings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
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
