"""The engines: each reads a prepared document and suggests entity spans (base.Engine).

jieba (a word's dictionary POS tag), gazetteer (the project's entries), rules (dates, 《》 titles,
repairs of jieba's tags) and model (the character CRF with its neural reading, then the run-on repair
and consistency across the document). The Prelabeler (prelabeler.py) combines what they suggest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.core.prelabel.engines.gazetteer import GazetteerEngine
    from annotator.core.prelabel.engines.jieba import JiebaEngine
    from annotator.core.prelabel.engines.model import ModelEngine

__all__ = ["GazetteerEngine", "JiebaEngine", "ModelEngine"]
# Imported at first use: the gazetteer's helpers must not load numpy and the model.
_HOME = {"GazetteerEngine": "gazetteer", "JiebaEngine": "jieba", "ModelEngine": "model"}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
