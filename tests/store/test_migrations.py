"""Schema upgrades: a copy is saved first, and a failed upgrade leaves the project as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from annotator.core.errors import ProjectError
from annotator.service import Project
from annotator.store import database, files, layers, migrations, versions
from tests.store.helpers import snapshot

CURRENT = len(migrations.KNOWN_MIGRATIONS)  # the schema version a new project has
BACKUP = f"review.annot.bak-v{CURRENT}"


def with_extra_migration(monkeypatch: pytest.MonkeyPatch, step) -> None:
    """Pretend this version of annotator has one more migration than the file."""
    extended = Migrations("annotator")
    for m in migrations.MIGRATIONS._migrations:
        extended(name=m.name, transactional=m.transactional)(m.fn)
    extended(name="m002_test_step")(step)
    known = (*migrations.KNOWN_MIGRATIONS, "m002_test_step")
    for module in (migrations, files, database):
        monkeypatch.setattr(module, "MIGRATIONS", extended, raising=False)
        monkeypatch.setattr(module, "SCHEMA_VERSION", len(known), raising=False)
    monkeypatch.setattr(files, "KNOWN_MIGRATIONS", known)


def table_dump(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}
    finally:
        conn.close()


def test_upgrade_saves_a_copy_then_migrates(project_path, monkeypatch):
    before = table_dump(project_path)

    def add_flag(db):
        db.execute("ALTER TABLE documents ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")

    with_extra_migration(monkeypatch, add_flag)
    with Project.open(project_path) as p:
        assert p.store.db.execute("SELECT flagged FROM documents").fetchall() == [(0,)]
        assert p.document(1).events[0].type == "Contact:Meet"
    copy = project_path.with_name(BACKUP)
    assert copy.exists() and table_dump(copy) == before
    # A second upgrade from the same version never overwrites the first copy.
    assert files.backup_path(project_path, CURRENT).name == f"{BACKUP}.1"


def test_failed_upgrade_leaves_the_original_untouched(project_path, monkeypatch):
    before = snapshot(project_path)

    def half_done(db):
        db.execute("ALTER TABLE documents ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")
        db.execute("UPDATE documents SET status = 'reviewed'")
        raise RuntimeError("step two went wrong")

    with_extra_migration(monkeypatch, half_done)
    with pytest.raises(ProjectError) as info:
        Project.open(project_path)
    message = str(info.value)
    assert message.startswith(f"{project_path}: upgrading to schema {CURRENT + 1} failed (step two went wrong)")
    assert "the file is unchanged" in message and BACKUP in message
    assert snapshot(project_path) == before
    monkeypatch.undo()
    with Project.open(project_path) as p:  # still a working project of the current version, and not locked
        assert p.document(1).status == "in-review"


def test_read_only_project_needing_an_upgrade_says_what_to_do(project_path, monkeypatch):
    with_extra_migration(monkeypatch, lambda db: db.execute("CREATE TABLE extra (x)"))
    before = snapshot(project_path)
    with pytest.raises(ProjectError) as info:
        Project.open(project_path, readonly=True)
    assert f"needs upgrading from schema {CURRENT} to {CURRENT + 1}" in str(info.value) and "open it once" in info.value.hint
    assert snapshot(project_path) == before
    assert not project_path.with_name(BACKUP).exists()


def test_every_migration_is_transactional():
    # The upgrade runs all steps in one transaction; a step that cannot (VACUUM) would break that promise.
    assert all(m.transactional for m in migrations.MIGRATIONS._migrations)


def old_project(path: Path, *steps: str) -> Path:
    """A project file made by an older version: only the named migrations applied, the default schema stored."""
    import json

    from sqlite_utils import Database

    from annotator.core.schema import DEFAULT_SCHEMA, load_schema

    older = Migrations("annotator")
    for step in steps:
        older(name=step)(getattr(migrations, step))
    conn = sqlite3.connect(path)
    db = Database(conn)
    older.apply(db)
    db.execute("INSERT INTO project(key, value) VALUES ('schema', ?)",
               [json.dumps(load_schema(DEFAULT_SCHEMA).to_dict(), ensure_ascii=False)])
    conn.commit()
    conn.close()
    return path


def test_a_project_from_before_team_work_gains_layers_and_assignments(tmp_path):
    path = old_project(tmp_path / "old.annot", "m001_initial")
    with Project.open(path) as p:
        tables = {n for (n,) in p.store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"layers", "assignments"} <= tables
    assert path.with_name("old.annot.bak-v1").exists()


def test_a_project_from_before_statistics_gains_their_indexes(tmp_path):
    path = old_project(tmp_path / "old.annot", "m001_initial", "m002_team_layers")
    with Project.open(path) as p:
        indexes = {n for (n,) in p.store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"spans_stats", "documents_reviewed"} <= indexes
        assert "seconds" in p.store.db["layers"].columns_dict
        assert p.statistics.compute().documents == {}
    assert path.with_name("old.annot.bak-v2").exists()


def test_a_layer_merged_before_edit_times_were_kept_has_none_and_the_next_copy_replaces_it(tmp_path):
    path = old_project(tmp_path / "old.annot", "m001_initial", "m002_team_layers", "m003_statistics_indexes",
                       "m004_argument_state", "m005_event_models")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO layers(doc_id, annotator, data, source, merged_at) VALUES (1, 'ann1', '{}', 'a', 'x')")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.store.db.execute("SELECT edited_at FROM layers").fetchall() == [(None,)]
        assert layers.edits(p.store.db, "ann1") == {}  # nothing to compare a copy with: merged as before
    assert path.with_name("old.annot.bak-v5").exists()


def test_the_names_opening_checks_are_the_migrations_sqlite_utils_applies():
    # versions.py spares a read-only open the import of sqlite-utils; it must name the same steps and table.
    assert tuple(m.name for m in migrations.MIGRATIONS._migrations) == versions.KNOWN_MIGRATIONS
    assert (migrations.MIGRATIONS.name, migrations.MIGRATIONS.migrations_table) == (
        versions.MIGRATION_SET, versions.MIGRATIONS_TABLE)


def test_the_tables_an_open_checks_are_those_the_migrations_make(tmp_path):
    # versions.TABLES is what opening a file of this version requires (files.check_tables); it must be exactly
    # what the migrations make, or a file they made would be refused, or a missing column let through.
    path = tmp_path / "p.annot"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    try:
        made = {table: " ".join(c for (c,) in conn.execute("SELECT name FROM pragma_table_info(?)", [table]))
                for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                             "'sqlite_%' AND name != ?", [versions.MIGRATIONS_TABLE])}
    finally:
        conn.close()
    assert made == versions.TABLES


def test_every_older_version_has_the_tables_it_is_checked_against(tmp_path):
    # versions.expected_tables(steps) is what an older file (a -wal beside it; an annotator's file merge reads as it
    # is) is checked against: exactly what its steps made, or a sound older file is called damaged.
    steps = versions.KNOWN_MIGRATIONS
    for n in range(1, len(steps) + 1):
        path = old_project(tmp_path / f"v{n}.annot", *steps[:n])
        conn = sqlite3.connect(path)
        try:
            made = {table: [c for (c,) in conn.execute("SELECT name FROM pragma_table_info(?)", [table])]
                    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                                 "'sqlite_%' AND name != ?", [versions.MIGRATIONS_TABLE])}
        finally:
            conn.close()
        assert made == versions.expected_tables(steps[:n]), steps[n - 1]


def test_an_older_project_with_a_log_beside_it_opens_and_upgrades(tmp_path):
    """A schema 5 file with its -wal (a window killed, or copied while open) was called "the log beside it does not
    belong to it": the log was checked against schema 6's tables."""
    import shutil

    steps = versions.KNOWN_MIGRATIONS[:5]
    source = old_project(tmp_path / "old.annot", *steps)
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO project(key, value) VALUES ('title', '\"last edit\"')")
    copy = tmp_path / "copy.annot"
    shutil.copy(source, copy)
    shutil.copy(source.with_name("old.annot-wal"), copy.with_name("copy.annot-wal"))  # the edit is in the log only
    conn.close()
    assert copy.with_name("copy.annot-wal").stat().st_size > 0
    with Project.open(copy) as p:
        assert p.store.setting("title") == "last edit"
        assert "edited_at" in p.store.db["layers"].columns_dict
