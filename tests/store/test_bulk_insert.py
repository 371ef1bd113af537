"""Bulk inserts (an import's writer) give the rows and ids inserting one document at a time gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, ReviewStatus, SpanKind
from annotator.service import Project
from annotator.store import queries, spans

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


def test_spans_go_in_by_statements_of_many_rows_with_the_ids_one_insert_each_gives(tmp_path):
    # Two full statements and a remainder: the rows and their ids are those of a statement per row.
    values = [(1, n, n + 1, "PER" if n % 3 else "LOC", "entity", "model", "suggested", n / 200)
              for n in range(2 * spans.ROWS_PER_INSERT + 5)]
    results = []
    for how in ("one", "many"):
        path = tmp_path / f"{how}.annot"
        with Project.create(path, schema="ace2005-zh") as p, p.store.transaction():
            queries.insert_packed(p.store.db, queries.pack_document(AnnotatedDocument(title="d", text="北" * 200, tokens=()),
                                                                    status=ReviewStatus.NEW))
            conn = p.store.db.conn
            if how == "one":
                for row in values:
                    spans.insert_rows(conn, [row])
            else:
                spans.insert_rows(conn, values)
        results.append(rows(path)["spans"])
    assert results[0] == results[1] and len(results[1]) == len(values)
    assert [r[0] for r in results[1]] == list(range(1, len(values) + 1))
    assert [r[2] for r in results[1]] == list(range(len(values)))  # start: in the order given
