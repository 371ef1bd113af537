"""Pre-highlighting: engines (jieba POS, rules, dictionary, learned CRF) behind one small interface.

The service's entry points:
  build_prelabeler(schema, engines=..., model=bytes|None, gazetteer=[(text, label)]) -> Prelabeler
  Prelabeler.suggest(PrelabelDoc, existing=spans, rejected=strings) / .suggest_many([DocInput])
  train(docs, base=None|"starter"|bytes) -> bytes;  describe(bytes) -> str
  evaluate(gold_docs, suggest, labels=...) -> Report
"""

from annotator.core.prelabel.base import Engine, PrelabelDoc, Prepared
from annotator.core.prelabel.crf import CrfModel
from annotator.core.prelabel.engines import DictionaryEngine, JiebaEngine, ModelEngine
from annotator.core.prelabel.evaluate import Report, Score, evaluate, score_spans
from annotator.core.prelabel.factory import DEFAULT_ENGINES, ENGINES, build_prelabeler
from annotator.core.prelabel.model import STARTER, describe, load_model, starter_model, train
from annotator.core.prelabel.prelabeler import DocInput, Prelabeler
from annotator.core.prelabel.rules import RulesEngine

__all__ = [
    "DEFAULT_ENGINES", "ENGINES", "STARTER", "CrfModel", "DictionaryEngine", "DocInput", "Engine",
    "JiebaEngine", "ModelEngine", "PrelabelDoc", "Prelabeler", "Prepared", "Report", "RulesEngine", "Score",
    "build_prelabeler", "describe", "evaluate", "load_model", "score_spans", "starter_model", "train",
]
