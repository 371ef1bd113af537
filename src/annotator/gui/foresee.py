"""A bulk edit shown from what the window holds: the key paints the spans' new states, worked out from the open
document in memory; the edit itself (the service's reads, then its write) runs after the paint, and what it
changed beyond that (events, arguments, spans an event made) is shown then (docs/architecture.md,
"Deferred writes"). No Qt here."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annotator.core.annotations import UNTOUCHED, EntitySpan, ReviewStatus, SpanKind, SpanState
from annotator.core.errors import AnnotatorError
from annotator.gui.docstate import DEFER_STATES, DocumentState
from annotator.service import planned
from annotator.service.changes import Changes, DocumentChange, SpanStatesChange
from annotator.service.editing import BULK

if TYPE_CHECKING:
    from annotator.gui.session import EditCommand, ProjectSession
    from annotator.service import Project


@dataclass(frozen=True)
class Foreseen:
    """What an edit will show, worked out before it runs, and what puts the window back if it does not."""

    shown: Changes
    back: Changes


def accepting_entities(project: Project, state: DocumentState, *, label: str | None = None) -> Foreseen | None:
    """Accept all (of `label`): every entity suggestion accepted; None when too few to be worth foreseeing, or
    some may cross (the service then accepts those it can)."""
    entity = SpanKind.ENTITY
    found = (_of_kind(state, entity) if label is None
             else _counted(s for s in state.suggestions() if s.kind is entity and s.label == label))
    foreseen = _states("accept all", state, found, SpanState.SUGGESTED, SpanState.ACCEPTED)
    return foreseen if foreseen is not None and planned.accepts_every_suggestion(project, state.doc_id) else None


def accepting_triggers(state: DocumentState, span_ids: Sequence[int]) -> Foreseen | None:
    """Accept all triggers: the trigger suggestions accepted (their events and arguments come with the edit);
    None unless each is a trigger suggestion of the open document."""
    found = _suggestions(state, span_ids, SpanKind.TRIGGER)
    return None if found is None else _states("accept trigger", state, found, SpanState.SUGGESTED, SpanState.ACCEPTED)


def rejecting(state: DocumentState, span_ids: Sequence[int]) -> Foreseen | None:
    """Reject suggestions: each rejected (the events and arguments they take come with the edit); None unless
    each is an entity or trigger suggestion of the open document."""
    found = _suggestions(state, span_ids, None)
    return None if found is None else _states("reject", state, found, SpanState.SUGGESTED, SpanState.REJECTED)


def suggestion_ids(state: DocumentState) -> tuple[int, ...]:
    """Every entity and trigger suggestion of the open document, sorted (counted while idle: no pass on the key)."""
    return _of_kind(state, None)[0]


def prepare(state: DocumentState) -> None:
    """Count the document's suggestions of each kind a bulk edit takes while the window is idle (after a bulk
    change is made), so the next bulk key need not pass over thousands of spans."""
    for kind in (SpanKind.ENTITY, SpanKind.TRIGGER, None):
        _of_kind(state, kind)


Counted = tuple[tuple[int, ...], tuple[tuple[str, int], ...]]  # span ids, and how many of each origin: sorted
#: Per kind of suggestion (None: all), the document they were counted in, its spans' version then, and the count.
_KEPT: dict[SpanKind | None, tuple[weakref.ref[DocumentState], int, Counted]] = {}


def _of_kind(state: DocumentState, kind: SpanKind | None) -> Counted:
    """The document's suggestions of `kind` (None: all) counted, kept until its spans change."""
    found = _kept(state, kind)
    if found is not None:
        return found
    suggestions = state.suggestions()
    found = _counted(suggestions if kind is None else (s for s in suggestions if s.kind is kind))
    _KEPT[kind] = (weakref.ref(state), state.spans_version, found)
    return found


def _kept(state: DocumentState, kind: SpanKind | None) -> Counted | None:
    """The count `_of_kind` keeps, if it is of the document as it is now."""
    kept = _KEPT.get(kind)
    return kept[2] if kept is not None and kept[0]() is state and kept[1] == state.spans_version else None


def _counted(spans: Iterable[EntitySpan]) -> Counted:
    """The spans' ids and origins, in one pass (each span is read once: thousands)."""
    ids: list[int] = []
    origins: dict[str, int] = {}
    for span in spans:
        ids.append(span.id)
        origins[span.origin] = origins.get(span.origin, 0) + 1
    return tuple(sorted(ids)), tuple(sorted(origins.items()))


def _suggestions(state: DocumentState, span_ids: Sequence[int], kind: SpanKind | None) -> Counted | None:
    """These spans counted, when each is a distinct suggestion of the document (of `kind` when given)."""
    wanted = set(span_ids)
    if len(wanted) != len(span_ids):
        return None
    found = _kept(state, kind)  # usually exactly these (all of them, or all the triggers)
    if found is None and (kind is None or 3 * len(wanted) > len(state.suggestions())):
        found = _of_kind(state, kind)  # a pass over them all, rather than thousands of lookups
    if found is not None and len(found[0]) == len(wanted) and wanted.issuperset(found[0]):
        return found
    spans = [state.span(i) for i in span_ids]
    if not all(s is not None and s.state == SpanState.SUGGESTED and s.kind != SpanKind.ARGUMENT
               and (kind is None or s.kind is kind) for s in spans):
        return None
    return _counted(s for s in spans if s is not None)


def _states(action: str, state: DocumentState, found: Counted, before: SpanState, after: SpanState
            ) -> Foreseen | None:
    """The spans moved from `before` to `after`, and the review started as the service starts it."""
    if len(found[0]) <= max(DEFER_STATES, BULK):  # fewer: edited span by span, each told apart (not foreseen)
        return None
    doc = state.doc_id
    ids, origins = found
    started = state.status in UNTOUCHED
    docs = frozenset({doc})
    kinds = frozenset({"spans", "documents", "status"} if started else {"spans"})

    def record(states: SpanStatesChange, status: ReviewStatus) -> Changes:
        return Changes(action, docs, kinds, span_states=(states,),
                       documents=(DocumentChange(doc, status=status),) if started else ())
    return Foreseen(record(SpanStatesChange(doc, ids, before, after, origins), ReviewStatus.IN_REVIEW),
                    record(SpanStatesChange(doc, ids, after, before, origins), state.status))


def remainder(shown: Changes, made: Changes) -> Changes | None:
    """What `made` changed beyond what `shown` showed (its undo rows along, so the window knows it is saved);
    None when `shown` is not part of it."""
    states = list(made.span_states)
    for part in shown.span_states:
        at = next((i for i, s in enumerate(states)
                   if (s.doc_id, s.before, s.after) == (part.doc_id, part.before, part.after)), None)
        if at is None:
            return None
        whole = states[at]
        ids = set(whole.ids)
        counts = Counter(dict(whole.origins))
        counts.subtract(dict(part.origins))
        if not ids.issuperset(part.ids) or any(n < 0 for n in counts.values()):
            return None
        states[at] = replace(whole, ids=tuple(sorted(ids.difference(part.ids))),
                             origins=tuple(sorted((o, n) for o, n in counts.items() if n)))
    documents = list(made.documents)
    for document in shown.documents:
        if document not in documents:
            return None
        documents.remove(document)
    states = [s for s in states if s.ids]
    kinds = set(made.kinds)
    if not states and not made.spans:
        kinds.discard("spans")
    if not documents:
        kinds -= {"documents", "status", "tokens"}
    return Changes(made.action, made.doc_ids, frozenset(kinds), made.created, made.spans, tuple(documents),
                   made.events, made.arguments, made.undo, tuple(states))


def show_first(session: ProjectSession, command: EditCommand, foreseen: Foreseen) -> None:
    """The command's first run: `foreseen.shown` announced now, its steps run once the window has painted (or
    when anything next uses the file), and then what they changed beyond it announced (all of it, after
    `foreseen.back`, when it differs from what was shown). A failure puts the window back as a failed
    deferred write does."""
    project = session.project
    # Still in the command's first run (a view read the file while the key was being shown: the read made the
    # edit first): the command is not on the undo stack yet, and one that failed is dropped as push drops it.
    first_run = [True]

    def put_back(exc: AnnotatorError | None) -> None:
        session.last = None
        if first_run[0]:
            session.announce(foreseen.back, undo=False)
            command.setObsolete(True)  # QUndoStack.push drops an obsolete command
            if exc is not None:
                session.failed.emit(exc)
        elif exc is not None:
            session.write_failed(exc, foreseen.back)  # as a failed deferred write
        else:
            session.dropped(command, foreseen.back)

    def make() -> None:
        with session.deferring(False):  # written at once: the paint is over
            try:  # whatever went wrong, the window must stop showing an edit the file lacks
                done = command.run_steps(failing=Exception)
            except Exception as exc:
                put_back(planned.unsaved(exc, project.path))
                return
        if all(c.empty for c in done):  # nothing to do after all: the window shows the file again
            put_back(None)
            return
        made = command.made(done)
        rest = remainder(foreseen.shown, made)
        if rest is None:  # not what the window foresaw: the edit the file holds wins (one record would apply
            session.announce(foreseen.back, undo=False)  # its spans before its states: two, in this order)
            session.announce(made, undo=False)
        elif not rest.empty:
            session.announce(rest, undo=False)

    planned.later(project, make)
    session.last = foreseen.shown
    session.announce(foreseen.shown, undo=False)
    first_run[0] = False
    session.follow(command, "do")
