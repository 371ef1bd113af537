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
        # The last edit: the version after it, the documents known uncrossed before it, its rows. An edit that
        # exactly reverses it (its undo) brings those documents back to a state known uncrossed.
        self._last: tuple[Version, frozenset[int], list[AnyChange]] | None = None

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
        (at the version now), and those it put back as they were before the edit it undoes; forget the rest."""
        if db.conn.in_transaction:  # inside another transaction: not committed yet, may still be rolled back
            self._known.clear()
            self._last = None
            return
        now = version(db)
        known = frozenset(d for d, v in self._known.items() if v == before)
        dropped = _may_cross(rows) if known else None
        kept = {d: now for d in known if dropped is not None and d not in dropped}
        kept.update(dict.fromkeys(self._undone(before, rows), now))
        self._known = kept
        self._last = (now, known, list(rows))

    def _undone(self, before: Version, rows: Sequence[AnyChange]) -> frozenset[int]:
        """The documents known uncrossed before the last edit, when `rows`, begun right after it, reverse it
        exactly (each row it changed is back as it was; nothing else changed in between)."""
        last = self._last
        if last is None or last[0] != before or len(rows) != len(last[2]):
            return frozenset()
        if all(row == done.reversed() for row, done in zip(rows, reversed(last[2]), strict=True)):
            return last[1]
        return frozenset()

    def forget(self) -> None:
        """Forget every document (the connection is closed or replaced)."""
        self._known.clear()
        self._last = None


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
