"""Scoring event suggestions against gold events: triggers (span + type) and arguments (span + role, right only
under a right trigger), per type or role and micro."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
from annotator.core.event_suggestions import EventSuggestion
from annotator.core.prelabel.learning.evaluate import Report

GoldArgument = tuple[int, int, str]  # start, end, role


@dataclass(frozen=True)
class GoldEvent:
    """An event as scored: trigger `[start, end)`, type, and its arguments' spans and roles."""

    start: int
    end: int
    type: str
    arguments: tuple[GoldArgument, ...]


@dataclass(frozen=True)
class EventReport:
    """Trigger scores per event type and argument scores per role, each with its micro average."""

    triggers: Report
    arguments: Report

    def table(self) -> str:
        """Both tables, one after the other, headed."""
        return (f"triggers (span + type)\n{self.triggers.table()}\n\n"
                f"arguments (span + role, under a right trigger)\n{self.arguments.table()}")

    def counts(self) -> tuple[int, int, int]:
        """(tp, fp, fn) of triggers and arguments together: what the held-out gate compares."""
        t, a = self.triggers.micro, self.arguments.micro
        return t.tp + a.tp, t.fp + a.fp, t.fn + a.fn


def gold_events(doc: AnnotatedDocument) -> list[GoldEvent]:
    """A reviewed document's accepted events that have a trigger, with their arguments."""
    spans = {s.id: s for s in doc.spans}
    out = []
    for ev in doc.events:
        trigger = spans.get(ev.trigger_id) if ev.trigger_id is not None else None
        if ev.state != SpanState.ACCEPTED or trigger is None or trigger.kind != SpanKind.TRIGGER:
            continue
        args = tuple(sorted({(spans[a.span_id].start, spans[a.span_id].end, a.role)
                             for a in ev.arguments if a.span_id in spans}))
        out.append(GoldEvent(trigger.start, trigger.end, ev.type, args))
    return out


def as_gold(suggestions: Iterable[EventSuggestion]) -> list[GoldEvent]:
    """Suggestions in the shape gold events are scored in."""
    return [GoldEvent(s.start, s.end, s.type, tuple(sorted({(a.start, a.end, a.role) for a in s.arguments})))
            for s in suggestions]


def score_events(pairs: Iterable[tuple[Sequence[GoldEvent], Sequence[GoldEvent]]], *,
                 types: Sequence[str] | None = None, roles: Sequence[str] | None = None) -> EventReport:
    """Score (gold, predicted) events document by document. A predicted argument is right when its trigger
    matches a gold one (span and type) and that event has the same argument (span and role); every other
    predicted argument is spurious, every other gold one missed."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("ttp", "tfp", "tfn", "atp", "afp", "afn")}
    n = 0
    for gold, pred in pairs:
        n += 1
        g_by, p_by = _by_trigger(gold), _by_trigger(pred)
        for key in g_by.keys() | p_by.keys():
            (g_n, g_args), (p_n, p_args) = g_by.get(key, (0, Counter())), p_by.get(key, (0, Counter()))
            counts["ttp"][key[2]] += min(g_n, p_n)  # events sharing a trigger and type count one by one
            counts["tfp"][key[2]] += max(0, p_n - g_n)
            counts["tfn"][key[2]] += max(0, g_n - p_n)
            for role, many in _roles(g_args & p_args).items():
                counts["atp"][role] += many
            for role, many in _roles(p_args - g_args).items():
                counts["afp"][role] += many
            for role, many in _roles(g_args - p_args).items():
                counts["afn"][role] += many
    t_names = _names(types, counts["ttp"], counts["tfp"], counts["tfn"])
    a_names = _names(roles, counts["atp"], counts["afp"], counts["afn"])
    return EventReport(Report.from_counts(t_names, counts["ttp"], counts["tfp"], counts["tfn"], n),
                       Report.from_counts(a_names, counts["atp"], counts["afp"], counts["afn"], n))


def _by_trigger(events: Sequence[GoldEvent]) -> dict[tuple[int, int, str], tuple[int, Counter[GoldArgument]]]:
    """(start, end, type) -> how many events there are and their arguments (each event's once, all together)."""
    out: dict[tuple[int, int, str], tuple[int, Counter[GoldArgument]]] = {}
    for e in events:
        n, args = out.get((e.start, e.end, e.type), (0, Counter()))
        out[(e.start, e.end, e.type)] = (n + 1, args + Counter(set(e.arguments)))
    return out


def _roles(args: Counter[GoldArgument]) -> Counter[str]:
    found: Counter[str] = Counter()
    for (_, _, role), n in args.items():
        found[role] += n
    return found


def _names(listed: Sequence[str] | None, *seen: Counter[str]) -> list[str]:
    """The listed names in their order, then any other name the events use (a gold file's type or role the
    schema lacks): every event counts in the micro figures, each name on a row."""
    found = set().union(*seen)
    first = list(listed) if listed is not None else []
    return first + sorted(found - set(first))


def blank(doc: AnnotatedDocument) -> AnnotatedDocument:
    """The document as a model sees it before review: its text, tokens and entity spans, no events."""
    return AnnotatedDocument(title=doc.title, text=doc.text, tokens=doc.tokens, name=doc.name,
                             spans=tuple(s for s in doc.spans if s.kind == SpanKind.ENTITY),
                             presegmented=doc.presegmented)


def evaluate_events(gold_docs: Iterable[AnnotatedDocument],
                    suggest: Callable[[AnnotatedDocument], Iterable[EventSuggestion]], *,
                    types: Sequence[str] | None = None, roles: Sequence[str] | None = None) -> EventReport:
    """Run `suggest` on each gold document (its events hidden; its entity spans kept) and score it."""
    return score_events(((gold_events(d), as_gold(suggest(blank(d)))) for d in gold_docs), types=types, roles=roles)
