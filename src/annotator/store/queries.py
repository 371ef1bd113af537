"""Reading and bulk-writing documents and their annotations."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from annotator.core.annotations import (
    AnnotatedDocument,
    Argument,
    EntitySpan,
    Event,
    ReviewStatus,
    SpanKind,
    SpanState,
)
from annotator.core.text import decode_tokens, encode_tokens
from annotator.store.database import now

LIST_COLUMNS = ("id", "name", "title", "status", "n_suggested", "n_entities", "n_events", "reviewer",
                "updated_at")
SORTABLE = {"id", "name", "title", "status", "n_suggested", "n_entities", "n_events", "reviewer",
            "updated_at"}


def content_hash(text: str) -> str:
    """The key that makes a document with the same text a duplicate."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def pack_original(original: str, text: str) -> bytes | None:
    """The file's own text, compressed; None when it equals the document text."""
    return None if original in ("", text) else zlib.compress(original.encode("utf-8"), 6)


def unpack_original(blob: bytes | None, text: str) -> str:
    """Inverse of `pack_original`."""
    return text if blob is None else zlib.decompress(blob).decode("utf-8")


def find_hashes(db: Database, hashes: Sequence[str]) -> dict[str, int]:
    """Which of these content hashes the project already has, and under which document id."""
    found: dict[str, int] = {}
    for i in range(0, len(hashes), 500):
        chunk = hashes[i:i + 500]
        sql = f"SELECT hash, id FROM documents WHERE hash IN ({', '.join('?' for _ in chunk)})"
        found.update(dict(db.execute(sql, chunk).fetchall()))
    return found


def insert_document(db: Database, doc: AnnotatedDocument, *, status: ReviewStatus) -> int:
    """Insert a document with its spans and events (inside the caller's transaction); return its id."""
    stamp = now()
    cur = db.execute(
        """INSERT INTO documents(name, title, text, tokens, n_tokens, presegmented, source, original, hash,
           status, created_at, updated_at, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [doc.name, doc.title, doc.text, encode_tokens(doc.tokens), len(doc.tokens), int(doc.presegmented),
         doc.source,
         pack_original(doc.original, doc.text), content_hash(doc.text), status.value, stamp, stamp,
         json.dumps(doc.meta, ensure_ascii=False) if doc.meta else None])
    doc_id = cur.lastrowid
    span_ids: dict[int, int] = {}
    conn = db.conn
    for span in doc.spans:
        c = conn.execute(
            'INSERT INTO spans(doc_id, start, "end", label, kind, origin, state, score) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, span.start, span.end, span.label, span.kind.value, span.origin, span.state.value,
             span.score))
        span_ids[span.id] = c.lastrowid
    for event in doc.events:
        c = conn.execute("INSERT INTO events(doc_id, type, trigger_id, state, origin) VALUES (?, ?, ?, ?, ?)",
                         (doc_id, event.type, span_ids.get(event.trigger_id) if event.trigger_id else None,
                          event.state.value, event.origin))
        conn.executemany("INSERT INTO arguments(event_id, doc_id, role, span_id, position) VALUES (?, ?, ?, ?, ?)",
                         [(c.lastrowid, doc_id, a.role, span_ids[a.span_id], i)
                          for i, a in enumerate(event.arguments)])
    return doc_id


def document_row(db: Database, doc_id: int) -> dict[str, Any] | None:
    """The documents row (with decoded tokens and original) or None."""
    cur = db.execute("SELECT * FROM documents WHERE id = ?", [doc_id])
    row = cur.fetchone()
    if row is None:
        return None
    data = dict(zip([c[0] for c in cur.description], row, strict=True))
    data["tokens"] = decode_tokens(data["tokens"])
    data["original"] = unpack_original(data["original"], data["text"])
    data["meta"] = json.loads(data["meta"]) if data["meta"] else {}
    return data


def spans_of(db: Database, doc_id: int) -> list[EntitySpan]:
    """All spans of a document, in text order."""
    rows = db.execute('SELECT id, start, "end", label, origin, state, score, kind FROM spans '
                      'WHERE doc_id = ? ORDER BY start, "end" DESC, id', [doc_id]).fetchall()
    return [EntitySpan(i, s, e, lab, o, SpanState(st), sc, SpanKind(k)) for i, s, e, lab, o, st, sc, k in rows]


def events_of(db: Database, doc_id: int) -> list[Event]:
    """All events of a document with their arguments, in creation order."""
    args: dict[int, list[Argument]] = {}
    for event_id, role, span_id in db.execute(
            "SELECT event_id, role, span_id FROM arguments WHERE doc_id = ? ORDER BY event_id, position, id",
            [doc_id]).fetchall():
        args.setdefault(event_id, []).append(Argument(role, span_id))
    return [Event(i, t, trig, tuple(args.get(i, ())), SpanState(st), o) for i, t, trig, st, o in db.execute(
        "SELECT id, type, trigger_id, state, origin FROM events WHERE doc_id = ? ORDER BY id", [doc_id])]


def load_document(db: Database, doc_id: int) -> AnnotatedDocument | None:
    """A whole document with its annotations."""
    row = document_row(db, doc_id)
    if row is None:
        return None
    return AnnotatedDocument(
        id=doc_id, name=row["name"], title=row["title"], text=row["text"], tokens=row["tokens"],
        spans=tuple(spans_of(db, doc_id)), events=tuple(events_of(db, doc_id)),
        status=ReviewStatus(row["status"]), meta=row["meta"], original=row["original"], source=row["source"],
        presegmented=bool(row["presegmented"]))


def document_ids(db: Database, *, statuses: Sequence[str] = (), text: str = "", order_by: str = "id",
                 descending: bool = False) -> list[int]:
    """Ids of the documents matching the filters, in the asked order."""
    if order_by not in SORTABLE:
        raise ValueError(f"cannot sort by {order_by}")
    where, params = _filters(statuses, text)
    sql = f'SELECT id FROM documents{where} ORDER BY "{order_by}" {"DESC" if descending else "ASC"}, id'
    return [r[0] for r in db.execute(sql, params)]


def _filters(statuses: Sequence[str], text: str) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if statuses:
        clauses.append(f"status IN ({', '.join('?' for _ in statuses)})")
        params.extend(statuses)
    if text:
        clauses.append("(instr(title, ?) > 0 OR instr(text, ?) > 0 OR instr(name, ?) > 0)")
        params.extend([text, text, text])
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def list_rows(db: Database, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The document-list columns of these documents."""
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        cur = db.execute(f"SELECT {', '.join(LIST_COLUMNS)} FROM documents "
                         f"WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
        for row in cur:
            out[row[0]] = dict(zip(LIST_COLUMNS, row, strict=True))
    return out


def status_counts(db: Database) -> dict[str, int]:
    """How many documents are in each review status."""
    return dict(db.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())


def label_counts(db: Database) -> dict[tuple[str, str, str], int]:
    """Span counts by (kind, label, state) over the whole project."""
    return {(k, lab, st): n for k, lab, st, n in
            db.execute("SELECT kind, label, state, count(*) FROM spans GROUP BY kind, label, state")}
