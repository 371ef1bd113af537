"""Event model files: loading (the shipped starters included) and describing them from their meta alone."""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from annotator.core.errors import saved_model
from annotator.core.prelabel.events.model import EventModel
from annotator.core.prelabel.events.starters import STARTERS, starter_bytes

__all__ = ["STARTERS", "describe_event_meta", "load_event_model", "starter_bytes", "starter_event_model"]


@functools.lru_cache(maxsize=4)
def _load_cached(digest: str, data: bytes, source: str) -> EventModel:
    return EventModel.from_bytes(data, source=source)


def load_event_model(data: bytes, *, source: str | None = None) -> EventModel:
    """An event model from the bytes `EventModel.to_bytes` wrote (the same bytes give the same object); bytes
    without a `source` are the project's event model (ReadError.saved)."""
    if source is not None:
        return _load_cached(hashlib.sha1(data).hexdigest(), data, source)
    with saved_model("event"):
        return _load_cached(hashlib.sha1(data).hexdigest(), data, "the project's event model")


def starter_event_model(schema_name: str) -> EventModel | None:
    """The shipped event starter for a schema, loaded, or None."""
    data = starter_bytes(schema_name)
    return None if data is None else load_event_model(data, source=STARTERS[schema_name])


def describe_event_meta(meta: dict[str, Any]) -> str:
    """What an event model learned from and its held-out scores, in one line."""
    types = meta.get("events", {})
    text = (f"{sum(types.values())} events ({', '.join(f'{n} {k}' for k, n in types.items())}) and "
            f"{sum(meta.get('arguments', {}).values())} arguments in {meta.get('documents', '?')} documents"
            f"{' from ' + meta['source'] if meta.get('source') else ''}, trained {meta.get('trained_at', '?')}")
    gate = meta.get("gate")
    if gate and gate.get("held_out"):
        text += (f"; held-out F1 {gate['f1_new']:.3f} (triggers {gate['trigger_f1']:.3f}, arguments "
                 f"{gate['argument_f1']:.3f}) on {gate['held_out']} reviewed documents (the model it replaced: "
                 f"{gate['f1_old']:.3f}, higher in {gate['confidence']:.0%} of resamplings)")
    held = meta.get("held_out")
    if held:
        text += (f"; on {held['documents']} documents it did not learn from: triggers F1 {held['trigger_f1']:.3f}, "
                 f"arguments F1 {held['argument_f1']:.3f}")
    return text
