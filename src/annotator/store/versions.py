"""The project file's schema versions by name: what opening a file checks, without importing sqlite-utils."""

from __future__ import annotations

KNOWN_MIGRATIONS = ("m001_initial", "m002_team_layers", "m003_statistics_indexes", "m004_argument_state",
                    "m005_event_models")
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
MIGRATION_SET = "annotator"  # the name sqlite-utils' Migrations records our steps under
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils' Migrations records the applied steps
