"""Noisy annotators and an agreement computed independently of core.agreement (numpy, by other means)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

LABELS = ("PER", "LOC", "ORG", "TIME", "MISC")


def noisy_copy(recs: list[dict], path: Path, rng: random.Random) -> None:
    """Write the records with some entities dropped, relabelled or shortened (an imperfect annotator)."""
    lines = []
    for rec in recs:
        entities = []
        for e in rec["entities"]:
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll < 0.2:
                e = {**e, "label": rng.choice([x for x in LABELS if x != e["label"]])}
            elif roll < 0.25 and e["end"] - e["start"] > 1:
                e = {**e, "end": e["end"] - 1, "text": rec["text"][e["start"]:e["end"] - 1]}
            entities.append(e)
        lines.append(json.dumps({"text": rec["text"], "entities": entities}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def independent_span_f1(docs: list[tuple[int, list[dict], list[dict]]]) -> float:
    """Micro span F1 by counting matches with a Counter of tuples."""
    matched = total = 0
    for _, a, b in docs:
        ka = {(e["start"], e["end"], e["label"]) for e in a}
        kb = {(e["start"], e["end"], e["label"]) for e in b}
        matched += 2 * len(ka & kb)
        total += len(ka) + len(kb)
    return matched / total


def _chars(length: int, entities: list[dict]) -> list[str]:
    # Shorter spans painted first, longer ones over them: the longest covering span wins.
    out = ["O"] * length
    for e in sorted(entities, key=lambda e: (e["end"] - e["start"], -e["start"]), reverse=False):
        out[e["start"]:e["end"]] = [e["label"]] * (e["end"] - e["start"])
    return out


def independent_kappa(docs: list[tuple[int, list[dict], list[dict]]]) -> float:
    """Cohen's kappa from a numpy confusion matrix."""
    a: list[str] = []
    b: list[str] = []
    for length, ea, eb in docs:
        a += _chars(length, ea)
        b += _chars(length, eb)
    values = sorted(set(a) | set(b))
    index = {v: i for i, v in enumerate(values)}
    matrix = np.zeros((len(values), len(values)))
    for x, y in zip(a, b, strict=True):
        matrix[index[x], index[y]] += 1
    n = matrix.sum()
    po = np.trace(matrix) / n
    pe = (matrix.sum(axis=0) * matrix.sum(axis=1)).sum() / n / n
    return float((po - pe) / (1 - pe))
