"""Train the word segmenter shipped in resources/models (reproducible; see the README there).

    .venv/bin/python -m tools.models.train_segmenter [--limit N] [--out PATH]

Data: the gold tokens of ../shared/data/pd98/train_pool.jsonl (all 2,078 articles; no entity labels are
used). Prints word P/R/F1 on the dev articles for jieba and for the segmenter.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from annotator.core.prelabel.features.prepare import prepare_text
from annotator.core.prelabel.features.word_analysis import analyze, jieba_words
from annotator.core.prelabel.learning.crfsuite import train_crf
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.segmenter import (
    PARAMS,
    SEGMENTER_PATH,
    TEMPLATES,
    word_documents,
    words_from_tags,
)
from tools.models.gold import DEV, TRAIN_POOL, read_gold


def word_f1(pairs) -> str:
    """P/R/F1 of predicted against gold words."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        g, p = set(gold), set(pred)
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    prec, rec = tp / (tp + fp), tp / (tp + fn)
    return f"P {prec:.4f} R {rec:.4f} F1 {2 * prec * rec / (prec + rec):.4f}"


def segment(model: CrfModel, text: str):
    """The segmenter's words of one text."""
    keys, seqs = prepare_text(text, None, templates=tuple(model.tables))
    return words_from_tags(text, model.tag(keys, seqs))


def main() -> None:
    """Train, save, report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=SEGMENTER_PATH)
    args = ap.parse_args()
    docs = word_documents(read_gold(TRAIN_POOL, limit=args.limit))
    t0 = time.perf_counter()
    model, stats = train_crf(docs, presegmented_view=False, templates=TEMPLATES, params=PARAMS)
    model.meta = {"source": f"pd98/train_pool.jsonl gold tokens, {stats.documents} articles",
                  "characters": stats.characters, "kind": "word segmenter (B/I/E/S-PER = word)"}
    print(f"trained in {time.perf_counter() - t0:.0f} s on {stats.documents} articles -> {args.out}")
    args.out.write_bytes(model.to_bytes())
    dev = read_gold(DEV)
    print("jieba     ", word_f1((d.tokens, analyze(d.text, jieba_words(d.text)).words) for d in dev))
    print("segmenter ", word_f1((d.tokens, segment(model, d.text)) for d in dev))


if __name__ == "__main__":
    main()
