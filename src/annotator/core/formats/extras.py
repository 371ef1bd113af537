"""Fields a format does not know, kept in the document's meta so that an export writes them back.

Top-level unknown fields become plain `meta` keys (their names are remembered so they return to the top
level). Unknown fields of entities, events, triggers and arguments are kept under `meta["_extra"]`,
anchored by what identifies the item in the text (offsets, label or role, event type) rather than by
ids, which a project renumbers. An item whose anchor changed in review simply loses its extras.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

EXTRA_KEY = "_extra"

ArgKey = tuple[str, int, int]
EventKey = tuple[str, int | None, int | None, tuple[ArgKey, ...]]


def unknown(record: dict[str, Any], known: Iterable[str]) -> dict[str, Any]:
    """The fields of `record` that are not in `known`, in their order."""
    known = set(known)
    return {k: v for k, v in record.items() if k not in known}


class ExtrasBuilder:
    """Collects unknown fields while a record is read."""

    def __init__(self) -> None:
        self.fields: list[str] = []
        self.entities: list[list[Any]] = []
        self.events: list[dict[str, Any]] = []

    def entity(self, start: int, end: int, label: str, fields: dict[str, Any]) -> None:
        """Remember an entity's unknown fields."""
        if fields:
            self.entities.append([start, end, label, fields])

    def event(self, key: EventKey, fields: dict[str, Any], trigger: dict[str, Any],
              arguments: list[tuple[ArgKey, dict[str, Any]]]) -> None:
        """Remember an event's unknown fields, its trigger's and its arguments'."""
        args = [[*k, f] for k, f in arguments if f]
        if fields or trigger or args:
            item: dict[str, Any] = {"key": [key[0], key[1], key[2], [list(a) for a in key[3]]]}
            if fields:
                item["fields"] = fields
            if trigger:
                item["trigger"] = trigger
            if args:
                item["arguments"] = args
            self.events.append(item)

    def value(self) -> dict[str, Any]:
        """The `meta["_extra"]` value (empty when there was nothing unknown)."""
        out: dict[str, Any] = {}
        for name in ("fields", "entities", "events"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out


class ExtrasLookup:
    """Finds the unknown fields remembered for the items an export writes."""

    def __init__(self, meta: dict[str, Any]) -> None:
        # A deep copy: lookups consume items, and the document's own meta must stay as it was.
        extra = copy.deepcopy(meta.get(EXTRA_KEY) or {})
        self.fields: list[str] = [f for f in extra.get("fields", []) if f in meta]
        self._entities: dict[tuple[int, int, str], list[dict[str, Any]]] = {}
        for start, end, label, fields in extra.get("entities", []):
            self._entities.setdefault((start, end, label), []).append(fields)
        self._events: list[dict[str, Any] | None] = list(extra.get("events", []))

    def entity(self, start: int, end: int, label: str) -> dict[str, Any]:
        """Unknown fields of this entity (each remembered set is used once)."""
        found = self._entities.get((start, end, label))
        return found.pop(0) if found else {}

    def event(self, key: EventKey) -> dict[str, Any]:
        """The remembered item of this event: exact anchor first, else the only one with its type and trigger."""
        wanted = [key[0], key[1], key[2], [list(a) for a in key[3]]]
        for exact in (True, False):
            hits = [(i, item) for i, item in enumerate(self._events)
                    if item is not None and (item["key"] == wanted if exact else item["key"][:3] == wanted[:3])]
            if len(hits) == 1 or (exact and hits):
                i, item = hits[0]
                self._events[i] = None
                return item
        return {}

    @staticmethod
    def argument(item: dict[str, Any], key: ArgKey) -> dict[str, Any]:
        """Unknown fields of an argument of a remembered event."""
        for i, arg in enumerate(item.get("arguments", [])):
            if tuple(arg[:3]) == key:
                return item["arguments"].pop(i)[3]
        return {}


NOT_CARRIED = "not_carried"
# A reason of the not-carried counts that begins so is a note on what was read (mentions placed by their text),
# not something left out: the import summary shows it apart.
NOTE = "note: "


def foreign_meta(record: dict[str, Any], known: Iterable[str], *, meta: dict[str, Any] | None = None
                 ) -> dict[str, Any]:
    """A foreign record's meta: its unknown top-level fields (written back at the top level), and its `id`
    when that is not a string (so that an integer id is written back as an integer)."""
    out = dict(meta or {})
    out.pop(EXTRA_KEY, None)
    fields = unknown(record, known)
    extra: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in out:
            out[key] = value
            extra.setdefault("fields", []).append(key)
    ident = record.get("id")
    if ident is not None and not isinstance(ident, str):
        extra["id"] = ident
    if extra:
        out[EXTRA_KEY] = extra
    return out


def with_extra(meta: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """`meta` with `meta["_extra"][key] = value` (a new dict; nothing set when value is empty)."""
    if not value:
        return meta
    out = dict(meta)
    out[EXTRA_KEY] = {**out.get(EXTRA_KEY, {}), key: value}
    return out


def not_carried(meta: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    """`meta` noting how many of what the reader could not carry (reason -> count), for the import summary."""
    return with_extra(meta, NOT_CARRIED, {k: v for k, v in counts.items() if v})


def take_not_carried(meta: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """`meta` without the reader's not-carried counts, and the counts."""
    extra = meta.get(EXTRA_KEY)
    if not extra or NOT_CARRIED not in extra:
        return meta, {}
    rest = {k: v for k, v in extra.items() if k != NOT_CARRIED}
    out = {k: v for k, v in meta.items() if k != EXTRA_KEY}
    if rest:
        out[EXTRA_KEY] = rest
    return out, dict(extra[NOT_CARRIED])


def top_fields(meta: dict[str, Any], name: str, *, reserved: Iterable[str] = (),
               clash: Callable[[str], None] | None = None) -> dict[str, Any]:
    """The fields to write at a foreign record's top level: `id` as the source had it (none when it had
    none) and the unknown fields it carried, except those named like one of the format's own fields
    (`reserved`), which are passed to `clash` so that the export can count them."""
    reserved = set(reserved)
    extra = meta.get(EXTRA_KEY) or {}
    out: dict[str, Any] = {}
    original = extra.get("id")
    if original is not None and str(original) == name:
        out["id"] = original
    elif name:
        out["id"] = name
    for key in extra.get("fields", []):
        if key in reserved or key == "id":
            if clash is not None and key != "id":
                clash(key)
        elif key in meta:
            out[key] = meta[key]
    return out
