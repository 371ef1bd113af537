"""The review page of an open project: document list, article with palette, side panel, status fields."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.annotations import EntitySpan, SpanState
from annotator.core.errors import AnnotatorError, ValidationError
from annotator.gui import foresee, heap, settings
from annotator.gui.article_view import DEFAULT_POINT_SIZE, ArticleView
from annotator.gui.doclist import DocumentListPanel
from annotator.gui.docstate import DocumentState
from annotator.gui.error_text import error_text, say
from annotator.gui.highlighter import SpanStyles
from annotator.gui.i18n import origin_title, plural, status_title
from annotator.gui.panels import LabelPalette, SidePanel, plain_label
from annotator.gui.session import ProjectSession
from annotator.gui.shown import one_line
from annotator.service import Changes

BIG_DOCUMENT = 2000  # spans; above this the side panel follows edits after a short pause
PANEL_DELAY_MS = 250
PRELOAD_POLL_MS = 50  # how often a document waiting for the background load of what suggesting reads asks


class FindBar(QWidget):
    """Find in the document: Enter finds the next match, Escape closes."""

    find_requested = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in the document (Enter: next, Esc: close)"))
        self.edit.setClearButtonEnabled(True)
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip(self.tr("Close the find bar (Esc)"))
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(close)
        self.edit.returnPressed.connect(lambda: self.find_requested.emit(self.edit.text()))
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the bar."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def open_bar(self, text: str = "") -> None:
        """Show the bar with the text selected."""
        if text:
            self.edit.setText(text)
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar; the article gets the keyboard back."""
        self.hide()
        self.closed.emit()


ARTICLE_SHARE = 0.5  # the article keeps at least this share of the page's width when the window narrows


class ReviewPage(QSplitter):
    """Everything shown while a project is open; follows the session's `changed` signal."""

    message = Signal(str, bool)  # text, is an error
    document_opened = Signal(int)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.session = session
        self.project = session.project
        self.schema = self.project.schema
        self.styles = SpanStyles(self.schema)
        self.state: DocumentState | None = None
        self.doc_list = DocumentListPanel(self.project, self)
        self.view = ArticleView(self)
        self.view.set_point_size(settings.get("zoom", DEFAULT_POINT_SIZE, int))
        self.view.show_boundaries = settings.get("boundaries", True, bool)
        # Shown while no document is open: a new project's first screen says how to bring articles in.
        self.view.setPlaceholderText(self.tr("No document open. Import articles with File → Import files… (Ctrl+I) "
                                             "or Import a folder… (Ctrl+Shift+I), or drop files on the window."))
        self.palette_bar = LabelPalette(self.schema, self)
        self.title = plain_label("", self)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold; padding: 4px 6px;")
        self.title.setWordWrap(True)
        self.find_bar = FindBar(self)
        self.side = SidePanel(self.schema, self)
        center = QWidget(self)
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if session.readonly:
            banner = plain_label(self._readonly_text(), self)
            banner.setStyleSheet("background: #fff3bf; color: #5c4400; padding: 4px 8px;")
            banner.setWordWrap(True)
            column.addWidget(banner)
            self.banner = banner
        column.addWidget(self.title)
        column.addWidget(self.palette_bar)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.addWidget(self.doc_list)
        self.addWidget(center)
        self.addWidget(self.side)
        self.setStretchFactor(1, 1)
        self.setSizes([360, 720, 300])  # the events panel: 240 px wrapped each Chinese event onto 3-4 lines
        self.position_field = plain_label("", self)
        self.pending_field = plain_label("", self)
        self.span_field = plain_label("", self)
        self.saved_field = plain_label(self.tr("read-only") if session.readonly else self.tr("saved"), self)
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.timeout.connect(lambda: self.side.entities.show_state(self.state))
        # A document whose suggestions are outdated, opened before what suggesting reads once per process is loaded
        # (jieba's part-of-speech table; LAC when a model in use reads it), shows its text at once and suggests
        # afresh once the background load is done: loading them here blocked the
        # window for 0.3-1 s of CPU as the project's first document opened.
        self._preload_timer = QTimer(self)
        self._preload_timer.setInterval(PRELOAD_POLL_MS)
        self._preload_timer.timeout.connect(self._suggest_after_preload)
        self._waiting: tuple[int, tuple[int, int]] | None = None  # (document, the selection it opened with)
        self._preload_started = False  # asked for the background load (once: it reads the model's meta)
        self._wire()

    def _wire(self) -> None:
        self.session.changed.connect(self.on_changed)
        self.session.replayed.connect(self.on_replayed)
        self.doc_list.document_activated.connect(self.open_document)
        self.view.selection_changed.connect(self.update_span_field)
        self.side.entities.jump_requested.connect(self.jump_to_span)
        self.find_bar.find_requested.connect(self.find_next)
        self.find_bar.closed.connect(lambda: self.view.setFocus())
        # Escape in the project-wide find (the list's text filter) returns to the article, the filter kept.
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.doc_list.filter_text)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)
        back.activated.connect(lambda: self.view.setFocus())

    def close_find(self) -> bool:
        """Close the find bar if it is open (Escape on the article after a search); whether it was."""
        if not self.find_bar.isVisible():
            return False
        self.find_bar.close_bar()
        return True

    def status_fields(self) -> list[QWidget]:
        """The widgets the window puts in its status bar (left to right)."""
        return [self.position_field, self.pending_field, self.span_field, self.saved_field]

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrower window narrows the lists beside the article too: the splitter took it all from the
        article (a half-screen window left it a column of six characters)."""
        super().resizeEvent(event)
        sizes = self.sizes()
        total = sum(sizes)
        if len(sizes) != 3 or total <= 0 or sizes[1] >= ARTICLE_SHARE * total:
            return
        article = int(ARTICLE_SHARE * total)
        beside, lists = total - article, sizes[0] + sizes[2]
        left = sizes[0] * beside // lists if lists else beside // 2
        self.setSizes([left, article, beside - left])

    def _readonly_text(self) -> str:
        """The read-only banner, naming why when the file itself is the reason (read-only, its folder, hard links)."""
        why = self.project.readonly_reason
        if why is None or self.project.readonly_asked:
            return self.tr("Read-only: this project is open for writing elsewhere or cannot be written. "
                           "You can read and export; edits are off.")
        return self.tr("Read-only: {why}. You can read and export; edits are off.").replace("{why}", say(why))

    # -- documents ------------------------------------------------------------------------------
    def open_document(self, doc_id: int) -> bool:
        """Show a document, with the first suggestion selected."""
        if self.state is not None and self.state.doc_id == doc_id:
            self.view.setFocus()
            return True
        self._waiting = None
        later = False
        if not self.session.readonly and self.project.prelabel.suggestions_outdated(doc_id):
            later = self._preload_pending()
            if not later:
                self._suggest_afresh(doc_id)
        try:
            doc = self.project.document(doc_id)
        except AnnotatorError as exc:
            self.message.emit(error_text(exc), True)
            return False
        started = time.perf_counter()
        heap.release()
        self.state = DocumentState.from_document(doc)
        self.view.set_document(self.state, self.styles)
        first = self.state.next_suggestion(None, 0)
        if first is not None:
            self.view.select_span(first)
        else:
            self.view.verticalScrollBar().setValue(0)
        self.title.setText(one_line(doc.title or doc.name) or self.tr("document {id}").format(id=doc_id))
        self._panel_timer.stop()
        self.side.entities.show_state(self.state)
        self.doc_list.show_document(doc_id)
        self.update_fields()
        self.view.setFocus()
        settings.set_last_document(self.project.path, doc_id)
        self.last_open_seconds = time.perf_counter() - started
        if later:
            self._waiting = (doc_id, self.view.sel)
            self._preload_timer.start()
        self.document_opened.emit(doc_id)
        heap.settle()  # after the listeners, whose panels hold the document too
        return True

    def _suggest_afresh(self, doc_id: int) -> None:
        """Untouched documents pre-highlighted before a newer model suggest afresh (undoable)."""
        self.session.edit(self.tr("suggest again with the new model"), lambda: self.project.prelabel.refresh_if_outdated(doc_id),
                          lambda: self.project.triggers.suggest([doc_id], refresh=True))

    def _preload_pending(self) -> bool:
        """Whether suggesting now would load jieba's part-of-speech table, or LAC, on the window's thread."""
        try:
            return self.project.training.suggesting_pending()
        except AnnotatorError:  # a damaged model: suggesting now says so, as it did
            return False

    def _suggest_after_preload(self) -> None:
        """Load what suggesting reads in the background (started here once the document is shown, if the window
        has not yet), then suggest afresh in the document that waited for it if it is still the one open (a
        document the reviewer has edited meanwhile is no longer outdated: nothing comes)."""
        if self.project.closed:
            self._preload_timer.stop()
            return
        training = self.project.training
        if not self._preload_started:
            self._preload_started = True
            try:
                training.preload_suggesting()
            except AnnotatorError as exc:  # a model damaged since the opening: said as the window's preload says it
                self._preload_timer.stop()
                self._waiting = None
                self.message.emit(error_text(exc), True)
                return
        if training.suggesting_loading():
            return
        self._preload_timer.stop()
        waiting, self._waiting = self._waiting, None
        if waiting is None or self.state is None or self.state.doc_id != waiting[0]:
            return
        moved = self.view.sel != waiting[1]
        self._suggest_afresh(waiting[0])
        first = self.state.next_suggestion(None, 0)
        if first is not None and not moved:
            self.view.select_span(first)  # as an opening does, unless the reviewer has moved meanwhile

    def on_changed(self, changes: Changes) -> None:
        """Every view refreshes for the kinds it shows."""
        self.doc_list.on_changed(changes)
        state = self.state
        if state is not None and state.doc_id in changes.doc_ids:
            dirty = state.apply(changes)
            if dirty:
                # A bulk change of states alone (accept all) moves no span edge: the lines keep their marks.
                edges_kept = bool(changes.span_states) and not changes.spans and all(
                    s.edges_kept for s in changes.span_states)
                self.view.refresh_ranges(dirty, edges_kept=edges_kept)
                # Regrouping thousands of spans takes tens of ms: on long documents wait for a pause in typing.
                self._panel_timer.start(0 if state.span_count < BIG_DOCUMENT else PANEL_DELAY_MS)
            if "tokens" in changes.kinds:
                self.view.refresh_tokens()
            self.view.resnap()
            if not state.settled:  # the spans a bulk change left for later: made once the window has painted
                QTimer.singleShot(0, lambda: self._settle(state))
        self.update_fields()
        if changes.saved and not self.session.readonly:
            self.saved_field.setText(self.tr("saved {time}").format(time=time.strftime('%H:%M:%S')))

    def _settle(self, state: DocumentState) -> None:
        """Make what a bulk change left for after the paint (if the document is still open), count the suggestions
        the next one takes, and keep the thousands of new span copies out of the full collections as the
        document's own are (a collection of those on a key took 10-25 ms)."""
        if state is self.state:
            state.settle()
            foresee.prepare(state)
            heap.settle()

    def on_replayed(self, changes: Changes) -> None:
        """An undo or redo in another document brings that document back into view."""
        if self.state is not None and self.state.doc_id in changes.doc_ids:
            return
        docs = sorted(changes.doc_ids)
        if len(docs) == 1:
            self.open_document(docs[0])

    def jump_to_span(self, span_id: int) -> None:
        """Select a span (from the side panel)."""
        if self.state is not None and span_id in self.state.spans:
            self.view.select_span(self.state.spans[span_id])
            self.view.setFocus()

    # -- find -----------------------------------------------------------------------------------
    def find_next(self, needle: str) -> bool:
        """Select the next occurrence of `needle` after the selection (wrapping)."""
        state = self.state
        if state is None or not needle:
            return False
        at = state.text.find(needle, self.view.sel[0] + 1)
        if at < 0:
            at = state.text.find(needle)
        if at < 0:
            self.message.emit(self.tr("not found: {text}").format(text=needle), True)
            return False
        self.view.select_chars(at, at + len(needle))
        return True

    # -- status fields -----------------------------------------------------------------------------
    def update_fields(self) -> None:
        """Position in the project and suggestions left in this document."""
        state = self.state
        if state is None:
            self.position_field.setText(self.tr("no document open"))
            self.pending_field.setText("")
            return
        model = self.doc_list.model
        row = model.row_of(state.doc_id)
        where = (self.tr("document {n} of {total}").format(n=row + 1, total=model.rowCount()) if row is not None
                 else self.tr("document {id}").format(id=state.doc_id))
        self.position_field.setText(f"{where} · {status_title(state.status.value)}")
        left = state.suggestion_count()
        self.pending_field.setText(plural(self.tr("%n suggestion(s) to review", "", left), left) if left
                                   else self.tr("no suggestions left"))
        self.update_span_field()

    def update_span_field(self) -> None:
        """The label of the span under the cursor (and the palette marks it)."""
        state = self.state
        if state is None:
            self.span_field.setText("")
            return
        start, end = self.view.sel
        text = state.text[start:end].replace("\n", " ")
        if len(text) > 24:
            text = text[:23] + "…"
        span = self.target_span()
        if span is None:
            self.span_field.setText(self.tr("「{text}」 no label").format(text=text))
            self.palette_bar.mark(None)
            return
        label = self.schema.label(span.label)
        name = f"{span.label} {label.name_zh}" if label else span.label
        what = self.tr("suggestion") if span.state == SpanState.SUGGESTED else status_title(span.state.value)
        origin = self.tr(" from {engine}").format(engine=origin_title(span.origin)) if span.origin != "manual" else ""
        self.span_field.setText(f"{name} · {what}{origin} · 「{state.text[span.start:span.end]}」")
        self.palette_bar.mark(span.label)

    def target_span(self) -> EntitySpan | None:
        """The span an action applies to: the selected one, else the one exactly or most closely around the selection."""
        state = self.state
        if state is None:
            return None
        if self.view.current_span is not None:
            span = state.span(self.view.current_span)
            if span is not None and span.is_live:
                return span
        exact = state.exact_span(*self.view.sel)
        if exact is not None:
            return exact
        covering = state.spans_covering(*self.view.sel)
        return covering[0] if covering else None

    def report(self, exc: AnnotatorError) -> bool:
        """Show an edit's error: refusals in the status bar, anything else in a dialog (returns True if shown)."""
        if isinstance(exc, ValidationError) or self.session.readonly:
            self.message.emit(error_text(exc), True)
            return True
        return False
