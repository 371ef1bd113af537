"""Averaged CRFs: one model whose scores are the members' mean, decoded at one model's cost."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.prelabel import load_model, train
from annotator.core.prelabel.features.prepare import prepare_text
from annotator.core.prelabel.features.templates import TEMPLATES
from annotator.core.prelabel.models.ensemble import average


def test_the_average_scores_every_character_as_the_members_mean(train30, dev5):
    small = tuple(t for t in TEMPLATES if t not in ("wf", "ws", "ww"))
    a = load_model(train(train30[:8], templates=TEMPLATES, params={"max_iterations": 30}))
    b = load_model(train(train30[8:16], templates=small, params={"max_iterations": 30}))
    both = average([a, b], [0.3, 0.7])
    text = dev5[0].text
    keys, seqs = prepare_text(text, None)
    expected = 0.3 * a.scores(keys, seqs) + 0.7 * b.scores(keys, seqs)
    np.testing.assert_allclose(both.scores(keys, seqs), expected, atol=1e-4)
    np.testing.assert_allclose(both.transitions, 0.3 * a.transitions + 0.7 * b.transitions, atol=1e-6)
    assert set(both.tables) == set(a.tables) | set(b.tables)
    # And it survives the model file.
    again = load_model(both.to_bytes())
    np.testing.assert_allclose(again.scores(keys, seqs), expected, atol=1e-4)


def test_stacked_models_cannot_be_averaged():
    starter = load_model()
    with pytest.raises(ValueError):
        average([])
    starter_copy = load_model(starter.to_bytes())
    starter_copy.base = starter
    with pytest.raises(ValueError):
        average([starter, starter_copy])
