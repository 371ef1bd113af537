"""The side panel's events tab: each event with its trigger, its arguments by role, and its warnings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, SpanState
from annotator.core.events import EventWarning
from annotator.core.schema import EventType, Schema
from annotator.gui.i18n import plural, translate
from annotator.gui.panels import plain_label

# Strong, distinct, and none blue: blue is the selection's colour.
ROLE_COLORS = ("#c2185b", "#2e7d32", "#e65100", "#6a1b9a", "#00838f", "#6d4c41", "#827717", "#455a64")
WARNING_COLOR = "#b42318"
HINT_COLOR = "#7a6a00"
ITEM_ROLE = Qt.ItemDataRole.UserRole  # (event id, span id or None)
CLIP = 80  # characters of an argument shown in a row (a long one whole in its tooltip)
LAZY_EVENTS = 200  # more events than this: the tree is built in slices
EAGER_ROWS = 40  # rows built at once (more than a panel shows)
FILL_SLICE = 25  # rows built per idle slice (each ~0.25 ms at load 10: a key waits for at most one slice)
FILL_DELAY_MS = 100  # before the first slice


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
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


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


def _swatch(color: str) -> QPixmap:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return pixmap


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights measured at the width the row really has, so wrapped text gets its lines."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """The text wrapped in the row's width (the view's width less the row's indentation)."""
        depth, parent = 1 if self.tree.rootIsDecorated() else 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        sized = QStyleOptionViewItem(option)
        width = max(40, self.tree.viewport().width() - self.tree.indentation() * depth)
        sized.rect = QRect(0, 0, width, max(option.rect.height(), 1))  # Qt's style wraps only in a valid rect
        return super().sizeHint(sized, index)


class _WrappingTree(QTreeWidget):
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
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.timeout.connect(self._fill_more)
        self.summary = plain_label(self.tr("no events"), self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("padding: 3px 4px; color: #444;")
        self.tree = _WrappingTree(self)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        # A narrow side panel: rows wrap to as many lines as their text needs, nothing is cut off.
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(lambda *_: self.activated.emit())

    # -- filling --------------------------------------------------------------------------------
    def show_events(self, doc: AnnotatedDocument | None, events: list[Event], warnings: list[EventWarning],
                    current: int | None) -> None:
        """Rebuild the list (events in the given order) and select `current`."""
        spans = {s.id: s for s in doc.spans} if doc is not None else {}
        text = doc.text if doc is not None else ""
        by_event: dict[int, list[EventWarning]] = {}
        for w in warnings:
            by_event.setdefault(w.event_id, []).append(w)
        self.rows = [self._row(event, spans, text, by_event.get(event.id, [])) for event in events]
        self._events = events
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            # A long article's thousand events: the first rows now, the rest in slices while idle.
            self._fill(EAGER_ROWS if len(events) > LAZY_EVENTS else len(events))
            self._select(current)
        finally:
            self.tree.blockSignals(False)
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

    def _fill(self, upto: int) -> None:
        """Add the rows not yet in the tree, up to row `upto` (the rest follow while idle)."""
        start = self.tree.topLevelItemCount()
        for i in range(start, min(upto, len(self.rows))):
            item = self._item(self._events[i], self.rows[i])
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        if self.tree.topLevelItemCount() < len(self.rows):
            # The first slice waits for the article to repaint (the key's own time); then one after another.
            self._fill_timer.start(0 if start else FILL_DELAY_MS)

    def _fill_more(self) -> None:
        blocked = self.tree.blockSignals(True)
        try:
            self._fill(self.tree.topLevelItemCount() + FILL_SLICE)
        finally:
            self.tree.blockSignals(blocked)

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

    def _item(self, event: Event, row: EventRow) -> QTreeWidgetItem:
        event_type = self.schema.event_type(event.type)
        problems = [w for w in row.warnings if not w.is_hint]
        flag = f"   ⚠ {len(problems)}" if problems else ""
        trigger = f"「{clip(row.trigger, 40)}」" if row.trigger else self.tr("(no trigger)")
        mark = self.tr(" · suggested") if row.suggested else ""
        top = QTreeWidgetItem([f"{row.title}  {trigger}{mark}{flag}"])
        top.setData(0, ITEM_ROLE, (event.id, event.trigger_id))
        top.setIcon(0, _swatch(event_type.color if event_type else "#999999"))
        font = QFont()
        font.setBold(True)
        font.setItalic(row.suggested)  # a suggestion reads as one, in the panel as in the article
        top.setFont(0, font)
        tip = [row.title, self.tr("suggested: Enter on its trigger accepts it with its arguments")] if row.suggested \
            else [row.title]
        top.setToolTip(0, "\n".join([*tip, *(w.message for w in row.warnings)]))
        undecided = set(row.undecided)
        for role, text, span_id in row.arguments:
            open_ = (role, span_id) in undecided
            child = QTreeWidgetItem([f"{role_title(event_type, role)}: {clip(text)}"
                                     + (self.tr(" (suggested)") if open_ else "")])
            if open_:
                italic = QFont()
                italic.setItalic(True)
                child.setFont(0, italic)
            child.setForeground(0, QBrush(QColor(role_color(event_type, role))))
            child.setData(0, ITEM_ROLE, (event.id, span_id))
            child.setToolTip(0, text)
            top.addChild(child)
        for w in row.warnings:
            child = QTreeWidgetItem([f"{'·' if w.is_hint else '⚠'} {w.message}"])
            child.setForeground(0, QBrush(QColor(HINT_COLOR if w.is_hint else WARNING_COLOR)))
            child.setData(0, ITEM_ROLE, (event.id, w.span_id))
            child.setToolTip(0, w.message)
            top.addChild(child)
        return top

    # -- selection ------------------------------------------------------------------------------
    def select(self, event_id: int | None) -> None:
        """Make an event's row the current one (without announcing it)."""
        self.tree.blockSignals(True)
        try:
            self._select(event_id)
        finally:
            self.tree.blockSignals(False)

    def _select(self, event_id: int | None) -> None:
        wanted = next((i for i, row in enumerate(self.rows) if row.event_id == event_id), None)
        if wanted is not None and wanted >= self.tree.topLevelItemCount():
            self._fill(wanted + 1)  # its row is not built yet: build up to it
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, ITEM_ROLE)[0] == event_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return
        self.tree.setCurrentItem(None)  # type: ignore[call-overload]  # Qt takes none; PySide6's stub does not say so
        self.tree.clearSelection()

    def current_event(self) -> int | None:
        """The event of the current row."""
        item = self.tree.currentItem()
        return item.data(0, ITEM_ROLE)[0] if item is not None else None

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        event_id, span_id = item.data(0, ITEM_ROLE)
        if item.parent() is not None and span_id is not None:
            self.span_chosen.emit(event_id, span_id)
        else:
            self.event_chosen.emit(event_id)
