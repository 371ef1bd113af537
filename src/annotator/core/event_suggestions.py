"""Whole-event suggestions: what an event suggester proposes for one document (trigger, type, arguments).

The contract between the models that learn events (core/prelabel/events/) and the project that stores
and reviews their suggestions (service/triggers.py, the window): a suggester reads a document with its
tokens and entity spans and returns events as offsets, never store ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from annotator.core.annotations import AnnotatedDocument
from annotator.core.schema import Schema


@dataclass(frozen=True)
class ArgumentSuggestion:
    """A stretch `[start, end)` proposed to fill `role`; `label` is the entity label to give it when no
    entity span covers exactly that stretch yet."""

    start: int
    end: int
    role: str
    label: str
    score: float = 1.0


@dataclass(frozen=True)
class EventSuggestion:
    """A proposed event: trigger `[start, end)`, its event type and role-typed arguments."""

    start: int
    end: int
    type: str
    arguments: tuple[ArgumentSuggestion, ...] = ()
    score: float = 1.0


class EventSuggester(Protocol):
    """Anything that proposes whole events for a document, within what the schema allows."""

    def suggest(self, doc: AnnotatedDocument, schema: Schema) -> Sequence[EventSuggestion]:
        """The events this suggester proposes for `doc` (its spans: the entities known so far)."""
        ...
