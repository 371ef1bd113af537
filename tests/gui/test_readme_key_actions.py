"""Each row of README's key table, pressed in the window, runs the action the row describes.

test_readme_keys.py checks that the README and the window name the same keys; this presses each of them and
checks which action the window takes (the action is recorded, not run, so Ctrl+Q does not quit).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

K = Qt.Key
# README row's key -> the action (gui/keys.py's name) its words describe.
README_ROWS = {
    "Right": "move_right", "Left": "move_left",
    "Shift+Right": "extend_right", "Shift+Left": "extend_left",
    "Alt+Left": "char_left", "Alt+Right": "char_right",
    "Alt+Shift+Right": "char_extend_right", "Alt+Shift+Left": "char_extend_left",
    "Up": "line_up", "Down": "line_down",
    "Home": "first_token", "End": "last_token", "Ctrl+Home": "first_token", "Ctrl+End": "last_token",
    "Tab": "next_suggestion", "Shift+Tab": "prev_suggestion",
    "Esc": "clear_selection",
    "1": "label", "Alt+1": "accept_all_label",
    "Return": "accept", "Enter": "accept", "Space": "accept",
    "Delete": "reject", "Backspace": "reject", "X": "reject",
    "A": "accept_label", "Ctrl+Shift+A": "accept_all", "Ctrl+Shift+T": "accept_all_triggers",
    "Ctrl+Shift+X": "reject_all",
    "Ctrl+Right": "grow_end", "Ctrl+Left": "shrink_end",
    "Ctrl+Shift+Left": "grow_start", "Ctrl+Shift+Right": "shrink_start",
    "S": "split_token", "Shift+S": "split_remember", "M": "merge_tokens", "Shift+M": "merge_remember",
    "Ctrl+Return": "mark_reviewed", "Ctrl+Enter": "mark_reviewed",
    "Ctrl+Shift+Return": "mark_skipped", "Ctrl+Shift+Enter": "mark_skipped",
    "Ctrl+PgDown": "next_unreviewed", "Ctrl+PgUp": "prev_unreviewed",
    "Ctrl+L": "focus_list", "Ctrl+K": "focus_article",
    "Ctrl+Z": "undo", "Ctrl+Shift+Z": "redo", "Ctrl+Y": "redo",
    "Ctrl+F": "find", "F3": "find_next", "Ctrl+Shift+F": "find_project", "Ctrl+C": "copy",
    "Ctrl++": "zoom_in", "Ctrl+-": "zoom_out", "Ctrl+0": "zoom_reset", "Ctrl+B": "toggle_boundaries",
    "Ctrl+N": "new_project", "Ctrl+O": "open_project", "Ctrl+W": "close_project", "Ctrl+Q": "quit",
    "Ctrl+I": "import_files", "Ctrl+Shift+I": "import_folder", "Ctrl+E": "export",
    "Ctrl+J": "adjudicate", "F1": "shortcuts",
    "E": "new_event", "R": "add_role", "Shift+R": "remove_role", "]": "next_event", "[": "prev_event",
}


def key_press(keys: str) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    """A README key as the key and modifiers a keyboard sends; "Enter" is the keypad's key, "Return" the main one."""
    combined = QKeySequence(keys.replace("Esc", "Escape"))[0]
    key = K.Key_Enter if keys.endswith("Enter") else combined.key()
    return key, combined.keyboardModifiers()


def test_each_readme_key_runs_the_action_its_row_describes(qtbot, window, monkeypatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(window, "run", lambda binding: ran.append(binding.action))
    wrong = {}
    for keys, action in README_ROWS.items():
        ran.clear()
        window.page.view.setFocus()
        qtbot.keyClick(window.page.view, *key_press(keys))
        if ran != [action]:
            wrong[keys] = (action, ran[:])
    assert not wrong, f"README's action, then what the window ran: {wrong}"
