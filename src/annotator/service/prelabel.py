"""Pre-highlighting use cases: suggest on import and on demand, learn from reviewed documents, evaluate."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ValidationError
from annotator.core.prelabel import DocInput, PrelabelDoc, Prelabeler, build_prelabeler, describe
from annotator.core.prelabel.gazetteer import unmarked_words
from annotator.core.prelabel.model import model_meta
from annotator.core.progress import Progress, report
from annotator.service.changes import Changes
from annotator.service.training import (
    DEFAULT_RETRAIN_EVERY,
    TrainingPlan,
    TrainingResult,
    fit,
    split_held_out,
)
from annotator.store.database import Transaction, now
from annotator.store.queries import document_ids, load_documents

BATCH = 64
UNMARKED_SAMPLE = 1000


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

    def gazetteer(self, *, leave_out: Sequence[int] = ()) -> list[tuple[str, str]]:
        """(text, label) entries: the user's dictionary plus every entity a reviewer accepted or made
        (except in the documents `leave_out`, e.g. those a new model is scored on, and except words the
        reviewers mostly leave unmarked)."""
        return _entries(*self._gazetteer_parts(leave_out))

    def gazetteer_summary(self) -> str:
        """Where the gazetteer's entries come from, in one line (for `annotator info`)."""
        reviewed, unmarked, user = parts = self._gazetteer_parts(())
        left_out = sorted({t for t, _ in reviewed} & unmarked)
        return (f"{len(_entries(*parts))} entries: {len(reviewed)} distinct entities reviewers accepted or made, "
                f"{len(user)} from the user's dictionary; left out as mostly unmarked: "
                + (", ".join(left_out[:8]) + (" …" if len(left_out) > 8 else "") if left_out else "none"))

    def _gazetteer_parts(self, leave_out: Sequence[int]) -> tuple[list[tuple[str, str]], set[str],
                                                                  list[tuple[str, str]]]:
        """(reviewed entities, words the reviewers mostly leave unmarked, the user's entries)."""
        db = self.store.db
        reviewed = db.execute(f"""SELECT DISTINCT substr(d.text, s.start + 1, s."end" - s.start), s.label
                                 FROM spans s JOIN documents d ON d.id = s.doc_id
                                 WHERE s.kind = 'entity' AND s.state = 'accepted'
                                 AND (s.origin = 'manual' OR d.status = 'reviewed')
                                 AND d.id NOT IN ({", ".join("?" for _ in leave_out)})""",
                              list(leave_out)).fetchall()
        unmarked = unmarked_words(load_documents(db, [i for i in self._recent_reviewed() if i not in leave_out]))
        user = db.execute("SELECT word, label FROM words WHERE kind = 'entity'").fetchall()
        return [tuple(r) for r in reviewed], unmarked, [tuple(r) for r in user]

    def _recent_reviewed(self) -> list[int]:
        """The latest UNMARKED_SAMPLE reviewed documents: enough to tell a word the reviewers leave
        unmarked from a name (about a second per 2,000 articles)."""
        ids = document_ids(self.store.db, statuses=[ReviewStatus.REVIEWED.value], order_by="id")
        return list(ids[-UNMARKED_SAMPLE:])

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
                 refresh: bool = False, progress: Progress | None = None) -> Changes:
        """Add suggestions to documents (all not yet reviewed when none named); running it twice adds nothing.

        Never replaces an accepted or manual span and never repeats a rejected one. `refresh` first takes
        away the documents' open entity suggestions (none an event argument), so a newly trained model or
        gazetteer suggests afresh; what a reviewer decided stays. `progress` may cancel: nothing is kept."""
        if doc_ids is None:
            doc_ids = self.document_ids(statuses=[s.value for s in ReviewStatus if s != ReviewStatus.REVIEWED])
        rows = []
        with self.store.transaction():  # one edit per document inside it; a cancelled run undoes them all
            for i in range(0, len(doc_ids), BATCH):
                report(progress, i, len(doc_ids), what="pre-highlighting")
                docs = [self.document(d) for d in doc_ids[i:i + BATCH]]
                stale = [_open_suggestions(d) if refresh else [] for d in docs]
                kept = [_without(d, old) for d, old in zip(docs, stale, strict=True)]
                for doc, old, fresh in zip(docs, stale, self.suggest_many(kept, engines=engines), strict=True):
                    # A suggestion made again keeps its row; only the difference is written.
                    again = {_key(s) for s in fresh} & {_key(o) for o in old}
                    spans = [s for s in fresh if _key(s) not in again]
                    gone = [o for o in old if _key(o) not in again]
                    if spans or gone:
                        changes = self._edit("prelabel", doc.id,
                                             lambda tx, d=doc, s=spans, g=gone: _store(tx, d, s, g))
                        rows.extend(changes.rows)
        report(progress, len(doc_ids), len(doc_ids), what="pre-highlighting")
        return Changes.from_rows("prelabel", rows) if rows else Changes("prelabel")

    def suggestions_outdated(self, doc_id: int) -> bool:
        """Whether nobody has worked on the document yet (new or pre-annotated) and its suggestions are
        older than the model in use."""
        db = self.store.db
        row = db.execute("SELECT status, updated_at FROM documents WHERE id = ?", [doc_id]).fetchone()
        model = db.execute("SELECT created_at FROM models ORDER BY id DESC LIMIT 1").fetchone()
        untouched = (ReviewStatus.NEW.value, ReviewStatus.PRE_ANNOTATED.value)
        return row is not None and model is not None and row[0] in untouched and row[1] < model[0]

    def refresh_if_outdated(self, doc_id: int) -> Changes:
        """Suggest afresh in a document whose suggestions are outdated (see `suggestions_outdated`); the
        window does this as it opens one, so a model retrained in the background shows on the next
        document. Empty when there is nothing to do."""
        if self.readonly or not self.suggestions_outdated(doc_id):
            return Changes("prelabel")
        changes = self.prelabel([doc_id], refresh=True)
        if changes.empty:  # up to date all the same: not again on every opening
            with self.store.transaction():
                self.store.refresh_counts(doc_id)
        return changes

    # -- learning -----------------------------------------------------------------------------
    def model_bytes(self) -> bytes | None:
        """The project's model in use, or None (the starter is used)."""
        return self._model_row()[1]

    def _model_row(self) -> tuple[int | None, bytes | None]:
        row = self.store.db.execute("SELECT id, data FROM models ORDER BY id DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (None, None)

    def model_description(self) -> str:
        """What the model in use learned from, its held-out score, and a last retraining not kept."""
        data = self.model_bytes()
        text = describe(data) if data is not None else "starter model: " + describe(_starter_bytes())
        last = self.store.setting("training")
        if last and not last.get("kept"):
            text += (f"; last retraining ({last['at']}, {last['learned_from']} documents) not kept: held-out "
                     f"F1 {last['f1_new']:.3f} vs {last['f1_old']:.3f} of the model in use"
                     + (f", higher in only {last['confidence']:.0%} of resamplings"
                        if last.get("confidence") is not None else ""))
        return text

    def training_plan(self, *, from_scratch: bool | None = None, gate: bool = True,
                      only: Sequence[int] | None = None) -> TrainingPlan:
        """Read what a training round needs: the reviewed documents (those of `only` when given) split into
        learn / held out (gate), the model in use, and the gazetteer. `from_scratch` None trains like the
        model in use was trained."""
        ids = self.document_ids(statuses=[ReviewStatus.REVIEWED.value])
        if only is not None:
            ids = sorted(set(ids) & set(only))
        if not ids:
            raise ValidationError("the project has no reviewed documents to learn from",
                                  hint="review some documents, or import gold data with --reviewed")
        learn, held = split_held_out(ids) if gate else (ids, [])
        current_id, current = self._model_row()
        if from_scratch is None:
            from_scratch = current is not None and model_meta(current).get("base") is None
        return TrainingPlan(learn=tuple(self.iter_documents(learn)), held_out=tuple(self.iter_documents(held)),
                            reviewed=len(ids), current=current, current_id=current_id, from_scratch=from_scratch,
                            gazetteer=tuple(self.gazetteer(leave_out=held)), schema=self.schema,
                            source=str(self.path), gate=gate)

    def adopt_training(self, result: TrainingResult) -> Changes:
        """Make a kept model the one in use (one write; the one it replaced stays as the only older one)
        and remember the round either way."""
        with self.store.transaction() as db:
            kept = result.kept
            if kept:
                current = db.execute("SELECT max(id) FROM models").fetchone()[0]
                if current != result.replaces:
                    raise ValidationError("the model in use changed while this one was training; it was not used",
                                          path=str(self.path), hint="train again")
                db.execute("INSERT INTO models(created_at, description, data) VALUES (?, ?, ?)",
                           [now(), result.description, result.model])
                # Each round would add a model of ~0.5 MB: keep the one in use and the one before it.
                db.execute("DELETE FROM models WHERE id NOT IN (SELECT id FROM models ORDER BY id DESC LIMIT 2)")
            self.store.set_setting("training", result.record())
        self._forget_prelabelers()
        return Changes("train", kinds=frozenset({"model"} if kept else ()))

    def train(self, *, from_scratch: bool = False, gate: bool = True,
              progress: Callable[[str], None] | None = None) -> TrainingResult:
        """Learn from the reviewed documents; the new model is used from then on if it scores clearly
        higher than the one in use on the held-out documents (always, without `gate`)."""
        result = fit(self.training_plan(from_scratch=from_scratch, gate=gate), progress=progress)
        self.adopt_training(result)
        return result

    # -- background retraining ------------------------------------------------------------------
    @property
    def retrain_every(self) -> int:
        """Newly reviewed documents after which the window retrains in the background (0: never)."""
        return int(self.store.setting("retrain_every", DEFAULT_RETRAIN_EVERY))

    def set_retrain_every(self, n: int) -> Changes:
        """Retrain in the background after every `n` newly reviewed documents (0: never)."""
        if n < 0:
            raise ValidationError(f"retrain every {n} documents: must be 0 (never) or more")
        self.store.set_setting("retrain_every", n)
        return Changes("settings", kinds=frozenset({"settings"}))

    def reviewed_since_training(self) -> int:
        """Reviewed documents beyond those the last training round saw (kept or not)."""
        seen = (self.store.setting("training") or {}).get("reviewed", 0)
        return max(0, self.status_counts().get(ReviewStatus.REVIEWED.value, 0) - seen)


def _store(tx: Transaction, doc: AnnotatedDocument, spans: Iterable[EntitySpan],
           gone: Iterable[EntitySpan] = ()) -> None:
    for s in gone:
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


def _open_suggestions(doc: AnnotatedDocument) -> list[EntitySpan]:
    """The document's entity suggestions nobody has decided on and no event uses as an argument."""
    used = {a.span_id for e in doc.events for a in e.arguments}
    return [s for s in doc.spans
            if s.kind == SpanKind.ENTITY and s.state == SpanState.SUGGESTED and s.id not in used]


def _starter_bytes() -> bytes:
    from annotator.core.prelabel.model import STARTER_PATH

    return Path(STARTER_PATH).read_bytes()
