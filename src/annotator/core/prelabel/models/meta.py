"""What a model file records about itself, read and described without loading the model (or numpy)."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from annotator.core.errors import ReadError, saved_model
from annotator.core.limits import read_member

STARTER_FILE = "starter-pd98.crf"  # the shipped starter model, in resources/models
FINETUNE, STACK = "finetune", "stack"  # how a model was learned on top of a base (its meta's "method")


# What the readers name a model given as bytes the project file holds, by kind (ReadError.saved)
SAVED = {"entity": "the project's model", "event": "the project's event model"}


def read_meta(data: bytes, *, source: str | None = None, kind: str = "entity") -> dict[str, Any]:
    """The meta.json of a model file (as CrfModel.to_bytes and EventModel.to_bytes write it); bytes without a
    `source` are the project's `kind` model ("entity" or "event"; ReadError.saved)."""
    if source is not None:
        return _meta(data, source)
    with saved_model(kind):
        return _meta(data, SAVED[kind])


def _meta(data: bytes, source: str) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            meta = json.loads(read_member(zf, "meta.json", where=source))
        if not isinstance(meta, dict):
            raise ValueError("its meta.json is not an object")
        return meta
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"not a pre-highlighting model: {exc}", path=source) from exc


def describe_meta(meta: dict[str, Any]) -> str:
    """What a model learned from, in one or two lines, from its meta."""
    if not meta:
        return "a model with no record of its training"
    ents = meta.get("entities", {})
    counts = ", ".join(f"{n} {k}" for k, n in ents.items())
    text = (f"{meta.get('documents', '?')} documents ({meta.get('characters', '?')} characters; {counts})"
            f"{' from ' + meta['source'] if meta.get('source') else ''}, trained {meta.get('trained_at', '?')}")
    if meta.get("lexical"):
        text += f"; reading the text with {meta['lexical']} too"
    if meta.get("calibrated"):
        text += f"; its CRF fitted to its neural reading on {meta['calibrated'].get('on', '?')}"
    gate = meta.get("gate")
    if gate:
        text += f"; {describe_gate(gate)}"
    if meta.get("base"):
        how = "fine-tuned from" if meta.get("params", {}).get("method") == FINETUNE else "on top of"
        text += f"; {how}: {describe_meta(meta['base'])}"
    return text


def describe_gate(gate: dict[str, Any]) -> str:
    """A model's held-out score next to the one it replaced, in a few words."""
    if not gate.get("held_out"):
        if gate.get("gated") is False:
            return "not scored (learned from every reviewed document, without the gate)"
        return "not scored (fewer reviewed documents than a held-out part needs)"
    sure = f", higher in {gate['confidence']:.0%} of resamplings" if gate.get("confidence") is not None else ""
    text = (f"held-out F1 {gate['f1_new']:.3f} on {gate['held_out']} reviewed documents "
            f"(the model it replaced: {gate['f1_old']:.3f}{sure})")
    if gate.get("per_label"):
        text += "; per label: " + ", ".join(f"{lab} {f1:.3f}" for lab, f1 in gate["per_label"].items())
    if gate.get("too_few"):
        text += "; too few reviewed examples to learn: " + ", ".join(
            f"{lab} ({n})" for lab, n in gate["too_few"].items())
    return text
