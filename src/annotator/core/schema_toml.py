"""A small TOML writer for schemas, so a project's schema can be exported and read back unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.schema import EntityLabel, EventType, Role, Schema

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, other text as it is."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    """A key bare when TOML allows it, quoted otherwise."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_array(values: Iterable[str]) -> str:
    """A one-line array of strings."""
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def schema_to_toml(schema: Schema, *, header: str = "") -> str:
    """The schema as TOML: top-level keys, [[labels]], [[events]] (roles one inline table a line), [prelabel.*]."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [f"name = {toml_string(schema.name)}", f"description = {toml_string(schema.description)}"]
    if schema.allow_crossing:
        lines.append("allow_crossing = true")
    for label in schema.labels:
        lines += ["", "[[labels]]", *_label_lines(label)]
    for event_type in schema.event_types:
        lines += ["", "[[events]]", *_event_lines(event_type)]
    for engine, mapping in schema.prelabel.items():
        lines += ["", f"[prelabel.{toml_key(engine)}]"]
        lines += [f"{toml_key(k)} = {toml_string(v)}" for k, v in mapping.items()]
    return "\n".join(lines) + "\n"


def _label_lines(label: EntityLabel) -> list[str]:
    lines = [f"key = {toml_string(label.key)}", f"name = {toml_string(label.name)}",
             f"name_zh = {toml_string(label.name_zh)}", f"color = {toml_string(label.color)}"]
    if label.hotkey:
        lines.append(f"hotkey = {toml_string(label.hotkey)}")
    return lines


def _event_lines(event_type: EventType) -> list[str]:
    lines = [f"key = {toml_string(event_type.key)}", f"name = {toml_string(event_type.name)}",
             f"name_zh = {toml_string(event_type.name_zh)}", f"color = {toml_string(event_type.color)}"]
    if event_type.hotkey:
        lines.append(f"hotkey = {toml_string(event_type.hotkey)}")
    lines.append(f"triggers = {toml_array(event_type.triggers)}")
    if not event_type.roles:
        return [*lines, "roles = []"]
    return [*lines, "roles = [", *(f"  {_role_table(role)}," for role in event_type.roles), "]"]


def _role_table(role: Role) -> str:
    return (f"{{ name = {toml_string(role.name)}, name_zh = {toml_string(role.name_zh)}, "
            f"labels = {toml_array(role.labels)}, cardinality = {toml_string(role.cardinality)} }}")
