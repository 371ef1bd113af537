"""Starting the window, or rendering it to a PNG (`--screenshot`) without a display."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.resources import icons_dir

if TYPE_CHECKING:  # Qt is imported when the window starts, not with this module
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget

SCREENSHOT_SIZE = (1400, 860)


def needs_offscreen() -> bool:
    """True when no display is reachable (and no platform was chosen), so Qt must render offscreen."""
    return not (os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY")
                or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("darwin", "win32"))


def invisible() -> bool:
    """True when a window would never be seen: no display, or a platform chosen that draws nowhere."""
    return needs_offscreen() or os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal")


def app_icon() -> QIcon:
    """The application icon (the shipped SVG)."""
    from PySide6.QtGui import QIcon

    return QIcon(str(icons_dir() / "annotator.svg"))


def application() -> QCoreApplication:
    """The QApplication (created once)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "annotator"])
        app.setOrganizationName("annotator")
        app.setApplicationName("annotator")
        app.setApplicationDisplayName("annotator")
        app.setDesktopFileName("annotator")  # Wayland finds the launcher (and its icon) by this name
        app.setWindowIcon(app_icon())
    return app


def install_excepthook(parent: QWidget | None = None) -> None:
    """Unexpected errors become a plain dialog (the traceback goes to stderr, not to the reviewer)."""
    from annotator.gui import dialogs
    from annotator.gui.error_text import error_text
    from annotator.gui.i18n import translate

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, exc, tb)
        message = (error_text(exc) if isinstance(exc, AnnotatorError)
                   else translate("App", "Something went wrong: {error}").format(error=exc))
        try:
            dialogs.show_error(parent, message)
        except Exception:
            traceback.print_exc()

    sys.excepthook = hook


# What Qt's offscreen platform says about every window it draws (it has no window manager to size, raise or give the
# keyboard to): noise in `--screenshot` and `make run` output, where a reader takes it for a fault.
OFFSCREEN_NOISE = "This plugin does not support "


def quiet_offscreen() -> None:
    """Drop the offscreen platform's notes that it cannot do what only a window manager does; pass on the rest."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        if kind == QtMsgType.QtWarningMsg and message.startswith(OFFSCREEN_NOISE):
            return
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def render(window: QWidget, path: Path) -> None:
    """Save the window as it looks now to a PNG."""
    from PySide6.QtWidgets import QApplication

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        raise AnnotatorError("could not write the screenshot", path=str(path))


def run(project: Path | None = None, *, doc_id: int | None = None, screenshot: Path | None = None) -> int:
    """Open the window (on `project`, else the last project, else the start page); return the exit code."""
    if screenshot is not None and needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = application()
    from annotator.gui import dialogs, i18n, settings
    from annotator.gui.window import MainWindow

    dialogs.set_headless(screenshot is not None)
    if screenshot is not None:
        quiet_offscreen()
    i18n.install()  # before the first widget: the system's language, or the one chosen in View → Language

    window = MainWindow(ask_reviewer=screenshot is None)
    install_excepthook(window)
    opened = True
    if project is not None:
        opened = window.open_project(project, doc_id=doc_id)
    elif screenshot is None and settings.recent_projects():
        window.open_project(Path(settings.recent_projects()[0]))
    if screenshot is not None:
        render(window, screenshot)
        window.close()
        return 0 if opened else 2
    window.show()
    return app.exec()
