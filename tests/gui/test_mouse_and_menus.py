"""The mouse (drag snaps to tokens, Alt-drag to characters, click selects a span), menus and the shortcut table."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from test_review_keys import stored

from annotator.core.annotations import SpanState
from annotator.gui import keys
from annotator.gui.keys import BINDINGS, Binding, label_bindings, shortcut_rows

LEFT = Qt.MouseButton.LeftButton


def centre(view, offset: int) -> QPoint:
    """The viewport point in the middle of the character at `offset`."""
    rect = view.range_rects(offset, offset + 1)[0]
    return rect.center().toPoint()


def drag(qtbot, view, a: int, b: int, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """Press on character a, move to character b, release."""
    vp = view.viewport()
    start, end = centre(view, a), centre(view, b)
    qtbot.mousePress(vp, LEFT, mods, start)
    middle = (start + end) / 2
    for point in (middle, end):
        QApplication.sendEvent(vp, QMouseEvent(QMouseEvent.Type.MouseMove, point, vp.mapToGlobal(point), LEFT,
                                               LEFT, mods))
    qtbot.mouseRelease(vp, LEFT, mods, end)


def test_a_drag_snaps_to_whole_tokens_and_alt_drag_selects_characters(qtbot, window, project_path):
    view, text = window.page.view, window.page.state.text
    at = text.index("网站开通")  # tokens 网站 | 开通
    drag(qtbot, view, at + 1, at + 2)
    assert view.selected_text() == "网站开通"
    qtbot.keyClick(view, Qt.Key.Key_5)
    span = next(s for s in stored(project_path).spans if s.start == at)
    assert (span.end, span.label) == (at + 4, "MISC")
    drag(qtbot, view, at + 1, at + 2, Qt.KeyboardModifier.AltModifier)
    assert view.selected_text() == "站开" and view.char_mode


def test_a_click_selects_the_span_and_a_second_click_the_one_around_it(qtbot, window):
    view, state = window.page.view, window.page.state
    at = state.text.index("《北京反腐败宣言》")
    inner = state.exact_span(at + 1, at + 3)  # 北京, nested in the MISC suggestion
    outer = state.exact_span(at, at + 9)
    assert inner and outer
    point = centre(view, at + 1)
    qtbot.mouseClick(view.viewport(), LEFT, pos=point)
    assert view.current_span == inner.id
    qtbot.mouseClick(view.viewport(), LEFT, pos=point)
    assert view.current_span == outer.id
    plain = state.text.index("网站")
    qtbot.mouseClick(view.viewport(), LEFT, pos=centre(view, plain))
    assert view.current_span is None and view.selected_text() == "网站"


def test_the_right_click_menu_offers_the_same_actions(qtbot, window, project_path):
    view = window.page.view
    target = view.current_span
    span = window.page.state.spans[target]
    window._context_menu(view.mapToGlobal(centre(view, span.start)))
    menu = window.context_menu
    texts = [a.text().split("\t")[0] for a in menu.actions()]
    assert "Accept the suggestion" in texts and "Split the token before the selected character" in texts
    labels = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert [a.text().split("\t")[0] for a in labels.actions()][:2] == ["Label as PER 人名", "Label as ORG 机构"]
    next(a for a in menu.actions() if a.text().startswith("Accept the suggestion")).trigger()
    menu.close()
    assert stored(project_path).span(target).state == SpanState.ACCEPTED


def test_menus_carry_every_binding_and_the_sheet_lists_them(qtbot, window):
    bar = window.menuBar()
    titles = [a.text().replace("&", "") for a in bar.actions()]
    assert titles == ["File", "Edit", "View", "Review", "Tools", "Help"]
    actions = {a.data() for m in bar.actions() for a in _walk(m.menu())}
    assert {b.action for b in BINDINGS if b.menu} <= actions
    rows = shortcut_rows(window.bindings)
    assert ("Documents", "Ctrl+Return / Ctrl+Enter", "Mark reviewed, open the next unreviewed document") in rows
    assert ("Labels", "1", "Label as PER 人名") in rows
    schema = window.session.project.schema
    assert [b.keys for b in label_bindings(schema) if b.action == "label"] == [("1",), ("2",), ("3",), ("4",),
                                                                                ("5",)]


def _walk(menu):
    for action in menu.actions():
        if action.menu() is not None:
            yield from _walk(action.menu())
        else:
            yield action


def test_a_new_binding_adds_a_key_and_a_menu_entry(qtbot, window):
    seen = []
    window.add_binding(Binding("new_event", "New event on the selection", ("E",), "Review", group="Events"),
                       lambda: seen.append(window.page.view.selected_text()))
    qtbot.keyClick(window.page.view, Qt.Key.Key_E)
    assert seen == [window.page.view.selected_text()]
    assert any(a.data() == "new_event" for a in _walk(window.menuBar().actions()[3].menu()))
    assert keys.VIEW == "view"
