"""Storage: the only code that speaks SQL. One SQLite file per project: sqlite-utils writes it
(`library`), plain sqlite3 reads a file opened read-only."""

from annotator.store.database import ProjectStore, RowChange

__all__ = ["ProjectStore", "RowChange"]
