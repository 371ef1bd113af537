"""The change log: who did what, when (edits log their rows in database.ProjectStore.edit)."""

from __future__ import annotations

from annotator.store.database import now
from annotator.store.guarded import Database

MODEL_ADOPTED = "adopt model"  # a retrained model became the one in use (statistics split the time there)


def log_action(db: Database, *, user: str, action: str, doc_id: int | None = None) -> None:
    """Log an action that keeps no undo rows (e.g. an import), inside the caller's transaction."""
    db.execute("INSERT INTO changes(doc_id, user, at, action, rows) VALUES (?, ?, ?, ?, NULL)",
               [doc_id, user, now(), action])
