"""The project's model: which one is in use, learning a new one behind the gate, and when to retrain."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.annotations import ReviewStatus
from annotator.core.errors import ValidationError
from annotator.core.event_suggestions import EventSuggester
from annotator.core.prelabel.models.meta import STARTER_FILE, describe_meta, read_meta
from annotator.core.resources import models_dir
from annotator.service.changes import Changes
from annotator.service.saved_models import in_project
from annotator.store import changelog, events, models, queries

if TYPE_CHECKING:
    from annotator.core.event_suggestions import EventSuggester
    from annotator.service.event_training import EventPlan, EventTrainingResult
    from annotator.service.prelabel import Prelabel
    from annotator.service.project import Project
    from annotator.service.training import TrainingPlan, TrainingResult

_log = logging.getLogger(__name__)
# service.training (numpy, the learners) is imported where a method trains or gates: describing the model
# in use (`annotator info`) reads only its meta.


class Training:
    """The project's model in use and its retraining (`project.training`)."""

    def __init__(self, project: Project, prelabel: Prelabel) -> None:
        self.project = project  # the reading side: schema, documents, settings
        self.store = project.store
        self.prelabel = prelabel

    def model_bytes(self) -> bytes | None:
        """The project's model in use, or None (the starter is used)."""
        return self.model_row()[1]

    def model_row(self) -> tuple[int | None, bytes | None]:
        """(id, data) of the model in use, or (None, None)."""
        return models.latest(self.store.db)

    def model_description(self) -> str:
        """What the model in use learned from, its held-out score, and a last retraining not kept."""
        data = self.model_bytes()
        with in_project(self.project.path):
            text = (describe_meta(read_meta(data)) if data is not None
                    else "starter model: " + describe_meta(read_meta(_starter_bytes(), source=STARTER_FILE)))
        return text + _not_kept(self.store.setting("training"))

    def reads_lexical(self) -> bool:
        """Whether a model in use reads the text with LAC (core/prelabel/features/lexical.py): the entity model
        (or a base it is stacked on), or the event model (the project's, else the schema's starter). Read from
        their meta.json only: nothing of LAC is loaded."""
        data = self.model_bytes()
        with in_project(self.project.path):  # a damaged model is said as the project file's, as elsewhere here
            if data is not None and _reads_lexical(read_meta(data)):
                return True
        if not self.project.schema.event_types:
            return False
        from annotator.core.prelabel.events.starters import starter_bytes  # not the event model's code

        events = self.event_model_bytes()
        if events is not None:
            with in_project(self.project.path):
                return _reads_lexical(read_meta(events, kind="event"))
        events = starter_bytes(self.project.schema.name)
        return events is not None and _reads_lexical(read_meta(events, source="the event model"))

    def preload_suggesting(self) -> bool:
        """When the project holds a model (documents opened may suggest afresh), start loading in the background
        what the first suggestion of the process reads (service/suggest_preload.py: jieba's part-of-speech table,
        the model's code, LAC when a model in use reads it, the project's pre-highlighter, its event model) and
        return True, so that suggesting does not hold the caller for it: the window calls this once its first
        document is shown and as it adopts a model."""
        if models.latest_created_at(self.store.db) is None:  # nothing is outdated, nothing suggests afresh
            return False
        from annotator.service import suggest_preload

        builds = [b for b in (self.prelabel.builder(), self.event_builder()) if b is not None]

        def build_all() -> None:
            for build in builds:
                build()

        suggest_preload.start(lexical=self._lexical(), then=build_all if builds else None)
        return True

    def event_builder(self) -> Callable[[], None] | None:
        """A call that loads the event model in use (the project's, else the schema's starter: 0.08 CPU-s to read
        and check its crfsuite files) and suggests with it once in a sentence, for the background load
        (service/suggest_preload.py), so the window's first event suggestions (`project.triggers.suggest`) cost
        what later ones do: `load_event_model` keeps what it loaded for the same bytes. Its bytes are read here,
        on the thread that owns the project file. None for a schema without event types or without a model."""
        schema = self.project.schema
        if not schema.event_types:
            return None
        from annotator.core.prelabel.events.starters import STARTERS, starter_bytes

        data, path = self.event_model_bytes(), self.project.path
        source = None if data is not None else STARTERS.get(schema.name)
        if data is None:
            data = starter_bytes(schema.name)
        if data is None:
            return None
        found = data

        def build() -> None:
            from annotator.core.annotations import AnnotatedDocument
            from annotator.core.errors import AnnotatorError
            from annotator.core.prelabel.events.files import load_event_model
            from annotator.service.prelabel import WARM, WARM_TOKENS

            try:
                with in_project(path):  # as `event_suggester` loads it: the same cached model, the same errors
                    model = load_event_model(found, source=source)
            except AnnotatorError as exc:  # the first event suggestions load it again and say why
                _log.warning("the event model was not loaded in the background: %s", exc)
                return
            model.suggest(AnnotatedDocument(id=0, title="", text=WARM, tokens=WARM_TOKENS, spans=()), schema)

        return build

    def suggesting_pending(self) -> bool:
        """Whether suggesting now would load, or wait for the background load of, jieba's part-of-speech table or
        LAC (when a model in use reads it) on the caller's thread."""
        from annotator.service import suggest_preload

        return suggest_preload.pending(lexical=self._lexical())

    def suggesting_loading(self) -> bool:
        """Whether the background load (`preload_suggesting`) is still running."""
        from annotator.service import suggest_preload

        return suggest_preload.loading()

    def _lexical(self) -> bool:
        """Whether a model in use reads LAC and its package is installed (without it, the model's loading says so)."""
        if not self.reads_lexical():
            return False
        from annotator.core.prelabel.features.lexical_keys import available

        return available()

    def plan(self, *, from_scratch: bool | None = None, gate: bool = True,
                      only: Sequence[int] | None = None) -> TrainingPlan:
        """Read what a training round needs: the reviewed documents (those of `only` when given) split into
        learn / held out (gate), the model in use, and the gazetteer. `from_scratch` None trains like the
        model in use was trained."""
        from annotator.service.training import TrainingPlan, split_held_out, too_few

        ids = self.project.document_ids(statuses=[ReviewStatus.REVIEWED.value])
        if only is not None:
            ids = sorted(set(ids) & set(only))
        if not ids:
            raise ValidationError("the project has no reviewed documents to learn from",
                                  hint="review some documents, or import gold data with --reviewed")
        if not gate:
            raise ValidationError("a model is put into use only when the held-out gate finds it clearly better",
                                  path=str(self.project.path), hint="train with the gate")
        learn, held = split_held_out(ids)
        reason = too_few(len(ids), len(held))
        if reason is not None:
            raise ValidationError(reason, path=str(self.project.path))
        current_id, current = self.model_row()
        if from_scratch is None:
            with in_project(self.project.path):
                from_scratch = current is not None and read_meta(current).get("base") is None
        return TrainingPlan(learn=tuple(self.project.iter_documents(learn)), held_out=tuple(self.project.iter_documents(held)),
                            reviewed=len(ids), current=current, current_id=current_id, from_scratch=from_scratch,
                            gazetteer=tuple(self.prelabel.gazetteer(leave_out=held)), schema=self.project.schema,
                            source=str(self.project.path), gate=gate)

    def adopt(self, result: TrainingResult) -> Changes:
        """Make a kept model the one in use (one write; the one it replaced stays as the only older one)
        and remember the round either way."""
        from annotator.service.training import gate_passed

        if result.kept and not gate_passed(result.held_out, result.confidence):
            raise ValidationError("this model was not found clearly better on held-out documents; it was not used",
                                  path=str(self.project.path), hint="train again with more reviewed documents")
        self._store_round(models.ENTITY, "model", "training", result)
        self.prelabel.forget()
        return Changes("train", kinds=frozenset({"model"} if result.kept else ()))

    def _store_round(self, table: str, what: str, setting: str, result: TrainingResult | EventTrainingResult) -> None:
        """In one write: a kept model becomes the one in use (refused when the model in use changed while it
        was training), and the round is remembered under `setting` either way."""
        with self.store.transaction() as db:
            if result.kept:
                if models.latest_id(db, table) != result.replaces:
                    raise ValidationError(f"the {what} in use changed while this one was training; it was not used",
                                          path=str(self.project.path), hint="train again")
                models.add(db, description=result.description, data=result.model, table=table)
                changelog.log_action(db, user=self.project.user, action=changelog.MODEL_ADOPTED)
            self.store.set_setting(setting, result.record())

    def train(self, *, from_scratch: bool = False, gate: bool = True,
              progress: Callable[[str], None] | None = None) -> TrainingResult:
        """Learn from the reviewed documents; the new model is used from then on only if it scores clearly
        higher than the one in use on the held-out documents (`gate` False is refused)."""
        from annotator.service.training import fit

        result = fit(self.plan(from_scratch=from_scratch, gate=gate), progress=progress)
        self.adopt(result)
        return result

    # -- events ---------------------------------------------------------------------------------
    def event_model_bytes(self) -> bytes | None:
        """The project's event model in use, or None (the schema's starter is used, if one ships)."""
        return models.latest(self.store.db, models.EVENT)[1]

    def event_suggester(self) -> EventSuggester | None:
        """What suggests whole events: the event model in use, else the shipped starter for the project's schema,
        else the trigger words of its reviewed events and the schema's examples, each with the nearest entities
        in the roles that take them; None when the schema has no event types."""
        if not self.project.schema.event_types:
            return None
        from annotator.core.prelabel.events.files import load_event_model, starter_event_model

        data = self.event_model_bytes()
        if data is not None:
            with in_project(self.project.path):
                return load_event_model(data)
        starter = starter_event_model(self.project.schema.name)
        if starter is not None:
            return starter
        from annotator.core.event_suggest_lexicon import LexiconEventSuggester
        from annotator.core.events import trigger_lexicon

        return LexiconEventSuggester(trigger_lexicon(self.project.schema, events.used_triggers(self.store.db)))

    def event_model_description(self) -> str:
        """What the event model in use learned from and its held-out scores (or the starter's, or none)."""
        from annotator.core.prelabel.events.files import describe_event_meta, starter_bytes

        if not self.project.schema.event_types:
            return "none (the schema has no event types)"
        data = self.event_model_bytes()
        if data is not None:
            with in_project(self.project.path):
                text = describe_event_meta(read_meta(data, kind="event"))
        else:
            data = starter_bytes(self.project.schema.name)
            text = ("starter model: " + describe_event_meta(read_meta(data, source="the event model")) if data is not None
                    else "none yet (annotator train learns one from reviewed events)")
        return text + _not_kept(self.store.setting("event_training"))

    def reviews_events(self, *, only: Sequence[int] | None = None) -> bool:
        """Whether a reviewed document (of `only`) holds an event: a team that annotates none (the default schema's
        event types unused) has no event model to learn, and the window's retraining says nothing of one."""
        ids = queries.documents_with_events(self.store.db, [ReviewStatus.REVIEWED.value])
        return bool(ids if only is None else set(ids) & set(only))

    def plan_events(self, *, only: Sequence[int] | None = None) -> EventPlan:
        """Read what an event round needs: reviewed documents (those of `only` when given) with events, split
        into learn / held out as for entities (every 5th id held out), the event model in use and the schema's
        starter."""
        from annotator.core.prelabel.events.evaluate import gold_events
        from annotator.core.prelabel.events.files import starter_bytes
        from annotator.service.event_training import EventPlan, events_too_few
        from annotator.service.training import split_held_out

        if not self.project.schema.event_types:
            raise ValidationError("the schema has no event types to learn", path=str(self.project.path))
        ids = self.project.document_ids(statuses=[ReviewStatus.REVIEWED.value])
        if only is not None:
            ids = sorted(set(ids) & set(only))
        docs = {d.id: d for d in self.project.iter_documents(ids) if gold_events(d)}
        learn_ids, held_ids = split_held_out(sorted(docs)) if docs else ([], [])
        learn = tuple(docs[i] for i in learn_ids)
        events = sum(len(gold_events(d)) for d in learn)
        reason = events_too_few(len(docs), len(held_ids), events)
        if reason is not None:
            raise ValidationError(reason, path=str(self.project.path))
        current_id, current = models.latest(self.store.db, models.EVENT)
        return EventPlan(learn=learn, held_out=tuple(docs[i] for i in held_ids), schema=self.project.schema,
                         current=current, current_id=current_id, starter=starter_bytes(self.project.schema.name),
                         source=str(self.project.path))

    def train_events(self, *, progress: Callable[[str], None] | None = None) -> EventTrainingResult:
        """Learn the event model from reviewed events; it is used from then on only if it scores clearly
        higher on the held-out documents than the event model in use (or the starter)."""
        from annotator.service.event_training import fit_events

        result = fit_events(self.plan_events(), progress=progress)
        self.adopt_events(result)
        return result

    def adopt_events(self, result: EventTrainingResult) -> Changes:
        """Make a kept event model the one in use (refused unless the held-out gate found it clearly better)
        and remember the round either way."""
        from annotator.service.training import gate_passed

        if result.kept and not gate_passed(result.held_out, result.confidence):
            raise ValidationError("this event model was not found clearly better on held-out documents; it was "
                                  "not used", path=str(self.project.path), hint="train again with more reviewed events")
        self._store_round(models.EVENT, "event model", "event_training", result)
        return Changes("train events", kinds=frozenset({"model"} if result.kept else ()))

    # -- background retraining ------------------------------------------------------------------
    @property
    def retrain_every(self) -> int:
        """Newly reviewed documents after which the window retrains in the background (0: never)."""
        from annotator.service.training import DEFAULT_RETRAIN_EVERY

        return int(self.store.setting("retrain_every", DEFAULT_RETRAIN_EVERY))

    def set_retrain_every(self, n: int) -> Changes:
        """Retrain in the background after every `n` newly reviewed documents (0: never)."""
        if n < 0:
            raise ValidationError(f"retrain every {n} documents: must be 0 (never) or more")
        self.store.set_setting("retrain_every", n)
        return Changes("settings", kinds=frozenset({"settings"}))

    def reviewed_since(self) -> int:
        """Reviewed documents beyond those the last training round saw (kept or not)."""
        seen = (self.store.setting("training") or {}).get("reviewed", 0)
        return max(0, self.project.status_counts().get(ReviewStatus.REVIEWED.value, 0) - seen)

    def due(self, *, reviewed_at_failure: int | None = None) -> bool:
        """Whether enough documents were reviewed to retrain in the background: since the last round, or
        since a failed one (`reviewed_at_failure`: how many were reviewed when it failed)."""
        from annotator.service.training import MIN_REVIEWED

        every = self.retrain_every
        if self.project.readonly or every <= 0 or not self.project.schema.label_keys:
            return False  # never, or a schema without entity labels to learn (the event round rides along)
        if self.reviewed() < MIN_REVIEWED:
            return False  # nothing could show a new model clearly better yet
        if reviewed_at_failure is not None:
            return self.reviewed() - reviewed_at_failure >= every
        return self.reviewed_since() >= every

    def reviewed(self) -> int:
        """How many documents are reviewed."""
        return self.project.status_counts().get(ReviewStatus.REVIEWED.value, 0)


def _reads_lexical(meta: dict[str, Any]) -> bool:
    """Whether a model's meta (or that of the base it is stacked on) names the lexical reading it weighs."""
    base = meta.get("base")
    return bool(meta.get("lexical")) or (isinstance(base, dict) and _reads_lexical(base))


def _starter_bytes() -> bytes:
    return Path(models_dir() / STARTER_FILE).read_bytes()


def _not_kept(last: dict[str, Any] | None) -> str:
    """`; last retraining (… documents) not kept: …` of a round the held-out gate turned down, else nothing."""
    if not last or last.get("kept"):
        return ""
    return (f"; last retraining ({last['at']}, {last['learned_from']} documents) not kept: held-out "
            f"F1 {last['f1_new']:.3f} vs {last['f1_old']:.3f} of the model in use"
            + (f", higher in only {last['confidence']:.0%} of resamplings" if last.get("confidence") is not None
               else ""))
