"""Statistics as pure functions: how suggestions fared in review, time at work, pace and finish date.

A suggestion is judged by what became of it in a reviewed document: its original bounds and label (as the
engine made it) against the span it ended as. **Precision** of a label = suggestions that ended exactly as
a final span (bounds and label) / all suggestions of that label; **recall** = final spans suggested exactly
so / all final spans of that label: the same set arithmetic as `annotator eval`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta

from annotator.core.annotations import EntitySpan, SpanState

PAUSE_SECONDS = 300.0   # a longer gap between two edits is a pause, not work on the document
PACE_DAYS = 7           # the pace is the mean over the last this many days with reviews
# Documents per hour need this much time at work behind them. Time at work counts the gaps between a document's
# edits, so a document's first edit (the reading before it) carries none: two edits a second apart made a pace of
# 3,600 documents an hour, eight documents timed at one second 28,800. Under ten minutes that missing time can be
# most of the work; past it, at the one to two minutes a news article takes, a pace stands on some five or more
# documents and reads as what a person does.
MIN_PACE_SECONDS = 600.0

Key = tuple[int, int, str]  # (start, end, label)
NOT_SUGGESTED = ("manual", "import")

ACCEPTED, RELABELLED, RESIZED, REJECTED, UNDECIDED = "accepted", "relabelled", "resized", "rejected", "undecided"


@dataclass(frozen=True)
class Tally:
    """What became of the suggestions of one label or one engine in reviewed documents."""

    accepted: int = 0     # kept unchanged
    relabelled: int = 0   # kept with the same bounds and another label
    resized: int = 0      # kept with other bounds
    rejected: int = 0
    undecided: int = 0    # still a suggestion in a document marked reviewed
    added: int = 0        # final spans a reviewer made where no suggestion was (origin manual)
    suggested: int = 0    # all suggestions
    exact: int = 0        # suggestions that ended exactly as a final span
    final: int = 0        # final (accepted) spans

    @property
    def precision(self) -> float:
        """exact / suggested (0 without suggestions)."""
        return self.exact / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        """exact / final (0 without final spans)."""
        return self.exact / self.final if self.final else 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*[getattr(self, name) + getattr(other, name) for name in TALLY_FIELDS])

    def to_dict(self) -> dict[str, float]:
        """The `stats --json` shape: the counts with precision and recall."""
        return {**asdict(self), "precision": round(self.precision, 6), "recall": round(self.recall, 6)}


TALLY_FIELDS = tuple(f.name for f in fields(Tally))


def outcome(original: Key, final: Key, state: str) -> str:
    """What a reviewer did with a suggestion made as `original` that is now `final` in `state`."""
    if state == "rejected":
        return REJECTED
    if state != "accepted":
        return UNDECIDED
    if original[:2] != final[:2]:
        return RESIZED
    return ACCEPTED if original[2] == final[2] else RELABELLED


@dataclass(frozen=True)
class SpanFacts:
    """One span of a reviewed document as the statistics see it."""

    origin: str            # the engine; "manual" for a span a person made, "import" for one a file brought
    state: str
    original: Key          # as suggested (for a manual span: as it is)
    final: Key             # as it is now

    @property
    def suggestion(self) -> bool:
        """Whether an engine suggested it (a span an imported file brought is no engine's suggestion)."""
        return self.origin not in NOT_SUGGESTED


def judge_document(spans: Sequence[SpanFacts]) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """({original label: Tally}, {engine: Tally}) of one document's spans (all of one kind).

    Outcomes count span rows; suggested, exact and final count distinct keys, as `annotator eval` does."""
    return judge_documents([spans])


def judge_documents(documents: Iterable[Sequence[SpanFacts]]) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """`judge_document` over many documents, added up (an engine's `final` sums the documents it was in)."""
    per_label: dict[str, Counter[str]] = defaultdict(Counter)
    per_engine: dict[str, Counter[str]] = defaultdict(Counter)
    for spans in documents:
        _judge_into(spans, per_label, per_engine)
    return ({k: Tally(**c) for k, c in sorted(per_label.items())},
            {k: Tally(**c) for k, c in sorted(per_engine.items())})


def _judge_into(spans: Sequence[SpanFacts], per_label: dict[str, Counter[str]],
                per_engine: dict[str, Counter[str]]) -> None:
    final = {s.final for s in spans if s.state == "accepted"}
    by_engine: dict[str, set[Key]] = defaultdict(set)
    for s in spans:
        if s.suggestion:
            result = outcome(s.original, s.final, s.state)
            per_label[s.original[2]][result] += 1
            per_engine[s.origin][result] += 1
            by_engine[s.origin].add(s.original)
        elif s.state == "accepted" and s.origin == "manual":
            per_label[s.final[2]]["added"] += 1
    for key in set().union(*by_engine.values()):
        per_label[key[2]]["suggested"] += 1
        per_label[key[2]]["exact"] += key in final
    for key in final:
        per_label[key[2]]["final"] += 1
    for engine, keys in by_engine.items():
        per_engine[engine].update(suggested=len(keys), exact=len(keys & final), final=len(final))


def merge_tallies(*tables: Mapping[str, Tally]) -> dict[str, Tally]:
    """Add tables of tallies key by key (keys sorted)."""
    out: dict[str, Tally] = {}
    for table in tables:
        for key, tally in table.items():
            out[key] = out.get(key, Tally()) + tally
    return dict(sorted(out.items()))


# -- time ---------------------------------------------------------------------------------------
def parse_time(text: str) -> datetime:
    """A change-log timestamp (`YYYY-MM-DDTHH:MM:SS`) as a datetime."""
    return datetime.fromisoformat(text)


def active_seconds(times: Iterable[datetime], *, pause: float = PAUSE_SECONDS) -> float:
    """Seconds from the first to the last edit with every gap longer than `pause` left out."""
    ordered = sorted(times)
    return float(sum(gap for a, b in zip(ordered, ordered[1:], strict=False)
                     if (gap := (b - a).total_seconds()) <= pause))


def pace_per_hour(documents: int, seconds: float, *, least: float = MIN_PACE_SECONDS) -> float | None:
    """Documents per hour of time at work; None (too little work to tell) under `least` seconds of it."""
    return documents / (seconds / 3600) if seconds >= least and seconds > 0 else None


@dataclass(frozen=True)
class Finish:
    """When the rest will be done at the current pace."""

    remaining: int
    per_day: float          # documents reviewed per day over the last PACE_DAYS days with reviews
    days: int | None        # None: no pace yet
    date: date | None

    def to_dict(self) -> dict[str, object]:
        """The `stats --json` shape."""
        return {"remaining": self.remaining, "per_day": round(self.per_day, 3), "days": self.days,
                "date": self.date.isoformat() if self.date else None}


def estimate_finish(per_day: Mapping[date, int], remaining: int, *, today: date,
                    window: int = PACE_DAYS) -> Finish:
    """The finish date: `remaining` documents at the mean pace of the last `window` days with reviews."""
    recent = [n for _, n in sorted(per_day.items())[-window:] if n > 0]
    pace = sum(recent) / len(recent) if recent else 0.0
    if remaining <= 0:
        return Finish(0, pace, 0, today)
    if pace <= 0:
        return Finish(remaining, 0.0, None, None)
    days = math.ceil(remaining / pace)
    return Finish(remaining, pace, days, today + timedelta(days=days))


def burn_up(per_day: Mapping[date, int]) -> list[tuple[date, int]]:
    """(day, documents reviewed up to and including that day) for every day from the first to the last."""
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    out, total = [], 0
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        total += per_day.get(day, 0)
        out.append((day, total))
    return out


# -- the window's live line ------------------------------------------------------------------------
@dataclass(frozen=True)
class Decisions:
    """Suggestions decided: accepted as suggested, or changed (relabelled, resized or rejected)."""

    accepted: int = 0
    changed: int = 0

    def __add__(self, other: Decisions) -> Decisions:
        return Decisions(self.accepted + other.accepted, self.changed + other.changed)


def decision(before: EntitySpan | None, after: EntitySpan | None) -> Decisions:
    """What one edit of a span did to the decided suggestions (negative when an undo takes one back).

    A suggestion decided is a suggested span that became accepted (the same: accepted, else changed) or
    rejected (changed); a span deleted or created (the engines refreshing suggestions) decides nothing."""
    if before is None or after is None or before.origin in NOT_SUGGESTED:
        return Decisions()
    if before.state == SpanState.SUGGESTED and after.state != SpanState.SUGGESTED:
        return _decided(before, after, 1)
    if after.state == SpanState.SUGGESTED and before.state != SpanState.SUGGESTED:
        return _decided(after, before, -1)
    return Decisions()


def decided_states(before: SpanState, after: SpanState, origins: Iterable[tuple[str, int]]) -> Decisions:
    """What a bulk edit of states alone did (`origins`: how many spans of each origin), as `decision`
    would count it span by span: the spans keep their bounds and labels."""
    n = sum(count for origin, count in origins if origin not in NOT_SUGGESTED)
    if before == SpanState.SUGGESTED and after != SpanState.SUGGESTED:
        sign = 1
    elif after == SpanState.SUGGESTED and before != SpanState.SUGGESTED:
        sign = -1
    else:
        return Decisions()
    decided = after if sign > 0 else before
    return Decisions(sign * n, 0) if decided == SpanState.ACCEPTED else Decisions(0, sign * n)


def _decided(suggested: EntitySpan, decided: EntitySpan, sign: int) -> Decisions:
    same = decided.state == SpanState.ACCEPTED and (suggested.start, suggested.end, suggested.label) == \
        (decided.start, decided.end, decided.label)
    return Decisions(sign, 0) if same else Decisions(0, sign)
