"""What an edit changed: the record every mutating use case returns and the GUI re-broadcasts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.store import RowChange

_KIND_OF_TABLE = {"spans": "spans", "events": "events", "arguments": "events", "documents": "documents"}


@dataclass(frozen=True)
class Changes:
    """Which kinds of things changed in which documents, and the row images that undo or redo it."""

    action: str
    doc_ids: frozenset[int] = frozenset()
    kinds: frozenset[str] = frozenset()
    rows: tuple[RowChange, ...] = ()
    created: tuple[int, ...] = field(default=())

    @classmethod
    def from_rows(cls, action: str, rows: Iterable[RowChange], *, doc_id: int | None = None,
                  created: Iterable[int] = ()) -> Changes:
        """Derive the kinds and documents from the rows an edit touched."""
        rows = tuple(rows)
        kinds: set[str] = set()
        docs: set[int] = {doc_id} if doc_id is not None else set()
        for r in rows:
            kinds.add(_KIND_OF_TABLE.get(r.table, r.table))
            image = r.after or r.before or {}
            if r.table == "documents":
                docs.add(r.id)
                if "tokens" in image:
                    kinds.add("tokens")
                if "status" in image:
                    kinds.add("status")
            elif "doc_id" in image:
                docs.add(image["doc_id"])
        return cls(action, frozenset(docs), frozenset(kinds), rows, tuple(created))

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not self.rows and not self.kinds


@dataclass(frozen=True)
class ImportReport:
    """What an import did: documents added, duplicates skipped, files refused."""

    imported: tuple[int, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()  # (where, id of the document it duplicates)
    errors: tuple[str, ...] = ()
    files: int = 0
    notes: tuple[str, ...] = ()   # what the files held that the project does not carry

    @property
    def changes(self) -> Changes:
        """The Changes record of the documents added."""
        return Changes("import", frozenset(self.imported), frozenset({"documents"} if self.imported else ()))
