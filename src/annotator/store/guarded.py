"""The project file's connection, whose file faults (damage, I/O errors, a full disk) surface as ProjectError.

A file whose catalogue is sound can still hold damaged pages that only a later query reaches; the user
must then get the same clear message as for a file refused at opening, never a traceback. Programming
errors (bad SQL) are not file faults and pass through unchanged.
"""

from __future__ import annotations

import os
import resource
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, NoReturn, Protocol

from annotator.core.errors import ProjectError
from annotator.store.files import RESTORE, sidecars

DISK_FULL = "the disk is full"
SIZE_LIMITED = "the file has reached this process's limit on a file's size"
SIZE_MARGIN = 65536 + 32  # a write at most a page and its log frame's header from the limit hits it
FULL_BELOW = 256 * 1024  # bytes free under which a failing write is put down to a full disk
FAULTS = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY",
          "SQLITE_CANTOPEN")


def fault(path: Path, exc: sqlite3.Error) -> ProjectError | None:
    """The user's error for a fault of the file itself, or None for anything else."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if not name.startswith(FAULTS):
        return None
    limit = size_limit(path) if name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN")) else None
    if limit is not None:
        # A file at this process's size limit (ulimit -f) cannot grow: SQLite says a full disk or an I/O error.
        return ProjectError(f"{SIZE_LIMITED} ({limit} bytes, ulimit -f) ({exc})", path=str(path),
                            hint="raise the limit and try again; the change was not saved (the project file is intact)")
    if name.startswith("SQLITE_FULL") or (name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) and disk_full(path)):
        # SQLite reports a log it cannot create on a full disk as an I/O error: the file is not damaged.
        return ProjectError(f"{DISK_FULL} ({exc})", path=str(path),
                            hint="free some disk space and try again; the change was not saved (the project "
                                 "file is intact)")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return ProjectError(f"the project file cannot be written ({exc})", path=str(path),
                            hint="make the file and its folder writable, or open it read-only")
    return ProjectError(f"the project file is damaged ({exc})", path=str(path), hint=RESTORE)


def size_limit(path: Path) -> int | None:
    """This process's limit on a file's size (RLIMIT_FSIZE) when the project file or its log is at it, else None."""
    soft = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if soft == resource.RLIM_INFINITY:
        return None
    sizes = [f.stat().st_size for f in (Path(os.path.realpath(path)), *sidecars(path)) if f.exists()]
    return soft if max(sizes, default=0) + SIZE_MARGIN >= soft else None


def disk_full(path: Path) -> bool:
    """True when the disk holding `path` has (next to) no room left."""
    try:
        status = os.statvfs(Path(os.path.realpath(path)).parent)
    except OSError:
        return False
    return status.f_bavail * status.f_frsize < FULL_BELOW or (status.f_files > 0 and status.f_favail == 0)


def reraise(path: Path, exc: sqlite3.Error) -> NoReturn:
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
            reraise(self._path, exc)

    def fetchone(self) -> Any:
        """The next row, or None."""
        try:
            return self._cursor.fetchone()
        except sqlite3.Error as exc:
            reraise(self._path, exc)

    def fetchall(self) -> list[Any]:
        """All remaining rows."""
        try:
            return self._cursor.fetchall()
        except sqlite3.Error as exc:
            reraise(self._path, exc)

    def fetchmany(self, size: int = 1) -> list[Any]:
        """Up to `size` rows."""
        try:
            return self._cursor.fetchmany(size)
        except sqlite3.Error as exc:
            reraise(self._path, exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)  # description, lastrowid, rowcount, close …


class Database(Protocol):
    """What the store's queries use of a connection: sqlite-utils' Database (`library.GuardedDatabase`, for
    writing) and the plain `ReadOnlyDatabase` both offer it."""

    conn: sqlite3.Connection
    path: Path  # the project file, named by the errors of its rows

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run one statement; a cursor."""
        ...

    def atomic(self) -> AbstractContextManager[Any]:
        """A transaction (a savepoint when one is open): all or nothing."""
        ...


class ReadOnlyDatabase:
    """A project file opened read-only over plain sqlite3: the queries' Database without importing
    sqlite-utils (a third of a reading command's start-up), translating file faults into ProjectError."""

    def __init__(self, conn: sqlite3.Connection, *, path: Path) -> None:
        self.conn = conn
        self.path = path

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run SQL; a damaged or unreadable file raises ProjectError naming it."""
        try:
            return GuardedCursor(self.conn.execute(sql, parameters if parameters is not None else ()), self.path)
        except sqlite3.Error as exc:
            reraise(self.path, exc)

    @contextmanager
    def atomic(self) -> Iterator[ReadOnlyDatabase]:
        """One read transaction: the queries inside see the same state of the file."""
        if self.conn.in_transaction:
            yield self
            return
        self.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()
