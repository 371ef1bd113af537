"""Team work in the project file: annotators' layers, assignments, and copying a project's setup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.layers import Layer
from annotator.store.guarded import Database
from annotator.store.queries import select_in
from annotator.store.unreadable import unreadable

SETUP_SKIPPED = ("created_at",)


def layers_of(db: Database, doc_id: int) -> list[Layer]:
    """Every annotator's layer of one document, by annotator name."""
    rows = db.execute("SELECT annotator, data FROM layers WHERE doc_id = ? ORDER BY annotator", [doc_id])
    return [_layer(db, doc_id, name, data) for name, data in rows.fetchall()]


def layer_row(db: Database, doc_id: int, annotator: str) -> tuple[int, str] | None:
    """(id, stored data) of one annotator's layer of a document, or None."""
    row = db.execute("SELECT id, data FROM layers WHERE doc_id = ? AND annotator = ?", [doc_id, annotator]).fetchone()
    return (row[0], row[1]) if row else None


def edits(db: Database, annotator: str) -> dict[int, tuple[str, str]]:
    """{doc id: (when the annotator last edited it in the file, that file)} of `annotator`'s layers merged from a
    project file (an export's, or one merged before edit times were kept, has none)."""
    rows = db.execute("SELECT doc_id, edited_at, source FROM layers WHERE annotator = ? AND edited_at IS NOT NULL",
                      [annotator])
    return {r[0]: (r[1], r[2]) for r in rows}


def edited_at(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """{doc id: when it was last edited} in a project file (its documents' updated_at, which every edit sets)."""
    return dict(select_in(db, "SELECT id, updated_at FROM documents WHERE id IN ({marks})", ids))


def shared_layers(db: Database) -> dict[int, list[Layer]]:
    """{doc id: its layers} for the documents two or more annotators' work was merged into (what agreement
    compares): the others' layers are neither read nor decoded."""
    out: dict[int, list[Layer]] = {}
    for doc_id, name, data in db.execute(
            """SELECT doc_id, annotator, data FROM layers
               WHERE doc_id IN (SELECT doc_id FROM layers GROUP BY doc_id HAVING count(*) >= 2)
               ORDER BY doc_id, annotator"""):
        out.setdefault(doc_id, []).append(_layer(db, doc_id, name, data))
    return out


def annotator_layers(db: Database, annotator: str) -> dict[int, Layer]:
    """{doc id: `annotator`'s layer of it}, in document order."""
    rows = db.execute("SELECT doc_id, data FROM layers WHERE annotator = ? ORDER BY doc_id", [annotator])
    return {doc_id: _layer(db, doc_id, annotator, data) for doc_id, data in rows.fetchall()}


def _layer(db: Database, doc_id: int, annotator: str, data: str) -> Layer:
    try:
        return Layer.from_json(annotator, data)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise unreadable(db.path, f"document {doc_id}, {annotator}'s merged layer",
                         f"not the layer annotator writes ({type(exc).__name__}: {exc})") from exc


def sources(db: Database) -> list[tuple[str, str]]:
    """(annotator, the file their layers were merged from, as it was named) pairs, each once."""
    return [(r[0], r[1]) for r in db.execute("SELECT DISTINCT annotator, source FROM layers WHERE source != ''")]


def annotators(db: Database) -> list[str]:
    """Names of the annotators with a layer or an assignment, sorted."""
    rows = db.execute("SELECT annotator FROM layers UNION SELECT annotator FROM assignments ORDER BY 1")
    return [r[0] for r in rows]


def layer_annotators(db: Database) -> list[str]:
    """Names of the annotators with a layer of some document, sorted."""
    return [r[0] for r in db.execute("SELECT DISTINCT annotator FROM layers ORDER BY 1")]


def layer_doc_ids(db: Database, annotator: str) -> set[int]:
    """Ids of the documents `annotator` has a layer of."""
    return {r[0] for r in db.execute("SELECT doc_id FROM layers WHERE annotator = ?", [annotator])}


def text_lengths(db: Database, ids: Sequence[int]) -> dict[int, int]:
    """{doc id: length of its text in code points}."""
    return dict(select_in(db, "SELECT id, length(text) FROM documents WHERE id IN ({marks})", ids))


def document_texts(db: Database, ids: Iterable[int]) -> dict[int, str]:
    """{doc id: text} of these documents (those that exist)."""
    return dict(select_in(db, "SELECT id, text FROM documents WHERE id IN ({marks})", ids))


def assignments(db: Database) -> list[tuple[int, str, str]]:
    """(doc id, annotator, file) of every assignment, in document order."""
    return [tuple(r) for r in db.execute("SELECT doc_id, annotator, file FROM assignments ORDER BY doc_id, annotator")]


def assignment_ids(db: Database, doc_id: int, annotator: str) -> list[int]:
    """Row ids of a document's assignment to an annotator (none or one)."""
    return [r[0] for r in db.execute("SELECT id FROM assignments WHERE doc_id = ? AND annotator = ?",
                                     [doc_id, annotator])]


def span_rows(db: Database, doc_id: int) -> list[dict[str, Any]]:
    """The spans rows of a document, in id order."""
    cur = db.execute('SELECT * FROM spans WHERE doc_id = ? ORDER BY id', [doc_id])
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def spans_at(db: Database, doc_id: int, start: int, end: int) -> list[dict[str, Any]]:
    """The spans rows of a document at exactly [start, end), in id order."""
    cur = db.execute('SELECT * FROM spans WHERE doc_id = ? AND start = ? AND "end" = ? ORDER BY id', [doc_id, start, end])
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def event_row(db: Database, event_id: int) -> dict[str, Any]:
    """One events row, with its arguments as `event_rows` gives them."""
    return _with_arguments(db, db.execute("SELECT * FROM events WHERE id = ?", [event_id]))[0]


def event_rows(db: Database, doc_id: int) -> list[dict[str, Any]]:
    """The events rows of a document, with their arguments as a list of rows (id, role, span_id, state) under
    "arguments"."""
    return _with_arguments(db, db.execute("SELECT * FROM events WHERE doc_id = ? ORDER BY id", [doc_id]))


def _with_arguments(db: Database, cur: Any) -> list[dict[str, Any]]:
    names = [c[0] for c in cur.description]
    events = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    for event in events:
        event["arguments"] = [{"id": i, "role": r, "span_id": s, "state": st} for i, r, s, st in db.execute(
            "SELECT id, role, span_id, state FROM arguments WHERE event_id = ? ORDER BY position, id", [event["id"]])]
    return events


def copy_setup(source: Database, target: Database) -> None:
    """Give a new project the source's settings (schema, models, gazetteer), project dictionary and models."""
    for key, value in source.execute("SELECT key, value FROM project").fetchall():
        if key not in SETUP_SKIPPED:
            target.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)", [key, value])
    target.conn.executemany("INSERT OR IGNORE INTO words(word, kind, label, added_at) VALUES (?, ?, ?, ?)",
                            source.execute("SELECT word, kind, label, added_at FROM words").fetchall())
    target.conn.executemany("INSERT INTO models(id, created_at, description, data) VALUES (?, ?, ?, ?)",
                            source.execute("SELECT id, created_at, description, data FROM models").fetchall())


def renumber_document(db: Database, old: int, new: int) -> None:
    """Give a just-inserted document another id (an annotator's copy keeps the project's ids)."""
    if old == new:
        return
    db.execute("UPDATE documents SET id = ? WHERE id = ?", [new, old])
    for table in ("spans", "events", "arguments"):
        db.execute(f"UPDATE {table} SET doc_id = ? WHERE doc_id = ?", [new, old])

