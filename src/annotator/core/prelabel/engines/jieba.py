"""The jieba engine: jieba's dictionary POS tag of each word, mapped to a label by the schema."""

from __future__ import annotations

from collections.abc import Mapping

from annotator.core.annotations import EntitySpan
from annotator.core.prelabel.base import Prepared, suggestion

JIEBA_SCORE = 0.3


class JiebaEngine:
    """jieba's dictionary POS tag of each word, mapped to a label by the schema's [prelabel.jieba]."""

    name = "jieba"

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = dict(mapping)

    def suggest(self, doc: Prepared) -> list[EntitySpan]:
        """One suggestion per word whose tag the mapping knows."""
        get = self.mapping.get
        an = doc.analysis
        return [suggestion(s, e, label, self.name, JIEBA_SCORE)
                for (s, e), tag in zip(an.words, an.tags, strict=True) if (label := get(tag))]
