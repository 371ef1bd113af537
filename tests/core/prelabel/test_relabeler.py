"""The span relabeler of a model of new labels: a found span's label decided from its whole document."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ReadError
from annotator.core.prelabel import PrelabelDoc, build_prelabeler, load_model, train
from annotator.core.prelabel.learning.relabel import train_relabeler
from annotator.core.prelabel.models.crf import CrfModel
from annotator.core.prelabel.models.decoding import posteriors, tag_marginals, viterbi
from annotator.core.prelabel.models.relabeler import RELABELER_FILE, WEIGHT, label_shares, span_shares
from annotator.core.prelabel.prelabeler import DocInput
from annotator.core.schema import load_schema
from tests.conftest import FIXTURES

TITLES = ("book", "game", "movie")
# One title, the same first clause (the CRF's sequence): only the second clause tells a game from a film.
GAME = "《星海远征》是今年最受期待的新作，上线首周就吸引了上百万玩家。"
FILM = "《星海远征》是今年最受期待的新作，上映首周票房就突破了十亿元。"


@pytest.fixture(scope="module")
def titles() -> list[AnnotatedDocument]:
    """42 CLUENER fragments (train.json) of one game, film or book title each, its cue words away from it."""
    return [d for _, d in formats.iter_documents(FIXTURES / "cluener_titles.json", "cluener", reviewed=True)]


@pytest.fixture(scope="module")
def learned(titles) -> bytes:
    return train(titles, base="starter", method="stack", labels=TITLES)


def labels_of(data: bytes, text: str) -> list[tuple[str, str]]:
    pre = build_prelabeler(load_schema(FIXTURES / "cluener.toml"), engines=["model"], model=data)
    return [(text[s.start:s.end], s.label) for s in pre.suggest(PrelabelDoc(text))]


def without_relabeler(data: bytes) -> bytes:
    model = CrfModel.from_bytes(data)
    model.relabeler = None
    return model.to_bytes()


def test_a_titles_kind_is_read_from_a_cue_outside_the_crfs_sequence(learned):
    assert labels_of(learned, GAME) == [("《星海远征》", "game")]
    assert labels_of(learned, FILM) == [("《星海远征》", "movie")]


def test_without_its_relabeler_the_crf_gives_both_titles_one_label(learned):
    # What a model file written before the relabeler decodes: the CRF's labels, which cannot see the cue.
    plain = without_relabeler(learned)
    assert load_model(plain).relabeler is None
    assert {label for text in (GAME, FILM) for _, label in labels_of(plain, text)} == {"game"}


def test_the_relabeler_and_its_weight_travel_in_the_model_file(learned):
    model = CrfModel.from_bytes(learned)  # not load_model's cached copy, which the other tests decode with
    assert model.relabeler is not None and model.meta["relabel_weight"] == WEIGHT
    model.relabeler.weight = 0.25
    again = CrfModel.from_bytes(model.to_bytes())
    assert again.relabeler is not None and again.relabeler.weight == 0.25
    assert again.relabeler.data == model.relabeler.data
    model.relabeler.check()  # a tagger opened in this thread does not stop the model going to a worker
    copied = pickle.loads(pickle.dumps(model))
    assert copied.relabeler.weight == 0.25 and copied.relabeler.data == model.relabeler.data
    copied.relabeler.check()


def test_a_damaged_relabeler_is_a_read_error_naming_it(learned):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(learned)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, b"not a model" if name == RELABELER_FILE else src.read(name))
    with pytest.raises(ReadError, match="its span relabeler is not readable"):
        CrfModel.from_bytes(out.getvalue())


def test_one_label_gives_no_relabeler(titles):
    games = [d for d in titles if {s.label for s in d.spans} == {"game"}]
    assert games and train_relabeler(games, TITLES) is None
    assert train_relabeler(titles, TITLES) is not None


def test_the_starters_labels_are_learned_without_a_relabeler(titles):
    # Only a model of labels the starter does not tag has one (a team's conventions for PER/LOC/ORG do not).
    from dataclasses import replace

    starters = {"game": "ORG", "movie": "PER", "book": "LOC"}
    read = [replace(d, spans=tuple(replace(s, label=starters[s.label]) for s in d.spans)) for d in titles[10:20]]
    assert len({s.label for d in read for s in d.spans}) >= 2  # a relabeler would have labels to choose from
    assert load_model(train(read, base="starter", method="stack")).relabeler is None
    assert load_model("starter").relabeler is None


def test_posteriors_are_distributions_that_agree_with_the_chosen_tags_marginals():
    rng = np.random.default_rng(3)
    em = rng.normal(size=(23, 5)).astype(np.float32)
    trans = rng.normal(size=(5, 5)).astype(np.float32)
    seqs = [(0, 7), (7, 8), (9, 23)]  # position 8 lies outside every sequence
    post = posteriors(em, seqs, trans)
    assert np.allclose(post.sum(axis=1), 1, atol=1e-5)
    assert np.allclose(post[8], 0.2)
    tags = viterbi(em, seqs, trans)
    chosen = post[np.arange(23), tags]
    inside = np.arange(23) != 8
    assert np.allclose(chosen[inside], tag_marginals(em, seqs, trans, tags)[inside], atol=1e-5)


def test_a_spans_crf_reading_is_each_labels_mean_share_over_its_characters():
    tags = ("O", "B-game", "E-game", "B-movie", "E-movie")
    post = np.array([[1, 0, 0, 0, 0], [0, 0.6, 0, 0.2, 0], [0, 0, 0.2, 0, 0.8]], dtype=np.float32)
    shares = label_shares(post, tags, ("game", "movie"))
    assert np.allclose(shares, [[0, 0], [0.6, 0.2], [0.2, 0.8]])
    crf = span_shares(shares, ("game", "movie"), 1, 3)
    assert crf == pytest.approx({"game": 0.4 / 0.9, "movie": 0.5 / 0.9})
    assert span_shares(shares, ("game", "movie"), 0, 1) == {"game": 0.5, "movie": 0.5}


def test_one_forward_backward_gives_the_suggestions_two_gave(learned, monkeypatch):
    """The relabeler's posteriors and the scores' marginals come from one pass over the sequences with an entity;
    the suggestions (spans, labels, scores) of a real model on real text are those of the two passes before."""
    from annotator.core.prelabel.engines import model as engine_module
    from annotator.core.prelabel.models import decoding

    texts = [GAME, FILM, *(d.text for _, d in formats.iter_documents(FIXTURES / "cluener100.json", "cluener")),
             *(p.read_text("utf-8") for p in sorted((FIXTURES / "raw_news").glob("*.txt"))[:5])]
    pre = build_prelabeler(load_schema(FIXTURES / "cluener.toml"), engines=["model"], model=learned)
    passes = [0]
    real = decoding._posterior_batches

    def counted(*args, **kwargs):
        passes[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(decoding, "_posterior_batches", counted)

    def suggested() -> list[list[tuple[int, int, str, float | None]]]:
        passes[0] = 0
        docs = [DocInput(PrelabelDoc(t), ()) for t in texts]
        return [[(s.start, s.end, s.label, s.score) for s in spans] for spans in pre.suggest_many(docs)]

    once, one_pass = suggested(), passes[0]
    # Before: the scores' marginals by tag_marginals, and the relabeler's own forward-backward (posteriors).
    monkeypatch.setattr(engine_module, "marginals_and_posteriors",
                        lambda em, seqs, trans, tags: (decoding.tag_marginals(em, seqs, trans, tags), None))
    twice, two_passes = suggested(), passes[0]
    assert once == twice
    assert one_pass == 1 and two_passes == 2
    assert ("《星海远征》", "movie") in [(FILM[s:e], lab) for s, e, lab, _ in once[1]]  # relabeled: its own score
    assert sum(map(len, once)) > 20
