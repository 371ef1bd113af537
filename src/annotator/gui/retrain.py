"""Background retraining: after every few newly reviewed documents (the project's `retrain_every`) a separate
process learns a model from the reviewed documents; the window adopts the result with one write.

A process, not a thread: crfsuite trains without releasing the GIL, so a thread would freeze the window
for the whole training. The worker opens the project read-only (SQLite's WAL lets it read beside the
window's writer) and closes it before training; killing it can therefore never damage the project.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, Signal

from annotator.core.annotations import ReviewStatus
from annotator.core.errors import AnnotatorError
from annotator.gui.i18n import QT_TRANSLATE_NOOP, plural
from annotator.gui.keys import WINDOW, Binding
from annotator.service import Changes
from annotator.service.training import MIN_REVIEWED, TrainingResult

if TYPE_CHECKING:
    from annotator.gui.session import ProjectSession
    from annotator.gui.window import MainWindow

BINDING = Binding("retrain_now", QT_TRANSLATE_NOOP("Keys", "Retrain the model now"), (), "Tools", WINDOW, group="Tools")
STOP = Binding("stop_retraining", QT_TRANSLATE_NOOP("Keys", "Stop retraining"), (), "Tools", WINDOW, group="Tools")
WORKER = "annotator.service.training"
BUSY = QT_TRANSLATE_NOOP("Retrainer", "retraining")  # the prefix of its progress messages


def install(window: MainWindow) -> Retrainer:
    """Give the window a retrainer (`window.retrainer`), Tools → Retrain the model now and Stop retraining."""
    retrainer = Retrainer(window)
    window.retrainer = retrainer
    window.add_binding(BINDING, retrainer.retrain_now)
    window.add_binding(STOP, retrainer.stop_now)
    return retrainer


class Retrainer(QObject):
    """Watches the open project's review statuses and runs one training process at a time."""

    finished = Signal(object)  # the TrainingResult adopted (kept or not), or None when it failed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: ProjectSession | None = None
        self.process: QProcess | None = None
        self.last: TrainingResult | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._failed_at: int | None = None  # reviewed count when a round failed: wait for N more

    @property
    def running(self) -> bool:
        """True while a training process runs."""
        return self.process is not None

    # -- following a project ------------------------------------------------------------------
    def attach(self, session: ProjectSession) -> None:
        """Follow a newly opened project."""
        self.detach()
        self.session = session
        self._failed_at = None
        session.changed.connect(self._changed)

    def detach(self) -> None:
        """Stop following the project (closing it): a running training is killed, its result ignored."""
        self.stop()
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.session = None

    def _changed(self, changes: Changes) -> None:
        if "status" in changes.kinds and self.due():
            self.start()

    def due(self) -> bool:
        """True when enough documents were reviewed since the last round (and none is running)."""
        if self.session is None or self.session.readonly or self.running:
            return False
        return self.session.project.training.due(reviewed_at_failure=self._failed_at)

    def _reviewed(self) -> int:
        return self.session.project.training.reviewed() if self.session is not None else 0

    # -- running ------------------------------------------------------------------------------
    def retrain_now(self) -> None:
        """Tools → Retrain the model now."""
        if self.session is None:
            self.window.say(self.tr("open a project first"), True)
        elif self.session.readonly:
            self.window.say(self.tr("the project is open read-only: its model cannot change"), True)
        elif self.running:
            self.window.say(self.tr("the model is already retraining in the background"))
        elif not self._reviewed():
            self.window.say(self.tr("no reviewed documents to learn from yet"), True)
        elif self._reviewed() < MIN_REVIEWED:
            self.window.say(self.tr("Not retrained: the model learns only from {needed} or more reviewed documents, "
                                    "some held out to check that a new model is clearly better; review {more} more")
                            .format(needed=MIN_REVIEWED, more=MIN_REVIEWED - self._reviewed()), True)
        else:
            self.start()

    def stop_now(self) -> None:
        """Tools → Stop retraining: the round is dropped and the model in use stays."""
        if not self.running:
            self.window.say(self.tr("the model is not retraining"))
            return
        self.stop()
        self.window.say(self.tr("retraining stopped: the model in use stays"))

    def start(self, *, announce: bool = True) -> None:
        """Start a training process on the project's reviewed documents."""
        if self.session is None:
            return
        project = self.session.project
        self._folder = tempfile.TemporaryDirectory(prefix="annotator-train-")
        folder = Path(self._folder.name)
        out, ids = folder / "result.json", folder / "ids.json"
        # The round learns from the documents reviewed now, not from those the worker happens to see.
        reviewed = project.document_ids(statuses=[ReviewStatus.REVIEWED.value])
        ids.write_text(json.dumps(reviewed), encoding="utf-8")
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", WORKER, str(project.path), str(out), str(ids)])
        process.readyReadStandardOutput.connect(self._progress)
        process.finished.connect(lambda code, _status: self._finished(code, out))
        process.errorOccurred.connect(lambda error: self._finished(-1, out)
                                      if error == QProcess.ProcessError.FailedToStart else None)
        self.process = process
        if announce:  # before starting: a failure to start is reported at once and must stay on show
            self.window.say(plural(self.tr("{busy} the model in the background on %n reviewed document(s)…", "", len(reviewed)), len(reviewed))
                            .format(busy=self.tr(BUSY)))
        process.start()

    def stop(self) -> None:
        """Kill a running training (its result is never read) and clean up."""
        process, self.process = self.process, None
        if process is not None:
            process.finished.disconnect()
            process.kill()
            process.waitForFinished(3000)
            process.deleteLater()
        self._cleanup()

    def _cleanup(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def _progress(self) -> None:
        if self.process is not None:
            lines = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace").split("\n")
            last = next((line.strip() for line in reversed(lines) if line.strip()), "")
            shown = self.window.statusBar().currentMessage()
            busy = self.tr(BUSY)
            if last and (not shown or shown.startswith(busy)):  # never hide a result or the reviewer's news
                self.window.say(self.tr("{busy} in the background: {line}").format(busy=busy, line=last))

    def _finished(self, code: int, out: Path) -> None:
        process, self.process = self.process, None
        if process is None or self.session is None:
            return
        errors = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        try:
            result = self._adopt(code, out, errors)
        except AnnotatorError as exc:
            self._failed_at = self._reviewed()
            self.window.say(self.tr("background retraining failed: {reason}").format(reason=exc.message), True)
            self.finished.emit(None)
        else:
            self._failed_at = None
            self.last = result
            self.window.say(result.summary())
            self.finished.emit(result)
        finally:
            self._cleanup()
        if self.due():  # documents reviewed while it trained; the result stays on show
            self.start(announce=False)

    def _adopt(self, code: int, out: Path, errors: str) -> TrainingResult:
        if code != 0 or not out.exists():
            reason = errors.splitlines()[-1] if errors else self.tr("the training process ended with code {code}").format(code=code)
            raise AnnotatorError(reason)
        data = json.loads(out.read_text(encoding="utf-8"))
        if "error" in data:
            raise AnnotatorError(data["error"])
        result = TrainingResult.from_dict(data)
        assert self.session is not None  # _finished reads a result only while the project is open
        self.session.project.training.adopt(result)
        return result
