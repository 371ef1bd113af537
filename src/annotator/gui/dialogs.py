"""Small dialogs. Each goes through a module function or an `ask()` classmethod that tests replace."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.formats.detect import CONLL_SUFFIXES, JSONL_SUFFIXES
from annotator.gui.i18n import translate
from annotator.gui.keys import Binding, translated_rows

_headless = False
# What an import reads by its name (a folder import's choice, service/importing.py, and brat's .zip): the filter
# offered only .txt and JSON lines, so a CoNLL file or a brat .zip looked unimportable.
IMPORTABLE = " ".join(f"*{suffix}" for suffix in (".txt", *JSONL_SUFFIXES, *CONLL_SUFFIXES, ".tsv", ".zip"))


def set_headless(on: bool) -> None:
    """Rendering a screenshot: errors go to stderr and questions answer no, so nothing waits for a click."""
    global _headless
    _headless = on


def is_headless() -> bool:
    """True while rendering a screenshot (nothing may wait for a click)."""
    return _headless


def show_error(parent: QWidget | None, message: str, *, title: str = "annotator") -> None:
    """A plain error dialog (the message is shown as plain text, never as markup)."""
    if _headless:
        print(f"error: {message}", file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def ask_yes_no(parent: QWidget | None, message: str, *, title: str = "annotator") -> bool:
    """A plain yes/no question."""
    if _headless:
        return False
    box = QMessageBox(QMessageBox.Icon.Question, title, message,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_about(parent: QWidget | None, project: Path | None) -> None:
    """Help → About annotator: what it is, its version and licence, the open project's file."""
    from annotator import __version__

    lines = [translate("Dialogs", "annotator %1: review and annotate Chinese news articles, and export entity "
                                  "and event training data.").replace("%1", __version__),
             translate("Dialogs", "Free software under the MIT licence.")]
    if project is not None:
        lines.append(translate("Dialogs", "Open project: %1").replace("%1", str(project)))
    if _headless:
        print("\n".join(lines), file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Information, translate("Dialogs", "About annotator"), "\n\n".join(lines),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


class ReviewerDialog:
    """Asks the reviewer's name once (the answer is kept in QSettings)."""

    @classmethod
    def ask(cls, parent: QWidget | None, default: str = "") -> str | None:
        """The name typed, or None when cancelled."""
        name, ok = QInputDialog.getText(parent, translate("Dialogs", "Reviewer"), translate("Dialogs", "Your name (recorded with each review):"),
                                        text=default or getpass.getuser())
        return name.strip() if ok and name.strip() else None


class FileDialogs:
    """File choosers (tests replace these classmethods)."""

    @classmethod
    def open_project(cls, parent: QWidget | None) -> Path | None:
        """An existing project file."""
        path, _ = QFileDialog.getOpenFileName(parent, translate("Dialogs", "Open project"), "",
                                              translate("Dialogs", "Projects (*.annot);;All files (*)"))
        return Path(path) if path else None

    @classmethod
    def new_project(cls, parent: QWidget | None) -> Path | None:
        """A name for a new project file."""
        path, _ = QFileDialog.getSaveFileName(parent, translate("Dialogs", "New project"), "untitled.annot",
                                              translate("Dialogs", "Projects (*.annot)"))
        if not path:
            return None
        return Path(path) if path.endswith(".annot") else Path(path + ".annot")

    @classmethod
    def import_files(cls, parent: QWidget | None) -> list[Path]:
        """Article or JSONL files to import."""
        paths, _ = QFileDialog.getOpenFileNames(parent, translate("Dialogs", "Import files"), "",
                                                translate("Dialogs", "Articles and annotated files (%1);;All files (*)")
                                                .replace("%1", IMPORTABLE))
        return [Path(p) for p in paths]

    @classmethod
    def import_folder(cls, parent: QWidget | None) -> list[Path]:
        """A folder to import recursively."""
        path = QFileDialog.getExistingDirectory(parent, translate("Dialogs", "Import a folder"))
        return [Path(path)] if path else []

    @classmethod
    def export_target(cls, parent: QWidget | None, formats: dict[str, str]) -> tuple[Path, str] | None:
        """Where to export, and in which format (`formats`: each format's file suffix)."""
        filters = ";;".join(f"{name} (*{suffix})" for name, suffix in formats.items())
        # No suffix in the name offered: the chosen format gives it (export_path)
        path, chosen = QFileDialog.getSaveFileName(parent, translate("Dialogs", "Export"), "export", filters)
        if not path:
            return None
        return export_path(Path(path), formats[chosen.split(" ")[0]]), chosen.split(" ")[0]


def export_path(path: Path, suffix: str) -> Path:
    """The file an export writes: a name typed without a suffix gets the format's (a CoNLL export was named
    export.jsonl); brat's is always a .zip (without it brat writes a folder of that name)."""
    if suffix == ".zip" and path.suffix.lower() != ".zip":
        return path.with_name(path.name + ".zip")
    return path if path.suffix else path.with_suffix(suffix)


class ShortcutSheet(QDialog):
    """Every shortcut, from the same table the keys and menus use."""

    def __init__(self, bindings: list[Binding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = translated_rows(bindings)
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Keys"), self.tr("Action")])
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                table.setItem(i, j, QTableWidgetItem(value))
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(22)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self.table = table
