"""The schema dialog: entity labels, event types and roles of the open project.

OK checks the edit (keys, hotkeys, the schema's own rules, then what it would orphan) and shows any refusal
inside the dialog in plain words, keeping it open. Renaming a key moves the annotations that carry it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.schema import EntityLabel, EventType, Orphan, Schema
from annotator.gui.error_text import say
from annotator.gui.i18n import QT_TRANSLATE_NOOP, plural, translate
from annotator.gui.keys import BINDINGS, Binding, event_bindings, key_code_of, label_bindings
from annotator.gui.panels import plain_label
from annotator.gui.schema_types_tab import TypesTab
from annotator.gui.schema_widgets import (
    MUTED,
    ColorButton,
    LabelDraft,
    TypeDraft,
    clear_cell_widgets,
    count_item,
    normal_hotkey,
    row_buttons,
    setup_table,
    swap_with_neighbour,
)
from annotator.service.schema_edit import ADVICE, Renames, SchemaUsage, plain

LABEL_COLUMNS = (QT_TRANSLATE_NOOP("Schema", "Key"), QT_TRANSLATE_NOOP("Schema", "English name"), QT_TRANSLATE_NOOP("Schema", "Chinese name"), QT_TRANSLATE_NOOP("Schema", "Colour"), QT_TRANSLATE_NOOP("Schema", "Hotkey"),
                 QT_TRANSLATE_NOOP("Schema", "In use"))
KEY, NAME, NAME_ZH, COLOR, HOTKEY, USED = range(6)
_FIELDS = {KEY: "key", NAME: "name", NAME_ZH: "name_zh", HOTKEY: "hotkey"}
LABEL_COLORS = ("#f4a6a6", "#9ec9f5", "#a8dba8", "#f7d794", "#d7b8f3", "#ffcc80", "#80deea", "#c5e1a5")
INTRO = QT_TRANSLATE_NOOP("Schema", "Renaming a key moves the annotations that carry it. A change that would leave spans, events or "
                          "arguments without their label, type or role is refused, and nothing is saved.")
STYLES = {"error": "background: #fdecea; color: #8a1c12; border: 1px solid #f5c2bd;",
          "note": "background: #fff8e1; color: #5c4400; border: 1px solid #f3dd9b;"}

Orphans = Callable[[Schema, Renames], Sequence[Orphan]]
Save = Callable[[Schema, Renames], str | None]  # None: saved; else why not


class LabelsTab(QWidget):
    """Entity labels in palette order: key, names, colour, hotkey, and how many spans carry each."""

    removed = Signal(object)  # the LabelDraft taken out
    changed = Signal()  # labels added, removed, moved or renamed (the roles' label pickers follow)

    def __init__(self, drafts: list[LabelDraft], used: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drafts, self.used = drafts, used
        self.table = QTableWidget(self)
        setup_table(self.table, LABEL_COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((KEY, 110), (NAME_ZH, 110), (COLOR, 120), (HOTKEY, 70), (USED, 70)):
            self.table.setColumnWidth(col, width)
        self.table.itemChanged.connect(self._edited)
        buttons, self.buttons = row_buttons(self, [
            ("add", QT_TRANSLATE_NOOP("Schema", "Add label"), self.add), ("remove", QT_TRANSLATE_NOOP("Schema", "Remove"), self.remove),
            ("up", "↑", lambda: self.move_label(-1)), ("down", "↓", lambda: self.move_label(+1))])
        note = plain_label(translate("Schema", "Without a hotkey the first nine labels take the keys 1–9. "
                                               "In use: accepted spans, or spans filling a role."), self)
        note.setStyleSheet(f"color: {MUTED};")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        layout.addWidget(note)
        self.render_rows(0 if drafts else None)

    def render_rows(self, select: int | None = None) -> None:
        """Fill the table from the drafts."""
        self.table.blockSignals(True)
        clear_cell_widgets(self.table, (COLOR,))
        self.table.setRowCount(len(self.drafts))
        for row, draft in enumerate(self.drafts):
            for col, field_name in _FIELDS.items():
                self.table.setItem(row, col, QTableWidgetItem(getattr(draft, field_name)))
            self._mark_rename(row, draft)
            button = ColorButton(draft.color)
            button.color_changed.connect(lambda c, d=draft: setattr(d, "color", c))
            self.table.setCellWidget(row, COLOR, button)
            n = self.used.get(draft.was, 0) if draft.was else 0
            self.table.setItem(row, USED, count_item(n, plural(translate("Schema", "%n span(s) carry this label", "", n), n) if n
                                                   else translate("Schema", "not used yet")))
        self.table.blockSignals(False)
        self.buttons["remove"].setEnabled(bool(self.drafts))
        if select is not None and self.drafts:
            self.table.selectRow(max(0, min(select, len(self.drafts) - 1)))

    def _mark_rename(self, row: int, draft: LabelDraft) -> None:
        item = self.table.item(row, KEY)
        if item is None:
            return
        renamed = draft.was is not None and draft.key != draft.was
        font = QFont()
        font.setItalic(renamed)
        item.setFont(font)
        item.setToolTip(translate("Schema", "renamed from {key}: its spans move along").format(key=draft.was) if renamed
                        else translate("Schema", "what exports carry; renaming it moves its spans along"))

    def _edited(self, item: QTableWidgetItem) -> None:
        field_name = _FIELDS.get(item.column())
        if field_name is None or item.row() >= len(self.drafts):
            return
        draft = self.drafts[item.row()]
        value = normal_hotkey(item.text()) if field_name == "hotkey" else item.text().strip()
        setattr(draft, field_name, value)
        if value != item.text():
            self.table.blockSignals(True)
            item.setText(value)
            self.table.blockSignals(False)
        if field_name == "key":
            self._mark_rename(item.row(), draft)
            self.changed.emit()

    def add(self) -> LabelDraft:
        """A new label at the end, its key ready to type."""
        taken = {d.key for d in self.drafts}
        key = next(k for k in (f"NEW{i or ''}" for i in range(len(taken) + 2)) if k not in taken)
        used = {d.color for d in self.drafts}
        color = next((c for c in LABEL_COLORS if c not in used), LABEL_COLORS[len(self.drafts) % len(LABEL_COLORS)])
        draft = LabelDraft(key, "New label", color=color)
        self.drafts.append(draft)
        self.render_rows(len(self.drafts) - 1)
        self.table.setFocus()
        item = self.table.item(len(self.drafts) - 1, KEY)
        if item is not None:
            self.table.editItem(item)
        self.changed.emit()
        return draft

    def remove(self) -> None:
        """Remove the selected label (saving refuses it while spans carry it)."""
        row = self.table.currentRow()
        if 0 <= row < len(self.drafts):
            draft = self.drafts.pop(row)
            self.render_rows(row)
            self.changed.emit()
            self.removed.emit(draft)

    def move_label(self, step: int) -> None:
        """Move the selected label up or down (palette order, and the 1–9 keys)."""
        to = swap_with_neighbour(self.drafts, self.table.currentRow(), step)
        if to is not None:
            self.render_rows(to)

    def row_of(self, key: str) -> int:
        """The table row of the label with this key (-1: none)."""
        return next((i for i, d in enumerate(self.drafts) if d.key == key), -1)


class SchemaDialog(QDialog):
    """Edit the project's labels, event types and roles; OK saves only an edit that orphans nothing."""

    def __init__(self, schema: Schema, usage: SchemaUsage, *, orphans: Orphans, save: Save,
                 readonly: bool = False, reserved: Sequence[Binding] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Schema", "Schema — {name}").format(name=schema.name))
        self.schema, self.usage = schema, usage
        self._orphans, self._save, self.reserved = orphans, save, list(reserved)
        self.labels = [LabelDraft.of(lab) for lab in schema.labels]
        self.types = [TypeDraft.of(ev, self.labels) for ev in schema.event_types]
        intro = plain_label(translate("Schema", INTRO), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {MUTED}; padding: 2px 2px 6px 2px;")
        self.labels_tab = LabelsTab(self.labels, usage.labels, self)
        self.types_tab = TypesTab(self.types, self.labels, usage, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.labels_tab, translate("Schema", "Entity labels"))
        self.tabs.addTab(self.types_tab, translate("Schema", "Event types"))
        self.labels_tab.changed.connect(self._labels_changed)
        self.labels_tab.removed.connect(self._label_removed)
        self.message = plain_label("", self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        ok = QDialogButtonBox.StandardButton.Ok
        self.buttons = QDialogButtonBox((QDialogButtonBox.StandardButton.Close if readonly
                                         else ok | QDialogButtonBox.StandardButton.Cancel), self)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._labels_changed()
        if readonly:
            self.show_message(translate("Schema", "The project is open read-only: you can look at its schema but not change it."),
                              "note")
        self.resize(940, 620)

    # -- keeping the tabs in step ------------------------------------------------------------------
    def _labels_changed(self) -> None:
        self.tabs.setTabText(0, translate("Schema", "Entity labels ({n})").format(n=len(self.labels)))
        self.tabs.setTabText(1, translate("Schema", "Event types ({n})").format(n=len(self.types)))
        self.types_tab.render_roles()

    def _label_removed(self, draft: LabelDraft) -> None:
        if not draft.was:
            return
        held = self.usage.labels.get(draft.was, 0)
        loose = self.usage.suggestions.get(("entity", draft.was), 0)
        if held:
            self.show_message(plural(translate("Schema", "{key} is carried by %n span(s): OK will refuse to remove it. "
                                        "To keep those spans under another key, rename the label instead.", "", held), held)
                              .format(key=draft.was), "note")
        elif loose:
            self.show_message(plural(translate("Schema", "Its %n suggestion(s) labelled {key} will go with it when you press OK "
                                        "(Undo brings them back).", "", loose), loose).format(key=draft.was), "note")

    # -- what the dialog would save ------------------------------------------------------------------
    def draft_schema(self) -> Schema:
        """The schema as edited so far."""
        return replace(self.schema, labels=tuple(d.label() for d in self.labels),
                       event_types=tuple(t.event_type(self.labels) for t in self.types))

    def renames(self) -> Renames:
        """Keys edited in place: their annotations move to the new key."""
        labels = {d.was: d.key.strip() for d in self.labels if d.was and d.was != d.key.strip()}
        types = {t.was: t.key.strip() for t in self.types if t.was and t.was != t.key.strip()}
        roles = {(t.was, r.was): r.name.strip() for t in self.types if t.was
                 for r in t.roles if r.was and r.was != r.name.strip()}
        return Renames(labels=labels, event_types=types, roles=roles)

    def problems(self, schema: Schema) -> list[str]:
        """What the window's keys need that the schema's own check does not see: keys, and free hotkeys."""
        found = [translate("Schema", "Label {n} needs a key.").format(n=i + 1) for i, lab in enumerate(schema.labels) if not lab.key]
        found += [translate("Schema", "Event type {n} needs a key.").format(n=i + 1)
                  for i, ev in enumerate(schema.event_types) if not ev.key]
        found += [translate("Schema", "A role of {type} needs a name.").format(type=ev.key)
                  for ev in schema.event_types if any(not r.name for r in ev.roles)]
        # Two labels (or types) of one key: said as such, before their hotkeys are compared (which named the
        # clash as a hotkey of one label taken by the other).
        found += [translate("Schema", "Two labels have the key {key}; keys must differ.").format(key=key)
                  for key in _twice(lab.key for lab in schema.labels)]
        found += [translate("Schema", "Two event types have the key {key}; keys must differ.").format(key=key)
                  for key in _twice(ev.key for ev in schema.event_types)]
        if found:
            return found
        # A clash the project already had is left to the user: refusing it would block every other edit.
        known = set(hotkey_problems(self.schema, self.reserved))
        return found + [p for p in hotkey_problems(schema, self.reserved) if p not in known]

    # -- OK ---------------------------------------------------------------------------------------
    def try_save(self) -> bool:
        """Check the edit; save it and close, or say in the dialog why not."""
        self.setFocus()  # a cell still being typed in commits its text
        new, renames = self.draft_schema(), self.renames()
        problems = self.problems(new)
        if problems:
            return self._refuse(translate("Schema", "Not saved:") + "\n" + "\n".join(f"•  {p}" for p in problems))
        try:
            new.check(strict=False)  # the service checks every field once the pre-labelling maps follow renames
            found = list(self._orphans(new, renames))
        except AnnotatorError as exc:
            return self._refuse(translate("Schema", "Not saved: {reason}").format(reason=say(exc.reason))
                                + (f" ({say(exc.hint)})." if exc.hint else "."))
        if found:
            return self._refuse(orphan_text(found))
        if new == self.schema and not renames:
            self.accept()
            return True
        error = self._save(new, renames)
        if error is not None:
            return self._refuse(translate("Schema", "Not saved: {reason}").format(reason=error))
        self.accept()
        return True

    def _refuse(self, text: str) -> bool:
        self.show_message(text, "error")
        return False

    def show_message(self, text: str, level: str = "error") -> None:
        """A refusal (error) or a remark (note) under the tabs."""
        self.message.setText(text)
        self.message.setStyleSheet(f"{STYLES[level]} border-radius: 4px; padding: 6px 8px;")
        self.message.setVisible(bool(text))


def _twice(keys: Iterable[str]) -> list[str]:
    """The non-empty keys given more than once, in order."""
    counts = Counter(key for key in keys if key)
    return [key for key, n in counts.items() if n > 1]


def orphan_text(found: Sequence[Orphan]) -> str:
    """A refusal in plain words: what would be orphaned, and what to do about each."""
    lines = [translate("Schema", "Not saved: this change would leave annotations without a home.")]
    for orphan in found:
        advice = ADVICE.get(orphan.kind) or translate("Schema", "change them first")
        lines.append(f"•  {plain(orphan)}. " + translate("Schema", "To go on: {advice}.").format(advice=advice))
    return "\n".join(lines)


def hotkey_problems(schema: Schema, reserved: Sequence[Binding] = ()) -> list[str]:
    """Hotkeys that are not one key, or that another action of the window already answers to."""
    found = []
    items: tuple[EntityLabel | EventType, ...] = (*schema.labels, *schema.event_types)
    for item in items:
        sequence = QKeySequence(item.hotkey)
        if item.hotkey and (sequence.count() != 1 or not sequence.toString()):
            found.append(translate("Schema", "The hotkey “{hotkey}” of {key} is not a single key.").format(hotkey=item.hotkey, key=item.key))
    if found:
        return found
    own = [*label_bindings(schema), *event_bindings(schema)]
    keymap: dict[int, Binding] = {}
    for binding in (*BINDINGS, *own, *reserved):  # the window's order: the first binding of a key wins
        for key in binding.keys:
            keymap.setdefault(key_code_of(key), binding)
    for binding in own:
        given = (schema.label(binding.arg or "") if binding.action == "label"
                 else schema.event_type(binding.arg or "") if binding.action == "new_event" else None)
        if given is None or not given.hotkey:
            continue  # a label's place-in-the-list digit simply yields to a hotkey given on purpose
        owner = keymap[key_code_of(given.hotkey)]
        if owner is not binding:
            what = translate("Schema", "label") if binding.action == "label" else translate("Schema", "event type")
            found.append(translate("Schema", "The hotkey {hotkey} of {what} {key} already means “{action}”; choose another.")
                         .format(hotkey=given.hotkey, what=what, key=given.key, action=owner.title))
    return found
