"""The document list: a table model over ids whose rows are fetched on demand, with filters and progress."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.annotations import ReviewStatus
from annotator.gui.i18n import QT_TRANSLATE_NOOP, status_title, translate
from annotator.gui.shown import one_line
from annotator.service import Changes, Project

CHUNK = 200  # rows fetched from the project at a time
CACHE_LIMIT = 20_000
COLUMNS = (("id", "#"), ("title", QT_TRANSLATE_NOOP("DocumentList", "Title")),
           ("status", QT_TRANSLATE_NOOP("DocumentList", "Status")),
           ("n_suggested", QT_TRANSLATE_NOOP("DocumentList", "Sugg.")),
           ("n_entities", QT_TRANSLATE_NOOP("DocumentList", "Ent.")), ("n_events", QT_TRANSLATE_NOOP("DocumentList", "Ev.")))
HEADER_TIPS = (QT_TRANSLATE_NOOP("DocumentList", "document id"), QT_TRANSLATE_NOOP("DocumentList", "title"),
               QT_TRANSLATE_NOOP("DocumentList", "review status"),
               QT_TRANSLATE_NOOP("DocumentList", "suggestions still to review"),
               QT_TRANSLATE_NOOP("DocumentList", "accepted entities"),
               QT_TRANSLATE_NOOP("DocumentList", "accepted events"))
NUMERIC = {"id", "n_suggested", "n_entities", "n_events"}
STATUS = 2  # the status column
TITLE_ROOM = 6  # characters of a title the status column leaves room for
STATUS_COLORS = {"new": "#777777", "pre-annotated": "#9a6700", "in-review": "#1d5fd1", "reviewed": "#1a7f37",
                 "skipped": "#8c959f", "needs-adjudication": "#cf222e"}
TO_DO = tuple(s.value for s in ReviewStatus if s not in (ReviewStatus.REVIEWED, ReviewStatus.SKIPPED))
INACTIVE_ROW = QColor("#d5dbe3")  # the chosen document while the list has not the keys
Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    """Ids of the matching documents in order; each row's columns are read from the project when shown."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.statuses: tuple[str, ...] = ()
        self.text = ""
        self.order_by = "id"
        self.descending = False
        self.ids: list[int] = []
        self._rows: dict[int, dict[str, Any]] = {}
        self._position: dict[int, int] | None = None
        self.reload()

    # -- what is listed ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Query the ids again (after a filter, a sort or an import)."""
        self.beginResetModel()
        self.ids = self.project.document_ids(statuses=self.statuses, text=self.text, order_by=self.order_by,
                                             descending=self.descending)
        self._rows.clear()
        self._position = None
        self.endResetModel()

    def set_filter(self, *, statuses: tuple[str, ...] | None = None, text: str | None = None) -> None:
        """Show only documents in these statuses (empty: all) containing this text."""
        if statuses is not None:
            self.statuses = statuses
        if text is not None:
            self.text = text
        self.reload()

    def row_of(self, doc_id: int) -> int | None:
        """The row showing a document, if it is listed."""
        if self._position is None:
            self._position = {d: i for i, d in enumerate(self.ids)}
        return self._position.get(doc_id)

    def doc_id(self, row: int) -> int | None:
        """The document on a row."""
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def on_changed(self, changes: Changes) -> bool:
        """Forget the rows an edit touched (read again when next asked for), or re-query when documents came or
        went. True when the views are still to be told which rows changed (`rows_changed`)."""
        if "documents" in changes.kinds and changes.action.startswith("import"):
            self.reload()
            return False
        for doc_id in changes.doc_ids:
            self._rows.pop(doc_id, None)
        return True

    def rows_changed(self, doc_ids: frozenset[int]) -> None:
        """Tell the views these documents' rows changed (they read them again at once)."""
        for doc_id in doc_ids:
            row = self.row_of(doc_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _row(self, row: int) -> dict[str, Any] | None:
        doc_id = self.ids[row]
        cached = self._rows.get(doc_id)
        if cached is None:
            if len(self._rows) > CACHE_LIMIT:
                self._rows.clear()
            first = row - row % CHUNK
            wanted = [d for d in self.ids[first:first + CHUNK] if d not in self._rows]
            self._rows.update(self.project.document_rows(wanted))
            cached = self._rows.get(doc_id)
        return cached

    # -- Qt's model interface -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """Listed documents (a table: no children)."""
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """Columns shown."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell: plain text (titles are never markup), alignment, status colour, full title as tooltip."""
        if not index.isValid() or not (0 <= index.row() < len(self.ids)) or not 0 <= index.column() < len(COLUMNS):
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if key in NUMERIC else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole and key != "title":
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(STATUS_COLORS.get(row["status"], "#000000")) if key == "status" else None
        value = row[key]
        if key == "title":
            title = one_line(value or row["name"] or "") or translate("DocumentList", "(untitled)")
            # The column is narrow (three characters of a title in English beside its status): the whole title on
            # hover, escaped inside a paragraph so a title that looks like markup stays literal and a long one wraps.
            return f"<p>{html.escape(title)}</p>" if role == Qt.ItemDataRole.ToolTipRole else title
        if key == "status":
            return status_title(value)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column names (and what they count, as tooltips)."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            title = translate("DocumentList", COLUMNS[section][1])
            if COLUMNS[section][0] != self.order_by:
                return title
            return f"{title} {'▼' if self.descending else '▲'}"  # the sort, in the title: see DocumentListPanel
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("DocumentList", HEADER_TIPS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, not editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the project (SQL), not in memory."""
        if not 0 <= column < len(COLUMNS):
            return
        self.order_by = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        docs = [(self.doc_id(i.row()), i.column()) for i in old]
        self.ids = self.project.document_ids(statuses=self.statuses, text=self.text, order_by=self.order_by,
                                             descending=self.descending)
        self._position = None
        rows = [(self.row_of(d) if d is not None else None, c) for d, c in docs]
        moved = [self.index(r, c) if r is not None else QModelIndex() for r, c in rows]
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class DocumentListPanel(QWidget):
    """The list with its text and status filters and the review progress."""

    document_activated = Signal(int)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.model = DocumentListModel(project, self)
        self.filter_text = QLineEdit(self)
        self.filter_text.setPlaceholderText(self.tr("Filter by text…"))
        self.filter_text.setClearButtonEnabled(True)
        self.filter_status = QComboBox(self)
        self.filter_status.addItem(self.tr("All"), ())
        self.filter_status.addItem(self.tr("To do"), TO_DO)
        for status in ReviewStatus:
            self.filter_status.addItem(status_title(status.value), (status.value,))
        self.progress = QProgressBar(self)
        self.progress.setFormat(self.tr("reviewed %v / %m"))
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # The header's own sort arrow made every column the width of its title plus an arrow's room (26 px each):
        # the counts took the title's room, which showed four characters of a headline beside them (58 px of the
        # English list's 344, 26 px of the Chinese one's 261 in a 1024-px window). The sorted column's title
        # carries the arrow instead (DocumentListModel.headerData), and only it is that much wider.
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        # The chosen row greys while the keys are elsewhere (as the article's outline does), so a reviewer sees
        # whether ↑/↓ move in the list or in the article; the style's own inactive colour is its active one.
        palette = self.table.palette()
        palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, INACTIVE_ROW)
        palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText,
                         palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
        self.table.setPalette(palette)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # The status gives way to the title in a narrow list (its colour still tells it): fit_status.
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Fixed)
        self._fit_soon = QTimer(self, singleShot=True, interval=0)
        self._fit_soon.timeout.connect(self.fit_status)
        header.sectionResized.connect(self._section_resized)
        for signal in (self.model.modelReset, self.model.layoutChanged, self.model.rowsInserted):
            signal.connect(lambda *_: self._fit_soon.start())
        self.table.installEventFilter(self)
        # Size the columns from a screenful of rows: measuring every fetched row cost 0.4 s on 100k documents.
        header.setResizeContentsPrecision(40)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_text, 1)
        filters.addWidget(self.filter_status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._apply_filter)
        self.filter_text.textChanged.connect(lambda _text: self._debounce.start())
        self.filter_text.returnPressed.connect(self._apply_filter)
        self.filter_status.currentIndexChanged.connect(self._apply_filter)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.update_progress()

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != STATUS:  # a count's or the id's width follows its rows: the status fits after it
            self._fit_soon.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The list resized (the splitter, the window): the status column fits again."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self.fit_status()
        return False

    def fit_status(self) -> None:
        """The status column as wide as its words, but never so wide that the title keeps fewer than
        TITLE_ROOM characters: in English "pre-annotated" left one character of a headline in a 1024-px window."""
        if self.project.closed:  # a fit left for after the project closed: its rows are gone
            return
        table, header = self.table, self.table.horizontalHeader()
        natural = max(table.sizeHintForColumn(STATUS), header.sectionSizeHint(STATUS))
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c not in (1, STATUS))
        room = table.viewport().width() - others - table.fontMetrics().horizontalAdvance("中" * TITLE_ROOM)
        width = max(min(natural, room), header.minimumSectionSize())
        if header.sectionSize(STATUS) != width:
            header.resizeSection(STATUS, width)

    def _apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(statuses=tuple(self.filter_status.currentData() or ()),
                              text=self.filter_text.text().strip())

    def _activated(self, index: QModelIndex) -> None:
        doc_id = self.model.doc_id(index.row())
        if doc_id is not None:
            self.document_activated.emit(doc_id)

    def show_document(self, doc_id: int) -> None:
        """Select the row of the open document (without re-opening it)."""
        row = self.model.row_of(doc_id)
        if row is None:
            self.table.clearSelection()
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def on_changed(self, changes: Changes) -> None:
        """Rows and progress follow every edit. The table hears of the edited rows after the article's paint (a
        zero timer): it reads them at once (from the file, which runs a waiting write first) and measures its
        columns again, ~3 ms of a one-key edit; it is repainted there, while idle, not with the next key."""
        if self.model.on_changed(changes):
            QTimer.singleShot(0, self, lambda: self._rows_changed(changes.doc_ids))
        if changes.kinds & {"documents", "status"}:
            if self.project.writing:  # counting reads the file, which would write the edit before it is painted
                QTimer.singleShot(0, lambda: None if self.project.closed else self.update_progress())
            else:
                self.update_progress()

    def _rows_changed(self, doc_ids: frozenset[int]) -> None:
        if self.project.closed:
            return
        self.model.rows_changed(doc_ids)
        if self.table.isVisible():
            self.table.repaint()

    def update_progress(self) -> None:
        """Reviewed / total in the progress bar."""
        counts = self.project.status_counts()
        total = sum(counts.values())
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(counts.get(ReviewStatus.REVIEWED.value, 0))
        self.progress.setFormat(self.tr("reviewed %v / {total}").format(total=total))
