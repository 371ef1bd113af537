"""Statistics of a project (`project.statistics`, `annotator stats`): progress, suggestions as reviewed, counts, team.

Suggestions are judged in reviewed documents. A span keeps its row when a reviewer (or a merged annotator's
layer) accepts, relabels, resizes or rejects it, so what the engine suggested is the span as it is, unless
the change log holds an update of its bounds or label: the first such update's before-image is the
original. Only the documents with such updates are judged one by one; the rest is one grouped SQL pass.
"""

from __future__ import annotations

import statistics as pystats
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from annotator.core.statistics import (
    NOT_SUGGESTED,
    Finish,
    Key,
    SpanFacts,
    Tally,
    active_seconds,
    burn_up,
    estimate_finish,
    judge_documents,
    merge_tallies,
    outcome,
    pace_per_hour,
    parse_time,
)
from annotator.store import stats as store
from annotator.store.stats import Scope

if TYPE_CHECKING:
    from annotator.service.project import Project

TABLE_OF_KIND = {"entity": "per_label", "trigger": "per_event_type"}


@dataclass(frozen=True)
class AnnotatorWork:
    """One annotator's documents (store/stats.py's one definition: assigned to, annotated or reviewed by them),
    those they did (their file merged, or reviewed here), and their time at work."""

    documents: int
    done: int
    seconds: float         # time at work: edits here, and the time their merged files logged
    timed: int = 0         # the documents that time was spent on

    @property
    def per_hour(self) -> float | None:
        """Documents per hour over the documents timed; None when the time at work is too little to tell
        (core/statistics.py's MIN_PACE_SECONDS)."""
        return pace_per_hour(self.timed, self.seconds)

    def to_dict(self) -> dict[str, Any]:
        """The `stats --json` shape (`per_hour` null: too little work to tell)."""
        pace = self.per_hour
        return {"documents": self.documents, "done": self.done, "seconds": round(self.seconds, 1),
                "timed": self.timed, "per_hour": None if pace is None else round(pace, 2)}


@dataclass(frozen=True)
class Suggestions:
    """Tallies of suggestions in reviewed documents: per entity label, per engine, per event type (triggers)."""

    per_label: dict[str, Tally] = field(default_factory=dict)
    per_engine: dict[str, Tally] = field(default_factory=dict)
    per_event_type: dict[str, Tally] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The `stats --json` shape."""
        return {name: {k: t.to_dict() for k, t in getattr(self, name).items()}
                for name in ("per_label", "per_engine", "per_event_type")}


@dataclass(frozen=True)
class ModelVersion:
    """The model engine's suggestions in the documents reviewed while one model was in use."""

    name: str                 # "starter", then "retrained 1", "retrained 2", ...
    start: str | None         # when it became the one in use (None: from the beginning)
    end: str | None           # when the next one did (None: still in use)
    documents: int
    tally: Tally

    def to_dict(self) -> dict[str, Any]:
        """The `stats --json` shape."""
        return {"model": self.name, "from": self.start, "to": self.end, "documents": self.documents,
                **self.tally.to_dict()}


@dataclass(frozen=True)
class ProjectStatistics:
    """Everything `annotator stats` and the Statistics view show."""

    documents: dict[str, int]
    per_day: dict[date, int]
    per_annotator_day: dict[str, dict[date, int]]
    finish: Finish
    seconds_per_document: tuple[float, ...]
    suggestions: Suggestions
    labels: dict[str, int]
    events: dict[str, int]
    roles: dict[str, int]
    event_warnings: dict[str, int]
    annotators: dict[str, AnnotatorWork]
    agreement: dict[str, Any] | None
    per_model: tuple[ModelVersion, ...] = ()

    @property
    def burn_up(self) -> list[tuple[date, int]]:
        """(day, documents reviewed so far)."""
        return burn_up(self.per_day)

    def to_dict(self) -> dict[str, Any]:
        """The `stats --json` shape (the issue's keys and more)."""
        times = self.seconds_per_document
        return {
            "documents": dict(sorted(self.documents.items())),
            "progress": {
                "total": sum(self.documents.values()), "reviewed": self.documents.get("reviewed", 0),
                "per_day": {d.isoformat(): n for d, n in sorted(self.per_day.items())},
                "per_annotator_day": {a: {d.isoformat(): n for d, n in sorted(days.items())}
                                      for a, days in sorted(self.per_annotator_day.items())},
                "finish": self.finish.to_dict(),
                "seconds_per_document": {"documents": len(times),
                                         "median": round(pystats.median(times), 1) if times else None,
                                         "mean": round(pystats.fmean(times), 1) if times else None},
            },
            "suggestions": {**self.suggestions.to_dict(), "per_model": [m.to_dict() for m in self.per_model]},
            "labels": self.labels, "events": self.events, "roles": self.roles,
            "event_warnings": self.event_warnings,
            "annotators": {a: w.to_dict() for a, w in sorted(self.annotators.items())},
            "agreement": self.agreement,
        }


class Statistics:
    """The project's statistics (`project.statistics`); reads only."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.store = project.store

    def compute(self, *, since: str | None = None, annotator: str | None = None,
                today: date | None = None) -> ProjectStatistics:
        """All statistics, over reviewed documents reviewed on or after `since` (YYYY-MM-DD) by `annotator`; with
        `annotator`, the documents per status and the pace are theirs too (those assigned to, annotated or
        reviewed by them, and what is left of those at the pace they did theirs)."""
        db = self.store.db
        scope = Scope(since, annotator)
        per_day = self._days(scope)
        documents = (self.project.status_counts() if annotator is None
                     else store.annotator_status_counts(db, annotator))
        remaining = sum(n for s, n in documents.items() if s not in ("reviewed", "skipped"))
        seconds, per_user, timed = self._times(scope)
        theirs = store.annotator_work(db, scope)
        per_annotator_day = _per_annotator_day(theirs[1])
        done = {a: sum(days.values()) for a, days in per_annotator_day.items()}
        annotators = {a: AnnotatorWork(theirs[0].get(a, 0), done.get(a, 0), per_user.get(a, 0.0), timed.get(a, 0))
                      for a in sorted(set(theirs[0]) | set(per_user)) if a}
        pace = per_day if annotator is None else per_annotator_day.get(annotator, {})
        suggestions, labels = self.suggestions(scope)
        layers = bool(self.project.team.annotators())
        return ProjectStatistics(
            documents=documents, per_day=per_day, per_annotator_day=per_annotator_day,
            finish=estimate_finish(pace, remaining, today=today or date.today()),
            seconds_per_document=tuple(seconds), suggestions=suggestions, labels=labels,
            events=store.event_counts(db), roles=store.role_counts(db),
            event_warnings=self._warnings(), annotators=annotators,
            agreement=self.project.team.agreement(worst=0).to_dict() if layers else None,
            per_model=self.per_model(scope))

    def per_model(self, scope: Scope) -> tuple[ModelVersion, ...]:
        """The model engine's precision and recall in the documents reviewed under each model in turn (a
        document opened after a retraining is suggested afresh by the new model); empty before any
        retraining. One pass over the spans per model version."""
        times = _apart(store.model_times(self.store.db))
        if not times:
            return ()
        bounds = [None, *times, None]
        out = []
        for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
            since = max(filter(None, (scope.since, start)), default=None)
            part = Scope(since=since, annotator=scope.annotator, until=end)
            documents = sum(n for *_, n in store.reviewed_per_day(self.store.db, part))
            tally = self.suggestions(part)[0].per_engine.get("model", Tally())
            out.append(ModelVersion("starter" if i == 0 else f"retrained {i}", start, end, documents, tally))
        return tuple(out)

    def _warnings(self) -> dict[str, int]:
        """Schema warnings on events, by kind (only documents with events are read)."""
        return self.project.event_warning_counts()

    def _days(self, scope: Scope) -> dict[date, int]:
        """Reviewed documents per day."""
        per_day: dict[date, int] = defaultdict(int)
        for day, _reviewer, n in store.reviewed_per_day(self.store.db, scope):
            per_day[date.fromisoformat(day)] += n
        return dict(per_day)

    def _times(self, scope: Scope) -> tuple[list[float], dict[str, float], dict[str, int]]:
        """Seconds of work per document (all its reviewers together) and per user, long pauses left out (the
        edits in this project, and the time merged annotators' files logged), and per user the documents with
        some of that time."""
        per_doc: dict[int, float] = defaultdict(float)
        per_user: dict[str, float] = defaultdict(float)
        timed: dict[str, set[int]] = defaultdict(set)
        rows = [*_spent(store.edit_times(self.store.db, scope)), *store.layer_seconds(self.store.db, scope)]
        for doc_id, user, spent in rows:
            per_doc[doc_id] += spent
            per_user[user] += spent
            if spent > 0:
                timed[user].add(doc_id)
        return [s for s in per_doc.values() if s > 0], dict(per_user), {u: len(d) for u, d in timed.items()}

    def suggestions(self, scope: Scope | None = None) -> tuple[Suggestions, dict[str, int]]:
        """Suggestions as reviewed (see the module docstring), and accepted entity spans per label."""
        scope = scope or Scope()
        db = self.store.db
        originals = _originals(store.span_edits(db))
        changed: dict[int, Key] = {}
        touched: set[int] = set()
        for span_id, doc_id, start, end, label, _kind, origin, _state in store.spans_by_id(db, list(originals)):
            before = originals[span_id]
            key = (before.get("start", start), before.get("end", end), before.get("label", label))
            if origin not in NOT_SUGGESTED and key != (start, end, label):
                changed[span_id] = key
                touched.add(doc_id)
        tables: dict[str, list[dict[str, Tally]]] = {"per_label": [], "per_engine": [], "per_event_type": []}
        kinds_of: dict[str, set[str]] = defaultdict(set)  # the kinds of span each engine suggested
        grouped, labels = _grouped(store.span_groups(db, scope, apart=sorted(touched)), kinds_of)
        for name, table in grouped.items():
            tables[name].append(table)
        for kind, (per, engines) in _judged_one_by_one(store.judged_spans(db, sorted(touched), scope), changed):
            tables[TABLE_OF_KIND[kind]].append(per)
            tables["per_engine"].append(engines)
            for engine in engines:
                kinds_of[engine].add(kind)
        merged = {name: merge_tallies(*ts) for name, ts in tables.items()}
        # An engine's recall is over every final span of the kinds it suggests in the judged documents (whole
        # events suggest triggers and entities, the trigger words triggers, the others entities).
        finals = {kind: sum(t.final for t in merged[name].values()) for kind, name in TABLE_OF_KIND.items()}
        merged["per_engine"] = {e: replace(t, final=sum(finals[kind] for kind in kinds_of[e]))
                                for e, t in merged["per_engine"].items()}
        return Suggestions(**merged), labels


def _per_annotator_day(rows: Iterable[tuple[str, str, int]]) -> dict[str, dict[date, int]]:
    """{annotator: {day: documents they did}}: a document counts for each annotator whose file was merged for it
    (on the day of the merge) or who reviewed it here, not only for its final reviewer (the adjudicator of a
    disputed one)."""
    out: dict[str, dict[date, int]] = defaultdict(dict)
    for name, day, n in rows:
        if name:
            out[name][date.fromisoformat(day)] = n
    return dict(out)


def work_seconds(db: Any) -> dict[int, float]:
    """{doc id: seconds of work on it} from a project's change log (every user, long pauses left out)."""
    out: dict[int, float] = defaultdict(float)
    for doc_id, _user, spent in _spent(store.edit_times(db, Scope())):
        out[doc_id] += spent
    return dict(out)


def _spent(edits: Iterable[tuple[int, str, str]]) -> list[tuple[int, str, float]]:
    """(doc id, user, active seconds) from (doc id, user, when) edits."""
    stamps: dict[tuple[int, str], list[datetime]] = defaultdict(list)
    for doc_id, user, at in edits:
        stamps[(doc_id, user)].append(parse_time(at))
    return [(doc_id, user, active_seconds(times)) for (doc_id, user), times in stamps.items()]


def _apart(times: list[str], *, seconds: int = 60) -> list[str]:
    """The times with any within `seconds` of the one before dropped (a model logged and stored together)."""
    out: list[str] = []
    for t in times:
        if not out or (parse_time(t) - parse_time(out[-1])).total_seconds() > seconds:
            out.append(t)
    return out


def _originals(edits: Iterable[tuple[int, dict[str, Any]]]) -> dict[int, dict[str, Any]]:
    """{span id: {column: value before its first logged change}} for start, end and label."""
    out: dict[int, dict[str, Any]] = {}
    for span_id, before in edits:
        seen = out.setdefault(span_id, {})
        for column in ("start", "end", "label"):
            if column in before and column not in seen:
                seen[column] = before[column]
    return out


def _grouped(groups: Iterable[tuple[str, str, str, str, int, int]],
             kinds_of: dict[str, set[str]]) -> tuple[dict[str, dict[str, Tally]], dict[str, int]]:
    """Tallies of the documents judged in SQL (where every suggestion is as the engine made it), and the
    accepted entity spans per label over the whole project; adds the kinds each engine suggested to kinds_of."""
    tables: dict[str, dict[str, Tally]] = {"per_label": {}, "per_engine": {}, "per_event_type": {}}
    labels: dict[str, int] = defaultdict(int)
    for kind, label, origin, state, total, n in groups:
        if kind == "entity" and state == "accepted":
            labels[label] += total
        if not n or kind not in TABLE_OF_KIND:
            continue
        per = tables[TABLE_OF_KIND[kind]]
        if state == "accepted":
            _add(per, label, final=n, added=n if origin == "manual" else 0)
        if origin in NOT_SUGGESTED:
            continue
        key = (0, 0, label)
        counts = {outcome(key, key, state): n, "suggested": n, "exact": n if state == "accepted" else 0}
        _add(per, label, **counts)
        _add(tables["per_engine"], origin, **counts)
        kinds_of[origin].add(kind)
    return tables, dict(sorted(labels.items()))


def _judged_one_by_one(rows: Iterable[tuple[Any, ...]], changed: dict[int, Key]) -> list[tuple[str, tuple[dict[str, Tally], dict[str, Tally]]]]:
    """Per kind of span: (label tallies, engine tallies) by set arithmetic, document by document."""
    spans: dict[str, dict[int, list[SpanFacts]]] = defaultdict(lambda: defaultdict(list))
    for span_id, doc_id, start, end, label, kind, origin, state in rows:
        final = (start, end, label)
        spans[kind][doc_id].append(SpanFacts(origin, state, changed.get(span_id, final), final))
    return [(kind, judge_documents(docs.values())) for kind, docs in spans.items()]


def _add(table: dict[str, Tally], key: str, **counts: int) -> None:
    table[key] = table.get(key, Tally()) + Tally(**counts)
