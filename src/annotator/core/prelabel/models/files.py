"""Model files: loading (the shipped starter included), what a model records about itself, describing it."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from annotator.core.errors import ReadError, saved_model
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.meta import (  # noqa: F401 - FINETUNE, STACK: imported from here too
    FINETUNE,
    STACK,
    STARTER_FILE,
    describe_meta,
    read_meta,
)
from annotator.core.resources import models_dir

MODELS_DIR = models_dir()
STARTER_PATH = MODELS_DIR / STARTER_FILE
STARTER = "starter"


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
    with saved_model("entity"):  # bytes are the project's model (the starter and other files come as paths)
        return _load_cached(hashlib.sha1(data).hexdigest(), data, "the project's model")


def starter_model() -> CrfModel:
    """The model shipped in resources/models (trained on People's Daily, see the README there)."""
    return load_model(STARTER_PATH)


def with_meta(data: bytes, **extra: Any) -> bytes:
    """The same model with `extra` added to what it records about itself (e.g. its held-out score)."""
    model = CrfModel.from_bytes(data)
    model.meta = {**model.meta, **extra}
    return model.to_bytes()


def describe(model: CrfModel | bytes) -> str:
    """What a model learned from, in one or two lines (for `annotator info` and `train`)."""
    return describe_meta(model.meta if isinstance(model, CrfModel) else read_meta(model))
