"""Edit → Schema…: labels and event types edited in the dialog reach the file and every view; refusals stay
inside the dialog; renames move annotations; undo puts everything back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import events_helpers
import pytest
from events_helpers import press, stored
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotator.core.annotations import SpanKind, SpanState
from annotator.core.schema import EntityLabel
from annotator.gui import schema_widgets
from annotator.gui.schema_dialog import COLOR, HOTKEY, KEY, NAME, NAME_ZH, SchemaDialog
from annotator.service import Project

built_events_project, events_path, ev_window = (events_helpers.built_events_project, events_helpers.events_path,
                                                events_helpers.ev_window)


def open_dialog(win) -> SchemaDialog:
    """Edit → Schema… from the window's own menu."""
    edit_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Edit")
    entry = next(a for a in edit_menu.actions() if a.data() == "edit_schema")
    entry.trigger()
    dialog = win.schema_dialog
    assert dialog.isVisible()
    return dialog


def press_ok(dialog: SchemaDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def set_cell(dialog: SchemaDialog, row: int, col: int, text: str) -> None:
    dialog.labels_tab.table.item(row, col).setText(text)


def schema_in_file(path: Path):
    with Project.open(path, readonly=True) as project:
        return project.schema


def edit(win, step):
    return win.session.edit("test edit", step)


def accept_first(win, label: str) -> int:
    """Accept the first suggestion with this label through the window; returns its span id."""
    span = next(s for s in win.page.state.spans.values() if s.label == label and s.state == SpanState.SUGGESTED)
    edit(win, lambda: win.session.project.edits.accept([span.id]))
    return span.id


def test_add_a_label_with_colour_and_hotkey_reaches_palette_keys_and_file(qtbot, window, project_path, monkeypatch):
    monkeypatch.setattr(schema_widgets.ColorPicker, "ask", classmethod(lambda cls, parent, initial: "#ffcc00"))
    dialog = open_dialog(window)
    draft = dialog.labels_tab.add()
    row = len(dialog.labels) - 1
    for col, text in ((KEY, "PRODUCT"), (NAME, "Product"), (NAME_ZH, "产品"), (HOTKEY, "p")):
        set_cell(dialog, row, col, text)
    dialog.labels_tab.table.cellWidget(row, COLOR).click()
    assert draft.color == "#ffcc00" and draft.hotkey == "P"
    press_ok(dialog)
    assert not dialog.isVisible()
    assert schema_in_file(project_path).label("PRODUCT") == EntityLabel("PRODUCT", "Product", "产品", "#ffcc00", "P")
    button = window.page.palette_bar.buttons["PRODUCT"]
    assert button.text().startswith("P") and "#ffcc00" in button.styleSheet()
    # The new hotkey labels the token under the cursor, and the highlight takes the new colour.
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_P)
    span = next(s for s in stored(project_path).spans if (s.start, s.label) == (0, "PRODUCT"))
    assert window.page.styles.color("PRODUCT") == "#ffcc00" and window.page.state.spans[span.id].label == "PRODUCT"
    window.do_undo()  # the span
    window.do_undo()  # the schema edit
    assert schema_in_file(project_path).label("PRODUCT") is None
    assert "PRODUCT" not in window.page.palette_bar.buttons
    assert not [b for b in window.bindings if b.arg == "PRODUCT"]


def test_removing_a_used_label_is_refused_inside_the_dialog_and_nothing_is_saved(window, project_path):
    accept_first(window, "ORG")
    before = schema_in_file(project_path)
    dialog = open_dialog(window)
    dialog.labels_tab.table.selectRow(dialog.labels_tab.row_of("ORG"))
    dialog.labels_tab.remove()
    assert "OK will refuse" in dialog.message.text()
    press_ok(dialog)
    assert dialog.isVisible() and dialog.message.isVisible()
    text = dialog.message.text()
    assert "1 span is labelled ORG (机构), which the new schema drops" in text and "rename the label" in text
    assert schema_in_file(project_path) == before
    assert "ORG" in window.page.palette_bar.buttons
    dialog.reject()


def test_renaming_a_key_moves_its_spans_and_the_views_follow_and_undo_restores(window, project_path, monkeypatch):
    span_id = accept_first(window, "LOC")
    monkeypatch.setattr(schema_widgets.ColorPicker, "ask", classmethod(lambda cls, parent, initial: "#00aa00"))
    dialog = open_dialog(window)
    row = dialog.labels_tab.row_of("LOC")
    set_cell(dialog, row, KEY, "PLACE")
    dialog.labels_tab.table.cellWidget(row, COLOR).click()
    press_ok(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    assert stored(project_path).span(span_id).label == "PLACE"
    assert window.page.state.spans[span_id].label == "PLACE"
    assert window.page.styles.color("PLACE") == "#00aa00"
    assert "PLACE" in window.page.palette_bar.buttons and "LOC" not in window.page.palette_bar.buttons
    assert [g.key for g in window.page.side.entities.entities.groups].count("PLACE") == 1
    window.do_undo()
    assert stored(project_path).span(span_id).label == "LOC" and window.page.state.spans[span_id].label == "LOC"
    assert "LOC" in window.page.palette_bar.buttons and schema_in_file(project_path).label("PLACE") is None


@pytest.mark.parametrize(("hotkey", "says"), [("E", "New event on the selection"), ("2", "Label as ORG")])
def test_a_hotkey_the_window_already_uses_is_refused(window, project_path, hotkey, says):
    before = schema_in_file(project_path)
    dialog = open_dialog(window)
    set_cell(dialog, dialog.labels_tab.row_of("MISC"), HOTKEY, hotkey)
    press_ok(dialog)
    assert dialog.isVisible() and f"The hotkey {hotkey} of label MISC already means" in dialog.message.text()
    assert says in dialog.message.text()
    assert schema_in_file(project_path) == before
    dialog.reject()


def test_event_type_rename_and_new_role_reach_the_events_tab_and_the_file(qtbot, ev_window, events_path):
    win = ev_window
    text = win.page.state.text
    start = text.index("召开")
    edit(win, lambda: win.session.project.edits.add_event(1, "Contact:Meet", start, start + 2))
    dialog = open_dialog(win)
    dialog.tabs.setCurrentIndex(1)
    tab = dialog.types_tab
    tab.list.setCurrentRow(next(i for i, t in enumerate(dialog.types) if t.key == "Contact:Meet"))
    tab.key.selectAll()
    qtbot.keyClicks(tab.key, "Contact:Meeting")
    role = tab.add_role()
    tab.roles.item(len(tab.current().roles) - 1, 0).setText("Topic")
    assert role.name == "Topic"
    press_ok(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    doc = stored(events_path)
    (event,) = doc.events
    assert event.type == "Contact:Meeting" and doc.span(event.trigger_id).label == "Contact:Meeting"
    assert doc.span(event.trigger_id).kind == SpanKind.TRIGGER
    schema = schema_in_file(events_path)
    assert schema.event_type("Contact:Meeting").role_names == ("Entity", "Time", "Place", "Topic")
    assert win.events_.schema is win.page.schema and win.events_.schema.event_type("Contact:Meeting")
    # The events tab knows the renamed type (with the old schema it would read "Contact:Meeting (unknown)").
    title = win.events_.panel.model.event_index(0).data()
    assert "Contact:Meeting 会见" in title and "unknown" not in title


def test_removing_a_role_that_arguments_fill_is_refused(ev_window, events_path):
    win = ev_window
    project = win.session.project
    text = win.page.state.text
    start = text.index("召开")
    event_id = edit(win, lambda: project.edits.add_event(1, "Contact:Meet", start, start + 2)).created[0]
    place = text.index("北京")
    edit(win, lambda: project.edits.add_argument_span(event_id, "Place", place, place + 2))
    dialog = open_dialog(win)
    tab = dialog.types_tab
    tab.list.setCurrentRow(next(i for i, t in enumerate(dialog.types) if t.key == "Contact:Meet"))
    tab.roles.selectRow([r.name for r in tab.current().roles].index("Place"))
    tab.remove_role()
    press_ok(dialog)
    assert dialog.isVisible()
    assert "1 argument fills role Place (地点) of Contact:Meet" in dialog.message.text()
    assert schema_in_file(events_path).event_type("Contact:Meet").role("Place") is not None
    dialog.reject()


def test_a_read_only_project_shows_the_schema_without_saving(qtbot, project_path):
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(project_path, readonly=True)
    dialog = open_dialog(win)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok) is None
    assert "read-only" in dialog.message.text()
    dialog.reject()
    win.close_project()


def test_a_clash_the_project_already_had_does_not_block_other_edits(window, project_path):
    project = window.session.project
    clashing = replace(project.schema, labels=tuple(replace(lab, hotkey="E") if lab.key == "MISC" else lab
                                                    for lab in project.schema.labels))
    edit(window, lambda: project.schema_edits.update(clashing))
    dialog = open_dialog(window)
    set_cell(dialog, dialog.labels_tab.row_of("PER"), NAME, "Person's name")
    press_ok(dialog)
    assert not dialog.isVisible(), dialog.message.text()
    assert schema_in_file(project_path).label("PER").name == "Person's name"


def test_a_key_given_twice_is_named_as_such_and_removing_every_label_is_refused_in_chinese(window, project_path):
    """A label renamed to another's key was refused as a hotkey clash ("PER's hotkey 1 already means Label as
    PER"); every label removed was refused in English under zh_CN."""
    from i18n_walk import english_words

    from annotator.gui import i18n
    from annotator.gui.schema_views import open_dialog as open_schema_dialog

    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        window.retranslate()
        before = schema_in_file(project_path)
        dialog = open_schema_dialog(window)  # the menu is in Chinese now
        set_cell(dialog, dialog.labels_tab.row_of("LOC"), KEY, "PER")
        assert not dialog.try_save()
        assert "有两个标签的键都是 PER" in dialog.message.text() and "快捷键" not in dialog.message.text()
        set_cell(dialog, dialog.labels_tab.row_of("PER"), KEY, "LOC")
        while dialog.labels_tab.table.rowCount():
            dialog.labels_tab.table.selectRow(0)
            dialog.labels_tab.remove()
        assert not dialog.try_save()
        assert "标注体系至少需要一个实体标签" in dialog.message.text(), dialog.message.text()
        assert not english_words(dialog.message.text(), set()), dialog.message.text()
        dialog.reject()
        assert schema_in_file(project_path) == before
    finally:
        i18n.install(i18n.ENGLISH)
