"""The project's learned models: the one in use (the newest) and the one it replaced."""

from __future__ import annotations

from annotator.store.database import now
from annotator.store.guarded import Database

KEEP = 2  # the model in use and the one before it (each is ~0.5 MB)


def latest(db: Database) -> tuple[int | None, bytes | None]:
    """(id, data) of the model in use, or (None, None)."""
    row = db.execute("SELECT id, data FROM models ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (None, None)


def latest_id(db: Database) -> int | None:
    """The id of the model in use, or None."""
    return db.execute("SELECT max(id) FROM models").fetchone()[0]


def latest_created_at(db: Database) -> str | None:
    """When the model in use was stored, or None."""
    row = db.execute("SELECT created_at FROM models ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def add(db: Database, *, description: str, data: bytes) -> None:
    """Store a model as the one in use, keeping only the KEEP newest (inside the caller's transaction)."""
    db.execute("INSERT INTO models(created_at, description, data) VALUES (?, ?, ?)", [now(), description, data])
    db.execute("DELETE FROM models WHERE id NOT IN (SELECT id FROM models ORDER BY id DESC LIMIT ?)", [KEEP])
