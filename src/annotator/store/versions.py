"""The project file's schema versions by name: what opening a file checks, without importing sqlite-utils."""

from __future__ import annotations

KNOWN_MIGRATIONS = ("m001_initial", "m002_team_layers", "m003_statistics_indexes", "m004_argument_state",
                    "m005_event_models", "m006_layer_edited_at")
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
MIGRATION_SET = "annotator"  # the name sqlite-utils' Migrations records our steps under
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils' Migrations records the applied steps
# The tables and columns of a file of SCHEMA_VERSION (tests/store/test_migrations.py checks them against what
# the migrations make): a file lacking one was changed outside annotator, and is refused at opening, naming
# it, rather than failing in the middle of a command with SQLite's "no such column".
TABLES = {
    "project": "key value",
    "documents": "id name title text tokens source original hash status reviewer reviewed_at created_at updated_at "
                 "meta n_suggested n_entities n_events n_tokens presegmented",
    "spans": "id doc_id start end label kind origin state score",
    "events": "id doc_id type trigger_id state origin",
    "arguments": "id event_id doc_id role span_id position state",
    "changes": "id doc_id user at action rows",
    "words": "word kind label added_at",
    "models": "id created_at description data",
    "layers": "id doc_id annotator data source merged_at seconds edited_at",
    "assignments": "id doc_id annotator file assigned_at",
    "event_models": "id created_at description data",
}
# What each step after the first adds to TABLES: a file without that step lacks these tables and columns, and is
# checked without them.
ADDED = {
    "m002_team_layers": {"layers": "id doc_id annotator data source merged_at",
                         "assignments": "id doc_id annotator file assigned_at"},
    "m003_statistics_indexes": {"layers": "seconds"},
    "m004_argument_state": {"arguments": "state"},
    "m005_event_models": {"event_models": "id created_at description data"},
    "m006_layer_edited_at": {"layers": "edited_at"},
}
# Steps a file opened with `ProjectStore(..., as_is=True)` (read-only: merge reading an annotator's file, never
# upgrading someone else's file) may lack: what they add, reading an annotator's reviewed work does not read.
READ_AS_IS = ("m006_layer_edited_at",)


def expected_tables(applied: tuple[str, ...] | list[str]) -> dict[str, list[str]]:
    """{table: its columns} of a file with the `applied` steps (TABLES without what the others add)."""
    out = {table: columns.split() for table, columns in TABLES.items()}
    for step, added in ADDED.items():
        if step in applied:
            continue
        for table, columns in added.items():
            out[table] = [c for c in out.get(table, []) if c not in columns.split()]
            if not out[table]:
                del out[table]
    return out
