"""The project file stays small: a 2,000-character article with 50 entities adds at most 2.5 times its UTF-8
text to the file (issue 8; benchmarks/bench_project.py measures it on 1,000 articles)."""

from __future__ import annotations

import json

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.core.text import tokens_from_strings
from annotator.service import Project
from tests.conftest import FIXTURES


def articles() -> list[dict]:
    lines = (FIXTURES / "pd98_train30.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def article_2000(records: list[dict], n: int) -> AnnotatedDocument:
    """Shared articles joined to 2,000 characters (cut at a token end) with 50 accepted entities."""
    text, words, entities, k = "", [], [], n
    while len(text) < 2000:
        rec = records[k % len(records)]
        base = len(text) + 1 if text else 0
        text = f"{text}\n{rec['text']}" if text else rec["text"]
        words += rec["tokens"]
        entities += [(e["start"] + base, e["end"] + base, e["label"]) for e in rec["entities"]]
        k += 7
    tokens = tokens_from_strings(text, words)
    cut = max(e for _, e in tokens if e <= 2000)
    text = f"{text[:cut]}\n#{n}"
    tokens = (*(t for t in tokens if t[1] <= cut), (cut + 1, len(text)))
    spans = [(s, e, lab) for s, e, lab in entities if e <= cut][:50]
    for s, e in tokens[::5]:
        if len(spans) < 50 and all(e <= a or s >= b for a, b, _ in spans):
            spans.append((s, e, "MISC"))
    return AnnotatedDocument(title=text.split("\n")[0], text=text, tokens=tokens, name=f"a{n}",
                             spans=tuple(EntitySpan(i + 1, s, e, lab, origin="manual", state=SpanState.ACCEPTED)
                                         for i, (s, e, lab) in enumerate(sorted(spans))))


def test_an_article_with_50_entities_adds_at_most_two_and_a_half_times_its_text(tmp_path):
    records = articles()
    docs = [article_2000(records, n) for n in range(60)]
    assert all(len(d.spans) == 50 and 1990 <= len(d.text) <= 2010 for d in docs)
    empty, full = tmp_path / "empty.annot", tmp_path / "full.annot"
    Project.create(empty, schema="news-zh").close()
    with Project.create(full, schema="news-zh") as project:
        project.importer.add_documents(docs, reviewed=True, prelabel=False)
    text = sum(len(d.text.encode("utf-8")) for d in docs)
    ratio = (full.stat().st_size - empty.stat().st_size) / text
    assert 1.0 < ratio <= 2.5, ratio
