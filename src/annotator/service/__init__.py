"""Use cases over a project: open, import, edit, review, export. Every mutation returns Changes."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.service.changes import Changes, ImportReport
    from annotator.service.project import Project

__all__ = ["Changes", "ImportReport", "Project"]
_HOME = {"Changes": "annotator.service.changes", "ImportReport": "annotator.service.changes",
         "Project": "annotator.service.project"}


def __getattr__(name: str) -> Any:
    # Imported on first use: a submodule (`annotator.service.review`) does not pay for the whole service.
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
