"""Deciding what the event suggester proposed (service/triggers.py): Enter accepts a trigger suggestion as an
event with its suggested arguments, Enter and X decide a suggested argument of the current event on its own,
Ctrl+Shift+T accepts every trigger suggestion. Mixed into EventActions; what is not such a suggestion goes on
to the entity keys (`review`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from annotator.core.annotations import EntitySpan, Event, SpanKind, SpanState
from annotator.core.events import EventWarning, WarningKind
from annotator.gui import dialogs, foresee
from annotator.gui.i18n import translate
from annotator.gui.page_actions import PageActions
from annotator.service import Changes

if TYPE_CHECKING:
    from annotator.gui.actions import ReviewActions
    from annotator.gui.idle_refresh import IdleRefresh


class SuggestedEventActions(PageActions):
    """Enter, X and Ctrl+Shift+T on suggested events; the host (EventActions) provides review, later, current,
    warnings, event(), select_event(), leave_event() and _role_target()."""

    review: ReviewActions
    later: IdleRefresh
    current: int | None

    if TYPE_CHECKING:
        @property
        def warnings(self) -> list[EventWarning]: ...
        def event(self, event_id: int | None) -> Event | None: ...
        def select_event(self, event_id: int | None, *, from_panel: bool = False, show_trigger: bool = True
                         ) -> None: ...
        def leave_event(self) -> None: ...
        def _role_target(self) -> EntitySpan | None: ...

    def accept(self) -> None:
        """Enter on a trigger suggestion accepts it as an event (a suggested event with its suggested
        arguments); on a suggested argument of the current event, that argument; anything else as before."""
        if self.decide_argument(accept=True):
            return
        span = self.page.target_span()
        if span is None or span.kind != SpanKind.TRIGGER or span.state != SpanState.SUGGESTED:
            self.review.accept()
            return
        changes = self.session.edit(translate("Events", "Accept event {type} {text}").format(type=span.label, text=self._text(span)),
                                    lambda: self.project.triggers.accept(span.id))
        if changes:
            self.leave_event()  # decided: on to the next suggestion, not the event's entities
            self.to_suggestion(backwards=False, after=span)

    def reject(self) -> None:
        """X on a suggested argument of the current event rejects that argument alone; anything else as before."""
        if not self.decide_argument(accept=False):
            self.review.reject()

    def accept_all_triggers(self) -> None:
        """Ctrl+Shift+T: every trigger suggestion becomes an event, in one undoable edit. Those without suggested
        arguments come without any, so the reviewer is told so first, and is taken to the first event still
        missing a role."""
        if not self.ready() or not self.session.flush():  # the edit before made first: its triggers left
            return
        trigger = SpanKind.TRIGGER  # (thousands of suggestions, on the key)
        triggers = [s.id for s in self.open_state.suggestions() if s.kind is trigger]
        if not triggers:
            self._say(translate("Events", "no trigger suggestions to accept"))
            return
        n = len(triggers)
        question = translate("Events", "Accept {count} trigger suggestions as events?\n\nEach becomes an event with "
                             "its suggested arguments, and without arguments where none were suggested: roles it "
                             "lacks are still to give (R), and until then it shows a missing-role warning, "
                             "Ctrl+Enter asks about it and the export names the document.").format(count=n)
        if not dialogs.ask_yes_no(self.page.window(), question):
            return
        state = self.open_state
        made: list[Changes] = []  # the service's record, once it ran (shown first: after the paint)

        def accept() -> Changes:
            made.append(self.project.triggers.accept_many(triggers))
            return made[-1]
        changes = self.session.edit(translate("Events", "Accept {count} trigger suggestions").format(count=n), accept,
                                    shown=lambda: foresee.accepting_triggers(state, triggers))
        if not changes:
            return

        def point_on() -> None:  # once on_changed's refresh has read the events and their warnings
            lacking = [w.event_id for w in self.warnings if w.kind == WarningKind.MISSING_ROLE]
            if lacking:
                self.select_event(lacking[0])
            self._say(translate("Events", "accepted {created} events; {missing} still miss required roles · R gives "
                                "the selected entity a role · ] next event").format(created=events_accepted(made[-1]),
                                                                                    missing=len(set(lacking))))
        if changes.saved:
            self.later.then(point_on)
        else:  # shown before it was made: once it is (the zero timer before this one), and its events read
            QTimer.singleShot(0, lambda: self.later.then(point_on) if self.session.last is changes else None)

    def decide_argument(self, *, accept: bool) -> bool:
        """Enter / X on a suggested argument of the current event: accept (or reject) that argument alone, then
        select the event's next undecided one (or its trigger); False when the selection is no such argument."""
        event = self.event(self.current)
        span = self._role_target() if event is not None and self.ready() else None
        arg = next((a for a in event.arguments if span is not None and a.span_id == span.id
                    and a.state == SpanState.SUGGESTED), None) if event is not None else None
        if event is None or span is None or arg is None:
            return False
        if accept:
            title = translate("Events", "Accept {role} of {type}: {text}")
            step = partial(self.project.triggers.accept_argument, event.id, arg.role, span.id)
        else:
            title = translate("Events", "Reject {role} of {type}: {text}")
            step = partial(self.project.triggers.reject_argument, event.id, arg.role, span.id)
        if self.session.edit(title.format(role=arg.role, type=event.type, text=self._text(span)), step):
            self._next_undecided(event.id)
        return True

    def _next_undecided(self, event_id: int) -> None:
        """Select the event's first argument still suggested, else its trigger (where Enter accepts it)."""
        event, state = self.event(event_id), self.state
        if event is None or state is None:
            return
        spans = [state.spans[a.span_id] for a in event.arguments
                 if a.state == SpanState.SUGGESTED and a.span_id in state.spans]
        target = min(spans, key=lambda s: (s.start, s.end), default=None)
        if target is None and event.trigger_id is not None:
            target = state.spans.get(event.trigger_id)
        if target is not None:
            self.view.select_span(target)


def events_accepted(changes: Changes) -> int:
    """How many events an accept of triggers made or accepted: a new one for each trigger without one, and the
    suggested ones; not one its trigger had accepted already (a file may hold that), which it leaves as it was."""
    return len({e.id for e in changes.events if not e.removed})
