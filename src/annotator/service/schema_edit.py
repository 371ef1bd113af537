"""Editing an open project's schema: refused when it would orphan annotations, renames migrate them, undoably.

A schema edit is one transaction and one entry in the change log. Besides the rows it migrates it records
two pseudo-rows that `undo` and `redo` put back themselves: the schema (table SCHEMA_ROW) and the
gazetteer entries moved to a renamed label (table WORDS_ROW); every other row replays as usual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from annotator.core.errors import SchemaError, ValidationError
from annotator.core.schema import Orphan, RoleKey, Schema, orphans
from annotator.service.changes import Changes
from annotator.service.prelabel import Prelabel
from annotator.store import RowChange, usage
from annotator.store.database import AnyChange, Transaction

if TYPE_CHECKING:
    from annotator.service.project import Project

SCHEMA_ROW = "schema"  # before/after: {"schema": the schema's dict}
WORDS_ROW = "entity_words"  # before/after: {"label": key}: gazetteer entries moved from one label to the other
EDIT = "edit schema"

ADVICE = {
    "label": "relabel or delete those spans first, or rename the label instead (its spans follow the new name)",
    "event type": "change their type or delete those events first, or rename the event type instead",
    "role": "take those arguments out of the role first, or rename the role instead",
}


@dataclass(frozen=True)
class Renames:
    """Keys an edit renames, so the annotations carrying them move along instead of being orphaned."""

    labels: Mapping[str, str] = field(default_factory=dict)  # old label key -> new
    event_types: Mapping[str, str] = field(default_factory=dict)  # old event type key -> new
    roles: Mapping[RoleKey, str] = field(default_factory=dict)  # (old event type key, old role) -> new role

    def __bool__(self) -> bool:
        return bool(self.labels or self.event_types or self.roles)

    def role_key(self, key: RoleKey) -> RoleKey:
        """Where an (event type, role) pair of the old schema lands in the new one."""
        event_type, role = key
        return self.event_types.get(event_type, event_type), self.roles.get(key, role)


@dataclass(frozen=True)
class SchemaUsage:
    """What the project's annotations use of the schema (counts an edit must not orphan, and loose suggestions)."""

    labels: dict[str, int]  # entity spans per label: accepted, or filling a role
    event_types: dict[str, int]  # events (not rejected) per type
    roles: dict[RoleKey, int]  # arguments per (event type, role)
    suggestions: dict[tuple[str, str], int]  # suggestions nothing uses, per (span kind, label)


class SchemaOrphanError(SchemaError):
    """A schema edit refused because it would orphan annotations; `orphans` says which and how many."""

    def __init__(self, found: tuple[Orphan, ...], *, path: str | None = None) -> None:
        self.orphans = found
        lines = "".join(f"\n  - {plain(o)}: {ADVICE.get(o.kind, 'change them first')}" for o in found)
        super().__init__(f"the schema change was not saved because it would orphan annotations:{lines}", path=path)


class SchemaEdits:
    """Schema edits on an open project (`project.schema_edits`; the SQL lives in store/usage.py)."""

    def __init__(self, project: Project, prelabel: Prelabel) -> None:
        self.project = project  # the reading side: the schema and its cache
        self.store = project.store
        self.prelabel = prelabel

    def usage(self) -> SchemaUsage:
        """Which labels, event types and roles the annotations use, with counts."""
        db = self.store.db
        return SchemaUsage(usage.held_labels(db), usage.event_type_counts(db), usage.role_counts(db),
                           usage.loose_suggestions(db))

    def orphans(self, new: Schema, *, renames: Renames | None = None) -> tuple[Orphan, ...]:
        """What changing to `new` (with these renames) would orphan; empty when the edit is safe."""
        renames = renames or Renames()
        old = self.project.schema
        _check_renames(old, new, renames, path=str(self.project.path))
        used = self.usage()
        return orphans(apply_renames(old, renames), new,
                       used_labels={renames.labels.get(k, k): n for k, n in used.labels.items()},
                       used_event_types={renames.event_types.get(k, k): n for k, n in used.event_types.items()},
                       used_roles={renames.role_key(k): n for k, n in used.roles.items()})

    def update(self, new: Schema, *, renames: Renames | None = None) -> Changes:
        """Replace the schema, moving annotations of renamed keys along; raise SchemaOrphanError (saving
        nothing) when annotations would lose their label, type or role. Suggestions nothing uses whose
        label or event type is dropped go too; prelabel maps follow renamed labels and forget dropped ones."""
        renames = renames or Renames()
        path = str(self.project.path)
        _tidy_prelabel(new, renames).check(path=path)  # every field, once the maps follow the renames
        _refuse_blank(new, path=path)
        found = self.orphans(new, renames=renames)
        if found:
            raise SchemaOrphanError(found, path=path)
        old = self.project.schema
        new = _tidy_prelabel(new, renames)
        if new == old and not renames:
            return Changes(EDIT)
        self.store.require_writable()
        kept = apply_renames(old, renames)
        action = _action(renames)
        with self.store.edit(action=action, doc_id=None) as tx:
            docs = self._migrate(tx, renames)
            for kind, dropped in (("entity", _dropped(kept.label_keys, new.label_keys)),
                                  ("trigger", _dropped(kept.event_type_keys, new.event_type_keys))):
                for span_id in usage.loose_suggestion_ids(tx.db, kind=kind, labels=dropped):
                    tx.delete("spans", span_id)
            self.store.set_setting("schema", new.to_dict())
            tx.rows.append(RowChange(SCHEMA_ROW, 0, {"schema": old.to_dict()}, {"schema": new.to_dict()}))
        self._schema_changed(new)
        changes = Changes.of_edit(action, tx)
        return replace(changes, doc_ids=changes.doc_ids | docs)

    def rename_label(self, old: str, new: str) -> Changes:
        """Give a label another key; its spans (and gazetteer entries) follow, undoably."""
        if self.project.schema.label(old) is None:
            raise ValidationError(f"there is no label {old!r} to rename", path=str(self.project.path),
                                  hint=f"the schema has {', '.join(self.project.schema.label_keys)}")
        _refuse_taken("label", old, new, self.project.schema.label_keys, path=str(self.project.path))
        renames = Renames(labels={old: new})
        return self.update(apply_renames(self.project.schema, renames), renames=renames)

    def rename_event_type(self, old: str, new: str) -> Changes:
        """Give an event type another key; its events and triggers follow, undoably."""
        if self.project.schema.event_type(old) is None:
            raise ValidationError(f"there is no event type {old!r} to rename", path=str(self.project.path),
                                  hint="`annotator schema PROJECT` lists the event types")
        _refuse_taken("event type", old, new, self.project.schema.event_type_keys, path=str(self.project.path))
        renames = Renames(event_types={old: new})
        return self.update(apply_renames(self.project.schema, renames), renames=renames)

    def rename_role(self, event_type: str, old: str, new: str) -> Changes:
        """Give a role of an event type another name; its arguments follow, undoably."""
        found = self.project.schema.event_type(event_type)
        if found is None or found.role(old) is None:
            raise ValidationError(f"event type {event_type!r} has no role {old!r} to rename", path=str(self.project.path),
                                  hint="`annotator schema PROJECT` lists the event types and their roles")
        _refuse_taken(f"role of {event_type}", old, new, found.role_names, path=str(self.project.path))
        renames = Renames(roles={(event_type, old): new})
        return self.update(apply_renames(self.project.schema, renames), renames=renames)

    # -- migrating ------------------------------------------------------------------------------
    def _migrate(self, tx: Transaction, renames: Renames) -> set[int]:
        """Move annotations to their renamed keys; return the documents touched."""
        docs: set[int] = set()
        # Roles first: their events are still found under the old event type key.
        for (event_type, role), name in renames.roles.items():
            for arg_id, doc_id in usage.arguments_in_role(tx.db, event_type=event_type, role=role):
                tx.update("arguments", arg_id, {"role": name})
                docs.add(doc_id)
        for old, new in renames.event_types.items():
            for event_id, doc_id in usage.events_typed(tx.db, old):
                tx.update("events", event_id, {"type": new})
                docs.add(doc_id)
            for span_id, doc_id in usage.spans_labelled(tx.db, kind="trigger", label=old):
                tx.update("spans", span_id, {"label": new})
                docs.add(doc_id)
        for old, new in renames.labels.items():
            for span_id, doc_id in usage.spans_labelled(tx.db, kind="entity", label=old):
                tx.update("spans", span_id, {"label": new})
                docs.add(doc_id)
            usage.relabel_entity_words(tx.db, old, new)
            tx.rows.append(RowChange(WORDS_ROW, 0, {"label": old}, {"label": new}))
        return docs

    def rolled_back(self, schema: Schema) -> None:
        """An outer transaction that changed the schema was rolled back: `schema` is the file's again."""
        self._schema_changed(schema)

    def _schema_changed(self, schema: Schema | None) -> None:
        """Forget what was built from the old schema (None: read it again from the file)."""
        self.project.schema_replaced(schema)
        self.prelabel.forget()

    # -- undo and redo (the schema is not a table row) -------------------------------------------------
    def owns(self, changes: Changes) -> bool:
        """Whether `changes` is a schema edit (undone and redone here, not by the edits part)."""
        return _has_schema_rows(changes)

    def undo(self, changes: Changes) -> Changes:
        """Put back what a schema edit changed."""
        return self._replay_schema(f"undo {changes.action}", changes.undo.reversed(), changes)

    def redo(self, changes: Changes) -> Changes:
        """Apply a schema edit again after an undo."""
        return self._replay_schema(f"redo {changes.action}", list(changes.undo.rows), changes)

    def _replay_schema(self, action: str, rows: list[AnyChange], original: Changes) -> Changes:
        with self.store.edit(action=action, doc_id=None) as tx:
            for row in rows:
                if not isinstance(row, RowChange):  # a bulk edit's record: no schema edit makes one
                    tx.put(row)
                elif row.table == SCHEMA_ROW:
                    assert row.after is not None  # the pseudo-rows have both sides
                    self.store.set_setting("schema", row.after["schema"])
                    tx.rows.append(row)
                elif row.table == WORDS_ROW:
                    assert row.before is not None and row.after is not None
                    usage.relabel_entity_words(tx.db, row.before["label"], row.after["label"])
                    tx.rows.append(row)
                else:
                    tx.put(row)
        self._schema_changed(None)
        changes = Changes.of_edit(action, tx)
        return replace(changes, doc_ids=changes.doc_ids | original.doc_ids)


def plain(orphan: Orphan) -> str:
    """An orphan's message with its plurals spelt out ("1 span is", "3 spans are")."""
    if orphan.count != 1:
        return orphan.message.replace("(s)", "s")
    text = orphan.message
    for many, one in (("span(s) are", "span is"), ("event(s) have", "event has"), ("argument(s) fill", "argument fills")):
        text = text.replace(many, one)
    return text.replace("(s)", "")


def apply_renames(schema: Schema, renames: Renames) -> Schema:
    """The schema with renamed keys (role label lists and prelabel maps follow renamed labels)."""
    if not renames:
        return schema
    lab = renames.labels
    labels = tuple(replace(x, key=lab.get(x.key, x.key)) for x in schema.labels)
    event_types = tuple(
        replace(ev, key=renames.event_types.get(ev.key, ev.key),
                roles=tuple(replace(r, name=renames.roles.get((ev.key, r.name), r.name),
                                    labels=tuple(lab.get(k, k) for k in r.labels)) for r in ev.roles))
        for ev in schema.event_types)
    prelabel = {engine: {tag: lab.get(v, v) for tag, v in mapping.items()} for engine, mapping in schema.prelabel.items()}
    return replace(schema, labels=labels, event_types=event_types, prelabel=prelabel)


def _tidy_prelabel(schema: Schema, renames: Renames) -> Schema:
    """Prelabel maps pointing at a renamed label follow it; entries for labels the schema lacks go."""
    keys = set(schema.label_keys)
    prelabel = {engine: {tag: renames.labels.get(v, v) for tag, v in mapping.items()
                         if renames.labels.get(v, v) in keys}
                for engine, mapping in schema.prelabel.items()}
    return schema if prelabel == schema.prelabel else replace(schema, prelabel=prelabel)


def _check_renames(old: Schema, new: Schema, renames: Renames, *, path: str) -> None:
    """Every rename goes from a key the old schema has to one only the new schema has."""
    for kind, mapping, old_keys, new_keys in (
            ("label", renames.labels, old.label_keys, new.label_keys),
            ("event type", renames.event_types, old.event_type_keys, new.event_type_keys)):
        for was, now in mapping.items():
            _check_rename(kind, was, now, old_keys, new_keys, path=path)
    for (event_type, was), now in renames.roles.items():
        before = old.event_type(event_type)
        after = new.event_type(renames.event_types.get(event_type, event_type))
        if before is None or after is None:
            raise SchemaError(f"cannot rename role {was} of {event_type}: the event type is not in both schemas",
                              path=path, hint="rename roles of event types the project keeps")
        _check_rename(f"role of {event_type}", was, now, before.role_names, after.role_names, path=path)


def _check_rename(kind: str, was: str, now: str, old_keys: tuple[str, ...], new_keys: tuple[str, ...], *,
                  path: str) -> None:
    if was not in old_keys:
        raise SchemaError(f"cannot rename {kind} {was}: the schema has no such {kind}", path=path,
                          hint=f"it has {', '.join(old_keys) or 'none'}")
    if now not in new_keys:
        raise SchemaError(f"cannot rename {kind} {was} to {now}: the new schema has no {kind} {now}", path=path,
                          hint="keep the renamed entry in the schema")
    _refuse_taken(kind, was, now, old_keys, path=path)


def _refuse_taken(kind: str, was: str, now: str, keys: tuple[str, ...], *, path: str) -> None:
    if now in keys and now != was:
        raise SchemaError(f"cannot rename {kind} {was} to {now}: {now} is already in use", path=path,
                          hint="choose a name the schema does not have yet")


def _refuse_blank(schema: Schema, *, path: str) -> None:
    blank = ([f"label {i + 1}" for i, x in enumerate(schema.labels) if not x.key.strip()]
             + [f"event type {i + 1}" for i, x in enumerate(schema.event_types) if not x.key.strip()]
             + [f"a role of {x.key}" for x in schema.event_types if any(not r.name.strip() for r in x.roles)])
    if blank:
        raise SchemaError(f"{', '.join(blank)} has no key", path=path, hint="give every label, type and role a name")


def _dropped(kept: tuple[str, ...], new: tuple[str, ...]) -> list[str]:
    return [k for k in kept if k not in new]


def _action(renames: Renames) -> str:
    if not renames:
        return EDIT
    parts = [f"{a} → {b}" for a, b in (*renames.labels.items(), *renames.event_types.items())]
    parts += [f"{t}.{a} → {b}" for (t, a), b in renames.roles.items()]
    return f"{EDIT} ({', '.join(parts)})"


def _has_schema_rows(changes: Changes) -> bool:
    return any(r.table == SCHEMA_ROW for r in changes.undo.rows)
