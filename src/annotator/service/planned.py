"""Edits shown before they are written: a bulk edit's Changes are planned from a read, returned at once for
the window to paint, and its write waits in the store until anything next uses the file (docs/architecture.md,
"Deferred writes")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.annotations import UNTOUCHED, ReviewStatus, SpanState
from annotator.core.errors import AnnotatorError, ProjectError
from annotator.service.changes import Changes
from annotator.store import bulk, bulk_events, queries
from annotator.store.bulk import RowsAdded, StateChange
from annotator.store.bulk_events import Triggered
from annotator.store.database import AnyChange, ProjectStore, RowChange
from annotator.store.images import planned_images

if TYPE_CHECKING:
    from annotator.service.project import Project

#: Told when a deferred write failed: the error, and the Changes that put back what was shown.
Failed = Callable[[AnnotatorError, Changes], None]
CHANGED = "the project changed after the edit was shown, so it was not saved"


def defer(project: Project, action: str, doc_id: int | None, rows: Sequence[AnyChange], *,
          created: Sequence[int] = ()) -> Changes | None:
    """The Changes of applying `rows` as one edit, its write deferred; None when the project writes at once
    (nobody asked to hear of a failed write, or a row's images must be read from the file). A use case that
    defers returns its Changes right after: a later write in the same call would run this one first, and its
    failure would reach the window before the Changes it puts back."""
    failed = project.write_failed
    rows = list(rows)
    images = planned_images(rows) if failed is not None and not project.readonly else None
    if failed is None or images is None:
        return None
    store = project.store

    def write() -> None:
        try:
            _write(store, action, doc_id, rows)
        except Exception as exc:  # whatever went wrong, the window must stop showing an edit the file lacks
            error = unsaved(exc, store.path)
            back = [r.reversed() for r in reversed(rows)]
            failed(error, Changes.of(f"revert {action}", back, planned_images(back) or images, doc_id=doc_id))
    store.defer(write)
    return Changes.of(action, rows, images, doc_id=doc_id, created=created)


def unsaved(exc: Exception, path: str | Path) -> AnnotatorError:
    """What a write that failed tells the window: an AnnotatorError as it is, anything else (a fault nobody
    foresaw) as a ProjectError naming the file."""
    if isinstance(exc, AnnotatorError):
        return exc
    return ProjectError(f"the change could not be saved ({exc})", path=str(path), hint="nothing was changed; try again")


def later(project: Project, make: Callable[[], None]) -> None:
    """Hold `make` (an edit the window has shown from what it holds, still to be planned and written) until
    anything next uses the file, as a deferred write waits: `make` reports its own outcome."""
    project.store.defer(make)


def accepts_every_suggestion(project: Project, doc_id: int) -> bool:
    """Whether `Edits.accept_all` accepts every entity suggestion of the document (nothing crosses, or the
    schema allows crossing): remembered by the store for a document found uncrossed, else asked of the index."""
    store = project.store
    return project.schema.allow_crossing or not store.uncrossed.entities_cross(store.db, doc_id)


def accept_all(project: Project, doc_id: int, *, label: str | None = None) -> Changes | None:
    """`Edits.accept_all` where nothing crosses, planned from one read (the suggestions' ids, and the review
    started as `Edits.edit` starts it) and deferred; None when the project writes at once."""
    if project.write_failed is None or project.readonly:
        return None
    accepted = bulk.entity_suggestions(project.store.db, doc_id, label=label)
    return _started(project, "accept all", doc_id, [accepted] if accepted is not None else [])


def reject_all(project: Project, doc_id: int, span_ids: tuple[int, ...]) -> Changes | None:
    """`reject` of exactly the document's suggestions, planned by the document (one query per table, no list
    of thousands of ids) and deferred; None when they are not all of them, or the project writes at once."""
    if project.write_failed is None or project.readonly:
        return None
    db = project.store.db
    rejected = bulk.all_suggestions(db, doc_id, span_ids, after="rejected")
    if rejected is None:
        return None
    rows = [rejected, *bulk_events.suggestions_taking(db, doc_id)]
    return _started(project, "reject", doc_id, [r for r in rows if r is not None])


def reject(project: Project, doc_id: int, span_ids: tuple[int, ...]) -> Changes | None:
    """`Edits.reject` of many entity and trigger spans of one document, planned from reads (the states they
    leave, the arguments, events and spans `Edits._drop_uses_at_once` takes, the review started) and
    deferred; None when the project writes at once."""
    if project.write_failed is None or project.readonly:
        return None
    db = project.store.db
    rows: list[AnyChange | None] = list(bulk.states_of(db, doc_id, span_ids, before=("suggested", "accepted"),
                                                       after="rejected"))
    if bulk.uses_of_spans(db, doc_id, span_ids):
        event_ids = tuple(e[0] for e in bulk_events.events_of_triggers(db, doc_id, span_ids))
        candidates = bulk_events.spans_of_arguments(db, doc_id, event_ids) if event_ids else ()
        rows.append(bulk_events.arguments_to_take(db, doc_id, span_ids=span_ids, event_ids=event_ids))
        rows.append(bulk_events.events_to_take(db, doc_id, event_ids) if event_ids else None)
        rows.append(bulk_events.orphans_to_take(db, doc_id, candidates, keep=span_ids, event_ids=event_ids)
                    if candidates else None)
    return _started(project, "reject", doc_id, [r for r in rows if r is not None])


def accept_triggers(project: Project, doc_id: int, span_ids: tuple[int, ...], *, origins: list[tuple[int, str]],
                    existing: list[Triggered]) -> Changes | None:
    """`Triggers._accept_at_once` of the trigger suggestions it may accept at once (their (id, origin) and
    their events, as it read them), planned from reads (the new events with the ids the file would give them,
    the arguments and spans accepted with them, the review started) and deferred; None when the project
    writes at once."""
    if project.write_failed is None or project.readonly:
        return None
    db = project.store.db
    suggested, accepted = SpanState.SUGGESTED.value, SpanState.ACCEPTED.value
    rows: list[AnyChange | None] = [bulk.with_origins(StateChange("spans", doc_id, (), "state", suggested, accepted),
                                                      origins)]
    rows.append(_states("events", doc_id, [e[0] for e in existing if e[3] == suggested], suggested, accepted))
    event_of = {trigger: event for event, trigger, *_ in reversed(existing)}  # the oldest one of each
    missing = tuple(i for i in span_ids if i not in event_of)
    added = (bulk.planned_events_for_triggers(db, doc_id, missing, state=accepted, first_id=bulk.next_id(db, "events"))
             if missing else None)
    rows.append(added)
    if added is not None:
        at = added.columns.index("trigger_id")
        event_of.update((row[at], row[0]) for row in added.values)
    spans_to_accept, chosen = project.triggers.arguments_to_accept(db, doc_id, tuple(e[0] for e in existing),
                                                                   accepted_now=frozenset(span_ids))
    if spans_to_accept:
        rows.append(bulk.states_of(db, doc_id, spans_to_accept, before=(suggested,), after=accepted)[0])
    rows.append(_states("arguments", doc_id, chosen, suggested, accepted))
    return _started(project, "accept trigger", doc_id, [r for r in rows if r is not None],
                    created=[event_of[i] for i in span_ids if i in event_of])


def _states(table: str, doc_id: int, ids: Sequence[int], before: str, after: str) -> StateChange | None:
    """The StateChange `bulk.set_column` returns for rows of a table without origins (None: no rows)."""
    return bulk.with_origins(StateChange(table, doc_id, (), "state", before, after), [(i, "") for i in set(ids)])


def _started(project: Project, action: str, doc_id: int, rows: list[AnyChange], *,
             created: Sequence[int] = ()) -> Changes | None:
    """The rows with the review started as `Edits.edit` starts it, deferred (None: nothing to change)."""
    found = queries.status_and_update(project.store.db, doc_id)
    if not rows or found is None:
        return None
    if found[0] in UNTOUCHED:
        rows.append(RowChange("documents", doc_id, {"status": found[0]}, {"status": ReviewStatus.IN_REVIEW.value}))
    return defer(project, action, doc_id, rows, created=created)


def _write(store: ProjectStore, action: str, doc_id: int | None, rows: list[AnyChange]) -> None:
    """Apply the rows as one edit (logged as the edit made at once logs it), refused unless each changed
    exactly what the plan said."""
    with store.edit(action=action, doc_id=doc_id) as tx:
        if any(isinstance(r, RowsAdded) and r.present and bulk.any_taken(tx.db, r) for r in rows):
            raise ProjectError(CHANGED, path=str(store.path), hint="make the edit again")  # ids planned are taken
        for change in rows:
            tx.put(change)
        if tx.rows != rows:  # rolled back: the file keeps its last committed state
            raise ProjectError(CHANGED, path=str(store.path), hint="make the edit again")
