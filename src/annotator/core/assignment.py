"""Handing documents out to a team: each to one annotator, a share to two, reproducibly and evenly."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from annotator.core.errors import ValidationError


def check_names(names: Sequence[str]) -> list[str]:
    """Annotator names as given, refused when empty, repeated or unfit for a file name."""
    names = [n.strip() for n in names]
    if len(names) < 1 or any(not n for n in names):
        raise ValidationError("give at least one annotator name, e.g. --annotators ann1,ann2")
    bad = [n for n in names if any(c in n for c in '/\\:*?"<>|') or n.startswith(".")]
    if bad:
        raise ValidationError(f"annotator name {bad[0]!r} cannot be a file name",
                              hint="use letters, digits, '-' or '_'")
    joined = [n for n in names if "+" in n]  # a document agreeing annotators settled is reviewed by "ann1+ann2"
    if joined:
        raise ValidationError(f"annotator name {joined[0]!r} has a '+', which joins the names of annotators who "
                              "agreed", hint="use letters, digits, '-' or '_'")
    if len(set(names)) != len(names):
        raise ValidationError("an annotator is named twice", hint="give each name once")
    return names


def plan(ids: Sequence[int], names: Sequence[str], *, overlap: float, seed: int) -> dict[str, list[int]]:
    """{annotator: sorted doc ids}: every id to one annotator, round(overlap·n) of them (chosen by `seed`)
    to two; the least loaded annotators are chosen first, so loads differ by at most one."""
    names = check_names(names)
    if not 0.0 <= overlap <= 1.0:
        raise ValidationError(f"--overlap {overlap} is not a share between 0 and 1")
    if overlap > 0 and len(names) < 2:
        raise ValidationError("a shared document needs two annotators", hint="name two or more, or --overlap 0")
    order = sorted(ids)
    rng = random.Random(seed)
    rng.shuffle(order)
    doubles = round(overlap * len(order))
    load = {n: 0 for n in names}
    out: dict[str, list[int]] = {n: [] for n in names}
    shared: Counter[frozenset[str]] = Counter()
    turn = rng.randrange(len(names))
    for i, doc_id in enumerate(order):
        ranked = sorted(names, key=lambda n: (load[n], (names.index(n) - turn) % len(names)))
        chosen = _pair(ranked, load, shared) if i < doubles else ranked[:1]
        for name in chosen:
            out[name].append(doc_id)
            load[name] += 1
        shared[frozenset(chosen)] += 1
        turn += 1
    return {n: sorted(v) for n, v in out.items()}


def _pair(ranked: Sequence[str], load: dict[str, int], shared: Counter[frozenset[str]]) -> list[str]:
    """Two of the least loaded annotators (so loads still differ by at most one), the pair that shares the fewest
    documents so far first: taking the two least loaded alone paired four annotators as two fixed pairs (every
    shared document ann1/ann2 or ann3/ann4), so the agreement of ann1 with ann3 could never be measured."""
    low = load[ranked[0]]
    tier = [n for n in ranked if load[n] == low]
    if len(tier) >= 2:
        options = list(combinations(tier, 2))
    else:
        options = [(tier[0], n) for n in ranked if load[n] == low + 1]
    best = min(options, key=lambda ab: (shared[frozenset(ab)], ranked.index(ab[0]), ranked.index(ab[1])))
    return list(best)
