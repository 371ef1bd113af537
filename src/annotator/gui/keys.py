"""Every shortcut in one table: the menus, the article's key handling and the help sheet read it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from annotator.core.schema import Schema
from annotator.gui.i18n import QT_TRANSLATE_NOOP, translate


def key_code_of(text: str) -> int:
    """The first key of a key sequence ("Ctrl+S") as the combined int the window's keymap uses."""
    return QKeySequence(text)[0].toCombined()  # type: ignore[index]  # PySide6's stub lacks __getitem__


VIEW = "view"  # only while the article has the focus (arrows, digits, single letters)
WINDOW = "window"  # anywhere in the window


@dataclass(frozen=True)
class Binding:
    """An action name (a handler's name), what it does, its keys, and where it shows."""

    action: str
    text: str
    keys: tuple[str, ...] = ()
    menu: str = ""  # File, Edit, View, Review, Tools, Help, or "" (keys only)
    scope: str = VIEW
    group: str = ""  # section of the shortcut sheet
    arg: str | None = None  # e.g. the label a digit applies

    @property
    def title(self) -> str:
        """What the action does, in the interface language (`text` stays English for the README)."""
        return translate("Keys", self.text)


BINDINGS: tuple[Binding, ...] = (
    # -- moving --------------------------------------------------------------------------------
    Binding("move_right", QT_TRANSLATE_NOOP("Keys", "Next token"), ("Right",), group="Move"),
    Binding("move_left", QT_TRANSLATE_NOOP("Keys", "Previous token"), ("Left",), group="Move"),
    Binding("extend_right", QT_TRANSLATE_NOOP("Keys", "Extend the selection by a token"), ("Shift+Right",), group="Move"),
    Binding("extend_left", QT_TRANSLATE_NOOP("Keys", "Extend the selection leftwards by a token"), ("Shift+Left",), group="Move"),
    Binding("char_right", QT_TRANSLATE_NOOP("Keys", "Select the next character"), ("Alt+Right",), group="Move"),
    Binding("char_left", QT_TRANSLATE_NOOP("Keys", "Select the previous character"), ("Alt+Left",), group="Move"),
    Binding("char_extend_right", QT_TRANSLATE_NOOP("Keys", "Extend the selection by a character"), ("Alt+Shift+Right",), group="Move"),
    Binding("char_extend_left", QT_TRANSLATE_NOOP("Keys", "Shrink the selection by a character"), ("Alt+Shift+Left",), group="Move"),
    Binding("line_down", QT_TRANSLATE_NOOP("Keys", "Token on the next line"), ("Down",), group="Move"),
    Binding("line_up", QT_TRANSLATE_NOOP("Keys", "Token on the previous line"), ("Up",), group="Move"),
    Binding("first_token", QT_TRANSLATE_NOOP("Keys", "First token"), ("Home", "Ctrl+Home"), group="Move"),
    Binding("last_token", QT_TRANSLATE_NOOP("Keys", "Last token"), ("End", "Ctrl+End"), group="Move"),
    Binding("next_suggestion", QT_TRANSLATE_NOOP("Keys", "Next suggestion (with an event selected: next entity)"), ("Tab",), "Review",
            group="Move"),
    Binding("prev_suggestion", QT_TRANSLATE_NOOP("Keys", "Previous suggestion (with an event selected: previous entity)"), ("Shift+Tab",),
            "Review", group="Move"),
    Binding("clear_selection", QT_TRANSLATE_NOOP("Keys", "Back to the token cursor (there: leave the selected event)"), ("Escape",),
            group="Move"),
    # -- deciding ------------------------------------------------------------------------------
    Binding("accept", QT_TRANSLATE_NOOP("Keys", "Accept the suggestion"), ("Return", "Enter", "Space"), "Review", group="Decide"),
    Binding("reject", QT_TRANSLATE_NOOP("Keys", "Reject the suggestion / delete the span"), ("Delete", "Backspace", "X"), "Review",
            group="Decide"),
    Binding("accept_label", QT_TRANSLATE_NOOP("Keys", "Accept all suggestions with this span's label"), ("A",), "Review", group="Decide"),
    Binding("accept_all", QT_TRANSLATE_NOOP("Keys", "Accept all entity suggestions in the document"), ("Ctrl+Shift+A",), "Review", WINDOW,
            group="Decide"),
    Binding("accept_all_triggers",
            QT_TRANSLATE_NOOP("Keys", "Accept all trigger suggestions as events (their roles still to give)"),
            ("Ctrl+Shift+T",), "Review", WINDOW, group="Decide"),
    Binding("reject_all",
            QT_TRANSLATE_NOOP("Keys", "Reject every entity and trigger suggestion in the document (Ctrl+Z brings them back)"),
            ("Ctrl+Shift+X",), "Review", WINDOW, group="Decide"),
    Binding("grow_end", QT_TRANSLATE_NOOP("Keys", "Span end one token right"), ("Ctrl+Right",), "Review", group="Resize"),
    Binding("shrink_end", QT_TRANSLATE_NOOP("Keys", "Span end one token left"), ("Ctrl+Left",), "Review", group="Resize"),
    Binding("grow_start", QT_TRANSLATE_NOOP("Keys", "Span start one token left"), ("Ctrl+Shift+Left",), "Review", group="Resize"),
    Binding("shrink_start", QT_TRANSLATE_NOOP("Keys", "Span start one token right"), ("Ctrl+Shift+Right",), "Review", group="Resize"),
    Binding("split_token", QT_TRANSLATE_NOOP("Keys", "Split the token before the selected character"), ("S",), "Review",
            group="Segmentation"),
    Binding("split_remember", QT_TRANSLATE_NOOP("Keys", "Split and remember both words"), ("Shift+S",), "Review", group="Segmentation"),
    Binding("merge_tokens", QT_TRANSLATE_NOOP("Keys", "Merge the token with the next (or the selected tokens)"), ("M",), "Review",
            group="Segmentation"),
    Binding("merge_remember", QT_TRANSLATE_NOOP("Keys", "Merge and remember the word"), ("Shift+M",), "Review", group="Segmentation"),
    Binding("copy", QT_TRANSLATE_NOOP("Keys", "Copy the selected text"), ("Ctrl+C",), group="Edit"),
    # -- events ---------------------------------------------------------------------------------
    Binding("new_event", QT_TRANSLATE_NOOP("Keys", "New event on the selection (on a trigger: change the type)"), ("E",), "Review",
            group="Events"),
    Binding("add_role", QT_TRANSLATE_NOOP("Keys", "Give the selected entity or text a role in the selected event"), ("R",), "Review",
            group="Events"),
    Binding("remove_role", QT_TRANSLATE_NOOP("Keys", "Take the selected span out of the selected event"), ("Shift+R",), "Review",
            group="Events"),
    Binding("next_event", QT_TRANSLATE_NOOP("Keys", "Next event"), ("]",), "Review", group="Events"),
    Binding("prev_event", QT_TRANSLATE_NOOP("Keys", "Previous event"), ("[",), "Review", group="Events"),
    # -- documents -----------------------------------------------------------------------------
    Binding("mark_reviewed", QT_TRANSLATE_NOOP("Keys", "Mark reviewed, open the next unreviewed document"), ("Ctrl+Return", "Ctrl+Enter"),
            "Review", WINDOW, group="Documents"),
    Binding("ask_before_reviewed", QT_TRANSLATE_NOOP("Keys", "Ask again before marking reviewed with undecided suggestions"), (), "Review",
            WINDOW, group="Documents"),
    Binding("mark_skipped", QT_TRANSLATE_NOOP("Keys", "Skip the document, open the next unreviewed one"), ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), "Review",
            WINDOW, group="Documents"),
    Binding("next_unreviewed", QT_TRANSLATE_NOOP("Keys", "Next unreviewed document"), ("Ctrl+PgDown",), "Review", WINDOW, group="Documents"),
    Binding("prev_unreviewed", QT_TRANSLATE_NOOP("Keys", "Previous unreviewed document"), ("Ctrl+PgUp",), "Review", WINDOW,
            group="Documents"),
    Binding("focus_list", QT_TRANSLATE_NOOP("Keys", "Go to the document list"), ("Ctrl+L",), "View", WINDOW, group="Documents"),
    Binding("focus_article", QT_TRANSLATE_NOOP("Keys", "Go to the article"), ("Ctrl+K",), "View", WINDOW, group="Documents"),
    # -- edit / view / file / help ---------------------------------------------------------------
    Binding("undo", QT_TRANSLATE_NOOP("Keys", "Undo"), ("Ctrl+Z",), "Edit", WINDOW, group="Edit"),
    Binding("redo", QT_TRANSLATE_NOOP("Keys", "Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), "Edit", WINDOW, group="Edit"),
    Binding("find", QT_TRANSLATE_NOOP("Keys", "Find in the document"), ("Ctrl+F",), "Edit", WINDOW, group="Edit"),
    Binding("find_next", QT_TRANSLATE_NOOP("Keys", "Find the next match"), ("F3",), "Edit", WINDOW, group="Edit"),
    Binding("find_project", QT_TRANSLATE_NOOP("Keys", "Find across the project"), ("Ctrl+Shift+F",), "Edit", WINDOW, group="Edit"),
    Binding("zoom_in", QT_TRANSLATE_NOOP("Keys", "Zoom in"), ("Ctrl++", "Ctrl+="), "View", WINDOW, group="View"),
    Binding("zoom_out", QT_TRANSLATE_NOOP("Keys", "Zoom out"), ("Ctrl+-",), "View", WINDOW, group="View"),
    Binding("zoom_reset", QT_TRANSLATE_NOOP("Keys", "Actual size"), ("Ctrl+0",), "View", WINDOW, group="View"),
    Binding("toggle_boundaries", QT_TRANSLATE_NOOP("Keys", "Show token boundaries"), ("Ctrl+B",), "View", WINDOW, group="View"),
    Binding("new_project", QT_TRANSLATE_NOOP("Keys", "New project…"), ("Ctrl+N",), "File", WINDOW, group="File"),
    Binding("open_project", QT_TRANSLATE_NOOP("Keys", "Open project…"), ("Ctrl+O",), "File", WINDOW, group="File"),
    Binding("import_files", QT_TRANSLATE_NOOP("Keys", "Import files…"), ("Ctrl+I",), "File", WINDOW, group="File"),
    Binding("import_folder", QT_TRANSLATE_NOOP("Keys", "Import a folder…"), ("Ctrl+Shift+I",), "File", WINDOW, group="File"),
    Binding("export", QT_TRANSLATE_NOOP("Keys", "Export…"), ("Ctrl+E",), "File", WINDOW, group="File"),
    Binding("close_project", QT_TRANSLATE_NOOP("Keys", "Close project"), ("Ctrl+W",), "File", WINDOW, group="File"),
    Binding("quit", QT_TRANSLATE_NOOP("Keys", "Quit"), ("Ctrl+Q",), "File", WINDOW, group="File"),
    Binding("shortcuts", QT_TRANSLATE_NOOP("Keys", "Keyboard shortcuts"), ("F1",), "Help", WINDOW, group="Help"),
    Binding("about", QT_TRANSLATE_NOOP("Keys", "About annotator"), (), "Help", WINDOW, group="Help"),
)


def label_bindings(schema: Schema) -> list[Binding]:
    """Digits that label (or relabel) and Alt+digits that accept all of a label, from the schema."""
    out: list[Binding] = []
    for i, label in enumerate(schema.labels):
        key = label_hotkey(schema, i)
        name = f"{label.key} {label.name_zh}".strip()
        out.append(Binding("label", translate("Keys", "Label as {name}").format(name=name),
                           (key,) if key else (), "Review", group="Labels", arg=label.key))
        out.append(Binding("accept_all_label", translate("Keys", "Accept all {name} suggestions").format(name=name),
                           (f"Alt+{key}",) if key else (), group="Labels", arg=label.key))
    return out


def event_bindings(schema: Schema) -> list[Binding]:
    """Keys that start an event of one type, for the event types the schema gives a hotkey."""
    text = translate("Keys", "New {type} event on the selection")
    return [Binding("new_event", text.format(type=f"{e.key} {e.name_zh}".strip()),
                    (e.hotkey,), group="Events", arg=e.key) for e in schema.event_types if e.hotkey]


def label_hotkey(schema: Schema, index: int) -> str:
    """The key of the `index`-th label: its own hotkey, else its position (1-9), else none."""
    label = schema.labels[index]
    return label.hotkey or (str(index + 1) if index < 9 else "")


GROUPS = ("Move", "Labels", "Decide", "Resize", "Events", "Segmentation", "Documents", "Edit", "View", "File", "Help",
          "Team")
GROUP_TITLES = (QT_TRANSLATE_NOOP("Keys", "Move"), QT_TRANSLATE_NOOP("Keys", "Labels"),
                QT_TRANSLATE_NOOP("Keys", "Decide"), QT_TRANSLATE_NOOP("Keys", "Resize"),
                QT_TRANSLATE_NOOP("Keys", "Events"), QT_TRANSLATE_NOOP("Keys", "Segmentation"),
                QT_TRANSLATE_NOOP("Keys", "Documents"), QT_TRANSLATE_NOOP("Keys", "Edit"),
                QT_TRANSLATE_NOOP("Keys", "View"), QT_TRANSLATE_NOOP("Keys", "File"), QT_TRANSLATE_NOOP("Keys", "Help"),
                QT_TRANSLATE_NOOP("Keys", "Team"))


def shortcut_rows(bindings: list[Binding] | tuple[Binding, ...]) -> list[tuple[str, str, str]]:
    """(group, keys, text) rows for the help sheet, grouped in GROUPS order."""
    order = {g: i for i, g in enumerate(GROUPS)}
    rows = [(b.group, " / ".join(b.keys), b.text) for b in bindings if b.keys]
    return sorted(rows, key=lambda r: order.get(r[0], len(GROUPS)))


def key_text(key: str) -> str:
    """A key as the interface names it ("Return" is 回车 in Chinese), the way Qt shows a menu entry's shortcut."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def keys_text(keys: str) -> str:
    """shortcut_rows' "Return / Enter / Space" in the interface's key names, each name once ("回车 / 空格")."""
    return " / ".join(dict.fromkeys(key_text(k) for k in keys.split(" / ")))


def translated_rows(bindings: list[Binding] | tuple[Binding, ...]) -> list[tuple[str, str, str]]:
    """shortcut_rows in the interface language (the help sheet)."""
    return [(translate("Keys", g), keys_text(keys), translate("Keys", text))
            for g, keys, text in shortcut_rows(bindings)]
