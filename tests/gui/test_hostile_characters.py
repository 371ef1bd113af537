"""Hostile characters in the window: Qt counts UTF-16 units, the documents code points.

Selecting around characters outside the BMP with the keyboard and the mouse stores code-point offsets; the
highlights sit over the spans' characters (each format's UTF-16 range against the one computed here from the
text's UTF-16 encoding); the document list and the events panel show titles and span texts with such
characters as they are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_mouse_and_menus import drag
from test_review_keys import ALT, NO, SHIFT, press, stored

from annotator.core.annotations import SpanKind
from annotator.gui.span_index import merge_ranges
from annotator.service import Project
from tests.gui.conftest import shown_window

ASTRAL = "新华社北京电 张𡈽在上海🚒会见了李四。\n👨\u200d🚒消防员王五说，❤\ufe0f北京。"
SEPARATED = "第一段\u2028张三在北京\u2029李四\u0085在上海\x0b王五\x0c赵六\x1c。"
CONTROLS = "张三\x01在\x9b北京\u202e会见\ue000李四\U000F0000。\u200b\u200d\ufeff上海\u3000\u00a0市 Cafe\u0301。"


def at(text: str, word: str, label: str = "") -> dict[str, object]:
    start = text.index(word)
    return {"start": start, "end": start + len(word), **({"label": label} if label else {})}


RECORDS = [
    {"id": "astral", "title": "张𡈽在上海🚒会见", "text": ASTRAL,
     "entities": [at(ASTRAL, "北京", "LOC"), at(ASTRAL, "李四", "PER")],
     "events": [{"type": "Contact:Meet", "trigger": at(ASTRAL, "会见"),
                 "arguments": [{"role": "Entity", **at(ASTRAL, "张𡈽")}, {"role": "Place", **at(ASTRAL, "🚒")}]}]},
    {"id": "separators", "text": SEPARATED,
     "entities": [at(SEPARATED, "张三", "PER"), at(SEPARATED, "李四", "PER"), at(SEPARATED, "上海", "LOC"),
                  at(SEPARATED, "\u2028张三", "MISC"), at(SEPARATED, "王五\x0c赵六", "PER")]},
    {"id": "controls", "title": "\u202e倒序标题\u202c 与 \ue000 私用区", "text": CONTROLS,
     "entities": [at(CONTROLS, "张三", "PER"), at(CONTROLS, "\u202e会见", "MISC"), at(CONTROLS, "李四\U000F0000", "PER"),
                  at(CONTROLS, "\ufeff上海\u3000\u00a0市", "LOC"), at(CONTROLS, "Cafe\u0301", "MISC")]},
    {"id": "punctuation", "text": "，。！？……——“”《》", "entities": [{"start": 4, "end": 6, "label": "MISC"}]},
]


def u16(text: str, offset: int) -> int:
    """The UTF-16 position of a code-point offset, from the encoding itself (not the code under test)."""
    return len(text[:offset].encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    path = folder / "hostile.annot"
    with Project.create(path, schema="ace2005-zh", user="builder") as project:
        report = project.importer.import_paths([source], reviewed=True, prelabel=False)
        assert len(report.imported) == len(RECORDS), report
    return path


@pytest.fixture
def hostile(tmp_path: Path, built: Path) -> Path:
    path = tmp_path / "hostile.annot"
    path.write_bytes(built.read_bytes())
    return path


@pytest.fixture
def win(qtbot, hostile: Path):
    window = shown_window(qtbot, hostile, 1)
    window.page.view.setFocus()
    yield window
    window.close_project()


def drawn_ranges(view) -> list[tuple[int, int]]:
    """The UTF-16 ranges the highlighter coloured, merged where they touch."""
    view.highlighter.rehighlight()
    found = []
    block = view.document().firstBlock()
    while block.isValid():
        found += [(block.position() + r.start, block.position() + r.start + r.length) for r in block.layout().formats()]
        block = block.next()
    return merge_ranges(found)


def expected_ranges(text: str, spans) -> list[tuple[int, int]]:
    """Where the spans' characters are in UTF-16, without the line breaks Qt keeps out of a block's text."""
    breaks = {i for i, ch in enumerate(text) if ch in "\n\u2029"}
    pieces = []
    for span in spans:
        start = span.start
        for i in range(span.start, span.end + 1):
            if i == span.end or i in breaks:
                if start < i:
                    pieces.append((u16(text, start), u16(text, i)))
                start = i + 1
    return merge_ranges(pieces)


def test_the_keyboard_selects_and_labels_around_an_astral_character_in_code_points(qtbot, win, hostile):
    text = win.page.state.text
    at = text.index("张𡈽")
    press(qtbot, win, Qt.Key.Key_Home)
    for _ in range(at):                          # Alt+→ character by character up to 张
        press(qtbot, win, Qt.Key.Key_Right, ALT)
    assert win.page.view.selected_text() == "张"
    press(qtbot, win, Qt.Key.Key_Right, ALT | SHIFT)   # one more character: 𡈽, two UTF-16 units, one code point
    assert win.page.view.selected_text() == "张𡈽"
    press(qtbot, win, Qt.Key.Key_1)               # the first label of the schema
    doc = stored(hostile)
    span = next(s for s in doc.spans if s.kind == SpanKind.ENTITY and s.start == at)
    assert (span.end, doc.text[span.start:span.end]) == (at + 2, "张𡈽")
    press(qtbot, win, Qt.Key.Key_Right, ALT)
    press(qtbot, win, Qt.Key.Key_Right, ALT)
    press(qtbot, win, Qt.Key.Key_Right, ALT)
    assert win.page.view.selected_text() == "上"  # three characters on, whatever their width in UTF-16
    assert drawn_ranges(win.page.view) == expected_ranges(text, doc.spans)   # entities, trigger and arguments


def test_the_mouse_selects_and_labels_an_emoji_and_a_zwj_sequence(qtbot, win, hostile):
    view, text = win.page.view, win.page.state.text
    fire = text.index("🚒")
    drag(qtbot, view, fire, fire + 1, ALT)         # 🚒会: Alt-drag selects characters
    assert view.selected_text() == "🚒会"
    press(qtbot, win, Qt.Key.Key_3, NO)
    zwj = text.index("👨")
    drag(qtbot, view, zwj, zwj + 2, ALT)           # 👨‍🚒 is three code points, one character on screen
    assert view.selected_text() == "👨\u200d🚒"
    press(qtbot, win, Qt.Key.Key_2, NO)
    doc = stored(hostile)
    got = {doc.text[s.start:s.end] for s in doc.spans if s.kind == SpanKind.ENTITY}
    assert {"🚒会", "👨\u200d🚒"} <= got
    assert drawn_ranges(view) == expected_ranges(text, doc.spans)


def test_character_keys_step_over_a_zwj_sequence_as_one_character(qtbot, win):
    """Alt+arrows moved a code point at a time: the selection could hold half of 👨‍🚒 (or 葛 without its variation
    selector), which the window draws as one character, and a span made of it ended inside it."""
    view = win.page.view
    press(qtbot, win, Qt.Key.Key_Home)
    press(qtbot, win, Qt.Key.Key_Down)            # the second line's first token: 👨‍🚒
    assert view.selected_text() == "👨\u200d🚒"
    press(qtbot, win, Qt.Key.Key_Right, ALT)       # from a token, its second character: past the whole sequence
    assert view.selected_text() == "消"
    press(qtbot, win, Qt.Key.Key_Left, ALT)
    assert view.selected_text() == "👨\u200d🚒"
    press(qtbot, win, Qt.Key.Key_Right, ALT | SHIFT)
    assert view.selected_text() == "👨\u200d🚒消"
    press(qtbot, win, Qt.Key.Key_Left, ALT | SHIFT)
    assert view.selected_text() == "👨\u200d🚒"
    press(qtbot, win, Qt.Key.Key_Left, ALT | SHIFT)  # one character is the least a selection holds
    assert view.selected_text() == "👨\u200d🚒"
    heart = win.page.state.text.index("❤")
    view.select_chars(heart + 1, heart + 2)       # the variation selector alone: widened to its character
    assert view.selected_text() == "❤\ufe0f"


def test_a_bidi_override_does_not_turn_the_text_around_on_screen(qtbot, win, hostile):
    """U+202E (RIGHT-TO-LEFT OVERRIDE) in a text showed 会见李四 as 四李见会 in the article, the heading, the
    document list and the entity list, while the offsets (and what a key labels) follow the stored order."""
    assert win.page.open_document(3)
    view, text = win.page.view, win.page.state.text
    xs = [view.range_rects(text.index(ch), text.index(ch) + 1)[0].left() for ch in "会见李四"]
    assert xs == sorted(xs)                       # left to right, as stored
    assert win.page.title.text() == "↔倒序标题↔ 与 \ue000 私用区"
    panel = win.page.side.entities
    panel.show_state(win.page.state)               # the panel follows on a timer: asked at once here
    model = panel.entities
    shown = [model.index(r, 0, model.index(g, 0)).data() for g in range(model.rowCount())
             for r in range(model.rowCount(model.index(g, 0)))]
    assert "↔会见" in shown and not any("\u202e" in t for t in shown)


@pytest.mark.parametrize("doc_id", [2, 3, 4])
def test_highlights_sit_over_their_characters_after_separators_controls_and_marks(qtbot, win, hostile, doc_id):
    assert win.page.open_document(doc_id)
    doc = stored(hostile, doc_id)
    view = win.page.view
    # the view holds the text unit for unit (toPlainText would make U+2028 a LF and NBSP a space), a bidi control
    # shown as ↔
    assert view.document().toRawText() == doc.text.replace("\n", "\u2029").replace("\u202e", "↔")
    assert drawn_ranges(view) == expected_ranges(doc.text, [s for s in doc.spans if s.kind == SpanKind.ENTITY])
    for span in doc.spans:                         # a click on a span's first character selects it
        if span.kind == SpanKind.ENTITY and view.state.exact_span(span.start, span.end) is not None:
            view.select_span(view.state.exact_span(span.start, span.end))
            assert view.selected_text() == doc.text[span.start:span.end]


def test_the_document_list_and_the_events_panel_show_such_text_as_it_is(qtbot, win, hostile):
    model = win.page.doc_list.model
    titles = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert titles[0] == "张𡈽在上海🚒会见"
    assert titles[1] == "第一段"               # a title made from the text ends at U+2028
    assert titles[2] == "↔倒序标题↔ 与 \ue000 私用区"  # bidi controls shown, not obeyed
    assert titles[3] == "，。！？……——“”《》"
    panel = win.events_.panel
    (row,) = panel.rows
    assert row.trigger == "会见" and [a[:2] for a in row.arguments] == [("Entity", "张𡈽"), ("Place", "🚒")]
    assert "「会见」" in panel.model.event_index(0).data()
    assert {index.data().split(": ", 1)[1] for index in panel.model.child_indexes(0)} == {"张𡈽", "🚒"}


def test_a_paragraph_without_a_break_is_measured_by_bisection_and_drawn_where_qt_puts_it(qtbot):
    """A one-paragraph article of 880,000 characters (13,000 wrapped lines) took 15 s of CPU to open and 0.2 s a
    key: every token boundary and every selection walked the paragraph's lines from the first. The lines are
    found by bisection now; they must be the lines Qt itself finds."""
    from annotator.core.annotations import AnnotatedDocument
    from annotator.core.schema import load_schema
    from annotator.gui.article_view import ArticleView
    from annotator.gui.docstate import DocumentState
    from annotator.gui.highlighter import SpanStyles
    from annotator.gui.lines import LaidOut, line_index

    text = "张三在北京会见李四🚒，" * 3000
    tokens = tuple((i, i + 1) for i in range(len(text)))
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_document(DocumentState.from_document(AnnotatedDocument(title="t", text=text, tokens=tokens, id=1)),
                      SpanStyles(load_schema("news-zh")))
    layout = view.document().firstBlock().layout()
    view.document().documentLayout().blockBoundingRect(view.document().firstBlock())
    assert layout.lineCount() > 100
    lines = LaidOut(layout)
    end16 = view.state.u16(len(text))
    for u in [*range(0, end16, 7), end16 - 1, end16]:
        assert lines.index(u) == line_index(layout, u) == layout.lineForTextPosition(u).lineNumber(), u
    at = text.index("李四", 20_000)
    view.select_chars(at, at + 3)                  # 李四🚒, deep in the paragraph
    view.ensure_visible(at)
    (rect,) = view.range_rects(at, at + 3)
    line = layout.lineForTextPosition(view.state.u16(at))
    assert abs(rect.top() - (view.blockBoundingGeometry(view.document().firstBlock()).translated(
        view.contentOffset()).top() + line.y())) < 1


def test_the_adjudication_view_underlines_versions_over_their_characters_left_to_right(qtbot, tmp_path):
    from annotator.gui.adjudication import AdjudicationDialog
    from annotator.gui.session import ProjectSession

    text = "新华社𡈽电 张𡈽在上海🚒\u202e会见李四。"
    gold = [at(text, "张𡈽", "PER"), at(text, "上海", "LOC"), at(text, "李四", "PER")]
    other = [at(text, "张𡈽", "ORG"), at(text, "上海🚒", "LOC")]
    path = tmp_path / "lead.annot"
    with Project.create(path, schema="news-zh", user="lead") as project:
        source = tmp_path / "source.jsonl"
        source.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
        project.importer.import_paths([source], prelabel=False)
        for name, entities in (("ann1", gold), ("ann2", other)):
            file = tmp_path / f"{name}.jsonl"
            file.write_text(json.dumps({"text": text, "entities": entities}, ensure_ascii=False) + "\n",
                            encoding="utf-8")
            project.team.merge(file, annotator=name)
        (doc_id,) = project.document_ids(statuses=["needs-adjudication"])
    session = ProjectSession(Project.open(path, user="adjudicator"))
    dialog = AdjudicationDialog(session, doc_id)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = dialog.article.document().toRawText()
    assert shown == text.replace("\u202e", "↔")    # shown, not obeyed; the same UTF-16 length
    underlined = sorted((s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in dialog.article.extraSelections())
    versions = [(v.start, v.end) for v in dialog.all_versions if hasattr(v, "start")]  # entity versions (no events)
    assert underlined == sorted((u16(text, a), u16(text, b)) for a, b in versions)
    session.close()


def test_one_line_places_show_a_long_title_cut_and_its_breaks_as_spaces():
    from annotator.gui.shown import ONE_LINE_LIMIT, one_line

    assert one_line("第一段\u2028第二段\x0c\u202e三") == "第一段 第二段 ↔三"
    long = one_line("长" * 1_000_000)
    assert len(long) == ONE_LINE_LIMIT and long.endswith("…")
