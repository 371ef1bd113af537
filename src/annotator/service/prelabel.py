"""Pre-highlighting use cases: suggest on import and on demand, learn from reviewed documents, evaluate."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ValidationError
from annotator.core.prelabel import DocInput, PrelabelDoc, Prelabeler, build_prelabeler, describe, train
from annotator.service.changes import Changes
from annotator.store.database import Transaction, now

BATCH = 64


def prelabel_doc(doc: AnnotatedDocument) -> PrelabelDoc:
    """What the engines see of a document."""
    return PrelabelDoc(text=doc.text, tokens=doc.tokens, presegmented=doc.presegmented)


def suggest_batched(prelabeler: Prelabeler, docs: Sequence[AnnotatedDocument]) -> list[list[EntitySpan]]:
    """New suggestions for each document (respecting the spans it has), decoded BATCH documents at a time."""
    out: list[list[EntitySpan]] = []
    for i in range(0, len(docs), BATCH):
        chunk = docs[i:i + BATCH]
        out.extend(prelabeler.suggest_many([DocInput(prelabel_doc(d), tuple(d.spans)) for d in chunk]))
    return out


class PrelabelMixin:
    """Suggestions from the engines, the project's own model, and its gazetteer."""

    _prelabelers: dict[tuple[str, ...], Prelabeler]

    # -- the pre-highlighter ------------------------------------------------------------------
    def prelabeler(self, engines: Sequence[str] | None = None) -> Prelabeler:
        """The project's pre-highlighter (its trained model if it has one, else the starter)."""
        cache = self.__dict__.setdefault("_prelabelers", {})
        key = tuple(engines or ())
        if key not in cache:
            try:
                cache[key] = build_prelabeler(self.schema, engines=engines, model=self.model_bytes(),
                                              gazetteer=self.gazetteer())
            except ValueError as exc:
                raise ValidationError(str(exc)) from exc
        return cache[key]

    def _forget_prelabelers(self) -> None:
        self.__dict__["_prelabelers"] = {}

    def gazetteer(self) -> list[tuple[str, str]]:
        """(text, label) entries: the user's dictionary plus every entity a reviewer accepted or made."""
        db = self.store.db
        rows = db.execute("""SELECT DISTINCT substr(d.text, s.start + 1, s."end" - s.start), s.label
                             FROM spans s JOIN documents d ON d.id = s.doc_id
                             WHERE s.kind = 'entity' AND s.state = 'accepted'
                             AND (s.origin = 'manual' OR d.status = 'reviewed')""").fetchall()
        rows += db.execute("SELECT word, label FROM words WHERE kind = 'entity'").fetchall()
        return sorted(set(rows))

    def add_gazetteer_entries(self, entries: Iterable[tuple[str, str]]) -> Changes:
        """Add (text, label) entries to the project's gazetteer (e.g. from a user file)."""
        entries = [(t.strip(), lab) for t, lab in entries if t.strip()]
        for _, label in entries:
            if self.schema.label(label) is None:
                raise ValidationError(f"label {label!r} is not in the schema")
        with self.store.db.atomic():
            self.store.db.conn.executemany(
                "INSERT OR IGNORE INTO words(word, kind, label, added_at) VALUES (?, 'entity', ?, ?)",
                [(t, lab, now()) for t, lab in entries])
        self._forget_prelabelers()
        return Changes("gazetteer", kinds=frozenset({"dictionary"}))

    def suggest(self, doc: AnnotatedDocument) -> list[EntitySpan]:
        """Suggestions for a document not yet stored (used on import)."""
        return self.suggest_many([doc])[0]

    def suggest_many(self, docs: Sequence[AnnotatedDocument], *, engines: Sequence[str] | None = None
                     ) -> list[list[EntitySpan]]:
        """Suggestions for many documents at once, respecting what each already has."""
        return suggest_batched(self.prelabeler(engines), docs)

    # -- on demand ----------------------------------------------------------------------------
    def prelabel(self, doc_ids: Sequence[int] | None = None, *, engines: Sequence[str] | None = None,
                 progress: Callable[[int, int], bool] | None = None) -> Changes:
        """Add suggestions to documents (all not yet reviewed when none named); running it twice adds nothing.

        Never replaces an accepted or manual span and never repeats a rejected one."""
        if doc_ids is None:
            doc_ids = self.document_ids(statuses=[s.value for s in ReviewStatus if s != ReviewStatus.REVIEWED])
        rows, touched = [], set()
        for i in range(0, len(doc_ids), BATCH):
            if progress is not None and not progress(i, len(doc_ids)):
                break
            docs = [self.document(d) for d in doc_ids[i:i + BATCH]]
            for doc, spans in zip(docs, self.suggest_many(docs, engines=engines), strict=True):
                if spans:
                    changes = self._edit("prelabel", doc.id, lambda tx, d=doc, s=spans: _store(tx, d, s))
                    rows.extend(changes.rows)
                    touched.add(doc.id)
        return Changes.from_rows("prelabel", rows) if rows else Changes("prelabel")

    # -- learning -----------------------------------------------------------------------------
    def model_bytes(self) -> bytes | None:
        """The project's latest trained model, or None (the starter is used)."""
        row = self.store.db.execute("SELECT data FROM models ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def model_description(self) -> str:
        """What the model in use learned from."""
        data = self.model_bytes()
        return describe(data) if data is not None else "starter model: " + describe(_starter_bytes())

    def train(self, *, from_scratch: bool = False, progress: Callable[[str], None] | None = None) -> str:
        """Learn from the reviewed documents; the project uses the result from then on."""
        ids = self.document_ids(statuses=[ReviewStatus.REVIEWED.value])
        if not ids:
            raise ValidationError("the project has no reviewed documents to learn from",
                                  hint="review some documents, or import gold data with --reviewed")
        data = train(self.iter_documents(ids), base=None if from_scratch else "starter",
                     source=str(self.path), progress=progress)
        text = describe(data)
        with self.store.db.atomic():
            self.store.db.execute("INSERT INTO models(created_at, description, data) VALUES (?, ?, ?)",
                                  [now(), text, data])
        self._forget_prelabelers()
        return text


def _store(tx: Transaction, doc: AnnotatedDocument, spans: Iterable[EntitySpan]) -> None:
    for s in spans:
        tx.insert("spans", {"doc_id": doc.id, "start": s.start, "end": s.end, "label": s.label,
                            "kind": SpanKind.ENTITY.value, "origin": s.origin, "state": SpanState.SUGGESTED.value,
                            "score": s.score})


def _starter_bytes() -> bytes:
    from annotator.core.prelabel.model import STARTER_PATH

    return Path(STARTER_PATH).read_bytes()
