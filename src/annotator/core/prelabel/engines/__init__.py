"""The engines: each reads a prepared document and suggests entity spans (base.Engine).

jieba (a word's dictionary POS tag), gazetteer (the project's entries), rules (dates, 《》 titles,
repairs of jieba's tags) and model (the character CRF with its neural reading, then the run-on repair
and consistency across the document). The Prelabeler (prelabeler.py) combines what they suggest.
"""

from annotator.core.prelabel.engines.gazetteer import GazetteerEngine
from annotator.core.prelabel.engines.jieba import JiebaEngine
from annotator.core.prelabel.engines.model import ModelEngine

__all__ = ["GazetteerEngine", "JiebaEngine", "ModelEngine"]
