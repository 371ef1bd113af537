"""A sqlite-utils Database whose file faults (damage, I/O errors, a full disk) surface as ProjectError.

A file whose catalogue is sound can still hold damaged pages that only a later query reaches; the user
must then get the same clear message as for a file refused at opening, never a traceback. Programming
errors (bad SQL) are not file faults and pass through unchanged.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sqlite_utils import Database

from annotator.core.errors import ProjectError
from annotator.store.files import RESTORE

DISK_FULL = "the disk is full"
FULL_BELOW = 256 * 1024  # bytes free under which a failing write is put down to a full disk
FAULTS = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY",
          "SQLITE_CANTOPEN")


def fault(path: Path, exc: sqlite3.Error) -> ProjectError | None:
    """The user's error for a fault of the file itself, or None for anything else."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if not name.startswith(FAULTS):
        return None
    if name.startswith("SQLITE_FULL") or (name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) and disk_full(path)):
        # SQLite reports a log it cannot create on a full disk as an I/O error: the file is not damaged.
        return ProjectError(f"{DISK_FULL} ({exc})", path=str(path),
                            hint="free some disk space and try again; the change was not saved (the project "
                                 "file is intact)")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return ProjectError(f"the project file cannot be written ({exc})", path=str(path),
                            hint="make the file and its folder writable, or open it read-only")
    return ProjectError(f"the project file is damaged ({exc})", path=str(path), hint=RESTORE)


def disk_full(path: Path) -> bool:
    """True when the disk holding `path` has (next to) no room left."""
    try:
        status = os.statvfs(Path(os.path.realpath(path)).parent)
    except OSError:
        return False
    return status.f_bavail * status.f_frsize < FULL_BELOW or (status.f_files > 0 and status.f_favail == 0)


def _reraise(path: Path, exc: sqlite3.Error) -> NoReturn:
    error = fault(path, exc)
    if error is None:
        raise exc
    raise error from exc


class GuardedCursor:
    """A cursor whose fetches translate file faults too (damage may only show while reading rows)."""

    def __init__(self, cursor: sqlite3.Cursor, path: Path) -> None:
        self._cursor = cursor
        self._path = path

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cursor
        except sqlite3.Error as exc:
            _reraise(self._path, exc)

    def fetchone(self) -> Any:
        """The next row, or None."""
        try:
            return self._cursor.fetchone()
        except sqlite3.Error as exc:
            _reraise(self._path, exc)

    def fetchall(self) -> list[Any]:
        """All remaining rows."""
        try:
            return self._cursor.fetchall()
        except sqlite3.Error as exc:
            _reraise(self._path, exc)

    def fetchmany(self, size: int = 1) -> list[Any]:
        """Up to `size` rows."""
        try:
            return self._cursor.fetchmany(size)
        except sqlite3.Error as exc:
            _reraise(self._path, exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)  # description, lastrowid, rowcount, close …


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
            _reraise(self.path, exc)
