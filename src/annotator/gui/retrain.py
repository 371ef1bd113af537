"""Background retraining: after every few newly reviewed documents (the project's `retrain_every`) a separate
process learns the entity model and, when the schema has event types, the event model from the reviewed
documents (service/retrain_worker.py); the window adopts each result through its held-out gate with one write.

A process, not a thread: crfsuite trains without releasing the GIL, so a thread would freeze the window
for the whole training. The worker opens the project read-only (SQLite's WAL lets it read beside the
window's writer) and closes it before training; killing it can therefore never damage the project.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QProcess, Signal

from annotator.core.annotations import ReviewStatus
from annotator.core.errors import AnnotatorError
from annotator.gui.error_text import error_text, message_text
from annotator.gui.i18n import QT_TRANSLATE_NOOP, plural
from annotator.gui.keys import WINDOW, Binding
from annotator.gui.retrain_text import entity_summary, joined, progress_text
from annotator.service import Changes
from annotator.service.training import MIN_REVIEWED, TrainingResult

if TYPE_CHECKING:
    from annotator.gui.session import ProjectSession
    from annotator.gui.window import MainWindow
    from annotator.service.event_training import EventTrainingResult

BINDING = Binding("retrain_now", QT_TRANSLATE_NOOP("Keys", "Retrain the model now"), (), "Tools", WINDOW, group="Tools")
STOP = Binding("stop_retraining", QT_TRANSLATE_NOOP("Keys", "Stop retraining"), (), "Tools", WINDOW, group="Tools")
WORKER = "annotator.service.retrain_worker"
BUSY = QT_TRANSLATE_NOOP("Retrainer", "retraining")  # the prefix of its progress messages


def install(window: MainWindow) -> Retrainer:
    """Give the window a retrainer (`window.retrainer`), Tools → Retrain the model now and Stop retraining."""
    retrainer = Retrainer(window)
    window.retrainer = retrainer
    window.enabled[STOP.action] = lambda: retrainer.running  # greyed out while nothing trains
    window.add_binding(BINDING, retrainer.retrain_now)
    window.add_binding(STOP, retrainer.stop_now)
    retrainer.running_changed.connect(window.refresh_enabled)
    return retrainer


class Retrainer(QObject):
    """Watches the open project's review statuses and runs one training process at a time."""

    finished = Signal(object)  # the TrainingResult adopted (kept or not), or None when it failed
    running_changed = Signal()  # a training process started or ended

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: ProjectSession | None = None
        self.process: QProcess | None = None
        self.last: TrainingResult | None = None
        self.last_events: EventTrainingResult | None = None  # the last event round (None: none or it failed)
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
        # Only a document newly reviewed can make a round due (asking reads the file: a bulk edit's deferred
        # write would run before the window painted it).
        if any(d.status == ReviewStatus.REVIEWED for d in changes.documents) and self.due():
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
        self.running_changed.emit()
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
            self.running_changed.emit()
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
                self.window.say(self.tr("{busy} in the background: {line}").format(busy=busy,
                                                                                  line=progress_text(last)))

    def _finished(self, code: int, out: Path) -> None:
        process, self.process = self.process, None
        if process is not None:
            self.running_changed.emit()
        if process is None or self.session is None:
            return
        errors = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        try:
            rounds = self._read(code, out, errors)
        finally:
            self._cleanup()
        self.conclude(rounds)

    def conclude(self, rounds: dict[str, Any]) -> None:
        """Adopt a worker's rounds (each through its gate), say what became of them, and start the next round
        when documents were reviewed meanwhile."""
        result, said = self._adopt_entities(rounds.get("entities") or {})
        self.last_events, event_note = self._adopt_events(rounds.get("events"))
        message = joined(said, event_note)
        self._failed_at = None if result is not None else self._reviewed()
        if result is not None:
            self.last = result
        if (result is not None and result.kept) or (self.last_events is not None and self.last_events.kept):
            self.window.preload_suggesting()  # the next document suggests afresh with it: LAC (if read) loads meanwhile
        self.window.say(message, result is None)
        self.finished.emit(result)
        if self.due():  # documents reviewed while it trained; the result stays on show
            self.start(announce=False)

    def _read(self, code: int, out: Path, errors: str) -> dict[str, Any]:
        """The worker's rounds (service/retrain_worker.py), or an entity round's error when it left none."""
        if code != 0 or not out.exists():
            reason = errors.splitlines()[-1] if errors else self.tr("the training process ended with code {code}").format(code=code)
            return {"entities": {"error": reason}}
        return dict(json.loads(out.read_text(encoding="utf-8")))

    def _adopt_entities(self, found: dict[str, Any]) -> tuple[TrainingResult | None, str]:
        """Adopt the entity round (the gate checked again in `adopt`): (its result, what to say); None failed."""
        assert self.session is not None  # _finished reads a result only while the project is open
        try:
            if "error" in found:
                raise AnnotatorError(found["error"])
            result = TrainingResult.from_dict(found)
            self.session.project.training.adopt(result)
        except AnnotatorError as exc:
            return None, self.tr("background retraining failed: {reason}").format(reason=self._said(exc))
        return result, entity_summary(result)

    def _adopt_events(self, found: dict[str, Any] | None) -> tuple[EventTrainingResult | None, str]:
        """Adopt the event round, if there was one (the gate checked again): (its result, what to say)."""
        assert self.session is not None
        if found is None:
            return None, ""  # the schema has no event types, or no reviewed document holds one
        from annotator.service.event_training import EventTrainingResult  # the event learners: only when used

        try:
            if "error" in found:
                raise AnnotatorError(found["error"])
            result = EventTrainingResult.from_dict(found)
            self.session.project.training.adopt_events(result)
        except AnnotatorError as exc:
            return None, self.tr("event model not retrained: {reason}").format(reason=self._said(exc))
        return result, self.event_summary(result)

    def _said(self, exc: AnnotatorError) -> str:
        """Why a round could not run, in the interface language, without the project's own file name in front
        (the worker's message names it, as the CLI's does: in the window it is the project open)."""
        assert self.session is not None
        own = str(self.session.project.path)
        if exc.path == own:  # raised here, adopting the round
            return error_text(AnnotatorError(exc.reason, hint=exc.hint))
        if exc.path is not None:
            return error_text(exc)
        return message_text(exc.reason.removeprefix(f"{own}: "))  # the worker's message, whole

    def event_summary(self, result: EventTrainingResult) -> str:
        """What an event round did, in the window's language."""
        verdict = (self.tr("in use") if result.kept
                   else self.tr("not clearly better, the event model in use stays"))
        return (self.tr("event model retrained on {learned} documents with events: F1 {old} → {new} on the other "
                        "{held} (higher in {share} of resamplings) — {verdict}")
                .format(learned=result.learned_from, old=f"{result.f1_old:.3f}", new=f"{result.f1_new:.3f}",
                        held=result.held_out, share=f"{result.confidence:.0%}", verdict=verdict))
