"""Documents known to have no two live entity spans crossing, remembered between edits that cannot make two
cross (accept all, its undo and redo change states between suggested and accepted only), so accept all does
not ask the index again on every key."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.store import bulk
from annotator.store.bulk import RowsAdded, StateChange
from annotator.store.guarded import Database
from annotator.store.transaction import AnyChange, RowChange

#: Span states in which an entity span is live (drawn, and counted by the crossing check).
LIVE = ("suggested", "accepted")
#: Tables whose rows hold no span offsets or states.
SPANLESS = ("events", "arguments")

Version = tuple[int, int]


def version(db: Database) -> Version:
    """Where the file is: rows this connection changed so far, and SQLite's count of other connections'
    commits. Equal versions mean no row changed in between."""
    return db.conn.total_changes, db.execute("PRAGMA data_version").fetchone()[0]


class Uncrossed:
    """Per document, the version at which its live entity spans were found not to cross (`entities_cross`),
    moved on by each edit that provably keeps them so (`edited`); any other change of the file forgets it."""

    def __init__(self) -> None:
        self._known: dict[int, Version] = {}

    def entities_cross(self, db: Database, doc_id: int) -> bool:
        """`bulk.entities_cross`, answered from memory while the file has not changed since except by edits
        that keep it (asked inside a transaction, it is not remembered: the answer may be rolled back)."""
        if self._known.get(doc_id) == version(db):
            return False
        found = bulk.entities_cross(db, doc_id)
        if not found and not db.conn.in_transaction:
            self._known[doc_id] = version(db)
        return found

    def edited(self, db: Database, before: Version, rows: Sequence[AnyChange]) -> None:
        """After an edit of `rows` committed, begun at `before`: keep the documents it cannot have made cross
        (at the version now), forget the rest."""
        if not self._known:
            return
        if db.conn.in_transaction:  # inside another transaction: not committed yet, may still be rolled back
            self._known.clear()
            return
        dropped = _may_cross(rows)
        now = version(db)
        self._known = {d: now for d, v in self._known.items()
                       if v == before and dropped is not None and d not in dropped}

    def forget(self) -> None:
        """Forget every document (the connection is closed or replaced)."""
        self._known.clear()


def _may_cross(rows: Sequence[AnyChange]) -> set[int] | None:
    """The documents where these rows may have made two live entity spans cross (None: any document)."""
    docs: set[int] = set()
    for r in rows:
        if r.table in SPANLESS:
            continue
        if isinstance(r, StateChange):
            if r.table != "spans" or not (r.after == "rejected" or (r.before in LIVE and r.after in LIVE)):
                docs.add(r.doc_id)  # spans made live again (an undone rejection) may cross
        elif isinstance(r, RowsAdded):
            if r.present:
                docs.add(r.doc_id)  # spans added (taken out ones can only end a crossing)
        elif isinstance(r, RowChange) and r.table == "documents":
            if not (r.before is not None and r.after is not None and set(r.before) | set(r.after) <= {"status"}):
                return None
        else:
            return None  # a span changed one by one, or a table not told apart: take no chance
    return docs
