"""Finishing and moving between documents: Ctrl+Enter (asking about what the document leaves open), skip,
next and previous document to do (in the order chosen for the project: gui/review_order.py). Mixed into
ReviewActions, whose page, session and project it uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer

from annotator.core.annotations import ReviewStatus, SpanKind
from annotator.gui import finish_dialog
from annotator.gui.adjudication import open_adjudication
from annotator.gui.doclist import TO_DO
from annotator.gui.finish_dialog import FinishChoice, FinishReviewDialog, describe
from annotator.gui.i18n import plural, status_title, translate
from annotator.service import Changes, review

if TYPE_CHECKING:
    from annotator.gui.docstate import DocumentState
    from annotator.gui.page import ReviewPage
    from annotator.gui.session import ProjectSession
    from annotator.gui.window import MainWindow
    from annotator.service import Project


class DocumentActions:
    """Handlers of the Documents group of the shortcut table (see keys.BINDINGS)."""

    page: ReviewPage
    project: Project
    session: ProjectSession

    if TYPE_CHECKING:
        @property
        def state(self) -> DocumentState | None: ...
        def _say(self, text: str, error: bool = False) -> None: ...
        def _edit(self, text: str, *steps: Callable[[], Changes]) -> Changes | None: ...

    def mark_reviewed(self) -> None:
        """Mark the document reviewed and open the next one to do."""
        self._finish(ReviewStatus.REVIEWED)

    def mark_skipped(self) -> None:
        """Mark the document skipped and open the next one to do."""
        self._finish(ReviewStatus.SKIPPED)

    def _finish(self, status: ReviewStatus) -> None:
        if self.state is None:
            return
        doc = self.state.doc_id
        if self._disputed(doc):
            return
        steps = [lambda: self.project.edits.set_status(doc, status)]
        warned = 0
        if status == ReviewStatus.REVIEWED:
            work = review.open_work(self.project, doc)
            choice = self._finish_choice(work) if work else None
            if choice == FinishChoice.BACK:
                self._say(translate("Review", "not marked reviewed: {work} · Tab: next suggestion · ]: next event")
                          .format(work=describe(work)), True)
                return
            if choice is not None and work.suggestions:
                steps[:0] = self._decide_rest(doc, accept=choice == FinishChoice.ACCEPT)
            warned = len(work.warnings)
        name = status_title(status.value)
        if self._edit(translate("Review", "Mark {status}").format(status=name), *steps) is None:
            return
        # Once its write ran (after the paint): a copy of the .annot taken now carries the document.
        QTimer.singleShot(0, self.session.save_point)
        left = len(self.state.suggestions()) if self.state is not None and self.state.doc_id == doc else 0
        note = plural(translate("Review", " (%n suggestion(s) left undecided)", "", left), left) if left else ""
        if warned:
            note += translate("Review", " ({count} schema warnings kept)").format(count=warned)
        nxt = self.project.order.next_document(doc)
        if nxt is None or nxt == doc:
            self._say(translate("Review", "marked {status}{note} · every document is done").format(status=name, note=note))
            return
        self.page.open_document(nxt)
        self._say(translate("Review", "marked {status}{note} · opened the next document to review").format(status=name, note=note))

    def _disputed(self, doc: int) -> bool:
        """A document whose annotators differ is settled in the adjudication dialog, which opens: Ctrl+Enter here
        asked only about "46 undecided suggestions" (or, remembered, asked nothing) and accepted both annotators'
        versions together; skipping lost its mark, which the dialog and `annotator adjudicate` list it by."""
        status = self.project.document_rows([doc]).get(doc, {}).get("status")  # a row, not the whole document
        if status != ReviewStatus.NEEDS_ADJUDICATION.value or not self.project.team.layers(doc):
            return False
        self._say(translate("Review", "The annotators' versions of this document differ: settle them in the "
                                      "adjudication dialog (Ctrl+J), which marks it reviewed"), True)
        window = self.page.window()
        if hasattr(window, "add_binding"):  # the main window (a test may host the page alone)
            open_adjudication(cast("MainWindow", window), doc)
        return True

    def _finish_choice(self, work: review.OpenWork) -> FinishChoice:
        """The remembered choice, else the reviewer's answer (remembered when asked to)."""
        choice = finish_dialog.remembered()
        if choice is not None:
            return choice
        choice, keep = FinishReviewDialog.ask(self.page.window(), work)
        if keep:
            finish_dialog.remember(choice)
        return choice

    def _decide_rest(self, doc: int, *, accept: bool) -> list[Callable[[], Changes]]:
        """Steps deciding every undecided suggestion: accepted (a trigger with its event) or rejected."""
        suggested = list(self.state.suggestions()) if self.state is not None else []

        def arguments() -> Changes:  # of suggested events and of accepted ones
            return self.project.triggers.decide_arguments(doc, accept=accept)
        if not accept:
            return [arguments, lambda: self.project.edits.reject([s.id for s in suggested])]
        triggers = [s.id for s in suggested if s.kind == SpanKind.TRIGGER]
        return [*([lambda: self.project.triggers.accept_many(triggers)] if triggers else []),
                lambda: self.project.edits.accept_all(doc), arguments]

    def ask_before_reviewed(self) -> None:
        """Forget the remembered Ctrl+Enter choice: ask again about undecided suggestions."""
        finish_dialog.remember(None)
        self._say(translate("Review", "Ctrl+Enter will ask again what to do with undecided suggestions"))

    def next_unreviewed(self) -> None:
        """Open the next document still to do."""
        self._step_document(+1)

    def prev_unreviewed(self) -> None:
        """Open the previous document still to do."""
        self._step_document(-1)

    def _step_document(self, step: int) -> None:
        here = self.state.doc_id if self.state else None
        found = self.project.order.next_document(here, statuses=TO_DO, backward=step < 0)
        if found is None:
            self._say(translate("Review", "every document is done"))
            return
        self.page.open_document(found)
