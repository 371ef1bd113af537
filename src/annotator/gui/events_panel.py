"""The side panel's events tab: each event with its trigger, its arguments by role, and its warnings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QVBoxLayout, QWidget

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, SpanState
from annotator.core.events import EventWarning
from annotator.core.schema import EventType, Schema
from annotator.gui.i18n import plural, translate, warning_text
from annotator.gui.panels import plain_label
from annotator.gui.shown import one_line

# Strong, distinct, and none blue: blue is the selection's colour.
ROLE_COLORS = ("#c2185b", "#2e7d32", "#e65100", "#6a1b9a", "#00838f", "#6d4c41", "#827717", "#455a64")
WARNING_COLOR = "#b42318"
HINT_COLOR = "#7a6a00"
ITEM_ROLE = Qt.ItemDataRole.UserRole  # (event id, span id or None)
Index = QModelIndex | QPersistentModelIndex
# Made once: the view asks for every row's flags as it lays them out.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
CLIP = 80  # characters of an argument shown in a row (a long one whole in its tooltip)


def role_color(event_type: EventType | None, role: str) -> str:
    """A strong colour per role, by its place in the event type (the badges in the text use the same)."""
    names = event_type.role_names if event_type is not None else ()
    i = names.index(role) if role in names else len(names) + sum(map(ord, role))
    return ROLE_COLORS[i % len(ROLE_COLORS)]


def role_title(event_type: EventType | None, role: str) -> str:
    """`Place 地点`: the role's name and its Chinese name."""
    found = event_type.role(role) if event_type is not None else None
    return f"{role} {found.name_zh}".strip() if found is not None else role


def event_title(schema: Schema, event: Event) -> str:
    """`Contact:Meet 会见`."""
    event_type = schema.event_type(event.type)
    return f"{event.type} {event_type.name_zh}".strip() if event_type is not None else translate("EventsPanel", "{type} (unknown)").format(type=event.type)


def clip(text: str, limit: int = CLIP) -> str:
    """One line of at most `limit` characters."""
    return one_line(text, limit)


@dataclass(frozen=True)
class EventRow:
    """What the panel shows of one event (kept so tests and the window can read it back)."""

    event_id: int
    title: str
    trigger: str
    arguments: tuple[tuple[str, str, int], ...]  # (role, text, span id); rejected ones left out
    warnings: tuple[EventWarning, ...]
    suggested: bool = False  # a suggestion still to decide (Enter on its trigger accepts it)
    undecided: tuple[tuple[str, int], ...] = ()  # (role, span id) of its suggested arguments


_SWATCHES: dict[str, QPixmap] = {}


def _swatch(color: str) -> QPixmap:
    pixmap = _SWATCHES.get(color)
    if pixmap is None:
        pixmap = _SWATCHES[color] = QPixmap(12, 12)
        pixmap.fill(QColor(color))
    return pixmap


@dataclass(frozen=True)
class _Line:
    """What one row of the tree shows: an event's, or one of its arguments' or warnings'."""

    text: str
    tip: str
    ids: tuple[int, int | None]  # (event id, span id or None): ITEM_ROLE
    font: QFont | None = None
    color: str | None = None
    icon: str | None = None  # the swatch's colour


class EventsModel(QAbstractListModel):
    """The panel's rows, one list: each event, then its arguments and warnings (drawn indented). Each row's text
    is made when the view first asks for it, so a long article's thousand events cost a reset, not a thousand
    widget items, and not a tree to expand (laying out a thousand expanded events took ~35 ms): the view lays
    out the rows and measures only those it shows."""

    def __init__(self, panel: EventsPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        self._lines: dict[int, tuple[_Line, list[_Line]]] = {}
        self._places: list[tuple[int, int]] = []  # per row: (its event's number, -1 or its place under the event)
        self._starts: list[int] = []  # per event: its row

    def reset(self) -> None:
        """The panel's rows changed: every row is asked for again."""
        self.beginResetModel()
        self._lines.clear()
        places: list[tuple[int, int]] = []
        starts: list[int] = []
        for i, row in enumerate(self._panel.rows):
            starts.append(len(places))
            places.append((i, -1))
            places.extend((i, j) for j in range(len(row.arguments) + len(row.warnings)))
        self._places, self._starts = places, starts
        self.endResetModel()

    def event_index(self, number: int) -> QModelIndex:
        """The row of the panel's event `number` (in the panel's order)."""
        return self.index(self._starts[number], 0)

    def child_indexes(self, number: int) -> list[QModelIndex]:
        """The rows under event `number`: its arguments, then its warnings."""
        first = self._starts[number] + 1
        last = self._starts[number + 1] if number + 1 < len(self._starts) else len(self._places)
        return [self.index(row, 0) for row in range(first, last)]

    def is_child(self, index: Index) -> bool:
        """Whether a row is an argument's or a warning's (not an event's)."""
        return index.isValid() and self._places[index.row()][1] >= 0

    def _line(self, row: int) -> _Line:
        number, child = self._places[row]
        found = self._lines.get(number)
        if found is None:
            panel = self._panel
            found = self._lines[number] = panel._lines(panel._events[number], panel.rows[number])
        return found[1][child] if child >= 0 else found[0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """Every event with its arguments and warnings (a list: nothing under a row)."""
        return 0 if parent.isValid() else len(self._places)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """One column (callable without a parent, as a table model's)."""
        return 0 if parent.isValid() else 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, never with rows under it."""
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A row's text, tooltip, font, colour, swatch, and (ITEM_ROLE) its event and span."""
        if not index.isValid():
            return None
        line = self._line(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text
        if role == ITEM_ROLE:
            return line.ids
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tip
        if role == Qt.ItemDataRole.FontRole:
            return line.font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(line.color)) if line.color else None
        if role == Qt.ItemDataRole.DecorationRole:
            return _swatch(line.icon) if line.icon else None
        return None


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights measured at the width the row really has, so wrapped text gets its lines; an argument's or
    warning's row drawn indented under its event."""

    def __init__(self, tree: QTreeView, model: EventsModel) -> None:
        super().__init__(tree)
        self.tree = tree
        self.model = model

    def _indent(self, index: Index) -> int:
        return self.tree.indentation() if self.model.is_child(index) else 0

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """The text wrapped in the row's width (the view's width less the row's indentation)."""
        sized = QStyleOptionViewItem(option)
        width = max(40, self.tree.viewport().width() - self._indent(index))
        sized.rect = QRect(0, 0, width, max(option.rect.height(), 1))  # Qt's style wraps only in a valid rect
        return super().sizeHint(sized, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Drawn where its indentation leaves room."""
        indent = self._indent(index)
        if indent:
            option = QStyleOptionViewItem(option)
            option.rect = option.rect.adjusted(indent, 0, 0, 0)
        super().paint(painter, option, index)


class _WrappingTree(QTreeView):
    """A tree whose rows are measured again when its width changes."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-measure the rows for the new width."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


class EventsPanel(QWidget):
    """Events of the open document in trigger order; choosing a row selects its event (or argument)."""

    event_chosen = Signal(int)  # event id
    span_chosen = Signal(int, int)  # event id, span id
    activated = Signal()  # Enter or a double click: back to the article

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.rows: list[EventRow] = []
        self._events: list[Event] = []
        self._row_of: dict[int, int] = {}  # event id -> its number in `rows`
        self.summary = plain_label(self.tr("no events"), self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("padding: 3px 4px; color: #444;")
        self.model = EventsModel(self)
        self.tree = _WrappingTree(self)  # a tree view: it measures only the rows it shows (a list view, all)
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree, self.model))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)  # a list: an event's rows follow it, indented
        # A narrow side panel: rows wrap to as many lines as their text needs, nothing is cut off.
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(lambda *_: self.activated.emit())

    # -- filling --------------------------------------------------------------------------------
    def show_events(self, doc: AnnotatedDocument | None, events: list[Event], warnings: list[EventWarning],
                    current: int | None) -> None:
        """Show these events (in the given order) and select `current`."""
        spans = {s.id: s for s in doc.spans} if doc is not None else {}
        text = doc.text if doc is not None else ""
        by_event: dict[int, list[EventWarning]] = {}
        for w in warnings:
            by_event.setdefault(w.event_id, []).append(w)
        self.rows = [self._row(event, spans, text, by_event.get(event.id, [])) for event in events]
        self._events = events
        self._row_of = {row.event_id: i for i, row in enumerate(self.rows)}
        selection = self.tree.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            self.model.reset()
            self._select(current)
        finally:
            selection.blockSignals(blocked)
        problems = sum(1 for w in warnings if not w.is_hint)
        hints = len(warnings) - problems
        parts = [plural(self.tr("%n event(s)", "", len(events)), len(events))]
        if problems:
            parts.append(plural(self.tr("%n warning(s)", "", problems), problems))
        if hints:
            parts.append(plural(self.tr("%n hint(s)", "", hints), hints))
        if not events:
            parts.append(self.tr("select a trigger and press E"))
        self.summary.setText(" · ".join(parts))

    def _row(self, event: Event, spans: dict[int, EntitySpan], text: str,
             warnings: list[EventWarning]) -> EventRow:
        trigger = spans.get(event.trigger_id) if event.trigger_id is not None else None
        event_type = self.schema.event_type(event.type)
        order = {name: i for i, name in enumerate(event_type.role_names if event_type else ())}
        ranked = sorted((a for a in event.arguments if a.state != SpanState.REJECTED),
                        key=lambda a: (order.get(a.role, len(order)), a.role,
                                       spans[a.span_id].start if a.span_id in spans else 0))
        args = tuple((a.role, text[spans[a.span_id].start:spans[a.span_id].end] if a.span_id in spans else "?",
                      a.span_id) for a in ranked)
        return EventRow(event.id, event_title(self.schema, event),
                        text[trigger.start:trigger.end] if trigger is not None else "", args, tuple(warnings),
                        event.state == SpanState.SUGGESTED,
                        tuple((a.role, a.span_id) for a in ranked if a.state == SpanState.SUGGESTED))

    def _lines(self, event: Event, row: EventRow) -> tuple[_Line, list[_Line]]:
        """What an event's row and its children show."""
        event_type = self.schema.event_type(event.type)
        problems = [w for w in row.warnings if not w.is_hint]
        flag = f"   ⚠ {len(problems)}" if problems else ""
        trigger = f"「{clip(row.trigger, 40)}」" if row.trigger else self.tr("(no trigger)")
        mark = self.tr(" · suggested") if row.suggested else ""
        font = QFont()
        font.setBold(True)
        font.setItalic(row.suggested)  # a suggestion reads as one, in the panel as in the article
        tip = [row.title, self.tr("suggested: Enter on its trigger accepts it with its arguments")] if row.suggested \
            else [row.title]
        said = [warning_text(w) for w in row.warnings]  # each warning in the interface language, once
        top = _Line(f"{row.title}  {trigger}{mark}{flag}", "\n".join([*tip, *said]),
                    (event.id, event.trigger_id), font, None, event_type.color if event_type else "#999999")
        undecided = set(row.undecided)
        children: list[_Line] = []
        for role, text, span_id in row.arguments:
            open_ = (role, span_id) in undecided
            italic: QFont | None = None
            if open_:
                italic = QFont()
                italic.setItalic(True)
            children.append(_Line(f"{role_title(event_type, role)}: {clip(text)}"
                                  + (self.tr(" (suggested)") if open_ else ""), text, (event.id, span_id), italic,
                                  role_color(event_type, role)))
        for w, message in zip(row.warnings, said, strict=True):
            children.append(_Line(f"{'·' if w.is_hint else '⚠'} {message}", message, (event.id, w.span_id), None,
                                  HINT_COLOR if w.is_hint else WARNING_COLOR))
        return top, children

    # -- selection ------------------------------------------------------------------------------
    def select(self, event_id: int | None) -> None:
        """Make an event's row the current one (without announcing it)."""
        selection = self.tree.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            self._select(event_id)
        finally:
            selection.blockSignals(blocked)

    def _select(self, event_id: int | None) -> None:
        row = self._row_of.get(event_id) if event_id is not None else None
        selection = self.tree.selectionModel()
        if row is None:
            selection.clear()
            return
        index = self.model.event_index(row)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index)

    def current_event(self) -> int | None:
        """The event of the current row."""
        index = self.tree.currentIndex()
        return index.data(ITEM_ROLE)[0] if index.isValid() else None

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if not index.isValid():
            return
        event_id, span_id = index.data(ITEM_ROLE)
        if self.model.is_child(index) and span_id is not None:
            self.span_chosen.emit(event_id, span_id)
        else:
            self.event_chosen.emit(event_id)
