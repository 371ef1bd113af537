"""What an edit changed: the record every mutating use case returns and the GUI re-broadcasts.

Like Anki's OpChanges it says, in the domain's words, which kinds of things changed and in which documents,
with the changed spans and document fields as values; the rows that undo or redo it travel along as an
opaque payload only the service reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from annotator.core.annotations import EntitySpan, ReviewStatus
from annotator.core.text import Token
from annotator.store.database import AnyChange, Transaction
from annotator.store.images import (
    KIND_OF_TABLE,
    DocumentImage,
    EditImages,
    ItemImage,
    ItemImages,
    SpanImage,
    SpanStates,
    images_of,
)

__all__ = ["Changes", "DocumentChange", "ImportReport", "ItemChange", "Kind", "SpanChange", "SpanStatesChange",
           "UndoData"]


class Kind(StrEnum):
    """A kind of thing an edit can change (equal to its plain string, so `"events" in kinds` works)."""

    DOCUMENTS = "documents"
    SPANS = "spans"
    EVENTS = "events"
    TOKENS = "tokens"
    STATUS = "status"
    SCHEMA = "schema"
    DICTIONARY = "dictionary"
    MODEL = "model"
    SETTINGS = "settings"
    LAYERS = "layers"              # an annotator's merged version of a document (team work)
    ASSIGNMENTS = "assignments"    # who was handed which documents


SpanChange = SpanImage          # a span before and after (None: it did not exist); `.doc_id`
DocumentChange = DocumentImage  # a document's new status, tokens or title (None: unchanged)
ItemChange = ItemImage          # an event or argument added, changed or removed
SpanStatesChange = SpanStates   # many spans of a document whose state alone changed (a bulk edit)


@dataclass(frozen=True)
class UndoData:
    """The row images that undo or redo an edit: opaque to everyone but the service's undo and redo."""

    rows: tuple[AnyChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rows)

    def reversed(self) -> list[AnyChange]:
        """The rows that put back what these rows changed, in the order to apply them."""
        return [r.reversed() for r in reversed(self.rows)]


@dataclass(frozen=True)
class Changes:
    """Which kinds of things changed in which documents: the spans, document fields, events and arguments
    an edit touched, and (opaque) what undoes it."""

    action: str
    doc_ids: frozenset[int] = frozenset()
    kinds: frozenset[str] = frozenset()
    created: tuple[int, ...] = ()
    spans: tuple[SpanChange, ...] = ()
    documents: tuple[DocumentChange, ...] = ()
    events: ItemImages = ItemImages()  # a sequence of ItemChange, made when read
    arguments: ItemImages = ItemImages()
    undo: UndoData = field(default=UndoData(), repr=False)
    span_states: tuple[SpanStatesChange, ...] = ()  # bulk state changes, applied after `spans`

    @classmethod
    def of_edit(cls, action: str, tx: Transaction, *, doc_id: int | None = None,
                created: Iterable[int] = ()) -> Changes:
        """The record of what one transaction changed."""
        return cls.of(action, tx.rows, images_of(tx), doc_id=doc_id, created=created)

    @classmethod
    def of(cls, action: str, rows: Iterable[AnyChange], images: EditImages, *, doc_id: int | None = None,
           created: Iterable[int] = ()) -> Changes:
        """The record of these rows, described by `images`; kinds and documents derived from them."""
        rows = tuple(rows)
        kinds: set[str] = set()
        docs: set[int] = {doc_id} if doc_id is not None else set()
        for r in rows:
            kinds.add(KIND_OF_TABLE.get(r.table, r.table))
        for d in images.documents:
            docs.add(d.doc_id)
            if d.tokens is not None:
                kinds.add(Kind.TOKENS)
            if d.status is not None:
                kinds.add(Kind.STATUS)
        docs.update(s.doc_id for s in images.spans)
        docs.update(s.doc_id for s in images.span_states)
        docs.update(images.events.doc_ids, images.arguments.doc_ids)
        return cls(action, frozenset(docs), frozenset(kinds), tuple(created), images.spans, images.documents,
                   images.events, images.arguments, UndoData(rows), images.span_states)

    @classmethod
    def combine(cls, action: str, parts: Sequence[Changes]) -> Changes:
        """Several records as one (in the order they were applied)."""
        if len(parts) == 1 and parts[0].action == action:
            return parts[0]
        return cls(action, frozenset().union(*(c.doc_ids for c in parts)),
                   frozenset().union(*(c.kinds for c in parts)),
                   tuple(i for c in parts for i in c.created),
                   tuple(s for c in parts for s in c.spans),
                   tuple(d for c in parts for d in c.documents),
                   ItemImages.join(c.events for c in parts),
                   ItemImages.join(c.arguments for c in parts),
                   UndoData(tuple(r for c in parts for r in c.undo.rows)),
                   tuple(s for c in parts for s in c.span_states))

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not self.undo and not self.kinds

    @property
    def saved(self) -> bool:
        """True when the edit wrote annotations or documents to the project file."""
        return bool(self.undo)

    def added_spans(self) -> list[EntitySpan]:
        """The spans the edit created."""
        return [s.after for s in self.spans if s.before is None and s.after is not None]

    def removed_spans(self) -> list[EntitySpan]:
        """The spans the edit deleted."""
        return [s.before for s in self.spans if s.after is None and s.before is not None]

    def status_of(self, doc_id: int) -> ReviewStatus | None:
        """The document's new review status, when the edit changed it."""
        return next((d.status for d in reversed(self.documents) if d.doc_id == doc_id and d.status), None)

    def tokens_of(self, doc_id: int) -> tuple[Token, ...] | None:
        """The document's new tokens, when the edit changed them."""
        return next((d.tokens for d in reversed(self.documents) if d.doc_id == doc_id and d.tokens is not None),
                    None)


@dataclass(frozen=True)
class ImportNote:
    """One line of an import's notes on a file: what its reader noted of the documents kept (`told`), or what
    it could not carry of them, as (reason, count) pairs in the reader's English words; the CLI prints it as
    `str` gives it, the window says each part in its own language (gui/note_text.py)."""

    path: str
    kind: str   # the format the file was read in
    counts: tuple[tuple[str, int], ...]
    told: bool = False   # a note on what was read (the reasons without extras.NOTE), not something left out

    def __str__(self) -> str:
        items = ", ".join(f"{n} {reason}" for reason, n in self.counts)
        if self.told:
            return f"{self.path} ({self.kind}): {items}"
        return f"{self.path}: not carried by the project ({self.kind}): {items}"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: documents added, duplicates skipped, files refused."""

    imported: tuple[int, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()  # (where, id of the document it duplicates)
    errors: tuple[str, ...] = ()
    files: int = 0
    notes: tuple[ImportNote, ...] = ()   # what the files held that the project does not carry, or was noted
    passed_over: tuple[str, ...] = ()  # "where: why" for folder entries not read (links out, FIFOs)
    schema_added: tuple[str, ...] = ()  # "label GPE", "event type X", "role R of X" (--extend-schema)

    @property
    def changes(self) -> Changes:
        """The Changes record of the documents added."""
        return Changes("import", frozenset(self.imported), frozenset({"documents"} if self.imported else ()))
