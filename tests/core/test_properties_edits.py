"""Property: random review edits on random Chinese texts keep every invariant, and undo restores all.

Each example adds a fresh random document to one project and applies a random sequence of edits
(with undo and redo in between, like the window's undo stack). After every edit the document must keep
the model's rules; a refused edit must change nothing; undoing every edit on the stack must give back
exactly the starting rows, ids included.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ValidationError
from annotator.service import Changes, Project
from tests.core.properties import LABELS, PROFILE, documents, invariant_problems

EVENTS = ("Contact:Meet", "Justice:Arrest-Jail")
ROLES = ("Entity", "Person", "Place")
# Span edits come up more often: most conflicts are between spans.
OPS = ("add", "add", "add", "accept", "accept", "reject", "reject", "relabel", "resize", "resize", "delete",
       "status", "event", "argument", "argspan", "unargue", "event_type", "unevent", "split", "merge",
       "accept_all", "undo", "undo", "redo")
_serial = itertools.count()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    p = Project.create(tmp_path_factory.mktemp("props") / "props.annot", schema="ace2005-zh", user="prop")
    p.store.db.execute("PRAGMA synchronous=OFF")  # speed only: this file is never crashed
    yield p
    p.close()


def snapshot(p: Project, doc_id: int) -> dict[str, list]:
    """Every stored row of the document, ids included, without the edit time."""
    db = p.store.db
    cur = db.execute("SELECT * FROM documents WHERE id = ?", [doc_id])
    cols = [c[0] for c in cur.description]
    doc = {c: v for c, v in zip(cols, cur.fetchone(), strict=True) if c != "updated_at"}
    return {"document": [doc], **{t: db.execute(f"SELECT * FROM {t} WHERE doc_id = ? ORDER BY id", [doc_id]).fetchall()
                                  for t in ("spans", "events", "arguments")}}


def add(p: Project, doc: AnnotatedDocument) -> int:
    # A serial number keeps texts distinct, so the project never skips one as a duplicate.
    tail = f"\n{next(_serial):06d}"  # fixed width: the same example draws the same offsets
    doc = replace(doc, text=doc.text + tail,
                  tokens=(*doc.tokens, (len(doc.text) + 1, len(doc.text) + len(tail))))
    (doc_id,), _ = p.importer.add_documents([doc], prelabel=False)
    return doc_id


def apply(p: Project, doc_id: int, op: str, draw) -> Changes | None:
    """Perform one drawn edit; None when there was nothing to do it on."""
    doc = p.document(doc_id)
    n = len(doc.text)
    spans = [s.id for s in doc.spans]
    entities = [s.id for s in doc.spans if s.kind == "entity"]
    events = [e.id for e in doc.events]

    def offsets() -> tuple[int, int]:
        start = draw(st.integers(0, n - 1))
        return start, draw(st.integers(start + 1, min(n, start + 8)))

    def one(ids: list[int]) -> int | None:
        return draw(st.sampled_from(ids)) if ids else None

    if op == "add":
        return p.edits.add_span(doc_id, *offsets(), draw(st.sampled_from(LABELS)))
    if op in ("accept", "reject"):
        span = one(entities)
        return None if span is None else getattr(p.edits, op)([span])
    if op == "relabel":
        span = one(entities)
        return None if span is None else p.edits.relabel(span, draw(st.sampled_from(LABELS)))
    if op == "resize":
        span = one(entities)
        return None if span is None else p.edits.resize(span, *offsets())
    if op == "delete":
        span = one(spans)
        return None if span is None else p.edits.delete_span(span)
    if op == "status":
        return p.edits.set_status(doc_id, draw(st.sampled_from(["in-review", "reviewed", "skipped", "new"])))
    if op == "event":
        return p.edits.add_event(doc_id, draw(st.sampled_from(EVENTS)), *offsets())
    if op == "argument":
        event, span = one(events), one(entities)
        return None if event is None or span is None else p.edits.add_argument(event, draw(st.sampled_from(ROLES)), span)
    if op == "argspan":
        event = one(events)
        return None if event is None else p.edits.add_argument_span(event, draw(st.sampled_from(ROLES)), *offsets())
    if op == "unargue":
        pairs = [(e.id, a.role, a.span_id) for e in doc.events for a in e.arguments]
        return p.edits.remove_argument(*draw(st.sampled_from(pairs))) if pairs else None
    if op == "event_type":
        event = one(events)
        return None if event is None else p.edits.set_event_type(event, draw(st.sampled_from(EVENTS)))
    if op == "unevent":
        event = one(events)
        return None if event is None else p.edits.delete_event(event)
    if op == "split":
        return p.edits.split_token(doc_id, draw(st.integers(0, n)))
    if op == "merge":
        return p.edits.merge_tokens(doc_id, draw(st.integers(0, max(0, len(doc.tokens) - 1))))
    if op == "accept_all":
        return p.edits.accept_all(doc_id)
    raise AssertionError(op)


@settings(PROFILE)
@given(doc=documents(max_size=12), data=st.data())
def test_random_edits_keep_invariants_and_undo_restores_the_start(project, doc, data):
    doc_id = add(project, doc)
    start = snapshot(project, doc_id)
    undo_stack: list[Changes] = []
    redo_stack: list[Changes] = []
    for op in data.draw(st.lists(st.sampled_from(OPS), min_size=3, max_size=40), label="ops"):
        before = snapshot(project, doc_id)
        if op == "undo":
            if undo_stack:
                done = undo_stack.pop()
                project.undo(done)
                redo_stack.append(done)
        elif op == "redo":
            if redo_stack:
                undo_stack.append(project.redo(redo_stack.pop()))
        else:
            try:
                changes = apply(project, doc_id, op, data.draw)
            except ValidationError:
                assert snapshot(project, doc_id) == before, f"refused {op} changed the document"
                continue
            if changes is not None and changes.saved:
                undo_stack.append(changes)
                redo_stack.clear()
        problems = invariant_problems(project.document(doc_id))
        assert problems == [], f"after {op}: {problems}"
    for changes in reversed(undo_stack):
        project.undo(changes)
    assert snapshot(project, doc_id) == start


@settings(PROFILE)
@given(doc=documents())
def test_stored_documents_read_back_as_given(project, doc):
    doc_id = add(project, doc)
    stored = project.document(doc_id)
    assert stored.text.startswith(doc.text) and stored.tokens[:len(doc.tokens)] == doc.tokens
    assert [(s.start, s.end, s.label, s.state) for s in stored.entities(with_suggestions=True)] == \
        [(s.start, s.end, s.label, s.state) for s in doc.entities(with_suggestions=True)]
    assert invariant_problems(stored) == []
