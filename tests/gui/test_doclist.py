"""The document list: a well-behaved item model over ids, filtered and sorted in the project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import AnnotatedDocument, ReviewStatus
from annotator.gui.doclist import CHUNK, DocumentListModel, DocumentListPanel
from annotator.service import Project


def make_many(path: Path, n: int) -> None:
    """A project with n tiny documents, every third reviewed, and one title that looks like markup."""
    with Project.create(path, schema="news-zh") as project:
        docs = [AnnotatedDocument(title=f"标题{i:05d}", text=f"标题{i:05d}\n第{i}篇", tokens=((0, 2), (2, 7)))
                for i in range(n)]
        docs.append(AnnotatedDocument(title="<b>粗体</b>", text="<b>粗体</b>\n正文", tokens=((0, 3), (3, 5))))
        ids, _ = project.importer.add_documents(docs, prelabel=False)
        for doc_id in ids[:-1:3]:
            project.edits.set_status(doc_id, ReviewStatus.REVIEWED)


def test_the_model_passes_qtmodeltester(qtmodeltester, project_path):
    with Project.open(project_path, readonly=True) as project:
        model = DocumentListModel(project)
        qtmodeltester.check(model, force_py=True)  # and it keeps watching the signals below
        persistent = QPersistentModelIndex(model.index(model.row_of(3), 1))
        model.sort(3, Qt.SortOrder.DescendingOrder)
        assert model.doc_id(persistent.row()) == 3  # a selection follows its document when sorting
        model.set_filter(statuses=("pre-annotated",))
        model.set_filter(text="宁夏")
        assert model.rowCount() == 1


def test_rows_are_fetched_on_demand_and_titles_stay_literal(qtmodeltester, tmp_path):
    path = tmp_path / "many.annot"
    make_many(path, 1500)
    with Project.open(path, readonly=True) as project:
        model = DocumentListModel(project)
        assert model.rowCount() == 1501 and model._rows == {}  # ids only until rows are shown
        assert model.data(model.index(1234, 1)) == "标题01234"
        assert len(model._rows) <= CHUNK
        last = model.index(model.rowCount() - 1, 1)
        assert model.data(last) == "<b>粗体</b>"  # a plain string: shown with its brackets
        assert model.data(model.index(0, 2)) == "reviewed"
        # the whole title on hover (the column shows a few characters), literal even where it looks like markup
        assert model.data(model.index(1234, 1), Qt.ItemDataRole.ToolTipRole) == "<p>标题01234</p>"
        assert model.data(last, Qt.ItemDataRole.ToolTipRole) == "<p>&lt;b&gt;粗体&lt;/b&gt;</p>"
        assert model.data(model.index(1234, 2), Qt.ItemDataRole.ToolTipRole) is None
        assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is not None
        assert model.data(QModelIndex()) is None
        qtmodeltester.check(model, force_py=True)


def test_filters_and_sorting_run_in_the_project(qtbot, tmp_path):
    path = tmp_path / "many.annot"
    make_many(path, 30)
    with Project.open(path, readonly=True) as project:
        panel = DocumentListPanel(project)
        qtbot.addWidget(panel)
        model = panel.model
        assert panel.progress.value() == 10 and panel.progress.maximum() == 31
        panel.filter_status.setCurrentIndex(panel.filter_status.findText("reviewed"))
        assert model.rowCount() == 10
        panel.filter_status.setCurrentIndex(panel.filter_status.findText("To do"))
        assert model.rowCount() == 21
        panel.filter_text.setText("粗体")
        qtbot.waitUntil(lambda: model.rowCount() == 1)
        assert model.data(model.index(0, 1)) == "<b>粗体</b>"
        panel.filter_text.clear()
        panel.filter_status.setCurrentIndex(0)
        qtbot.waitUntil(lambda: model.rowCount() == 31)
        panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        titles = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
        assert titles == sorted(titles, reverse=True)


def test_the_list_follows_edits_and_a_click_opens_a_document(qtbot, window, project_path):
    panel = window.page.doc_list
    row = panel.model.row_of(1)
    suggested = int(panel.model.data(panel.model.index(row, 3)))
    qtbot.keyClick(window.page.view, Qt.Key.Key_Return)
    assert int(panel.model.data(panel.model.index(row, 3))) == suggested - 1
    assert panel.model.data(panel.model.index(row, 2)) == "in-review"
    third = panel.model.index(panel.model.row_of(3), 1)
    panel.table.clicked.emit(third)
    assert window.page.state.doc_id == 3
    assert window.page.view.hasFocus() or window.page.view.isVisible()


def test_an_edited_row_is_shown_again_after_the_paint_and_painted_while_idle(qtbot, window, monkeypatch):
    panel = window.page.doc_list
    model, row = panel.model, panel.model.row_of(1)
    suggested = int(model.data(model.index(row, 3)))
    changed: list[tuple[int, int]] = []
    painted: list[int] = []
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    monkeypatch.setattr(panel.table, "repaint", lambda: painted.append(len(changed)))
    qtbot.keyClick(window.page.view, Qt.Key.Key_Return)  # accept the selected suggestion
    assert changed == [] and painted == []  # not on the key: the article is painted first
    QApplication.processEvents()
    assert changed == [(row, row)] and painted == [1]  # then the row, painted at once
    assert int(model.data(model.index(row, 3))) == suggested - 1


def test_the_title_column_shows_a_headline_and_the_sorted_column_says_so(qtbot, window):
    # The header's sort arrows took 26 px of room in every column: the counts crowded the title down to 58 px,
    # four characters of a headline, in the English list of a 1400 × 860 window (26 px in Chinese at 1024 × 640).
    from annotator.gui import i18n

    for language, size in ((i18n.ENGLISH, (1400, 860)), (i18n.CHINESE, (1400, 860)), (i18n.CHINESE, (1024, 640)),
                           (i18n.ENGLISH, (1024, 640))):  # here the status ("pre-annotated") gives way
        i18n.install(language)
        window.retranslate()
        window.resize(*size)
        QApplication.processEvents()
        table = window.page.doc_list.table
        header = table.horizontalHeader()
        widths = [header.sectionSize(c) for c in range(header.count())]
        assert sum(widths) <= table.viewport().width(), (language, size, widths)  # no sideways scrolling
        wanted = 7 if size[0] >= 1400 else 6
        assert widths[1] >= table.fontMetrics().horizontalAdvance("中" * wanted), (language, size, widths)
    # A list narrower still (the splitter dragged): the status ("pre-annotated") gives way, elided, not the title.
    sizes = window.page.sizes()
    window.page.setSizes([230, sizes[1] + sizes[0] - 230, sizes[2]])
    QApplication.processEvents()
    table = window.page.doc_list.table
    header = table.horizontalHeader()
    assert header.sectionSize(1) >= table.fontMetrics().horizontalAdvance("中" * 6), [header.sectionSize(c)
                                                                                       for c in range(6)]
    assert sum(header.sectionSize(c) for c in range(header.count())) <= table.viewport().width()
    i18n.install(i18n.ENGLISH)
    window.retranslate()
    model, header = window.page.doc_list.model, window.page.doc_list.table.horizontalHeader()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "# ▲"
    header.sectionClicked.emit(3)  # as a click on "Sugg." does
    header.setSortIndicator(3, Qt.SortOrder.DescendingOrder)
    QApplication.processEvents()
    assert model.order_by == "n_suggested" and model.descending
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, 3)] == ["#", "Sugg. ▼"]
