"""Assembling the standard pre-highlighter for a schema, a model and a project gazetteer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.prelabel.base import Engine
from annotator.core.prelabel.engines import GazetteerEngine, JiebaEngine, ModelEngine
from annotator.core.prelabel.engines.rules import RulesEngine
from annotator.core.prelabel.engines.wordlists import DROP
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.files import load_model
from annotator.core.prelabel.models.segmenter import shipped_segmenter
from annotator.core.prelabel.prelabeler import DEFAULT_ORDER, Prelabeler
from annotator.core.schema import Schema

ENGINES = ("dictionary", "model", "rules", "jieba")
# Measured on dev_articles (research/RESULTS-prelabel.md): jieba's raw tags only add false positives next to the
# model, and the rules' repaired jieba entities likewise, so by default rules contribute TIME and MISC.
DEFAULT_ENGINES = ("dictionary", "model", "rules")


def build_prelabeler(schema: Schema, *, engines: Sequence[str] | None = None,
                     model: CrfModel | bytes | str | None = None,
                     gazetteer: Iterable[tuple[str, str]] = (), rule_entities: bool | None = None) -> Prelabeler:
    """The pre-highlighter for `schema`: engines by name (default DEFAULT_ENGINES), `model` None for
    the starter, `gazetteer` the project's (text, label) entries (user file + accepted entities);
    `rule_entities` whether the rules suggest PER/LOC/ORG too (default: only without the model)."""
    names = tuple(engines) if engines else DEFAULT_ENGINES
    unknown = [n for n in names if n not in ENGINES]
    if unknown:
        raise ValueError(f"unknown engine(s) {', '.join(unknown)}; known: {', '.join(ENGINES)}")
    gazetteer = list(gazetteer)
    built: list[Engine] = []
    for name in names:
        if name == "dictionary":
            built.append(GazetteerEngine(gazetteer))
        elif name == "model":
            crf = model if isinstance(model, CrfModel) else load_model(model)
            built.append(ModelEngine(crf, segmenter=shipped_segmenter(), neural=crf.neural))
        elif name == "rules":
            # Alone (without the model) the rules' repaired jieba entities are the best we have.
            ents = ("model" not in names) if rule_entities is None else rule_entities
            built.append(RulesEngine(entities=ents))
        else:
            built.append(JiebaEngine(schema.prelabel.get("jieba", {})))
    return Prelabeler(built, order=DEFAULT_ORDER, labels=frozenset(schema.label_keys), never=DROP)
