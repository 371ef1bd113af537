"""Review → the order of the next document: file order or most informative first, remembered per project
and followed by Ctrl+PgDown (next unreviewed document)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from annotator.gui.keys import Binding
from annotator.service import Project
from tests.conftest import FIXTURES

NEXT = Binding("next_unreviewed", "")


def order_actions(win) -> dict[str, QAction]:
    """The two menu entries of the choice, by action name."""
    review = next(m.menu() for m in win.menuBar().actions() if m.menu() and any(
        a.data() == "order_file" for a in m.menu().actions()))
    return {a.data(): a for a in review.actions() if a.data() in ("order_file", "order_informative")}


def test_choosing_most_informative_first_is_remembered_and_followed(qtbot, tmp_path: Path):
    from annotator.gui.window import MainWindow

    path = tmp_path / "p.annot"
    with Project.create(path, schema="news-zh") as p:
        p.importer.import_paths([FIXTURES / "pd98_train30.jsonl"])
        ranked = p.order.ids("informative")
    assert ranked[:2] != [1, 2]
    win = MainWindow(ask_reviewer=False)
    qtbot.addWidget(win)
    assert win.open_project(path, doc_id=1)
    actions = order_actions(win)
    assert actions["order_file"].isChecked() and not actions["order_informative"].isChecked()
    win.run(NEXT)
    assert win.page.state.doc_id == 2  # file order
    actions["order_informative"].trigger()
    actions = order_actions(win)  # the menus are built again with the new check marks
    assert actions["order_informative"].isChecked() and not actions["order_file"].isChecked()
    win.page.open_document(ranked[0])
    win.run(NEXT)
    assert win.page.state.doc_id == ranked[1]
    win.close_project()
    assert win.open_project(path, doc_id=1)  # remembered in the project
    assert order_actions(win)["order_informative"].isChecked()
    win.close_project()
    with Project.open(path, readonly=True) as p:
        assert p.order.chosen == "informative"
