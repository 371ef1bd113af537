"""Pre-highlighting (prelabel): suggested entity spans for a document, before a reviewer sees it.

How a span is decided, and where:
  1. features/  jieba's words and POS tags (word_analysis.py), then integer feature keys per character
     and template (templates.py), for a batch of documents at once (batch.py).
  2. engines/   each engine suggests spans: model.py decodes the CRF (models/crf.py, its dynamic programs
     in models/decoding.py) plus its neural reading (models/neural.py) on raw text under jieba's words
     and the segmenter's (models/segmenter.py), repairs run-on lists (runon.py) and spreads a name to
     its other mentions (consistency.py);
     gazetteer.py matches the project's entries; rules.py finds dates and 《》 names; jieba.py maps tags.
  3. prelabeler.py  merges them: the first engine in DEFAULT_ORDER to claim characters keeps them, spans
     are moved onto token edges, and nothing the reviewer has, rejected or never wants comes back.
models/ holds the model classes and their file format (files.py: load, the shipped starter, describe);
learning/ trains them (crfsuite, fine-tuning, the network) and scores them (evaluate.py).
Labels: the starter tags PER/LOC/ORG (CORE_LABELS); a project's model tags the labels its reviewers use
(CrfModel.labels). For labels the starter does not know it is a CRF over them stacked on the starter's
scores, tags and neural reading: what the starter knows is a feature, the reviews decide what each
label means (learning/model.py, benchmarks/RESULTS-labels.md); a span relabeler then decides each span
the CRF found again from its whole document (models/relabeler.py, features/span_context.py). Every stacked
model, and a project's model from scratch, also reads Baidu's LAC's tags of the text (features/lexical.py,
lexical_keys.py).

The service's entry points:
  build_prelabeler(schema, engines=..., model=bytes|None, gazetteer=[(text, label)]) -> Prelabeler
  Prelabeler.suggest(PrelabelDoc, existing=spans, rejected=strings) / .suggest_many([DocInput])
  train(docs, base=None|"starter"|bytes, labels=CORE_LABELS) -> bytes;  describe(bytes) -> str
  evaluate(gold_docs, suggest, labels=None|[...]) -> Report
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.core.prelabel.base import PrelabelDoc, Prepared
    from annotator.core.prelabel.engines import GazetteerEngine
    from annotator.core.prelabel.engines.rules import RulesEngine
    from annotator.core.prelabel.factory import ENGINES, build_prelabeler
    from annotator.core.prelabel.features.templates import CORE_LABELS
    from annotator.core.prelabel.learning.evaluate import Report, evaluate, score_spans
    from annotator.core.prelabel.learning.model import train
    from annotator.core.prelabel.models.files import describe, load_model, starter_model
    from annotator.core.prelabel.prelabeler import DocInput, Prelabeler

__all__ = [
    "CORE_LABELS", "ENGINES", "DocInput", "GazetteerEngine", "PrelabelDoc", "Prelabeler", "Prepared", "Report",
    "RulesEngine", "build_prelabeler", "describe", "evaluate", "load_model", "score_spans", "starter_model", "train",
]

# Each name is imported from its module at first use: reading a model's description or the gazetteer
# must not load numpy and the model engines. (The rest of the package is imported from its modules.)
_HOME = {
    "PrelabelDoc": "annotator.core.prelabel.base",
    "Prepared": "annotator.core.prelabel.base",
    "GazetteerEngine": "annotator.core.prelabel.engines.gazetteer",
    "RulesEngine": "annotator.core.prelabel.engines.rules",
    "ENGINES": "annotator.core.prelabel.factory",
    "build_prelabeler": "annotator.core.prelabel.factory",
    "CORE_LABELS": "annotator.core.prelabel.features.templates",
    "Report": "annotator.core.prelabel.learning.evaluate",
    "evaluate": "annotator.core.prelabel.learning.evaluate",
    "score_spans": "annotator.core.prelabel.learning.evaluate",
    "train": "annotator.core.prelabel.learning.model",
    "describe": "annotator.core.prelabel.models.files",
    "load_model": "annotator.core.prelabel.models.files",
    "starter_model": "annotator.core.prelabel.models.files",
    "DocInput": "annotator.core.prelabel.prelabeler",
    "Prelabeler": "annotator.core.prelabel.prelabeler",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
