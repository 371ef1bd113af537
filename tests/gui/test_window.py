"""The window around the article: projects, the reviewer's name, errors as dialogs, drops, find, zoom."""

from __future__ import annotations

import shutil

from gui_helpers import FIXTURES
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from test_review_keys import stored

from annotator.core.annotations import AnnotatedDocument, SpanState
from annotator.gui import dialogs, settings
from annotator.gui.dialogs import ShortcutSheet
from annotator.gui.keys import Binding
from annotator.gui.window import MainWindow
from annotator.service import Project

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_reviewer_is_asked_once_and_named_in_the_project(qtbot, project_path, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs.ReviewerDialog, "ask",
                        classmethod(lambda cls, parent, default="": asked.append(1) or "李审"))
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(project_path)
    win.close_project()
    assert win.open_project(project_path)
    assert asked == [1] and settings.reviewer() == "李审"
    qtbot.keyClick(win.page.view, Qt.Key.Key_Return, CTRL)
    win.close_project()
    with Project.open(project_path, readonly=True) as project:
        row = project.store.db.execute("SELECT reviewer FROM documents WHERE status = 'reviewed'").fetchone()
    assert row == ("李审",)
    assert settings.recent_projects() == [str(project_path.resolve())]


def test_a_project_held_by_another_window_opens_read_only_on_request(qtbot, window, project_path, monkeypatch,
                                                                    errors):
    second = MainWindow()
    qtbot.addWidget(second)
    assert not second.open_project(project_path)  # the fixture answers "no" to "open read-only?"
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: "held" in message or "open" in message)
    assert second.open_project(project_path, doc_id=1)
    assert second.session.readonly and "read-only" in second.windowTitle()
    assert second.page.banner.text().startswith("Read-only")
    before = stored(project_path).spans
    qtbot.keyClick(second.page.view, Qt.Key.Key_Return)
    assert stored(project_path).spans == before
    assert "read-only" in second.statusBar().currentMessage()
    assert errors == []
    second.close_project()


def test_opening_the_project_already_open_goes_to_it_instead_of_calling_it_locked(qtbot, window, project_path,
                                                                                  monkeypatch, errors):
    # File → Recent projects (or Open, or a drop) naming the open project said "the project is open for writing by
    # you (process …): close it there first", and asked whether to open it read-only: it was this very window.
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: asked.append(message) or False)
    session = window.session
    window.run(Binding("accept", ""))
    recent = next(a.menu() for a in window.menuBar().actions()[0].menu().actions()
                  if a.menu() is not None and a.menu().actions())
    recent.actions()[0].trigger()
    assert window.session is session and session.undo_stack.canUndo() and not session.readonly
    spelled = project_path.parent / "." / project_path.name
    assert window.open_project(spelled, doc_id=2)
    assert window.session is session and window.page.state.doc_id == 2
    assert asked == [] and errors == []


def test_a_damaged_project_is_a_plain_dialog(qtbot, tmp_path, errors):
    bad = tmp_path / "bad.annot"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    win = MainWindow()
    qtbot.addWidget(win)
    assert not win.open_project(bad)
    assert len(errors) == 1 and "bad.annot" in errors[0] and "Traceback" not in errors[0]
    assert win.session is None and win.stack.currentWidget() is win.start


def test_dropped_files_are_imported_and_listed(qtbot, window, tmp_path, monkeypatch):
    # Pre-highlighting is another part's business; here it suggests nothing, whatever engines are installed.
    monkeypatch.setattr(window.session.project.prelabel, "suggest_many", lambda docs, **kw: [() for _ in docs],
                        raising=False)
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(FIXTURES / "encodings" / "宁夏两客车相撞11人死.gbk.txt", folder)  # same text as a listed one
    (folder / "新闻.txt").write_text("新华社北京电\n国务院总理今天会见了来访的外宾。\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    model = window.page.doc_list.model
    assert model.rowCount() == 4
    assert "imported 1 document from 2 files, 1 already in the project" in window.statusBar().currentMessage()
    assert window.page.doc_list.progress.format().endswith("/ 4")


def test_titles_from_files_display_literally(qtbot, tmp_path):
    path = tmp_path / "markup.annot"
    with Project.create(path, schema="news-zh") as project:
        project.importer.add_documents([AnnotatedDocument(title="<b>粗体</b>", text="<b>粗体</b>\n&amp;正文",
                                                 tokens=((0, 3), (3, 5), (5, 9), (10, 15), (15, 17)))],
                              prelabel=False)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path)
    page = win.page
    assert page.view.toPlainText() == "<b>粗体</b>\n&amp;正文"
    assert page.title.text() == "<b>粗体</b>" and page.title.textFormat() == Qt.TextFormat.PlainText
    assert page.doc_list.model.data(page.doc_list.model.index(0, 1)) == "<b>粗体</b>"
    assert win.windowTitle().startswith("<b>粗体</b>")
    win.close_project()


def test_find_selects_the_match_so_a_digit_labels_it(qtbot, window, project_path):
    qtbot.keyClick(window.page.view, Qt.Key.Key_F, CTRL)
    bar = window.page.find_bar
    assert bar.isVisible()
    bar.edit.setText("反腐败日")  # QTest cannot type non-ASCII keys
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    view = window.page.view
    assert view.selected_text() == "反腐败日" and view.char_mode
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_5)
    start = window.page.state.text.index("反腐败日")
    span = next(s for s in stored(project_path).spans if s.start == start)
    assert (span.end - span.start, span.label, span.state) == (4, "MISC", SpanState.ACCEPTED)


def test_find_across_the_project_filters_the_list(qtbot, window):
    window.do_find_project()
    box = window.page.doc_list.filter_text
    box.setText("宁夏")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.page.doc_list.model.rowCount() == 1


def test_zoom_and_token_marks_are_remembered(qtbot, window):
    view = window.page.view
    size = view.point_size()
    window.do_zoom_in()
    window.do_zoom_in()
    assert view.point_size() == size + 2 and settings.get("zoom", kind=int) == size + 2
    window.do_zoom_reset()
    assert view.point_size() == size
    window.do_toggle_boundaries()
    assert not view.show_boundaries and settings.get("boundaries", kind=bool) is False
    assert not window.toggle_boundaries_action.isChecked()


def test_the_start_page_shows_without_a_project_and_lists_recent_ones(qtbot, project_path):
    settings.add_recent(project_path)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.stack.currentWidget() is win.start
    assert win.start.recent.item(0).text() == str(project_path.resolve())
    win.start.recent.itemActivated.emit(win.start.recent.item(0))
    assert win.session is not None and win.page.state is not None
    win.close_project()


def test_the_shortcut_sheet_lists_every_key(qtbot, window):
    sheet = ShortcutSheet(window.bindings, window)
    qtbot.addWidget(sheet)
    keys = {sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())}
    assert "Ctrl+Return / Ctrl+Enter" in keys and "Tab" in keys and "1" in keys


def test_export_writes_the_reviewed_documents(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "train.jsonl"
    monkeypatch.setattr(dialogs.FileDialogs, "export_target", classmethod(lambda cls, parent, fmts: (target, "native")))
    qtbot.keyClick(window.page.view, Qt.Key.Key_Return)  # accept the first suggestion
    qtbot.keyClick(window.page.view, Qt.Key.Key_Return, CTRL)  # reviewed
    window.do_export()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and '"status": "reviewed"' in lines[0]
    said = window.statusBar().currentMessage()
    assert said.startswith("exported 1 document (61 entities, 0 events) to ") and said.count(str(target)) == 1, said


def test_the_side_panel_lists_entities_by_label_and_jumps_to_them(qtbot, window):
    panel = window.page.side.entities
    model = panel.entities
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels[:2] == ["ORG 机构", "LOC 地点"]
    org = model.index(0, 0)
    texts = [model.index(r, 0, org).data() for r in range(model.rowCount(org))]
    row = texts.index("公安部")
    item = model.index(row, 0, org)
    panel.clicked.emit(item)
    first = window.page.view.current_span
    panel.clicked.emit(item)
    second = window.page.view.current_span
    state = window.page.state
    assert first != second and {state.text[state.spans[i].start:state.spans[i].end] for i in (first, second)} == {
        "公安部"}
    qtbot.keyClick(window.page.view, Qt.Key.Key_X)  # reject one: the count follows

    def count() -> str:
        group = model.index(0, 0)
        texts = [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
        return model.index(texts.index("公安部"), 1, group).data()
    qtbot.waitUntil(lambda: count() == "5")


def test_next_and_previous_unreviewed_documents(qtbot, window):
    window.run(next(b for b in window.bindings if b.action == "next_unreviewed"))
    assert window.page.state.doc_id == 2
    window.run(next(b for b in window.bindings if b.action == "prev_unreviewed"))
    assert window.page.state.doc_id == 1
    window.run(next(b for b in window.bindings if b.action == "prev_unreviewed"))
    assert window.page.state.doc_id == 3  # wraps around


def test_the_undo_menu_names_the_edit(qtbot, window):
    undo = next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.data() == "undo")
    assert not undo.isEnabled()
    qtbot.keyClick(window.page.view, Qt.Key.Key_Return)
    assert undo.isEnabled() and undo.text().startswith("Undo Accept TIME")


def test_a_cancelled_import_imports_nothing(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(window.session.project.prelabel, "suggest_many", lambda docs, **kw: [() for _ in docs],
                        raising=False)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    files = []
    for i in range(2):
        files.append(tmp_path / f"新闻{i}.txt")
        files[-1].write_text(f"第{i}条新闻\n国务院今天开会。\n", encoding="utf-8")
    window.import_paths(files)
    assert window.page.doc_list.model.rowCount() == 3
    assert window.statusBar().currentMessage() == "import cancelled: nothing was imported"


def test_an_empty_project_opens_and_keys_do_nothing(qtbot, tmp_path, errors):
    path = tmp_path / "empty.annot"
    Project.create(path, schema="news-zh").close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path)
    assert win.page.state is None and win.page.position_field.text() == "no document open"
    # the article's place says how to bring articles in (Qt draws it while the view holds no text)
    assert win.page.view.document().isEmpty() and "Ctrl+I" in win.page.view.placeholderText()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_1, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_S, Qt.Key.Key_M):
        qtbot.keyClick(win.page.view, key)
    qtbot.keyClick(win.page.view, Qt.Key.Key_Return, CTRL)
    assert errors == [] and win.session.undo_stack.count() == 0
    win.close_project()


def test_importing_a_brat_folder_says_what_the_project_does_not_carry(qtbot, window, errors):
    brat = FIXTURES / "formats" / "brat_tutorial"
    window.import_paths([brat])
    assert window.statusBar().currentMessage().startswith("imported")
    assert len(errors) == 1 and errors[0].startswith("Notes on the imported files:")
    assert "not carried by the project (brat)" in errors[0] and "relations (R lines)" in errors[0]


def test_an_empty_project_opens_the_first_document_it_imports(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "empty.annot"
    Project.create(path, schema="news-zh").close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path)
    article = tmp_path / "新闻.txt"
    article.write_text("新华社北京电\n国务院总理今天会见了来访的外宾。\n", encoding="utf-8")
    monkeypatch.setattr(win.session.project.prelabel, "suggest_many", lambda docs, **kw: [() for _ in docs],
                        raising=False)
    win.import_paths([article])
    assert win.page.doc_list.model.rowCount() == 1
    assert win.page.state is not None and "国务院" in win.page.view.toPlainText()
    win.close_project()


def test_the_entities_tab_says_how_to_label_while_the_document_has_none(qtbot, window):
    panel = window.page.side.entities
    window.page.side.setCurrentWidget(panel)

    def inked() -> int:
        """Pixels of the list's empty area that are not its background (text drawn there)."""
        image = panel.viewport().grab().toImage()
        background = panel.viewport().palette().base().color().rgb()
        return sum(1 for y in range(0, min(image.height(), 60)) for x in range(image.width())
                   if image.pixel(x, y) != background)

    assert panel.entities.rowCount() > 0
    qtbot.keyClick(window.page.view, Qt.Key.Key_X, CTRL | Qt.KeyboardModifier.ShiftModifier)  # reject them all
    window.session.flush()
    qtbot.waitUntil(lambda: panel.entities.rowCount() == 0)
    assert inked() > 50 and panel.empty_text().startswith("No entities yet")
    panel.show_state(None)  # no document: nothing to say there (the article says it)
    assert inked() == 0


def test_the_import_dialog_offers_every_kind_of_file_an_import_reads(qtbot, window, monkeypatch):
    # It offered "Articles and JSONL (*.txt *.jsonl *.json)": a CoNLL file or a brat .zip seemed not importable.
    import fnmatch

    offered = []
    monkeypatch.setattr(dialogs.QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, caption, folder, filters: offered.append(filters) or ([], "")))
    window.run(Binding("import_files", ""))
    first = offered[0].split(";;")[0]
    patterns = first[first.index("(") + 1:first.index(")")].split()
    for name in ("新闻.txt", "train.jsonl", "dev.json", "weibo.bio", "msra.bmes", "train_zh.tsv", "ner.conll",
                 "brat.zip"):
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name


def test_export_offers_every_format_and_names_the_file_after_it(qtbot, window, tmp_path, monkeypatch):
    # The window offered no brat (a folder format) and named every export export.jsonl, a CoNLL one too.
    import zipfile

    answers = iter([(str(tmp_path / "train"), "conll (*.conll)"), (str(tmp_path / "standoff"), "brat (*.zip)")])
    offered = []

    def save(parent, caption, name, filters):
        offered.append(filters)
        return next(answers)

    monkeypatch.setattr(dialogs.QFileDialog, "getSaveFileName", staticmethod(save))
    qtbot.keyClick(window.page.view, Qt.Key.Key_Return)  # accept the first suggestion
    qtbot.keyClick(window.page.view, Qt.Key.Key_Return, CTRL)  # reviewed
    window.do_export()
    window.do_export()
    assert "conll (*.conll)" in offered[0] and "brat (*.zip)" in offered[0] and "native (*.jsonl)" in offered[0]
    assert (tmp_path / "train.conll").read_text(encoding="utf-8").count("\tB-") >= 1
    with zipfile.ZipFile(tmp_path / "standoff.zip") as archive:
        assert "annotation.conf" in archive.namelist() and any(n.endswith(".ann") for n in archive.namelist())
    assert dialogs.export_path(tmp_path / "gold.jsonl", ".conll") == tmp_path / "gold.jsonl"  # a suffix typed stays
    assert dialogs.export_path(tmp_path / "gold.txt", ".zip") == tmp_path / "gold.txt.zip"  # brat: a zip, always


def test_quit_is_the_last_entry_of_the_file_menu(qtbot, window):
    # File → Merge annotators' project files… (added by the team part) came after Quit.
    entries = [a for a in window.menuBar().actions()[0].menu().actions() if not a.isSeparator()]
    assert entries[-1].data() == "quit"
    assert any(a.data() == "merge_annotators" for a in entries[:-1]), [a.data() for a in entries]
