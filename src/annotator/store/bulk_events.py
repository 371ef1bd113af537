"""Set-based edits of many events and arguments of one document (accept all triggers with their suggested
events, reject many spans with what they are used for): one statement each, recorded compactly as `bulk`'s
StateChange and RowsAdded."""

from __future__ import annotations

import json

from annotator.store.bulk import RowsAdded
from annotator.store.guarded import Database

#: (event id, trigger id, event type, event state, trigger label)
Triggered = tuple[int, int, str, str, str]


def events_of_triggers(db: Database, doc_id: int, span_ids: tuple[int, ...]) -> list[Triggered]:
    """(event id, trigger id, event type, event state, trigger label) of the events these spans trigger."""
    return db.execute("""SELECT e.id, e.trigger_id, e.type, e.state, s.label FROM events e
                         JOIN spans s ON s.id = e.trigger_id
                         WHERE e.doc_id = ? AND e.trigger_id IN (SELECT value FROM json_each(?)) ORDER BY e.id""",
                      [doc_id, json.dumps(span_ids)]).fetchall()


def live_events(db: Database, doc_id: int) -> tuple[int, ...]:
    """Ids of the document's events that are not rejected."""
    return tuple(r[0] for r in db.execute("SELECT id FROM events WHERE doc_id = ? AND state != 'rejected' ORDER BY id",
                                          [doc_id]).fetchall())


def suggested_arguments(db: Database, doc_id: int, event_ids: tuple[int, ...]
                        ) -> list[tuple[int, int, str, str, int, int]]:
    """(argument id, span id, span kind, span state, span start, span end) of these events' suggested
    arguments, in text order of their spans."""
    return db.execute("""SELECT a.id, s.id, s.kind, s.state, s.start, s."end" FROM arguments a
                         JOIN spans s ON s.id = a.span_id
                         WHERE a.doc_id = ? AND a.state = 'suggested'
                         AND a.event_id IN (SELECT value FROM json_each(?))
                         ORDER BY s.start, s."end" DESC, s.id, a.id""",
                      [doc_id, json.dumps(event_ids)]).fetchall()


def take_arguments(db: Database, doc_id: int, *, span_ids: tuple[int, ...], event_ids: tuple[int, ...]
                   ) -> RowsAdded | None:
    """Delete the arguments these spans fill and those of these events, in one statement; the rows taken
    (for undo), or None."""
    cur = db.execute("""DELETE FROM arguments WHERE doc_id = ? AND (span_id IN (SELECT value FROM json_each(?))
                                                               OR event_id IN (SELECT value FROM json_each(?)))
                        RETURNING *""", [doc_id, json.dumps(span_ids), json.dumps(event_ids)])
    return _taken("arguments", doc_id, cur.description, cur.fetchall())


def take_events(db: Database, doc_id: int, event_ids: tuple[int, ...]) -> RowsAdded | None:
    """Delete these events of the document in one statement; the rows taken, or None."""
    cur = db.execute("DELETE FROM events WHERE doc_id = ? AND id IN (SELECT value FROM json_each(?)) RETURNING *",
                     [doc_id, json.dumps(event_ids)])
    return _taken("events", doc_id, cur.description, cur.fetchall())


def take_orphans(db: Database, doc_id: int, candidates: tuple[int, ...], *, keep: tuple[int, ...]) -> RowsAdded | None:
    """Delete those of the candidate spans (not in `keep`) that no argument uses any more and that only an
    event suggestion made: unlabelled argument spans, and still suggested spans of origin `events`."""
    cur = db.execute("""DELETE FROM spans WHERE doc_id = :d AND id IN (SELECT value FROM json_each(:c))
                        AND id NOT IN (SELECT value FROM json_each(:k))
                        AND (kind = 'argument' OR (origin = 'events' AND state = 'suggested'))
                        AND NOT EXISTS (SELECT 1 FROM arguments a WHERE a.doc_id = :d AND a.span_id = spans.id)
                        RETURNING *""", {"d": doc_id, "c": json.dumps(candidates), "k": json.dumps(keep)})
    return _taken("spans", doc_id, cur.description, cur.fetchall())


def arguments_to_take(db: Database, doc_id: int, *, span_ids: tuple[int, ...], event_ids: tuple[int, ...]
                      ) -> RowsAdded | None:
    """What `take_arguments` would take, read without writing."""
    cur = db.execute("""SELECT * FROM arguments WHERE doc_id = ? AND (span_id IN (SELECT value FROM json_each(?))
                                                                 OR event_id IN (SELECT value FROM json_each(?)))""",
                     [doc_id, json.dumps(span_ids), json.dumps(event_ids)])
    return _taken("arguments", doc_id, cur.description, cur.fetchall())


def events_to_take(db: Database, doc_id: int, event_ids: tuple[int, ...]) -> RowsAdded | None:
    """What `take_events` would take, read without writing."""
    cur = db.execute("SELECT * FROM events WHERE doc_id = ? AND id IN (SELECT value FROM json_each(?))",
                     [doc_id, json.dumps(event_ids)])
    return _taken("events", doc_id, cur.description, cur.fetchall())


def orphans_to_take(db: Database, doc_id: int, candidates: tuple[int, ...], *, keep: tuple[int, ...],
                    event_ids: tuple[int, ...]) -> RowsAdded | None:
    """What `take_orphans` would take once `arguments_to_take(span_ids=keep, event_ids=...)` are gone, read
    without writing."""
    cur = db.execute("""SELECT * FROM spans WHERE doc_id = :d AND id IN (SELECT value FROM json_each(:c))
                        AND id NOT IN (SELECT value FROM json_each(:k))
                        AND (kind = 'argument' OR (origin = 'events' AND state = 'suggested'))
                        AND NOT EXISTS (SELECT 1 FROM arguments a WHERE a.doc_id = :d AND a.span_id = spans.id
                                        AND a.span_id NOT IN (SELECT value FROM json_each(:k))
                                        AND a.event_id NOT IN (SELECT value FROM json_each(:e)))""",
                     {"d": doc_id, "c": json.dumps(candidates), "k": json.dumps(keep), "e": json.dumps(event_ids)})
    return _taken("spans", doc_id, cur.description, cur.fetchall())


#: Whether span `s` is one of document :d's suggestions (an entity or trigger span in state suggested), and
#: whether event `e` (its trigger `t`) is one they trigger: asked of each row through its primary key, so the
#: queries that plan rejecting them all need no list of their ids.
_KEPT = "({s}.doc_id = :d AND {s}.state = 'suggested' AND {s}.kind != 'argument')"
_GONE = "(e.doc_id = :d AND t.state = 'suggested' AND t.kind != 'argument')"


def suggestions_taking(db: Database, doc_id: int) -> list[RowsAdded | None]:
    """What rejecting every suggestion of the document takes with it, read without writing (as
    `arguments_to_take`, `events_to_take` and `orphans_to_take` of all their ids would read it): the arguments
    they fill and those of the events they trigger, those events, and the spans only those arguments made."""
    d = {"d": doc_id}
    cur = db.execute(f"""SELECT a.* FROM arguments a LEFT JOIN spans s ON s.id = a.span_id
                         LEFT JOIN events e ON e.id = a.event_id LEFT JOIN spans t ON t.id = e.trigger_id
                         WHERE a.doc_id = :d AND ({_KEPT.format(s="s")} OR {_GONE}) ORDER BY a.id""", d)
    arguments = _taken("arguments", doc_id, cur.description, cur.fetchall(), ordered=True)
    if arguments is None:
        return [None, None, None]
    cur = db.execute(f"""SELECT e.* FROM events e JOIN spans t ON t.id = e.trigger_id
                         WHERE e.doc_id = :d AND {_GONE} ORDER BY e.id""", d)
    events = _taken("events", doc_id, cur.description, cur.fetchall(), ordered=True)
    cur = db.execute(f"""SELECT * FROM spans WHERE doc_id = :d AND NOT {_KEPT.format(s="spans")}
                         AND (kind = 'argument' OR (origin = 'events' AND state = 'suggested'))
                         AND id IN (SELECT a.span_id FROM arguments a JOIN events e ON e.id = a.event_id
                                    JOIN spans t ON t.id = e.trigger_id WHERE a.doc_id = :d AND {_GONE})
                         AND NOT EXISTS (SELECT 1 FROM arguments a LEFT JOIN events e ON e.id = a.event_id
                                         LEFT JOIN spans t ON t.id = e.trigger_id
                                         WHERE a.doc_id = :d AND a.span_id = spans.id AND NOT coalesce({_GONE}, 0))
                         ORDER BY id""", d)
    return [arguments, events, _taken("spans", doc_id, cur.description, cur.fetchall(), ordered=True)]


def spans_of_arguments(db: Database, doc_id: int, event_ids: tuple[int, ...]) -> tuple[int, ...]:
    """The spans that arguments of these events fill."""
    return tuple(r[0] for r in db.execute(
        "SELECT DISTINCT span_id FROM arguments WHERE doc_id = ? AND event_id IN (SELECT value FROM json_each(?))",
        [doc_id, json.dumps(event_ids)]).fetchall())


def _taken(table: str, doc_id: int, description: tuple[tuple[str, ...], ...] | None,
           rows: list[tuple[object, ...]], *, ordered: bool = False) -> RowsAdded | None:
    """Deleted rows as a RowsAdded that is not present (its reverse puts them back), "id" first; `ordered`:
    the rows came by id already."""
    if not rows or description is None:
        return None
    columns = tuple(c[0] for c in description)
    at = columns.index("id")
    if ordered and at == 0:
        return RowsAdded(table, doc_id, columns, tuple(rows), present=False)
    order = (at, *(i for i in range(len(columns)) if i != at))
    values = tuple(sorted(tuple(r[i] for i in order) for r in rows))
    return RowsAdded(table, doc_id, tuple(columns[i] for i in order), values, present=False)
