"""One edit's writes: each row change remembered with its before-image (for undo and the change log)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.store import bulk
from annotator.store.bulk import RowsAdded, StateChange
from annotator.store.guarded import Database

__all__ = ["AnyChange", "RowChange", "Transaction"]


@dataclass(frozen=True)
class RowChange:
    """One row of one table before and after an edit (None: the row did not exist)."""

    table: str
    id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def reversed(self) -> RowChange:
        """The change that undoes this one."""
        return RowChange(self.table, self.id, self.after, self.before)

    def log_entry(self) -> list[Any]:
        """The change log's entry: [table, id, before, after]."""
        return [self.table, self.id, self.before, self.after]


AnyChange = RowChange | StateChange | RowsAdded  # one row's images, or many rows' compact record


class Transaction:
    """Row-level writes inside one edit; each is remembered with its before-image for undo, and every row
    touched with its whole image before and after (for telling readers what changed)."""

    def __init__(self, db: Database, *, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self.rows: list[AnyChange] = []
        self.images: dict[tuple[str, int], tuple[dict[str, Any] | None, dict[str, Any] | None]] = {}

    def _saw(self, table: str, row_id: int, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        first = self.images[(table, row_id)][0] if (table, row_id) in self.images else before
        self.images[(table, row_id)] = (first, after)

    def count_deltas(self) -> dict[int, tuple[int, int, int]]:
        """Per document, by how much the rows touched changed its cached counts (suggestions, accepted
        entities, accepted events), from their whole images before and after."""
        out: dict[int, list[int]] = {}
        for (table, _), (before, after) in self.images.items():
            image = after if after is not None else before
            if table not in ("spans", "events") or image is None:
                continue
            delta = out.setdefault(image["doc_id"], [0, 0, 0])
            for sign, row in ((-1, before), (1, after)):
                if row is None:
                    continue
                if table == "spans":
                    delta[0] += sign * (row["state"] == "suggested")
                    delta[1] += sign * (row["state"] == "accepted" and row["kind"] == "entity")
                else:
                    delta[2] += sign * (row["state"] == "accepted")
        return {d: (a, b, c) for d, (a, b, c) in out.items()}

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        """The row as it is now, or None."""
        cur = self.db.execute(f'SELECT * FROM "{table}" WHERE id = ?', [row_id])
        row = cur.fetchone()
        return dict(zip([c[0] for c in cur.description], row, strict=True)) if row else None

    def row(self, table: str, row_id: int) -> dict[str, Any]:
        """The row as it is now, which must exist (LookupError otherwise)."""
        found = self.get(table, row_id)
        if found is None:
            raise LookupError(f"no row {row_id} in {table}")
        return found

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert a row (id assigned unless given) and return its id."""
        cols = list(values)
        cur = self.db.execute(f'INSERT INTO "{table}" ({", ".join(_q(c) for c in cols)}) '
                              f'VALUES ({", ".join("?" for _ in cols)})', [values[c] for c in cols])
        row_id = values.get("id") or cur.lastrowid
        assert row_id is not None  # lastrowid is None only before any INSERT
        after = self.get(table, row_id)
        self.rows.append(RowChange(table, row_id, None, after))
        self._saw(table, row_id, None, after)
        return row_id

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """Change some columns of a row."""
        before = self.get(table, row_id)
        if before is None:
            raise ProjectError(f"no {table} row {row_id} to change", path=str(self.path) if self.path else None,
                               hint="it was deleted meanwhile; reload the document")
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return
        self.db.execute(f'UPDATE "{table}" SET {", ".join(f"{_q(c)} = ?" for c in changed)} WHERE id = ?',
                        [*changed.values(), row_id])
        self.rows.append(RowChange(table, row_id, {k: before[k] for k in changed}, changed))
        self._saw(table, row_id, before, {**before, **changed})

    def delete(self, table: str, row_id: int) -> None:
        """Delete a row, remembering all of it."""
        before = self.get(table, row_id)
        if before is None:
            return
        self.db.execute(f'DELETE FROM "{table}" WHERE id = ?', [row_id])
        self.rows.append(RowChange(table, row_id, before, None))
        self._saw(table, row_id, before, None)

    def set_states(self, change: StateChange) -> StateChange | None:
        """Set a column of many rows of one document in one statement (those where it is `change.before`);
        recorded compactly, without row images. Returns what changed."""
        done = bulk.set_column(self.db, change)
        if done is not None:
            self.rows.append(done)
        return done

    def add_rows(self, change: RowsAdded) -> RowsAdded | None:
        """Add (or, not present, take out) many rows of one document at once, recorded compactly."""
        done = bulk.put_rows(self.db, change)
        self.record(done)
        return done

    def record(self, done: StateChange | RowsAdded | None) -> StateChange | RowsAdded | None:
        """Remember what a query of the `bulk` module changed inside this edit (None: nothing)."""
        if done is not None:
            self.rows.append(done)
        return done

    def put(self, change: AnyChange) -> None:
        """Make a row look like `change.after` (used to undo and redo)."""
        if isinstance(change, StateChange):
            self.set_states(change)
        elif isinstance(change, RowsAdded):
            self.add_rows(change)
        elif change.after is None:
            self.delete(change.table, change.id)
        elif change.before is None:
            self.insert(change.table, {**change.after, "id": change.id})
        else:
            self.update(change.table, change.id, change.after)


def _q(column: str) -> str:
    return f'"{column}"'
