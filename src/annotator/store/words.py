"""The project's word lists: the project dictionary (words the segmenter keeps whole) and the gazetteer's own
entries."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.store.database import now
from annotator.store.guarded import Database


def segment_words(db: Database) -> list[str]:
    """The project dictionary: words jieba must keep whole (jieba's "user words")."""
    return [w for (w,) in db.execute("SELECT word FROM words WHERE kind = 'segment'").fetchall()]


def entity_words(db: Database) -> list[tuple[str, str]]:
    """(word, label) entries the user added to the gazetteer."""
    return [(w, lab) for w, lab in db.execute("SELECT word, label FROM words WHERE kind = 'entity'").fetchall()]


def add_segment_word(db: Database, word: str) -> None:
    """Add a word to the project dictionary (inside the caller's transaction); known words are left alone."""
    db.execute("INSERT OR IGNORE INTO words(word, kind, added_at) VALUES (?, 'segment', ?)", [word, now()])


def add_entity_words(db: Database, entries: Iterable[tuple[str, str]]) -> None:
    """Add (word, label) gazetteer entries (inside the caller's transaction); known words are left alone."""
    stamp = now()
    db.conn.executemany("INSERT OR IGNORE INTO words(word, kind, label, added_at) VALUES (?, 'entity', ?, ?)",
                        [(t, lab, stamp) for t, lab in entries])
