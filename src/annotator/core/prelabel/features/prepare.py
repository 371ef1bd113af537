"""From a document's text and words to the CRF's feature keys and sequences."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from annotator.core.prelabel.features.templates import TEMPLATES, extract, sequences
from annotator.core.prelabel.features.word_analysis import analyze, jieba_words
from annotator.core.text import Token


def prepare_text(text: str, words: Sequence[Token] | None, *,
                 templates: Sequence[str] = TEMPLATES) -> tuple[dict[str, np.ndarray], list[Token]]:
    """Feature keys and sequences of `text`; words None means segment it with jieba first."""
    analysis = analyze(text, jieba_words(text) if words is None else words)
    keys = extract(text, analysis.words, analysis.tags, templates=templates)
    return keys, sequences(text)
