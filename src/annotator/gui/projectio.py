"""Bringing files in and out from the window: import and export under a cancellable progress dialog."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from annotator.core import formats
from annotator.core.formats.base import ExportSummary
from annotator.core.progress import Cancelled
from annotator.gui import finish_dialog
from annotator.gui.i18n import QT_TRANSLATE_NOOP, list_separator, plural, translate
from annotator.service import ImportReport, Project, review

T = TypeVar("T")
# What a format leaves out (core/formats' tally.drop reasons), said in the interface language; another reason
# is shown as the format names it.
DROPPED = (
    QT_TRANSLATE_NOOP("Dropped", "argument links to entities left out of the export (kept as offsets)"),
    QT_TRANSLATE_NOOP("Dropped", "brat lines about spans this export does not write"),
    QT_TRANSLATE_NOOP("Dropped", "documents whose whitespace CoNLL cannot carry (blank lines, indents, other spaces)"),
    QT_TRANSLATE_NOOP("Dropped", "documents without tokens (text only)"),
    QT_TRANSLATE_NOOP("Dropped", "documents without tokens (written by character)"),
    QT_TRANSLATE_NOOP("Dropped", "entities (DuEE has only events)"),
    QT_TRANSLATE_NOOP("Dropped", "entities that start or end on whitespace"),
    QT_TRANSLATE_NOOP("Dropped", "entity–entity relations whose entities are not written"),
    QT_TRANSLATE_NOOP("Dropped", "events (use doccano-rel)"),
    QT_TRANSLATE_NOOP("Dropped", "events without a trigger"),
    QT_TRANSLATE_NOOP("Dropped", "events"),
    QT_TRANSLATE_NOOP("Dropped", "metadata fields named like one of the format's own"),
    QT_TRANSLATE_NOOP("Dropped", "nested or overlapping spans"),
    QT_TRANSLATE_NOOP("Dropped", "rejected spans (only native carries review states)"),
    QT_TRANSLATE_NOOP("Dropped", "spans across a line break"),
    QT_TRANSLATE_NOOP("Dropped", "token splits made so that entities start and end on token boundaries"),
    QT_TRANSLATE_NOOP("Dropped", "word splits made so that entities start and end on word boundaries"),
)


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
    # Counts go in as names: pyside6-lupdate misses a translate() whose arguments hold a call.
    imported, files, skipped, refused = len(report.imported), report.files, len(report.skipped), len(report.errors)
    passed_over = len(report.passed_over)
    parts = [plural(translate("Import", "imported %n document(s)", "", imported), imported)
             + plural(translate("Import", " from %n file(s)", "", files), files)]
    if skipped:
        parts.append(translate("Import", "%n already in the project", "", skipped))
    if refused:
        parts.append(plural(translate("Import", "%n file(s) refused", "", refused), refused))
    if passed_over:
        parts.append(translate("Import", "%n not read (links out of the folder, or not regular files)", "",
                               passed_over))
    return list_separator().join(parts)


def export_formats() -> dict[str, str]:
    """The formats the window exports to, each with the suffix of its file (brat: a .zip of its folder)."""
    return {name: spec.suffix or ".zip" for name, spec in formats.FORMATS.items()}


def export_reviewed(project: Project, target: Path, fmt: str, parent: QWidget | None = None
                    ) -> tuple[str, str]:
    """Export the reviewed documents' accepted annotations (the default training-data export); a summary, and
    what the format could not carry ("" when it carried everything).

    Shows a cancellable progress dialog; Cancel leaves the target as it was (raises Cancelled)."""
    written = with_progress(parent, QCoreApplication.translate("projectio", "Export"),
                            lambda progress: project.exporter.export(target, fmt=fmt, progress=progress))
    summaries = [summary for _, summary in written]
    return "; ".join(export_text(summary) for summary in summaries), dropped_note(summaries)


def export_text(summary: ExportSummary) -> str:
    """What one exported file holds, in the interface language."""
    documents, entities, events = summary.documents, summary.entity_count, summary.event_count
    text = plural(translate("projectio", "exported %n document(s)", "", documents), documents)
    return (text + translate("projectio", " (%1 entities, %2 events) to %3")
            .replace("%1", str(entities)).replace("%2", str(events)).replace("%3", summary.path))


def dropped_note(summaries: Sequence[ExportSummary]) -> str:
    """What the chosen format could not carry (relations, attributes …), named; or ""."""
    lines = []
    for summary in summaries:
        for dropped in summary.dropped:
            example = f" ({'; '.join(dropped.examples)})" if dropped.examples else ""
            lines.append(translate("projectio", "%1 does not carry %2 %3").replace("%1", summary.format)
                         .replace("%2", str(dropped.count)).replace("%3", translate("Dropped", dropped.reason))
                         + example)
    return "\n".join(lines)


def open_work_note(project: Project, dropped: str = "") -> str:
    """What the reviewed documents still leave open (undecided suggestions, schema warnings), and what the format
    left out (`dropped`), named; or ""."""
    lines = [*([dropped] if dropped else []), *finish_dialog.report_lines(review.reviewed_open_work(project))]
    if not lines:
        return ""
    return translate("projectio", "Exported. Note:") + "\n\n" + "\n".join(lines)
