"""Set-based edits of many rows of one document: one statement each, and one compact record each (for the
change log and undo) instead of a before/after image per row."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from annotator.store.guarded import Database

#: The columns a bulk edit may set, per table (the names go into SQL text, so only these).
SETTABLE = {"spans": ("state",), "events": ("state",), "arguments": ("state",)}
#: The tables whose rows a bulk edit may add or take out again (with every column, so undo puts them back).
INSERTABLE = ("events", "arguments", "spans")


@dataclass(frozen=True)
class StateChange:
    """Rows `ids` of one document whose `column` was `before` and is now `after`."""

    table: str
    doc_id: int
    ids: tuple[int, ...]
    column: str
    before: Any
    after: Any
    origins: tuple[tuple[str, int], ...] = ()  # (origin, how many) of the rows changed, for counting decisions

    def reversed(self) -> StateChange:
        """The change that undoes this one."""
        return replace(self, before=self.after, after=self.before)

    def log_entry(self) -> list[Any]:
        """The change log's entry: [table, [ids], {column: before}, {column: after}]."""
        return [self.table, list(self.ids), {self.column: self.before}, {self.column: self.after}]


@dataclass(frozen=True)
class RowsAdded:
    """Rows of one document added together (`present`), or taken out again (not `present`): their values."""

    table: str
    doc_id: int
    columns: tuple[str, ...]  # "id" first
    values: tuple[tuple[Any, ...], ...]
    present: bool = True

    @property
    def ids(self) -> tuple[int, ...]:
        """The rows' ids."""
        return tuple(v[0] for v in self.values)

    def reversed(self) -> RowsAdded:
        """The change that undoes this one."""
        return replace(self, present=not self.present)

    def log_entry(self) -> list[Any]:
        """The change log's entry: [table, [ids], null or rows, rows or null] (rows: columns and values)."""
        rows = {"columns": list(self.columns), "values": [list(v) for v in self.values]}
        return [self.table, list(self.ids), None if self.present else rows, rows if self.present else None]


def set_column(db: Database, change: StateChange) -> StateChange | None:
    """Set `column` to `after` in those of `change.ids` (rows of its document) where it is `before`;
    return what really changed (None: nothing)."""
    if change.column not in SETTABLE.get(change.table, ()):
        raise ValueError(f"{change.table}.{change.column} is not set in bulk")
    origin = ", origin" if change.table == "spans" else ", ''"
    rows = db.execute(
        f'UPDATE "{change.table}" SET "{change.column}" = ? WHERE doc_id = ? AND "{change.column}" = ? '
        f"AND id IN (SELECT value FROM json_each(?)) RETURNING id{origin}",
        [change.after, change.doc_id, change.before, json.dumps(change.ids)]).fetchall()
    return with_origins(change, rows)


def with_origins(change: StateChange, rows: list[tuple[int, str]]) -> StateChange | None:
    """The change narrowed to the (id, origin) rows an UPDATE ... RETURNING found (None: none)."""
    if not rows:
        return None
    counts: dict[str, int] = {}
    for _, origin in rows:
        counts[origin] = counts.get(origin, 0) + 1
    return replace(change, ids=tuple(sorted(r[0] for r in rows)), origins=tuple(sorted(counts.items())))


def has_entity_suggestions(db: Database, doc_id: int, *, label: str | None = None) -> bool:
    """Whether the document has entity suggestions (of `label` when given)."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM spans WHERE doc_id = ? AND +kind = 'entity' "
                      "AND state = 'suggested' AND (? IS NULL OR label = ?))", [doc_id, label, label]).fetchone()[0] == 1


def entities_cross(db: Database, doc_id: int) -> bool:
    """Whether any two of the document's live (accepted or suggested) entity spans cross: asked of the
    index, in one query, without reading the spans into Python."""
    return db.execute(
        """SELECT EXISTS (SELECT 1 FROM spans a JOIN spans b ON b.doc_id = a.doc_id
                          AND b.start > a.start AND b.start < a."end" AND b."end" > a."end"
                          WHERE a.doc_id = :d AND a.kind = 'entity' AND a.state IN ('accepted', 'suggested')
                          AND b.kind = 'entity' AND b.state IN ('accepted', 'suggested'))""",
        {"d": doc_id}).fetchone()[0] == 1


def accept_entity_suggestions(db: Database, doc_id: int, *, label: str | None = None) -> StateChange | None:
    """Accept every entity suggestion of the document (of `label` when given) in one statement."""
    rows = db.execute("""UPDATE spans SET state = 'accepted' WHERE doc_id = ? AND +kind = 'entity'
                         AND state = 'suggested' AND (? IS NULL OR label = ?) RETURNING id, origin""",
                      [doc_id, label, label]).fetchall()
    return with_origins(StateChange("spans", doc_id, (), "state", "suggested", "accepted"), rows)


def entity_suggestions(db: Database, doc_id: int, *, label: str | None = None) -> StateChange | None:
    """What `accept_entity_suggestions` would change, read without writing (None: nothing): the plan of an
    edit shown before it is written."""
    rows = db.execute("""SELECT id, origin FROM spans WHERE doc_id = ? AND +kind = 'entity' AND state = 'suggested'
                         AND (? IS NULL OR label = ?)""", [doc_id, label, label]).fetchall()
    return with_origins(StateChange("spans", doc_id, (), "state", "suggested", "accepted"), rows)


def states_of(db: Database, doc_id: int, span_ids: tuple[int, ...], *, before: tuple[str, ...], after: str
              ) -> list[StateChange | None]:
    """What setting these spans from each state of `before` to `after` would change (None: nothing), read in
    one pass without writing."""
    found: dict[str, list[tuple[int, str]]] = {state: [] for state in before}
    for span_id, origin, state in db.execute("SELECT id, origin, state FROM spans WHERE doc_id = ? "
                                             "AND id IN (SELECT value FROM json_each(?))",
                                             [doc_id, json.dumps(span_ids)]).fetchall():
        if state in found:
            found[state].append((span_id, origin))
    return [with_origins(StateChange("spans", doc_id, (), "state", state, after), found[state]) for state in before]


def all_suggestions(db: Database, doc_id: int, span_ids: tuple[int, ...], *, after: str) -> StateChange | None:
    """When `span_ids` are exactly the document's suggestions (entity and trigger spans in state suggested),
    what setting them to `after` would change, read by the document without a list of ids; else None."""
    rows = db.execute("SELECT id, origin FROM spans WHERE doc_id = ? AND state = 'suggested' AND kind != 'argument'",
                      [doc_id]).fetchall()
    if not rows or len(rows) > len(span_ids) or {r[0] for r in rows} != set(span_ids):
        return None
    return with_origins(StateChange("spans", doc_id, (), "state", "suggested", after), rows)


def put_rows(db: Database, change: RowsAdded) -> RowsAdded | None:
    """Add the rows (present) or delete them (not present); return what really changed (None: nothing)."""
    if change.table not in INSERTABLE:
        raise ValueError(f"rows of {change.table} are not added in bulk")
    if not change.present:
        gone = db.execute(f'DELETE FROM "{change.table}" WHERE doc_id = ? AND id IN (SELECT value FROM json_each(?)) '
                          "RETURNING id", [change.doc_id, json.dumps(change.ids)]).fetchall()
        return change if gone else None
    if not change.values:
        return None
    columns = ", ".join(f'"{c}"' for c in change.columns)
    marks = ", ".join("?" for _ in change.columns)
    db.conn.executemany(f'INSERT INTO "{change.table}" ({columns}) VALUES ({marks})', change.values)
    return change


def events_for_triggers(db: Database, doc_id: int, span_ids: tuple[int, ...], *, state: str) -> RowsAdded | None:
    """One event per trigger span (of its label and origin, in `state`), added in one statement."""
    cur = db.execute(
        """INSERT INTO events (doc_id, type, trigger_id, state, origin)
           SELECT doc_id, label, id, ?, origin FROM spans
           WHERE doc_id = ? AND kind = 'trigger' AND id IN (SELECT value FROM json_each(?)) ORDER BY id
           RETURNING *""", [state, doc_id, json.dumps(span_ids)])
    values = cur.fetchall()
    if not values:
        return None
    columns = tuple(c[0] for c in cur.description)
    rows = tuple(sorted(tuple(v) for v in values))
    if columns[0] != "id":
        at = columns.index("id")
        columns = (columns[at], *columns[:at], *columns[at + 1:])
        rows = tuple(sorted((v[at], *v[:at], *v[at + 1:]) for v in rows))
    return RowsAdded("events", doc_id, columns, rows)


def next_id(db: Database, table: str) -> int:
    """The id the next row added to `table` (INTEGER PRIMARY KEY AUTOINCREMENT) gets from the file: one past
    the largest it ever had. Read by a plan that adds rows with these ids later (the writer lock holds the
    only writer, so nothing takes them meanwhile)."""
    if table not in INSERTABLE:
        raise ValueError(f"rows of {table} are not added in bulk")
    return int(db.execute(f"""SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
                                         coalesce((SELECT max(id) FROM "{table}"), 0)) + 1""", [table]).fetchone()[0])


def planned_events_for_triggers(db: Database, doc_id: int, span_ids: tuple[int, ...], *, state: str, first_id: int
                                ) -> RowsAdded | None:
    """What `events_for_triggers` would add, read without writing: the same rows, with the ids the file
    would give them from `first_id` on (in the order of their triggers' ids)."""
    found = db.execute("""SELECT doc_id, label, id, origin FROM spans WHERE doc_id = ? AND kind = 'trigger'
                          AND id IN (SELECT value FROM json_each(?)) ORDER BY id""",
                       [doc_id, json.dumps(span_ids)]).fetchall()
    if not found:
        return None
    values = tuple((first_id + i, d, label, trigger, state, origin) for i, (d, label, trigger, origin) in enumerate(found))
    return RowsAdded("events", doc_id, ("id", "doc_id", "type", "trigger_id", "state", "origin"), values)


def any_taken(db: Database, change: RowsAdded) -> bool:
    """Whether a row of `change.table` already has one of the ids `change` adds."""
    if change.table not in INSERTABLE:
        raise ValueError(f"rows of {change.table} are not added in bulk")
    return db.execute(f'SELECT EXISTS (SELECT 1 FROM "{change.table}" WHERE id IN (SELECT value FROM json_each(?)))',
                      [json.dumps(change.ids)]).fetchone()[0] == 1


def uses_of_spans(db: Database, doc_id: int, span_ids: tuple[int, ...]) -> bool:
    """Whether any of these spans fills a role or triggers an event."""
    ids = json.dumps(span_ids)
    return db.execute("""SELECT EXISTS (SELECT 1 FROM arguments WHERE doc_id = :d
                                        AND span_id IN (SELECT value FROM json_each(:ids)))
                         OR EXISTS (SELECT 1 FROM events WHERE doc_id = :d
                                    AND trigger_id IN (SELECT value FROM json_each(:ids)))""",
                      {"d": doc_id, "ids": ids}).fetchone()[0] == 1


def count_spans(db: Database, doc_id: int, span_ids: tuple[int, ...]) -> tuple[int, int]:
    """(how many of `span_ids` are the document's spans, how many of those are argument spans): counted in
    SQLite, no row read into Python."""
    found, arguments = db.execute("SELECT count(*), count(*) FILTER (WHERE kind = 'argument') FROM spans "
                                  "WHERE doc_id = ? AND id IN (SELECT value FROM json_each(?))",
                                  [doc_id, json.dumps(span_ids)]).fetchone()
    return found, arguments


def kinds_and_states(db: Database, doc_id: int, span_ids: tuple[int, ...]) -> list[tuple[int, str, str, str, str]]:
    """(id, kind, state, label, origin) of the document's spans among `span_ids` (those of other documents or
    gone are left out)."""
    return db.execute("SELECT id, kind, state, label, origin FROM spans WHERE doc_id = ? "
                      "AND id IN (SELECT value FROM json_each(?))", [doc_id, json.dumps(span_ids)]).fetchall()


def live_entities(db: Database, doc_id: int) -> list[tuple[int, int, int, str, str]]:
    """(id, start, end, state, label) of the document's accepted and suggested entity spans, in reading
    order (start, longest first, id)."""
    return db.execute("""SELECT id, start, "end", state, label FROM spans WHERE doc_id = ? AND +kind = 'entity'
                         AND state IN ('accepted', 'suggested') ORDER BY start, "end" DESC, id""",
                      [doc_id]).fetchall()
