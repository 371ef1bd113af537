"""Opening a project file safely, and the transactions every edit runs in."""

from __future__ import annotations

import glob
import json
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from annotator.core.errors import ProjectError
from annotator.store import files
from annotator.store.files import SQLITE_HEADER, damaged
from annotator.store.guarded import DISK_FULL, Database, ReadOnlyDatabase, fault
from annotator.store.lock import WriterLock, current_user, real_path
from annotator.store.transaction import AnyChange, RowChange, Transaction
from annotator.store.uncrossed import Uncrossed, version
from annotator.store.unreadable import unreadable
from annotator.store.versions import KNOWN_MIGRATIONS, READ_AS_IS, SCHEMA_VERSION

__all__ = ["SQLITE_HEADER", "AnyChange", "ProjectStore", "RowChange", "Transaction", "now"]

TABLES = ("documents", "spans", "events", "arguments")
ASKED = "opened read-only"
FEW = 64  # rows: an edit of at most this many updates the document's counts by its own changes
log = logging.getLogger(__name__)


def now() -> str:
    """A timestamp for the log and documents."""
    return time.strftime("%Y-%m-%dT%H:%M:%S")


class ProjectStore:
    """One open project file: its connection, its writer lock and its migrations.

    A file that cannot be written (read-only file or folder) opens read-only; `readonly_reason` says why.
    """

    def __init__(self, path: str | Path, *, create: bool = False, readonly: bool = False,
                 user: str | None = None, settings: dict[str, Any] | None = None, as_is: bool = False) -> None:
        """`as_is` (with `readonly`): a file that lacks only steps of `versions.READ_AS_IS` is read as it is, never
        upgraded (merge reads an annotator's file, which is not the lead's to change)."""
        self.path = Path(path)
        self.as_is = readonly and as_is
        self.user = user or current_user()
        self.readonly = readonly
        self.readonly_reason: str | None = ASKED if readonly else None
        self._lock: WriterLock | None = None
        self._db: Database = None  # type: ignore[assignment]  # set below; None again only once closed
        self._pending: Callable[[], None] | None = None  # a shown edit's write (or the edit), not yet run
        self.uncrossed = Uncrossed()  # documents known to have no crossing entity spans
        try:
            if create:
                self._create(settings or {})
            else:
                files.check_project_file(self.path)
                self._choose_mode()
            if self._may_inspect():
                # Refuse a file we cannot use before SQLite opens it in a way that could change it.
                self._refuse_pending(files.inspect(self.path))
            if not create:
                files.check_log(self.path)
            self.db = self._connect()
            self._migrate()
        except BaseException:
            self.close()
            raise

    @property
    def db(self) -> Database:
        """The connection; a deferred write runs first, so whoever reads or writes next sees it committed."""
        if self._pending is not None:
            self.flush()
        return self._db

    @db.setter
    def db(self, value: Database) -> None:
        self._db = value
        self.uncrossed.forget()  # versions count a connection's changes

    # -- deferred writes ------------------------------------------------------------------------
    def defer(self, write: Callable[[], None]) -> None:
        """Hold `write` (an edit already shown: planned, or still to be made) until `flush`, which anything that
        next uses the connection calls first: the one point that keeps the file's edits in the order they were
        made. `write` reports its own failure (the store only runs it)."""
        self.flush()
        self._pending = write

    @property
    def closed(self) -> bool:
        """True once `close` ran."""
        return self._db is None

    @property
    def pending(self) -> bool:
        """True while a deferred write waits."""
        return self._pending is not None

    def flush(self) -> None:
        """Run the deferred write, if any (taken off first: it uses the connection itself)."""
        write, self._pending = self._pending, None
        if write is not None:
            write()

    def _choose_mode(self) -> None:
        reason = files.read_only_reason(self.path)
        if reason is not None:
            self.readonly, self.readonly_reason = True, reason
        if not self.readonly:
            self._lock = WriterLock(self.path, user=self.user)

    def _may_inspect(self) -> bool:
        # Holding the writer lock, or with no log beside the file, nobody is writing it right now.
        return self._lock is not None or not files.sidecars(self.path)[0].exists()

    def _create(self, settings: dict[str, Any]) -> None:
        """Build the new project under a temporary name and move it into place only when complete."""
        if self.path.exists():
            raise ProjectError("a file of that name already exists", path=str(self.path),
                               hint="choose another name or open it instead")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProjectError(f"cannot make the folder for it: {exc.strerror}", path=str(self.path),
                               hint="choose a folder you can write to") from exc
        self._lock = WriterLock(self.path, user=self.user)
        tmp = self.path.with_name(f".{self.path.name}.creating")
        for leftover in (tmp, *files.sidecars(tmp), tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
        from annotator.store.library import Database as Library
        from annotator.store.migrations import MIGRATIONS

        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                db = Library(conn, execute_plugins=False)
                with db.atomic():
                    MIGRATIONS.apply(db)
                    for key, value in {"created_at": now(), **settings}.items():
                        db.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)",
                                   [key, json.dumps(value, ensure_ascii=False)])
            finally:
                conn.close()  # folds the log into the file and removes it
            _move_into_place(tmp, self.path)
            self._lock.hold_file(self.path)
        except FileExistsError:
            raise ProjectError("a file of that name already exists", path=str(self.path),
                               hint="choose another name or open it instead") from None
        except (OSError, sqlite3.Error) as exc:
            raise ProjectError(f"cannot create the project file ({exc})", path=str(self.path),
                               hint="check that the folder is writable and the disk not full") from exc
        finally:
            for leftover in (tmp, *files.sidecars(tmp), tmp.with_name(tmp.name + "-journal")):
                leftover.unlink(missing_ok=True)
        _sync_folder(self.path.parent)

    def _connect(self) -> Database:
        existed = [side.exists() for side in files.sidecars(self.path)]
        conn: sqlite3.Connection | None = None
        try:
            if self.readonly:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                if not files.has_wal(self.path) and (self.readonly_reason != ASKED
                                                         or self.path.stat().st_nlink > 1):
                    # Nobody can be writing a file nobody may write; immutable leaves no -wal/-shm behind.
                    # With a log left by a crash it must be read, or the last edits would seem lost. A file
                    # with other names must never get a second log under this name.
                    uri += "&immutable=1"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                # The real path, so SQLite names its log after the file, never after a symbolic link to it.
                conn = sqlite3.connect(str(real_path(self.path)), isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=5000")
            if self.readonly:
                db: Database = ReadOnlyDatabase(conn, path=self.path)
            else:
                from annotator.store.library import GuardedDatabase  # sqlite-utils: only for writing

                db = GuardedDatabase(conn, path=self.path)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except (sqlite3.DatabaseError, ProjectError) as exc:
            if conn is not None:
                conn.close()
            error = exc if isinstance(exc, ProjectError) else fault(self.path, exc) or damaged(self.path, exc)
            if error.reason.startswith(DISK_FULL):
                files.remove_new_sidecars(self.path, existed)
            raise error from exc
        return db

    def _refuse_pending(self, applied: list[str]) -> None:
        if self.as_is and all(step in applied or step in READ_AS_IS for step in KNOWN_MIGRATIONS):
            return
        if self.readonly and len(applied) < SCHEMA_VERSION:
            raise ProjectError(f"needs upgrading from schema {len(applied)} to {SCHEMA_VERSION} "
                               f"but is open read-only ({self.readonly_reason})", path=str(self.path),
                               hint="open it once for writing with this version" if self.readonly_reason == ASKED
                               else "make it writable and open it once with this version")

    def _migrate(self) -> None:
        try:
            applied = files.applied_migrations(self.db.conn, self.path)
            if self.readonly:
                self._refuse_pending(applied)  # the names checked are all reading needs: no sqlite-utils
                files.check_tables(self.db.conn, self.path, applied)
                return
            # Never write into a damaged file (it would spread the damage): check its structure
            # first. Cheap: about 0.1 s for a 280 MB project.
            problem = self.db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                detail = problem.replace("*** in database main ***", "").strip().replace("\n", "; ")
                raise ProjectError(f"the project file is damaged (structure check: {detail})",
                                   path=str(self.path), hint=files.RESTORE)
            from annotator.store.library import GuardedDatabase
            from annotator.store.migrations import MIGRATIONS, settle

            db = cast(GuardedDatabase, self.db)  # opened for writing: sqlite-utils' Database
            if MIGRATIONS.pending(db):
                copy = files.backup(db.conn, self.path, len(applied))
                try:
                    with db.atomic():  # all or nothing: a failed step leaves the file as it was
                        MIGRATIONS.apply(db)
                except Exception as exc:
                    raise ProjectError(f"upgrading to schema {SCHEMA_VERSION} failed ({exc}); the file is "
                                       "unchanged", path=str(self.path),
                                       hint=f"keep using the previous version; a copy is in {copy.name}") from exc
            files.check_tables(db.conn, self.path)
            settle(db)
        except sqlite3.DatabaseError as exc:
            raise damaged(self.path, exc) from exc

    # -- settings -----------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        """A project-wide setting (JSON value)."""
        row = self.db.execute("SELECT value FROM project WHERE key = ?", [key]).fetchone()
        if not row:
            return default
        try:
            return json.loads(row[0])
        except (TypeError, ValueError) as exc:
            raise unreadable(self.path, f"its setting {key!r}", f"not readable JSON ({exc})") from exc

    def set_setting(self, key: str, value: Any) -> None:
        """Store a project-wide setting in its own transaction (or the caller's)."""
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)",
                            [key, json.dumps(value, ensure_ascii=False)])

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All writes inside commit together or not at all; SQLite's failures become ProjectError."""
        self.require_writable()
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.DatabaseError as exc:
            error = fault(self.path, exc) or ProjectError(f"the change could not be saved ({exc})",
                                                          path=str(self.path), hint="nothing was changed; try again")
            raise error from exc

    @contextmanager
    def edit(self, *, action: str, doc_id: int | None, user: str | None = None) -> Iterator[Transaction]:
        """One user edit: every row it changes is recorded, logged (under `user`, default the project's
        user: a merge logs the annotator whose work it brings) and committed together."""
        with self.transaction():
            before, tx = version(self.db), Transaction(self.db, path=self.path)
            yield tx
            self._finish(tx, action=action, doc_id=doc_id, user=user)
        self.uncrossed.edited(self.db, before, tx.rows)

    def apply(self, rows: Iterable[AnyChange], *, action: str, doc_id: int | None) -> Transaction:
        """Apply recorded row changes (e.g. reversed ones, for undo) in one transaction; return what it did."""
        rows = list(rows)
        with self.transaction():
            before, tx = version(self.db), Transaction(self.db, path=self.path)
            for change in rows:
                tx.put(change)
            self._finish(tx, action=action, doc_id=doc_id)
        self.uncrossed.edited(self.db, before, tx.rows)
        return tx

    def _finish(self, tx: Transaction, *, action: str, doc_id: int | None, user: str | None = None) -> None:
        rows = tx.rows
        # A small edit of rows with whole images moves the counts by what it changed; anything else (bulk
        # records, a merge) counts the document's spans again.
        deltas = tx.count_deltas() if len(rows) <= FEW and all(isinstance(r, RowChange) for r in rows) else None
        for d in sorted(self._documents_of(rows, doc_id)):
            if deltas is None or self._moved_below_zero(d, deltas.get(d, (0, 0, 0))):
                self.refresh_counts(d)
        self.db.execute("INSERT INTO changes(doc_id, user, at, action, rows) VALUES (?, ?, ?, ?, ?)",
                        [doc_id, user or self.user, now(), action,
                         json.dumps([r.log_entry() for r in rows], ensure_ascii=False, default=_blob_json)])

    def _moved_below_zero(self, doc_id: int, delta: tuple[int, int, int]) -> bool:
        """Move the document's counts by `delta`; True when one went below zero (they were stale: a writer
        outside an edit that did not call `refresh_counts`), so they must be counted again."""
        row = self.db.execute("""UPDATE documents SET n_suggested = n_suggested + ?, n_entities = n_entities + ?,
                                 n_events = n_events + ?, updated_at = ? WHERE id = ?
                                 RETURNING min(n_suggested, n_entities, n_events) < 0""",
                              [*delta, now(), doc_id]).fetchone()
        return bool(row and row[0])

    def _documents_of(self, rows: list[AnyChange], doc_id: int | None) -> set[int]:
        """Every document whose cached counts the rows may have changed."""
        docs = {doc_id} if doc_id is not None else set()
        for r in rows:
            if not isinstance(r, RowChange):
                docs.add(r.doc_id)
                continue
            image = r.after or r.before or {}
            if r.table == "documents":
                docs.add(r.id)
            elif "doc_id" in image:
                docs.add(image["doc_id"])
            elif r.table in TABLES:  # an update records only the columns it changed
                found = self.db.execute(f'SELECT doc_id FROM "{r.table}" WHERE id = ?', [r.id]).fetchone()
                if found:
                    docs.add(found[0])
        return docs

    def refresh_counts(self, doc_id: int) -> None:
        """Recompute a document's cached counts (shown in the document list); a writer of spans or events
        outside `edit` and `apply` (whose small edits move the counts by their own changes) must call it."""
        # One pass over the document's spans for both span counts (a long article has thousands).
        self.db.execute("""UPDATE documents SET (n_suggested, n_entities) = (
                SELECT count(*) FILTER (WHERE state = 'suggested'),
                       count(*) FILTER (WHERE state = 'accepted' AND kind = 'entity')
                FROM spans WHERE doc_id = :d),
            n_events = (SELECT count(*) FROM events WHERE doc_id = :d AND state = 'accepted'),
            updated_at = :now WHERE id = :d""", {"d": doc_id, "now": now()})

    def require_writable(self) -> None:
        """Raise a clear error when the project is open read-only."""
        if self.readonly:
            hint = ("close it and open it again for writing" if self.readonly_reason == ASKED
                    else "make the file and its folder writable, or work on a copy")
            raise ProjectError(f"the project is read-only ({self.readonly_reason}); the change was not saved",
                               path=str(self.path), hint=hint)

    _require_writable = require_writable  # the name the service used first

    def save_copy(self, kind: str, *, keep: int = 3) -> Path:
        """A copy of the whole project beside it (NAME.annot.bak-KIND-YYYYMMDD-HHMMSS, SQLite's backup API: the log's
        edits included) before a command without undo changes it; only the newest `keep` copies of `kind` stay."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        prefix = f"{self.path.name}.bak-{kind}-"
        target = files.unused(self.path.with_name(prefix + stamp))  # two commands in one second: NAME….1
        files.copy_to(self.db.conn, target, doing=kind)
        copy = re.compile(re.escape(prefix) + r"\d{8}-\d{6}(\.\d+)?")  # not a copy's -wal, -shm or lock
        made = sorted((p for p in self.path.parent.glob(glob.escape(prefix) + "*") if copy.fullmatch(p.name)),
                      key=lambda p: p.stat().st_mtime_ns)
        for old in made[:-keep]:
            for extra in ("", "-wal", "-shm", ".lock"):  # what opening the copy left beside it
                old.with_name(old.name + extra).unlink(missing_ok=True)
        return target

    def checkpoint(self, *, passive: bool = False) -> bool:
        """Fold the write-ahead log into the main file, so the .annot file alone is the project; True when all of
        it was. `passive`: without waiting for readers (another window's statistics) and leaving the log's file
        for the next edits to reuse, as a window does while it stays open; a reader's part is folded in later."""
        if self.readonly:
            return False
        mode = "PASSIVE" if passive else "TRUNCATE"
        try:
            busy, logged, folded = self.db.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error as exc:
            if not passive:  # close() says so in its own words
                raise
            # Every committed edit is safe in the log; the next checkpoint, or the next open, folds it in.
            log.warning("%s: could not fold the write-ahead log into the file (%s)", self.path, exc)
            return False
        return not busy and logged == folded

    def close(self) -> None:
        """Checkpoint, close the connection and release the lock."""
        db = self.db  # a deferred write is committed before closing
        if db is not None:
            try:
                self.checkpoint()
            except sqlite3.Error as exc:
                # Every committed edit is safe in the log; the next open folds it in.
                log.warning("%s: could not fold the write-ahead log into the file (%s)", self.path, exc)
            finally:
                db.conn.close()
                self.db = None  # type: ignore[assignment]  # closed: any later use fails at once
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _blob_json(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$blob": value.hex()}
    raise TypeError(type(value).__name__)


def _move_into_place(tmp: Path, path: Path) -> None:
    """Give the finished file its name; a hard link, unlike rename, never replaces a file that appeared
    meanwhile. File systems without hard links (FAT, some network shares) get a checked rename."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    """Make a new directory entry durable (a crash right after creating must not lose the file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform can open a folder; the file itself is already synced
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
