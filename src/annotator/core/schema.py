"""Annotation schema: entity labels, event types with roles, colours, hotkeys, pre-labelling maps."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError

CARDINALITIES = ("?", "1", "*", "+")
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "resources" / "schemas"
DEFAULT_SCHEMA = "news-zh"


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
        return next((e for e in self.event_types if e.key == key), None)

    @property
    def label_keys(self) -> tuple[str, ...]:
        """Entity label keys in palette order."""
        return tuple(lab.key for lab in self.labels)

    def to_dict(self) -> dict[str, Any]:
        """A JSON/TOML-ready dict that `from_dict` reads back."""
        data = asdict(self)
        data["events"] = data.pop("event_types")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, path: str = "<schema>") -> Schema:
        """Build and check a schema from its dict form."""
        try:
            labels = tuple(EntityLabel(**_known(item, EntityLabel)) for item in data.get("labels", []))
            events = tuple(
                EventType(**{**_known(ev, EventType),
                             "triggers": tuple(ev.get("triggers", ())),
                             "roles": tuple(Role(**{**_known(r, Role), "labels": tuple(r.get("labels", ()))})
                                            for r in ev.get("roles", []))})
                for ev in data.get("events", []))
            schema = cls(name=str(data.get("name", Path(path).stem)), labels=labels, event_types=events,
                         description=str(data.get("description", "")),
                         allow_crossing=bool(data.get("allow_crossing", False)),
                         prelabel={k: dict(v) for k, v in data.get("prelabel", {}).items()})
        except (TypeError, ValueError, AttributeError) as exc:
            raise SchemaError(f"malformed schema: {exc}", path=path) from exc
        schema.check(path=path)
        return schema

    def check(self, *, path: str = "<schema>") -> None:
        """Raise SchemaError on duplicate keys, unknown role labels or bad cardinalities."""
        keys = [lab.key for lab in self.labels]
        if not keys:
            raise SchemaError("a schema needs at least one entity label", path=path)
        for kind, seq in (("label", keys), ("event type", [e.key for e in self.event_types])):
            dupes = sorted({k for k in seq if seq.count(k) > 1})
            if dupes:
                raise SchemaError(f"duplicate {kind} {', '.join(dupes)}", path=path)
        for ev in self.event_types:
            for role in ev.roles:
                if role.cardinality not in CARDINALITIES:
                    raise SchemaError(f"event {ev.key} role {role.name}: cardinality "
                                      f"{role.cardinality!r} is not one of {' '.join(CARDINALITIES)}", path=path)
                unknown = [lab for lab in role.labels if lab not in keys]
                if unknown:
                    raise SchemaError(f"event {ev.key} role {role.name} names unknown label(s) "
                                      f"{', '.join(unknown)}", path=path)


def _known(item: dict[str, Any], cls: type) -> dict[str, Any]:
    fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
    return {k: v for k, v in item.items() if k in fields}


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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaError(f"cannot read schema: {exc.strerror}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"not valid TOML: {exc}", path=str(path)) from exc
    data.setdefault("name", path.stem)
    return Schema.from_dict(data, path=str(path))
