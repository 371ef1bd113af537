"""Accept all triggers and reject all suggestions on a document full of whole-event suggestions (suggested
events with suggested arguments) take the set-based path: a few compact change-log records, and the file,
undo, redo and a reopened project the same as the one-at-a-time path gives (issue 19 item 14, rows 5c/5d)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState
from annotator.core.event_suggestions import ArgumentSuggestion, EventSuggestion
from annotator.core.schema import Schema
from annotator.service import Project
from annotator.service import triggers as triggers_module
from annotator.service.editing import BULK, Edits
from annotator.service.triggers import Triggers

N = 2 * BULK  # events: well over the bulk threshold
UNIT = "会见李鹏北京某地"  # per event: trigger 会见, an entity 李鹏, a new place 北京, a new unlabelled span 某地
EVENT = "Contact:Meet"


class Fixed:
    """A suggester that proposes what it is given (a model stand-in)."""

    def __init__(self, found: list[EventSuggestion]) -> None:
        self.found = found

    def suggest(self, doc: AnnotatedDocument, schema: Schema) -> list[EventSuggestion]:
        return list(self.found)


def document() -> AnnotatedDocument:
    """N units; the person of every even unit is accepted, of every odd one suggested; in every tenth unit
    a suggested ORG across the trigger's second character and the person crosses it."""
    text = UNIT * N
    spans = []
    for i in range(N):
        state = SpanState.ACCEPTED if i % 2 == 0 else SpanState.SUGGESTED
        spans.append(EntitySpan(len(spans) + 1, 8 * i + 2, 8 * i + 4, "PER", origin="model", state=state))
        if i % 10 == 4:  # crosses the accepted person: accepting it as an argument must leave it suggested
            spans.append(EntitySpan(len(spans) + 1, 8 * i + 3, 8 * i + 5, "ORG", origin="model",
                                    state=SpanState.SUGGESTED))
    return AnnotatedDocument(title="t", text=text, tokens=tuple((i, i + 1) for i in range(len(text))),
                             spans=tuple(spans))


def suggestions() -> list[EventSuggestion]:
    found = []
    for i in range(N):
        args = [ArgumentSuggestion(8 * i + 2, 8 * i + 4, "Entity", "PER"),
                ArgumentSuggestion(8 * i + 4, 8 * i + 6, "Place", "GPE"),
                ArgumentSuggestion(8 * i + 6, 8 * i + 8, "Time", "")]
        if i % 10 == 4:
            args.append(ArgumentSuggestion(8 * i + 3, 8 * i + 5, "Entity", "ORG"))
        found.append(EventSuggestion(8 * i, 8 * i + 2, EVENT, tuple(args)))
    return found


@pytest.fixture
def built(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "events.annot"
    with Project.create(path, schema="ace2005-zh", user="t") as project:
        project.importer.add_documents([document()], prelabel=False)
        monkeypatch.setattr(project.training, "event_suggester", lambda: Fixed(suggestions()))
        project.triggers.suggest([1])
    return path


def dump(path: Path) -> dict[str, list]:
    db = sqlite3.connect(path)
    try:
        out = {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall()) for t in ("spans", "events", "arguments")}
        out["counts"] = db.execute("SELECT status, n_suggested, n_entities, n_events FROM documents").fetchall()
        return out
    finally:
        db.close()


def log_tables(path: Path) -> list[str]:
    """The tables the last change-log record names, entry by entry."""
    db = sqlite3.connect(path)
    try:
        rows = json.loads(db.execute("SELECT rows FROM changes ORDER BY id DESC LIMIT 1").fetchone()[0])
    finally:
        db.close()
    return [r[0] for r in rows if r[0] != "documents"]


def triggers_of(project: Project) -> list[int]:
    return [s.id for s in project.document(1).spans if s.kind == SpanKind.TRIGGER and s.state == SpanState.SUGGESTED]


def suggested_of(project: Project) -> list[int]:
    return [s.id for s in project.document(1).spans
            if s.kind != SpanKind.ARGUMENT and s.state == SpanState.SUGGESTED]


def run_both(built: Path, tmp_path: Path, monkeypatch, action) -> dict[str, dict[str, dict[str, list]]]:
    """The action, its undo and its redo on two copies: set-based, and forced one at a time."""
    out = {}
    for way in ("bulk", "one by one"):
        path = tmp_path / f"{way}.annot"
        shutil.copy(built, path)
        with monkeypatch.context() as m:
            if way == "one by one":
                m.setattr(Triggers, "_may_accept_at_once", lambda *_a: False)
                m.setattr(Edits, "_may_set_at_once", lambda *_a: False)
                m.setattr(triggers_module, "BULK", 1 << 30)  # deciding every argument
            with Project.open(path, user="t") as project:
                before = dump(path)
                changes = action(project)
                done, tables = dump(path), log_tables(path)
                project.undo(changes)
                undone = dump(path)
                project.redo(changes)
            out[way] = {"before": before, "done": done, "undone": undone, "redone": dump(path), "tables": tables}
    return out


def test_accepting_all_triggers_accepts_their_events_and_arguments_in_a_few_statements(built, tmp_path, monkeypatch):
    runs = run_both(built, tmp_path, monkeypatch, lambda p: p.triggers.accept_many(triggers_of(p)))
    bulk, slow = runs["bulk"], runs["one by one"]
    for step in ("done", "undone", "redone"):
        assert bulk[step] == slow[step], step
    assert bulk["undone"] == bulk["before"]
    # One record per table and state, not a row image per span, event and argument.
    assert bulk["tables"] == ["spans", "events", "spans", "arguments"]
    with Project.open(tmp_path / "bulk.annot") as again:  # the redone edit, as a reopened project reads it
        doc = again.document(1)
        spans = {s.id: s for s in doc.spans}
        assert len(doc.events) == N and all(e.state == SpanState.ACCEPTED for e in doc.events)
        crossing = [a for e in doc.events for a in e.arguments if spans[a.span_id].label == "ORG"]
        assert crossing and all(a.state == SpanState.SUGGESTED for a in crossing)  # it would cross a person
        others = [a for e in doc.events for a in e.arguments if spans[a.span_id].label != "ORG"]
        assert len(others) == 3 * N and all(a.state == SpanState.ACCEPTED for a in others)
        assert all(spans[a.span_id].state == SpanState.ACCEPTED for a in others)


def test_rejecting_all_suggestions_drops_their_events_and_the_spans_only_those_made(built, tmp_path, monkeypatch):
    runs = run_both(built, tmp_path, monkeypatch, lambda p: p.edits.reject(suggested_of(p)))
    bulk, slow = runs["bulk"], runs["one by one"]
    for step in ("done", "undone", "redone"):
        assert bulk[step] == slow[step], step
    assert bulk["undone"] == bulk["before"]
    assert bulk["tables"] == ["spans", "arguments", "events", "spans"]
    with Project.open(tmp_path / "bulk.annot") as again:
        doc = again.document(1)
        assert doc.events == ()
        assert not [s for s in doc.spans if s.kind == SpanKind.ARGUMENT]  # the unlabelled spans went
        assert not [s for s in doc.spans if s.state == SpanState.SUGGESTED]
        accepted = [s for s in doc.spans if s.state == SpanState.ACCEPTED]
        assert len(accepted) == N // 2 and {s.label for s in accepted} == {"PER"}


def test_a_bulk_edit_of_events_survives_a_crash(built, tmp_path):
    with Project.open(built, user="t") as project:
        project.triggers.accept_many(triggers_of(project))
        project.edits.reject(suggested_of(project))
        copy = tmp_path / "copy.annot"
        for suffix in ("", "-wal"):  # the files as a crash would leave them: the edits are in the log
            if Path(str(built) + suffix).exists():
                shutil.copy(str(built) + suffix, str(copy) + suffix)
        expected = dump(built)
    assert dump(copy) == expected
    with Project.open(copy) as again:
        assert again.statistics.compute().suggestions  # the compact records read without error


@pytest.mark.parametrize("accept", [True, False])
def test_deciding_every_suggested_argument_at_once(built, tmp_path, monkeypatch, accept):
    runs = run_both(built, tmp_path, monkeypatch, lambda p: p.triggers.decide_arguments(1, accept=accept))
    bulk, slow = runs["bulk"], runs["one by one"]
    for step in ("done", "undone", "redone"):
        assert bulk[step] == slow[step], step
    assert bulk["undone"] == bulk["before"] != bulk["done"]
    assert bulk["tables"] == (["spans", "arguments"] if accept else ["arguments"])
