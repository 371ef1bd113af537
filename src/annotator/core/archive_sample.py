"""Choosing the share of a pre-highlighted archive to review (`import P ARCHIVE --sample N`), as pure
functions over small records of its documents: the most informative (the model least sure), the most
confident, or a seeded random sample; kept to N records at a time whatever the archive's size."""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import ValidationError

ORDERS = ("informative", "random", "confidence")


@dataclass(frozen=True)
class Candidate:
    """A document of the archive as the choice sees it: where it is (shard, line), how unsure the model
    is, whether any suggestion had a score, and its suggestions' labels."""

    shard: int
    line: int
    uncertainty: float
    scored: bool
    labels: frozenset[str]


def candidate(record: Mapping[str, Any], *, shard: int, line: int) -> Candidate:
    """The candidate of a native record written by `annotator suggest`."""
    entities = [e for e in record.get("entities") or () if isinstance(e, dict) and e.get("state") == "suggested"]
    found = record.get("meta")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    triggers = meta.get("triggers") or ()
    # event types count as labels: of trigger suggestions in meta, and of suggested events (issue 17)
    events = [e for e in record.get("events") or () if isinstance(e, dict) and e.get("state") == "suggested"]
    labels = ({str(e.get("label")) for e in entities} | {str(t.get("type")) for t in triggers if isinstance(t, dict)}
              | {str(e.get("type")) for e in events})
    value = meta.get("uncertainty", 0.0)
    return Candidate(shard, line, float(value) if isinstance(value, int | float) else 0.0,
                     any(e.get("score") is not None for e in entities), frozenset(labels))


def parse_where(text: str | None) -> frozenset[str] | None:
    """The labels of `--where "label=ORG[,PER]"` (a document with a suggestion of any of them), or None."""
    if not text:
        return None
    key, sep, value = text.partition("=")
    labels = frozenset(x.strip() for x in value.split(",") if x.strip())
    if not sep or key.strip() != "label" or not labels:
        raise ValidationError(f"cannot filter by {text!r}", hint='write it as label=ORG (or label=ORG,PER)')
    return labels


def choose(candidates: Iterable[Candidate], n: int, *, order: str, seed: int = 13,
           labels: frozenset[str] | None = None) -> list[Candidate]:
    """At most n candidates (those with a suggestion of `labels` when given) in the order they are to be
    reviewed: informative (most uncertain first), confidence (scored and least uncertain first) or random
    (seeded); ties in archive order."""
    if order not in ORDERS:
        raise ValidationError(f"unknown order {order!r}", hint=f"use {', '.join(ORDERS)}")
    wanted = (c for c in candidates if labels is None or c.labels & labels)
    if order == "informative":
        return heapq.nsmallest(n, wanted, key=lambda c: (-c.uncertainty, c.shard, c.line))
    if order == "confidence":
        return heapq.nsmallest(n, wanted, key=lambda c: (not c.scored, c.uncertainty, c.shard, c.line))
    return _reservoir(wanted, n, random.Random(seed))


def _reservoir(items: Iterable[Candidate], n: int, rng: random.Random) -> list[Candidate]:
    """A uniform sample of n items in one pass (Algorithm R), then in archive order."""
    kept: list[Candidate] = []
    for i, item in enumerate(items):
        if i < n:
            kept.append(item)
        else:
            j = rng.randrange(i + 1)
            if j < n:
                kept[j] = item
    return sorted(kept, key=lambda c: (c.shard, c.line))
