"""The events tab in a narrow side panel: every row shows its whole text (wrapped), none is cut off."""

from __future__ import annotations

import events_helpers
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from test_events_panel import edit, meet_with_time_as_place

built_events_project, events_path, ev_window = (events_helpers.built_events_project, events_helpers.events_path,
                                                events_helpers.ev_window)


def test_rows_wrap_instead_of_cutting_their_text(qtbot, ev_window):
    meet_with_time_as_place(ev_window)
    project, state = ev_window.session.project, ev_window.page.state
    start = state.text.index("中美执法合作联合联络小组")
    edit(ev_window, lambda: project.edits.add_event(1, "Justice:Extradite", start, start + 2))
    panel = ev_window.events_.panel
    ev_window.page.side.setCurrentWidget(panel)
    ev_window.page.setSizes([300, 900, 220])
    QApplication.processEvents()
    tree = panel.tree
    width = tree.viewport().width()
    assert 150 < width < 260
    model = panel.model
    items = [model.index(i, 0) for i in range(model.rowCount())]  # each event, then its arguments and warnings
    long_rows = 0
    for item in items:
        rect = tree.visualRect(item)
        text = item.data()
        metrics = QFontMetrics(item.data(Qt.ItemDataRole.FontRole) or tree.font())
        room = (rect.width() - (20 if item.data(Qt.ItemDataRole.DecorationRole) is not None else 0) - 4
                - (tree.indentation() if model.is_child(item) else 0))
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere,
                                      text)
        assert rect.right() <= tree.viewport().width() + 1, text  # no row runs under the edge
        assert needed.height() <= rect.height() + 2, (text, needed.height(), rect.height())
        long_rows += metrics.horizontalAdvance(text) > room
    assert long_rows >= 2  # some rows really needed more than one line
