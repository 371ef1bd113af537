"""The project's learned models, entity and event models each in a table of their own: the one in use (the
newest) and the one it replaced."""

from __future__ import annotations

from annotator.store.database import now
from annotator.store.guarded import Database

ENTITY = "models"  # the pre-highlighter's model
EVENT = "event_models"  # the event model (issue 17), learned and gated on its own
KEEP = 2  # the model in use and the one before it (each is ~0.5 MB)


def _table(table: str) -> str:
    """The table name, checked: it goes into SQL text."""
    if table not in (ENTITY, EVENT):
        raise ValueError(f"no model table {table!r}")
    return table


def latest(db: Database, table: str = ENTITY) -> tuple[int | None, bytes | None]:
    """(id, data) of the model in use, or (None, None)."""
    row = db.execute(f"SELECT id, data FROM {_table(table)} ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (None, None)


def latest_id(db: Database, table: str = ENTITY) -> int | None:
    """The id of the model in use, or None."""
    return db.execute(f"SELECT max(id) FROM {_table(table)}").fetchone()[0]


def latest_created_at(db: Database) -> str | None:
    """When the newer of the models in use (entity or event model) was stored, or None."""
    row = db.execute(f"SELECT max(created_at) FROM (SELECT max(created_at) AS created_at FROM {ENTITY} "
                     f"UNION ALL SELECT max(created_at) FROM {EVENT})").fetchone()
    return row[0] if row else None


def add(db: Database, *, description: str, data: bytes, table: str = ENTITY) -> None:
    """Store a model as the one in use, keeping only the KEEP newest (inside the caller's transaction)."""
    name = _table(table)
    db.execute(f"INSERT INTO {name}(created_at, description, data) VALUES (?, ?, ?)", [now(), description, data])
    db.execute(f"DELETE FROM {name} WHERE id NOT IN (SELECT id FROM {name} ORDER BY id DESC LIMIT ?)", [KEEP])
