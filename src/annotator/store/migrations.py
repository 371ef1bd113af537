"""Schema versions of the project file, applied through sqlite-utils Migrations (their names, all that
opening a file read-only checks, are in `versions`)."""

from __future__ import annotations

import json

from annotator.store.library import Database, Migrations
from annotator.store.versions import KNOWN_MIGRATIONS, MIGRATION_SET, SCHEMA_VERSION

__all__ = ["KNOWN_MIGRATIONS", "MIGRATIONS", "SCHEMA_VERSION"]

MIGRATIONS = Migrations(MIGRATION_SET)


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    """Documents, compact tokens, spans, events, arguments, change log, project settings."""
    db.execute("""CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL)""")
    db.execute("""CREATE TABLE documents (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', title TEXT NOT NULL, text TEXT NOT NULL,
        tokens BLOB NOT NULL, source TEXT NOT NULL DEFAULT '', original BLOB, hash TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new', reviewer TEXT, reviewed_at TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, meta TEXT,
        n_suggested INTEGER NOT NULL DEFAULT 0, n_entities INTEGER NOT NULL DEFAULT 0,
        n_events INTEGER NOT NULL DEFAULT 0, n_tokens INTEGER NOT NULL DEFAULT 0,
        presegmented INTEGER NOT NULL DEFAULT 0)""")
    db.execute("CREATE UNIQUE INDEX documents_hash ON documents(hash)")
    db.execute("CREATE INDEX documents_status ON documents(status)")
    db.execute("""CREATE TABLE spans (
        id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id INTEGER NOT NULL REFERENCES documents(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
        origin TEXT NOT NULL, state TEXT NOT NULL, score REAL)""")
    db.execute("CREATE INDEX spans_doc ON spans(doc_id, start)")
    db.execute("""CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id INTEGER NOT NULL REFERENCES documents(id), type TEXT NOT NULL,
        trigger_id INTEGER REFERENCES spans(id), state TEXT NOT NULL, origin TEXT NOT NULL)""")
    db.execute("CREATE INDEX events_doc ON events(doc_id)")
    db.execute("""CREATE TABLE arguments (
        id INTEGER PRIMARY KEY AUTOINCREMENT, event_id INTEGER NOT NULL REFERENCES events(id),
        doc_id INTEGER NOT NULL, role TEXT NOT NULL, span_id INTEGER NOT NULL REFERENCES spans(id),
        position INTEGER NOT NULL DEFAULT 0)""")
    db.execute("CREATE INDEX arguments_event ON arguments(event_id)")
    db.execute("CREATE INDEX arguments_doc ON arguments(doc_id)")
    db.execute("""CREATE TABLE changes (
        id INTEGER PRIMARY KEY, doc_id INTEGER, user TEXT NOT NULL, at TEXT NOT NULL,
        action TEXT NOT NULL, rows TEXT)""")
    db.execute("CREATE INDEX changes_doc ON changes(doc_id)")
    db.execute("""CREATE TABLE words (
        word TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'segment', label TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL, PRIMARY KEY (word, kind, label))""")
    db.execute("""CREATE TABLE models (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, description TEXT NOT NULL,
        data BLOB NOT NULL)""")


@MIGRATIONS()
def m002_team_layers(db: Database) -> None:
    """Team work (issue 14): each annotator's merged version of a document, and who was handed what."""
    db.execute("""CREATE TABLE layers (
        id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id INTEGER NOT NULL REFERENCES documents(id),
        annotator TEXT NOT NULL, data TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', merged_at TEXT NOT NULL)""")
    db.execute("CREATE UNIQUE INDEX layers_doc_annotator ON layers(doc_id, annotator)")
    db.execute("""CREATE TABLE assignments (
        id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id INTEGER NOT NULL REFERENCES documents(id),
        annotator TEXT NOT NULL, file TEXT NOT NULL, assigned_at TEXT NOT NULL)""")
    db.execute("CREATE UNIQUE INDEX assignments_doc_annotator ON assignments(doc_id, annotator)")


@MIGRATIONS()
def m003_statistics_indexes(db: Database) -> None:
    """Statistics (issue 15): spans grouped by kind, label, origin and state read in index order (no sort
    of millions of rows), reviewed documents per day and reviewer without reading their text, and an
    annotator's time on a merged document (from their own file's change log)."""
    db.execute("CREATE INDEX spans_stats ON spans(kind, label, origin, state, doc_id)")
    db.execute("CREATE INDEX documents_reviewed ON documents(status, reviewed_at, reviewer)")
    db.execute("ALTER TABLE layers ADD COLUMN seconds REAL")


@MIGRATIONS()
def m004_argument_state(db: Database) -> None:
    """Whole-event suggestions (issue 17): an argument is suggested, accepted or rejected on its own; every
    argument of an older file was a reviewer's or an import's, so it is accepted."""
    db.execute("ALTER TABLE arguments ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'")


@MIGRATIONS()
def m005_event_models(db: Database) -> None:
    """Event models (issue 17): learned apart from the entity model, each gated on its own, so in a table of
    their own (the newest in use, the one it replaced kept)."""
    db.execute("""CREATE TABLE event_models (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, description TEXT NOT NULL,
        data BLOB NOT NULL)""")


@MIGRATIONS()
def m006_layer_edited_at(db: Database) -> None:
    """When the annotator last edited the document in the file a layer was merged from (its updated_at there),
    so an older copy of their file merged after a newer one does not replace their work. A layer merged before
    has none: the next merge of it is taken as before."""
    db.execute("ALTER TABLE layers ADD COLUMN edited_at TEXT")


# -- fix-ups that need no schema version -----------------------------------------------------------
COUNTS_SETTING = "event_counts"  # what a document's cached n_events counts


def settle(db: Database) -> None:
    """Bring cached values an older version kept otherwise up to date, once, in a file open for writing. No
    schema version is spent on them: an older annotator still opens the file, and a read-only open (merge
    reading an annotator's file) shows the old value.

    A document's event count (the document list's Ev., `annotator list`) counts accepted events, as Ent.
    counts accepted entities; before, it counted suggested ones too (a document nobody had opened showed Ev.
    22). Suggested events stay counted where suggestions are: their trigger spans, in Sugg."""
    row = db.execute("SELECT value FROM project WHERE key = ?", [COUNTS_SETTING]).fetchone()
    if row and row[0] == json.dumps("accepted"):  # anything else (an older file, a value changed by hand): count
        return
    with db.atomic():
        db.execute("""UPDATE documents SET n_events = (SELECT count(*) FROM events
                      WHERE events.doc_id = documents.id AND events.state = 'accepted')""")
        db.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)", [COUNTS_SETTING, json.dumps("accepted")])
