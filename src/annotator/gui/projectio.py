"""Bringing files in and out from the window: import with a cancellable progress dialog, export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from annotator.core import formats
from annotator.service import ImportReport, Project, review


def import_with_progress(parent: QWidget | None, project: Project, paths: Sequence[Path]) -> ImportReport:
    """Import files and folders, showing progress; Cancel stops after the current file."""
    dialog = QProgressDialog("Importing…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Import")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick imports never flash a dialog

    def progress(done: int, total: int, current: str) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"{done} / {total}  {Path(current).name}" if current else "finishing…")
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        return project.importer.import_paths(list(paths), progress=progress)
    finally:
        dialog.reset()
        dialog.deleteLater()


def report_text(report: ImportReport) -> str:
    """A one-line summary of an import."""
    parts = [f"imported {len(report.imported)} document(s) from {report.files} file(s)"]
    if report.skipped:
        parts.append(f"{len(report.skipped)} already in the project")
    if report.errors:
        parts.append(f"{len(report.errors)} file(s) refused")
    return ", ".join(parts)


def export_formats() -> list[str]:
    """Names of the formats the project can export to (files only, not folders)."""
    return [name for name, spec in formats.FORMATS.items() if not spec.folder]


def export_reviewed(project: Project, target: Path, fmt: str) -> str:
    """Export the reviewed documents' accepted annotations (the default training-data export); a summary."""
    written = project.exporter.export(target, fmt=fmt)
    return "; ".join(f"{path}: {summary.lines()[0]}" for path, summary in written)


def open_work_note(project: Project) -> str:
    """What the reviewed documents still leave open (undecided suggestions, schema warnings), named; or ""."""
    lines = review.open_work_lines(review.reviewed_open_work(project))
    if not lines:
        return ""
    return QCoreApplication.translate("projectio", "Exported. Note:") + "\n\n" + "\n".join(lines)
