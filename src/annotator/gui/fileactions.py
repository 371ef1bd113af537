"""The window's File actions: new, open, import (menu or dropped files), export, close."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from annotator.core.errors import AnnotatorError
from annotator.core.progress import Cancelled
from annotator.core.resources import demo_files
from annotator.gui import dialogs, projectio
from annotator.gui.error_text import error_text, message_text
from annotator.gui.i18n import translate
from annotator.gui.note_text import note_text
from annotator.service import Project
from annotator.service.project import create_from_files

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from annotator.gui.page import ReviewPage
    from annotator.gui.session import ProjectSession

    _Window = QMainWindow
else:
    _Window = object


def demo_project_path() -> Path:
    """Where the window keeps its copy of the demo project (the per-user application data folder)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".annotator") / "demo.annot"


class FileActions(_Window):
    """Mixed into MainWindow (which provides session, page, open_project, say, show_error, reviewer_name)."""

    session: ProjectSession | None
    page: ReviewPage | None

    if TYPE_CHECKING:
        def open_project(self, path: Path | str, *, doc_id: int | None = None, readonly: bool = False) -> bool: ...
        def close_project(self) -> None: ...
        def reviewer_name(self) -> str: ...
        def say(self, text: str, error: bool = False) -> None: ...
        def show_error(self, message: str) -> None: ...

    def do_new_project(self) -> None:
        """Create a project and open it."""
        self.new_project()

    def new_project(self) -> None:
        """Ask for a file name, create the project with the default schema, open it."""
        path = dialogs.FileDialogs.new_project(self)
        if path is None:
            return
        try:
            Project.create(path, user=self.reviewer_name()).close()
        except AnnotatorError as exc:
            self.show_error(error_text(exc))
            return
        self.open_project(path)

    def open_demo(self) -> None:
        """Open the bundled demo project, building it first in the user's data folder."""
        path = demo_project_path()
        if not path.exists():
            articles, schema = demo_files()
            try:
                report = create_from_files(path, articles, schema=schema)
            except AnnotatorError as exc:
                self.show_error(error_text(exc))
                return
            if report.errors:
                self.show_error("; ".join(report.errors))
                return
        self.open_project(path)

    def do_open_project(self) -> None:
        """Choose a project file to open."""
        self.open_project_dialog()

    def open_project_dialog(self) -> None:
        """Ask for a project file and open it."""
        path = dialogs.FileDialogs.open_project(self)
        if path is not None:
            self.open_project(path)

    def do_import_files(self) -> None:
        """Import article or JSONL files."""
        self.import_paths(dialogs.FileDialogs.import_files(self))

    def do_import_folder(self) -> None:
        """Import a folder recursively."""
        self.import_paths(dialogs.FileDialogs.import_folder(self))

    def import_paths(self, paths: list[Path]) -> None:
        """Import into the open project with a progress dialog; the list shows the new documents."""
        if not paths:
            return
        if self.session is None:
            self.say(translate("FileActions", "open or create a project first, then import"), True)
            return
        try:
            report = projectio.import_with_progress(self, self.session.project, paths)
        except Cancelled:
            self.say(translate("FileActions", "import cancelled: nothing was imported"))
            return
        except AnnotatorError as exc:
            self.show_error(error_text(exc))
            return
        self.session.announce(report.changes, undo=False)
        self.say(projectio.report_text(report))
        said = []
        if report.errors:
            said.append(translate("FileActions", "Some files were not imported:") + "\n\n"
                        + "\n".join(message_text(error) for error in report.errors))
        if report.notes:  # e.g. brat relations or attributes: imported, but said so
            said.append(translate("FileActions", "Notes on the imported files:")
                        + "\n\n" + "\n\n".join(note_text(note) for note in report.notes))
        if said:
            self.show_error("\n\n".join(said))
        if self.page is not None and self.page.state is None and report.imported:
            self.page.open_document(report.imported[0])

    def do_export(self) -> None:
        """Export reviewed documents."""
        if self.session is None:
            return
        chosen = dialogs.FileDialogs.export_target(self, projectio.export_formats())
        if chosen is None:
            return
        try:
            summary, dropped = projectio.export_reviewed(self.session.project, *chosen, parent=self)
            self.say(summary)
            note = projectio.open_work_note(self.session.project, dropped)
        except Cancelled:
            self.say(translate("FileActions", "export cancelled: no file was written"))
            return
        except AnnotatorError as exc:
            self.show_error(error_text(exc))
            return
        if note:
            self.show_error(note)

    def do_close_project(self) -> None:
        """Close the project."""
        self.close_project()

    def do_quit(self) -> None:
        """Close the window."""
        self.close()

    # -- drag and drop ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files."""
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped project opens; dropped articles, JSONL files and folders are imported."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        if len(paths) == 1 and paths[0].suffix == ".annot":
            self.open_project(paths[0])
        else:
            self.import_paths(paths)

