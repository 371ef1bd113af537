"""Events and their arguments: the lookups the edits need."""

from __future__ import annotations

from typing import Any

from annotator.store.guarded import Database


def doc_of_event(db: Database, event_id: int) -> int | None:
    """The document an event is in, or None when there is no such event."""
    row = db.execute("SELECT doc_id FROM events WHERE id = ?", [event_id]).fetchone()
    return row[0] if row else None


def events_triggered_by(db: Database, span_id: int) -> list[int]:
    """Ids of the events this span triggers, oldest first."""
    return [r[0] for r in _of_span(db, "SELECT id FROM events WHERE {where} trigger_id = ? ORDER BY id", span_id)]


def arguments_filled_by(db: Database, span_id: int) -> list[int]:
    """Ids of the arguments this span fills."""
    return [r[0] for r in _of_span(db, "SELECT id FROM arguments WHERE {where} span_id = ?", span_id)]


def fills_a_role(db: Database, span_id: int) -> bool:
    """Whether the span fills a role of any event."""
    return bool(_of_span(db, "SELECT 1 FROM arguments WHERE {where} span_id = ? LIMIT 1", span_id))


def spans_in_use(db: Database, doc_id: int) -> set[int]:
    """Ids of the document's spans that fill a role or trigger an event (most entity spans do neither)."""
    return {r[0] for r in db.execute(
        "SELECT span_id FROM arguments WHERE doc_id = ? UNION SELECT trigger_id FROM events WHERE doc_id = ? "
        "AND trigger_id IS NOT NULL", [doc_id, doc_id]).fetchall()}


def _of_span(db: Database, sql: str, span_id: int) -> list[Any]:
    """The rows of `sql` (`{where}` before its span condition) among the events or arguments of the span's own
    document, found by their doc_id index: no index leads from a span to what it triggers or fills, and a scan of
    the whole table per lookup made a merge or an import of N documents with events cost N times the table. A
    span no longer there is looked for everywhere, as before."""
    row = db.execute("SELECT doc_id FROM spans WHERE id = ?", [span_id]).fetchone()
    if row is None:
        return db.execute(sql.format(where=""), [span_id]).fetchall()
    return db.execute(sql.format(where="doc_id = ? AND"), [row[0], span_id]).fetchall()


def arguments_of(db: Database, event_id: int) -> list[tuple[int, int]]:
    """(argument id, span id) of an event's arguments."""
    return [(a, s) for a, s in db.execute("SELECT id, span_id FROM arguments WHERE event_id = ?",
                                          [event_id]).fetchall()]


def argument_ids(db: Database, event_id: int, role: str | None, span_id: int, *, state: str | None = None
                 ) -> list[int]:
    """Ids of the arguments in which this span fills this role (None: any role) of this event, in this state
    (None: any), in their order."""
    return [r[0] for r in db.execute(
        "SELECT id FROM arguments WHERE event_id = ? AND span_id = ? AND (? IS NULL OR role = ?) "
        "AND (? IS NULL OR state = ?) ORDER BY position, id",
        [event_id, span_id, role, role, state, state]).fetchall()]


def next_position(db: Database, event_id: int) -> int:
    """Where a new argument of this event goes in its order."""
    return db.execute("SELECT coalesce(max(position) + 1, 0) FROM arguments WHERE event_id = ?",
                      [event_id]).fetchone()[0]


def used_triggers(db: Database) -> list[tuple[str, str]]:
    """(trigger text, event type) of every reviewed event: in a reviewed document, or made or accepted by
    a reviewer (origin manual, triggers or events); one pair per event."""
    return [(t, e) for t, e in db.execute(
        """SELECT substr(d.text, s.start + 1, s."end" - s.start), e.type
           FROM events e JOIN spans s ON s.id = e.trigger_id JOIN documents d ON d.id = e.doc_id
           WHERE e.state = 'accepted' AND s.state = 'accepted'
           AND (d.status = 'reviewed' OR e.origin IN ('manual', 'triggers', 'events'))""").fetchall()]


def arguments_in_state(db: Database, event_id: int, state: str) -> list[tuple[int, int]]:
    """(argument id, span id) of an event's arguments in this state, in their order."""
    return [(a, s) for a, s in db.execute(
        "SELECT id, span_id FROM arguments WHERE event_id = ? AND state = ? ORDER BY position, id",
        [event_id, state]).fetchall()]


def suggested_arguments_of_document(db: Database, doc_id: int) -> list[int]:
    """Ids of the suggested arguments of a document's live (not rejected) events."""
    return [r[0] for r in db.execute(
        """SELECT a.id FROM arguments a JOIN events e ON e.id = a.event_id
           WHERE a.doc_id = ? AND a.state = 'suggested' AND e.state != 'rejected' ORDER BY a.id""",
        [doc_id]).fetchall()]
