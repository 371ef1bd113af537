"""Pre-highlighting use cases: suggest on import and on demand, learn from reviewed documents, evaluate."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from annotator.core.annotations import (
    IMPORT_ORIGIN,
    UNTOUCHED,
    AnnotatedDocument,
    EntitySpan,
    ReviewStatus,
    SpanKind,
    SpanState,
)
from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.limits import max_annotations
from annotator.core.prelabel.base import PrelabelDoc
from annotator.core.prelabel.engines.gazetteer import unmarked_words
from annotator.core.prelabel.prelabeler import DocInput, Prelabeler
from annotator.core.progress import Progress, report
from annotator.service.changes import Changes
from annotator.service.editing import Edits
from annotator.service.saved_models import in_project
from annotator.service.suggested_events import ORIGIN as EVENTS_ORIGIN
from annotator.store import events as event_rows
from annotator.store import models, queries, spans, words
from annotator.store.database import Transaction
from annotator.store.queries import document_ids, load_documents

if TYPE_CHECKING:
    from annotator.service.project import Project

BATCH = 64
_log = logging.getLogger(__name__)
# The sentence the background load suggests in once (entities here, events in model_training.event_builder) (its words given: jieba's segmenter is not loaded for it).
WARM = "新华社北京电 国务院总理在人民大会堂会见了来访的法国总统。"
WARM_TOKENS = ((0, 3), (3, 5), (5, 6), (6, 7), (7, 10), (10, 12), (12, 13), (13, 18), (18, 20), (20, 21), (21, 23),
                (23, 24), (24, 26), (26, 28), (28, 29))
UNMARKED_SAMPLE = 1000


def prelabel_doc(doc: AnnotatedDocument) -> PrelabelDoc:
    """What the engines see of a document."""
    return PrelabelDoc(text=doc.text, tokens=doc.tokens, presegmented=doc.presegmented)


def suggest_batched(prelabeler: Prelabeler, docs: Sequence[AnnotatedDocument], *,
                    measured: list[float] | None = None) -> list[list[EntitySpan]]:
    """New suggestions for each document (respecting the spans it has), decoded BATCH documents at a time;
    `measured`, when given, gets each document's uncertainty (core/informative.py) from the same decoding."""
    out: list[list[EntitySpan]] = []
    for i in range(0, len(docs), BATCH):
        inputs = [DocInput(prelabel_doc(d), tuple(d.spans)) for d in docs[i:i + BATCH]]
        if measured is None:
            out.extend(prelabeler.suggest_many(inputs))
            continue
        spans, found = prelabeler.suggest_measured(inputs)
        out.extend(spans)
        measured.extend(found)
    return out


class Prelabel:
    """Suggestions from the engines, the project's own model, and its gazetteer (`project.prelabel`)."""

    def __init__(self, project: Project, edits: Edits) -> None:
        self.project = project  # the reading side: schema, documents
        self.store = project.store
        self.edits = edits
        self._prelabelers: dict[tuple[str, ...], Prelabeler] = {}

    # -- the pre-highlighter ------------------------------------------------------------------
    def prelabeler(self, engines: Sequence[str] | None = None) -> Prelabeler:
        """The project's pre-highlighter (its trained model if it has one, else the starter)."""
        cache = self._prelabelers
        key = tuple(engines or ())
        if key not in cache:
            from annotator.core.prelabel.factory import build_prelabeler  # the engines and numpy, when needed

            try:
                with in_project(self.project.path):
                    cache[key] = build_prelabeler(self.project.schema, engines=engines,
                                                  model=models.latest(self.store.db)[1], gazetteer=self.gazetteer())
            except ValueError as exc:
                raise ValidationError(str(exc)) from exc
        return cache[key]

    def builder(self) -> Callable[[], None] | None:
        """A call that builds the pre-highlighter and suggests once in a sentence (the model's first-use work: 0.15
        and 0.07 CPU-s), for the background load (service/suggest_preload.py); its inputs (the model, the gazetteer)
        are read here, on the thread that owns the project file. It keeps what it built unless the model, gazetteer
        or schema changed meanwhile (`forget`). None when it is built already."""
        cache, key = self._prelabelers, ()
        if key in cache:
            return None
        schema, path = self.project.schema, self.project.path
        model, gazetteer = models.latest(self.store.db)[1], self.gazetteer()

        def build() -> None:
            from annotator.core.prelabel.factory import build_prelabeler

            try:
                with in_project(path):
                    prelabeler = build_prelabeler(schema, model=model, gazetteer=gazetteer)
            except (AnnotatorError, ValueError) as exc:  # the first suggestion builds it again and says why
                _log.warning("the pre-highlighter was not built in the background: %s", exc)
                return
            prelabeler.suggest(PrelabelDoc(text=WARM, tokens=WARM_TOKENS))
            cache.setdefault(key, prelabeler)

        return build

    def forget(self) -> None:
        """Build the pre-highlighter afresh at next use (the model, gazetteer or schema changed)."""
        self._prelabelers = {}

    def gazetteer(self, *, leave_out: Sequence[int] = ()) -> list[tuple[str, str]]:
        """(text, label) entries: the gazetteer entries added on purpose plus every entity a reviewer accepted or made
        (except in the documents `leave_out`, e.g. those a new model is scored on, and except words the
        reviewers mostly leave unmarked)."""
        return _entries(*self._gazetteer_parts(leave_out))

    def gazetteer_summary(self) -> str:
        """Where the gazetteer's entries come from, in one line (for `annotator info`)."""
        reviewed, unmarked, user = parts = self._gazetteer_parts(())
        left_out = sorted({t for t, _ in reviewed} & unmarked)
        return (f"{len(_entries(*parts))} entries: {len(reviewed)} distinct entities reviewers accepted or made, "
                f"{len(user)} added on purpose; left out as mostly unmarked: "
                + (", ".join(left_out[:8]) + (" …" if len(left_out) > 8 else "") if left_out else "none"))

    def _gazetteer_parts(self, leave_out: Sequence[int]) -> tuple[list[tuple[str, str]], set[str],
                                                                  list[tuple[str, str]]]:
        """(reviewed entities, words the reviewers mostly leave unmarked, the user's entries)."""
        db = self.store.db
        reviewed = spans.reviewed_entities(db, leave_out=leave_out)
        unmarked = unmarked_words(load_documents(db, [i for i in self._recent_reviewed() if i not in leave_out]))
        return reviewed, unmarked, words.entity_words(db)

    def _recent_reviewed(self) -> list[int]:
        """The latest UNMARKED_SAMPLE reviewed documents: enough to tell a word the reviewers leave
        unmarked from a name (about a second per 2,000 articles)."""
        ids = document_ids(self.store.db, statuses=[ReviewStatus.REVIEWED.value], order_by="id")
        return list(ids[-UNMARKED_SAMPLE:])

    def add_gazetteer_entries(self, entries: Iterable[tuple[str, str]]) -> Changes:
        """Add (text, label) entries to the project's gazetteer (e.g. from a user file)."""
        entries = [(t.strip(), lab) for t, lab in entries if t.strip()]
        for _, label in entries:
            if self.project.schema.label(label) is None:
                raise ValidationError(f"label {label!r} is not in the schema")
        with self.store.db.atomic():
            words.add_entity_words(self.store.db, entries)
        self.forget()
        return Changes("gazetteer", kinds=frozenset({"dictionary"}))

    def suggest(self, doc: AnnotatedDocument) -> list[EntitySpan]:
        """Suggestions for a document not yet stored (used on import)."""
        return self.suggest_many([doc])[0]

    def suggest_many(self, docs: Sequence[AnnotatedDocument], *, engines: Sequence[str] | None = None
                     ) -> list[list[EntitySpan]]:
        """Suggestions for many documents at once, respecting what each already has."""
        return suggest_batched(self.prelabeler(engines), docs)

    # -- on demand ----------------------------------------------------------------------------
    def run(self, doc_ids: Sequence[int] | None = None, *, engines: Sequence[str] | None = None,
            refresh: bool = False, progress: Progress | None = None) -> Changes:
        """Add suggestions to documents (all not yet reviewed when none named); running it twice adds nothing.

        Never replaces an accepted or manual span and never repeats a rejected one. `refresh` first takes
        away the documents' open entity suggestions an engine made (none a decided argument, none a file
        brought; a suggested argument goes with its span), so a newly trained model or gazetteer suggests afresh (events:
        `project.triggers.suggest(refresh=True)`); what a reviewer decided stays. `progress` may cancel: nothing is kept."""
        if doc_ids is None:
            doc_ids = self.project.document_ids(statuses=[s.value for s in ReviewStatus if s != ReviewStatus.REVIEWED])
        done: list[Changes] = []
        with self.store.transaction():  # one edit per document inside it; a cancelled run undoes them all
            for i in range(0, len(doc_ids), BATCH):
                report(progress, i, len(doc_ids), what="pre-highlighting")
                docs = [self.project.document(d) for d in doc_ids[i:i + BATCH]]
                stale = [_open_suggestions(d) if refresh else [] for d in docs]
                kept = [_without(d, old) for d, old in zip(docs, stale, strict=True)]
                for doc, old, fresh in zip(docs, stale, self.suggest_many(kept, engines=engines), strict=True):
                    # A suggestion made again keeps its row; only the difference is written.
                    again = {_key(s) for s in fresh} & {_key(o) for o in old}
                    added = [s for s in fresh if _key(s) not in again]
                    gone = [o for o in old if _key(o) not in again]
                    _check_room(doc, len(added) - len(gone), path=str(self.project.path))
                    if added or gone:
                        done.append(self.edits.edit("prelabel", doc.id,
                                                    partial(_store, doc=doc, spans=added, gone=gone)))
        report(progress, len(doc_ids), len(doc_ids), what="pre-highlighting")
        return Changes.combine("prelabel", done) if done else Changes("prelabel")

    def suggestions_outdated(self, doc_id: int) -> bool:
        """Whether nobody has worked on the document yet (new or pre-annotated) and its suggestions are
        older than a model in use (the entity or the event model)."""
        row = queries.status_and_update(self.store.db, doc_id)
        model = models.latest_created_at(self.store.db)
        return row is not None and model is not None and row[0] in UNTOUCHED and row[1] < model

    def refresh_if_outdated(self, doc_id: int) -> Changes:
        """Suggest afresh in a document whose suggestions are outdated (see `suggestions_outdated`); the
        window does this as it opens one, so a model retrained in the background shows on the next
        document. Empty when there is nothing to do."""
        if self.project.readonly or not self.suggestions_outdated(doc_id):
            return Changes("prelabel")
        changes = self.run([doc_id], refresh=True)
        if changes.empty:  # up to date all the same: not again on every opening
            with self.store.transaction():
                self.store.refresh_counts(doc_id)
        return changes


def _store(tx: Transaction, doc: AnnotatedDocument, spans: Iterable[EntitySpan],
           gone: Iterable[EntitySpan] = ()) -> None:
    for s in gone:
        for arg_id in event_rows.arguments_filled_by(tx.db, s.id):  # suggested ones only (_open_suggestions)
            tx.delete("arguments", arg_id)
        tx.delete("spans", s.id)
    for s in spans:
        tx.insert("spans", {"doc_id": doc.id, "start": s.start, "end": s.end, "label": s.label,
                            "kind": SpanKind.ENTITY.value, "origin": s.origin, "state": SpanState.SUGGESTED.value,
                            "score": s.score})


def _entries(reviewed: list[tuple[str, str]], unmarked: set[str], user: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # The user's own entries are kept whatever the reviewed documents say: they were added on purpose.
    return sorted({r for r in reviewed if r[0] not in unmarked} | set(user))


def _key(span: EntitySpan) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _without(doc: AnnotatedDocument, spans: Sequence[EntitySpan]) -> AnnotatedDocument:
    """The document without `spans` (by id: a long article has thousands of suggestions)."""
    if not spans:
        return doc
    ids = {s.id for s in spans}
    return replace(doc, spans=tuple(s for s in doc.spans if s.id not in ids))


def _check_room(doc: AnnotatedDocument, more: int, *, path: str) -> None:
    """Refuse suggestions that would take a document past the bound on its annotations: the window would refuse
    to open it (a one-paragraph text of a million characters can draw hundreds of thousands of them)."""
    most = max_annotations(path=path)
    if doc.annotation_count + more > most:
        raise ValidationError(f"document {doc.id}: pre-highlighting would give it {doc.annotation_count + more:,} "
                              f"annotations; a document may hold at most {most:,}", path=path,
                              hint="split it into several documents")


def _open_suggestions(doc: AnnotatedDocument) -> list[EntitySpan]:
    """The document's entity suggestions an engine made that nobody has decided on and no decided argument
    uses (one filling only the suggester's suggested arguments goes with them; one an event a file brought
    uses stays). A file's own entities, imported to review, are not the engines' to take back."""
    used = {a.span_id for e in doc.events for a in e.arguments
            if a.state != SpanState.SUGGESTED or e.origin != EVENTS_ORIGIN}
    return [s for s in doc.spans if s.kind == SpanKind.ENTITY and s.state == SpanState.SUGGESTED
            and s.origin != IMPORT_ORIGIN and s.id not in used]
