"""Window tests: settings in a temporary folder, dialogs that never block, a small project with suggestions."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("PySide6")
sys.path.insert(0, str(Path(__file__).parent))  # gui_helpers, also used by the e2e window tests

from gui_helpers import build_project
from PySide6.QtCore import QSettings

from annotator.gui import dialogs
from annotator.gui.finish_dialog import FinishChoice, FinishReviewDialog


@pytest.fixture(autouse=True)
def qt_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """QSettings' user scope points at a folder of this test, never the real one."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def english_afterwards():
    """A test that switched the language leaves English behind, its LanguageChange events delivered: left
    posted, they reached the next test's window, which rebuilt its page under it (and its timers with it).
    The windows earlier tests closed are deleted first (pytest-qt's deleteLater waits for an event loop that
    never comes: dozens of them piled up, each one more for every event to pass)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield
    from annotator.gui import i18n

    if QCoreApplication.instance() is None:
        return
    if i18n.current_language() != i18n.ENGLISH:
        i18n.install(i18n.ENGLISH)
    for _ in range(2):  # the application's, then the one it posts to each window
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


@pytest.fixture(autouse=True)
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error dialogs are collected instead of shown; questions answer no; the reviewer is 'tester'; merge's
    "whose work is it?" is cancelled (a modal dialog would wait for ever offscreen)."""
    from annotator.gui import adjudication

    monkeypatch.setattr(adjudication, "ask_annotator", lambda parent, file_name: None)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, **kw: shown.append(message))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: False)
    monkeypatch.setattr(dialogs.ReviewerDialog, "ask", classmethod(lambda cls, parent, default="": "tester"))
    return shown


@pytest.fixture(autouse=True)
def finish_question(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """Ctrl+Enter's question about what a document leaves open: recorded in `works`, answered with `answer`
    (accept the rest, not remembered, unless a test says otherwise)."""
    asked = SimpleNamespace(works=[], answer=(FinishChoice.ACCEPT, False))
    monkeypatch.setattr(FinishReviewDialog, "ask",
                        classmethod(lambda cls, parent, work: asked.works.append(work) or asked.answer))
    return asked


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (segmenting takes a moment), copied for each test."""
    path = tmp_path_factory.mktemp("built") / "review.annot"
    build_project(path)
    return path


@pytest.fixture
def project_path(tmp_path: Path, built_project: Path) -> Path:
    """A project with the seed article and two raw news articles, each with rule suggestions."""
    path = tmp_path / "review.annot"
    shutil.copyfile(built_project, path)
    return path


def shown_window(qtbot, path: Path, doc_id: int):
    """The real main window on document `doc_id` of the project at `path`, shown offscreen."""
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path, doc_id=doc_id)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, project_path: Path):
    """The real main window on the project, shown offscreen, article focused."""
    win = shown_window(qtbot, project_path, 1)
    win.page.view.setFocus()
    yield win
    win.close_project()
