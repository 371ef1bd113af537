"""Opening a project file safely, and the transactions every edit runs in."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import ProjectError
from annotator.store.lock import WriterLock, current_user
from annotator.store.migrations import KNOWN_MIGRATIONS, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
TABLES = ("documents", "spans", "events", "arguments")


@dataclass(frozen=True)
class RowChange:
    """One row of one table before and after an edit (None: the row did not exist)."""

    table: str
    id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def reversed(self) -> RowChange:
        """The change that undoes this one."""
        return RowChange(self.table, self.id, self.after, self.before)


def now() -> str:
    """A timestamp for the log and documents."""
    return time.strftime("%Y-%m-%dT%H:%M:%S")


class ProjectStore:
    """One open project file: its connection, its writer lock and its migrations."""

    def __init__(self, path: str | Path, *, create: bool = False, readonly: bool = False,
                 user: str | None = None) -> None:
        self.path = Path(path)
        self.user = user or current_user()
        self.readonly = readonly
        self._lock: WriterLock | None = None
        if create:
            if self.path.exists():
                raise ProjectError("a file of that name already exists", path=str(self.path),
                                   hint="choose another name or open it instead")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        else:
            _check_project_file(self.path)
        if not readonly:
            self._lock = WriterLock(self.path, user=self.user)
        try:
            self.db = self._connect()
            self._migrate(create=create)
        except BaseException:
            self.close()
            raise

    def _connect(self) -> Database:
        try:
            if self.readonly:
                uri = f"file:{self.path}?mode=ro"
                if not _writable(self.path):
                    uri += "&immutable=1"  # nobody can be writing a file nobody may write
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=5000")
            db = Database(conn)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"not a readable annotator project ({exc})", path=str(self.path)) from exc
        return db

    def _migrate(self, *, create: bool) -> None:
        try:
            applied = [m.name for m in MIGRATIONS.applied(self.db)]
            if not create and not applied:
                raise ProjectError("not an annotator project (no project tables)", path=str(self.path))
            unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
            if unknown:
                raise ProjectError(f"made by a newer version of annotator (schema {len(applied)}, "
                                   f"this version knows {SCHEMA_VERSION})", path=str(self.path),
                                   hint="upgrade annotator to open it")
            pending = MIGRATIONS.pending(self.db)
            if not pending:
                return
            if self.readonly:
                raise ProjectError(f"needs upgrading to schema {SCHEMA_VERSION}", path=str(self.path),
                                   hint="open it once for writing")
            if applied:
                self.checkpoint()
                shutil.copy2(self.path, self.path.with_name(f"{self.path.name}.bak-v{len(applied)}"))
            MIGRATIONS.apply(self.db)
            if create:
                self.set_setting("created_at", now())
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"the project file is damaged ({exc})", path=str(self.path)) from exc

    # -- settings -----------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        """A project-wide setting (JSON value)."""
        row = self.db.execute("SELECT value FROM project WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a project-wide setting in its own transaction (or the caller's)."""
        self._require_writable()
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)",
                            [key, json.dumps(value, ensure_ascii=False)])

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def edit(self, *, action: str, doc_id: int | None) -> Iterator[Transaction]:
        """One user edit: every row it changes is recorded, logged and committed together."""
        self._require_writable()
        with self.db.atomic():
            tx = Transaction(self.db)
            yield tx
            self._finish(tx.rows, action=action, doc_id=doc_id)

    def apply(self, rows: Iterable[RowChange], *, action: str, doc_id: int | None) -> list[RowChange]:
        """Apply recorded row changes (e.g. reversed ones, for undo) in one transaction."""
        self._require_writable()
        rows = list(rows)
        with self.db.atomic():
            tx = Transaction(self.db)
            for change in rows:
                tx.put(change)
            self._finish(tx.rows, action=action, doc_id=doc_id)
        return tx.rows

    def _finish(self, rows: list[RowChange], *, action: str, doc_id: int | None) -> None:
        docs = {r.after["doc_id"] if r.after and "doc_id" in r.after else
                r.before["doc_id"] if r.before and "doc_id" in r.before else
                r.id if r.table == "documents" else None for r in rows}
        docs.discard(None)
        for d in docs:
            self.refresh_counts(d)
        self.db.execute("INSERT INTO changes(doc_id, user, at, action, rows) VALUES (?, ?, ?, ?, ?)",
                        [doc_id, self.user, now(), action,
                         json.dumps([[r.table, r.id, r.before, r.after] for r in rows],
                                    ensure_ascii=False, default=_blob_json)])

    def refresh_counts(self, doc_id: int) -> None:
        """Recompute a document's cached counts (shown in the document list)."""
        self.db.execute("""UPDATE documents SET
            n_suggested = (SELECT count(*) FROM spans WHERE doc_id = :d AND state = 'suggested'),
            n_entities = (SELECT count(*) FROM spans WHERE doc_id = :d AND state = 'accepted'
                          AND kind = 'entity'),
            n_events = (SELECT count(*) FROM events WHERE doc_id = :d AND state != 'rejected'),
            updated_at = :now WHERE id = :d""", {"d": doc_id, "now": now()})

    def _require_writable(self) -> None:
        if self.readonly:
            raise ProjectError("the project is open read-only", path=str(self.path))

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file, so the .annot file alone is the project."""
        if not self.readonly:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Checkpoint, close the connection and release the lock."""
        db = getattr(self, "db", None)
        if db is not None:
            try:
                self.checkpoint()
            finally:
                db.conn.close()
                self.db = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class Transaction:
    """Row-level writes inside one edit; each is remembered with its before-image for undo."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.rows: list[RowChange] = []

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        """The row as it is now, or None."""
        cur = self.db.execute(f'SELECT * FROM "{table}" WHERE id = ?', [row_id])
        row = cur.fetchone()
        return dict(zip([c[0] for c in cur.description], row, strict=True)) if row else None

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert a row (id assigned unless given) and return its id."""
        cols = list(values)
        cur = self.db.execute(f'INSERT INTO "{table}" ({", ".join(_q(c) for c in cols)}) '
                              f'VALUES ({", ".join("?" for _ in cols)})', [values[c] for c in cols])
        row_id = values.get("id") or cur.lastrowid
        self.rows.append(RowChange(table, row_id, None, self.get(table, row_id)))
        return row_id

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """Change some columns of a row."""
        before = self.get(table, row_id)
        if before is None:
            raise ProjectError(f"no {table} row {row_id}")
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return
        self.db.execute(f'UPDATE "{table}" SET {", ".join(f"{_q(c)} = ?" for c in changed)} WHERE id = ?',
                        [*changed.values(), row_id])
        self.rows.append(RowChange(table, row_id, {k: before[k] for k in changed}, changed))

    def delete(self, table: str, row_id: int) -> None:
        """Delete a row, remembering all of it."""
        before = self.get(table, row_id)
        if before is None:
            return
        self.db.execute(f'DELETE FROM "{table}" WHERE id = ?', [row_id])
        self.rows.append(RowChange(table, row_id, before, None))

    def put(self, change: RowChange) -> None:
        """Make a row look like `change.after` (used to undo and redo)."""
        if change.after is None:
            self.delete(change.table, change.id)
        elif change.before is None:
            self.insert(change.table, {**change.after, "id": change.id})
        else:
            self.update(change.table, change.id, change.after)


def _q(column: str) -> str:
    return f'"{column}"'


def _blob_json(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$blob": value.hex()}
    raise TypeError(type(value).__name__)


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_project_file(path: Path) -> None:
    """Refuse what cannot be a project before SQLite touches (and perhaps changes) it."""
    if not path.exists():
        raise ProjectError("no such project file", path=str(path),
                           hint="create one with `annotator new`")
    if path.is_dir():
        raise ProjectError("is a folder, not a project file", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise ProjectError("the project file is empty (0 bytes)", path=str(path),
                           hint="restore it from a backup")
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise ProjectError("not an annotator project (not an SQLite file)", path=str(path))
    page_size = int.from_bytes(header[16:18], "big") or 65536
    pages = int.from_bytes(header[28:32], "big")
    if len(header) < 100 or (pages and size < page_size * pages and not _has_wal(path)):
        raise ProjectError(f"the project file is truncated ({size} bytes, expected {page_size * pages})",
                           path=str(path), hint="restore it from a backup")


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0
