"""The side panel's entity list, the label palette and the status bar's fields."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from annotator.core.annotations import EntitySpan, SpanState
from annotator.core.schema import Schema
from annotator.gui.docstate import DocumentState
from annotator.gui.flow import FlowLayout
from annotator.gui.highlighter import blend
from annotator.gui.keys import label_hotkey

SPANS_ROLE = Qt.ItemDataRole.UserRole
EXPAND_LIMIT = 300  # groups larger than this start collapsed (a 10k-span article stays quick)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


class EntitiesPanel(QTreeWidget):
    """The document's entities grouped by label, then by text, with counts; a click jumps to the next one."""

    jump_requested = Signal(int)  # span id

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.setHeaderLabels(["Entity", "n"])
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(False)
        self.header().resizeSection(1, 48)
        self.header().setSectionResizeMode(0, self.header().ResizeMode.Stretch)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self._cursor: dict[int, int] = {}  # id(item) -> index of the occurrence jumped to last

    def show_state(self, state: DocumentState | None) -> None:
        """Rebuild from the document's live entities (expanded groups stay expanded)."""
        expanded = {self.topLevelItem(i).data(0, SPANS_ROLE) for i in range(self.topLevelItemCount())
                    if self.topLevelItem(i).isExpanded()}
        self.setUpdatesEnabled(False)
        self.clear()
        self._cursor.clear()
        if state is not None:
            groups: dict[str, dict[str, list[EntitySpan]]] = defaultdict(lambda: defaultdict(list))
            for span in state.entities():
                groups[span.label][state.text[span.start:span.end]].append(span)
            order = [lab.key for lab in self.schema.labels] + sorted(set(groups) - set(self.schema.label_keys))
            for key in order:
                if key in groups:
                    self._add_group(key, groups[key], expanded)
        self.setUpdatesEnabled(True)

    def _add_group(self, key: str, by_text: dict[str, list[EntitySpan]], expanded: set) -> None:
        label = self.schema.label(key)
        total = sum(len(v) for v in by_text.values())
        top = QTreeWidgetItem([f"{key} {label.name_zh if label else ''}".strip(), str(total)])
        top.setData(0, SPANS_ROLE, key)
        color = QColor(label.color if label else "#cccccc")
        top.setData(0, Qt.ItemDataRole.DecorationRole, color)
        bold = QFont(self.font())
        bold.setBold(True)
        top.setFont(0, bold)
        self.addTopLevelItem(top)
        pale = QBrush(blend(color.name(), 0.7))
        children = []
        for text, spans in sorted(by_text.items(), key=lambda kv: kv[1][0].start):
            item = QTreeWidgetItem([text, str(len(spans))])
            item.setData(0, SPANS_ROLE, [s.id for s in spans])
            if all(s.state == SpanState.SUGGESTED for s in spans):
                item.setBackground(0, pale)
                item.setToolTip(0, "suggested, not yet reviewed")
            children.append(item)
        top.addChildren(children)
        top.setExpanded(key in expanded or total <= EXPAND_LIMIT)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        ids = item.data(0, SPANS_ROLE)
        if not isinstance(ids, list) or not ids:
            return
        i = (self._cursor.get(id(item), -1) + 1) % len(ids)
        self._cursor[id(item)] = i
        self.jump_requested.emit(ids[i])


class SidePanel(QTabWidget):
    """Tabs beside the article: entities now; the events panel is added as another tab."""

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entities = EntitiesPanel(schema, self)
        self.addTab(self.entities, "Entities")

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
            button.setToolTip(f"{label.name} — key {key}" if key else label.name)
            edge = blend(label.color, 0.35, "#000000").name()
            button.setStyleSheet(
                f"QPushButton {{ background: {label.color}; border: 1px solid {edge}; border-radius: 4px;"
                " padding: 2px 8px; color: #111; }"
                " QPushButton:checked { border: 2px solid #1d5fd1; font-weight: bold; }")
            button.clicked.connect(lambda _=False, k=label.key: self.label_clicked.emit(k))
            layout.addWidget(button)
            self.buttons[label.key] = button
        sample = schema.labels[0].color
        for text, style in (("accepted", f"background: {sample};"),
                            ("suggestion", f"background: {blend(sample, 0.55).name()};"
                                           f" border-bottom: 2px dashed {blend(sample, 0.45, '#000000').name()};")):
            chip = plain_label(text, self)
            chip.setStyleSheet(f"{style} padding: 2px 6px; color: #333;")
            layout.addWidget(chip)

    def mark(self, label: str | None) -> None:
        """Show which label the span under the cursor has."""
        for key, button in self.buttons.items():
            button.setChecked(key == label)
