"""The project's learned event models: the one in use (the newest) and the one it replaced."""

from __future__ import annotations

from annotator.store.database import now
from annotator.store.guarded import Database

KEEP = 2  # the model in use and the one before it


def latest(db: Database) -> tuple[int | None, bytes | None]:
    """(id, data) of the event model in use, or (None, None)."""
    row = db.execute("SELECT id, data FROM event_models ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (None, None)


def latest_id(db: Database) -> int | None:
    """The id of the event model in use, or None."""
    return db.execute("SELECT max(id) FROM event_models").fetchone()[0]


def add(db: Database, *, description: str, data: bytes) -> None:
    """Store an event model as the one in use, keeping only the KEEP newest (inside the caller's transaction)."""
    db.execute("INSERT INTO event_models(created_at, description, data) VALUES (?, ?, ?)",
               [now(), description, data])
    db.execute("DELETE FROM event_models WHERE id NOT IN (SELECT id FROM event_models ORDER BY id DESC LIMIT ?)",
               [KEEP])
