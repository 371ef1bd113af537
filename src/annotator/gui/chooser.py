"""A type-ahead list that pops up at the selection: type part of a key, an English or a Chinese name, Enter picks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.panels import plain_label

VISIBLE_ROWS = 12
HINT_ROLE = Qt.ItemDataRole.UserRole + 1
HINT_COLOR = "#6e7781"
MIN_WIDTH = 320
_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: VISIBLE_ROWS,
          Qt.Key.Key_PageUp: -VISIBLE_ROWS}


@dataclass(frozen=True)
class Choice:
    """One row: what picking it returns, what it shows, and the words typing matches (key, names)."""

    value: Any
    text: str
    words: tuple[str, ...] = ()
    color: str = ""
    hint: str = ""  # shown greyed after the text, not matched


def matches(choice: Choice, typed: str) -> int | None:
    """How well `typed` matches: 0 a word starts with it, 1 it is inside a word, None not at all."""
    needle = typed.strip().casefold()
    if not needle:
        return 0
    words = [w.casefold() for w in (*choice.words, choice.text)]
    if any(w.startswith(needle) or any(part.startswith(needle) for part in _parts(w)) for w in words):
        return 0
    if any(needle in w for w in words):
        return 1
    return None


def _parts(word: str) -> list[str]:
    """`Contact:Meet` -> `contact`, `meet`; `Start-Org` -> `start`, `org`."""
    for sep in ":-_ ":
        word = word.replace(sep, " ")
    return word.split()


def filtered(choices: Sequence[Choice], typed: str) -> list[Choice]:
    """The choices `typed` matches, better matches first, otherwise in their given order."""
    scored = [(score, i, c) for i, c in enumerate(choices) if (score := matches(c, typed)) is not None]
    return [c for _, _, c in sorted(scored, key=lambda t: (t[0], t[1]))]


class _FilterEdit(QLineEdit):
    """The typing box: arrows and page keys move in the list, Enter picks, Escape closes."""

    moved = Signal(int)
    picked = Signal()
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """List keys go to the list; the rest edit the filter."""
        key = Qt.Key(event.key())
        if key in _MOVES:
            self.moved.emit(_MOVES[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            self.picked.emit()
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)


class _HintDelegate(QStyledItemDelegate):
    """Draws a choice's hint greyed after its text: an event type's example triggers read as part of its Chinese
    name when they followed it in the same colour ("Life:Be-Born 出生    出生 诞生 出世")."""

    GAP = "    "

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        hint = index.data(HINT_ROLE)
        if not hint:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        text_rect.setLeft(text_rect.left() + opt.fontMetrics.horizontalAdvance(opt.text + self.GAP))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText) if selected else QColor(HINT_COLOR))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), hint)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        hint = index.data(HINT_ROLE)
        if hint:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(self.GAP + hint))
        return size


class Chooser(QFrame):
    """The popup: a title, a filter box, the matching choices; `on_pick` gets the chosen value."""

    def __init__(self, parent: QWidget, *, title: str, choices: Sequence[Choice],
                 on_pick: Callable[[Any], None], on_cancel: Callable[[], None] | None = None,
                 placeholder: str | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.choices = list(choices)
        self.shown: list[Choice] = []
        self._on_pick, self._on_cancel = on_pick, on_cancel
        self._done = False
        self.title = plain_label(title, self)
        self.title.setStyleSheet("font-weight: bold; padding: 2px 2px 0 2px;")
        self.edit = _FilterEdit(self)
        self.edit.setPlaceholderText(placeholder if placeholder is not None
                                     else self.tr("type to filter · Enter picks · Esc cancels"))
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the filter box
        self.list.setUniformItemSizes(True)
        self.list.setItemDelegate(_HintDelegate(self.list))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.edit.textChanged.connect(self._refilter)
        self.edit.moved.connect(self._move)
        self.edit.picked.connect(self.pick)
        self.edit.cancelled.connect(self.close)
        self.list.itemClicked.connect(lambda _item: self.pick())
        self._refilter("")

    # -- filtering ----------------------------------------------------------------------------------
    def _refilter(self, typed: str) -> None:
        self.shown = filtered(self.choices, typed)
        self.list.clear()
        for choice in self.shown:
            item = QListWidgetItem(choice.text)
            item.setData(HINT_ROLE, choice.hint)
            if choice.color:
                swatch = QPixmap(12, 12)
                swatch.fill(QColor(choice.color))
                item.setIcon(swatch)
            self.list.addItem(item)
        if self.shown:
            self.list.setCurrentRow(0)

    def _move(self, step: int) -> None:
        if self.shown:
            self.list.setCurrentRow(max(0, min(len(self.shown) - 1, self.list.currentRow() + step)))

    def current(self) -> Choice | None:
        """The highlighted choice."""
        row = self.list.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    # -- picking ------------------------------------------------------------------------------------
    def pick(self) -> None:
        """Close and hand over the highlighted choice (nothing matches: stay open)."""
        choice = self.current()
        if choice is None:
            return
        self._done = True
        self.hide()
        self._on_pick(choice.value)
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Escape or a click elsewhere: nothing is picked."""
        super().closeEvent(event)
        if not self._done:
            self._done = True
            if self._on_cancel is not None:
                self._on_cancel()
            self.deleteLater()

    def popup_at(self, anchor: QRect, screen: QRect) -> None:
        """Show below `anchor` (global coordinates), or above it when there is no room, inside `screen`."""
        rows = min(VISIBLE_ROWS, max(3, len(self.choices)))
        self.list.setMinimumHeight(rows * (self.list.sizeHintForRow(0) if self.choices else 20) + 6)
        # As wide as the widest choice (ACE's "Transaction:Transfer-Ownership 所有权转移" and its example triggers were
        # cut off at 320 px), within half the screen; the list's own size hint ignores its items' widths.
        widest = self.list.sizeHintForColumn(0) + self.list.verticalScrollBar().sizeHint().width() + 16
        width = max(MIN_WIDTH, min(widest, screen.width() // 2))
        self.resize(max(width, self.sizeHint().width()), self.sizeHint().height())
        x = max(screen.left(), min(anchor.left(), screen.right() - self.width()))
        y = anchor.bottom() + 4
        if y + self.height() > screen.bottom():
            y = max(screen.top(), anchor.top() - self.height() - 4)
        self.move(QPoint(x, y))
        self.show()
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
