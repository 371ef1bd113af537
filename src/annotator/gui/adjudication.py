"""Adjudicating in the window: every annotator's version of a disputed document, settled from the keyboard,
and the Agreement view that opens a document from the table."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudication import DROPPED, OPEN, TAKEN, Candidate, EventCandidate, describe, verdict
from annotator.core.agreement import Agreement
from annotator.core.annotations import ReviewStatus
from annotator.core.errors import AnnotatorError
from annotator.core.text import utf16_offsets
from annotator.gui.error_text import error_text
from annotator.gui.events_panel import role_title
from annotator.gui.i18n import QT_TRANSLATE_NOOP, plural, translate
from annotator.gui.keys import WINDOW, Binding
from annotator.gui.projectio import with_progress
from annotator.gui.session import ProjectSession
from annotator.gui.shown import without_bidi
from annotator.service import Changes
from annotator.service.team import MergeReport
from annotator.service.team_adjudication import AdjudicationView

if TYPE_CHECKING:
    from annotator.gui.session import Step
    from annotator.gui.window import MainWindow

ANNOTATOR_COLOURS = ("#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#1b7c83", "#6e7781",
                     "#953800")
ADJUDICATE = Binding("adjudicate", QT_TRANSLATE_NOOP("Keys", "Adjudicate this document…"), ("Ctrl+J",), "Review", WINDOW, group="Team")
AGREEMENT = Binding("agreement", QT_TRANSLATE_NOOP("Keys", "Agreement between annotators…"), (), "View", WINDOW, group="Team")
MERGE = Binding("merge_annotators", QT_TRANSLATE_NOOP("Keys", "Merge annotators' project files…"), (), "File", WINDOW, group="Team")
Version = Candidate | EventCandidate


class AdjudicationDialog(QDialog):
    """One disputed document: the versions (each annotator a colour, differences marked), decided by keys.

    Enter take · Delete drop · A accept what all agree on · 1–9 take all of annotator N · N next open ·
    Ctrl+Z undo · Ctrl+Shift+Z (Ctrl+Y) redo · Ctrl+Enter mark reviewed (when nothing differs any more).
    """

    finished_document = Signal(int)

    def __init__(self, session: ProjectSession, doc_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc_id = doc_id
        self.adjudication = session.project.adjudication
        self.text = session.project.document(doc_id).text
        self._units = utf16_offsets(self.text)  # offsets are code points; Qt counts UTF-16 units
        self.setWindowTitle(self.tr("Adjudicate document %1").replace("%1", str(doc_id)))
        self.article = QTextEdit(readOnly=True)
        self.article.setPlainText(without_bidi(self.text))  # a bidi control shown as ↔, not obeyed (gui/shown.py)
        self.versions = QListWidget()
        self.versions.setToolTip(self.tr("Every version of every span and event: = every annotator gave it, ≠ some did "
                                         "not; who gave it on hover"))
        self.annotators = QLabel()
        self.status = QLabel()
        self.help = QLabel(self.tr("Enter take · Delete drop · A accept agreed · 1–9 take all of an annotator · "
                                   "N next open · Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+Enter reviewed"))
        side = QVBoxLayout()
        side.addWidget(self.annotators)
        side.addWidget(self.versions, 1)
        side.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.article, 3)
        row.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.help)
        self.versions.currentRowChanged.connect(lambda _: self._paint())
        self.versions.installEventFilter(self)
        session.changed.connect(self._changed)
        self.view: AdjudicationView = self.adjudication.view(doc_id)
        self.refresh()
        self.versions.setFocus()
        self.resize(1100, 700)

    # -- showing --------------------------------------------------------------------------------
    @property
    def all_versions(self) -> list[Version]:
        """Entity versions then event versions, as listed."""
        return [*self.view.entities, *self.view.events]

    def colour(self, name: str) -> QColor:
        """The annotator's colour."""
        names = self.view.annotators
        return QColor(ANNOTATOR_COLOURS[names.index(name) % len(ANNOTATOR_COLOURS)] if name in names else "#000")

    def refresh(self) -> None:
        """Re-read the versions and what is decided, keeping the current row."""
        row = max(self.versions.currentRow(), 0)
        self.view = self.adjudication.view(self.doc_id)
        open_ = {*self.view.open_entities, *self.view.open_events}
        self.versions.blockSignals(True)
        self.versions.clear()
        for version in self.all_versions:
            text = self._describe(version)
            item = QListWidgetItem(text)
            item.setForeground(QBrush(self.colour(version.annotators[0])))
            # whole on hover: an event with its arguments runs past the list's edge
            item.setToolTip(text + "\n" + self.tr("%1 said this").replace("%1", ", ".join(version.annotators)))
            self.versions.addItem(item)
        self.versions.blockSignals(False)
        if self.versions.count():
            self.versions.setCurrentRow(min(row, self.versions.count() - 1))
        names = [f'<span style="color:{self.colour(n).name()}">{n} ({i})</span>'
                 for i, n in enumerate(self.view.annotators, start=1)]
        self.annotators.setText(" · ".join(names))
        n_open = len(open_)
        self.status.setText(self.tr("Nothing differs any more: Ctrl+Enter marks it reviewed") if not n_open
                            else plural(self.tr("%1 version(s) still open"), n_open).replace("%1", str(n_open)))
        self._paint()

    def _describe(self, version: Version) -> str:
        """`≠ taken · LOC 北京 [3, 5) — ann1`: what became of it first, where a long event's line is not cut off,
        and taken or dropped rather than "decided", which did not say which was chosen."""
        mark = "≠ " if not version.agreed else "= "
        state = {OPEN: self.tr("open"), TAKEN: self.tr("taken"),
                 DROPPED: self.tr("dropped")}[verdict(version, self.view.state)]
        return f"{mark}{state} · {self._what(version)} — {', '.join(version.annotators)}"

    def _what(self, version: Version) -> str:
        """The version in the interface language: `事件 action 动作 追尾撞 [47, 50) Object 对象=大客车` (core's
        `describe`, the CLI's line, said "event" and the roles in English in the Chinese window)."""
        if not isinstance(version, EventCandidate):
            return describe(version, self.text)
        e = version.event
        schema = self.session.project.schema
        event_type = schema.event_type(e.type)
        title = f"{e.type} {event_type.name_zh}".strip() if event_type is not None else e.type
        args = " ".join(f"{role_title(event_type, role)}={self.text[s:t]}" for role, s, t in e.arguments)
        head = self.tr("event %1").replace("%1", title)
        return f"{head} {self.text[e.trigger[0]:e.trigger[1]]} [{e.trigger[0]}, {e.trigger[1]}) {args}".rstrip()

    def _paint(self) -> None:
        """Every version underlined in its first annotator's colour (wavy where they differ), the current
        one filled."""
        selections = []
        current = self.current()
        for version in self.all_versions:
            start, end = (version.event.trigger if isinstance(version, EventCandidate)
                          else (version.start, version.end))
            fmt = QTextCharFormat()
            fmt.setUnderlineColor(self.colour(version.annotators[0]))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if version.agreed
                                  else QTextCharFormat.UnderlineStyle.WaveUnderline)
            if version is current:
                fill = QColor(self.colour(version.annotators[0]))
                fill.setAlpha(60)
                fmt.setBackground(fill)
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.article.document())
            cursor.setPosition(self._utf16(start))
            cursor.setPosition(self._utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.article.setExtraSelections(selections)
        if current is not None:
            start = current.event.trigger[0] if isinstance(current, EventCandidate) else current.start
            cursor = QTextCursor(self.article.document())
            cursor.setPosition(self._utf16(start))
            self.article.setTextCursor(cursor)
            self.article.ensureCursorVisible()

    def _utf16(self, offset: int) -> int:
        return offset if self._units is None else self._units[offset]

    def current(self) -> Version | None:
        """The version selected in the list."""
        row = self.versions.currentRow()
        versions = self.all_versions
        return versions[row] if 0 <= row < len(versions) else None

    def _changed(self, changes: Changes) -> None:
        if self.doc_id in changes.doc_ids:
            self.refresh()

    # -- deciding -------------------------------------------------------------------------------
    def _edit(self, text: str, step: Step) -> None:
        self.session.edit(text, step)

    def take(self) -> None:
        """Take the selected version (its rivals are dropped)."""
        v = self.current()
        if isinstance(v, EventCandidate):
            self._edit(self.tr("Take event"), lambda: self.adjudication.take_event(self.doc_id, v))
        elif v is not None:
            self._edit(self.tr("Take span"), lambda: self.adjudication.take(self.doc_id, v))

    def drop(self) -> None:
        """Drop the selected version."""
        v = self.current()
        if isinstance(v, EventCandidate):
            self._edit(self.tr("Drop event"), lambda: self.adjudication.drop_event(self.doc_id, v))
        elif v is not None:
            self._edit(self.tr("Drop span"), lambda: self.adjudication.drop(self.doc_id, v))

    def accept_agreed(self) -> None:
        """Take every version all annotators gave."""
        self._edit(self.tr("Accept what all agree on"), lambda: self.adjudication.accept_agreed(self.doc_id))

    def take_annotator(self, index: int) -> None:
        """Take everything annotator number `index` (1-based) gave."""
        names = self.view.annotators
        if 1 <= index <= len(names):
            name = names[index - 1]
            self._edit(self.tr("Take all of %1").replace("%1", name),
                       lambda: self.adjudication.take_annotator(self.doc_id, name))

    def next_open(self) -> None:
        """Select the next version still open."""
        open_ = {*self.view.open_entities, *self.view.open_events}
        versions = self.all_versions
        start = self.versions.currentRow()
        for step in range(1, len(versions) + 1):
            i = (start + step) % len(versions)
            if versions[i] in open_:
                self.versions.setCurrentRow(i)
                return

    def mark_reviewed(self) -> None:
        """Ctrl+Enter: the document is reviewed by the adjudicator (refused while versions differ)."""
        if not self.view.settled:
            differ = len(self.view.open_entities) + len(self.view.open_events)
            self.status.setText(plural(self.tr("Versions still differ: %1 version(s) to take or drop first"), differ)
                                .replace("%1", str(differ)))
            return
        if self.session.edit(self.tr("Mark reviewed"), lambda: self.adjudication.finish(self.doc_id)) is not None:
            self.finished_document.emit(self.doc_id)
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The list would take letters for its type-ahead search: the adjudication keys come first."""
        if event.type() == QEvent.Type.KeyPress and self.handle_key(cast(QKeyEvent, event)):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The adjudication keys (see the class docstring)."""
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Carry out an adjudication key; False when the key is not one."""
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        digit = Qt.Key.Key_1 <= key <= Qt.Key.Key_9
        table = (
            (enter and ctrl, self.mark_reviewed),
            ((enter or key == Qt.Key.Key_T) and not ctrl, self.take),
            (key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_D), self.drop),
            (key == Qt.Key.Key_A and not ctrl, self.accept_agreed),
            (key == Qt.Key.Key_N, self.next_open),
            (digit, lambda: self.take_annotator(key - Qt.Key.Key_0)),
            # the window's redo keys: Ctrl+Shift+Z undid a second step here, as Ctrl+Z without its Shift
            ((key == Qt.Key.Key_Z and ctrl and shift) or (key == Qt.Key.Key_Y and ctrl), self.session.redo),
            (key == Qt.Key.Key_Z and ctrl, self.session.undo),
        )
        action = next((act for wanted, act in table if wanted), None)
        if action is None:
            return False
        try:
            action()
        except AnnotatorError as exc:
            self.status.setText(error_text(exc))
        return True


PAIR_CHARS = 36  # the annotators column's widest, in average characters: two names of 16 and the slash


class AgreementView(QDialog):
    """The agreement table (pairs, per label) and the least-agreed documents; Enter opens one."""

    open_document = Signal(int)

    def __init__(self, agreement: Agreement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agreement between annotators"))
        labels = sorted({label for p in agreement.pairs for label in p.per_label})
        types = sorted({t for p in agreement.pairs for t in p.per_event_type})  # trigger F1 per event type
        self.table = QTableWidget(len(agreement.pairs), 5 + len(labels) + len(types))
        self.table.setHorizontalHeaderLabels([self.tr("Annotators"), self.tr("Documents"), self.tr("Span F1"),
                                              self.tr("Char κ"), self.tr("Triggers / arguments F1"), *labels,
                                              *types])
        left_out = [events_left_out(pair.a, pair.b, pair.no_events) for pair in agreement.pairs if pair.no_events]
        for row, pair in enumerate(agreement.pairs):
            events = ("–" if pair.trigger_f1 is None else f"{pair.trigger_f1:.3f} / {pair.argument_f1:.3f}")
            cells = [f"{pair.a} / {pair.b}", str(pair.documents), f"{pair.span_f1:.3f}",
                     "–" if pair.char_kappa is None else f"{pair.char_kappa:.3f}", events,
                     *(f"{pair.per_label[x]:.3f}" if x in pair.per_label else "" for x in labels),
                     *(f"{pair.per_event_type[t]:.3f}" if t in pair.per_event_type else "" for t in types)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    cell.setToolTip(text)  # whole on hover when a long name is cut short
                if col == 4 and pair.no_events:
                    cell.setToolTip(events_left_out(pair.a, pair.b, pair.no_events))
                self.table.setItem(row, col, cell)
        self._fit_columns()
        for col, event_type in enumerate(types, start=5 + len(labels)):
            heading = self.table.horizontalHeaderItem(col)
            if heading is not None:
                heading.setToolTip(self.tr("Trigger F1 of event type %1").replace("%1", event_type))
        alpha = "–" if agreement.alpha is None else f"{agreement.alpha:.3f}"
        self.overall = QLabel(plural(self.tr("%1 document(s) reviewed by two or more; Krippendorff's α %2"),
                                     agreement.documents).replace("%1", str(agreement.documents)).replace("%2", alpha))
        self.documents = QListWidget()
        for d in agreement.worst:
            text = self.tr("Document %1: %2 / %3, span F1 %4").replace("%1", str(d.doc_id))
            text = text.replace("%2", d.a).replace("%3", d.b).replace("%4", f"{d.span_f1:.3f}")
            if d.trigger_f1 is not None:
                text += self.tr(", triggers %1").replace("%1", f"{d.trigger_f1:.3f}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, d.doc_id)
            self.documents.addItem(item)
        self.documents.itemActivated.connect(lambda item: self._open(item))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.overall)
        self.events_note = QLabel("\n".join(left_out))  # "–" alone read as "no events to compare"
        self.events_note.setWordWrap(True)
        self.events_note.setVisible(bool(left_out))
        layout.addWidget(self.events_note)
        layout.addWidget(QLabel(self.tr("Least agreed first (Enter opens):")))
        layout.addWidget(self.documents, 1)
        self.resize(900, 600)

    def _fit_columns(self) -> None:
        """Each column as wide as its heading and cells, the table scrolling sideways when they do not fit (it cut
        every column to 100 px); the annotators' names at most PAIR_CHARS wide, cut short in the middle."""
        table = self.table
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for col in range(table.columnCount()):
            heading = table.horizontalHeaderItem(col)
            if heading is not None:
                heading.setToolTip(heading.text())
        table.resizeColumnsToContents()
        room = table.fontMetrics().averageCharWidth() * 2  # a little air between the numbers
        for col in range(table.columnCount()):
            table.setColumnWidth(col, table.columnWidth(col) + room)
        widest = table.fontMetrics().averageCharWidth() * PAIR_CHARS
        if table.columnWidth(0) > widest:
            table.setColumnWidth(0, widest)

    def _open(self, item: QListWidgetItem) -> None:
        self.open_document.emit(int(item.data(Qt.ItemDataRole.UserRole)))


def install(window: MainWindow) -> None:
    """Review → Adjudicate this document… (Ctrl+J) and View → Agreement between annotators…."""
    window.add_binding(ADJUDICATE, lambda: open_adjudication(window))
    window.add_binding(AGREEMENT, lambda: open_agreement(window))
    window.add_binding(MERGE, lambda: merge_files(window, ask_files(window)))


def ask_files(parent: QWidget) -> list[str]:
    """The annotators' project files to merge (tests replace this)."""
    # exports too (the window asks whose work each is, as `merge --annotator` says it): the filter offered *.annot only
    files, _ = QFileDialog.getOpenFileNames(parent, translate("Adjudication", "Merge annotators' project files"), "",
                                            translate("Adjudication", "Annotator projects (*.annot)") + ";;"
                                            + translate("Adjudication", "Exports (*.jsonl *.json *.conll *.zip)") + ";;"
                                            + translate("Adjudication", "All files (*)"))
    return files


def ask_annotator(parent: QWidget, file_name: str) -> str | None:
    """Whose work a file that names no annotator is (as `merge --annotator NAME` says it); None: cancelled
    (tests replace this)."""
    name, ok = QInputDialog.getText(parent, translate("Adjudication", "Whose work is it?"),
                                    translate("Adjudication", "%1 does not name its annotator. Annotator's name:")
                                    .replace("%1", file_name))
    return name.strip() if ok and name.strip() else None


def merge_files(window: MainWindow, paths: list[str]) -> list[MergeReport]:
    """Merge each file as one undoable step of the window (Ctrl+Z takes a merge back); a file that does not name
    its annotator is merged under the name the user gives."""
    session = window.session
    if session is None:
        return []
    team = session.project.team
    reports: list[MergeReport] = []

    def merge(path: str, annotator: str | None) -> Changes:  # a cancellable progress dialog; Cancel keeps nothing
        title = translate("Adjudication", "Merge %1").replace("%1", Path(path).name)
        report = with_progress(window, title, lambda progress: team.merge(path, annotator=annotator, fmt="auto",
                                                                         progress=progress))
        reports.append(report)
        return report.changes
    for path in paths:
        annotator = None
        if team.needs_annotator(path):
            annotator = ask_annotator(window, Path(path).name)
            if annotator is None:
                window.say(translate("Adjudication", "Not merged: %1 (no annotator named)").replace(
                    "%1", Path(path).name), True)
                continue
        session.edit(translate("Adjudication", "Merge %1").replace("%1", Path(path).name),
                     partial(merge, path, annotator))
    if reports:
        window.say(translate("Adjudication", "Merged: %1").replace("%1", "; ".join(_merged(r) for r in reports)))
    return reports


def _merged(report: MergeReport) -> str:
    """What merging one file did, in the interface language (as `annotator merge` says it)."""
    text = translate("Adjudication", "%1 %2 changed, %3 need adjudication").replace("%1", report.annotator)
    text = text.replace("%2", str(len(report.changed))).replace("%3", str(len(report.disputed)))
    if report.kept:
        text += translate("Adjudication", ", %1 already reviewed here kept as they are").replace(
            "%1", str(len(report.kept)))
    if report.not_reviewed:
        text += translate("Adjudication", ", %1 handed out not reviewed yet").replace(
            "%1", str(len(report.not_reviewed)))
    if report.unreviewed:  # an export's records still pre-annotated: not merged, their suggestions not rejected
        text += translate("Adjudication", ", %1 record(s) not marked reviewed left out").replace(
            "%1", str(len(report.unreviewed)))
    if report.older:
        text += translate("Adjudication", ", %1 older than the work merged before from %2, not merged").replace(
            "%1", str(len(report.older))).replace("%2", Path(report.newer_file).name)
    if not report.documents and report.file.suffix.lower() == ".annot":  # as `annotator merge` says it
        text += translate("Adjudication", " (none marked reviewed in the file: copied while open in the annotator's "
                                          "window?)")
    return text


def _current_doc(window: MainWindow) -> int | None:
    state = getattr(getattr(window, "page", None), "state", None)
    return getattr(state, "doc_id", None)


def open_adjudication(window: MainWindow, doc_id: int | None = None) -> AdjudicationDialog | None:
    """Adjudicate a document (the open one by default) that needs it."""
    session = window.session
    doc_id = doc_id if doc_id is not None else _current_doc(window)
    if session is None or doc_id is None:
        return None
    # A document settled before (adjudicated, or its annotators agreed) opens again with what became of each
    # version, so a decision can be taken back once the window that made it is closed (Ctrl+J refused it).
    if (session.project.document_rows([doc_id]).get(doc_id, {}).get("status") != ReviewStatus.NEEDS_ADJUDICATION.value
            and len(session.project.team.layers(doc_id)) < 2):
        window.say(translate("Adjudication", "This document does not need adjudication"), True)
        return None
    shown = getattr(window, "adjudication_dialog", None)
    if shown is not None and shown.isVisible() and shown.doc_id == doc_id and shown.session is session:
        shown.raise_()
        return shown
    dialog = AdjudicationDialog(session, doc_id, parent=window)
    window.adjudication_dialog = dialog
    dialog.open()
    return dialog


def offer(window: MainWindow, doc_id: int) -> None:
    """A document that needs adjudication opens with every annotator's version (the adjudication dialog)."""
    session = window.session
    if session is None:
        return
    if session.project.document_rows([doc_id]).get(doc_id, {}).get("status") == \
            ReviewStatus.NEEDS_ADJUDICATION.value:
        QTimer.singleShot(0, lambda: open_adjudication(window, doc_id))


def events_left_out(a: str, b: str, names: tuple[str, ...] | list[str]) -> str:
    """Why a pair's events are not compared, in the interface language (as `annotator agreement` says it)."""
    if len(names) > 1:
        text = translate("Adjudication", "Events left out of %1 / %2: neither gave any (an export without events, or "
                                         "none annotated)")
    else:
        text = translate("Adjudication", "Events left out of %1 / %2: %3 gave none (an export without events, or "
                                         "none annotated)").replace("%3", names[0])
    return text.replace("%1", a).replace("%2", b)


def open_agreement(window: MainWindow) -> AgreementView | None:
    """Show the agreement table; a document chosen there opens for adjudication (or review)."""
    session = window.session
    if session is None:
        return None
    view = AgreementView(session.project.team.agreement(), parent=window)

    def open_doc(doc_id: int) -> None:
        page = getattr(window, "page", None)
        if page is not None:
            page.open_document(doc_id)
        if session.project.document(doc_id).status == ReviewStatus.NEEDS_ADJUDICATION:
            open_adjudication(window, doc_id)
    view.open_document.connect(open_doc)
    window.agreement_view = view
    view.open()
    return view
