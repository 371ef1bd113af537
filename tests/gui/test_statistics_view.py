"""Tools → Statistics: the charts show the service's numbers, follow the edits, and export PNG; the status
bar's live line counts the session's decisions from each edit's Changes."""

from __future__ import annotations

import events_helpers
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import SpanState
from annotator.core.statistics import Tally
from annotator.gui.i18n import status_title
from annotator.gui.statistics_view import BINDING, StatisticsView

built_events_project, events_path = events_helpers.built_events_project, events_helpers.events_path


def suggestions(win, doc_id: int = 1):
    return [s for s in win.session.project.document(doc_id).spans if s.state == SpanState.SUGGESTED]


def decide_first_document(win) -> None:
    project, session = win.session.project, win.session
    first, second, third, *_ = suggestions(win)
    session.edit("accept", lambda: project.edits.accept([first.id]))
    other = next(lab for lab in ("LOC", "ORG", "PER") if lab != second.label)
    session.edit("relabel", lambda: project.edits.relabel(second.id, other))
    session.edit("reject", lambda: project.edits.reject([third.id]))
    session.edit("reviewed", lambda: project.edits.set_status(1, "reviewed"))


def opened(qtbot, window) -> StatisticsView:
    """Tools → Statistics…, once its first count (in a worker thread) is shown."""
    window.run(BINDING)
    view = window.statistics_view
    qtbot.waitUntil(lambda: view.stats is not None, timeout=10000)
    return view


def test_live_line_counts_the_sessions_decisions_and_undo_takes_them_back(window):
    line = window.live_line
    assert "0 reviewed" in line.text()
    decide_first_document(window)
    assert line.reviewed == {1} and (line.decisions.accepted, line.decisions.changed) == (1, 2)
    assert "1 reviewed" in line.text() and "1 accepted, 2 changed" in line.text()
    window.session.undo_stack.undo()   # the review status
    window.session.undo_stack.undo()   # the rejection
    assert line.reviewed == set() and (line.decisions.accepted, line.decisions.changed) == (1, 1)
    window.close_project()
    assert line.text() == ""


def test_statistics_view_shows_the_numbers_follows_edits_and_exports_png(qtbot, window, tmp_path):
    decide_first_document(window)
    window.run(BINDING)
    view = window.statistics_view
    assert isinstance(view, StatisticsView) and view.isVisible()
    assert view.stats is None and view.summary.text() == "Counting…"  # shown at once, counted in the worker
    qtbot.waitUntil(lambda: view.stats is not None, timeout=10000)
    stats = window.session.project.statistics.compute()

    status = view.charts["status"].data
    assert dict(zip(status.categories, next(iter(status.series.values())), strict=True)) == \
        {status_title(s): n for s, n in stats.documents.items() if n}
    per_label = stats.suggestions.per_label
    outcomes = view.charts["outcomes"].data
    assert outcomes.categories == tuple(per_label)
    assert list(outcomes.series.values())[0] == tuple(t.accepted for t in per_label.values())
    assert sum(sum(v) for v in outcomes.series.values()) == 3  # one accepted, one relabelled, one rejected
    quality = view.charts["label_quality"].data
    assert list(quality.series.values()) == [tuple(t.precision for t in per_label.values()),
                                             tuple(t.recall for t in per_label.values())]
    engines = view.charts["engine_quality"].data
    rules = stats.suggestions.per_engine["rules"]
    assert (rules.accepted, rules.relabelled, rules.rejected, rules.final) == (1, 1, 1, 2)
    assert rules.undecided == rules.suggested - 3 > 0  # marked reviewed with suggestions left open
    assert engines.categories == ("rules",) and list(engines.series.values()) == [(1 / rules.suggested,), (0.5,)]
    assert view.charts["labels"].data.series and view.label_table.rowCount() == len(per_label)
    assert view.charts["burn_up"].data.series[view.tr("everyone")] == (1.0,)
    assert view.charts["annotators"].data.categories == (window.session.project.user,)
    assert view.charts["model_quality"].isHidden()  # never retrained: no before and after to show

    # the view recounts once after a burst of edits
    project = window.session.project
    window.session.edit("reviewed", lambda: project.edits.set_status(2, "reviewed"))
    qtbot.waitUntil(lambda: view.stats.documents.get("reviewed") == 2, timeout=20_000)
    assert view.charts["burn_up"].data.series[view.tr("everyone")] == (2.0,)

    png = view.charts["outcomes"].export_png(tmp_path / "outcomes.png", width=900)
    image = QImage(str(png))
    assert not image.isNull() and image.width() == 900



def test_rates_without_anything_counted_read_as_a_dash(qtbot, window):
    view = opened(qtbot, window)
    view._fill(view.label_table, {"PER": Tally(final=3), "LOC": Tally(accepted=1, suggested=2, exact=1, final=1)}, str)
    cells = [[view.label_table.item(row, col).text() for col in (5, 6)] for row in range(2)]
    assert cells == [["–", "0.000"], ["0.500", "1.000"]]  # PER: nothing suggested, all 3 from a file


def test_the_statistics_view_speaks_chinese(qtbot, window):
    from i18n_walk import schema_words, untranslated, widget_strings

    from annotator.gui import i18n

    decide_first_document(window)
    opened(qtbot, window)  # opened in English, then the language switches under it
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        QApplication.processEvents()  # Qt delivers the LanguageChange events
        view = window.statistics_view
        found = list(widget_strings(view))
        found += [(f"legend of {name}", series) for name, chart in view.charts.items() for series in chart.data.series]
        found += [("live line", window.live_line.text())]
        keep = schema_words(window.session.project.schema) | {"PNG", window.session.project.user}
        assert untranslated(found, keep) == []
        assert view.windowTitle() == "统计" and "本次" in window.live_line.text()
    finally:
        i18n.install(i18n.ENGLISH)


def test_counts_tick_at_whole_numbers_and_rates_as_pyqtgraph_likes(qtbot):
    """One pre-annotated document: the axis said 0.1, 0.2 … 0.9 documents."""
    from annotator.gui.charts import STACKED, Chart, ChartData

    chart = Chart("status", "documents")
    qtbot.addWidget(chart)
    left = chart.plot.getAxis("left")

    def ticks(top: float) -> list[float]:
        return [v for _, values in left.tickValues(0, top, 250) for v in values]

    chart.show_data(ChartData(("pre-annotated",), {"documents": (1,)}))
    assert set(ticks(1.0)) == {0.0, 1.0}
    chart.show_data(ChartData(("a", "b"), {"accepted": (3, 2), "rejected": (4, 1)}, STACKED))
    assert all(float(v).is_integer() for v in ticks(7.0)) and len(set(ticks(7.0))) == 8
    chart.show_data(ChartData(("rules",), {"precision": (0.5,), "recall": (0.75,)}))
    assert any(not float(v).is_integer() for v in ticks(1.0))  # a rate keeps its fractions


def test_event_warning_kinds_are_named_in_chinese(qtbot, events_path):
    """The counts line named warnings by their stored kind ("missing-role 2") under zh_CN."""
    from i18n_walk import english_words, schema_words

    from annotator.core.events import WarningKind
    from annotator.gui import i18n
    from annotator.gui.window import MainWindow

    assert set(i18n.WARNING_KIND_TITLES) == {str(kind) for kind in WarningKind}
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(events_path, doc_id=1)
    events_helpers.show(qtbot, win)
    assert win.page.find_next("召开")
    win.page.view.setFocus()
    events_helpers.press(qtbot, win, Qt.Key.Key_E)  # a Contact:Meet event, its roles still to give
    qtbot.keyClicks(win.events_.chooser.edit, "meet")
    qtbot.keyClick(win.events_.chooser.edit, Qt.Key.Key_Return)
    win.session.flush()
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        win.run(BINDING)
        view = win.statistics_view
        qtbot.waitUntil(lambda: view.stats is not None and bool(view.stats.event_warnings), timeout=10000)
        text = view.counts.text()
        warnings = text.split("\n")[1]
        assert "缺论元角色" in warnings and "missing" not in warnings, text
        assert not english_words(warnings, schema_words(win.session.project.schema)), text
    finally:
        i18n.install(i18n.ENGLISH)
        win.close_project()


def test_an_empty_burn_up_ticks_at_whole_numbers(qtbot, window):
    """Nothing reviewed yet: the burn-up's empty axis said 0.2, 0.4 … 1.0 documents."""
    chart = opened(qtbot, window).charts["burn_up"]
    assert chart.data.series == {}
    left = chart.plot.getAxis("left")
    low, high = left.range
    ticks = [v for _, values in left.tickValues(low, high, 250) for v in values]
    assert ticks and all(float(v).is_integer() for v in ticks)


def test_a_legend_is_one_row_over_headroom_above_the_bars(qtbot):
    """Five outcomes' legend was a column at the right, over half the plot and the last category's bar."""
    from annotator.gui.charts import LEGEND_ROOM, STACKED, Chart, ChartData

    chart = Chart("outcomes", "suggestions")
    qtbot.addWidget(chart)
    series = {name: (10, 3) for name in ("accepted", "relabelled", "resized", "rejected", "added")}
    chart.show_data(ChartData(("LOC", "TIME"), series, STACKED))
    item = chart.plot.getPlotItem()
    assert item.legend is not None and item.legend.columnCount == 5  # one row
    low, high = item.getViewBox().viewRange()[1]
    assert low == 0 and high == pytest.approx(50 * LEGEND_ROOM)  # the tallest column is 50
    chart.show_data(ChartData(("LOC",), {"documents": (4,)}, STACKED))  # one series: no legend, no headroom
    item.getViewBox().updateAutoRange()  # pyqtgraph ranges again when it next paints
    assert item.legend is None and item.getViewBox().viewRange()[1][1] < 4 * LEGEND_ROOM


def test_the_team_table_shows_every_annotator_without_scrolling(qtbot, window):
    """Six annotators (four, the lead at the CLI and in the window): the table showed four rows and a scroll bar
    above half a tab of empty room."""
    from dataclasses import replace

    from annotator.service.statistics import AnnotatorWork

    view = opened(qtbot, window)
    view.tabs.setCurrentIndex(3)
    names = ["root", "刘洋", "张伟", "李娜", "王芳", "组长"]
    stats = replace(window.session.project.statistics.compute(),
                    annotators={n: AnnotatorWork(documents=i, done=i, seconds=60.0 * i) for i, n in enumerate(names)})
    view._team(stats)
    qtbot.wait(10)
    table = view.annotator_table
    assert table.rowCount() == 6
    last = table.visualItemRect(table.item(5, 0))
    assert last.bottom() <= table.viewport().height() and not table.verticalScrollBar().isVisible()
    assert table.item(2, 0).textAlignment() & Qt.AlignmentFlag.AlignRight
