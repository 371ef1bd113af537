"""How the project uses its schema: which labels, event types and roles annotations carry (for schema edits)."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.store.guarded import Database

# A span "holds" its label when a reviewer accepted it or it fills a role or triggers an event: removing
# the label would orphan it. A loose suggestion (suggested, used by nothing) holds nothing: an engine made it.
_USED_SPAN = ("(s.state = 'accepted' OR EXISTS (SELECT 1 FROM arguments a WHERE a.span_id = s.id) "
              "OR EXISTS (SELECT 1 FROM events e WHERE e.trigger_id = s.id AND e.state != 'rejected'))")
_LOOSE_SPAN = ("s.state = 'suggested' AND NOT EXISTS (SELECT 1 FROM arguments a WHERE a.span_id = s.id) "
               "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.trigger_id = s.id)")


def held_labels(db: Database) -> dict[str, int]:
    """Entity spans per label that a schema edit must not orphan (accepted, or filling a role)."""
    return dict(db.execute(f"SELECT s.label, count(*) FROM spans s WHERE s.kind = 'entity' AND {_USED_SPAN} "
                           "GROUP BY s.label").fetchall())


def loose_suggestions(db: Database) -> dict[tuple[str, str], int]:
    """Suggestions nothing uses, per (span kind, label): dropping their label may drop them too."""
    return {(k, lab): n for k, lab, n in db.execute(
        f"SELECT s.kind, s.label, count(*) FROM spans s WHERE {_LOOSE_SPAN} GROUP BY s.kind, s.label")}


def loose_suggestion_ids(db: Database, *, kind: str, labels: Sequence[str]) -> list[int]:
    """Ids of the loose suggestions of this kind with one of these labels."""
    if not labels:
        return []
    marks = ", ".join("?" for _ in labels)
    return [r[0] for r in db.execute(f"SELECT s.id FROM spans s WHERE s.kind = ? AND s.label IN ({marks}) "
                                     f"AND {_LOOSE_SPAN} ORDER BY s.id", [kind, *labels]).fetchall()]


def event_type_counts(db: Database) -> dict[str, int]:
    """Events (not rejected) per type."""
    return dict(db.execute("SELECT type, count(*) FROM events WHERE state != 'rejected' GROUP BY type").fetchall())


def role_counts(db: Database) -> dict[tuple[str, str], int]:
    """Arguments of events that are not rejected, per (event type, role)."""
    return {(t, r): n for t, r, n in db.execute(
        "SELECT e.type, a.role, count(*) FROM arguments a JOIN events e ON e.id = a.event_id "
        "WHERE e.state != 'rejected' GROUP BY e.type, a.role")}


def spans_labelled(db: Database, *, kind: str, label: str) -> list[tuple[int, int]]:
    """(span id, document id) of every span of this kind and label, whatever its state."""
    return [tuple(r) for r in db.execute("SELECT id, doc_id FROM spans WHERE kind = ? AND label = ? ORDER BY id",
                                         [kind, label]).fetchall()]


def events_typed(db: Database, event_type: str) -> list[tuple[int, int]]:
    """(event id, document id) of every event of this type, whatever its state."""
    return [tuple(r) for r in db.execute("SELECT id, doc_id FROM events WHERE type = ? ORDER BY id",
                                         [event_type]).fetchall()]


def arguments_in_role(db: Database, *, event_type: str, role: str) -> list[tuple[int, int]]:
    """(argument id, document id) of every argument filling this role in an event of this type."""
    return [tuple(r) for r in db.execute(
        "SELECT a.id, a.doc_id FROM arguments a JOIN events e ON e.id = a.event_id "
        "WHERE e.type = ? AND a.role = ? ORDER BY a.id", [event_type, role]).fetchall()]


def relabel_entity_words(db: Database, old: str, new: str) -> None:
    """Move the gazetteer entries of label `old` to label `new` (inside the caller's transaction)."""
    db.execute("UPDATE OR REPLACE words SET label = ? WHERE kind = 'entity' AND label = ?", [new, old])
