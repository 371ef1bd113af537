"""Fields a format does not know, kept in the document's meta so that an export writes them back.

Top-level unknown fields become plain `meta` keys (their names are remembered so they return to the top
level). Unknown fields of entities, events, triggers and arguments are kept under `meta["_extra"]`,
anchored by what identifies the item in the text (offsets, label or role, event type) rather than by
ids, which a project renumbers. An item whose anchor changed in review simply loses its extras.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
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
            hits = [i for i, item in enumerate(self._events)
                    if item is not None and (item["key"] == wanted if exact else item["key"][:3] == wanted[:3])]
            if len(hits) == 1 or (exact and hits):
                item = self._events[hits[0]]
                self._events[hits[0]] = None
                return item  # type: ignore[return-value]
        return {}

    @staticmethod
    def argument(item: dict[str, Any], key: ArgKey) -> dict[str, Any]:
        """Unknown fields of an argument of a remembered event."""
        for i, arg in enumerate(item.get("arguments", [])):
            if tuple(arg[:3]) == key:
                return item["arguments"].pop(i)[3]
        return {}
