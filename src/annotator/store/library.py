"""sqlite-utils, the store's library for writing and for the schema's migrations.

Imported only when a project is created or opened for writing: a command that only reads (`list`, `info`)
goes through plain sqlite3 (`guarded.ReadOnlyDatabase`) and starts without it.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if "sqlite_utils" not in sys.modules:
    # sqlite-utils imports pandas (and with it pyarrow) and numpy whenever they are installed, only to
    # accept DataFrame and numpy values we never pass (every insert here is plain SQL): ~110 MB of memory
    # and half a second at every start of the app, and numpy alone most of a command's start-up.
    _unused = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for _name in _unused:
        sys.modules[_name] = None  # type: ignore[assignment]  # makes its `import pandas` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for _name in _unused:
            del sys.modules[_name]  # anyone else importing them later gets the real ones

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from annotator.store.guarded import GuardedCursor, reraise

__all__ = ["Database", "GuardedDatabase", "Migrations"]


class GuardedDatabase(Database):
    """sqlite-utils' Database for one project file, translating file faults into ProjectError."""

    def __init__(self, conn: sqlite3.Connection, *, path: Path) -> None:
        self.path = path  # before super().__init__, which already runs a statement
        # No sqlite-utils plugins: a project file reads the same whatever else is installed, and finding
        # them scans every installed package's metadata at each start.
        super().__init__(conn, execute_plugins=False)

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run SQL; a damaged, unreadable or full file raises ProjectError naming it."""
        try:
            return GuardedCursor(super().execute(sql, parameters), self.path)
        except sqlite3.Error as exc:
            reraise(self.path, exc)
