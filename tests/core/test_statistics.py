"""The pure statistics: outcomes, set arithmetic per document, active time, pace and finish date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from annotator.core.prelabel.learning.evaluate import score_spans
from annotator.core.statistics import (
    SpanFacts,
    Tally,
    active_seconds,
    burn_up,
    estimate_finish,
    judge_document,
    merge_tallies,
    outcome,
    pace_per_hour,
)


def test_outcome_of_a_suggestion():
    assert outcome((0, 2, "PER"), (0, 2, "PER"), "accepted") == "accepted"
    assert outcome((0, 2, "PER"), (0, 2, "LOC"), "accepted") == "relabelled"
    assert outcome((0, 2, "PER"), (0, 3, "PER"), "accepted") == "resized"
    assert outcome((0, 2, "PER"), (0, 3, "LOC"), "accepted") == "resized"
    assert outcome((0, 2, "PER"), (0, 2, "PER"), "rejected") == "rejected"
    assert outcome((0, 2, "PER"), (0, 2, "PER"), "suggested") == "undecided"


def test_judging_a_document_is_evals_set_arithmetic():
    spans = [
        SpanFacts("model", "accepted", (0, 2, "PER"), (0, 2, "PER")),      # accepted
        SpanFacts("model", "accepted", (3, 5, "PER"), (3, 5, "LOC")),      # relabelled
        SpanFacts("rules", "accepted", (6, 9, "ORG"), (6, 10, "ORG")),     # resized
        SpanFacts("model", "rejected", (11, 12, "LOC"), (11, 12, "LOC")),  # rejected
        SpanFacts("dictionary", "rejected", (0, 2, "PER"), (0, 2, "PER")),  # same key as the accepted one
        SpanFacts("manual", "accepted", (20, 22, "PER"), (20, 22, "PER")),  # added
        SpanFacts("import", "accepted", (30, 32, "LOC"), (30, 32, "LOC")),  # a file's: final, not added
    ]
    per_label, per_engine = judge_document(spans)
    gold = [s.final for s in spans if s.state == "accepted"]
    pred = [s.original for s in spans if s.origin not in ("manual", "import")]
    report = score_spans([(gold, pred)], labels=["PER", "LOC", "ORG"])
    for score in report.labels:
        tally = per_label[score.label]
        assert (tally.exact, tally.suggested, tally.final) == (score.tp, score.tp + score.fp, score.tp + score.fn)
        assert tally.precision == score.precision and tally.recall == score.recall
    assert per_label["PER"] == Tally(accepted=1, relabelled=1, rejected=1, added=1, suggested=2, exact=1, final=2)
    assert per_label["ORG"].resized == 1 and per_label["LOC"].added == 0
    assert per_engine["model"] == Tally(accepted=1, relabelled=1, rejected=1, suggested=3, exact=1, final=5)
    assert per_engine["dictionary"].exact == 1  # its key ended as a final span, whoever's row it was
    assert merge_tallies(per_engine, per_engine)["rules"].resized == 2


def test_active_seconds_leave_long_pauses_out():
    t0 = datetime(2026, 3, 1, 9, 0, 0)
    times = [t0 + timedelta(seconds=s) for s in (0, 30, 90, 90 + 3600, 90 + 3600 + 20)]
    assert active_seconds(times) == 30 + 60 + 20
    assert active_seconds(reversed(times)) == 110
    assert active_seconds([t0]) == 0.0
    assert active_seconds(times, pause=10_000) == 90 + 3600 + 20


def test_finish_at_the_recent_pace_and_burn_up():
    days = {date(2026, 3, 1): 10, date(2026, 3, 3): 30}
    finish = estimate_finish(days, 100, today=date(2026, 3, 4))
    assert finish.per_day == 20 and finish.days == 5 and finish.date == date(2026, 3, 9)
    assert estimate_finish({}, 5, today=date(2026, 3, 4)).days is None
    assert estimate_finish(days, 0, today=date(2026, 3, 4)).date == date(2026, 3, 4)
    recent = estimate_finish({date(2026, 1, d): (100 if d == 1 else 1) for d in range(1, 10)}, 7,
                             today=date(2026, 1, 10), window=7)
    assert recent.per_day == 1 and recent.days == 7  # the first, busy day is older than the window
    assert burn_up(days) == [(date(2026, 3, 1), 10), (date(2026, 3, 2), 10), (date(2026, 3, 3), 40)]
    assert burn_up({}) == []


def test_decisions_of_span_edits_and_their_undo():
    from annotator.core.annotations import EntitySpan, SpanState
    from annotator.core.statistics import Decisions, decision

    suggested = EntitySpan(1, 0, 2, "PER", origin="model", state=SpanState.SUGGESTED)
    accepted = EntitySpan(1, 0, 2, "PER", origin="model", state=SpanState.ACCEPTED)
    relabelled = EntitySpan(1, 0, 2, "LOC", origin="model", state=SpanState.ACCEPTED)
    rejected = EntitySpan(1, 0, 2, "PER", origin="model", state=SpanState.REJECTED)
    assert decision(suggested, accepted) == Decisions(1, 0)
    assert decision(accepted, suggested) == Decisions(-1, 0)  # undone
    assert decision(suggested, relabelled) == Decisions(0, 1)
    assert decision(suggested, rejected) == Decisions(0, 1)
    assert decision(rejected, suggested) == Decisions(0, -1)
    assert decision(None, suggested) == decision(suggested, None) == Decisions()
    manual = EntitySpan(2, 0, 2, "PER", origin="manual", state=SpanState.ACCEPTED)
    assert decision(manual, EntitySpan(2, 0, 3, "PER", origin="manual", state=SpanState.ACCEPTED)) == Decisions()
    assert decision(accepted, relabelled) == Decisions()  # decided already


def test_a_pace_needs_ten_minutes_at_work():
    """Eight documents timed at one second read 28,800 an hour; under MIN_PACE_SECONDS there is no pace."""
    assert pace_per_hour(8, 1.0) is None and pace_per_hour(1, 599.0) is None and pace_per_hour(0, 0.0) is None
    assert pace_per_hour(10, 600.0) == 60.0 and pace_per_hour(15, 15 * 90.0) == 40.0
    assert pace_per_hour(3, 30.0, least=10.0) == 360.0
