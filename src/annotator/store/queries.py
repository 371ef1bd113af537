"""Reading and bulk-writing documents and their annotations."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from annotator.core.annotations import (
    AnnotatedDocument,
    Argument,
    EntitySpan,
    Event,
    ReviewStatus,
    SpanKind,
    SpanState,
)
from annotator.core.text import decode_tokens, encode_tokens, token_count
from annotator.store.database import now
from annotator.store.guarded import Database
from annotator.store.sizes import check_sizes
from annotator.store.spans import KINDS, STATES, insert_rows, span_from_values
from annotator.store.unreadable import check_offsets, check_references, member, unreadable

STATUSES = {s.value: s for s in ReviewStatus}  # a stored status's member
IN_CHUNK = 500  # values per `IN (...)`: well under SQLite's limit on bound parameters


def select_in(db: Database, sql: str, values: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of `sql` (whose `{marks}` becomes `?, ?, …`) for every value, asked IN_CHUNK at a time."""
    values = list(values)
    for i in range(0, len(values), IN_CHUNK):
        chunk = values[i:i + IN_CHUNK]
        yield from db.execute(sql.format(marks=", ".join("?" for _ in chunk)), chunk).fetchall()

LOAD_CHUNK = 256
LIST_COLUMNS = ("id", "name", "title", "status", "n_suggested", "n_entities", "n_events", "reviewer",
                "updated_at")
SORTABLE = {"id", "name", "title", "status", "n_suggested", "n_entities", "n_events", "reviewer",
            "updated_at"}


def content_hash(text: str) -> str:
    """The key that makes a document with the same text a duplicate."""
    import hashlib  # here: it loads OpenSSL, a tenth of the start of `annotator list`, which never hashes

    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def repeat_key(key: str, occurrence: int) -> str:
    """The stored key of the `occurrence`-th (1-based) copy of a text a file repeats (import
    --keep-duplicates): the first copy keeps the text's own key, so importing the file again adds nothing."""
    return key if occurrence <= 1 else f"{key}#{occurrence}"


def pack_original(original: str, text: str) -> bytes | None:
    """The file's own text, compressed; None when it equals the document text."""
    return None if original in ("", text) else zlib.compress(original.encode("utf-8"), 6)


def unpack_original(blob: bytes | None, text: str) -> str:
    """Inverse of `pack_original`."""
    return text if blob is None else zlib.decompress(blob).decode("utf-8")


def find_hashes(db: Database, hashes: Sequence[str]) -> dict[str, int]:
    """Which of these content hashes the project already has, and under which document id."""
    return dict(select_in(db, "SELECT hash, id FROM documents WHERE hash IN ({marks})", hashes))


@dataclass(frozen=True)
class PackedDocument:
    """A document as the values of its rows, ready to insert: packing needs no database, so it can be
    done in another process and only the inserts stay with the writer."""

    hash: str
    values: tuple[Any, ...]               # DOCUMENT_COLUMNS but the timestamps
    spans: tuple[tuple[Any, ...], ...]    # spans.SPAN_COLUMNS but doc_id, in the document's span order
    events: tuple[tuple[str, int | None, str, str, tuple[tuple[str, int, str], ...]], ...]
    # (type, trigger's index in spans, state, origin, ((role, span index, state), ...))


DOCUMENT_COLUMNS = ("name", "title", "text", "tokens", "n_tokens", "presegmented", "source", "original", "hash",
                    "status", "meta", "n_suggested", "n_entities", "n_events", "created_at", "updated_at")
_HASH = DOCUMENT_COLUMNS.index("hash")


def pack_document(doc: AnnotatedDocument, *, status: ReviewStatus, tokens: bytes | None = None) -> PackedDocument:
    """The rows of a document (its cached counts computed from it, not re-read with subqueries); `tokens`,
    when given, are its tokens already packed (`encode_tokens`), to be stored instead of `doc.tokens`."""
    key = content_hash(doc.text)
    # The members' own strings: an enum's .value is a Python-level property, read twice for each of
    # hundreds of thousands of spans in an import.
    spans = tuple((s.start, s.end, s.label, s.kind._value_, s.origin, s.state._value_, s.score) for s in doc.spans)
    suggested, accepted, entity = SpanState.SUGGESTED, SpanState.ACCEPTED, SpanKind.ENTITY
    n_suggested = sum(1 for row in spans if row[5] == suggested)
    n_entities = sum(1 for row in spans if row[5] == accepted and row[3] == entity)
    n_events = sum(1 for e in doc.events if e.state == SpanState.ACCEPTED)
    if tokens is None:
        tokens = encode_tokens(doc.tokens)
    values = (doc.name, doc.title, doc.text, tokens, token_count(tokens), int(doc.presegmented),
              doc.source, pack_original(doc.original, doc.text), key, status.value,
              json.dumps(doc.meta, ensure_ascii=False) if doc.meta else None, n_suggested, n_entities, n_events)
    events: tuple[tuple[str, int | None, str, str, tuple[tuple[str, int, str], ...]], ...] = ()
    if doc.events:
        index = {span.id: i for i, span in enumerate(doc.spans)}
        events = tuple((e.type, index.get(e.trigger_id) if e.trigger_id else None, e.state.value, e.origin,
                        tuple((a.role, index[a.span_id], a.state.value) for a in e.arguments)) for e in doc.events)
    return PackedDocument(key, values, spans, events)


def keyed(packed: PackedDocument, key: str) -> PackedDocument:
    """The packed document stored under another key (`repeat_key`)."""
    if key == packed.hash:
        return packed
    values = list(packed.values)
    values[_HASH] = key
    return replace(packed, hash=key, values=tuple(values))


def insert_packed(db: Database, packed: PackedDocument) -> int:
    """Insert a packed document (inside the caller's transaction); return its id."""
    stamp = now()
    conn = db.conn
    doc_id = conn.execute(f"INSERT INTO documents({', '.join(DOCUMENT_COLUMNS)}) "
                          f"VALUES ({', '.join('?' for _ in DOCUMENT_COLUMNS)})",
                          (*packed.values, stamp, stamp)).lastrowid
    assert doc_id is not None  # lastrowid is None only before any INSERT
    insert_rows(conn, [(doc_id, *span) for span in packed.spans])
    if packed.events:
        # A new document's spans went in in order and ids only grow: the i-th id is the i-th span's.
        span_ids = [r[0] for r in conn.execute("SELECT id FROM spans WHERE doc_id = ? ORDER BY id", (doc_id,))]
        for etype, trigger, state, origin, args in packed.events:
            event_id = conn.execute(
                "INSERT INTO events(doc_id, type, trigger_id, state, origin) VALUES (?, ?, ?, ?, ?)",
                (doc_id, etype, span_ids[trigger] if trigger is not None else None, state, origin)).lastrowid
            conn.executemany("INSERT INTO arguments(event_id, doc_id, role, span_id, position, state) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             [(event_id, doc_id, role, span_ids[i], n, st) for n, (role, i, st) in enumerate(args)])
    return doc_id


def insert_packed_many(db: Database, packed: Sequence[PackedDocument]) -> list[int]:
    """Insert packed documents in order (inside the caller's transaction) with the ids, span ids included,
    that inserting them one by one would give; return their ids. A run of documents without events goes
    in as one statement for the documents and one for their spans: an import's writer spends most of its
    time crossing into SQLite once per row otherwise."""
    ids: list[int] = []
    run: list[PackedDocument] = []
    for item in packed:
        if item.events:  # its events need its span ids read back: one at a time
            ids += _insert_run(db, run)
            run = []
            ids.append(insert_packed(db, item))
        else:
            run.append(item)
    return ids + _insert_run(db, run)


def _insert_run(db: Database, run: Sequence[PackedDocument]) -> list[int]:
    if not run:
        return []
    conn = db.conn
    # The ids SQLite would give one INSERT at a time: each one more than the largest so far.
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
    stamp = now()
    conn.executemany(f"INSERT INTO documents(id, {', '.join(DOCUMENT_COLUMNS)}) "
                     f"VALUES (?, {', '.join('?' for _ in DOCUMENT_COLUMNS)})",
                     [(first + n, *item.values, stamp, stamp) for n, item in enumerate(run)])
    insert_rows(conn, [(first + n, *span) for n, item in enumerate(run) for span in item.spans])
    return list(range(first, first + len(run)))


def insert_document(db: Database, doc: AnnotatedDocument, *, status: ReviewStatus) -> int:
    """Insert a document with its spans and events (inside the caller's transaction); return its id."""
    return insert_packed(db, pack_document(doc, status=status))


def document_row(db: Database, doc_id: int) -> dict[str, Any] | None:
    """The documents row (with decoded tokens and original) or None."""
    cur = db.execute("SELECT * FROM documents WHERE id = ?", [doc_id])
    row = cur.fetchone()
    if row is None:
        return None
    return _decoded(dict(zip([c[0] for c in cur.description], row, strict=True)), db.path)


def _decoded(data: dict[str, Any], path: Path | str = "") -> dict[str, Any]:
    where, text, tokens = f"document {data['id']}", data["text"], data["tokens"]
    if not isinstance(text, str):
        raise unreadable(path, where, f"its text is {type(text).__name__}, not text")
    if not isinstance(tokens, bytes):
        raise unreadable(path, where, f"its tokens are {type(tokens).__name__}, not the bytes annotator writes")
    # Tokens past the text are not refused: projects stored before every way in checked them (documents made in
    # code were not checked until 2026-12) may hold some.
    data["tokens"] = decode_tokens(tokens)
    try:
        data["original"] = unpack_original(data["original"], text)
        data["meta"] = json.loads(data["meta"]) if data["meta"] else {}
    except (zlib.error, TypeError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise unreadable(path, where, f"its stored original text or metadata is not readable ({exc})") from exc
    if not isinstance(data["meta"], dict):
        raise unreadable(path, where, f"its metadata is {type(data['meta']).__name__}, not an object")
    data["status"] = member(path, where, "status", data["status"], STATUSES)
    return data


def spans_of(db: Database, doc_id: int) -> list[EntitySpan]:
    """All spans of a document, in text order."""
    rows = db.execute('SELECT id, start, "end", label, origin, state, score, kind FROM spans '
                      'WHERE doc_id = ? ORDER BY start, "end" DESC, id', [doc_id]).fetchall()
    return [span_from_values(*row) for row in rows]


def events_of(db: Database, doc_id: int) -> list[Event]:
    """All events of a document with their arguments, in creation order."""
    return _events_of_many(db, [doc_id]).get(doc_id, [])


def load_document(db: Database, doc_id: int) -> AnnotatedDocument | None:
    """A whole document with its annotations."""
    return next(load_documents(db, [doc_id]), None)


def load_documents(db: Database, ids: Sequence[int], *, chunk: int = LOAD_CHUNK,
                   tokens: bool = True) -> Iterator[AnnotatedDocument]:
    """Whole documents in the order of `ids` (missing ones left out): four queries per chunk of ids
    rather than four per document, so exports read the project at SQLite's pace. `tokens=False` leaves
    the stored tokens undecoded (an empty tuple), for writers that never read them. A document past the
    bounds on one document is refused before its chunk is read (sizes.check_sizes)."""
    for i in range(0, len(ids), chunk):
        part = list(ids[i:i + chunk])
        check_sizes(db, part)
        marks = ", ".join("?" for _ in part)
        cur = db.execute(f"SELECT * FROM documents WHERE id IN ({marks})", part)
        names = [c[0] for c in cur.description]
        # fetchall, not iteration: one call per chunk rather than one per row through the fault guard
        rows = {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}
        spans: dict[int, list[EntitySpan]] = {}
        make, states, kinds = EntitySpan.of, STATES, KINDS  # span_from_values, in line: once per span
        for d, i_, s, e, lab, o, st, sc, k in db.execute(
                f'SELECT doc_id, id, start, "end", label, origin, state, score, kind FROM spans '
                f'WHERE doc_id IN ({marks}) ORDER BY doc_id, start, "end" DESC, id', part).fetchall():
            try:
                spans.setdefault(d, []).append(make(i_, s, e, lab, o, states[st], sc, kinds[k]))
            except (KeyError, TypeError):
                where = f"document {d}, span {i_}"
                member(db.path, where, "state", st, states)
                member(db.path, where, "kind", k, kinds)
                raise
        events = _events_of_many(db, list(rows)) if rows else {}
        for doc_id in part:
            row = rows.get(doc_id)
            if row is not None:
                if not tokens:
                    row["tokens"] = b""
                doc_spans, doc_events = spans.get(doc_id, ()), events.get(doc_id, ())
                row = _decoded(row, db.path)
                check_offsets(db.path, doc_id, row["text"], doc_spans)
                check_references(db.path, doc_id, doc_spans, doc_events)
                yield _document(row, doc_spans, doc_events)


def _events_of_many(db: Database, ids: list[int]) -> dict[int, list[Event]]:
    marks = ", ".join("?" for _ in ids)
    args: dict[int, list[Argument]] = {}
    of_document: dict[int, int] = {}  # an argument's event -> the document the argument row names
    for d, event_id, role, span_id, state in db.execute(
            f"SELECT doc_id, event_id, role, span_id, state FROM arguments WHERE doc_id IN ({marks}) "
            "ORDER BY event_id, position, id", ids).fetchall():
        state = member(db.path, f"document {d}, an argument of event {event_id}", "state", state, STATES)
        args.setdefault(event_id, []).append(Argument(role, span_id, state))
        of_document[event_id] = d
    out: dict[int, list[Event]] = {}
    for d, i, t, trig, st, o in db.execute(
            f"SELECT doc_id, id, type, trigger_id, state, origin FROM events WHERE doc_id IN ({marks}) "
            "ORDER BY id", ids).fetchall():
        state = member(db.path, f"document {d}, event {i}", "state", st, STATES)
        out.setdefault(d, []).append(Event(i, t, trig, tuple(args.pop(i, ())), state, o))
        if of_document.get(i, d) != d:
            raise unreadable(db.path, f"document {of_document[i]}", f"it has an argument of event {i}, "
                                                                     f"an event of document {d}")
    for event_id in args:  # arguments of no event: nothing would show or export them
        raise unreadable(db.path, f"document {of_document[event_id]}",
                         f"it has an argument of event {event_id}, which the document does not have")
    return out


def _document(row: dict[str, Any], spans: Sequence[EntitySpan], events: Sequence[Event]) -> AnnotatedDocument:
    return AnnotatedDocument(
        id=row["id"], name=row["name"], title=row["title"], text=row["text"], tokens=row["tokens"],
        spans=tuple(spans), events=tuple(events), status=row["status"], meta=row["meta"],
        original=row["original"], source=row["source"], presegmented=bool(row["presegmented"]))


def document_ids(db: Database, *, statuses: Sequence[str] = (), text: str = "", order_by: str = "id",
                 descending: bool = False) -> list[int]:
    """Ids of the documents matching the filters, in the asked order."""
    if order_by not in SORTABLE:
        raise ValueError(f"cannot sort by {order_by}")
    where, params = _filters(statuses, text)
    if order_by == "id" and not text:
        # The status index holds every id: reading it is a few MB, where the table itself (texts inline)
        # is hundreds; sorting 100k ids here is cheaper than that scan (120 -> 35 ms on 100k documents).
        ids = [r[0] for r in db.execute(f"SELECT id FROM documents INDEXED BY documents_status{where}",
                                        params).fetchall()]
        return sorted(ids, reverse=descending)
    sql = f'SELECT id FROM documents{where} ORDER BY "{order_by}" {"DESC" if descending else "ASC"}, id'
    # fetchall: one call for 100k rows, not one (guarded) generator step per row
    return [r[0] for r in db.execute(sql, params).fetchall()]


def _filters(statuses: Sequence[str], text: str) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if statuses:
        clauses.append(f"status IN ({', '.join('?' for _ in statuses)})")
        params.extend(statuses)
    if text:
        clauses.append("(instr(title, ?) > 0 OR instr(text, ?) > 0 OR instr(name, ?) > 0)")
        params.extend([text, text, text])
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def list_rows(db: Database, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The document-list columns of these documents."""
    sql = f"SELECT {', '.join(LIST_COLUMNS)} FROM documents WHERE id IN ({{marks}})"
    return {row[0]: dict(zip(LIST_COLUMNS, row, strict=True)) for row in select_in(db, sql, ids)}


def status_counts(db: Database) -> dict[str, int]:
    """How many documents are in each review status."""
    return dict(db.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())


def label_counts(db: Database) -> dict[tuple[str, str, str], int]:
    """Span counts by (kind, label, state) over the whole project."""
    return {(k, lab, st): n for k, lab, st, n in
            db.execute("SELECT kind, label, state, count(*) FROM spans GROUP BY kind, label, state")}


def text_length(db: Database, doc_id: int) -> int | None:
    """The length of a document's text in code points, or None when there is no such document."""
    row = db.execute("SELECT length(text) FROM documents WHERE id = ?", [doc_id]).fetchone()
    return row[0] if row else None


def status_and_update(db: Database, doc_id: int) -> tuple[str, str] | None:
    """(review status, last update time) of a document, or None."""
    row = db.execute("SELECT status, updated_at FROM documents WHERE id = ?", [doc_id]).fetchone()
    return (row[0], row[1]) if row else None


def next_document(db: Database, after: int | None, *, statuses: Sequence[str], backward: bool = False) -> int | None:
    """The first document after `after` (before it when `backward`) by id in one of `statuses`, wrapping
    around; None when there is none."""
    compare, order = ("<", "DESC") if backward else (">", "ASC")
    sql = (f"SELECT id FROM documents WHERE id {compare} ? AND status IN ({', '.join('?' for _ in statuses)}) "
           f"ORDER BY id {order} LIMIT 1")
    start, wrap = (after or 0, 0) if not backward else (after or 2**62, 2**62)
    row = db.execute(sql, [start, *statuses]).fetchone()
    if row is None and after:
        row = db.execute(sql, [wrap, *statuses]).fetchone()
    return row[0] if row else None


def totals(db: Database) -> tuple[int, int, int]:
    """(documents, characters, tokens) over the whole project."""
    n_docs, n_chars, n_tokens = db.execute(
        "SELECT count(*), coalesce(sum(length(text)), 0), coalesce(sum(n_tokens), 0) FROM documents").fetchone()
    return n_docs, n_chars, n_tokens


def event_type_counts(db: Database) -> dict[tuple[str, str], int]:
    """Events by (type, state) over the whole project."""
    return {(t, st): n for t, st, n in db.execute("SELECT type, state, count(*) FROM events GROUP BY type, state")}


def open_suggestions(db: Database, statuses: Sequence[str]) -> dict[int, tuple[int, int, int, int]]:
    """Documents in these statuses that hold undecided suggestions: id -> (entity, free trigger, event,
    argument) suggestions; a suggested event's trigger counts with the event, not as a trigger."""
    marks = ", ".join("?" for _ in statuses)
    found: dict[int, list[int]] = {}
    for doc_id, entities, triggers in db.execute(
            f"""SELECT s.doc_id, sum(s.kind = 'entity'),
                       sum(s.kind = 'trigger' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.trigger_id = s.id))
                FROM spans s JOIN documents d ON d.id = s.doc_id
                WHERE d.status IN ({marks}) AND s.state = 'suggested' AND s.kind IN ('entity', 'trigger')
                GROUP BY s.doc_id""", list(statuses)):
        found.setdefault(doc_id, [0, 0, 0, 0])[:2] = [entities, triggers]
    for doc_id, n in db.execute(
            f"""SELECT e.doc_id, count(*) FROM events e JOIN documents d ON d.id = e.doc_id
                WHERE d.status IN ({marks}) AND e.state = 'suggested' GROUP BY e.doc_id""", list(statuses)):
        found.setdefault(doc_id, [0, 0, 0, 0])[2] = n
    for doc_id, n in db.execute(
            f"""SELECT a.doc_id, count(*) FROM arguments a JOIN events e ON e.id = a.event_id
                JOIN documents d ON d.id = a.doc_id
                WHERE d.status IN ({marks}) AND a.state = 'suggested' AND e.state != 'rejected'
                GROUP BY a.doc_id""", list(statuses)):
        found.setdefault(doc_id, [0, 0, 0, 0])[3] = n
    return {doc_id: (c[0], c[1], c[2], c[3]) for doc_id, c in sorted(found.items()) if any(c)}


def documents_with_events(db: Database, statuses: Sequence[str] = ()) -> list[int]:
    """Ids of the documents (in these statuses; any status without) that have a live event, from the events table
    (no document row is read unless statuses are asked for)."""
    if not statuses:
        return [r[0] for r in db.execute("SELECT DISTINCT doc_id FROM events WHERE state != 'rejected' "
                                         "ORDER BY doc_id")]
    marks = ", ".join("?" for _ in statuses)
    return [r[0] for r in db.execute(
        f"SELECT DISTINCT doc_id FROM events WHERE state != 'rejected' AND doc_id IN "
        f"(SELECT id FROM documents WHERE status IN ({marks})) ORDER BY doc_id", list(statuses))]


def titles(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """id -> title of these documents."""
    out: dict[int, str] = {}
    for i in range(0, len(ids), LOAD_CHUNK):
        part = list(ids[i:i + LOAD_CHUNK])
        marks = ", ".join("?" for _ in part)
        out.update(db.execute(f"SELECT id, title FROM documents WHERE id IN ({marks})", part).fetchall())
    return out
