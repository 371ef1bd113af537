"""Labelling events from the keyboard: E makes the selection a trigger, R gives a span a role in the current
event (gui/event_roles.py), [ and ] move between events, Enter and X decide suggested ones
(gui/event_decisions.py). Handlers named like the actions in keys.BINDINGS; the window asks this object before
the entity actions, so Tab, Enter and Escape can take on their event meaning here.

The current event: set by E, by [ / ], by clicking (or Tab-ing onto) a trigger, or from the events panel.
While there is one, Tab / Shift+Tab step through entities (not only suggestions) and R assigns roles;
Escape on the token cursor leaves it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect

from annotator.core.annotations import AnnotatedDocument, EntitySpan, Event, SpanKind, SpanState
from annotator.core.events import EventWarning, validate_events
from annotator.core.schema import EventType
from annotator.gui.actions import ReviewActions
from annotator.gui.chooser import Choice, Chooser
from annotator.gui.event_decisions import SuggestedEventActions
from annotator.gui.event_overlay import EventOverlay
from annotator.gui.event_roles import RoleActions
from annotator.gui.events_panel import EventsPanel, event_title
from annotator.gui.i18n import QT_TRANSLATE_NOOP, translate
from annotator.gui.idle_refresh import IdleRefresh
from annotator.gui.page import BIG_DOCUMENT, PANEL_DELAY_MS, ReviewPage
from annotator.service import Changes

PANEL_TITLE = QT_TRANSLATE_NOOP("Events", "Events")


class EventActions(SuggestedEventActions, RoleActions):
    """The events tab, the overlay of the current event, and the event keys."""

    def __init__(self, page: ReviewPage, review: ReviewActions) -> None:
        super().__init__(page)
        self.review = review  # the entity keys: what Tab, Enter, X and Escape do when they mean no event here
        self.schema = page.schema
        self._current: int | None = None
        self._following = False  # a selection change waits for the put-off refresh to be followed
        self._events: list[Event] = []
        self._warnings: list[EventWarning] = []
        self._used: set[int] = set()  # span ids the events use (their edits refresh the panel)
        self.chooser: Chooser | None = None
        self.panel = EventsPanel(self.schema, page.side)
        # On a long article the events are read again when the window is idle (or when first asked for).
        self.later = IdleRefresh(page, self.refresh, PANEL_DELAY_MS, shows=self.panel)
        self.tab = page.side.add_panel(self.panel, translate("Events", PANEL_TITLE))
        self.overlay = EventOverlay(self.view, self.schema)
        self.view.overlays.append(self.overlay.paint)
        self.session.changed.connect(self.on_changed)
        page.document_opened.connect(lambda _doc: self.refresh(keep=False))
        self.view.selection_changed.connect(self._follow_selection)
        self.panel.event_chosen.connect(lambda e: self.select_event(e, from_panel=True))
        self.panel.span_chosen.connect(self._panel_span)
        self.panel.activated.connect(lambda: self.view.setFocus())
        self.refresh(keep=False)

    def detach(self) -> None:
        """Stop following the session (the page is being replaced, e.g. after a language switch)."""
        self.session.changed.disconnect(self.on_changed)
        self.later.done()

    # -- keeping up -----------------------------------------------------------------------------
    @property
    def events(self) -> list[Event]:
        """The open document's live events in text order (read again first if an edit left them behind)."""
        self.later.catch_up()
        return self._events

    @property
    def current(self) -> int | None:
        """The current event's id (read once the events are current, so a selection's event is followed)."""
        self.later.catch_up()
        return self._current

    @current.setter
    def current(self, event_id: int | None) -> None:
        self._current = event_id

    @property
    def warnings(self) -> list[EventWarning]:
        """What is wrong with them (missing roles, ...), kept as current as `events`."""
        self.later.catch_up()
        return self._warnings

    def refresh(self, *, keep: bool = True) -> None:
        """Reload the document's events and warnings (one read; the warnings are the service's validation)."""
        self.later.done()
        state = self.state
        # The open document as the window holds it (kept current by every edit), with its events read
        # afresh: no reload of the text and tokens, which cost a long article a third of a second.
        doc: AnnotatedDocument | None = None if state is None else AnnotatedDocument(
            state.title, state.text, tuple(state.tokens), tuple(state.spans.values()),
            tuple(self.project.events_of(state.doc_id)), id=state.doc_id, status=state.status)
        events = [e for e in doc.events if e.state != SpanState.REJECTED] if doc is not None else []
        spans = {s.id: s for s in doc.spans} if doc is not None else {}
        events.sort(key=lambda e: (spans[e.trigger_id].start if e.trigger_id in spans else 1 << 62, e.id))
        self._events = events
        self._warnings = validate_events(doc, self.schema) if doc is not None else []
        self._used = {s for e in events for s in (e.trigger_id, *(a.span_id for a in e.arguments)) if s}
        if not keep or self.event(self.current) is None:
            self.current = None
        self.panel.show_events(doc, events, self.warnings, self.current)
        title = translate("Events", PANEL_TITLE)
        self.page.side.setTabText(self.tab, f"{title} {len(events)}" if events else title)
        self.overlay.show(self.event(self.current))
        self.later.run_waiting()

    def on_changed(self, changes: Changes) -> None:
        """Refresh when an edit touched this document's events or a span they use (on a long article after a
        pause in typing, unless a key needs the events sooner)."""
        state = self.state
        if state is None or state.doc_id not in changes.doc_ids or self.later.pending:
            return
        if ("events" in changes.kinds or any(c.id in self._used for c in changes.spans)
                # A span moving between suggested and accepted changes no event, row or warning (only a
                # rejected one does): accept-all on a long article need not read every event again.
                or any(not s.edges_kept and not self._used.isdisjoint(s.ids) for s in changes.span_states)):
            if state.span_count < BIG_DOCUMENT:
                self.refresh()
            else:
                self.later.request()

    def event(self, event_id: int | None) -> Event | None:
        """The live event with this id in the open document."""
        return next((e for e in self.events if e.id == event_id), None) if event_id is not None else None

    # -- choosing the current event ---------------------------------------------------------------
    def select_event(self, event_id: int | None, *, from_panel: bool = False, show_trigger: bool = True) -> None:
        """Make an event current: the panel marks it, the article draws it and selects its trigger."""
        event = self.event(event_id)
        self.current = event.id if event is not None else None
        self.overlay.show(event)
        if not from_panel:
            self.panel.select(self.current)
            if event is not None:
                self.page.side.setCurrentWidget(self.panel)
        if event is None:
            return
        state = self.state
        trigger = state.spans.get(event.trigger_id) if state is not None and event.trigger_id is not None else None
        if show_trigger and trigger is not None:
            if self.view.current_span != trigger.id:
                self.view.select_span(trigger)
            self._center(trigger)
        if event.state == SpanState.SUGGESTED:
            self._say(translate("Events", "suggested event {event} · Enter on its trigger: accept it with its arguments · "
                                "Tab: its arguments (Enter accepts one, X rejects it, R re-roles it) · X: reject")
                      .format(event=event_title(self.schema, event)))
            return
        self._say(translate("Events", "event {event} · Tab: next entity · R: give it a role · Esc Esc: leave the event")
                  .format(event=event_title(self.schema, event)))

    def _center(self, span: EntitySpan) -> None:
        """Scroll the trigger towards the middle when it is near an edge: its arguments are usually around it."""
        rects = self.view.range_rects(span.start, span.end)
        height = self.view.viewport().height()
        if self.view.isVisible() and (not rects or rects[0].top() < height * 0.2 or rects[-1].bottom() > height * 0.8):
            self.view.centerCursor()
            self.view.viewport().update()

    def _follow_selection(self) -> None:
        """Clicking (or Tab-ing onto) a trigger makes its event current."""
        if self.later.pending:
            # A bulk edit on a long article moved the selection and put the events off: reading them now
            # would take the key a third of a second. Follow it with them (or when a key asks for `current`).
            if not self._following:
                self._following = True
                self.later.then(self._follow_selection)
            return
        self._following = False
        span_id = self.view.current_span
        if span_id is None or span_id not in self._used:
            return
        event = next((e for e in self.events if e.trigger_id == span_id), None)
        if event is not None and event.id != self.current:
            self.select_event(event.id, show_trigger=False)

    def _panel_span(self, event_id: int, span_id: int) -> None:
        self.select_event(event_id, from_panel=True, show_trigger=False)
        span = self.state.spans.get(span_id) if self.state is not None else None
        if span is not None:
            self.view.select_span(span)

    def next_event(self) -> None:
        """The next event (by trigger position), wrapping."""
        self._step_event(+1)

    def prev_event(self) -> None:
        """The previous event, wrapping."""
        self._step_event(-1)

    def _step_event(self, step: int) -> None:
        if not self.events:
            self._say(translate("Events", "no events in this document · select a trigger and press E"), True)
            return
        ids = [e.id for e in self.events]
        if self.current in ids:
            i = (ids.index(self.current) + step) % len(ids)
        else:  # from the cursor: the first event whose trigger lies after (or before) it
            starts = [self._trigger_start(e) for e in self.events]
            i = bisect.bisect_right(starts, self.view.sel[0]) if step > 0 else \
                bisect.bisect_left(starts, self.view.sel[0]) - 1
            i %= len(ids)
        self.select_event(ids[i])
        self.view.setFocus()

    def _trigger_start(self, event: Event) -> int:
        span = self.open_state.spans.get(event.trigger_id) if event.trigger_id is not None else None
        return span.start if span is not None else 1 << 62

    def leave_event(self) -> None:
        """No current event: the article is back to entity review."""
        self.current = None
        self.overlay.show(None)
        self.panel.select(None)

    # -- keys that change meaning while an event is current ---------------------------------------
    def next_suggestion(self) -> None:
        """Tab: the next suggestion, or with an event current the next entity (a suggested event: its next
        argument, then on to the next suggestion)."""
        if self.current is None or not self.ready():
            self.review.next_suggestion()
        elif not self._step_suggested_event(+1):
            self._step_entity(+1)

    def prev_suggestion(self) -> None:
        """Shift+Tab: the previous suggestion, or with an event current the previous entity."""
        if self.current is None or not self.ready():
            self.review.prev_suggestion()
        elif not self._step_suggested_event(-1):
            self._step_entity(-1)

    def _step_suggested_event(self, step: int) -> bool:
        """Through a suggested event: its trigger, then its arguments in text order; past either end, leave
        it for the suggestion after (or before) its trigger. False when the current event is no suggestion."""
        event = self.event(self.current)
        state = self.open_state
        trigger = state.spans.get(event.trigger_id) if event is not None and event.trigger_id is not None else None
        if event is None or event.state != SpanState.SUGGESTED or trigger is None:
            return False
        args = sorted({state.spans[a.span_id] for a in event.arguments
                       if a.state != SpanState.REJECTED and a.span_id in state.spans}, key=lambda s: (s.start, s.end))
        stops = [trigger, *args]
        ids = [s.id for s in stops]
        here = self.view.current_span
        i = ids.index(here) + step if here in ids else 0
        if 0 <= i < len(stops):
            self.view.select_span(stops[i])
            return True
        self.leave_event()
        self.to_suggestion(backwards=step < 0, after=trigger)
        return True

    def _step_entity(self, step: int) -> None:
        spans = sorted((s for s in self.open_state.spans.values() if s.is_live and s.kind != SpanKind.TRIGGER),
                       key=lambda s: (s.start, -s.end, s.id))
        if not spans:
            self._say(translate("Events", "no entities in this document · select text and give it a label or a role (R)"), True)
            return
        keys = [(s.start, -s.end, s.id) for s in spans]
        here = self.open_state.spans.get(self.view.current_span) if self.view.current_span is not None else None
        pivot = (here.start, -here.end, here.id) if here is not None else (self.view.sel[0], 1 << 62, 0)
        i = bisect.bisect_right(keys, pivot) if step > 0 else bisect.bisect_left(keys, pivot) - 1
        self.view.select_span(spans[i % len(spans)])

    def clear_selection(self) -> None:
        """Escape: closes an open find bar; else from a span back to the token cursor; on the token cursor,
        leave the current event."""
        if self.page.close_find():
            return
        if self.current is not None and self.view.current_span is None and not self.view.char_mode:
            self.leave_event()
            self._say(translate("Events", "left the event"))
            return
        self.review.clear_selection()

    # -- E: an event on the selection ---------------------------------------------------------------
    def new_event(self, event_type: str | None = None) -> None:
        """Make the selection the trigger of a new event (on a trigger: change its event's type)."""
        if not self.ready():
            return
        start, end = self.view.sel
        trigger = self._trigger_at(start, end)
        if event_type is not None:
            self._make_event(event_type, start, end, trigger)
            return
        word = self.open_state.text[start:end]
        likely = self.project.triggers.lexicon().get(word, ())
        if trigger is not None:
            likely = (trigger.label, *likely)
        order = {key: i for i, key in enumerate(dict.fromkeys(likely))}
        types = sorted(self.schema.event_types, key=lambda t: order.get(t.key, len(order)))
        title = (translate("Events", "Event type for 「{word}」") if trigger is None or trigger.state == SpanState.SUGGESTED
                 else translate("Events", "Change the event type of 「{word}」"))
        self._choose(title.format(word=word), [_type_choice(t) for t in types],
                     lambda key: self._make_event(key, start, end, trigger))

    def _trigger_at(self, start: int, end: int) -> EntitySpan | None:
        here = self.open_state.spans.get(self.view.current_span) if self.view.current_span is not None else None
        if here is not None and here.kind == SpanKind.TRIGGER and here.is_live:
            return here
        return next((s for s in self.open_state.spans_covering(start, end)
                     if s.kind == SpanKind.TRIGGER and (s.start, s.end) == (start, end)), None)

    def _make_event(self, event_type: str, start: int, end: int, trigger: EntitySpan | None) -> None:
        doc, text = self.open_state.doc_id, self.open_state.text[start:end]
        if trigger is not None and trigger.state == SpanState.SUGGESTED:
            changes = self.session.edit(translate("Events", "Accept event {type} {text}").format(type=event_type, text=text),
                                        lambda: self.project.triggers.accept(trigger.id, event_type))
        elif trigger is not None:
            event = next((e for e in self.events if e.trigger_id == trigger.id), None)
            if event is None:
                changes = self.session.edit(translate("Events", "Event {type} {text}").format(type=event_type, text=text),
                                            lambda: self.project.triggers.accept(trigger.id, event_type))
            else:
                changes = self.session.edit(translate("Events", "Event type {old} → {new}").format(old=event.type, new=event_type),
                                            lambda: self.project.edits.set_event_type(event.id, event_type))
                self.select_event(event.id)
                return
        else:
            changes = self.session.edit(translate("Events", "New event {type} {text}").format(type=event_type, text=text),
                                        lambda: self.project.edits.add_event(doc, event_type, start, end))
        if changes and changes.created:
            self.select_event(changes.created[0])

    # -- helpers --------------------------------------------------------------------------------------
    def _choose(self, title: str, choices: list[Choice], on_pick: Callable[[Any], None]) -> None:
        if self.session.readonly:
            self._say(translate("Events", "the project is open read-only: events cannot be changed"), True)
            return
        if self.chooser is not None:
            self.chooser.close()
        self.chooser = Chooser(self.view, title=title, choices=choices, on_pick=self._picked(on_pick),
                               on_cancel=self._cancelled)
        rects = self.view.range_rects(*self.view.sel)
        anchor = rects[-1].toAlignedRect() if rects else QRect(0, 0, 1, 1)
        top_left = self.view.viewport().mapToGlobal(anchor.topLeft())
        screen = self.view.screen().availableGeometry()
        self.chooser.popup_at(QRect(top_left, anchor.size()), screen)

    def _picked(self, on_pick: Callable[[Any], None]) -> Callable[[Any], None]:
        def run(value: Any) -> None:
            self.chooser = None
            self.view.setFocus()
            on_pick(value)
        return run

    def _cancelled(self) -> None:
        self.chooser = None
        self.view.setFocus()


def _type_choice(event_type: EventType) -> Choice:
    words = (event_type.key, event_type.name, event_type.name_zh, *event_type.triggers)
    return Choice(event_type.key, f"{event_type.key} {event_type.name_zh}".strip(), words, event_type.color,
                  " ".join(event_type.triggers[:3]))
