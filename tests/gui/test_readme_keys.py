"""README's key table says what the window binds: every bound key is in it, and every key it names is bound.

The README's table is written for people (arrows, "Enter", grouped pairs), so the two are compared key by
key after writing both the same way, not as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.gui.keys import Binding

README = Path(__file__).resolve().parents[2] / "README.md"
SPELLING = {"←": "left", "→": "right", "↑": "up", "↓": "down", "return": "enter", "escape": "esc",
            "pgdown": "pgdown", "pgup": "pgup"}
LABEL_KEYS = {"1", "9", "alt+1", "alt+9"}  # "`1`–`9`": the schema's labels, listed by the window from its schema


def spelled(key: str) -> str:
    """A key as both sides are compared: lower case, arrows as words, Return as Enter."""
    parts = [p for p in re.split(r"\+(?!$)", key.strip().lower()) if p]
    return "+".join(SPELLING.get(p, p) for p in parts)


def readme_keys() -> set[str]:
    """Every key in the first column of the README's keyboard tables."""
    section = README.read_text(encoding="utf-8").split("## Keyboard", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith("| Keys") and not line.startswith("|---"):
            keys |= {spelled(k) for k in re.findall(r"`([^`]+)`", line.split("|")[1])}
    return keys


def bound_keys(bindings: list[Binding]) -> dict[str, set[str]]:
    """Each action's keys, apart from the labels' digits (the schema's, not the window's)."""
    return {b.action: {spelled(k) for k in b.keys} for b in bindings if b.keys and b.group != "Labels"}


def test_readme_names_every_bound_key_and_binds_every_named_one(window) -> None:
    named, bound = readme_keys(), bound_keys(window.bindings)
    assert bound, "the window binds no keys"
    missing = {action: keys for action, keys in bound.items() if not keys & named}
    assert not missing, f"README's key table lacks these actions' keys: {missing}"
    every_bound = set().union(*bound.values())
    unbound = named - every_bound - LABEL_KEYS
    assert not unbound, f"README's key table names keys the window does not bind: {sorted(unbound)}"


def test_the_comparison_tells_keys_apart() -> None:
    assert spelled("Ctrl+Return") == spelled("Ctrl+Enter") == "ctrl+enter"
    assert spelled("Alt+Shift+→") == "alt+shift+right"
    assert spelled("Ctrl++") == "ctrl++"
    assert spelled("Ctrl+-") != spelled("Ctrl++")
