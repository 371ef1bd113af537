"""What the review page's key handlers share: the page and its open document, the status line, and going to a
suggestion. ReviewActions (entities, tokens, documents) and EventActions (events) are built on it."""

from __future__ import annotations

from annotator.core.annotations import EntitySpan
from annotator.gui.docstate import DocumentState
from annotator.gui.i18n import translate
from annotator.gui.page import ReviewPage


class PageActions:
    """The page's view, session and project, and the open document as the handlers use it."""

    def __init__(self, page: ReviewPage) -> None:
        self.page = page
        self.view, self.session, self.project = page.view, page.session, page.project

    @property
    def state(self) -> DocumentState | None:
        """The open document."""
        return self.page.state

    @property
    def open_state(self) -> DocumentState:
        """The open document, where a handler has made sure there is one (`ready`)."""
        state = self.page.state
        assert state is not None, "no document is open"
        return state

    def ready(self) -> bool:
        """True when a document with tokens is open: what a key that moves or edits needs."""
        return self.state is not None and bool(self.state.tokens)

    def to_suggestion(self, *, backwards: bool, after: EntitySpan | None = None) -> bool:
        """Select the next (or previous) suggestion after `after` (default: the selected span, else the cursor),
        wrapping; False, and the reviewer told, when none is left."""
        if not self.ready():
            return False
        if after is None and self.view.current_span is not None:
            after = self.open_state.spans.get(self.view.current_span)
        found = self.open_state.next_suggestion(after, self.view.sel[0], backwards=backwards)
        if found is None:
            self._say(translate("Review", "no suggestions left · Ctrl+Enter marks the document reviewed"))
            return False
        self.view.select_span(found)
        return True

    def _say(self, text: str, error: bool = False) -> None:
        self.page.message.emit(text, error)

    def _text(self, span: EntitySpan) -> str:
        return self.open_state.text[span.start:span.end]
