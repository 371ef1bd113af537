"""What an import needs the schema to have: labels, event types and roles the files use that it lacks.

`import --extend-schema` reads the files once to find them, adds them to the project's schema (so the
import itself still checks every label), and lists them in the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument, SpanKind
from annotator.core.schema import EntityLabel, EventType, Role, Schema
from annotator.service.import_read import record_format

# Colours for added labels and event types, different from the shipped schemas' own.
COLOURS = ("#b0bec5", "#ffab91", "#ce93d8", "#80cbc4", "#e6ee9c", "#90caf9", "#bcaaa4", "#f48fb1")


@dataclass(frozen=True)
class Needs:
    """Keys the files use that the schema lacks, in the order first met."""

    labels: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (event type, role)

    @property
    def empty(self) -> bool:
        """True when the schema already has everything."""
        return not (self.labels or self.event_types or self.roles)

    def lines(self) -> list[str]:
        """One line per addition, for the import's summary."""
        return ([f"label {k}" for k in self.labels] + [f"event type {k}" for k in self.event_types]
                + [f"role {r} of {t}" for t, r in self.roles])


def needs(files: Iterable[Path], schema: Schema, *, fmt: str, rename: tuple[tuple[str, str], ...] = ()) -> Needs:
    """Read the files (annotated formats only; articles carry no labels) and list what the schema lacks."""
    options = formats.ReadOptions(reviewed=True, schema=schema, rename=rename, extend=True)
    labels: dict[str, None] = {}
    types: dict[str, None] = {}
    roles: dict[tuple[str, str], None] = {}
    for path in files:
        kind = record_format(path, fmt)
        if kind is None:
            continue
        for _, doc in formats.iter_documents(path, kind, options):
            _collect(doc, labels, types, roles)
    have_types = {e.key: e for e in schema.event_types}
    return Needs(
        labels=tuple(k for k in labels if schema.label(k) is None),
        event_types=tuple(k for k in types if k not in have_types),
        roles=tuple((t, r) for t, r in roles if t not in have_types or have_types[t].role(r) is None))


def _collect(doc: AnnotatedDocument, labels: dict[str, None], types: dict[str, None],
             roles: dict[tuple[str, str], None]) -> None:
    for span in doc.spans:
        if span.kind == SpanKind.ENTITY:
            labels.setdefault(span.label, None)
    for event in doc.events:
        types.setdefault(event.type, None)
        for argument in event.arguments:
            roles.setdefault((event.type, argument.role), None)


def extended(schema: Schema, wanted: Needs) -> Schema:
    """The schema with the wanted labels, event types and roles added (roles take any span, any number)."""
    if wanted.empty:
        return schema
    n = len(schema.labels) + len(schema.event_types)
    labels = [*schema.labels, *(EntityLabel(key, key, color=COLOURS[(n + i) % len(COLOURS)])
                                for i, key in enumerate(wanted.labels))]
    added_roles: dict[str, list[Role]] = {}
    for type_key, role in wanted.roles:
        added_roles.setdefault(type_key, []).append(Role(role, cardinality="*"))
    types = [replace(e, roles=(*e.roles, *added_roles.get(e.key, ()))) for e in schema.event_types]
    types += [EventType(key, key, color=COLOURS[(n + len(wanted.labels) + i) % len(COLOURS)],
                        roles=tuple(added_roles.get(key, ())))
              for i, key in enumerate(wanted.event_types)]
    return replace(schema, labels=tuple(labels), event_types=tuple(types))
