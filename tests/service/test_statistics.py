"""`project.statistics`: a reviewer's decisions on suggestions, time at work, filters, counts, undo."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from annotator.core.statistics import Tally
from annotator.service import Project

TEXT = "李明在北京大学见到王芳和张伟。"  # 李明 0-2, 北京大学 3-7, 王芳 9-11, 张伟 12-14


class Clock:
    """The time the store and the edits write, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = datetime(2026, 3, 2, 9, 0, 0)
        stamp = lambda: self.at.strftime("%Y-%m-%dT%H:%M:%S")  # noqa: E731
        monkeypatch.setattr("annotator.store.database.now", stamp)
        monkeypatch.setattr("annotator.service.editing.now", stamp)
        monkeypatch.setattr("annotator.store.changelog.now", stamp)

    def tick(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


def suggestion(start: int, end: int, label: str, origin: str = "model") -> dict:
    return {"start": start, "end": end, "label": label, "origin": origin, "state": "suggested"}


@pytest.fixture
def project(tmp_path, monkeypatch):
    clock = Clock(monkeypatch)
    lines = [{"text": TEXT, "entities": [suggestion(0, 2, "PER"), suggestion(3, 5, "LOC"),
                                         suggestion(9, 11, "LOC"), suggestion(12, 14, "PER", "rules")]},
             {"text": "第二篇：上海很大。", "entities": [suggestion(4, 6, "LOC", "dictionary")]},
             {"text": "第三篇没有人审。", "entities": []}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    p = Project.create(tmp_path / "p.annot", schema="news-zh", user="ann1")
    p.importer.import_paths([source], prelabel=False)
    p.clock = clock  # type: ignore[attr-defined]
    yield p
    p.close()


def ids(p: Project, doc_id: int) -> dict[tuple[int, int], int]:
    return {(s.start, s.end): s.id for s in p.document(doc_id).spans}


def test_a_reviewers_decisions_are_judged_against_what_was_suggested(project):
    p, clock = project, project.clock
    first, second, third = p.document_ids()
    spans = ids(p, first)
    p.edits.accept([spans[(0, 2)]])
    clock.tick(20)
    p.edits.resize(spans[(3, 5)], 3, 7)           # 北京 -> 北京大学
    clock.tick(40)
    p.edits.relabel(spans[(9, 11)], "PER")         # 王芳 LOC -> PER
    clock.tick(3600)                               # lunch: left out
    p.edits.reject([spans[(12, 14)]])
    clock.tick(10)
    p.edits.add_span(first, 12, 14, "PER")         # the reviewer marks 张伟 herself: the rejected row accepted again
    clock.tick(30)
    p.edits.set_status(first, "reviewed")
    stats = p.statistics.compute(today=date(2026, 3, 2))

    s = stats.suggestions
    # 张伟 was rejected, then marked again: its row ended accepted as the rules engine suggested it
    assert s.per_label["PER"] == Tally(accepted=2, relabelled=0, resized=0, rejected=0, added=0,
                                       suggested=2, exact=2, final=3)
    assert s.per_label["LOC"] == Tally(resized=1, relabelled=1, suggested=2, exact=0, final=1)
    assert s.per_engine["model"] == Tally(accepted=1, resized=1, relabelled=1, suggested=3, exact=1, final=4)
    assert s.per_engine["rules"].accepted == 1 and s.per_engine["rules"].precision == 1.0
    assert "dictionary" not in s.per_engine  # the second document is not reviewed: nothing judged there
    assert stats.documents == {"reviewed": 1, "new": 1, "pre-annotated": 1}
    assert stats.per_day == {date(2026, 3, 2): 1} and stats.annotators["ann1"].documents == 1
    assert stats.seconds_per_document == (20 + 40 + 10 + 30,)
    assert stats.annotators["ann1"].seconds == 100
    assert stats.finish.remaining == 2 and stats.finish.days == 2
    assert stats.labels == {"LOC": 1, "PER": 3}
    data = stats.to_dict()
    assert data["suggestions"]["per_label"]["PER"]["precision"] == 1.0
    assert data["suggestions"]["per_label"]["PER"]["recall"] == round(2 / 3, 6)
    # 100 s at work is too little to tell a pace from (it read 36 an hour)
    assert data["annotators"] == {"ann1": {"documents": 1, "done": 1, "seconds": 100.0, "timed": 1, "per_hour": None}}


def test_undo_puts_the_suggestion_back_as_it_was(project):
    p = project
    first = p.document_ids()[0]
    spans = ids(p, first)
    p.edits.accept([spans[(0, 2)], spans[(12, 14)]])
    changes = p.edits.relabel(spans[(9, 11)], "PER")
    p.undo(changes)
    p.edits.accept([spans[(9, 11)]])
    p.edits.resize(spans[(3, 5)], 3, 7)
    p.edits.resize(spans[(3, 5)], 3, 5)            # and back: as suggested after all
    p.edits.set_status(first, "reviewed")
    per_label = p.statistics.compute().suggestions.per_label
    assert per_label["LOC"] == Tally(accepted=2, suggested=2, exact=2, final=2)
    assert per_label["PER"].relabelled == 0 and per_label["PER"].precision == 1.0


def test_scope_by_date_and_annotator(project):
    p, clock = project, project.clock
    first, second, _ = p.document_ids()
    p.edits.set_status(first, "reviewed")
    clock.tick(86400 * 3)
    p.store.user = "ann2"
    p.edits.accept(list(ids(p, second).values()))
    clock.tick(5)
    p.edits.set_status(second, "reviewed")
    everyone = p.statistics.compute()
    assert set(everyone.per_day.values()) == {1} and len(everyone.per_day) == 2
    assert set(everyone.annotators) == {"ann1", "ann2"}
    late = p.statistics.compute(since="2026-03-05")
    assert list(late.per_day) == [date(2026, 3, 5)] and set(late.suggestions.per_engine) == {"dictionary"}
    mine = p.statistics.compute(annotator="ann1")
    assert set(mine.annotators) == {"ann1"} and "dictionary" not in mine.suggestions.per_engine
    assert set(mine.suggestions.per_engine) == {"model", "rules"}
    assert mine.suggestions.per_engine["model"].undecided == 3  # reviewed without deciding them


def test_the_models_suggestions_before_and_after_a_retraining(tmp_path, monkeypatch):
    from annotator.store import changelog

    clock = Clock(monkeypatch)
    lines = [{"text": TEXT, "entities": [suggestion(0, 2, "PER"), suggestion(3, 5, "LOC")]},
             {"text": "张伟去了上海。", "entities": [suggestion(0, 2, "PER"), suggestion(4, 6, "LOC")]}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    with Project.create(tmp_path / "p.annot", schema="news-zh", user="ann1") as p:
        p.importer.import_paths([source], prelabel=False)
        first, second = p.document_ids()
        assert p.statistics.compute().per_model == ()  # never retrained: nothing to compare
        one = ids(p, first)
        p.edits.accept([one[(0, 2)]])
        p.edits.resize(one[(3, 5)], 3, 7)
        p.edits.set_status(first, "reviewed")
        clock.tick(3600)
        with p.store.transaction():
            changelog.log_action(p.store.db, user="ann1", action=changelog.MODEL_ADOPTED)
        clock.tick(60)
        p.edits.accept(list(ids(p, second).values()))
        p.edits.set_status(second, "reviewed")
        stats = p.statistics.compute()
        before, after = stats.per_model
    assert (before.name, before.start, before.end) == ("starter", None, "2026-03-02T10:00:00")
    assert (after.name, after.start, after.end) == ("retrained 1", "2026-03-02T10:00:00", None)
    assert before.documents == after.documents == 1
    assert (before.tally.precision, before.tally.recall) == (0.5, 0.5)
    assert (after.tally.precision, after.tally.recall) == (1.0, 1.0)
    listed = stats.to_dict()["suggestions"]["per_model"]
    assert [(m["model"], m["documents"], m["precision"]) for m in listed] == [("starter", 1, 0.5), ("retrained 1", 1, 1.0)]


def test_an_annotators_time_comes_with_their_merged_file(tmp_path, monkeypatch):
    clock = Clock(monkeypatch)
    lines = [{"text": TEXT, "entities": [suggestion(0, 2, "PER"), suggestion(3, 5, "LOC")]},
             {"text": "张伟去了上海。", "entities": [suggestion(0, 2, "PER")]}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    lead = Project.create(tmp_path / "lead.annot", schema="news-zh", user="lead")
    lead.importer.import_paths([source], prelabel=False)
    lead.team.assign(["ann1"], tmp_path / "team")
    with Project.open(tmp_path / "team" / "ann1.annot", user="ann1") as mine:
        for doc_id in mine.document_ids():
            mine.edits.accept(list(ids(mine, doc_id).values()))
            clock.tick(45)
            mine.edits.set_status(doc_id, "reviewed")
            clock.tick(7200)  # a long pause before the next one: not work
    lead.team.merge(tmp_path / "team" / "ann1.annot")
    stats = lead.statistics.compute()
    assert stats.annotators["ann1"].documents == 2 and stats.annotators["ann1"].seconds == 90
    assert sorted(stats.seconds_per_document) == [45, 45]
    assert lead.statistics.compute(annotator="someone").annotators == {}
    lead.close()


def test_an_annotators_documents_and_pace_are_theirs(tmp_path, monkeypatch):
    """With an annotator the documents per status and the finish are theirs (assigned, annotated or reviewed by
    them): they were the project's, so ann1's one document left read as the whole project's three."""
    clock = Clock(monkeypatch)
    lines = [{"text": TEXT}, {"text": "张伟去了上海。"}, {"text": "第三篇没有人审。"}, {"text": "第四篇：王芳在广州。"}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    with Project.create(tmp_path / "lead.annot", schema="news-zh", user="lead") as lead:
        lead.importer.import_paths([source], prelabel=False)
        first, second, third, fourth = lead.document_ids()
        handed = lead.team.assign(["ann1"], tmp_path / "team", statuses=[lead.document(first).status.value]).shares
        assert sorted(handed["ann1"]) == [first, second, third, fourth]
        with Project.open(tmp_path / "team" / "ann1.annot", user="ann1") as mine:
            mine.edits.set_status(first, "reviewed")
            clock.tick(86400)
            mine.edits.set_status(second, "reviewed")
        lead.team.merge(tmp_path / "team" / "ann1.annot")
        lead.store.user = "ann2"  # a second reviewer working in the lead's file, on a document nobody was handed
        with lead.store.transaction() as db:
            db.execute("DELETE FROM assignments WHERE doc_id = ?", [fourth])
        lead.edits.set_status(fourth, "in-review")
        clock.tick(86400)
        project = lead.statistics.compute(today=date(2026, 3, 5))
        ann1 = lead.statistics.compute(annotator="ann1", today=date(2026, 3, 5))
        ann2 = lead.statistics.compute(annotator="ann2", today=date(2026, 3, 5))
        nobody = lead.statistics.compute(annotator="someone", today=date(2026, 3, 5))
    assert sum(project.documents.values()) == 4 and project.finish.remaining == 2
    assert ann1.documents == {"reviewed": 2, "new": 1} and ann1.finish.remaining == 1
    assert ann1.finish.per_day == 2.0 and ann1.finish.days == 1  # both reviewed on the day of the merge; one left
    assert ann2.documents == {"in-review": 1} and ann2.finish.remaining == 1 and ann2.finish.days is None
    assert nobody.documents == {} and nobody.finish.remaining == 0


def test_an_annotator_whose_name_holds_like_wildcards_counts_only_their_documents(project):
    """`%` and `_` in a name are characters, not patterns: with LIKE, "a%" counted the documents "a_b" and "axb"
    reviewed, and "a_b" those of "axb"."""
    p = project
    for doc_id, name in zip(p.document_ids(), ("a%", "a_b", "axb"), strict=True):
        p.store.user = name
        p.edits.set_status(doc_id, "reviewed")
    for name in ("a%", "a_b", "axb"):
        stats = p.statistics.compute(annotator=name)
        assert sum(stats.per_day.values()) == 1, name
        assert list(stats.per_annotator_day) == [name]
    assert sum(p.statistics.compute().per_day.values()) == 3
    assert sum(p.statistics.compute(annotator="a").per_day.values()) == 0
