"""Bringing files in and out from the window: import and export under a cancellable progress dialog."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from annotator.core import formats
from annotator.core.progress import Cancelled
from annotator.gui import finish_dialog
from annotator.gui.i18n import translate
from annotator.service import ImportReport, Project, review

T = TypeVar("T")


class ProgressDialog(QProgressDialog):
    """A window-modal progress dialog whose Cancel stops the work it reports on (nothing of it is kept)."""

    def __init__(self, parent: QWidget | None, title: str, label: str) -> None:
        super().__init__(label, self.tr("Cancel"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)  # quick work never flashes a dialog
        self.started = time.monotonic()

    def __call__(self, done: int, total: int, current: object = "") -> bool:
        """The progress callback: shows count and time left; raises Cancelled once Cancel was pressed."""
        self.setMaximum(max(total, 1))
        self.setValue(min(done, max(total, 1)))
        text = self.tr("%1 of %2").replace("%1", str(done)).replace("%2", str(total))
        if 0 < done < total:
            left = (time.monotonic() - self.started) / done * (total - done)
            text += "  " + self.tr("about %1 s left").replace("%1", str(round(left)))
        if current:
            text += f"\n{Path(str(current)).name}"
        self.setLabelText(text)
        QApplication.processEvents()
        if self.wasCanceled():
            raise Cancelled()
        return True

    def finish(self) -> None:
        """Close the dialog."""
        self.reset()
        self.deleteLater()


def with_progress(parent: QWidget | None, title: str, work: Callable[[ProgressDialog], T]) -> T:
    """Run `work(progress)` under a cancellable progress dialog; Cancelled reaches the caller."""
    dialog = ProgressDialog(parent, title, QCoreApplication.translate("projectio", "Working…"))
    try:
        return work(dialog)
    finally:
        dialog.finish()


def import_with_progress(parent: QWidget | None, project: Project, paths: Sequence[Path]) -> ImportReport:
    """Import files and folders, showing progress; Cancel undoes the whole import (raises Cancelled)."""
    return with_progress(parent, QCoreApplication.translate("projectio", "Import"),
                         lambda progress: project.importer.import_paths(list(paths), progress=progress))


def report_text(report: ImportReport) -> str:
    """A one-line summary of an import."""
    # Counts go in as names: pyside6-lupdate misses a translate() whose arguments hold a call. The English keeps
    # its "(s)", as the window has always said it.
    imported, files, skipped, refused = len(report.imported), report.files, len(report.skipped), len(report.errors)
    passed_over = len(report.passed_over)
    parts = [translate("Import", "imported %n document(s)", "", imported)
             + translate("Import", " from %n file(s)", "", files)]
    if skipped:
        parts.append(translate("Import", "%n already in the project", "", skipped))
    if refused:
        parts.append(translate("Import", "%n file(s) refused", "", refused))
    if passed_over:
        parts.append(translate("Import", "%n not read (links out of the folder, or not regular files)", "",
                               passed_over))
    return ", ".join(parts)


def export_formats() -> list[str]:
    """Names of the formats the project can export to (files only, not folders)."""
    return [name for name, spec in formats.FORMATS.items() if not spec.folder]


def export_reviewed(project: Project, target: Path, fmt: str, parent: QWidget | None = None) -> str:
    """Export the reviewed documents' accepted annotations (the default training-data export); a summary.

    Shows a cancellable progress dialog; Cancel leaves the target as it was (raises Cancelled)."""
    written = with_progress(parent, QCoreApplication.translate("projectio", "Export"),
                            lambda progress: project.exporter.export(target, fmt=fmt, progress=progress))
    return "; ".join(f"{path}: {summary.lines()[0]}" for path, summary in written)


def open_work_note(project: Project) -> str:
    """What the reviewed documents still leave open (undecided suggestions, schema warnings), named; or ""."""
    lines = finish_dialog.report_lines(review.reviewed_open_work(project))
    if not lines:
        return ""
    return translate("projectio", "Exported. Note:") + "\n\n" + "\n".join(lines)
