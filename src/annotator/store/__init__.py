"""Storage: the only code that speaks SQL. One SQLite file per project, through sqlite-utils."""

from annotator.store.database import ProjectStore, RowChange

__all__ = ["ProjectStore", "RowChange"]
