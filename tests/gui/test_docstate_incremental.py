"""The window's span index follows edits incrementally: after any edits it equals a freshly built one."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState
from annotator.gui import docstate
from annotator.gui.docstate import DocumentState
from annotator.service import Changes, Project
from annotator.service.changes import SpanChange

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from properties import PROFILE

DOC = 1
TEXT = "国务院总理李克强今天在北京会见了来访的德国外长\n新华社记者从公安部获悉追逃工作取得重大进展"
TOKENS = tuple((i, i + 2) for i in range(0, 22, 2)) + ((22, 23),) + tuple((i, i + 2) for i in range(24, 44, 2)) + ((44, 45),)
LABELS = ("PER", "ORG", "LOC")
STATES = [s.value for s in SpanState]
KINDS = [k.value for k in SpanKind]


def fresh(state: DocumentState) -> DocumentState:
    """The state the window would build by reloading the document."""
    doc = AnnotatedDocument(title=state.title, text=state.text, tokens=tuple(state.tokens),
                            spans=tuple(state.spans.values()), id=state.doc_id, status=state.status)
    return DocumentState.from_document(doc)


def assert_same_index(state: DocumentState) -> None:
    """Every lookup answers as on a freshly built state (and the index itself is equal)."""
    built = fresh(state)
    assert (state._index, state._starts, state._longest) == (built._index, built._starts, built._longest)
    assert state.suggestions() == built.suggestions()
    assert state.entities() == built.entities()
    for start in range(0, len(TEXT), 3):
        assert list(state.live_spans_in(start, start + 4)) == list(built.live_spans_in(start, start + 4))
        assert state.spans_covering(start, start + 1) == built.spans_covering(start, start + 1)
        for backwards in (False, True):
            assert state.next_suggestion(None, start, backwards=backwards) == \
                built.next_suggestion(None, start, backwards=backwards)
    for span in state.spans.values():
        assert state.next_suggestion(span, 0) == built.next_suggestion(span, 0)


spans_ = st.builds(lambda t, width, label, state, kind: (TOKENS[t][0], TOKENS[min(t + width, len(TOKENS) - 1)][1],
                                                         label, state, kind),
                   st.integers(0, len(TOKENS) - 1), st.integers(0, 2), st.sampled_from(LABELS),
                   st.sampled_from(STATES), st.sampled_from(KINDS))
steps = st.lists(st.tuples(st.sampled_from(["insert", "update", "delete", "undo", "other doc"]),
                           st.integers(0, 10_000), spans_, st.booleans()), max_size=30)


@given(initial=st.lists(spans_, max_size=12), edits=st.lists(steps, max_size=8), bulk=st.integers(0, 4),
       look=st.lists(st.booleans(), min_size=1))
@PROFILE
def test_the_index_after_any_edits_equals_a_fresh_one(initial, edits, bulk, look):
    spans = [EntitySpan(i + 1, a, b, lab, origin="rules", state=SpanState(st_), kind=SpanKind(k))
             for i, (a, b, lab, st_, k) in enumerate(initial)]
    state = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=tuple(spans),
                                                          id=DOC))
    done: list[SpanChange] = []
    saved = docstate.BULK_EDIT
    docstate.BULK_EDIT = bulk  # small, so edits of a few spans take the re-sort path too
    try:
        for n, edit in enumerate(edits):
            view = dict(state.spans)  # the document as the store sees it while the edit is made
            made = [c for step in edit if (c := _change(view, done, *step)) is not None]
            if look[n % len(look)]:  # sometimes the sorted lists exist before the edit, sometimes not
                state.suggestions(), state.entities()
            state.apply(Changes("edit", frozenset({DOC}), frozenset({"spans"}), spans=tuple(made)))
            done.extend(c for c in made if c.doc_id == DOC)
            assert state.spans == {k: v for k, v in view.items() if v is not None}
            assert_same_index(state)
    finally:
        docstate.BULK_EDIT = saved


def _change(view: dict, done: list[SpanChange], what: str, pick: int, values: tuple,
            other_fields: bool) -> SpanChange | None:
    """One span change of an edit, shaped as the service records it; `view` follows it (None: deleted)."""
    a, b, lab, st_, k = values
    new = EntitySpan(max([*view, *(c.id for c in done), 0]) + 1, a, b, lab, origin="manual", state=SpanState(st_),
                     kind=SpanKind(k))
    ids = sorted(i for i, s in view.items() if s is not None)
    if what == "other doc":  # a span of another document: the open one must ignore it
        return SpanChange(DOC + 1, None, new.with_(id=new.id + 1000))
    if what == "undo":  # the reverse of an earlier change, if the store could replay it now
        earlier = done.pop(pick % len(done)) if done else None
        change = SpanChange(DOC, earlier.after, earlier.before) if earlier else None
        if change is None or (change.before is None) == (view.get(change.id) is not None):
            return None
    elif what == "insert" or not ids:
        change = SpanChange(DOC, None, new)
    elif what == "delete":
        change = SpanChange(DOC, view[ids[pick % len(ids)]], None)
    else:
        old = view[ids[pick % len(ids)]]
        moved = new.with_(id=old.id, origin=old.origin if other_fields else new.origin)
        if moved == old:
            return None
        change = SpanChange(DOC, old, moved)
    view[change.id] = change.after
    return change


def test_a_bulk_accept_and_its_undo_through_the_service_keep_the_index(tmp_path, monkeypatch):
    """Accept-all (more rows than BULK_EDIT: the re-sort path) and single edits (the incremental path) via the store."""
    monkeypatch.setattr(docstate, "BULK_EDIT", 8)
    spans = tuple(EntitySpan(i + 1, a, b, LABELS[i % 3], origin="rules", state=SpanState.SUGGESTED)
                  for i, (a, b) in enumerate(TOKENS))
    with Project.create(tmp_path / "p.annot", schema="news-zh") as project:
        (doc_id,), _ = project.importer.add_documents([AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=spans)],
                                             prelabel=False)
        state = DocumentState.from_document(project.document(doc_id))
        first = state.suggestions()[0]
        steps = [lambda: project.edits.accept([first.id]), lambda: project.edits.add_span(doc_id, 0, 4, "ORG"),
                 lambda: project.edits.relabel(first.id, "LOC"), lambda: project.edits.accept_all(doc_id)]
        done = []
        for step in steps:
            done.append(step())
            assert state.apply(done[-1])
            assert_same_index(state)
            assert state.spans == {s.id: s for s in project.document(doc_id).spans}
        for changes in reversed(done):
            state.apply(project.undo(changes))
            assert_same_index(state)
        assert state.suggestions() == fresh(state).suggestions() and len(state.suggestions()) == len(TOKENS)


@given(initial=st.lists(spans_, max_size=12),
       bulk_edits=st.lists(st.tuples(st.sampled_from(STATES), st.sampled_from(STATES), st.lists(st.booleans())),
                           max_size=6),
       look=st.lists(st.booleans(), min_size=1))
@PROFILE
def test_bulk_state_changes_keep_the_index(initial, bulk_edits, look):
    """A bulk edit's compact record (these ids, from one state to another) applied in place: the same index."""
    from annotator.service.changes import SpanStatesChange

    spans = [EntitySpan(i + 1, a, b, lab, origin="rules", state=SpanState(st_), kind=SpanKind(k))
             for i, (a, b, lab, st_, k) in enumerate(initial)]
    state = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=tuple(spans),
                                                          id=DOC))
    for n, (before, after, mask) in enumerate(bulk_edits):
        ids = tuple(i for i, s in state.spans.items() if s.state.value == before and (mask[i % len(mask)] if mask
                                                                                       else True))
        if look[n % len(look)]:
            state.suggestions(), state.entities()
        changes = Changes("bulk", frozenset({DOC}), frozenset({"spans"}),
                          span_states=(SpanStatesChange(DOC, ids, SpanState(before), SpanState(after)),))
        dirty = state.apply(changes)
        assert sorted(dirty) == sorted((state.spans[i].start, state.spans[i].end) for i in ids if before != after)
        assert all(state.spans[i].state.value == after for i in ids)
        assert_same_index(state)


LIVE = ["suggested", "accepted", "rejected"]  # into rejected waits too, and out of it


@given(initial=st.lists(spans_, max_size=12),
       bulk_edits=st.lists(st.tuples(st.sampled_from(LIVE), st.sampled_from(LIVE), st.lists(st.booleans())),
                           max_size=6),
       peeks=st.lists(st.integers(0, len(TEXT) - 1), max_size=3))
@example(initial=[(0, 2, "PER", "suggested", "entity")] * 3, bulk_edits=[("suggested", "rejected", [])],
         peeks=[0])  # the paint makes every rejected span: the index must still drop them
@example(initial=[(0, 2, "PER", "rejected", "entity"), (0, 4, "ORG", "suggested", "entity"),
                  (2, 6, "LOC", "rejected", "trigger")],
         bulk_edits=[("rejected", "suggested", []), ("suggested", "rejected", [True, False]),
                     ("rejected", "accepted", [])],
         peeks=[0, 3])  # brought back, partly rejected again and brought back before the first settles
@PROFILE
def test_bulk_state_changes_made_after_the_paint_answer_as_made_at_once(initial, bulk_edits, peeks):
    """A long bulk change of states (between suggested and accepted, to rejected or back from it) waits for
    `settle` (the paint makes only the spans it draws, and finds those brought back): meanwhile lookups and the suggestions' count answer as if it were made, and once
    made (several in a row, partly made by lookups) the state equals one built afresh."""
    from annotator.service.changes import SpanStatesChange

    spans = [EntitySpan(i + 1, a, b, lab, origin="rules", state=SpanState(st_), kind=SpanKind(k))
             for i, (a, b, lab, st_, k) in enumerate(initial) if k != SpanKind.ARGUMENT.value]
    state = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=tuple(spans),
                                                          id=DOC))
    state.suggestions()
    shadow = {s.id: s for s in spans}  # what the document holds after each edit, made at once
    waiting, docstate.DEFER_STATES = docstate.DEFER_STATES, 0
    try:
        for before, after, mask in bulk_edits:
            ids = tuple(i for i, s in shadow.items() if s.state.value == before
                        and (mask[i % len(mask)] if mask else True))
            dirty = state.apply(Changes("bulk", frozenset({DOC}), frozenset({"spans"}), span_states=(
                SpanStatesChange(DOC, ids, SpanState(before), SpanState(after)),)))
            for i in ids:
                shadow[i] = shadow[i].in_state(SpanState(after))
            if before != after:  # every changed span is in a range to repaint (TOKENS reach past the TEXT's end)
                assert all(any(a <= shadow[i].start and min(shadow[i].end, len(TEXT)) <= b for a, b in dirty)
                           for i in ids)
            built = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS,
                                                                  spans=tuple(shadow.values()), id=DOC))
            assert state.suggestion_count() == len(built.suggestions())
            for at in peeks:
                assert list(state.live_spans_in(at, at + 4)) == list(built.live_spans_in(at, at + 4))
        assert state.spans == shadow  # settles what waits
        assert state.settled
        assert_same_index(state)
    finally:
        docstate.DEFER_STATES = waiting


def test_spans_brought_back_in_bulk_wait_for_the_paint(monkeypatch):
    """Undoing a long reject (thousands of spans back from rejected) leaves the live index and the suggestions
    alone on the key: the paint finds the spans on screen, and `settle` makes the rest as if made at once."""
    from annotator.service.changes import SpanStatesChange

    monkeypatch.setattr(docstate, "DEFER_STATES", 8)
    spans = [EntitySpan(i + 1, a, b, LABELS[i % 3], origin="rules", state=SpanState.REJECTED)
             for i, (a, b) in enumerate(TOKENS)]
    state = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=tuple(spans),
                                                          id=DOC))
    index = state._index
    ids = tuple(s.id for s in spans)
    state.apply(Changes("undo reject", frozenset({DOC}), frozenset({"spans"}),
                        span_states=(SpanStatesChange(DOC, ids, SpanState.REJECTED, SpanState.SUGGESTED),)))
    assert not state.settled and state._index is index == []  # nothing listed on the key
    assert state.suggestion_count() == len(TOKENS)
    assert [s.id for s in state.live_spans_in(4, 8)] == [3, 4]  # the paint's lookups find them
    state.settle()
    assert state.settled and state.spans == {s.id: s.in_state(SpanState.SUGGESTED) for s in spans}
    assert_same_index(state)


def test_spans_moved_while_rejected_are_found_where_they_are_when_brought_back(monkeypatch):
    """A bulk rejection settled, one rejected span moved by a single edit, then all brought back in bulk: the
    paint finds the moved span at its new place (not where the settle took it out of the index)."""
    from annotator.service.changes import SpanStatesChange

    monkeypatch.setattr(docstate, "DEFER_STATES", 8)
    spans = [EntitySpan(i + 1, a, b, LABELS[i % 3], origin="rules", state=SpanState.SUGGESTED)
             for i, (a, b) in enumerate(TOKENS)]
    state = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=tuple(spans),
                                                          id=DOC))
    ids = tuple(s.id for s in spans)

    def bulk(before: SpanState, after: SpanState) -> None:
        state.apply(Changes("bulk", frozenset({DOC}), frozenset({"spans"}),
                            span_states=(SpanStatesChange(DOC, ids, before, after),)))

    bulk(SpanState.SUGGESTED, SpanState.REJECTED)
    state.settle()
    old = state.spans[1]
    state.apply(Changes("move", frozenset({DOC}), frozenset({"spans"}),
                        spans=(SpanChange(DOC, old, old.with_(start=30, end=32)),)))
    bulk(SpanState.REJECTED, SpanState.SUGGESTED)
    assert not state.settled
    assert [s.id for s in state.live_spans_in(0, 2)] == []
    assert 1 in [s.id for s in state.live_spans_in(30, 32)]
    state.settle()
    assert_same_index(state)


def test_the_undo_of_a_settled_bulk_rejection_is_looked_up_in_what_settle_took_out(monkeypatch):
    """Reject in bulk, settle, bring the same spans back: the paint's lookups use the index settle kept of the
    spans it took out (no span sorted or filtered on the key) and answer as a fresh state does."""
    from annotator.service.changes import SpanStatesChange

    monkeypatch.setattr(docstate, "DEFER_STATES", 8)
    spans = [EntitySpan(i + 1, a, b, LABELS[i % 3], origin="rules",
                        state=SpanState.SUGGESTED if i % 4 else SpanState.ACCEPTED) for i, (a, b) in enumerate(TOKENS)]
    state = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=tuple(spans),
                                                          id=DOC))
    suggested = tuple(s.id for s in spans if s.state == SpanState.SUGGESTED)

    def bulk(before: SpanState, after: SpanState) -> None:
        state.apply(Changes("bulk", frozenset({DOC}), frozenset({"spans"}),
                            span_states=(SpanStatesChange(DOC, suggested, before, after),)))

    bulk(SpanState.SUGGESTED, SpanState.REJECTED)
    state.settle()
    assert state._left is not None and state._left[3] == suggested
    bulk(SpanState.REJECTED, SpanState.SUGGESTED)
    assert state._back_lookup()[0] is state._left[0]  # the very list settle kept: nothing sorted again
    built = DocumentState.from_document(AnnotatedDocument(title="t", text=TEXT, tokens=TOKENS, spans=tuple(spans),
                                                          id=DOC))
    for at in range(0, len(TEXT), 2):
        assert [s.id for s in state.live_spans_in(at, at + 3)] == [s.id for s in built.live_spans_in(at, at + 3)]
    state.settle()
    assert_same_index(state)
