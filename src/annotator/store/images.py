"""What an edit did to the rows, told in the domain's values (spans, document fields, events) for the
service's change record: nobody above the store reads a table name or a token blob."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

from annotator.core.annotations import EntitySpan, ReviewStatus, SpanState
from annotator.core.text import Token, decode_tokens
from annotator.store.bulk import RowsAdded, StateChange
from annotator.store.database import AnyChange, RowChange, Transaction
from annotator.store.spans import span_from_row

#: Which kind of thing each table keeps, in the change record's words.
KIND_OF_TABLE = {"spans": "spans", "events": "events", "arguments": "events", "documents": "documents"}


@dataclass(frozen=True)
class SpanImage:
    """A span before and after an edit (None: it did not exist)."""

    doc_id: int
    before: EntitySpan | None
    after: EntitySpan | None

    @property
    def id(self) -> int:
        """The span's id."""
        span = self.after or self.before
        assert span is not None
        return span.id


@dataclass(frozen=True)
class SpanStates:
    """Spans of one document whose state alone changed, all from `before` to `after` (a bulk edit)."""

    doc_id: int
    ids: tuple[int, ...]
    before: SpanState
    after: SpanState
    origins: tuple[tuple[str, int], ...] = ()  # (origin, how many of them)

    @property
    def edges_kept(self) -> bool:
        """True when every span stays shown (live before and after), so only its colours change."""
        return SpanState.REJECTED not in (self.before, self.after)


@dataclass(frozen=True)
class DocumentImage:
    """A document's fields an edit changed (None: unchanged)."""

    doc_id: int
    status: ReviewStatus | None = None
    tokens: tuple[Token, ...] | None = None
    title: str | None = None


@dataclass(frozen=True)
class ItemImage:
    """An event or an argument an edit added, changed or removed."""

    id: int
    doc_id: int
    removed: bool


#: Items of one document an edit touched alike: (doc_id, their ids, removed).
Run = tuple[int, tuple[int, ...], bool]


class ItemImages(Sequence[ItemImage]):
    """Events or arguments an edit touched, kept as runs of ids and made into `ItemImage`s only when read: an
    undo of reject all brings back thousands, and nobody on the key's way to the paint reads them one by one."""

    def __init__(self, runs: Iterable[Run] = ()) -> None:
        self.runs: tuple[Run, ...] = tuple(r for r in runs if r[1])

    @classmethod
    def join(cls, parts: Iterable[ItemImages]) -> ItemImages:
        """Several as one (in this order)."""
        return cls(r for part in parts for r in part.runs)

    @property
    def doc_ids(self) -> set[int]:
        """The documents of the items."""
        return {doc_id for doc_id, _, _ in self.runs}

    @cached_property
    def items(self) -> tuple[ItemImage, ...]:
        """Every item's image, in order (made at the first read)."""
        return tuple(ItemImage(i, doc_id, removed) for doc_id, ids, removed in self.runs for i in ids)

    def __len__(self) -> int:
        return sum(len(ids) for _, ids, _ in self.runs)

    @overload
    def __getitem__(self, index: int) -> ItemImage: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[ItemImage, ...]: ...
    def __getitem__(self, index: int | slice) -> ItemImage | tuple[ItemImage, ...]:
        return self.items[index]

    def __iter__(self) -> Iterator[ItemImage]:
        return iter(self.items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ItemImages):
            return self.runs == other.runs or self.items == other.items
        if isinstance(other, tuple):
            return self.items == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        return f"ItemImages({len(self)} items of documents {sorted(self.doc_ids)})"


@dataclass(frozen=True)
class EditImages:
    """Everything one transaction touched, in domain values."""

    spans: tuple[SpanImage, ...]
    documents: tuple[DocumentImage, ...]
    events: ItemImages
    arguments: ItemImages
    span_states: tuple[SpanStates, ...] = ()


def images_of(tx: Transaction) -> EditImages:
    """The spans, document fields, events and arguments the transaction changed."""
    spans: list[SpanImage] = []
    documents: list[DocumentImage] = []
    items: dict[str, list[Run]] = {"events": [], "arguments": []}
    for (table, row_id), (before, after) in tx.images.items():
        if before is None and after is None:
            continue  # made and removed in the same edit
        image = after if after is not None else before
        assert image is not None
        if table == "spans":
            spans.append(SpanImage(image["doc_id"], span_from_row(row_id, before) if before else None,
                                   span_from_row(row_id, after) if after else None))
        elif table == "documents" and after is not None:
            documents.append(_document_image(row_id, before, after))
        elif table in items:
            items[table].append((image["doc_id"], (row_id,), after is None))
    states: list[SpanStates] = []
    for r in tx.rows:  # the bulk edits' compact records (they keep no row images)
        if not isinstance(r, RowChange):
            _compact_images(r, spans, states, items)
    return EditImages(tuple(spans), tuple(documents), ItemImages(items["events"]), ItemImages(items["arguments"]),
                      tuple(states))


def planned_images(rows: list[AnyChange]) -> EditImages | None:
    """What applying these rows will change, told without the file (None: a row's images must be read from
    it): the bulk edits' compact records and documents' review status, as `images_of` tells them once written."""
    spans: list[SpanImage] = []
    documents: list[DocumentImage] = []
    states: list[SpanStates] = []
    items: dict[str, list[Run]] = {"events": [], "arguments": []}
    for r in rows:
        if isinstance(r, RowChange):
            if not (r.table == "documents" and r.before is not None and r.after is not None
                    and set(r.before) == set(r.after) == {"status"} and all(d.doc_id != r.id for d in documents)):
                return None
            documents.append(DocumentImage(r.id, status=ReviewStatus(r.after["status"])))
        elif not _compact_images(r, spans, states, items):
            return None
    return EditImages(tuple(spans), tuple(documents), ItemImages(items["events"]), ItemImages(items["arguments"]),
                      tuple(states))


def _compact_images(r: StateChange | RowsAdded, spans: list[SpanImage], states: list[SpanStates],
                    items: dict[str, list[Run]]) -> bool:
    """Add what one compact record changed to the lists (False: a table no image is told of)."""
    if isinstance(r, StateChange) and r.table == "spans":
        states.append(_joined(states, SpanStates(r.doc_id, r.ids, SpanState(r.before), SpanState(r.after),
                                                 r.origins)))
    elif isinstance(r, StateChange) and r.table in items:
        items[r.table].append((r.doc_id, r.ids, False))
    elif isinstance(r, RowsAdded) and r.table in items:
        items[r.table].append((r.doc_id, r.ids, not r.present))
    elif isinstance(r, RowsAdded) and r.table == "spans":
        for values in r.values:
            span = span_from_row(values[0], dict(zip(r.columns, values, strict=True)))
            spans.append(SpanImage(r.doc_id, None if r.present else span, span if r.present else None))
    else:
        return False
    return True


def _joined(states: list[SpanStates], new: SpanStates) -> SpanStates:
    """`new`, joined with the last record when that one moved spans of the same document between the same
    two states (taken off the list): the window then passes over its spans once."""
    if not states or (states[-1].doc_id, states[-1].before, states[-1].after) != (new.doc_id, new.before, new.after):
        return new
    last = states.pop()
    counts = dict(last.origins)
    for origin, n in new.origins:
        counts[origin] = counts.get(origin, 0) + n
    # Two sorted runs (a span moves once in an edit): merged in linear time, nothing hashed.
    return SpanStates(new.doc_id, tuple(sorted(last.ids + new.ids)), new.before, new.after,
                      tuple(sorted(counts.items())))


def _document_image(doc_id: int, before: dict[str, Any] | None, after: dict[str, Any]) -> DocumentImage:
    def changed(key: str) -> bool:
        return before is None or before.get(key) != after.get(key)
    return DocumentImage(doc_id, ReviewStatus(after["status"]) if changed("status") else None,
                         tuple(decode_tokens(after["tokens"])) if changed("tokens") else None,
                         after["title"] if changed("title") else None)
