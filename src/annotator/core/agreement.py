"""Inter-annotator agreement over layers: span F1, Cohen's kappa and Krippendorff's alpha over characters,
event trigger and argument F1."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from annotator.core.layers import EntityKey, Layer

OUTSIDE = "O"


def f1(matches: int, size_a: int, size_b: int) -> float:
    """2·matches / (|A| + |B|); 1.0 when both are empty (nothing to disagree on)."""
    return 1.0 if size_a + size_b == 0 else 2 * matches / (size_a + size_b)


def char_labels(length: int, entities: Iterable[EntityKey]) -> list[str]:
    """Each character's label: the longest entity covering it (the earlier one on a tie), O where none."""
    labels = [OUTSIDE] * length
    best = [0] * length
    for start, end, label in sorted(entities, key=lambda e: (-(e[1] - e[0]), e[0], e[2])):
        for i in range(max(0, start), min(end, length)):
            if best[i] == 0:
                labels[i], best[i] = label, end - start
    return labels


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two equally long label sequences; None when it is undefined (chance agreement 1)."""
    if len(a) != len(b):
        return None
    return kappa_of(Counter(zip(a, b, strict=True)))


def kappa_of(pairs: Mapping[tuple[str, str], int]) -> float | None:
    """Cohen's kappa from {(a's label, b's label): how many characters}: counted as each document is read, the
    characters of every shared document are never held at once."""
    n = sum(pairs.values())
    if n == 0:
        return None
    ca: Counter[str] = Counter()
    cb: Counter[str] = Counter()
    for (x, y), times in pairs.items():
        ca[x] += times
        cb[y] += times
    observed = sum(times for (x, y), times in pairs.items() if x == y) / n
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[str]]) -> float | None:
    """Nominal Krippendorff's alpha; each unit is the labels the coders gave one character (any number)."""
    return alpha_of(Counter(tuple(labels) for labels in units))


def alpha_of(units: Mapping[tuple[str, ...], int]) -> float | None:
    """Nominal Krippendorff's alpha from {the labels the coders gave a unit: how many units had those}. The
    coincidence matrix is summed once per distinct unit, not per character: a document's characters are a few
    dozen distinct units (mostly every coder's O), so 300 shared articles are a few hundred sums, where a row
    per character (and numpy's matrix of them) took 0.7 CPU-s and 150 MB."""
    coincidences: defaultdict[tuple[str, str], float] = defaultdict(float)
    values: set[str] = set()
    for labels, times in units.items():
        m = len(labels)
        if m < 2:
            continue  # a unit one coder saw cannot be compared
        counts = Counter(labels)
        values.update(counts)
        for c, nc in counts.items():
            for k, nk in counts.items():
                coincidences[c, k] += times * nc * (nk - (c == k)) / (m - 1)
    if len(values) < 2:
        return None  # one value only: alpha is undefined
    totals: defaultdict[str, float] = defaultdict(float)
    for (c, _), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    disagreed = sum(weight for (c, k), weight in coincidences.items() if c != k)
    by_chance = n * n - sum(x * x for x in totals.values())  # the sum of n_c * n_k over c != k
    return 1 - (n - 1) * disagreed / by_chance


@dataclass(frozen=True)
class PairAgreement:
    """How far two annotators agree on the documents both reviewed."""

    a: str
    b: str
    documents: int
    span_f1: float
    per_label: dict[str, float]
    char_kappa: float | None
    trigger_f1: float | None = None
    argument_f1: float | None = None
    per_event_type: dict[str, float] = field(default_factory=dict)  # trigger F1 (type and bounds) per event type
    # Of a and b, those who gave no event in any shared document (an export of a format without events, or nobody
    # annotated events): events are left out of their score, not counted as agreement on "none" nor as misses.
    no_events: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The `agreement --json` shape of one pair."""
        out: dict[str, Any] = {"a": self.a, "b": self.b, "documents": self.documents, "span_f1": self.span_f1,
                               "per_label": self.per_label, "char_kappa": self.char_kappa}
        if self.trigger_f1 is not None:
            out["trigger_f1"], out["argument_f1"] = self.trigger_f1, self.argument_f1
            out["per_event_type"] = self.per_event_type
        if self.no_events:
            out["no_events"] = list(self.no_events)
        return out


@dataclass(frozen=True)
class DocumentAgreement:
    """One document's span F1 (and trigger F1 when either gave events) between two annotators (to find where they
    disagree most: the lower of the two ranks it)."""

    doc_id: int
    a: str
    b: str
    span_f1: float
    trigger_f1: float | None = None

    @property
    def least(self) -> float:
        """The lower figure: a document whose events differ most ranked by its entities alone came 11th of 17."""
        return self.span_f1 if self.trigger_f1 is None else min(self.span_f1, self.trigger_f1)


@dataclass(frozen=True)
class Agreement:
    """Every pair's agreement, alpha over all annotators, and the documents agreed on least first."""

    pairs: tuple[PairAgreement, ...]
    documents: int
    alpha: float | None
    worst: tuple[DocumentAgreement, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The `agreement --json` shape."""
        return {"pairs": [p.to_dict() for p in self.pairs],
                "overall": {"documents": self.documents, "alpha": self.alpha},
                "documents": [{"doc": d.doc_id, "a": d.a, "b": d.b, "span_f1": d.span_f1,
                               **({} if d.trigger_f1 is None else {"trigger_f1": d.trigger_f1})} for d in self.worst]}


def _filtered(layer: Layer, labels: Collection[str] | None) -> tuple[EntityKey, ...]:
    return layer.entities if labels is None else tuple(e for e in layer.entities if e[2] in labels)


def pair_agreement(a: str, b: str, docs: Mapping[int, tuple[int, Layer, Layer]],
                   labels: Collection[str] | None = None, *, events: bool = True
                   ) -> tuple[PairAgreement, list[DocumentAgreement]]:
    """Agreement of a and b over {doc id: (text length, a's layer, b's layer)}; `events`: the schema has event
    types. Events are compared only when both gave some (one side with none at all is an export without events
    or work without them: comparing would score "none" as agreement or every event as a miss)."""
    no_events = tuple(name for name, side in ((a, 0), (b, 1))
                      if not any((la, lb)[side].events for _, la, lb in docs.values()))
    if no_events:
        docs = {d: (length, replace(la, events=()), replace(lb, events=())) for d, (length, la, lb) in docs.items()}
    matches, size_a, size_b = 0, 0, 0
    per: dict[str, list[int]] = {}
    chars: Counter[tuple[str, str]] = Counter()  # (a's label, b's label) of each character, counted
    trig = [0, 0, 0]
    args = [0, 0, 0]
    per_type: dict[str, list[int]] = {}
    any_events = False
    by_doc: list[DocumentAgreement] = []
    for doc_id, (length, la, lb) in sorted(docs.items()):
        ea, eb = set(_filtered(la, labels)), set(_filtered(lb, labels))
        both = ea & eb
        matches, size_a, size_b = matches + len(both), size_a + len(ea), size_b + len(eb)
        for label in {e[2] for e in ea | eb}:
            tally = per.setdefault(label, [0, 0, 0])
            tally[0] += sum(1 for e in both if e[2] == label)
            tally[1] += sum(1 for e in ea if e[2] == label)
            tally[2] += sum(1 for e in eb if e[2] == label)
        chars.update(zip(char_labels(length, ea), char_labels(length, eb), strict=True))
        ta, tb = {e.trigger_key for e in la.events}, {e.trigger_key for e in lb.events}
        by_doc.append(DocumentAgreement(doc_id, a, b, f1(len(both), len(ea), len(eb)),
                                        f1(len(ta & tb), len(ta), len(tb)) if ta or tb else None))
        if la.events or lb.events:
            any_events = True
        trig = [trig[0] + len(ta & tb), trig[1] + len(ta), trig[2] + len(tb)]
        for key in ta | tb:  # key: (type, start, end); a type one annotator saw where the other saw another counts
            tally = per_type.setdefault(key[0], [0, 0, 0])  # against both types
            tally[0] += key in ta and key in tb
            tally[1] += key in ta
            tally[2] += key in tb
        aa = {(e.trigger_key, *r) for e in la.events for r in e.arguments}
        ab = {(e.trigger_key, *r) for e in lb.events for r in e.arguments}
        args = [args[0] + len(aa & ab), args[1] + len(aa), args[2] + len(ab)]
    pair = PairAgreement(a, b, len(docs), f1(matches, size_a, size_b),
                         {k: f1(*v) for k, v in sorted(per.items())}, kappa_of(chars),
                         f1(*trig) if any_events else None, f1(*args) if any_events else None,
                         {k: f1(*v) for k, v in sorted(per_type.items())}, no_events if events else ())
    return pair, by_doc


def agreement(layers: Mapping[int, Sequence[Layer]], lengths: Mapping[int, int], *,
              labels: Collection[str] | None = None, worst: int = 20, events: bool = True) -> Agreement:
    """Agreement over {doc id: its layers} (documents with two or more layers count), text lengths by id;
    `events`: the schema has event types (a pair's events left out are then named)."""
    shared = {d: ls for d, ls in layers.items() if len(ls) >= 2}
    names = sorted({layer.annotator for ls in shared.values() for layer in ls})
    pairs: list[PairAgreement] = []
    by_doc: list[DocumentAgreement] = []
    for a, b in combinations(names, 2):
        docs = {}
        for doc_id, ls in shared.items():
            mine = {layer.annotator: layer for layer in ls}
            if a in mine and b in mine:
                docs[doc_id] = (lengths[doc_id], mine[a], mine[b])
        if docs:
            pair, per_doc = pair_agreement(a, b, docs, labels, events=events)
            pairs.append(pair)
            by_doc += per_doc
    units: Counter[tuple[str, ...]] = Counter()  # the labels each character got, in annotator order, counted
    for doc_id, ls in sorted(shared.items()):
        columns = [char_labels(lengths[doc_id], _filtered(layer, labels)) for layer in ls]
        units.update(zip(*columns, strict=True))
    by_doc.sort(key=lambda d: (d.least, d.doc_id, d.a, d.b))
    return Agreement(tuple(pairs), len(shared), alpha_of(units), tuple(by_doc[:worst]))
