"""The project's word lists: the segmenter's user dictionary and the gazetteer's own entries."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.store.database import now
from annotator.store.guarded import Database


def segment_words(db: Database) -> list[str]:
    """Words jieba must keep whole (the user dictionary)."""
    return [w for (w,) in db.execute("SELECT word FROM words WHERE kind = 'segment'").fetchall()]


def all_words(db: Database) -> list[str]:
    """Every word the project keeps, oldest first."""
    return [w for (w,) in db.execute("SELECT word FROM words ORDER BY added_at, word").fetchall()]


def entity_words(db: Database) -> list[tuple[str, str]]:
    """(word, label) entries the user added to the gazetteer."""
    return [(w, lab) for w, lab in db.execute("SELECT word, label FROM words WHERE kind = 'entity'").fetchall()]


def add_segment_word(db: Database, word: str) -> None:
    """Add a word to the user dictionary (inside the caller's transaction); known words are left alone."""
    db.execute("INSERT OR IGNORE INTO words(word, kind, added_at) VALUES (?, 'segment', ?)", [word, now()])


def add_entity_words(db: Database, entries: Iterable[tuple[str, str]]) -> None:
    """Add (word, label) gazetteer entries (inside the caller's transaction); known words are left alone."""
    stamp = now()
    db.conn.executemany("INSERT OR IGNORE INTO words(word, kind, label, added_at) VALUES (?, 'entity', ?, ?)",
                        [(t, lab, stamp) for t, lab in entries])
