"""Opening a project and reading from it: the service's entry point."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.annotations import AnnotatedDocument, ReviewStatus
from annotator.core.errors import ProjectError
from annotator.core.events import EventWarning, validate_events, warning_counts
from annotator.core.schema import DEFAULT_SCHEMA, Schema, load_schema
from annotator.core.segment import Segmenter
from annotator.service.changes import Changes
from annotator.service.editing import EditingMixin
from annotator.service.exporting import ExportingMixin
from annotator.service.importing import ImportingMixin
from annotator.service.prelabel import PrelabelMixin
from annotator.service.schema_edit import SchemaEditMixin
from annotator.service.triggers import TriggersMixin
from annotator.store import ProjectStore, queries, words


class Project(SchemaEditMixin, ImportingMixin, EditingMixin, ExportingMixin, PrelabelMixin, TriggersMixin):
    """An open project: documents, annotations, schema; every mutation returns a Changes record."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store
        self._schema: Schema | None = None
        self._segmenter: Segmenter | None = None

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
            self._schema = Schema.from_dict(data, path=str(self.path))
        return self._schema

    def set_schema(self, schema: Schema) -> Changes:
        """Replace the project's schema."""
        self.store.set_setting("schema", schema.to_dict())
        self._schema = schema
        return Changes("schema", kinds=frozenset({"schema"}))

    @property
    def segmenter(self) -> Segmenter:
        """jieba with the project's user dictionary."""
        if self._segmenter is None:
            self._segmenter = Segmenter(words.segment_words(self.store.db))
        return self._segmenter

    def user_words(self) -> list[str]:
        """The project's user dictionary."""
        return words.all_words(self.store.db)

    # -- reading --------------------------------------------------------------------------------
    def document(self, doc_id: int) -> AnnotatedDocument:
        """One document with all its annotations."""
        doc = queries.load_document(self.store.db, doc_id)
        if doc is None:
            raise ProjectError(f"no document {doc_id}", path=str(self.path),
                               hint="`annotator list` shows the document ids")
        return doc

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
        """Counts for `annotator info`: documents, tokens, spans by label and state, events by type."""
        db = self.store.db
        n_docs, n_chars, n_tokens = queries.totals(db)
        return {
            "documents": n_docs, "characters": n_chars, "statuses": self.status_counts(),
            "spans": queries.label_counts(db), "events": queries.event_type_counts(db),
            "tokens": n_tokens,
            "schema": self.schema.name, "event_warnings": self.event_warning_counts(),
        }

    def event_warnings(self, doc_id: int) -> list[EventWarning]:
        """Schema warnings (never blocking) on the events of one document."""
        return validate_events(self.document(doc_id), self.schema)

    def event_warning_counts(self) -> dict[str, int]:
        """Event validation warnings over the project, by kind."""
        ids = queries.ids_with_events(self.store.db)
        return warning_counts(w for doc_id in ids for w in self.event_warnings(doc_id))
