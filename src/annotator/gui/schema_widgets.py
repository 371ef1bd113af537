"""Pieces the schema dialog is built from: editable drafts of labels, event types and roles, a colour
button, a label picker that stays open, and the row buttons under each table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from annotator.core.schema import EntityLabel, EventType, Role
from annotator.gui.i18n import translate

MUTED = "#6b7280"


@dataclass(eq=False)
class LabelDraft:
    """An entity label being edited; `was` is its key when the dialog opened (None: new)."""

    key: str
    name: str = ""
    name_zh: str = ""
    color: str = "#cccccc"
    hotkey: str = ""
    was: str | None = None

    @classmethod
    def of(cls, label: EntityLabel) -> LabelDraft:
        """A draft of an existing label."""
        return cls(label.key, label.name, label.name_zh, label.color, label.hotkey, was=label.key)

    def label(self) -> EntityLabel:
        """The label as the schema stores it."""
        return EntityLabel(self.key.strip(), self.name.strip(), self.name_zh.strip(), self.color, self.hotkey.strip())


@dataclass(eq=False)
class RoleDraft:
    """A role being edited; its allowed labels are drafts, so renaming a label carries into the role."""

    name: str
    name_zh: str = ""
    labels: list[LabelDraft] = field(default_factory=list)
    cardinality: str = "?"
    was: str | None = None

    def role(self, alive: Sequence[LabelDraft]) -> Role:
        """The role as the schema stores it (labels removed meanwhile left out)."""
        return Role(self.name.strip(), self.name_zh.strip(),
                    tuple(d.key.strip() for d in alive if d in self.labels), self.cardinality)


@dataclass(eq=False)
class TypeDraft:
    """An event type being edited."""

    key: str
    name: str = ""
    name_zh: str = ""
    color: str = "#888888"
    hotkey: str = ""
    triggers: list[str] = field(default_factory=list)
    roles: list[RoleDraft] = field(default_factory=list)
    was: str | None = None

    @classmethod
    def of(cls, event_type: EventType, labels: Sequence[LabelDraft]) -> TypeDraft:
        """A draft of an existing event type, its roles pointing at the label drafts."""
        by_key = {d.key: d for d in labels}
        roles = [RoleDraft(r.name, r.name_zh, [by_key[k] for k in r.labels if k in by_key], r.cardinality, r.name)
                 for r in event_type.roles]
        return cls(event_type.key, event_type.name, event_type.name_zh, event_type.color, event_type.hotkey,
                   list(event_type.triggers), roles, was=event_type.key)

    def event_type(self, alive: Sequence[LabelDraft]) -> EventType:
        """The event type as the schema stores it."""
        return EventType(self.key.strip(), self.name.strip(), self.name_zh.strip(), self.color, self.hotkey.strip(),
                         tuple(self.triggers), tuple(r.role(alive) for r in self.roles))


def swap_with_neighbour(items: list[Any], row: int, step: int) -> int | None:
    """Swap item `row` with the one `step` away (palette order); its new row, None when out of range."""
    to = row + step
    if not (0 <= row < len(items) and 0 <= to < len(items)):
        return None
    items[row], items[to] = items[to], items[row]
    return to


def normal_hotkey(text: str) -> str:
    """A hotkey as Qt spells it ("p" -> "P", "ctrl+k" -> "Ctrl+K"); text that is no single key stays as typed."""
    text = text.strip()
    sequence = QKeySequence(text)
    return sequence.toString() if text and sequence.count() == 1 and sequence.toString() else text


def swatch(color: str, size: int = 14) -> QIcon:
    """A small square of the colour with a thin edge."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#555555"))
    inner = QPixmap(size - 2, size - 2)
    inner.fill(QColor(color))
    painter = QPainter(pixmap)
    painter.drawPixmap(1, 1, inner)
    painter.end()
    return QIcon(pixmap)


class ColorPicker:
    """Asks for a colour (tests replace `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget | None, initial: str) -> str | None:
        """The chosen colour as #rrggbb, or None when cancelled."""
        chosen = QColorDialog.getColor(QColor(initial), parent, translate("Schema", "Colour"))
        return chosen.name() if chosen.isValid() else None


class ColorButton(QPushButton):
    """Shows a colour; a click asks for another one."""

    color_changed = Signal(str)

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click to choose another colour"))
        self.set_color(color)
        self.clicked.connect(self._choose)

    def set_color(self, color: str) -> None:
        """Show this colour."""
        self.color = color
        self.setIcon(swatch(color))
        self.setText(QColor(color).name() if QColor(color).isValid() else color)

    def _choose(self) -> None:
        chosen = ColorPicker.ask(self, self.color)
        if chosen and chosen != self.color:
            self.set_color(chosen)
            self.color_changed.emit(chosen)


class StayOpenMenu(QMenu):
    """A menu of check boxes that stays open while several are ticked."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Toggle the action under the mouse without closing."""
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class LabelPicker(QPushButton):
    """Which entity labels may fill a role; none ticked means any span may."""

    changed = Signal()

    def __init__(self, role: RoleDraft, labels: Sequence[LabelDraft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.setFlat(True)
        self.setStyleSheet("QPushButton { text-align: left; padding: 0 6px; }")
        menu = StayOpenMenu(self)
        for draft in labels:
            action = menu.addAction(f"{draft.key}  {draft.name_zh}".strip())
            action.setCheckable(True)
            action.setChecked(draft in role.labels)
            action.toggled.connect(lambda on, d=draft: self._toggle(d, on))
        self.setMenu(menu)
        self._labels = list(labels)
        self._show()

    def _toggle(self, draft: LabelDraft, on: bool) -> None:
        if on and draft not in self.role.labels:
            self.role.labels.append(draft)
        elif not on and draft in self.role.labels:
            self.role.labels.remove(draft)
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        keys = [d.key for d in self._labels if d in self.role.labels]
        self.setText(" ".join(keys) if keys else self.tr("any span"))
        self.setToolTip(self.tr("Entity labels that may fill this role; none ticked: any span, labelled or not"))


def row_buttons(parent: QWidget, actions: Sequence[tuple[str, str, Callable[[], object]]]
                ) -> tuple[QWidget, dict[str, QPushButton]]:
    """A row of small buttons (name, text, handler) under a table; returns the row and the buttons by name."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    buttons: dict[str, QPushButton] = {}
    for name, text, handler in actions:
        button = QPushButton(translate("Schema", text), row)
        if len(text) == 1:  # the arrows
            button.setFixedWidth(36)
        button.clicked.connect(handler)
        button.setAutoDefault(False)
        layout.addWidget(button)
        buttons[name] = button
    layout.addStretch(1)
    return row, buttons


def count_item(count: int, tooltip: str) -> QTableWidgetItem:
    """A read-only, right-aligned usage count."""
    item = QTableWidgetItem(str(count) if count else "–")
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setForeground(QColor("#111111" if count else MUTED))
    item.setToolTip(tooltip)
    return item


def clear_cell_widgets(table: QTableWidget, columns: Sequence[int]) -> None:
    """Hide and drop the widgets in these columns (they are deleted later; hidden, they never show stale)."""
    for row in range(table.rowCount()):
        for col in columns:
            widget = table.cellWidget(row, col)
            if widget is not None:
                widget.hide()
                table.removeCellWidget(row, col)


def setup_table(table: QTableWidget, headers: Sequence[str]) -> None:
    """Common look: headers, compact rows, one row selected at a time."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels([translate("Schema", h) for h in headers])
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(28)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QTableWidget.EditTrigger.DoubleClicked | QTableWidget.EditTrigger.EditKeyPressed
                          | QTableWidget.EditTrigger.AnyKeyPressed | QTableWidget.EditTrigger.SelectedClicked)
