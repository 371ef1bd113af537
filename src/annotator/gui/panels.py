"""The side panel's entity list, the label palette and the status bar's fields."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeView,
    QWidget,
)

from annotator.core.annotations import EntitySpan, SpanState
from annotator.core.schema import Schema
from annotator.gui.docstate import DocumentState
from annotator.gui.flow import FlowLayout
from annotator.gui.highlighter import blend
from annotator.gui.i18n import CHINESE, current_language
from annotator.gui.keys import label_hotkey
from annotator.gui.shown import one_line

SPANS_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex
EXPAND_LIMIT = 300  # groups larger than this start collapsed (a 10k-span article stays quick)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


@dataclass
class _Group:
    """One label's entities: distinct texts, each with its span ids in reading order."""

    key: str
    title: str
    color: QColor
    texts: list[str] = field(default_factory=list)
    ids: list[list[int]] = field(default_factory=list)
    suggested: list[bool] = field(default_factory=list)  # every occurrence still a suggestion

    @property
    def total(self) -> int:
        return sum(len(i) for i in self.ids)


class EntitiesModel(QAbstractItemModel):
    """Two levels: labels (with counts), then the distinct texts under each. Rebuilt in one pass per edit."""

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.groups: list[_Group] = []

    def show_state(self, state: DocumentState | None) -> None:
        """Regroup the document's live entities."""
        by_label: dict[str, dict[str, list[EntitySpan]]] = defaultdict(lambda: defaultdict(list))
        if state is not None:
            text = state.text
            for span in state.entities():  # reading order, so each text's first place decides its row
                by_label[span.label][text[span.start:span.end]].append(span)
        order = [lab.key for lab in self.schema.labels] + sorted(set(by_label) - set(self.schema.label_keys))
        groups = []
        for key in order:
            if key not in by_label:
                continue
            label = self.schema.label(key)
            group = _Group(key, f"{key} {label.name_zh if label else ''}".strip(),
                           QColor(label.color if label else "#cccccc"))
            for text, spans in by_label[key].items():
                group.texts.append(text)
                group.ids.append([s.id for s in spans])
                group.suggested.append(all(s.state == SpanState.SUGGESTED for s in spans))
            groups.append(group)
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Top level: internal id 0; a text: the 1-based row of its group."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1 if parent.isValid() else 0)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, index: Index) -> QModelIndex: ...
    def parent(self, index: Index | None = None) -> QObject | QModelIndex | None:
        """A text's parent is its label (without an index: the model's own parent object, as in Qt)."""
        if index is None:
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """Labels at the top, texts under a label, nothing under a text."""
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.groups[parent.row()].texts)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """Name and count."""
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and section in (0, 1):
            return (self.tr("Entity"), self.tr("n"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Plain text names and counts; colour swatches on labels; pale rows for unreviewed texts."""
        if not index.isValid():
            return None
        top = index.internalId() == 0
        group = self.groups[index.row() if top else index.internalId() - 1]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if top:
                return group.title if col == 0 else str(group.total)
            return one_line(group.texts[index.row()]) if col == 0 else str(len(group.ids[index.row()]))
        if role == Qt.ItemDataRole.DecorationRole and top and col == 0:
            return group.color
        if role == Qt.ItemDataRole.FontRole and top:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and not top and col == 0 and group.suggested[index.row()]:
            return QBrush(blend(group.color.name(), 0.7))
        if role == Qt.ItemDataRole.ToolTipRole and not top and group.suggested[index.row()]:
            return self.tr("suggested, not yet reviewed")
        if role == SPANS_ROLE:
            return group.key if top else group.ids[index.row()]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, not editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if index.internalId() == 0 else flags | Qt.ItemFlag.ItemNeverHasChildren


class EntitiesPanel(QTreeView):
    """The document's entities grouped by label, then by text, with counts; a click jumps to the next one."""

    jump_requested = Signal(int)  # span id

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entities = EntitiesModel(schema, self)
        self.setModel(self.entities)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.clicked.connect(self._clicked)
        self.activated.connect(self._clicked)
        self._collapsed: set[str] = set()
        self._cursor: dict[tuple[str, str], int] = {}  # (label, text) -> occurrence jumped to last
        self.collapsed.connect(lambda i: self._collapsed.add(i.data(SPANS_ROLE)))
        self.expanded.connect(lambda i: self._collapsed.discard(i.data(SPANS_ROLE)))
        self.shown = False  # a document is shown (its entities, or none)

    def empty_text(self) -> str:
        """What the empty list says while a document without entities is open (the events tab says the same)."""
        return self.tr("No entities yet: select words and press a label's key (1–9)")

    def paintEvent(self, event: QPaintEvent) -> None:
        """The entities, or while a document has none, how to label one (as the events tab says how to add one)."""
        super().paintEvent(event)
        if not self.shown or self.entities.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(self.viewport().rect().adjusted(6, 6, -6, -6),
                         int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                         self.empty_text())

    def show_state(self, state: DocumentState | None) -> None:
        """Rebuild from the document's live entities (collapsed labels stay collapsed)."""
        collapsed = set(self._collapsed)
        self.shown = state is not None
        self.entities.show_state(state)
        for row, group in enumerate(self.entities.groups):
            if group.key not in collapsed and group.total <= EXPAND_LIMIT:
                self.expand(self.entities.index(row, 0))
        self._collapsed = collapsed

    def _clicked(self, index: QModelIndex) -> None:
        ids = index.data(SPANS_ROLE)
        if not isinstance(ids, list) or not ids:
            return
        key = (index.parent().data(SPANS_ROLE), index.siblingAtColumn(0).data())
        i = (self._cursor.get(key, -1) + 1) % len(ids)
        self._cursor[key] = i
        self.jump_requested.emit(ids[i])


class SidePanel(QTabWidget):
    """Tabs beside the article: entities now; the events panel is added as another tab."""

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entities = EntitiesPanel(schema, self)
        self.addTab(self.entities, self.tr("Entities"))

    def add_panel(self, widget: QWidget, title: str) -> int:
        """Add a tab (e.g. the events panel); returns its index."""
        return self.addTab(widget, title)


class LabelPalette(QWidget):
    """The schema's labels with their colours and hotkeys; clicking one labels the selection."""

    label_clicked = Signal(str)

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self, spacing=5)
        layout.setContentsMargins(4, 2, 4, 2)
        self.buttons: dict[str, QPushButton] = {}
        for i, label in enumerate(schema.labels):
            key = label_hotkey(schema, i)
            button = QPushButton(f"{key}  {label.key} {label.name_zh}".strip(), self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the article keeps the keyboard
            # The label's name in the window's language: a Chinese window's tooltip said "Person — 快捷键 1".
            name = label.name_zh or label.name if current_language() == CHINESE else label.name
            button.setToolTip(self.tr("{name} — key {key}").format(name=name, key=key) if key else name)
            edge = blend(label.color, 0.35, "#000000").name()
            button.setStyleSheet(
                # Same border width and font checked or not: a size change would re-lay out a long article.
                f"QPushButton {{ background: {label.color}; border: 2px solid {edge}; border-radius: 4px;"
                " padding: 1px 7px; color: #111; }"
                " QPushButton:checked { border: 2px solid #000000; text-decoration: underline; }")
            button.clicked.connect(lambda _=False, k=label.key: self.label_clicked.emit(k))
            layout.addWidget(button)
            self.buttons[label.key] = button
        sample = "#b8b8b8"  # a neutral grey: the legend is not a label
        for text, style in ((self.tr("accepted"), f"background: {sample};"),
                            (self.tr("suggestion"), f"background: {blend(sample, 0.55).name()};"
                                           f" border-bottom: 2px dashed {blend(sample, 0.45, '#000000').name()};")):
            chip = plain_label(text, self)
            chip.setStyleSheet(f"{style} padding: 2px 6px; color: #333;")
            layout.addWidget(chip)

    def mark(self, label: str | None) -> None:
        """Show which label the span under the cursor has."""
        for key, button in self.buttons.items():
            button.setChecked(key == label)
