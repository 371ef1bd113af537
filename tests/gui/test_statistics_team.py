"""Statistics → Team on a four-person double-annotation project: each row shows the annotator's documents (assigned
to, annotated or reviewed by them), those they sent back, and a pace only where the time at work tells one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.gui import i18n
from annotator.gui.session import ProjectSession
from annotator.gui.statistics_view import StatisticsView
from annotator.service import Project
from tests.service.team_work import LEAD, TEAM, build_team_project


@pytest.fixture
def team_view(qtbot, tmp_path, monkeypatch):
    team = build_team_project(tmp_path, monkeypatch)
    project = Project.open(team.path, readonly=True)
    view = StatisticsView(ProjectSession(project))
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(3)
    view.show()
    qtbot.waitUntil(lambda: view.stats is not None, timeout=10000)
    yield team, view
    view.close()
    project.close()


def rows(view: StatisticsView) -> dict[str, list[str]]:
    table = view.annotator_table
    return {table.verticalHeaderItem(r).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}


def test_the_team_tab_counts_what_each_annotator_sent_back_and_a_sane_pace(team_view):
    team, view = team_view
    shown = rows(view)
    assert set(shown) == {*TEAM, LEAD}
    heads = [view.annotator_table.horizontalHeaderItem(c).text() for c in range(4)]
    assert heads == ["their documents", "done", "hours", "per hour"]
    # 张伟 sent back all 15 he was handed; the lead adjudicated some of them, so he is their final reviewer of fewer
    assert shown["张伟"] == ["15", "15", f"{15 * 90 / 3600:.2f}", "40.0"]
    assert shown["刘洋"][:3] == [str(len(team.handed["刘洋"])), "1", "0.00"]
    assert shown["刘洋"][3] == "–"  # one document in two edits a second apart: it read 3600.0
    pace = view.annotator_table.item(list(shown).index("刘洋"), 3)
    assert pace.toolTip() == "too little work to tell"
    assert "too little work to tell (under 10 minutes at work)" in view.team_summary.text()
    chart = view.charts["annotators"].data
    assert dict(zip(chart.categories, chart.series["done"], strict=True))["张伟"] == 15


def test_the_team_tab_in_chinese(team_view):
    from i18n_walk import untranslated, widget_strings

    _team, view = team_view
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        QApplication.processEvents()
        found = [*widget_strings(view), *(("header", view.annotator_table.horizontalHeaderItem(c).text())
                                          for c in range(4))]
        assert untranslated(found, {*TEAM, LEAD, "PNG", "Krippendorff"}) == []
        assert "–" in rows(view)["刘洋"][3]
    finally:
        i18n.install(i18n.ENGLISH)
