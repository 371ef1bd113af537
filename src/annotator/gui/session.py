"""An open project in the window: the service, its undo stack, and the one signal every view listens to.

A bulk edit, an undo or a redo may come back before it is written (the project defers its write), and a bulk
edit may be shown before it is even made (gui/foresee.py): the window paints it, and the write (or the edit)
runs on a zero timer after the paint, or first thing when anything else uses the project. A write that fails
puts the window and the undo stack back where the file is."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.gui import foresee
from annotator.gui.foresee import Foreseen
from annotator.service import Changes, Project

Step = Callable[[], Changes]
T = TypeVar("T")


IDLE_SAVE_POINT_MS = 20_000  # no edit for this long: the window folds its log into the file


def combine(action: str, parts: Sequence[Changes]) -> Changes:
    """Several Changes as one record (in the order they were applied)."""
    if len(parts) == 1:
        return parts[0]
    return Changes.combine(action, parts)


class EditCommand(QUndoCommand):
    """One user edit: its first redo runs the service calls (or shows what they will do and runs them after the
    paint, gui/foresee.py), later ones replay the recorded Changes."""

    def __init__(self, session: ProjectSession, text: str, steps: Sequence[Step], shown: Foreseen | None = None
                 ) -> None:
        super().__init__(text)
        self._session = session
        self._steps = list(steps)
        self._shown = shown  # what the first run shows before its steps run (gui/foresee.py)
        self._done: list[Changes] | None = None
        self.skip = False  # the next undo or redo only moves the stack: the window already shows the file

    def redo(self) -> None:
        """Apply the edit (the service call the first time, a replay after an undo)."""
        if self.skip:
            self.skip = False
            return
        project = self._session.project
        if self._done is None:
            self._first_run(project)
            return
        try:
            with self._session.deferring(len(self._done) == 1):
                replayed = all_or_nothing(self._done, project.redo, lambda record, _: project.undo(record))
        except AnnotatorError as exc:
            self._session.refused(self, "redo", exc)
            return
        self._session.announce(combine(f"redo {self.text()}", replayed), undo=True)
        self._session.follow(self, "redo")

    def undo(self) -> None:
        """Put back what the edit changed."""
        if self.skip:
            self.skip = False
            return
        project = self._session.project
        try:
            with self._session.deferring(len(self._done or []) == 1):
                reverted = all_or_nothing(self._done[::-1] if self._done else [], project.undo,
                                          lambda record, _: project.redo(record))
        except AnnotatorError as exc:
            self._session.refused(self, "undo", exc)
            return
        self._session.announce(combine(f"undo {self.text()}", reverted), undo=True)
        self._session.follow(self, "undo")

    def made(self, done: list[Changes]) -> Changes:
        """Keep the Changes the first run's steps made, once they ran after the paint (foresee.show_first); they
        are returned as one record."""
        self._done = done
        return combine(self.text(), done)

    def run_steps(self, failing: type[Exception] = AnnotatorError) -> list[Changes]:
        """Run the service calls: one that raises `failing` undoes those before it (a multi-step edit that fails
        half-way leaves the project as it was), and the error goes on."""
        project = self._session.project
        return all_or_nothing(self._steps, lambda step: step(), lambda _, made: project.undo(made), failing)

    def _first_run(self, project: Project) -> None:
        if self._shown is not None:  # shown now from the window's memory; the steps run after the paint
            foresee.show_first(self._session, self, self._shown)
            return
        with self._session.deferring(len(self._steps) == 1):  # a rollback is written at once too
            try:
                done = self.run_steps()
            except AnnotatorError as exc:
                self.setObsolete(True)  # QUndoStack.push drops an obsolete command
                self._session.failed.emit(exc)
                return
        self._done = done
        if all(c.empty for c in done):
            self.setObsolete(True)
        result = combine(self.text(), done)
        self._session.last = result
        self._session.announce(result, undo=False)
        self._session.follow(self, "do")


def all_or_nothing(items: Sequence[T], apply: Callable[[T], Changes], back: Callable[[T, Changes], object],
                   failing: type[Exception] = AnnotatorError) -> list[Changes]:
    """`apply` each item (a service call, or a record to undo or redo) in turn; when one raises `failing`, `back`
    each one applied, given what it made (last first), before the error goes on: an edit, undo or redo of
    several records that fails half-way leaves the file as it was, as the window does."""
    done: list[tuple[T, Changes]] = []
    try:
        for item in items:
            done.append((item, apply(item)))
    except failing:
        for item, made in reversed(done):
            back(item, made)
        raise
    return [made for _, made in done]


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
        self._writing: tuple[EditCommand, str] | None = None  # whose write is deferred: ("do", "undo", "redo")
        self._lost = False  # the last flush put the window back (its write failed, or it made nothing)
        self._refused: tuple[EditCommand, str] | None = None  # an undo or redo that failed on the key
        # Edits stay in the write-ahead log beside the file until a checkpoint: a copy of the .annot alone, taken
        # with the window open, lacked them. One comes when the window has been idle a while (and at every
        # document marked done or skipped, `save_point`).
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_SAVE_POINT_MS)
        self._idle.timeout.connect(self.save_point)
        if not project.readonly:
            project.defer_writes(self.write_failed)

    @property
    def readonly(self) -> bool:
        """True when the project was opened read-only."""
        return self.project.readonly

    def edit(self, text: str, *steps: Step, shown: Callable[[], Foreseen | None] | None = None) -> Changes | None:
        """Run one user edit (one or more service calls) as one undoable command; None when it failed (or
        the edit before it failed or, shown first, changed nothing: the window then shows the file again, and this
        one waits).
        `shown`: asked once the edit before is written, what the edit will show (gui/foresee.py), painted
        before the steps run (right after the paint), and returned (the steps may still fail: the window is
        then put back); None: they run now."""
        self.last = None
        if self.flush():
            defers = self.project.write_failed is not None  # (not read-only, and not told to write at once)
            foreseen = shown() if shown is not None and defers else None
            self.undo_stack.push(EditCommand(self, text, steps, foreseen))
        return self.last

    def undo(self) -> None:
        """Undo the last edit (once the one before is written)."""
        if self.flush():
            self.undo_stack.undo()
            self._step_back()

    def redo(self) -> None:
        """Redo the last undone edit (once the one before is written)."""
        if self.flush():
            self.undo_stack.redo()
            self._step_back()

    def refused(self, command: EditCommand, how: str, exc: AnnotatorError) -> None:
        """An undo or redo failed on the key (nothing of it written: the records of a longer command it had
        applied were put back, `all_or_nothing`): the error is shown, and the
        stack, which moved over the command already, is moved back once its step returns."""
        self._refused = (command, how)
        self.failed.emit(exc)

    def _step_back(self) -> None:
        refused, self._refused = self._refused, None
        if refused is not None:
            self._realign(*refused)

    # -- deferred writes ----------------------------------------------------------------------------
    @contextmanager
    def deferring(self, allowed: bool) -> Iterator[None]:
        """Inside: the project may defer a write only when `allowed` (a command of one service call; the
        steps of a longer one must each be written before the next runs)."""
        failed, project = self.project.write_failed, self.project
        if not allowed:
            project.write_failed = None
        try:
            yield
        finally:
            project.write_failed = failed

    def follow(self, command: EditCommand, how: str) -> None:
        """After a command's Changes are announced: a deferred write runs once the window has painted."""
        if self.project.writing:
            self._writing = (command, how)
            QTimer.singleShot(0, self.flush)

    def flush(self) -> bool:
        """Write the deferred edit now; False when the window was put back (its write failed, or an edit shown
        first changed nothing): the key that asked waits, as the stack it meant may have moved."""
        self._lost = False
        if not self.readonly:
            self.project.flush()
        self._writing = None
        return not self._lost

    def dropped(self, command: EditCommand, revert: Changes) -> None:
        """A command shown first changed nothing after all: the window shows the file again, the command goes."""
        self._lost = True
        self._writing = None
        self.announce(revert, undo=False)
        self._realign(command, "do")

    def write_failed(self, exc: AnnotatorError, revert: Changes) -> None:
        """A deferred write, or an edit shown first (gui/foresee.py), failed: the window shows the file again, the
        undo stack follows, the error is shown."""
        self._lost = True
        writing, self._writing = self._writing, None
        self.announce(revert, undo=False)
        if writing is not None:
            self._realign(*writing)
        self.failed.emit(exc)

    def _realign(self, command: EditCommand, how: str) -> None:
        """Move the undo stack back over the command whose write failed, without running it: a first run
        is dropped (obsolete), an undo counts as redone, a redo as undone."""
        stack = self.undo_stack
        at = stack.index() - (0 if how == "undo" else 1)
        if not 0 <= at < stack.count() or stack.command(at) is not command:
            stack.clear()  # the history no longer matches the file: better none than a wrong one
            return
        command.skip = True
        if how == "do":
            command.setObsolete(True)  # QUndoStack.undo deletes an obsolete command without undoing it
        if how == "undo":
            stack.redo()
        else:
            stack.undo()

    def announce(self, changes: Changes, *, undo: bool) -> None:
        """Tell every view what changed."""
        if changes.empty:
            return
        if not self.readonly:
            self._idle.start()
        self.changed.emit(changes)
        if undo:
            self.replayed.emit(changes)

    def save_point(self) -> None:
        """Write the deferred edit and fold the log into the project file, without waiting for readers: a copy of
        the .annot alone then holds every edit so far (the annotator mails it with the window open)."""
        self._idle.stop()
        if self.readonly or self.project.closed or not self.flush():
            return
        self.project.save_point()

    def close(self) -> None:
        """Forget the history and close the project file (a deferred write written first)."""
        self._idle.stop()
        self.flush()
        self.undo_stack.clear()
        self.project.close()
