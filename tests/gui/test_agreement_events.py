"""The window says when a pair's events are left out of the agreement (one of them gave none at all), in the
agreement view and the Statistics → Team tab, as `annotator agreement` does."""

from __future__ import annotations

from annotator.gui.adjudication import AgreementView
from annotator.gui.session import ProjectSession
from annotator.gui.statistics_view import StatisticsView
from annotator.service import Project
from tests.cli.test_cli_team_cases import team

ANN3 = "Events left out of %s: ann3 gave none (an export without events, or none annotated)"


def test_the_agreement_view_and_the_team_tab_say_which_events_are_left_out(qtbot, tmp_path):
    path = team(tmp_path)  # ann1 and ann2 gave events; ann3's export carries none
    with Project.open(path, readonly=True) as p:
        agreement = p.team.agreement()
    view = AgreementView(agreement)
    qtbot.addWidget(view)
    rows = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    cell = view.table.item(rows["ann1 / ann3"], 4)
    assert cell.text() == "–" and cell.toolTip() == ANN3 % "ann1 / ann3"  # it read 0.000 / 0.000
    assert view.table.item(rows["ann1 / ann2"], 4).text() == "1.000 / 0.500"
    assert view.events_note.text().splitlines() == [ANN3 % "ann1 / ann3", ANN3 % "ann2 / ann3"]
    project = Project.open(path, readonly=True)
    stats = StatisticsView(ProjectSession(project))
    qtbot.addWidget(stats)
    stats.tabs.setCurrentIndex(3)
    stats.show()
    qtbot.waitUntil(lambda: stats.stats is not None, timeout=10000)
    qtbot.waitUntil(lambda: "Agreement" in stats.team_summary.text())
    assert stats.team_summary.text().splitlines()[1:3] == [ANN3 % "ann1 / ann3", ANN3 % "ann2 / ann3"]
    stats.close()
    project.close()
