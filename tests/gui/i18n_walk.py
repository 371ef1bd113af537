"""Collecting every string the window shows (menus, widgets, tooltips, headers, messages) and telling which of
them are still English. Used by test_i18n.py; rerun it after `make i18n` to see what is left to translate."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from annotator.core.schema import Schema

# Words that stay as they are in a Chinese interface: key names, file kinds, the app's own name.
KEEP = {"Ctrl", "Shift", "Alt", "Tab", "Enter", "Return", "Esc", "Escape", "Space", "PgUp", "PgDown", "Home", "End",
        "Left", "Right", "Up", "Down", "Delete", "Backspace", "Del", "annotator", "annot", "JSONL", "txt", "jsonl",
        "json", "Ins", "PgDn",
        "English"}  # each language is named in itself in View → Language
LATIN = re.compile(r"[A-Za-z][A-Za-z'’]+")
# Data inside a message: quoted article text, colours, file paths and names, a file dialog's patterns (*.conll).
QUOTED = re.compile(r"「[^」]*」|#[0-9a-fA-F]{6}\b|\S*/\S*|\S+\.annot\b|\*\.\w+")


def schema_words(schema: Schema) -> set[str]:
    """Labels, event types and roles as the schema spells them: data, shown as it is."""
    words: set[str] = set(LATIN.findall(schema.name))
    for label in schema.labels:
        words |= {label.key, *LATIN.findall(label.name)}
    for event_type in schema.event_types:
        words |= {*LATIN.findall(event_type.key), *LATIN.findall(event_type.name)}
        for role in event_type.roles:
            words |= set(LATIN.findall(role.name))
    return words


def english_words(text: str, keep: set[str]) -> list[str]:
    """The English words left in a shown string once data (quoted text, schema words, key names) is set aside."""
    text = QUOTED.sub("", text.split("\t")[0])  # after a tab: the shortcut of a menu entry
    return [w for w in LATIN.findall(text.replace("&", "")) if w not in keep and w not in KEEP]


def menu_strings(menu: QMenu) -> Iterator[tuple[str, str]]:
    """(where, text) of a menu's title and entries, submenus included."""
    yield f"menu {menu.title()}", menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from menu_strings(action.menu())
        else:
            yield f"menu entry in {menu.title()}", action.text()
            if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                yield f"tooltip of {action.text()}", action.toolTip()


def model_strings(model: QAbstractItemModel, where: str, *, cells: bool) -> Iterator[tuple[str, str]]:
    """Header titles and tooltips of a model (and its cells' tooltips and text when `cells`)."""
    for section in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"{where} header", value
    if not cells:
        return
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(min(model.rowCount(parent), 200)):
            for col in range(model.columnCount(parent)):
                index = model.index(row, col, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if isinstance(value, str):
                        yield f"{where} cell", value
            stack.append(model.index(row, 0, parent))


def widget_strings(root: QWidget, *, skip: Iterable[QWidget] = ()) -> Iterator[tuple[str, str]]:
    """Every text a widget tree shows: labels, buttons, fields' placeholders, tabs, boxes, tooltips, titles."""
    skipped = set(skip)
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget in skipped or any(s.isAncestorOf(widget) for s in skipped):
            continue
        name = type(widget).__name__
        if widget.isWindow() and widget.windowTitle():
            yield f"title of {name}", widget.windowTitle()
        if widget.toolTip():
            yield f"tooltip of {name}", widget.toolTip()
        if isinstance(widget, QLabel):
            yield name, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QLineEdit):
            yield f"placeholder of {name}", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            yield from ((name, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QProgressBar):
            yield name, widget.text()
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield f"{name} item", widget.item(i).text()
                yield f"{name} item tooltip", widget.item(i).toolTip()
        if isinstance(widget, QTabWidget):
            yield from ((f"tab of {name}", widget.tabText(i)) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and not isinstance(widget,
                                                                                                    QListWidget):
            yield from model_strings(widget.model(), name, cells=False)


def untranslated(found: Iterable[tuple[str, str]], keep: set[str]) -> list[str]:
    """`where: text` of every string that still has English words in it."""
    bad = []
    for where, text in found:
        words = english_words(text or "", keep)
        if words:
            bad.append(f"{where}: {text!r} ({', '.join(words)})")
    return sorted(set(bad))
