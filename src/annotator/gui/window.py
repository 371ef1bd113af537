"""The main window: menus and keys from one table, the start page or the review page, files dropped in."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QKeyCombination, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from annotator.core.errors import AnnotatorError, ProjectLockedError
from annotator.gui import dialogs, heap, i18n, settings
from annotator.gui.actions import ReviewActions
from annotator.gui.adjudication import install as install_adjudication
from annotator.gui.adjudication import offer as offer_adjudication
from annotator.gui.app import app_icon
from annotator.gui.article_view import DEFAULT_POINT_SIZE
from annotator.gui.error_text import error_text
from annotator.gui.event_actions import EventActions
from annotator.gui.fileactions import FileActions
from annotator.gui.i18n import QT_TRANSLATE_NOOP
from annotator.gui.keys import (
    BINDINGS,
    WINDOW,
    Binding,
    event_bindings,
    key_code_of,
    key_text,
    label_bindings,
)
from annotator.gui.live_stats import LiveLine
from annotator.gui.page import ReviewPage
from annotator.gui.retrain import install as install_retraining
from annotator.gui.review_order import install as install_review_order
from annotator.gui.schema_views import install as install_schema_menu
from annotator.gui.session import ProjectSession
from annotator.gui.startpage import StartPage
from annotator.gui.statistics_view import StatisticsView
from annotator.gui.statistics_view import install as install_statistics
from annotator.gui.status_room import StatusRoom
from annotator.service import Project

if TYPE_CHECKING:
    from annotator.gui.adjudication import AdjudicationDialog, AgreementView
    from annotator.gui.retrain import Retrainer
    from annotator.gui.schema_dialog import SchemaDialog

MENUS = ("File", "Edit", "View", "Review", "Tools", "Help")
MENU_TITLES = {"File": QT_TRANSLATE_NOOP("MainWindow", "&File"), "Edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
               "View": QT_TRANSLATE_NOOP("MainWindow", "&View"), "Review": QT_TRANSLATE_NOOP("MainWindow", "&Review"),
               "Tools": QT_TRANSLATE_NOOP("MainWindow", "&Tools"), "Help": QT_TRANSLATE_NOOP("MainWindow", "&Help")}


def key_code(event: QKeyEvent) -> int:
    """A key event as the combined int QKeySequence uses (Backtab is Shift+Tab, keypad keys are keys)."""
    key = Qt.Key(event.key())
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if key == Qt.Key.Key_Backtab:
        key, mods = Qt.Key.Key_Tab, mods | Qt.KeyboardModifier.ShiftModifier
    return QKeyCombination(mods, key).toCombined()


class MainWindow(FileActions, QMainWindow):
    """One window; one project at a time."""

    # Set by the modules that add them (install() of retrain, schema_views, adjudication).
    retrainer: Retrainer
    schema_dialog: SchemaDialog
    adjudication_dialog: AdjudicationDialog
    agreement_view: AgreementView

    def __init__(self, *, ask_reviewer: bool = True) -> None:
        super().__init__()
        self.setWindowTitle("annotator")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.ask_reviewer = ask_reviewer
        self.session: ProjectSession | None = None
        self.page: ReviewPage | None = None
        self.actions_: ReviewActions | None = None
        self.events_: EventActions | None = None
        self.extra: list[tuple[Binding, Callable[..., object]]] = []
        # Menu entries shown with a check mark: the action's name -> whether it is checked now.
        self.checks: dict[str, Callable[[], bool]] = {}
        self.enabled: dict[str, Callable[[], bool]] = {}  # action -> whether its entry may be chosen now
        self.bindings: list[Binding] = []
        self._keymap: dict[int, Binding] = {}
        self.start = StartPage(self)
        self.start.open_requested.connect(self.open_project)
        self.start.new_requested.connect(self.new_project)
        self.start.browse_requested.connect(self.open_project_dialog)
        self.start.demo_requested.connect(self.open_demo)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.resize(1400, 860)
        self._build_menus()
        install_schema_menu(self)
        install_retraining(self)  # sets self.retrainer
        install_adjudication(self)  # Review → Adjudicate (Ctrl+J), View → Agreement
        install_review_order(self)  # Review → next document in file order / most informative first
        self.statistics_view: StatisticsView | None = None
        install_statistics(self)  # Tools → Statistics…
        self.live_line = LiveLine(self)  # the session's reviewed documents and decided suggestions
        self.statusBar().addPermanentWidget(self.live_line)
        self.status_room = StatusRoom(self.statusBar(), self._status_fields,
                                      lambda: [self.live_line, *([self.page.span_field] if self.page else [])])

    def _status_fields(self) -> list[QWidget]:
        """The status bar's permanent fields, left to right."""
        return [self.live_line, *(self.page.status_fields() if self.page is not None else [])]

    # -- the shortcut table -------------------------------------------------------------------------
    def add_binding(self, binding: Binding, handler: Callable[..., object]) -> None:
        """Add a key and menu entry (e.g. `E` for a new event) handled by `handler`."""
        self.extra.append((binding, handler))
        self._build_menus()

    def rebuild_menus(self) -> None:
        """Build the menus again (e.g. a checked entry changed)."""
        self._build_menus()

    def refresh_enabled(self) -> None:
        """Enable or grey out the entries `enabled` decides (Stop retraining while nothing trains)."""
        for menu in self.menuBar().findChildren(QMenu):
            for action in menu.actions():
                can = self.enabled.get(action.data()) if isinstance(action.data(), str) else None
                if can is not None:
                    action.setEnabled(can())

    def _handler(self, action: str) -> Callable[..., object] | None:
        for binding, handler in self.extra:
            if binding.action == action:
                return handler
        own = getattr(self, f"do_{action}", None)
        if own is not None:
            return own
        for target in (self.events_, self.actions_):  # event keys first: Tab, Enter, Esc mean more there
            found = getattr(target, action, None) if target is not None else None
            if found is not None:
                return found
        return None

    def run(self, binding: Binding) -> None:
        """Carry out a binding's action."""
        handler = self._handler(binding.action)
        if handler is None:
            return
        try:
            handler(binding.arg) if binding.arg is not None else handler()
        except AnnotatorError as exc:
            self.show_error(error_text(exc))

    def handle_key(self, event: QKeyEvent) -> bool:
        """The article's keys (and window keys a shortcut did not catch) looked up in the table."""
        binding = self._keymap.get(key_code(event))
        if binding is None:
            return False
        self.run(binding)
        return True

    def _build_menus(self) -> None:
        schema = self.session.project.schema if self.session else None
        self.bindings = [*BINDINGS, *(label_bindings(schema) if schema else []),
                         *(event_bindings(schema) if schema else []), *(b for b, _ in self.extra)]
        self._keymap = {}
        for binding in self.bindings:
            for key in binding.keys:
                self._keymap.setdefault(key_code_of(key), binding)
        for action in list(self.actions()):
            self.removeAction(action)
        bar = self.menuBar()
        bar.clear()
        menus = {name: bar.addMenu(i18n.translate("MainWindow", MENU_TITLES[name])) for name in MENUS}
        labels = menus["Review"].addMenu(self.tr("Label as")) if schema else None
        # Quit comes last in File, after the entries the window's parts add (Merge annotators' project files…).
        for binding in sorted(self.bindings, key=lambda b: b.action == "quit"):
            if not binding.menu:
                continue
            target = labels if binding.action == "label" and labels is not None else menus[binding.menu]
            if binding.action == "quit":
                target.addSeparator()
            self._menu_action(target, binding)
            if binding.action == "open_project":
                self._recent_menu(menus["File"])
        self.toggle_boundaries_action = next(
            (a for a in menus["View"].actions() if a.data() == "toggle_boundaries"), None)
        if self.toggle_boundaries_action is not None:
            self.toggle_boundaries_action.setCheckable(True)
            self.toggle_boundaries_action.setChecked(settings.get("boundaries", True, bool))
        self._follow_undo_texts(menus["Edit"])
        enabled = self.session is not None
        for menu in (menus["Edit"], menus["Review"]):
            menu.setEnabled(enabled)
        for action in menus["View"].actions():  # the language can be chosen with no project open
            action.setEnabled(enabled)
        self._language_menu(menus["View"])

    def _follow_undo_texts(self, edit_menu: QMenu) -> None:
        """Undo/Redo name the edit they would undo or redo, and are greyed out when there is none."""
        if self.session is None:
            return
        stack = self.session.undo_stack
        for action in edit_menu.actions():
            if action.data() in ("undo", "redo"):
                verb, can, text = ((self.tr("Undo"), stack.canUndo, stack.undoText) if action.data() == "undo"
                                   else (self.tr("Redo"), stack.canRedo, stack.redoText))

                def update(_: int | None = None, action: QAction = action, verb: str = verb,
                           can: Callable[[], bool] = can, text: Callable[[], str] = text) -> None:
                    action.setText(f"{verb} {text()}".strip().replace("&", "&&"))
                    action.setEnabled(can())
                stack.indexChanged.connect(update)
                update()

    def _menu_action(self, menu: QMenu, binding: Binding) -> QAction:
        action = QAction(binding.title.replace("&", "&&"), self)
        action.setData(binding.action)
        checked = self.checks.get(binding.action)
        if checked is not None:
            action.setCheckable(True)
            action.setChecked(checked())
        can = self.enabled.get(binding.action)
        if can is not None:
            action.setEnabled(can())
        if binding.scope == WINDOW:
            action.setShortcuts([QKeySequence(k) for k in binding.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        elif binding.keys:
            action.setText(f"{action.text()}\t{key_text(binding.keys[0])}")  # shown, handled by the article
        action.triggered.connect(lambda _=False, b=binding: self.run(b))
        menu.addAction(action)
        return action

    def _recent_menu(self, file_menu: QMenu) -> None:
        recent = file_menu.addMenu(self.tr("Recent projects"))
        for path in settings.recent_projects():
            action = recent.addAction(path.replace("&", "&&"))
            action.triggered.connect(lambda _=False, p=path: self.open_project(Path(p)))
        recent.setEnabled(bool(recent.actions()))

    def _language_menu(self, view_menu: QMenu) -> None:
        """View → Language: 中文 / English, switched at once and remembered."""
        view_menu.addSeparator()
        menu = view_menu.addMenu(self.tr("Language"))
        for code, name in i18n.LANGUAGES.items():
            action = menu.addAction(name)
            action.setData(f"language:{code}")
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _=False, c=code: i18n.switch(c))

    def changeEvent(self, event: QEvent) -> None:
        """A language switch: menus, start page and review page are rebuilt in the new language."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Show every text in the interface language (the undo history and the open document stay)."""
        self.start.retranslate()
        if self.session is not None and self.page is not None:
            doc = self.page.state.doc_id if self.page.state is not None else None
            self._remove_page()
            self._show_page(doc)
        self._build_menus()
        self._update_title()

    # -- projects -------------------------------------------------------------------------------
    def open_project(self, path: Path | str, *, doc_id: int | None = None, readonly: bool = False) -> bool:
        """Open a project (closing the one open); errors become a dialog and False."""
        path = Path(path)
        if self._is_open(path) and not readonly:
            # File → Recent projects, Open or a dropped file naming the project shown here: it is open already
            # (opening it again was refused as "open for writing by <you>, close it there first").
            if doc_id is not None and self.page is not None:
                self.page.open_document(doc_id)
            return True
        user = self.reviewer_name()
        try:
            project = Project.open(path, readonly=readonly, user=user)
        except ProjectLockedError as exc:
            if not dialogs.ask_yes_no(self, error_text(exc) + "\n\n" + self.tr("Open it read-only to look at it?")):
                if dialogs.is_headless():
                    self.show_error(error_text(exc))  # nobody saw the question: say why nothing opened
                return False
            return self.open_project(path, doc_id=doc_id, readonly=True)
        except AnnotatorError as exc:
            self.show_error(error_text(exc))
            return False
        self.close_project()
        self.session = ProjectSession(project, self)
        self.session.failed.connect(self._edit_failed)
        self.retrainer.attach(self.session)
        self.live_line.attach(self.session)
        settings.add_recent(path)
        self._show_page(doc_id or settings.last_document(path))
        if not readonly:
            # Once the first document is shown: a load beside its opening slowed it (the import of onnxruntime
            # holds the interpreter); a first document that suggests afresh waits for it (gui/page.py).
            QTimer.singleShot(0, self.preload_suggesting)
        if readonly:
            self.say(self.tr("opened read-only: look, export, but no edits"), True)
        return True

    def _is_open(self, path: Path) -> bool:
        """Whether `path` names the project open in this window (another spelling of it included)."""
        if self.session is None:
            return False
        try:
            return path.samefile(self.session.project.path)
        except OSError:  # no such file: Project.open says so
            return False

    def preload_suggesting(self) -> None:
        """Start loading what suggesting reads once per process in the background (service/suggest_preload.py)."""
        if self.session is None or self.session.readonly:  # closed before the timer fired, or never suggests
            return
        try:
            self.session.project.training.preload_suggesting()
        except AnnotatorError as exc:  # a damaged model file: said now, and again where it is used
            self.say(error_text(exc), True)

    def _show_page(self, first: int | None) -> None:
        """The review page of the open session, on document `first` (else the next one to do)."""
        assert self.session is not None  # called once a project is open
        project = self.session.project
        self.page = page = ReviewPage(self.session, self)
        page.message.connect(self.say)
        page.view.key_handler = self.handle_key
        page.view.context_menu_requested.connect(self._context_menu)
        page.palette_bar.label_clicked.connect(lambda key: self.run(Binding("label", "", arg=key)))
        self.actions_ = ReviewActions(page)
        self.events_ = EventActions(page, self.actions_)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        for widget in page.status_fields():
            self.statusBar().addPermanentWidget(widget)
        page.document_opened.connect(lambda _doc: self._update_title())
        page.document_opened.connect(lambda doc: offer_adjudication(self, doc))
        self._build_menus()
        if first is None or not page.open_document(first):
            first = project.next_document(None) or next(iter(project.document_ids()), None)
            if first is not None:
                page.open_document(first)
        page.update_fields()
        self._update_title()

    def _remove_page(self) -> None:
        assert self.page is not None and self.events_ is not None  # called while a project is open
        self.events_.detach()
        for widget in self.page.status_fields():
            self.statusBar().removeWidget(widget)
        self.stack.removeWidget(self.page)
        self.page.deleteLater()
        self.page = self.actions_ = self.events_ = None

    def close_project(self) -> None:
        """Close the open project (an edit still being written is written first, while its views can follow
        a failure)."""
        if self.session is None:
            return
        self.session.flush()
        self.retrainer.detach()  # a training still running is killed, its result ignored
        self.live_line.detach()
        if self.statistics_view is not None:
            self.statistics_view.close()
            self.statistics_view = None
        self._remove_page()
        self.session.close()
        self.session = None
        heap.release()  # the closed document's cycles are the collector's again
        self.stack.setCurrentWidget(self.start)
        self.start.refresh()
        self._build_menus()
        self._update_title()

    def reviewer_name(self) -> str:
        """The reviewer's name: asked once, then kept in QSettings."""
        name = settings.reviewer()
        if name or not self.ask_reviewer:
            return name or getpass.getuser()
        asked = dialogs.ReviewerDialog.ask(self, getpass.getuser())
        if asked:
            settings.set_reviewer(asked)
            return asked
        return getpass.getuser()

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle("annotator")
            return
        state = self.page.state if self.page else None
        doc = f"{state.title} — " if state is not None and state.title else ""
        flag = self.tr(" [read-only]") if self.session.readonly else ""
        self.setWindowTitle(f"{doc}{self.session.project.path.name}{flag} — annotator")

    # -- messages -------------------------------------------------------------------------------
    def say(self, text: str, error: bool = False) -> None:
        """A passing message in the status bar (errors in red and for longer)."""
        bar = self.statusBar()
        if bar.property("error") != error:  # a style sheet set again re-styles the bar: ms of a key's budget
            bar.setStyleSheet("QStatusBar { color: #b42318; }" if error else "")
            bar.setProperty("error", error)
        bar.showMessage(text, 9000 if error else 5000)

    def show_error(self, message: str) -> None:
        """A plain error dialog."""
        dialogs.show_error(self, message)

    def _edit_failed(self, exc: AnnotatorError) -> None:
        if self.page is None or not self.page.report(exc):
            self.show_error(error_text(exc))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        labels = menu.addMenu(self.tr("Label as"))
        for binding in self.bindings:
            if (binding.menu == "Review" and binding.scope != WINDOW) or binding.action == "copy":
                text = binding.title + (f"\t{key_text(binding.keys[0])}" if binding.keys else "")
                target = labels if binding.action == "label" else menu
                action = target.addAction(text.replace("&", "&&"))
                action.triggered.connect(lambda _=False, b=binding: self.run(b))
        self.context_menu = menu  # kept so tests can look at it
        menu.popup(pos)

    # -- window-level handlers (do_<action>) ----------------------------------------------------------
    def do_shortcuts(self) -> None:
        """Show every shortcut."""
        dialogs.ShortcutSheet(self.bindings, self).exec()

    def do_about(self) -> None:
        """What annotator is, its version, and where the reviewer's settings and the open project are."""
        dialogs.show_about(self, self.session.project.path if self.session is not None else None)

    def do_undo(self) -> None:
        """Undo the last edit (in any document)."""
        if self.session is not None:
            self.session.undo()

    def do_redo(self) -> None:
        """Redo the last undone edit."""
        if self.session is not None:
            self.session.redo()

    def do_find(self) -> None:
        """Find in the document."""
        if self.page is not None:
            self.page.find_bar.open_bar(self.page.view.selected_text() if self.page.view.char_mode else "")

    def do_find_next(self) -> None:
        """Find the next match."""
        if self.page is not None:
            self.page.find_next(self.page.find_bar.edit.text())

    def do_find_project(self) -> None:
        """Find across the project: the document list's text filter."""
        if self.page is not None:
            box = self.page.doc_list.filter_text
            if self.page.view.char_mode:
                box.setText(self.page.view.selected_text())
            box.setFocus()
            box.selectAll()

    def do_zoom_in(self) -> None:
        """Larger article text."""
        self._zoom(+1)

    def do_zoom_out(self) -> None:
        """Smaller article text."""
        self._zoom(-1)

    def do_zoom_reset(self) -> None:
        """Article text at its default size."""
        self._zoom(0)

    def _zoom(self, step: int) -> None:
        if self.page is None:
            return
        view = self.page.view
        view.set_point_size(view.point_size() + step if step else DEFAULT_POINT_SIZE)
        settings.put("zoom", view.point_size())

    def do_toggle_boundaries(self) -> None:
        """Token boundary marks on or off."""
        if self.page is None:
            return
        view = self.page.view
        view.show_boundaries = not view.show_boundaries
        settings.put("boundaries", view.show_boundaries)
        if self.toggle_boundaries_action is not None:
            self.toggle_boundaries_action.setChecked(view.show_boundaries)
        view.viewport().update()

    def do_focus_list(self) -> None:
        """Keyboard to the document list."""
        if self.page is not None:
            self.page.doc_list.table.setFocus()

    def do_focus_article(self) -> None:
        """Keyboard to the article."""
        if self.page is not None:
            self.page.view.setFocus()

    # -- closing -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Release the project (its lock) when the window closes."""
        self.close_project()
        super().closeEvent(event)

