"""Accept all's reads of one document go through the document's index (spans_doc), not the statistics index
(spans_stats) over every entity span of the project: a read that grew with the project (18 ms instead of 3 ms
for the same 100k-character article in a project of 21 such documents)."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.service import Project
from annotator.store import bulk


class Explained:
    """A connection stand-in that runs each query and keeps its plan."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.plans = conn, []

    def execute(self, sql: str, params=()):
        self.plans.append(" ".join(r[-1] for r in self.conn.execute("EXPLAIN QUERY PLAN " + sql, params)))
        return self.conn.execute(sql, params)


@pytest.mark.parametrize("read", [bulk.has_entity_suggestions, bulk.entity_suggestions, bulk.live_entities])
def test_accept_alls_reads_use_the_documents_index(tmp_path, read):
    text = "北京上海" * 10
    spans = tuple(EntitySpan(i + 1, 2 * i, 2 * i + 2, "LOC", origin="model", state=SpanState.SUGGESTED)
                  for i in range(20))
    doc = AnnotatedDocument(title="t", text=text, tokens=tuple((i, i + 1) for i in range(len(text))), spans=spans)
    path = tmp_path / "x.annot"
    with Project.create(path, schema="news-zh") as project:
        project.importer.add_documents([doc, doc, doc], prelabel=False)
    conn = sqlite3.connect(path)
    try:
        db = Explained(conn)
        assert read(db, 1)
        assert "spans_doc" in db.plans[0] and "spans_stats" not in db.plans[0]
    finally:
        conn.close()
