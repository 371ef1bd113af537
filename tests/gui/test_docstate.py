"""The window's copy of a document: UTF-16 edges, lookups, and keeping up with every kind of edit."""

from __future__ import annotations

import random

from PySide6.QtGui import QTextCursor

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.gui.docstate import DocumentState
from annotator.gui.span_index import merge_ranges
from annotator.service import Project

ASTRAL = "𠀀𠀁北京大学在海淀区\n张三去了𠀂上海"
ASTRAL_TOKENS = ((0, 1), (1, 2), (2, 4), (4, 6), (6, 7), (7, 10), (11, 13), (13, 15), (15, 16), (16, 18))


def astral_doc(spans=()) -> AnnotatedDocument:
    return AnnotatedDocument(title="t", text=ASTRAL, tokens=ASTRAL_TOKENS, spans=tuple(spans), id=1)


def test_utf16_positions_convert_both_ways_around_astral_characters():
    state = DocumentState.from_document(astral_doc())
    assert [state.u16(i) for i in (0, 1, 2, 3)] == [0, 2, 4, 5]
    assert state.from_u16(4) == 2 and state.from_u16(3) == 2  # inside a surrogate pair rounds up
    assert all(state.from_u16(state.u16(i)) == i for i in range(len(ASTRAL) + 1))
    assert len(ASTRAL.encode("utf-16-le")) // 2 == state.u16(len(ASTRAL))


def test_the_highlighter_paints_at_utf16_positions(qtbot):
    from annotator.core.schema import load_schema
    from annotator.gui.article_view import ArticleView
    from annotator.gui.highlighter import SpanStyles

    spans = [EntitySpan(1, 2, 6, "ORG", state=SpanState.ACCEPTED), EntitySpan(2, 16, 18, "LOC", origin="rules",
                                                                             state=SpanState.SUGGESTED)]
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_document(DocumentState.from_document(astral_doc(spans)), SpanStyles(load_schema("news-zh")))
    view.highlighter.rehighlight()
    first, second = view.document().firstBlock(), view.document().lastBlock()
    ranges = [(r.start, r.length) for r in first.layout().formats()]
    assert ranges == [(4, 4)]  # 北京大学 after two astral characters: UTF-16 4..8
    (fmt,) = [r for r in second.layout().formats()]
    assert (fmt.start, fmt.length) == (16 - 11 + 1, 2)  # 上海 after 𠀂, relative to its line
    assert fmt.format.underlineStyle() == fmt.format.UnderlineStyle.DashUnderline  # a suggestion looks unsure
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.state.u16(16))
    cursor.setPosition(view.state.u16(18), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "上海"
    view.select_chars(16, 18)
    assert view.selected_text() == "上海" and len(view.range_rects(16, 18)) == 1


def test_lookups_find_spans_tokens_and_suggestions():
    spans = [EntitySpan(1, 2, 6, "ORG", state=SpanState.SUGGESTED), EntitySpan(2, 2, 4, "LOC", state=SpanState.SUGGESTED),
             EntitySpan(3, 11, 13, "PER"), EntitySpan(4, 16, 18, "LOC", state=SpanState.REJECTED)]
    state = DocumentState.from_document(astral_doc(spans))
    assert [s.id for s in state.spans_covering(2, 3)] == [2, 1]  # innermost first
    assert state.exact_span(16, 18) is None  # rejected spans are not shown
    assert [s.id for s in state.suggestions()] == [1, 2]  # reading order: the outer span first
    assert state.next_suggestion(state.spans[2], 0).id == 1  # wraps around
    assert state.next_suggestion(None, 3, backwards=True).id == 2
    assert state.next_suggestion(None, 0).id == 1
    assert state.resized(state.spans[3], "end", +1) == (11, 15)
    assert state.resized(state.spans[3], "end", -1) is None
    assert state.resized(state.spans[1], "start", -1) == (1, 6)
    assert state.resized(state.spans[1], "start", +1) == (4, 6)
    assert state.boundaries_in(0, 10) == [1, 2, 4, 6, 7]
    assert merge_ranges([(5, 7), (1, 3), (2, 4), (7, 8)]) == [(1, 4), (5, 8)]


def test_the_copy_follows_random_edits_undos_and_redos(tmp_path):
    """Whatever the service changes, applying its Changes gives what reloading the document gives."""
    rng = random.Random(7)
    text = "国务院总理李克强今天在北京会见了来访的德国外长\n新华社记者从公安部获悉追逃工作取得重大进展"
    tokens = tuple((i, i + 2) for i in range(0, 22, 2)) + ((22, 23),) + tuple((i, i + 2) for i in range(24, 44, 2)) + ((44, 45),)
    with Project.create(tmp_path / "p.annot", schema="news-zh") as project:
        (doc_id,), _ = project.importer.add_documents([AnnotatedDocument(title="t", text=text, tokens=tokens, spans=(
            EntitySpan(1, 0, 3, "ORG", origin="rules", state=SpanState.SUGGESTED),
            EntitySpan(2, 5, 8, "PER", origin="rules", state=SpanState.SUGGESTED)))], prelabel=False)
        state = DocumentState.from_document(project.document(doc_id))
        done = []
        for _ in range(120):
            changes = _random_edit(rng, project, state, doc_id, done)
            if changes is None:
                continue
            state.apply(changes)
            fresh = project.document(doc_id)
            assert state.spans == {s.id: s for s in fresh.spans} and state.tokens == list(fresh.tokens)
            assert state.status == fresh.status


def _random_edit(rng, project, state, doc_id, done):
    from annotator.core.errors import ValidationError

    live = [s for s in state.spans.values() if s.is_live]
    tokens = state.tokens
    kind = rng.choice(["add", "accept", "reject", "delete", "relabel", "resize", "split", "merge", "undo",
                       "redo", "status"])
    try:
        if kind == "add":
            i = rng.randrange(len(tokens) - 1)
            changes = project.edits.add_span(doc_id, tokens[i][0], tokens[i + rng.randrange(2)][1], rng.choice(
                ["PER", "ORG", "LOC"]))
        elif kind in ("accept", "reject", "delete", "relabel", "resize") and live:
            span = rng.choice(live)
            changes = {"accept": lambda: project.edits.accept([span.id]), "reject": lambda: project.edits.reject([span.id]),
                       "delete": lambda: project.edits.delete_span(span.id),
                       "relabel": lambda: project.edits.relabel(span.id, "TIME"),
                       "resize": lambda: project.edits.resize(span.id, *(state.resized(span, "end", 1) or (0, 1)))}[kind]()
        elif kind == "split":
            wide = [t for t in tokens if t[1] - t[0] > 1]
            changes = project.edits.split_token(doc_id, wide[0][0] + 1) if wide else None
        elif kind == "merge":
            changes = project.edits.merge_tokens(doc_id, rng.randrange(len(tokens) - 1))
        elif kind == "undo" and done:
            changes = project.undo(done.pop())
            return changes
        elif kind == "status":
            changes = project.edits.set_status(doc_id, "reviewed")
        else:
            return None
    except ValidationError:
        return None
    if changes is not None and kind not in ("undo", "redo"):
        done.append(changes)
    return changes


def test_the_entity_panel_model_passes_qtmodeltester(qtmodeltester):
    from annotator.core.schema import load_schema
    from annotator.gui.panels import EntitiesModel

    spans = [EntitySpan(1, 2, 6, "ORG", state=SpanState.SUGGESTED), EntitySpan(2, 2, 4, "LOC"),
             EntitySpan(3, 11, 13, "PER"), EntitySpan(4, 16, 18, "LOC")]
    state = DocumentState.from_document(astral_doc(spans))
    model = EntitiesModel(load_schema("news-zh"))
    model.show_state(state)
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["PER 人名", "ORG 机构", "LOC 地点"]
    loc = model.index(2, 0)
    assert [model.index(r, 0, loc).data() for r in range(2)] == ["北京", "上海"]
    model.show_state(None)
    assert model.rowCount() == 0
