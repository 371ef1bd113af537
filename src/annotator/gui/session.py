"""An open project in the window: the service, its undo stack, and the one signal every view listens to."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.service import Changes, Project

Step = Callable[[], Changes]


def combine(action: str, parts: Sequence[Changes]) -> Changes:
    """Several Changes as one record (in the order they were applied)."""
    if len(parts) == 1:
        return parts[0]
    return Changes.combine(action, parts)


class EditCommand(QUndoCommand):
    """One user edit: its first redo runs the service calls, later ones replay the recorded Changes."""

    def __init__(self, session: ProjectSession, text: str, steps: Sequence[Step]) -> None:
        super().__init__(text)
        self._session = session
        self._steps = list(steps)
        self._done: list[Changes] | None = None

    def redo(self) -> None:
        """Apply the edit (the service call the first time, a replay after an undo)."""
        project = self._session.project
        if self._done is None:
            self._first_run(project)
            return
        try:
            replayed = [project.redo(c) for c in self._done]
        except AnnotatorError as exc:
            self._session.failed.emit(exc)
            return
        self._session.announce(combine(f"redo {self.text()}", replayed), undo=True)

    def undo(self) -> None:
        """Put back what the edit changed."""
        project = self._session.project
        try:
            reverted = [project.undo(c) for c in reversed(self._done or [])]
        except AnnotatorError as exc:
            self._session.failed.emit(exc)
            return
        self._session.announce(combine(f"undo {self.text()}", reverted), undo=True)

    def _first_run(self, project: Project) -> None:
        done: list[Changes] = []
        try:
            for step in self._steps:
                done.append(step())
        except AnnotatorError as exc:
            # A multi-step edit that fails half-way leaves the project as it was.
            for changes in reversed(done):
                project.undo(changes)
            self.setObsolete(True)  # QUndoStack.push drops an obsolete command
            self._session.failed.emit(exc)
            return
        self._done = done
        if all(c.empty for c in done):
            self.setObsolete(True)
        result = combine(self.text(), done)
        self._session.last = result
        self._session.announce(result, undo=False)


class ProjectSession(QObject):
    """The project open in a window: edits go through `edit`, and come back as `changed`."""

    changed = Signal(object)  # Changes: every view refreshes for the kinds it shows
    failed = Signal(object)  # AnnotatorError from an edit; the window shows it
    replayed = Signal(object)  # Changes of an undo/redo (after `changed`), so the window can follow it

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.last: Changes | None = None

    @property
    def readonly(self) -> bool:
        """True when the project was opened read-only."""
        return self.project.readonly

    def edit(self, text: str, *steps: Step) -> Changes | None:
        """Run one user edit (one or more service calls) as one undoable command; None when it failed."""
        self.last = None
        self.undo_stack.push(EditCommand(self, text, steps))
        return self.last

    def announce(self, changes: Changes, *, undo: bool) -> None:
        """Tell every view what changed."""
        if changes.empty:
            return
        self.changed.emit(changes)
        if undo:
            self.replayed.emit(changes)

    def close(self) -> None:
        """Forget the history and close the project file."""
        self.undo_stack.clear()
        self.project.close()
