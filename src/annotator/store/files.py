"""Checks on a project file before and while SQLite opens it: damage, version, permissions, backups."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.versions import (
    KNOWN_MIGRATIONS,
    MIGRATION_SET,
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
    expected_tables,
)

SQLITE_HEADER = b"SQLite format 3\x00"
RESTORE = "restore it from a backup; NAME.annot.bak-vN files beside it are copies made before upgrades"


def sidecars(path: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and shared-memory index beside the project file (its real path)."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + "-wal"), real.with_name(real.name + "-shm")


def remove_new_sidecars(path: Path, existed: list[bool]) -> None:
    """Remove the log and index a failed open left behind, if they are new and the log holds nothing."""
    wal, shm = sidecars(path)
    if existed[0] or existed[1]:
        return
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
    except OSError:
        pass  # leftovers are harmless: the next open of the project reuses them


def has_wal(path: Path) -> bool:
    """True when a non-empty write-ahead log holds changes not yet folded into the file."""
    wal = sidecars(path)[0]
    return wal.exists() and wal.stat().st_size > 0


def is_sqlite_file(path: Path) -> bool:
    """True when `path` is an existing file that starts like an SQLite database (e.g. a project)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # opening a FIFO would wait for a writer forever
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_project_file(path: Path) -> None:
    """Refuse what cannot be a project before SQLite touches (and perhaps changes) it."""
    if not path.exists():
        raise ProjectError("no such project file", path=str(path), hint="create one with `annotator new`")
    if path.is_dir():
        raise ProjectError("is a folder, not a project file", path=str(path),
                           hint="name the .annot file itself")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise ProjectError(f"cannot read the project file: {exc.strerror}", path=str(path),
                           hint="check the file's permissions") from exc
    if size == 0:
        raise ProjectError("the project file is empty (0 bytes)", path=str(path), hint=RESTORE)
    if len(header) < 100 and SQLITE_HEADER.startswith(header[:16]):
        raise ProjectError(f"the project file is truncated ({size} bytes)", path=str(path), hint=RESTORE)
    if not header.startswith(SQLITE_HEADER):
        raise ProjectError("not an annotator project (not an SQLite file)", path=str(path),
                           hint="open a .annot file made by `annotator new`")
    _check_size(path, header, size)


def _check_size(path: Path, header: bytes, size: int) -> None:
    raw = int.from_bytes(header[16:18], "big")
    page_size = 65536 if raw == 1 else raw
    if page_size < 512 or page_size & (page_size - 1):
        raise ProjectError(f"the project file's header is damaged (page size {raw})", path=str(path),
                           hint=RESTORE)
    if has_wal(path):
        return  # the log may still hold pages the file is waiting for
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is only trustworthy when its "valid-for" number matches the counter.
    counted = header[92:96] == header[24:28] and pages > 0
    if size % page_size or (counted and size < page_size * pages):
        expected = f", expected {page_size * pages}" if counted else ""
        raise ProjectError(f"the project file is truncated ({size} bytes{expected})", path=str(path),
                           hint=RESTORE)


def read_only_reason(path: Path) -> str | None:
    """Why the project cannot be written here (file or folder read-only), or None when it can."""
    # Checked by mode bits too: running as root, os.access says yes to a file the user made read-only.
    status = path.stat()
    if not os.access(path, os.W_OK) or not status.st_mode & 0o222:
        return "the file is read-only"
    if status.st_nlink > 1:
        # SQLite names its log after the name it was given: written through two names, one file would
        # have two logs, and one name's log would overwrite what was saved through the other.
        return (f"the file has {status.st_nlink} names (hard links), and writing through more than one "
                "would lose work; copy it (cp) to make a project of its own, or remove the other names")
    folder = path.parent
    if not os.access(folder, os.W_OK) or not folder.stat().st_mode & 0o222:
        return "its folder is read-only"
    return None


def applied_migrations(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Names of the schema migrations the file has, refusing non-projects and newer versions."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if MIGRATIONS_TABLE not in tables:
        raise ProjectError("not an annotator project (no project tables)", path=str(path),
                           hint="open a .annot file made by `annotator new`")
    applied = [name for (name,) in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET])]
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if unknown:
        raise ProjectError(f"made by a newer version of annotator (schema {len(applied)} with "
                           f"{', '.join(unknown)}; this version knows schema {SCHEMA_VERSION})",
                           path=str(path), hint="upgrade annotator to open it; the file was not changed")
    if not applied:
        raise ProjectError("not an annotator project (no schema version)", path=str(path),
                           hint="open a .annot file made by `annotator new`")
    return applied


def check_tables(conn: sqlite3.Connection, path: Path, applied: list[str] | None = None) -> None:
    """Refuse a file that lacks a table or a column its version (the `applied` steps; this version's by default)
    has (one query)."""
    found: dict[str, set[str]] = {}
    for table, column in conn.execute("SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c "
                                      "WHERE m.type = 'table'"):
        found.setdefault(table, set()).add(column)
    steps = list(KNOWN_MIGRATIONS) if applied is None else applied
    for table, columns in expected_tables(steps).items():
        if table not in found:
            problem = f"it has no table {table!r}"
        elif missing := [c for c in columns if c not in found[table]]:
            problem = f"its table {table!r} has no column {', '.join(map(repr, missing))}"
        else:
            continue
        raise ProjectError(f"{problem}, which every project of schema {len(steps)} has", path=str(path),
                           hint="the file was changed outside annotator; " + RESTORE)


def check_log(path: Path) -> None:
    """Refuse a write-ahead log left beside the file that does not belong to it.

    SQLite cannot tell: it lays any log's pages over the file, and the next writer's checkpoint copies them
    in, so a log another database left under this name (a project copied over one whose writer crashed)
    replaced the project with that database. Read through the log (read-only: nothing is folded in), the
    file must still be a sound project; when it is not and the file alone is, the log is not its own."""
    if not has_wal(path):
        return
    wal = sidecars(path)[0]
    try:
        conn = sqlite3.connect(f"{Path(os.path.realpath(path)).as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # the opening that follows says what is wrong
    try:
        check_tables(conn, path, applied_migrations(conn, path))  # an older file's log is checked as that version
        problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem == "ok":
            return
        reason = f"structure check: {problem}"
    except (ProjectError, sqlite3.DatabaseError) as exc:
        reason = exc.reason if isinstance(exc, ProjectError) else str(exc)
    finally:
        conn.close()
    inspect(path)  # the file alone must be a project, or its own error is the one to say
    raise ProjectError(f"the log beside it ({wal.name}) does not belong to it: read with it, the file is not a "
                       f"project ({reason})", path=str(path),
                       hint=f"the file itself is intact and was not changed; move {wal.name} away to open the "
                            "project as last saved")


def inspect(path: Path) -> list[str]:
    """Validate the file through a connection that can neither write nor leave -wal/-shm files behind.

    Only safe while no other process writes the file: callers hold the writer lock, or saw no log.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot open the project file ({exc})", path=str(path)) from exc
    try:
        return applied_migrations(conn, path)
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from exc
    finally:
        conn.close()


def damaged(path: Path, exc: BaseException) -> ProjectError:
    """The error for a file SQLite cannot read."""
    return ProjectError(f"the project file is damaged ({exc})", path=str(path), hint=RESTORE)


def unused(target: Path) -> Path:
    """`target`, or the first of `target.1`, `target.2` … not taken: a copy never goes over an older one."""
    free, n = target, 1
    while free.exists():
        free, n = target.with_name(f"{target.name}.{n}"), n + 1
    return free


def backup_path(path: Path, version: int) -> Path:
    """Where the copy made before upgrading from `version` goes (never over an older copy)."""
    return unused(path.with_name(f"{path.name}.bak-v{version}"))


def backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the whole project (log included) next to itself before it is upgraded; return the copy."""
    return copy_to(conn, backup_path(path, version), doing="upgrading")


def copy_to(conn: sqlite3.Connection, target: Path, *, doing: str) -> Path:
    """Copy the whole project (log included) to `target` through SQLite's backup API (before `doing`); return it."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)  # a crash mid-copy never leaves a half copy under the final name
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise ProjectError(f"cannot save a copy before {doing} ({exc})", path=str(target),
                           hint="free some disk space or make the folder writable; the project was not changed"
                           ) from exc
    return target
