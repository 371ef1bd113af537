"""The status bar's live line: what this window's session did so far, tallied from each edit's Changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from annotator.core.annotations import ReviewStatus
from annotator.core.statistics import Decisions, decided_states, decision
from annotator.service import Changes

if TYPE_CHECKING:
    from annotator.gui.session import ProjectSession


class LiveLine(QLabel):
    """Documents reviewed and suggestions accepted vs changed since the project was opened in the window.

    Each edit adds what its Changes say (an undo takes it back): nothing is recounted from the project."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ProjectSession | None = None
        self.reviewed: set[int] = set()
        self.decisions = Decisions()
        self.setToolTip(self.tr("Since the project was opened in this window"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch of the interface language."""
        if event.type() == QEvent.Type.LanguageChange:
            self.setToolTip(self.tr("Since the project was opened in this window"))
            self._show()
        super().changeEvent(event)

    def attach(self, session: ProjectSession) -> None:
        """Start counting afresh for a newly opened project."""
        self.detach()
        self.session = session
        session.changed.connect(self.count)
        self._show()

    def detach(self) -> None:
        """Stop counting (the project closes)."""
        if self.session is not None:
            self.session.changed.disconnect(self.count)
            self.session = None
        self.reviewed = set()
        self.decisions = Decisions()
        self._show()

    def count(self, changes: Changes) -> None:
        """Add one edit's decisions and review statuses."""
        for image in changes.spans:
            self.decisions += decision(image.before, image.after)
        for states in changes.span_states:
            self.decisions += decided_states(states.before, states.after, states.origins)
        for document in changes.documents:
            if document.status == ReviewStatus.REVIEWED:
                self.reviewed.add(document.doc_id)
            elif document.status is not None:
                self.reviewed.discard(document.doc_id)
        self._show()

    def _show(self) -> None:
        if self.session is None:
            self.setText("")
            return
        self.setText(self.tr("This session: %1 reviewed · suggestions %2 accepted, %3 changed")
                     .replace("%1", str(len(self.reviewed))).replace("%2", str(self.decisions.accepted))
                     .replace("%3", str(self.decisions.changed)))
