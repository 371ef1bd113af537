"""Deferred writes (service/planned.py): accept all, and the undo and redo of accept all, of accepting all
triggers and of rejecting all suggestions, return the Changes the edit made at once returns, before writing;
the write then leaves the file exactly as the edit made at once does (spans, events, arguments, counts, log)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.service import Project
from annotator.store import bulk
from tests.service.test_bulk_events import built, suggested_of, triggers_of  # noqa: F401 - `built` is a fixture


def everything(path: Path) -> dict[str, list]:
    db = sqlite3.connect(path)
    try:
        out = {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("spans", "events", "arguments")}
        out["documents"] = db.execute("SELECT id, status, n_suggested, n_entities, n_events FROM documents").fetchall()
        out["log"] = db.execute("SELECT doc_id, user, action, rows FROM changes ORDER BY id").fetchall()
        return out
    finally:
        db.close()


ACTIONS = {
    "accept all": lambda p: p.edits.accept_all(1),
    "accept triggers": lambda p: p.triggers.accept_many(triggers_of(p)),
    "reject all": lambda p: p.edits.reject(suggested_of(p)),
}


def without_some_events(path: Path) -> Path:
    """The project with every third suggested event gone (its trigger stays suggested: accepting it adds an
    event) and the last one too (so the file's next event id is past the largest left)."""
    db = sqlite3.connect(path)
    try:
        gone = "SELECT id FROM events WHERE id % 3 = 0 OR id = (SELECT max(id) FROM events)"
        db.execute(f"DELETE FROM arguments WHERE event_id IN ({gone})")
        db.execute(f"DELETE FROM events WHERE id IN ({gone})")
        db.commit()
    finally:
        db.close()
    return path


@pytest.mark.parametrize("name", [*ACTIONS, "accept triggers without events"])
def test_deferred_edits_undo_and_redo_return_and_write_what_the_edit_made_at_once_does(built, tmp_path, name):  # noqa: F811
    if name == "accept triggers without events":
        built, name = without_some_events(built), "accept triggers"
    files, records = {}, {}
    for way in ("at once", "deferred"):
        path = files[way] = shutil.copy(built, tmp_path / f"{way}.annot")
        failed: list[Exception] = []
        with Project.open(path, user="t") as project:
            if way == "deferred":
                project.defer_writes(lambda exc, _revert, failed=failed: failed.append(exc))
            done = ACTIONS[name](project)
            waits = [project.writing]
            undone = project.undo(done)
            waits.append(project.writing)
            redone = project.redo(done)
            records[way] = (done, undone, redone, waits)
        assert not failed
    assert records["deferred"][:3] == records["at once"][:3]  # the same Changes, told before the write
    # Accept all here has suggestions that cross accepted spans (chosen one by one, written at once);
    # accepting triggers adds events with the ids the plan read (the ones the file gives the edit made at once).
    assert records["deferred"][3] == [name != "accept all", True] and records["at once"][3] == [False, False]
    assert everything(files["deferred"]) == everything(files["at once"])


def test_a_deferred_write_that_finds_the_file_changed_writes_nothing_and_says_so(built, tmp_path):  # noqa: F811
    path = shutil.copy(built, tmp_path / "p.annot")
    failed: list[tuple[Exception, object]] = []
    suggested = "SELECT count(*) FROM spans WHERE state = 'suggested'"
    with Project.open(path, user="t") as project:
        done = project.edits.accept_all(1)  # written at once: nobody listens for failures yet
        project.defer_writes(lambda exc, revert: failed.append((exc, revert)))
        planned = project.undo(done)
        store = project.store
        assert store.pending
        store._pending, write = None, store._pending  # a change the plan did not see gets there first
        store.db.execute("UPDATE spans SET state = 'rejected' WHERE id = ?", [planned.span_states[0].ids[0]])
        log, before = everything(path)["log"], store.db.execute(suggested).fetchone()[0]
        store.defer(write)
        project.flush()
        assert store.db.execute(suggested).fetchone()[0] == before  # rolled back
    (exc, revert), = failed
    assert isinstance(exc, ProjectError) and "changed after the edit was shown" in exc.message
    assert revert.span_states[0].after.value == "accepted" and revert.span_states[0].ids == planned.span_states[0].ids
    assert everything(path)["log"] == log  # nothing of the edit was logged


def test_without_a_listener_for_failures_edits_are_written_at_once(built, tmp_path, monkeypatch):  # noqa: F811
    path = shutil.copy(built, tmp_path / "p.annot")
    with Project.open(path, user="t") as project:
        done = project.edits.accept_all(1)
        assert not project.writing and done.span_states
        def broken(*_a: object, **_k: object) -> None:
            raise sqlite3.OperationalError("disk I/O error")
        monkeypatch.setattr(bulk, "set_column", broken)
        with pytest.raises(ProjectError):
            project.undo(done)


def test_a_deferred_write_whose_planned_event_ids_are_taken_writes_nothing_and_says_so(built, tmp_path):  # noqa: F811
    path = shutil.copy(without_some_events(built), tmp_path / "p.annot")
    failed: list[tuple[Exception, object]] = []
    with Project.open(path, user="t") as project:
        project.defer_writes(lambda exc, revert: failed.append((exc, revert)))
        done = project.triggers.accept_many(triggers_of(project))
        store = project.store
        added = set(done.created) - {r[0] for r in store._db.execute("SELECT id FROM events").fetchall()}
        assert store.pending and added
        store._pending, write = None, store._pending  # an event the plan did not see takes a planned id
        first = min(added)
        store.db.execute("INSERT INTO events (id, doc_id, type, trigger_id, state, origin) "
                         "SELECT ?, doc_id, type, trigger_id, state, origin FROM events LIMIT 1", [first])
        before = everything(path)
        store.defer(write)
        project.flush()
        assert everything(path) == before  # rolled back, nothing logged
    (exc, revert), = failed
    assert isinstance(exc, ProjectError) and "changed after the edit was shown" in exc.message
    assert {e.id for e in revert.events if e.removed} == added  # the window takes the events it showed away


@pytest.mark.parametrize("some_events_gone", [False, True])
def test_rejecting_every_suggestion_is_planned_by_the_document_as_by_their_ids(built, some_events_gone):  # noqa: F811
    from annotator.store import bulk_events
    with Project.open(without_some_events(built) if some_events_gone else built, user="t") as project:
        project.triggers.accept_many(triggers_of(project)[::4])  # some events accepted: their spans are kept
        db, ids = project.store.db, tuple(suggested_of(project))
        event_ids = tuple(e[0] for e in bulk_events.events_of_triggers(db, 1, ids))
        candidates = bulk_events.spans_of_arguments(db, 1, event_ids)
        by_ids = [bulk_events.arguments_to_take(db, 1, span_ids=ids, event_ids=event_ids),
                  bulk_events.events_to_take(db, 1, event_ids),
                  bulk_events.orphans_to_take(db, 1, candidates, keep=ids, event_ids=event_ids)]
        assert all(by_ids) and bulk_events.suggestions_taking(db, 1) == by_ids
        assert bulk.all_suggestions(db, 1, ids, after="rejected") == bulk.states_of(
            db, 1, ids, before=("suggested",), after="rejected")[0]
        assert bulk.all_suggestions(db, 1, ids[1:], after="rejected") is None  # not all of them: planned by ids
