"""Each edit is one transaction: all of it or none of it, counted, logged, and undoable exactly."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.errors import ProjectError, ValidationError
from annotator.service import Project
from tests.store.helpers import TEXT, sample_document


def rows(p: Project) -> dict[str, list]:
    db = p.store.db
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("spans", "events", "arguments")}


def counts(p: Project) -> tuple[int, int, int]:
    return p.store.db.execute("SELECT n_suggested, n_entities, n_events FROM documents WHERE id = 1").fetchone()


def test_counts_follow_edits_after_the_document_is_in_review(project_path):
    # Regression: an edit that changed only span columns (no doc_id in its row images) left the
    # document list's counts stale once the document was already in review.
    with Project.open(project_path) as p:
        assert counts(p) == (1, 1, 1)
        accept = p.edits.accept([1])
        assert counts(p) == (0, 2, 1)
        p.edits.reject([2])
        assert counts(p) == (0, 1, 1)
        p.undo(accept)
        assert counts(p) == (1, 0, 1)


def test_a_failing_edit_changes_nothing_and_logs_nothing(project_path):
    with Project.open(project_path) as p:
        before, log = rows(p), p.store.db.execute("SELECT count(*) FROM changes").fetchone()
        with pytest.raises(RuntimeError):
            with p.store.edit(action="half", doc_id=1) as tx:
                tx.delete("arguments", 1)
                tx.update("spans", 1, {"state": "accepted"})
                raise RuntimeError("the edit breaks off half-way")
        assert rows(p) == before
        assert p.store.db.execute("SELECT count(*) FROM changes").fetchone() == log


def test_a_full_disk_is_a_clear_error_and_the_project_is_unchanged(project_path):
    with Project.open(project_path) as p:
        before = rows(p), p.document_ids()
        pages = p.store.db.execute("PRAGMA page_count").fetchone()[0]
        p.store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
        big = sample_document().__class__(title="大", text="大" * 200_000, tokens=((0, 200_000),))
        with pytest.raises(ProjectError) as info:
            p.importer.add_documents([big], prelabel=False)
        assert str(info.value).startswith(f"{project_path}: the disk is full (database or disk is full)")
        assert "free some disk space" in info.value.hint and "the change was not saved" in info.value.hint
        assert (rows(p), p.document_ids()) == before


def test_undo_and_redo_restore_exact_rows_ids_included(project_path):
    with Project.open(project_path) as p:
        start = rows(p)
        event = p.document(1).events[0]
        removed = p.edits.delete_event(event.id)
        assert rows(p)["events"] == [] and rows(p)["arguments"] == []
        p.undo(removed)
        assert rows(p) == start
        p.redo(removed)
        assert rows(p)["events"] == []
        p.undo(removed)
        assert rows(p) == start


def test_refused_edits_change_nothing(project_path):
    with Project.open(project_path) as p:
        before = rows(p), p.document(1).status
        for bad in (lambda: p.edits.add_span(1, 2, 9, "PER"),  # crosses ORG [0, 6)
                    lambda: p.edits.add_span(1, 5, len(TEXT) + 1, "PER"), lambda: p.edits.relabel(99, "PER"),
                    lambda: p.edits.add_event(1, "No:Such", 0, 2), lambda: p.edits.split_token(1, 0)):
            with pytest.raises(ValidationError):
                bad()
        assert (rows(p), p.document(1).status) == before


def test_an_edit_is_durable_once_it_returns(project_path):
    # synchronous=FULL in WAL mode: a returned edit survives even the machine losing power.
    with Project.open(project_path) as p:
        assert p.store.db.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert p.store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        p.edits.set_status(1, "reviewed")
        conn = sqlite3.connect(project_path)  # another connection sees it at once
        assert conn.execute("SELECT status FROM documents").fetchone()[0] == "reviewed"
        conn.close()


def test_create_works_where_hard_links_do_not(tmp_path, monkeypatch):
    # FAT-formatted USB sticks and some network shares have no hard links; creation must still work.
    import os

    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "usb.annot"
    with Project.create(path, schema="cec") as p:
        assert p.schema.name == "cec"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["usb.annot", "usb.annot.lock"]
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)


def test_a_save_point_puts_every_committed_edit_in_the_file_itself_beside_a_reader(project_path, tmp_path):
    """A copy of the .annot alone, taken while it is open, holds the edits before the last save point; a reader
    (another window's statistics) holding an older snapshot neither blocks it nor is disturbed."""
    import shutil

    with Project.open(project_path) as p:
        p.edits.accept([1])
        shutil.copyfile(project_path, tmp_path / "before.annot")
        with Project.open(tmp_path / "before.annot", readonly=True) as copy:
            assert copy.store.db.execute("SELECT state FROM spans WHERE id = 1").fetchone()[0] == "suggested"
        reader = sqlite3.connect(project_path)
        reader.execute("BEGIN")
        assert reader.execute("SELECT state FROM spans WHERE id = 1").fetchone()[0] == "accepted"
        p.edits.reject([2])  # after the reader's snapshot: its pages cannot be folded in while it reads
        assert p.save_point() is False
        reader.execute("COMMIT")
        reader.close()
        assert p.save_point() is True
        shutil.copyfile(project_path, tmp_path / "after.annot")
    with Project.open(tmp_path / "after.annot", readonly=True) as copy:
        assert [r[0] for r in copy.store.db.execute("SELECT state FROM spans WHERE id IN (1, 2) ORDER BY id")] == [
            "accepted", "rejected"]
