"""What the window remembers between sessions (QSettings): reviewer name, recent projects, view options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

ORGANISATION = "annotator"
APPLICATION = "annotator"
MAX_RECENT = 8


def settings() -> QSettings:
    """The application's settings store (tests point QSettings' user scope at a temporary folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def get(key: str, default: Any = None, kind: type | None = None) -> Any:
    """A stored value, or `default`."""
    store = settings()
    if not store.contains(key):
        return default
    value = store.value(key)
    if kind is bool:
        return value in (True, "true", "1", 1)
    if kind is int:
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    return value


def put(key: str, value: Any) -> None:
    """Remember a value."""
    store = settings()
    store.setValue(key, value)
    store.sync()


def reviewer() -> str:
    """The reviewer's name ("" until asked)."""
    return str(get("reviewer", "") or "")


def set_reviewer(name: str) -> None:
    """Remember the reviewer's name."""
    put("reviewer", name.strip())


def recent_projects() -> list[str]:
    """Recently opened project files that still exist, newest first."""
    value = get("recent", [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [p for p in items if p and Path(p).exists()]


def add_recent(path: Path) -> None:
    """Put a project first in the recent list."""
    path_s = str(Path(path).resolve())
    items = [p for p in recent_projects() if p != path_s]
    put("recent", [path_s, *items][:MAX_RECENT])


def last_document(path: Path) -> int | None:
    """The document last open in this project."""
    return get(f"last_doc/{_key(path)}", None, int)


def set_last_document(path: Path, doc_id: int) -> None:
    """Remember the document open in this project."""
    put(f"last_doc/{_key(path)}", doc_id)


def _key(path: Path) -> str:
    return str(Path(path).resolve()).replace("/", "|")
