"""Finishing a review: what a document still leaves open (undecided suggestions, schema warnings), and which
reviewed documents of a project do, so neither Ctrl+Enter nor an export passes over them silently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
from annotator.core.events import EventWarning, WarningKind, validate_events
from annotator.store import queries

if TYPE_CHECKING:
    from annotator.service.project import Project

SHOWN = 10  # documents a report names before "… and N more"


@dataclass(frozen=True)
class OpenWork:
    """What one document leaves undecided: suggestions by kind and its schema warnings (hints left out)."""

    doc_id: int
    title: str = ""
    entities: int = 0
    triggers: int = 0  # trigger suggestions of no event
    warnings: tuple[EventWarning, ...] = ()
    events: int = 0  # suggested events (their triggers counted here)
    arguments: int = 0  # suggested arguments of live events

    @property
    def suggestions(self) -> int:
        """Undecided suggestions: entities, triggers, events and arguments."""
        return self.entities + self.triggers + self.events + self.arguments

    @property
    def missing_roles(self) -> int:
        """Warnings of an event lacking a role the schema requires."""
        return sum(w.kind == WarningKind.MISSING_ROLE for w in self.warnings)

    def __bool__(self) -> bool:
        return bool(self.suggestions or self.warnings)

    def describe(self) -> str:
        """`5 undecided suggestions (3 entities, 2 triggers), 1 schema warning (1 event missing a required role)`."""
        parts = []
        if self.suggestions:
            kinds = [f"{n} {one if n == 1 else many}" for n, one, many in
                     ((self.entities, "entity", "entities"), (self.triggers, "trigger", "triggers"),
                      (self.events, "event", "events"), (self.arguments, "argument", "arguments")) if n]
            parts.append(f"{_n(self.suggestions, 'undecided suggestion')} ({', '.join(kinds)})")
        if self.warnings:
            roles = f" ({_n(self.missing_roles, 'missing required role')})" if self.missing_roles else ""
            parts.append(f"{_n(len(self.warnings), 'schema warning')}{roles}")
        return ", ".join(parts) or "nothing open"


def open_work(project: Project, doc_id: int) -> OpenWork:
    """What the document still leaves open."""
    doc = project.document(doc_id)
    held = {e.trigger_id for e in doc.events}
    entities = sum(s.state == SpanState.SUGGESTED and s.kind == SpanKind.ENTITY for s in doc.spans)
    triggers = sum(s.state == SpanState.SUGGESTED and s.kind == SpanKind.TRIGGER and s.id not in held
                   for s in doc.spans)
    live = [e for e in doc.events if e.state != SpanState.REJECTED]
    events = sum(e.state == SpanState.SUGGESTED for e in live)
    arguments = sum(a.state == SpanState.SUGGESTED for e in live for a in e.arguments)
    undecided = {e.id for e in live if e.state == SpanState.SUGGESTED}  # counted above, warned once accepted
    warnings = tuple(w for w in validate_events(doc, project.schema) if not w.is_hint and w.event_id not in undecided)
    return OpenWork(doc_id, doc.title, entities, triggers, warnings, events, arguments)


def reviewed_open_work(project: Project, statuses: tuple[str, ...] = (ReviewStatus.REVIEWED.value,)
                       ) -> list[OpenWork]:
    """The documents in these statuses (reviewed by default) that still hold undecided suggestions or schema
    warnings, in id order: an export leaves their suggestions out, so it names them."""
    db = project.store.db
    counts = queries.open_suggestions(db, statuses)
    warned: dict[int, tuple[EventWarning, ...]] = {}
    for doc_id in queries.documents_with_events(db, statuses):
        found = tuple(w for w in project.event_warnings(doc_id) if not w.is_hint)
        if found:
            warned[doc_id] = found
    ids = sorted(set(counts) | set(warned))
    names = queries.titles(db, ids)
    out = []
    for i in ids:
        entities, triggers, events, arguments = counts.get(i, (0, 0, 0, 0))
        out.append(OpenWork(i, names.get(i, ""), entities, triggers, warned.get(i, ()), events, arguments))
    return out


def open_work_lines(found: list[OpenWork], *, left_out: bool = True, shown: int = SHOWN) -> list[str]:
    """A report: how many reviewed documents hold open work, then one line per document (the first `shown`);
    `left_out` when the export leaves suggestions out (no --with-suggestions)."""
    if not found:
        return []
    suggestions = sum(w.suggestions for w in found)
    warnings = sum(len(w.warnings) for w in found)
    head = (f"{_n(len(found), 'reviewed document')} still hold{'s' if len(found) == 1 else ''} "
            f"{_n(suggestions, 'undecided suggestion')}{' (left out of the export)' if left_out else ''} and {_n(warnings, 'schema warning')}:")
    lines = [head] + [f"  #{w.doc_id} {w.title[:40]}: {w.describe()}" for w in found[:shown]]
    if len(found) > shown:
        lines.append(f"  … and {len(found) - shown} more (`annotator list --status reviewed` lists them)")
    return lines


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
