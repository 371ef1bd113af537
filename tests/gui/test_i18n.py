"""The Chinese interface: under zh_CN every menu, action, panel, dialog, tooltip and status message the window
shows is Chinese (only data stays as it is: schema keys, key names, the article); View → Language switches
live and is remembered; the system's language is followed. After `make i18n`, this test names what is left."""

from __future__ import annotations

import shutil
from pathlib import Path

import events_helpers
import pytest
from events_helpers import press
from gui_helpers import SEED
from i18n_walk import menu_strings, model_strings, schema_words, untranslated, widget_strings
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from annotator.gui import dialogs, i18n, projectio, settings
from annotator.gui.doclist import COLUMNS
from annotator.gui.keys import Binding

built_events_project, events_path = events_helpers.built_events_project, events_helpers.events_path
ASK_REVIEWER = dialogs.ReviewerDialog.ask  # the real one (the window tests' fixture answers "tester")


@pytest.fixture
def chinese():
    """The interface in Chinese for one test (English again afterwards)."""
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    yield
    i18n.install(i18n.ENGLISH)


@pytest.fixture
def zh_window(qtbot, chinese, events_path: Path):
    """The window in Chinese on the ace2005-zh seed project (events, roles, triggers)."""
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(events_path, doc_id=1)
    events_helpers.show(qtbot, win)
    yield win
    win.close_project()


class Recorder:
    """Every string shown, with where it was shown."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def add(self, where: str, texts) -> None:
        for item in texts:
            self.found.append(item if isinstance(item, tuple) else (where, item))


def _messages(win, recorder: Recorder) -> None:
    win.statusBar().messageChanged.connect(lambda text: text and recorder.add("status bar", [text]))


def _select(win, word: str) -> None:
    """The next occurrence of `word` selected, the article focused."""
    assert win.page.find_next(word)
    win.page.view.setFocus()


def _run(win, action: str, arg: str | None = None) -> None:
    win.run(Binding(action, "", arg=arg))
    QApplication.processEvents()


def _file_dialogs(monkeypatch: pytest.MonkeyPatch, recorder: Recorder) -> None:
    """The standard dialogs' captions and filters, as the window hands them to Qt (no dialog opens)."""
    def fake(empty):
        def dialog(parent, caption="", folder="", filters="", *rest, **kw):
            recorder.add("file dialog", [caption, filters])
            return empty
        return staticmethod(dialog)

    monkeypatch.setattr(dialogs.QFileDialog, "getOpenFileName", fake(("", "")))
    monkeypatch.setattr(dialogs.QFileDialog, "getOpenFileNames", fake(([], "")))
    monkeypatch.setattr(dialogs.QFileDialog, "getSaveFileName", fake(("", "")))
    monkeypatch.setattr(dialogs.QFileDialog, "getExistingDirectory", fake(""))
    monkeypatch.setattr(dialogs.QInputDialog, "getText", fake(("", False)))


def test_every_string_of_the_window_is_chinese_under_zh_cn(qtbot, zh_window, monkeypatch, tmp_path, events_path):
    win, recorder = zh_window, Recorder()
    keep = schema_words(win.session.project.schema) | {w for f in projectio.export_formats() for w in f.split("-")}
    _messages(win, recorder)
    _file_dialogs(monkeypatch, recorder)
    page = win.page
    article_views = [page.view, page.title]  # the article itself is data

    # Menus, context menu, panels, status fields.
    for action in win.menuBar().actions():
        recorder.add("", menu_strings(action.menu()))
    win._context_menu(QPoint(10, 10))
    recorder.add("", menu_strings(win.context_menu))
    win.context_menu.close()
    recorder.add("", widget_strings(win, skip=article_views))
    recorder.add("", model_strings(page.side.entities.model(), "entities", cells=False))
    status_col = [key for key, _ in COLUMNS].index("status")
    model = page.doc_list.model
    recorder.add("document status", [model.index(r, status_col).data() for r in range(model.rowCount())])
    entities = page.side.entities.entities
    for row in range(entities.rowCount()):
        parent = entities.index(row, 0)
        recorder.add("entities tooltip", [t for r in range(entities.rowCount(parent))
                                          if (t := entities.index(r, 0, parent).data(Qt.ItemDataRole.ToolTipRole))])

    # Keys that answer in the status bar, and the undo entry they leave in Edit.
    _run(win, "accept")
    _run(win, "split_token")  # on the token cursor: says how to split
    _run(win, "add_role")  # no event yet
    _run(win, "next_event")
    _run(win, "remove_role")
    page.find_next("不存在的词")
    _run(win, "last_token")
    _run(win, "merge_tokens")
    _run(win, "retrain_now")
    _run(win, "accept_label")
    _run(win, "accept_all_label", "PER")
    _run(win, "clear_selection")
    recorder.add("", widget_strings(win, skip=article_views))
    for action in win.menuBar().actions():
        recorder.add("", menu_strings(action.menu()))

    # E on a word: the event type chooser; R on an entity: the role chooser; the events panel with an event.
    _select(win, "召开")
    press(qtbot, win, Qt.Key.Key_E)
    chooser = win.events_.chooser
    recorder.add("", widget_strings(chooser))
    qtbot.keyClicks(chooser.edit, "meet")
    qtbot.keyClick(chooser.edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    press(qtbot, win, Qt.Key.Key_Tab, events_helpers.SHIFT)
    press(qtbot, win, Qt.Key.Key_R)
    if win.events_.chooser is not None:
        recorder.add("", widget_strings(win.events_.chooser))
        qtbot.keyClick(win.events_.chooser.edit, Qt.Key.Key_Return)
    _select(win, "12月3日至5日")
    press(qtbot, win, Qt.Key.Key_R)
    if win.events_.chooser is not None:
        recorder.add("", widget_strings(win.events_.chooser))
        qtbot.keyClick(win.events_.chooser.edit, Qt.Key.Key_Escape)
    page.side.setCurrentWidget(win.events_.panel)
    recorder.add("", widget_strings(page.side))
    model = win.events_.panel.model
    for i in range(len(win.events_.panel.rows)):
        children = [index.data() for index in model.child_indexes(i)]
        recorder.add("events panel", [model.event_index(i).data()])
        recorder.add("events panel", [c for c in children if not c.startswith(("·", "⚠"))])  # validation: core's
    _run(win, "mark_reviewed")
    recorder.add("", widget_strings(win, skip=article_views))
    for action in win.menuBar().actions():
        recorder.add("", menu_strings(action.menu()))

    # Dialogs: the shortcut sheet, the schema editor (both tabs), the standard file dialogs, import progress.
    sheet = dialogs.ShortcutSheet(win.bindings, win)
    recorder.add("", widget_strings(sheet))
    recorder.add("", (("shortcut sheet", sheet.table.item(r, c).text()) for r in range(sheet.table.rowCount())
                      for c in (0, 2)))
    sheet.close()
    from annotator.gui.schema_views import open_dialog

    schema_dialog = open_dialog(win)
    schema_dialog.tabs.setCurrentIndex(1)
    schema_dialog.types_tab.list.setCurrentRow(0)
    schema_dialog.labels_tab.add()
    schema_dialog.labels_tab.remove()
    schema_dialog.try_save()
    QApplication.processEvents()
    recorder.add("", widget_strings(schema_dialog))
    for box in schema_dialog.findChildren(QDialogButtonBox):
        recorder.add("schema dialog buttons", [b.text() for b in box.buttons()])
    schema_dialog.reject()
    for action in ("new_project", "open_project", "import_files", "import_folder", "export"):
        _run(win, action)
    ASK_REVIEWER(win, "tester")
    shown = []
    real = projectio.ProgressDialog  # the window's progress dialog (a QProgressDialog)

    class Progress(real):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            shown.append(self)

        def setLabelText(self, text: str) -> None:
            recorder.add("import progress", [text.split("\n")[0]])  # then the file's name: data
            super().setLabelText(text)

    monkeypatch.setattr(projectio, "ProgressDialog", Progress)
    article = tmp_path / "新闻.txt"
    shutil.copyfile(SEED, article)
    win.import_paths([article])
    recorder.add("import progress", [shown[0].windowTitle(), shown[0].labelText().split("\n")[0]])
    recorder.add("import progress", [b.text() for b in shown[0].findChildren(QPushButton)])

    # Qt's own buttons come from qtbase_zh_CN.qm.
    box = QMessageBox(QMessageBox.Icon.Question, "annotator", "",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Ok)
    recorder.add("Qt's standard buttons", [b.text() for b in box.buttons()])

    # A read-only project: its banner and flags; then the start page.
    win.close_project()
    recorder.add("", widget_strings(win))
    for action in win.menuBar().actions():
        recorder.add("", menu_strings(action.menu()))
    assert win.open_project(events_path, readonly=True)
    recorder.add("", widget_strings(win, skip=[win.page.view, win.page.title]))
    _run(win, "new_event")
    recorder.add("title", [win.windowTitle()])

    texts = [t for _, t in recorder.found]
    for shown_somewhere in ("撤销 接受", "论元角色", "是(&Y)", "已导入 0 篇文档", "最后一个词没有可合并的词", "键盘快捷键"):
        assert any(shown_somewhere in t for t in texts), shown_somewhere
    left = untranslated(recorder.found, keep)
    assert not left, "shown in English under zh_CN:\n" + "\n".join(left)


def test_view_language_switches_live_and_is_remembered(qtbot, window):
    """View → Language → 中文 turns the open window Chinese at once (same document, undo kept), and back."""
    from annotator.gui.window import MainWindow

    i18n.install(i18n.ENGLISH)
    window.run(Binding("accept", ""))
    doc = window.page.state.doc_id

    def language_action(name: str):
        view = next(a.menu() for a in window.menuBar().actions() if a.menu().title() in ("&View", "视图(&V)"))
        menu = next(a.menu() for a in view.actions() if a.menu() is not None)
        return next(a for a in menu.actions() if a.text() == name)

    try:
        language_action("中文").trigger()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "文件(&F)", timeout=3000)
        assert i18n.current_language() == i18n.CHINESE and settings.get("language") == i18n.CHINESE
        assert window.page.state.doc_id == doc and window.session.undo_stack.canUndo()
        assert window.page.side.tabText(0) == "实体" and window.page.saved_field.text().startswith("已保存")
        assert language_action("中文").isChecked()
        # undo keeps the name the edit got when it was made
        assert any(a.text().startswith("撤销 Accept") for m in window.menuBar().actions() for a in m.menu().actions())
        window.run(Binding("next_suggestion", ""))
        window.run(Binding("accept", ""))  # the rebuilt page edits; the old one follows nothing any more
        assert any(a.text().startswith("撤销 接受") for m in window.menuBar().actions() for a in m.menu().actions())
        assert window.page.side.tabText(1).startswith("事件")
        # the next start follows the choice, whatever the system says
        assert i18n.chosen_language() == i18n.CHINESE
        other = MainWindow(ask_reviewer=False)
        qtbot.addWidget(other)
        assert other.start.new_button.text() == "新建项目…"
        language_action("English").trigger()
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File", timeout=3000)
        assert window.page.side.tabText(0) == "Entities" and settings.get("language") == i18n.ENGLISH
    finally:
        i18n.install(i18n.ENGLISH)


@pytest.mark.parametrize(("system", "expected"), [("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("en_US", "en"),
                                                   ("de_DE", "en")])
def test_the_system_language_is_followed_until_one_is_chosen(qapp, monkeypatch, system, expected):
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: i18n.QLocale(system)))
    assert i18n.chosen_language() == expected
    i18n.switch(i18n.ENGLISH)
    try:
        assert i18n.chosen_language() == i18n.ENGLISH
    finally:
        i18n.install(i18n.ENGLISH)


def test_qt_and_annotator_catalogues_ship_in_resources(qapp):
    folder = i18n.i18n_dir()
    assert (folder / "annotator_zh_CN.qm").stat().st_size > 1000
    assert (folder / "qtbase_zh_CN.qm").stat().st_size > 1000
    try:
        i18n.install(i18n.CHINESE)
        assert i18n.translate("Keys", "Undo") == "撤销"
        assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"  # from Qt's own catalogue
    finally:
        i18n.install(i18n.ENGLISH)
    assert i18n.translate("Keys", "Undo") == "Undo"


def test_the_walk_names_english_and_lets_data_through():
    assert untranslated([("menu", "Next token"), ("status bar", "已接受 · 3 suggestions")], {"PER"}) == [
        "menu: 'Next token' (Next, token)", "status bar: '已接受 · 3 suggestions' (suggestions)"]
    data = [("menu", "下一个词\tCtrl+Right"), ("palette", "标为 PER 人名"), ("status bar", "「JLG」无标签"),
            ("recent", "/tmp/x/a.annot"), ("colour", "#9ec9f5"), ("language", "English")]
    assert untranslated(data, {"PER"}) == []


def test_event_warnings_are_said_in_the_interface_language(qapp):
    """The Events panel and the finish dialog show schema warnings through i18n.warning_text: under zh_CN in
    Chinese (schema keys and names stay as data), in English as core/events.py words them; every template core
    uses is marked for translation, and each translation keeps the template's fields."""
    import string

    from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, SpanKind
    from annotator.core.events import TEMPLATES, validate_events
    from annotator.core.schema import load_schema

    assert set(i18n.WARNING_TEMPLATES) == set(TEMPLATES.values())
    text = "联络小组会议在北京召开。"
    spans = (EntitySpan(1, 4, 6, "Contact:Meet", kind=SpanKind.TRIGGER), EntitySpan(2, 7, 9, "LOC"))
    doc = AnnotatedDocument(title="", text=text, tokens=(), spans=spans,
                            events=(Event(1, "Contact:Meet", 1, (Argument("Place", 2), Argument("Nope", 9))),))
    warnings = validate_events(doc, load_schema("ace2005-zh"))
    assert {str(w.kind) for w in warnings} >= {"missing-role", "missing-span"}
    assert [i18n.warning_text(w) for w in warnings] == [w.message for w in warnings]

    def fields(s: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(s) if name}

    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        for template in TEMPLATES.values():
            said = i18n.translate("EventWarning", template)
            assert said != template and fields(said) == fields(template), template
        shown = [i18n.warning_text(w) for w in warnings]
        missing = next(s for s, w in zip(shown, warnings, strict=True) if w.kind == "missing-role")
        assert missing == "Contact:Meet (会见)：缺少 Entity (参与方)"
        assert not any("missing" in s or "document" in s for s in shown)
    finally:
        i18n.install(i18n.ENGLISH)


def test_a_labels_tooltip_names_it_in_the_windows_language(qtbot, zh_window):
    # The Chinese window's label buttons said "Person — 快捷键 1": the English name in a Chinese sentence.
    buttons = zh_window.page.palette_bar.buttons
    assert buttons["PER"].toolTip() == "人名 — 快捷键 1"
    assert buttons["VEH"].toolTip() == "交通工具 — 快捷键 V"
