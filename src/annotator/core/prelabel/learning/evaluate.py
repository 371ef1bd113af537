"""Scoring suggestions against gold documents: exact-span precision, recall and F1 per label and micro."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState

Spans = Iterable[tuple[int, int, str]]


@dataclass(frozen=True)
class Score:
    """Counts and the derived precision, recall and F1 of one label (or of all: micro)."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Report:
    """Per-label scores and the micro average over the labels evaluated."""

    labels: tuple[Score, ...]
    micro: Score
    documents: int

    @classmethod
    def from_counts(cls, names: Sequence[str], tp: Counter[str], fp: Counter[str], fn: Counter[str],
                    documents: int) -> Report:
        """The scores of `names` (in that order) from their counts, and their micro average."""
        per = tuple(Score(k, tp[k], fp[k], fn[k]) for k in names)
        micro = Score("micro", sum(s.tp for s in per), sum(s.fp for s in per), sum(s.fn for s in per))
        return cls(per, micro, documents)

    def table(self) -> str:
        """A plain-text table: label, P, R, F1, gold and predicted counts."""
        width = max([6, *(len(s.label) for s in self.labels)])
        lines = [f"{'label':<{width}} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for s in (*self.labels, self.micro):
            lines.append(f"{s.label:<{width}} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                         f"{s.tp + s.fn:6d} {s.tp + s.fp:6d}")
        return "\n".join(lines)


def gold_of(doc: AnnotatedDocument) -> list[tuple[int, int, str]]:
    """Accepted entity spans of a gold document."""
    return [(s.start, s.end, s.label) for s in doc.spans
            if s.kind == SpanKind.ENTITY and s.state == SpanState.ACCEPTED]


def score_spans(pairs: Iterable[tuple[Spans, Spans]], *, labels: Sequence[str] | None = None) -> Report:
    """Score (gold, predicted) span sets document by document; labels restricts both sides."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    seen: set[str] = set()
    n = 0
    for gold, pred in pairs:
        n += 1
        g = {s for s in gold if labels is None or s[2] in labels}
        p = {s for s in pred if labels is None or s[2] in labels}
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
        seen.update(x[2] for x in g | p)
    return Report.from_counts(list(labels) if labels is not None else sorted(seen), tp, fp, fn, n)


def evaluate(gold_docs: Iterable[AnnotatedDocument],
             suggest: Callable[[AnnotatedDocument], Iterable[EntitySpan]], *,
             labels: Sequence[str] | None = None) -> Report:
    """Run `suggest` on each gold document (its spans hidden) and score what it returns."""
    def pairs() -> Iterator[tuple[Spans, Spans]]:
        for doc in gold_docs:
            blank = AnnotatedDocument(title=doc.title, text=doc.text, tokens=doc.tokens, name=doc.name,
                                      presegmented=doc.presegmented)
            pred = [(s.start, s.end, s.label) for s in suggest(blank)]
            yield gold_of(doc), pred
    return score_spans(pairs(), labels=labels)


# What became of each span, for an error analysis (benchmarks/labels_curve.py --errors): a predicted span
# that is not gold is a label confusion (same extent), a boundary error with the gold label it overlaps
# (too short: inside it; too long: around it; shifted), both, or spurious (overlaps no gold span); a gold
# span no prediction overlaps is missed.
ERROR_KINDS = ("correct", "label", "too short", "too long", "shifted", "boundary+label", "spurious", "missed")


def error_kinds(gold: Spans, pred: Spans) -> Counter[tuple[str, str]]:
    """(kind, label) counts of one document's spans: predicted spans under their predicted label, missed
    gold spans under theirs (see ERROR_KINDS)."""
    return Counter((kind, span[2]) for kind, span in span_errors(gold, pred))


def span_errors(gold: Spans, pred: Spans) -> list[tuple[str, tuple[int, int, str]]]:
    """Each predicted span with its kind (ERROR_KINDS), then each missed gold span ("missed")."""
    g, p = set(gold), set(pred)
    out: list[tuple[str, tuple[int, int, str]]] = []
    for s, e, lab in sorted(p):
        over = [x for x in g if x[0] < e and s < x[1]]
        if (s, e, lab) in g:
            kind = "correct"
        elif any(x[:2] == (s, e) for x in over):
            kind = "label"
        elif not over:
            kind = "spurious"
        elif not any(x[2] == lab for x in over):
            kind = "boundary+label"
        else:
            x = next(x for x in over if x[2] == lab)
            inside, around = x[0] <= s and e <= x[1], s <= x[0] and x[1] <= e
            kind = "too short" if inside else "too long" if around else "shifted"
        out.append((kind, (s, e, lab)))
    out += [("missed", x) for x in sorted(g - p) if not any(y[0] < x[1] and x[0] < y[1] for y in p)]
    return out
