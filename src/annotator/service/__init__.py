"""Use cases over a project: open, import, edit, review, export. Every mutation returns Changes."""

from annotator.service.changes import Changes, ImportReport
from annotator.service.project import Project

__all__ = ["Changes", "ImportReport", "Project"]
