"""Benchmark data built from the shared People's Daily articles: realistic Chinese at any size.

Every generated text is unique (a numbered last line), so imports never skip copies as duplicates.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanState
from annotator.core.text import tokens_from_strings


def shared_data() -> Path:
    """The shared real data: where ANNOTATOR_SHARED_DATA says, else the nearest shared/data folder beside the
    checkout or a folder above it (a worktree under /work/wt/NAME finds /work/shared/data), else
    ../shared/data (absent: the benchmarks that need it say so). The one definition benchmarks, research,
    tools/models and the tests use."""
    if os.environ.get("ANNOTATOR_SHARED_DATA"):
        return Path(os.environ["ANNOTATOR_SHARED_DATA"])
    checkout = Path(__file__).resolve().parents[1]
    return next((p / "shared" / "data" for p in checkout.parents if (p / "shared" / "data").is_dir()),
                checkout.parent / "shared" / "data")


SHARED = shared_data()
DEV = SHARED / "pd98" / "dev_articles.jsonl"
TRAIN_POOL = SHARED / "pd98" / "train_pool.jsonl"


@dataclass(frozen=True)
class Gold:
    """One shared article: text, gold token strings and gold entities (start, end, label)."""

    id: str
    title: str
    text: str
    tokens: tuple[str, ...]
    entities: tuple[tuple[int, int, str], ...]


def available() -> bool:
    """True when the shared data folder is there."""
    return DEV.exists() and TRAIN_POOL.exists()


def gold(path: Path = DEV, *, limit: int | None = None) -> list[Gold]:
    """The articles of a pd98 JSONL file."""
    out: list[Gold] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            rec = json.loads(line)
            out.append(Gold(rec["id"], rec.get("title", ""), rec["text"], tuple(rec["tokens"]),
                            tuple((e["start"], e["end"], e["label"]) for e in rec["entities"])))
    return out


def all_gold() -> list[Gold]:
    """Every shared People's Daily article (dev first, then the training pool)."""
    return gold(DEV) + gold(TRAIN_POOL)


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def number(n: int) -> str:
    """`n` in full-width digits, as the People's Daily articles write numbers."""
    return str(n).translate(_FULLWIDTH)


def suffix(n: int) -> str:
    """The numbered last line that makes a repeated article unique (in the corpus' own style)."""
    return f"\n（第{number(n)}份）"


def copies(articles: list[Gold], count: int) -> Iterator[tuple[int, Gold]]:
    """`count` (number, article) pairs cycling through `articles`."""
    for n in range(count):
        yield n, articles[n % len(articles)]


def doccano_line(article: Gold, n: int) -> str:
    """The doccano JSONL record of copy `n` (what doccano 1.8.4 imported in the reference run)."""
    return json.dumps({"text": article.text + suffix(n),
                       "label": [[s, e, lab] for s, e, lab in article.entities]}, ensure_ascii=False)


def write_lines(path: Path, lines: Iterator[str]) -> int:
    """Write lines to `path`; return the size in bytes."""
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    return path.stat().st_size


def raw_files(folder: Path, articles: list[Gold], count: int) -> list[Path]:
    """`count` raw UTF-8 article files (headline first line) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, article in copies(articles, count):
        path = folder / f"{n:06d}.txt"
        text = article.text if count <= len(articles) else article.text + suffix(n)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def document(article: Gold, n: int, *, status: ReviewStatus = ReviewStatus.REVIEWED,
             suggested: float = 0.0, seed: int = 0) -> AnnotatedDocument:
    """Copy `n` of an article as a stored document: gold tokens, gold entities accepted (a share
    `suggested` of them left as suggestions)."""
    text = article.text + suffix(n)
    tokens = tokens_from_strings(text, [*article.tokens, "（第", number(n), "份）"])
    rng = random.Random(seed * 1_000_003 + n)
    spans = []
    for i, (start, end, label) in enumerate(article.entities):
        suggestion = rng.random() < suggested
        spans.append(EntitySpan(i + 1, start, end, label, origin="model" if suggestion else "import",
                                state=SpanState.SUGGESTED if suggestion else SpanState.ACCEPTED))
    return AnnotatedDocument(title=article.title, text=text, tokens=tokens, spans=tuple(spans),
                             name=f"{article.id}-{n}", status=status)
