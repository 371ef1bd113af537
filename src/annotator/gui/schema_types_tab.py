"""The schema dialog's event types tab: the types on the left, the chosen one's details and roles on the right."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.i18n import QT_TRANSLATE_NOOP, plural, translate
from annotator.gui.panels import plain_label
from annotator.gui.schema_widgets import (
    MUTED,
    ColorButton,
    LabelDraft,
    LabelPicker,
    RoleDraft,
    TypeDraft,
    clear_cell_widgets,
    count_item,
    normal_hotkey,
    row_buttons,
    setup_table,
    swap_with_neighbour,
    swatch,
)
from annotator.service.schema_edit import SchemaUsage

CARDINALITIES = (("?", QT_TRANSLATE_NOOP("Schema", "? at most one")), ("1", QT_TRANSLATE_NOOP("Schema", "1 exactly one")), ("*", QT_TRANSLATE_NOOP("Schema", "* any number")),
                 ("+", QT_TRANSLATE_NOOP("Schema", "+ one or more")))
ROLE_COLUMNS = (QT_TRANSLATE_NOOP("Schema", "Role"), QT_TRANSLATE_NOOP("Schema", "Chinese name"), QT_TRANSLATE_NOOP("Schema", "Allowed labels"), QT_TRANSLATE_NOOP("Schema", "How many"), QT_TRANSLATE_NOOP("Schema", "In use"))
NAME, NAME_ZH, LABELS, CARDINALITY, USED = range(5)
_SPLIT_TRIGGERS = re.compile(r"[\s,，、;；]+")
TYPE_COLORS = ("#9575cd", "#4db6ac", "#e57373", "#64b5f6", "#ffb74d", "#81c784", "#f06292", "#a1887f")


class TypesTab(QWidget):
    """Event types: add, remove, reorder; edit the chosen type's names, key, colour, triggers and roles."""

    def __init__(self, types: list[TypeDraft], labels: list[LabelDraft], usage: SchemaUsage,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.types, self.labels, self.usage = types, labels, usage
        self.list = QListWidget(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentRowChanged.connect(self._show_current)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        buttons, self.type_buttons = row_buttons(left, [
            ("add", QT_TRANSLATE_NOOP("Schema", "Add type"), self.add_type), ("remove", QT_TRANSLATE_NOOP("Schema", "Remove"), self.remove_type),
            ("up", "↑", lambda: self.move_type(-1)), ("down", "↓", lambda: self.move_type(+1))])
        left_layout.addWidget(buttons)
        self.details = self._build_details()
        self.empty = plain_label(translate("Schema", "No event types yet. Add one to label events in this project."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {MUTED};")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(self.empty, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)
        self._render_list(0 if types else None)

    def _build_details(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.key = QLineEdit(box)
        self.key.setToolTip(translate("Schema", "What exports carry; renaming it moves this type's events along"))
        self.name = QLineEdit(box)
        self.name_zh = QLineEdit(box)
        self.hotkey = QLineEdit(box)
        self.hotkey.setMaximumWidth(80)
        self.hotkey.setPlaceholderText(translate("Schema", "none"))
        self.color = ColorButton("#888888", box)
        self.triggers = QLineEdit(box)
        self.triggers.setPlaceholderText(translate("Schema", "example trigger words, separated by spaces or 、"))
        look = QWidget(box)
        look_row = QHBoxLayout(look)
        look_row.setContentsMargins(0, 0, 0, 0)
        look_row.addWidget(self.hotkey)
        look_row.addSpacing(16)
        look_row.addWidget(plain_label(translate("Schema", "Colour"), look))
        look_row.addWidget(self.color)
        look_row.addStretch(1)
        for text, widget in ((QT_TRANSLATE_NOOP("Schema", "Key"), self.key), (QT_TRANSLATE_NOOP("Schema", "English name"), self.name),
                             (QT_TRANSLATE_NOOP("Schema", "Chinese name"), self.name_zh), (QT_TRANSLATE_NOOP("Schema", "Hotkey"), look),
                             (QT_TRANSLATE_NOOP("Schema", "Triggers"), self.triggers)):
            form.addRow(translate("Schema", text), widget)
        for field_name in ("key", "name", "name_zh", "hotkey"):
            getattr(self, field_name).textEdited.connect(lambda text, f=field_name: self._set(f, text))
        self.hotkey.editingFinished.connect(self._tidy_hotkey)
        self.triggers.textEdited.connect(lambda text: self._set("triggers", [w for w in _SPLIT_TRIGGERS.split(text) if w]))
        self.color.color_changed.connect(lambda c: self._set("color", c))
        roles = QGroupBox(translate("Schema", "Roles"), box)
        self.roles = QTableWidget(roles)
        setup_table(self.roles, ROLE_COLUMNS)
        header = self.roles.horizontalHeader()
        for col, mode in ((NAME, QHeaderView.ResizeMode.Interactive), (NAME_ZH, QHeaderView.ResizeMode.Interactive),
                          (LABELS, QHeaderView.ResizeMode.Stretch), (CARDINALITY, QHeaderView.ResizeMode.ResizeToContents),
                          (USED, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.roles.setColumnWidth(NAME, 110)
        self.roles.setColumnWidth(NAME_ZH, 90)
        self.roles.itemChanged.connect(self._role_edited)
        role_row, self.role_buttons = row_buttons(roles, [
            ("add", QT_TRANSLATE_NOOP("Schema", "Add role"), self.add_role), ("remove", QT_TRANSLATE_NOOP("Schema", "Remove"), self.remove_role),
            ("up", "↑", lambda: self.move_role(-1)), ("down", "↓", lambda: self.move_role(+1))])
        roles_layout = QVBoxLayout(roles)
        roles_layout.addWidget(self.roles, 1)
        roles_layout.addWidget(role_row)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(roles, 1)
        return box

    # -- the list of types ------------------------------------------------------------------------
    def current(self) -> TypeDraft | None:
        """The type shown on the right."""
        row = self.list.currentRow()
        return self.types[row] if 0 <= row < len(self.types) else None

    def _render_list(self, select: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for draft in self.types:
            item = QListWidgetItem(swatch(draft.color), self._list_text(draft))
            n = self.usage.event_types.get(draft.was, 0) if draft.was else 0
            item.setToolTip(plural(translate("Schema", "%n event(s) of this type", "", n), n) if n else translate("Schema", "no events of this type yet"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if select is not None and self.types:
            self.list.setCurrentRow(max(0, min(select, len(self.types) - 1)))
        self._show_current()

    def _list_text(self, draft: TypeDraft) -> str:
        n = self.usage.event_types.get(draft.was, 0) if draft.was else 0
        return f"{draft.key}  {draft.name_zh}".strip() + (f"   ({n})" if n else "")

    def add_type(self) -> TypeDraft:
        """A new event type at the end, chosen for editing."""
        taken = {t.key for t in self.types}
        key = next(k for k in (f"NewType{i or ''}" for i in range(len(taken) + 2)) if k not in taken)
        draft = TypeDraft(key, "New type", color=TYPE_COLORS[len(self.types) % len(TYPE_COLORS)])
        self.types.append(draft)
        self._render_list(len(self.types) - 1)
        self.key.setFocus()
        self.key.selectAll()
        return draft

    def remove_type(self) -> TypeDraft | None:
        """Remove the chosen type (saving refuses it while events have it)."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.types):
            return None
        draft = self.types.pop(row)
        self._render_list(min(row, len(self.types) - 1) if self.types else None)
        return draft

    def move_type(self, step: int) -> None:
        """Move the chosen type up or down."""
        to = swap_with_neighbour(self.types, self.list.currentRow(), step)
        if to is not None:
            self._render_list(to)

    # -- the chosen type ---------------------------------------------------------------------------
    def _show_current(self) -> None:
        draft = self.current()
        self.details.setVisible(draft is not None)
        self.empty.setVisible(draft is None)
        self.type_buttons["remove"].setEnabled(draft is not None)
        if draft is None:
            return
        for field_name in ("key", "name", "name_zh", "hotkey"):
            getattr(self, field_name).setText(getattr(draft, field_name))
        self.triggers.setText(" ".join(draft.triggers))
        self.color.set_color(draft.color)
        self.render_roles()

    def _set(self, field_name: str, value: object) -> None:
        draft = self.current()
        if draft is None:
            return
        setattr(draft, field_name, value)
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._list_text(draft))
            item.setIcon(swatch(draft.color))

    def _tidy_hotkey(self) -> None:
        draft = self.current()
        if draft is not None:
            draft.hotkey = normal_hotkey(self.hotkey.text())
            self.hotkey.setText(draft.hotkey)

    # -- roles ------------------------------------------------------------------------------------
    def render_roles(self, select: int | None = None) -> None:
        """Fill the roles table from the chosen type (label pickers list the labels as they are now)."""
        draft = self.current()
        roles = draft.roles if draft is not None else []
        self.roles.blockSignals(True)
        clear_cell_widgets(self.roles, (LABELS, CARDINALITY))
        self.roles.setRowCount(len(roles))
        for row, role in enumerate(roles):
            self.roles.setItem(row, NAME, QTableWidgetItem(role.name))
            self.roles.setItem(row, NAME_ZH, QTableWidgetItem(role.name_zh))
            role.labels[:] = [d for d in role.labels if d in self.labels]
            picker = LabelPicker(role, self.labels)
            self.roles.setCellWidget(row, LABELS, picker)
            self.roles.setCellWidget(row, CARDINALITY, self._cardinality_box(role))
            n = self.usage.roles.get((draft.was, role.was), 0) if draft is not None and draft.was and role.was else 0
            self.roles.setItem(row, USED, count_item(n, plural(translate("Schema", "%n argument(s) fill this role", "", n), n) if n
                                                   else translate("Schema", "not used yet")))
        self.roles.blockSignals(False)
        if select is not None and roles:
            self.roles.selectRow(max(0, min(select, len(roles) - 1)))

    def _cardinality_box(self, role: RoleDraft) -> QComboBox:
        box = QComboBox()
        for value, text in CARDINALITIES:
            box.addItem(translate("Schema", text), value)
        if box.findData(role.cardinality) < 0:  # brat's {n} or {n-m}: kept as it is
            box.addItem(role.cardinality, role.cardinality)
        box.setCurrentIndex(box.findData(role.cardinality))
        box.currentIndexChanged.connect(lambda _i, r=role, b=box: setattr(r, "cardinality", b.currentData()))
        return box

    def _role_edited(self, item: QTableWidgetItem) -> None:
        draft = self.current()
        if draft is None or item.row() >= len(draft.roles):
            return
        role = draft.roles[item.row()]
        if item.column() == NAME:
            role.name = item.text().strip()
        elif item.column() == NAME_ZH:
            role.name_zh = item.text().strip()

    def add_role(self) -> RoleDraft | None:
        """A new role of the chosen type."""
        draft = self.current()
        if draft is None:
            return None
        taken = {r.name for r in draft.roles}
        name = next(n for n in (f"Role{i or ''}" for i in range(len(taken) + 2)) if n not in taken)
        role = RoleDraft(name)
        draft.roles.append(role)
        self.render_roles(len(draft.roles) - 1)
        item = self.roles.item(len(draft.roles) - 1, NAME)
        if item is not None:
            self.roles.editItem(item)
        return role

    def remove_role(self) -> None:
        """Remove the selected role (saving refuses it while arguments fill it)."""
        draft, row = self.current(), self.roles.currentRow()
        if draft is not None and 0 <= row < len(draft.roles):
            del draft.roles[row]
            self.render_roles(row)

    def move_role(self, step: int) -> None:
        """Move the selected role up or down."""
        draft = self.current()
        to = None if draft is None else swap_with_neighbour(draft.roles, self.roles.currentRow(), step)
        if to is not None:
            self.render_roles(to)
