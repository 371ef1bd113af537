"""Model files: loading (the shipped starter included), what a model records about itself, describing it."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from annotator.core.errors import ReadError
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.resources import models_dir

MODELS_DIR = models_dir()
STARTER_PATH = MODELS_DIR / "starter-pd98.crf"
STARTER = "starter"
FINETUNE, STACK = "finetune", "stack"  # how a model was learned on top of a base (its meta's "method")


@functools.lru_cache(maxsize=4)
def _load_cached(digest: str, data: bytes, source: str) -> CrfModel:
    return CrfModel.from_bytes(data, source=source)


def load_model(data: bytes | str | Path | None = None) -> CrfModel:
    """A model from bytes (as `train` returns them), a file path, or None / "starter" for the starter."""
    if data is None or data == STARTER:
        data = STARTER_PATH
    if isinstance(data, (str, Path)):
        path = Path(data)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ReadError(f"cannot read model: {exc.strerror}", path=str(path)) from exc
        return _load_cached(hashlib.sha1(raw).hexdigest(), raw, str(path))
    return _load_cached(hashlib.sha1(data).hexdigest(), data, "the project's model")


def starter_model() -> CrfModel:
    """The model shipped in resources/models (trained on People's Daily, see the README there)."""
    return load_model(STARTER_PATH)


def with_meta(data: bytes, **extra: Any) -> bytes:
    """The same model with `extra` added to what it records about itself (e.g. its held-out score)."""
    model = CrfModel.from_bytes(data)
    model.meta = {**model.meta, **extra}
    return model.to_bytes()


def model_meta(data: bytes) -> dict[str, Any]:
    """What a model records about itself (its training, and its held-out score when it was gated)."""
    return dict(load_model(data).meta)


def describe(model: CrfModel | bytes) -> str:
    """What a model learned from, in one or two lines (for `annotator info` and `train`)."""
    if not isinstance(model, CrfModel):
        model = load_model(model)
    return _describe_meta(model.meta)


def _describe_meta(meta: dict[str, Any]) -> str:
    if not meta:
        return "a model with no record of its training"
    ents = meta.get("entities", {})
    counts = ", ".join(f"{n} {k}" for k, n in ents.items())
    text = (f"{meta.get('documents', '?')} documents ({meta.get('characters', '?')} characters; {counts})"
            f"{' from ' + meta['source'] if meta.get('source') else ''}, trained {meta.get('trained_at', '?')}")
    if meta.get("calibrated"):
        text += f"; its CRF fitted to its neural reading on {meta['calibrated'].get('on', '?')}"
    gate = meta.get("gate")
    if gate:
        text += f"; {describe_gate(gate)}"
    if meta.get("base"):
        how = "fine-tuned from" if meta.get("params", {}).get("method") == FINETUNE else "on top of"
        text += f"; {how}: {_describe_meta(meta['base'])}"
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
