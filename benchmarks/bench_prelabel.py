"""Rows 1-2: pre-highlighting throughput against plain jieba.posseg.cut on the same news, side by side.

    .venv/bin/python -m benchmarks.bench_prelabel [--quick]

Raw text is what an import of raw articles does: the project's segmenter, then every default engine
(the project's `suggest_many`). Pre-segmented documents keep their own tokens: no segmentation. The text
is the shared People's Daily news (dev articles, then the training pool), 1 MB (quick: 0.25 MB); rates
are medians.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument
from annotator.core.text import tokens_from_strings
from annotator.service import Project
from benchmarks import bench_data
from benchmarks.bench_common import Row, module_main, ratio_row, timed


def corpus(mb: float) -> list[AnnotatedDocument]:
    """Shared news articles with their gold tokens, up to `mb` megabytes of UTF-8 text."""
    docs: list[AnnotatedDocument] = []
    size = 0
    for article in bench_data.all_gold():
        if size >= mb * 1e6:
            break
        docs.append(AnnotatedDocument(title=article.title, text=article.text,
                                      tokens=tokens_from_strings(article.text, article.tokens)))
        size += len(article.text.encode("utf-8"))
    return docs


def rows(quick: bool, work: Path) -> Iterator[Row]:
    """Measure posseg, raw and pre-segmented pre-highlighting in one run, interleaved."""
    if not bench_data.available():
        yield Row("1", "pre-highlighting, raw news", "-", ">= 1x", None, "no shared data")
        return
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    mb, runs = (0.25, 3) if quick else (1.0, 5)
    gold = corpus(mb)
    chars = sum(len(d.text) for d in gold)
    bare = [replace(d, spans=(), tokens=()) for d in gold]
    preseg = [replace(d, spans=(), presegmented=True) for d in gold]
    with Project.create(work / "prelabel.annot", schema="news-zh", user="bench") as project:
        segmenter = project.segmenter
        segmenter.tokens("预热")
        project.prelabel.suggest(replace(bare[0], tokens=segmenter.tokens(bare[0].text)))
        jieba.posseg.lcut("预热")

        def posseg() -> None:
            for d in gold:
                list(jieba.posseg.cut(d.text))

        def raw() -> None:
            project.prelabel.suggest_many([replace(d, tokens=segmenter.tokens(d.text)) for d in bare])

        def presegmented() -> None:
            project.prelabel.suggest_many(preseg)

        rates: dict[str, list[float]] = {"posseg": [], "raw": [], "pre": []}
        for _ in range(runs):  # interleaved, so a noisy neighbour slows all three alike
            rates["posseg"].append(chars / timed(posseg))
            rates["raw"].append(chars / timed(raw))
            rates["pre"].append(chars / timed(presegmented))
    med = {k: sorted(v)[len(v) // 2] for k, v in rates.items()}
    note = f"{len(gold)} articles, {chars:,} chars ({mb} MB), median of {runs}"
    yield ratio_row("1", "pre-highlighting (all engines), raw news vs jieba.posseg.cut", ours=med["raw"],
                    base=med["posseg"], need=1.0, unit="chars/s", note=note, details=med)
    yield ratio_row("2", "the same on pre-segmented documents", ours=med["pre"], base=med["posseg"], need=5.0,
                    unit="chars/s", note=note, details=med)


if __name__ == "__main__":
    module_main(rows, __doc__)
