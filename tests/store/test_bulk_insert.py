"""Bulk inserts (an import's writer) give the rows and ids inserting one document at a time gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, ReviewStatus, SpanKind
from annotator.service import Project
from annotator.store import queries

TEXT = "新华社北京电 张三今天在北京会见李四。"


def documents() -> list[AnnotatedDocument]:
    """Plain documents, and one with an event between them (its span ids must be read back)."""
    out = []
    for n in range(6):
        text = f"{TEXT}{n}"
        spans = (EntitySpan(1, 7, 9, "PER"), EntitySpan(2, 11, 13, "LOC"))
        events: tuple[Event, ...] = ()
        if n == 3:
            spans += (EntitySpan(3, 15, 17, "Contact:Meet", kind=SpanKind.TRIGGER),)
            events = (Event(1, "Contact:Meet", 3, (Argument("Entity", 1),)),)
        tokens = tuple((i, i + 1) for i, ch in enumerate(text) if not ch.isspace())
        out.append(AnnotatedDocument(title=text, text=text, tokens=tokens, spans=spans, events=events))
    return out


def rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("spans", "events", "arguments")} | {
            "documents": conn.execute("SELECT id, hash, tokens, n_entities, n_events FROM documents ORDER BY id").fetchall()}
    finally:
        conn.close()


def test_insert_packed_many_gives_the_ids_and_rows_of_one_at_a_time(tmp_path):
    packed = [queries.pack_document(d, status=ReviewStatus.REVIEWED) for d in documents()]
    results = {}
    for how in ("one", "many"):
        path = tmp_path / f"{how}.annot"
        with Project.create(path, schema="ace2005-zh") as p, p.store.transaction():
            db = p.store.db
            queries.insert_packed(db, packed[0])
            db.execute("DELETE FROM spans WHERE doc_id = 1")
            db.execute("DELETE FROM documents WHERE id = 1")  # the next id is 1 again, as SQLite gives it
            ids = ([queries.insert_packed(db, item) for item in packed[1:]] if how == "one"
                   else queries.insert_packed_many(db, packed[1:]))
        results[how] = (ids, rows(path))
    assert results["many"] == results["one"]
    ids, tables = results["many"]
    assert ids == [1, 2, 3, 4, 5] and len(tables["spans"]) == 11 and len(tables["arguments"]) == 1
