"""R and Shift+R: a span takes (or leaves) a role in the current event (Enter and X on a suggested argument:
gui/event_decisions.py). Mixed into EventActions.

On an entity (or argument span) R offers the roles its label may fill. On plain text R offers every role:
for each label a role names, "new <label>" creates that entity and assigns it in one edit; "text only"
creates an unlabelled argument span (DuEE/CEC style) in one edit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from annotator.core.annotations import EntitySpan, Event, SpanKind, SpanState
from annotator.core.events import roles_for_span
from annotator.core.schema import EventType
from annotator.gui.chooser import Choice
from annotator.gui.events_panel import event_title, role_color, role_title
from annotator.gui.i18n import translate
from annotator.gui.page_actions import PageActions
from annotator.service import Changes

if TYPE_CHECKING:
    from annotator.core.schema import Schema


class RoleActions(PageActions):
    """The role keys; the host (EventActions) provides schema, current, event(), _choose and _next_undecided."""

    schema: Schema
    current: int | None

    if TYPE_CHECKING:
        def event(self, event_id: int | None) -> Event | None: ...
        def _choose(self, title: str, choices: list[Choice], on_pick: Callable[[Any], None]) -> None: ...
        def _next_undecided(self, event_id: int) -> None: ...

    def add_role(self) -> None:
        """Give the selected entity (or the selected text, as a new span) a role in the current event."""
        if not self.ready():
            return
        event = self.event(self.current)
        if event is None:
            self._say(translate("Events", "select an event first: a trigger and E, or ] / [ to go to one"), True)
            return
        event_type = self.schema.event_type(event.type)
        if event_type is None:
            self._say(translate("Events", "{type} is not in the schema: it has no roles").format(type=event.type), True)
            return
        span = self._role_target()
        if span is not None and span.kind == SpanKind.TRIGGER:
            self._say(translate("Events", "a trigger cannot fill a role · select an entity (Tab) or some text"), True)
            return
        if span is not None:
            self._role_for_span(event, event_type, span)
        else:
            self._role_for_text(event, event_type, *self.view.sel)

    def _role_target(self) -> EntitySpan | None:
        state = self.state
        if state is None:
            return None
        if self.view.current_span is not None:
            span = state.spans.get(self.view.current_span)
            if span is not None and span.is_live:
                return span
        exact = [s for s in state.spans_covering(*self.view.sel) if (s.start, s.end) == self.view.sel]
        return next((s for s in exact if s.kind == SpanKind.ENTITY), next(iter(exact), None))

    def _role_for_span(self, event: Event, event_type: EventType, span: EntitySpan) -> None:
        roles = roles_for_span(event_type, span)
        what = f"「{self._text(span)}」" + (f" ({span.label})" if span.kind == SpanKind.ENTITY else "")
        if not roles:
            allowed = ", ".join(f"{r.name} ({' '.join(r.labels)})" for r in event_type.roles)
            self._say(translate("Events", "{what} cannot fill a role of {type}: {allowed}")
                      .format(what=what, type=event.type, allowed=allowed), True)
            return
        choices = [Choice(r.name, role_title(event_type, r.name), (r.name, r.name_zh),
                          role_color(event_type, r.name), _filled(event, r.name)) for r in roles]

        undecided = any(a.span_id == span.id and a.state == SpanState.SUGGESTED for a in event.arguments)

        def assign(role: str) -> None:
            steps = [lambda: self.project.edits.accept([span.id])] if span.state == SpanState.SUGGESTED else []
            steps.append(lambda: self.project.edits.add_argument(event.id, role, span.id))
            done = self.session.edit(translate("Events", "{role} of {type}: {text}").format(role=role, type=event.type, text=self._text(span)),
                                     *steps)
            if done and undecided:  # a suggested argument re-roled: on to the next one still to decide
                self._next_undecided(event.id)
        self._choose(translate("Events", "Role of {what} in {event}").format(what=what, event=event_title(self.schema, event)),
                     choices, assign)

    def _role_for_text(self, event: Event, event_type: EventType, start: int, end: int) -> None:
        """Every role; a role that names labels offers a new entity of each, and every role a plain span."""
        choices = []
        for role in event_type.roles:
            title, color, filled = role_title(event_type, role.name), role_color(event_type, role.name), \
                _filled(event, role.name)
            for key in role.labels:
                label = self.schema.label(key)
                name = f"{key} {label.name_zh}".strip() if label is not None else key
                choices.append(Choice((role.name, key), translate("Events", "{role} · new {label}").format(role=title, label=name),
                                      (role.name, role.name_zh, key, label.name_zh if label else ""), color, filled))
        for role in event_type.roles:
            choices.append(Choice((role.name, None), translate("Events", "{role} · text only").format(role=role_title(event_type, role.name)),
                                  (role.name, role.name_zh), role_color(event_type, role.name),
                                  _filled(event, role.name)))
        if self.state is None:
            return
        text = self.state.text[start:end]
        self._choose(translate("Events", "Role of {what} in {event}").format(what=f"「{text}」", event=event_title(self.schema, event)),
                     choices,
                     lambda picked: self._new_argument(event, picked, start, end))

    def _new_argument(self, event: Event, picked: tuple[str, str | None], start: int, end: int) -> None:
        role, label = picked
        if self.state is None:
            return
        doc, text = self.state.doc_id, self.state.text[start:end]
        if label is None:
            changes = self.session.edit(translate("Events", "{role} of {type}: {text}").format(role=role, type=event.type, text=text),
                                        lambda: self.project.edits.add_argument_span(event.id, role, start, end))
            made = changes.created[1] if changes and len(changes.created) > 1 else None
        else:
            made_ids: list[int] = []

            def make() -> Changes:
                changes = self.project.edits.add_span(doc, start, end, label)
                made_ids.append(changes.created[0])
                return changes
            changes = self.session.edit(translate("Events", "{role} of {type}: {text}").format(role=role, type=event.type, text=f"{label} {text}"),
                                        make,
                                        lambda: self.project.edits.add_argument(event.id, role, made_ids[-1]))
            made = made_ids[-1] if changes and made_ids else None
        if made is not None and made in self.state.spans:
            self.view.select_span(self.state.spans[made])

    def remove_role(self) -> None:
        """Shift+R: take the selected span out of every role it fills in the current event (a suggested
        argument is kept as rejected, by the service)."""
        event = self.event(self.current)
        span = self._role_target() if self.ready() else None
        if event is None or span is None:
            self._say(translate("Events", "select an event (] / [) and one of its arguments first"), True)
            return
        roles = [a.role for a in event.arguments if a.span_id == span.id and a.state != SpanState.REJECTED]
        if not roles:
            self._say(translate("Events", "「{text}」 has no role in {type}").format(text=self._text(span), type=event.type), True)
            return
        self.session.edit(translate("Events", "Remove {roles} of {type}").format(roles=", ".join(roles), type=event.type),
                          *[partial(self.project.edits.remove_argument, event.id, r, span.id) for r in roles])


def _filled(event: Event, role: str) -> str:
    n = sum(1 for a in event.arguments if a.role == role)
    return translate("Events", "filled ×{n}").format(n=n) if n else ""
