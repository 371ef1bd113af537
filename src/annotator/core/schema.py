"""Annotation schema: entity labels, event types with roles, colours, hotkeys, pre-labelling maps."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

from annotator.core import schema_check
from annotator.core.errors import ReadError, SchemaError
from annotator.core.limits import read_input
from annotator.core.resources import DEFAULT_SCHEMA as DEFAULT_SCHEMA  # kept importable from here
from annotator.core.resources import schemas_dir
from annotator.core.schema_toml import schema_to_toml

CARDINALITIES = ("?", "1", "*", "+")
SCHEMA_DIR = schemas_dir()

# brat also writes `{n}` (exactly n) and `{n-m}` (n to m); `{n-}` leaves the top open.
_BRAT_COUNT = re.compile(r"\{(\d+)(?:(-)(\d*))?\}")


def cardinality_bounds(cardinality: str) -> tuple[int, int | None]:
    """(fewest, most) fillers a cardinality allows; most is None when unbounded."""
    simple = {"?": (0, 1), "1": (1, 1), "*": (0, None), "+": (1, None)}
    if cardinality in simple:
        return simple[cardinality]
    match = _BRAT_COUNT.fullmatch(cardinality)
    if not match:
        raise ValueError(f"cardinality {cardinality!r} is not one of {' '.join(CARDINALITIES)} or {{n}}, {{n-m}}")
    low = int(match.group(1))
    if not match.group(2):
        return low, low
    high = int(match.group(3)) if match.group(3) else None
    if high is not None and high < low:
        raise ValueError(f"cardinality {cardinality!r} has its upper bound below its lower bound")
    return low, high


@dataclass(frozen=True)
class EntityLabel:
    """One entity type: key (e.g. PER), display names, colour and hotkey."""

    key: str
    name: str
    name_zh: str = ""
    color: str = "#cccccc"
    hotkey: str = ""


@dataclass(frozen=True)
class Role:
    """A role of an event type: which labels may fill it (empty: any span) and how many fillers."""

    name: str
    name_zh: str = ""
    labels: tuple[str, ...] = ()
    cardinality: str = "?"

    def allows(self, label: str | None) -> bool:
        """True when a span with this label (None: unlabelled argument span) may fill the role."""
        return not self.labels or label is None or label in self.labels

    @property
    def min_count(self) -> int:
        """Fewest fillers the role needs (0: optional)."""
        return cardinality_bounds(self.cardinality)[0]

    @property
    def max_count(self) -> int | None:
        """Most fillers the role takes (None: any number)."""
        return cardinality_bounds(self.cardinality)[1]

    @property
    def required(self) -> bool:
        """True when the role must be filled (`1`, `+`, `{n}` with n > 0)."""
        return self.min_count > 0


@dataclass(frozen=True)
class EventType:
    """An event type with its roles and example trigger words."""

    key: str
    name: str
    name_zh: str = ""
    color: str = "#888888"
    hotkey: str = ""
    triggers: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def role(self, name: str) -> Role | None:
        """The role with this name, if the type has it."""
        return next((r for r in self.roles if r.name == name), None)

    @property
    def role_names(self) -> tuple[str, ...]:
        """Role names in schema order."""
        return tuple(r.name for r in self.roles)


@dataclass(frozen=True)
class Schema:
    """The project's schema, loaded from TOML and stored inside the project."""

    name: str
    labels: tuple[EntityLabel, ...]
    event_types: tuple[EventType, ...] = ()
    description: str = ""
    allow_crossing: bool = False
    prelabel: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, key: str) -> EntityLabel | None:
        """The entity label with this key."""
        return next((lab for lab in self.labels if lab.key == key), None)

    def event_type(self, key: str) -> EventType | None:
        """The event type with this key."""
        return self._event_types_by_key.get(key)

    @cached_property
    def _event_types_by_key(self) -> dict[str, EventType]:
        # Asked once per event by the checks and the events panel (a thousand events on a long article).
        found: dict[str, EventType] = {}
        for e in self.event_types:
            found.setdefault(e.key, e)  # the first of a key, as the search through the tuple found it
        return found

    @property
    def label_keys(self) -> tuple[str, ...]:
        """Entity label keys in palette order."""
        return tuple(lab.key for lab in self.labels)

    @property
    def event_type_keys(self) -> tuple[str, ...]:
        """Event type keys in schema order."""
        return tuple(e.key for e in self.event_types)

    def to_dict(self) -> dict[str, Any]:
        """A JSON/TOML-ready dict that `from_dict` reads back."""
        data = asdict(self)
        data["events"] = data.pop("event_types")
        return data

    def to_toml(self, *, header: str = "") -> str:
        """The schema as TOML text that `from_toml` (and `load_schema`) read back unchanged."""
        return schema_to_toml(self, header=header)

    @classmethod
    def from_toml(cls, text: str, *, path: str = "<schema>") -> Schema:
        """Parse and check schema TOML text."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"not valid TOML: {exc}", path=path) from exc
        except RecursionError:  # tomllib parses arrays by recursion: 100,000 `[` overflow it
            raise SchemaError("not usable TOML: nested too deeply", path=path) from None
        data.setdefault("name", Path(path).stem)
        return cls.from_dict(data, path=path)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, path: str = "<schema>", strict: bool = True) -> Schema:
        """Build and check a schema from its dict form.

        `strict=False` is for a schema a project already keeps: it is read as leniently as it was stored
        (text fields of the wrong type become text), so a rule added later never locks a project out."""
        if strict:
            schema_check.check_fields(data, path=path)
        else:
            data = schema_check.texts_as_text(data)
        try:
            labels = tuple(EntityLabel(**_known(item, EntityLabel, f"label {n}", path))
                           for n, item in enumerate(data.get("labels", []), start=1))
            events = tuple(
                EventType(**{**_known(ev, EventType, f"event type {n}", path),
                             "triggers": tuple(ev.get("triggers", ())),
                             "roles": tuple(Role(**{**_known(r, Role, f"event type {n}: role {k}", path),
                                                    "labels": tuple(r.get("labels", ()))})
                                            for k, r in enumerate(ev.get("roles", []), start=1))})
                for n, ev in enumerate(data.get("events", []), start=1))
            schema = cls(name=str(data.get("name", Path(path).stem)), labels=labels, event_types=events,
                         description=str(data.get("description", "")),
                         allow_crossing=bool(data.get("allow_crossing", False)),
                         prelabel={k: dict(v) for k, v in data.get("prelabel", {}).items()})
        except (TypeError, ValueError, AttributeError) as exc:
            raise SchemaError(f"malformed schema: {exc}", path=path) from exc
        schema.check(path=path, strict=strict)
        return schema

    def check(self, *, path: str = "<schema>", strict: bool = True) -> None:
        """Raise SchemaError on anything the schema could not keep or use (see core.schema_check); without
        `strict`, only on what would break the annotations (no labels, duplicate keys, roles)."""
        if strict:
            schema_check.check_values(self, path=path)
        elif not self.labels:
            raise SchemaError("a schema needs at least one entity label", path=path)
        else:
            schema_check.refuse_duplicates("label", self.label_keys, path=path)
            schema_check.refuse_duplicates("event type", self.event_type_keys, path=path)
        keys = set(self.label_keys)
        for ev in self.event_types:
            schema_check.refuse_duplicates(f"role of event {ev.key}", [r.name for r in ev.roles], path=path)
            for role in ev.roles:
                _check_role(ev, role, keys, path=path)


def _check_role(ev: EventType, role: Role, keys: set[str], *, path: str) -> None:
    try:
        cardinality_bounds(role.cardinality)
    except ValueError as exc:
        raise SchemaError(f"event {ev.key} role {role.name}: {exc}", path=path) from exc
    unknown = [lab for lab in role.labels if lab not in keys]
    if unknown:
        raise SchemaError(f"event {ev.key} role {role.name} names unknown label(s) {', '.join(unknown)}", path=path)


def _known(item: dict[str, Any], cls: type, what: str, path: str) -> dict[str, Any]:
    """The fields of `item` that `cls` has; SchemaError naming `what` when one it needs is missing."""
    names = {f.name for f in fields(cls)}
    if isinstance(item, dict):
        missing = [f.name for f in fields(cls)
                   if f.name not in item and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            key = item.get("key", item.get("name"))
            shown = f" ({schema_check.shown_key(key)})" if isinstance(key, str) else ""
            raise SchemaError(f"{what}{shown} lacks the field "
                              f"{', '.join(missing)}", path=path)
    return {k: v for k, v in item.items() if k in names}


def available_schemas() -> list[str]:
    """Names of the schemas shipped in resources/schemas."""
    return sorted(p.stem for p in SCHEMA_DIR.glob("*.toml"))


def load_schema(name_or_path: str | Path = DEFAULT_SCHEMA) -> Schema:
    """Load a shipped schema by name, or a TOML file by path."""
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        path = SCHEMA_DIR / f"{name_or_path}.toml"
        if not path.exists():
            raise SchemaError(f"no schema named {name_or_path!r}",
                              hint=f"shipped schemas: {', '.join(available_schemas())}")
    try:
        text = read_input(path).decode("utf-8")  # a FIFO or a device is refused, a file bounded
    except ReadError as exc:
        raise SchemaError(exc.reason, path=str(path), hint=exc.hint) from exc
    except UnicodeDecodeError as exc:
        raise SchemaError(f"schema is not UTF-8: {exc.reason}", path=str(path)) from exc
    return Schema.from_toml(text, path=str(path))


# -- comparing two schemas (the schema dialog asks before an edit would orphan annotations) ---------

RoleKey = tuple[str, str]  # (event type key, role name)


@dataclass(frozen=True)
class SchemaDiff:
    """What an edit changes, by key: labels, event types and roles added, removed or changed."""

    added_labels: tuple[str, ...] = ()
    removed_labels: tuple[str, ...] = ()
    changed_labels: tuple[str, ...] = ()
    added_event_types: tuple[str, ...] = ()
    removed_event_types: tuple[str, ...] = ()
    changed_event_types: tuple[str, ...] = ()
    added_roles: tuple[RoleKey, ...] = ()
    removed_roles: tuple[RoleKey, ...] = ()
    narrowed_roles: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the two schemas have the same labels, event types and roles in every detail."""
        return not any(getattr(self, f) for f in self.__dataclass_fields__)


@dataclass(frozen=True)
class Orphan:
    """Annotations an edit would leave without a home: what kind, which key, how many, in plain words."""

    kind: str  # "label", "event type" or "role"
    key: str  # label key, event type key, or "EventType.Role"
    count: int
    message: str


def diff(old: Schema, new: Schema) -> SchemaDiff:
    """Compare two schemas key by key (a renamed key counts as removed and added)."""
    labels_old, labels_new = {x.key: x for x in old.labels}, {x.key: x for x in new.labels}
    types_old, types_new = {x.key: x for x in old.event_types}, {x.key: x for x in new.event_types}
    kept_types = [k for k in types_old if k in types_new]
    added_roles: list[RoleKey] = []
    removed_roles: list[RoleKey] = []
    narrowed: list[tuple[str, str, tuple[str, ...]]] = []
    for key in kept_types:
        roles_old = {r.name: r for r in types_old[key].roles}
        roles_new = {r.name: r for r in types_new[key].roles}
        added_roles += [(key, r) for r in roles_new if r not in roles_old]
        removed_roles += [(key, r) for r in roles_old if r not in roles_new]
        for name, role in roles_new.items():
            was = roles_old.get(name)
            # Going from "any span" to a list, or dropping labels from the list, makes old fillers warn.
            lost = tuple(lab for lab in (was.labels if was else ()) if lab not in role.labels)
            if was and role.labels and (lost or not was.labels):
                narrowed.append((key, name, lost))
    return SchemaDiff(
        added_labels=tuple(k for k in labels_new if k not in labels_old),
        removed_labels=tuple(k for k in labels_old if k not in labels_new),
        changed_labels=tuple(k for k in labels_old if k in labels_new and labels_old[k] != labels_new[k]),
        added_event_types=tuple(k for k in types_new if k not in types_old),
        removed_event_types=tuple(k for k in types_old if k not in types_new),
        changed_event_types=tuple(k for k in kept_types if types_old[k] != types_new[k]),
        added_roles=tuple(added_roles), removed_roles=tuple(removed_roles), narrowed_roles=tuple(narrowed))


def orphans(old: Schema, new: Schema, *, used_labels: Mapping[str, int] | Iterable[str] = (),
            used_event_types: Mapping[str, int] | Iterable[str] = (),
            used_roles: Mapping[RoleKey, int] | Iterable[RoleKey] = ()) -> tuple[Orphan, ...]:
    """Which annotations the change from `old` to `new` would orphan; empty when the edit is safe.

    Each `used_*` is a mapping key -> number of uses, or an iterable with one item per use.
    """
    changes = diff(old, new)
    label_uses, type_uses, role_uses = _counts(used_labels), _counts(used_event_types), _counts(used_roles)
    found: list[Orphan] = []
    for key in changes.removed_labels:
        if label_uses.get(key):
            n = label_uses[key]
            found.append(Orphan("label", key, n, f"{n} span(s) are labelled {_named(old.label(key))}, "
                                                 "which the new schema drops"))
    for key in changes.removed_event_types:
        if type_uses.get(key):
            n = type_uses[key]
            found.append(Orphan("event type", key, n, f"{n} event(s) have type {_named(old.event_type(key))}, "
                                                      "which the new schema drops"))
    # Roles of a dropped event type are covered by that type's orphan; here only roles dropped from kept types.
    for type_key, role in changes.removed_roles:
        n = role_uses.get((type_key, role), 0)
        if n:
            ev = old.event_type(type_key)
            found.append(Orphan("role", f"{type_key}.{role}", n,
                                f"{n} argument(s) fill role {_named(ev.role(role) if ev else None)} of "
                                f"{type_key}, which the new schema drops"))
    return tuple(found)


def _counts(used: Mapping[Any, int] | Iterable[Any]) -> dict[Any, int]:
    if isinstance(used, Mapping):
        return {k: int(v) for k, v in used.items()}
    counts: dict[Any, int] = {}
    for key in used:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _named(item: EntityLabel | EventType | Role | None) -> str:
    if item is None:
        return "?"
    key = getattr(item, "key", None) or item.name
    return f"{key} ({item.name_zh})" if item.name_zh else key
