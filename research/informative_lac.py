"""Issue 17 item 3, 2026-12-05: two ways of reading an article with LAC for informative order, run over
benchmarks/bench_informative.py's own functions (measured in benchmarks/RESULTS-informative.md; neither
adopted, so this script leaves the tree after that round).

    ANNOTATOR_SHARED_DATA=../shared/data .venv/bin/python -m research.informative_lac VARIANT SEED [ROUND]

- `lacnames`: an article's score counts each distinct name LAC reads (PER/LOC/ORG) once, by the model's doubt
  on it (1 - the smallest marginal of its characters' tags, when over informative.UNCERTAIN), and the
  committed uncertain stretches outside LAC's names as before: entity-level expected errors on LAC's reading.
- `laccold`: the from-scratch cold start (10 articles) chosen to cover the most distinct names LAC reads,
  instead of file order's first 10.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np

from annotator.core import informative
from annotator.core.prelabel.features import lexical
from benchmarks import bench_informative as bi

NAMES = ("PER", "LOC", "ORG")


def lac_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the PER/LOC/ORG names LAC reads in `text`."""
    tags = lexical.read(text)
    out, i, n = [], 0, len(tags)
    while i < n:
        lab = lexical.label(tags[i])
        if lab in NAMES:
            j = i + 1
            while j < n and tags[j] == f"{lab}-I":
                j += 1
            out.append((i, j, lab))
            i = j
        else:
            i += 1
    return out


def lacnames(confidence: np.ndarray, text: str) -> float:
    """`lacnames` above, in place of informative.uncertainty."""
    lost = 1.0 - np.asarray(confidence, dtype=np.float64)
    units: dict[tuple[str, str], float] = {}
    inside = np.zeros(len(text), dtype=bool)
    for s, e, _ in lac_names(text):
        inside[s:e] = True
        doubt = float(lost[s:e].max()) if e > s else 0.0
        if doubt > informative.UNCERTAIN:
            units[("name", text[s:e])] = max(units.get(("name", text[s:e]), 0.0), doubt)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], (lost > informative.UNCERTAIN).astype(np.int8), [0]))))
    for s, e in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True):
        if not inside[s:e].any():
            units[("run", text[s:e])] = max(units.get(("run", text[s:e]), 0.0), float(lost[s:e].sum()))
    return round(sum(units.values()), 6)


def name_covering(texts: Sequence[str], n: int) -> list[int]:
    """n texts chosen greedily to cover the most distinct LAC-read names (text, label) not yet covered."""
    names = [{(t[s:e], lab) for s, e, lab in lac_names(t)} for t in texts]
    seen: set[tuple[str, str]] = set()
    chosen: list[int] = []
    left = set(range(len(texts)))
    for _ in range(min(n, len(texts))):
        pick = min(left, key=lambda i: (-len(names[i] - seen), i))
        chosen.append(pick)
        left.discard(pick)
        seen |= names[pick]
    return chosen


def main(variant: str, seed: int, round_size: int = 10) -> None:
    """Informative order from scratch, scored at 50 and 100, cold start of 10, with the variant installed."""
    cold = bi.FILE
    if variant == "lacnames":
        informative.uncertainty = lacnames
    elif variant == "laccold":
        bi.covering = name_covering
        cold = bi.DIVERSE
    else:
        raise SystemExit(f"unknown variant {variant!r}: lacnames or laccold")
    for p in bi.curve(bi.Job(bi.SCRATCH, bi.INFORMATIVE, seed, (50, 100), bi.POOL, round_size, cold, 10)):
        print(p)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), *(int(a) for a in sys.argv[3:4]))
