"""Opening a project and reading from it: the service's entry point.

A Project reads (documents, counts, the schema) and is made of parts, one per kind of use case, each with
its dependencies given explicitly: `edits` (spans, tokens, status, events), `triggers`, `prelabel`
(suggestions and the gazetteer), `training` (the model in use, retraining), `schema_edits`, `importer`,
`exporter`, `team` (assigning, merging annotators' files as layers, agreement), `adjudication`
(settling the documents the annotators disagree on), `statistics` (progress, suggestions as
reviewed) and `order` (file order, or the most informative document first). Parts call only each other's
public methods.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.annotations import AnnotatedDocument, Event, ReviewStatus
from annotator.core.errors import ProjectError
from annotator.core.schema import DEFAULT_SCHEMA, Schema, load_schema
from annotator.store import ProjectStore, queries, words
from annotator.store.database import ASKED
from annotator.store.lock import lock_path

if TYPE_CHECKING:
    from annotator.core.events import EventWarning
    from annotator.core.segment import Segmenter
    from annotator.service.changes import Changes, ImportReport
    from annotator.service.editing import Edits
    from annotator.service.exporting import Exporter
    from annotator.service.importing import Importer
    from annotator.service.importing import Progress as ImportProgress
    from annotator.service.model_training import Training
    from annotator.service.planned import Failed
    from annotator.service.prelabel import Prelabel
    from annotator.service.review_order import ReviewOrder
    from annotator.service.schema_edit import SchemaEdits
    from annotator.service.statistics import Statistics
    from annotator.service.team import Team
    from annotator.service.team_adjudication import Adjudication
    from annotator.service.triggers import Triggers


class Project:
    """An open project: documents, annotations, schema; its parts' mutations each return a Changes record.

    Each part is made (and its module imported) at first use, so a command that only reads starts fast."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store
        self._schema: Schema | None = None
        self._segmenter: Segmenter | None = None
        # Set (by the window) to hear of a deferred write that failed; unset, every edit is written at once.
        self.write_failed: Failed | None = None

    # -- parts ----------------------------------------------------------------------------------
    @cached_property
    def edits(self) -> Edits:
        """Spans, tokens, status and events of one document."""
        from annotator.service.editing import Edits
        return Edits(self)

    @cached_property
    def triggers(self) -> Triggers:
        """Trigger words and their events."""
        from annotator.service.triggers import Triggers
        return Triggers(self, self.edits)

    @cached_property
    def prelabel(self) -> Prelabel:
        """Suggestions and the gazetteer."""
        from annotator.service.prelabel import Prelabel
        return Prelabel(self, self.edits)

    @cached_property
    def training(self) -> Training:
        """The model in use and retraining it."""
        from annotator.service.model_training import Training
        return Training(self, self.prelabel)

    @cached_property
    def schema_edits(self) -> SchemaEdits:
        """Changing the schema."""
        from annotator.service.schema_edit import SchemaEdits
        return SchemaEdits(self, self.prelabel)

    @cached_property
    def importer(self) -> Importer:
        """Bringing documents in."""
        from annotator.service.importing import Importer
        return Importer(self, self.prelabel, self.triggers, self.schema_edits)

    @cached_property
    def exporter(self) -> Exporter:
        """Writing documents out."""
        from annotator.service.exporting import Exporter
        return Exporter(self)

    @cached_property
    def team(self) -> Team:
        """Assigning documents, merging annotators' files, agreement."""
        from annotator.service.team import Team
        return Team(self)

    @cached_property
    def adjudication(self) -> Adjudication:
        """Settling the documents the annotators disagree on."""
        from annotator.service.team_adjudication import Adjudication
        return Adjudication(self)

    @cached_property
    def statistics(self) -> Statistics:
        """Progress, suggestions as reviewed, labels, annotators (`annotator stats`)."""
        from annotator.service.statistics import Statistics
        return Statistics(self)

    @cached_property
    def order(self) -> ReviewOrder:
        """The order documents are reviewed in: file order or the most informative first."""
        from annotator.service.review_order import ReviewOrder
        return ReviewOrder(self, self.prelabel)

    # -- opening ------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, *, schema: str | Path | Schema = DEFAULT_SCHEMA,
               user: str | None = None) -> Project:
        """Create a new project file with a copy of the schema."""
        chosen = schema if isinstance(schema, Schema) else load_schema(schema)
        # The schema goes in with the tables: a crash mid-create never leaves a project without one.
        return cls(ProjectStore(path, create=True, user=user, settings={"schema": chosen.to_dict()}))

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, user: str | None = None) -> Project:
        """Open an existing project (for writing unless readonly)."""
        project = cls(ProjectStore(path, readonly=readonly, user=user))
        try:
            project.schema  # noqa: B018 - fail now, not at first use, when the schema is damaged
        except BaseException:
            project.close()
            raise
        return project

    def defer_writes(self, failed: Failed | None) -> None:
        """Let bulk edits, undo and redo return their Changes before they are written (their write then runs
        when anything next uses the file, or `flush`); `failed` hears of a write that failed. None: write at
        once again."""
        self.flush()
        self.write_failed = failed

    def flush(self) -> None:
        """Write a deferred edit now (a failure goes to `write_failed`)."""
        self.store.flush()

    def save_point(self) -> bool:
        """Make the project file alone hold every edit written so far (a deferred one is written first), without
        waiting: a copy of the .annot taken while the window stays open then carries them; True when it does."""
        return self.store.checkpoint(passive=True)

    def save_copy(self, kind: str) -> Path:
        """A copy of the project beside it, before a command without undo (the CLI's merge, adjudicate) changes it:
        the way back (copy it over the project with the window closed); the newest three of a kind are kept."""
        return self.store.save_copy(kind)

    @property
    def closed(self) -> bool:
        """True once the project was closed."""
        return self.store.closed

    @property
    def writing(self) -> bool:
        """True while an edit's write is deferred."""
        return self.store.pending

    def close(self) -> None:
        """Close the file and release the writer lock."""
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The project file."""
        return self.store.path

    @property
    def readonly(self) -> bool:
        """True when open read-only (asked for, or because the file or its folder cannot be written)."""
        return self.store.readonly

    @property
    def readonly_reason(self) -> str | None:
        """Why the project is read-only, in the user's words (for a banner), or None when writable."""
        return self.store.readonly_reason

    @property
    def readonly_asked(self) -> bool:
        """True when read-only because it was opened so on purpose (not for the file's sake)."""
        return self.store.readonly_reason == ASKED

    @property
    def user(self) -> str:
        """Who the change log names for edits made through this project."""
        return self.store.user

    # -- schema and segmentation ----------------------------------------------------------------
    @property
    def schema(self) -> Schema:
        """The project's own copy of its schema."""
        if self._schema is None:
            data = self.store.setting("schema")
            if data is None:
                raise ProjectError("the project has no schema", path=str(self.path),
                                   hint="the file is incomplete; restore it from a backup")
            if not isinstance(data, dict):
                raise ProjectError(f"the project's schema is a {type(data).__name__}, not a table of labels and "
                                   "event types", path=str(self.path),
                                   hint="the file was changed outside annotator; restore it from a backup")
            self._schema = Schema.from_dict(data, path=str(self.path), strict=False)
        return self._schema

    def set_schema(self, schema: Schema) -> Changes:
        """Replace the project's schema."""
        self.store.set_setting("schema", schema.to_dict())
        self._schema = schema
        from annotator.service.changes import Changes  # (with the event checks) not for `list`

        return Changes("schema", kinds=frozenset({"schema"}))

    def schema_replaced(self, schema: Schema | None) -> None:
        """Use `schema` from now on (None: read it again from the file at next use)."""
        self._schema = schema

    @property
    def segmenter(self) -> Segmenter:
        """jieba with the project dictionary."""
        if self._segmenter is None:
            from annotator.core.segment import Segmenter  # its patterns compile at import: not for `list`

            self._segmenter = Segmenter(words.segment_words(self.store.db))
        return self._segmenter

    def word_added(self, word: str) -> None:
        """Let the segmenter, if loaded, keep a word just added to the project dictionary whole."""
        if self._segmenter is not None:
            self._segmenter.add_word(word)

    def dictionary_words(self) -> list[str]:
        """The project dictionary: the words the segmenter keeps whole."""
        return words.segment_words(self.store.db)

    # -- undo and redo ---------------------------------------------------------------------------
    def undo(self, changes: Changes) -> Changes:
        """Put back what `changes` changed (an edit or a schema edit)."""
        if self.schema_edits.owns(changes):
            return self.schema_edits.undo(changes)
        return self.edits.undo(changes)

    def redo(self, changes: Changes) -> Changes:
        """Apply `changes` again after an undo."""
        if self.schema_edits.owns(changes):
            return self.schema_edits.redo(changes)
        return self.edits.redo(changes)

    # -- reading --------------------------------------------------------------------------------
    def events_of(self, doc_id: int) -> list[Event]:
        """A document's events with their arguments, in creation order (without reading its text)."""
        return queries.events_of(self.store.db, doc_id)

    def document(self, doc_id: int) -> AnnotatedDocument:
        """One document with all its annotations (one past the bounds an import sets is refused, naming it)."""
        doc = queries.load_document(self.store.db, doc_id)
        if doc is None:
            raise ProjectError(f"no document {doc_id}", path=str(self.path),
                               hint="`annotator list` shows the document ids")
        return doc

    def iter_documents(self, ids: Sequence[int]) -> Iterator[AnnotatedDocument]:
        """Documents by id, in that order, read a chunk at a time (a few hundred in memory at once)."""
        yield from queries.load_documents(self.store.db, ids)

    def document_ids(self, *, statuses: Sequence[str] = (), text: str = "", order_by: str = "id",
                     descending: bool = False) -> list[int]:
        """Ids of the matching documents, in order."""
        return queries.document_ids(self.store.db, statuses=statuses, text=text, order_by=order_by,
                                    descending=descending)

    def document_rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The list columns (title, status, counts) of these documents."""
        return queries.list_rows(self.store.db, ids)

    def status_counts(self) -> dict[str, int]:
        """Documents per review status."""
        return queries.status_counts(self.store.db)

    def next_document(self, after: int | None, *, statuses: Sequence[str] | None = None,
                      backward: bool = False) -> int | None:
        """The first document after `after` (before it when `backward`) by id whose status is one of
        `statuses` (default: not done), wrapping around; None when there is none."""
        wanted = statuses or [s.value for s in ReviewStatus if s not in (ReviewStatus.REVIEWED,
                                                                          ReviewStatus.SKIPPED)]
        return queries.next_document(self.store.db, after, statuses=wanted, backward=backward)

    def stats(self) -> dict[str, Any]:
        """Counts for `annotator info`: documents, tokens, spans by label and state, events by type and state."""
        db = self.store.db
        n_docs, n_chars, n_tokens = queries.totals(db)
        return {
            "documents": n_docs, "characters": n_chars, "statuses": self.status_counts(),
            "spans": queries.label_counts(db), "events": queries.event_type_counts(db),
            "tokens": n_tokens,
            "schema": self.schema.name, "event_warnings": self.event_warning_counts(),
        }

    def handed_out_from(self) -> tuple[str, str] | None:
        """(annotator, the lead's project it came from) when this is an annotator's file `assign` wrote."""
        name = self.store.setting("annotator")  # service/team.py's ANNOTATOR_SETTING; read here without the team part
        return (str(name), str(self.store.setting("assigned_from") or "")) if name else None

    def team_progress(self) -> dict[str, tuple[int, int]]:
        """{annotator: (documents handed to them, of those sent back and merged)}, by name (for `annotator info`)."""
        from annotator.store import layers as layer_store

        handed: dict[str, set[int]] = {}
        for doc_id, name, _ in layer_store.assignments(self.store.db):
            handed.setdefault(name, set()).add(doc_id)
        return {name: (len(ids), len(ids & layer_store.layer_doc_ids(self.store.db, name)))
                for name, ids in sorted(handed.items())}

    def event_warnings(self, doc_id: int) -> list[EventWarning]:
        """Schema warnings (never blocking) on the events of one document."""
        from annotator.core.events import validate_events

        return validate_events(self.document(doc_id), self.schema)

    def event_warning_counts(self) -> dict[str, int]:
        """Event validation warnings over the project, by kind."""
        from annotator.core.events import warning_counts

        ids = queries.documents_with_events(self.store.db)
        return warning_counts(w for doc_id in ids for w in self.event_warnings(doc_id))


def create_from_files(path: Path, paths: Sequence[Path], *, schema: str | Path | Schema = DEFAULT_SCHEMA,
                      progress: ImportProgress | None = None) -> ImportReport:
    """Create a project from files (the demo is built this way), under a temporary name and given `path`
    only when every file imported: a failed, cancelled or interrupted build leaves nothing behind; the
    report says what failed. `progress` is the import's (a Cancelled from it reaches the caller)."""
    tmp = path.with_name(path.name + ".building")
    for leftover in (tmp, lock_path(tmp)):
        leftover.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with Project.create(tmp, schema=schema) as project:
            report = project.importer.import_paths(paths, progress=progress)
        if not report.errors:
            tmp.rename(path)
    finally:
        for leftover in (tmp, lock_path(tmp)):
            leftover.unlink(missing_ok=True)
    return report
