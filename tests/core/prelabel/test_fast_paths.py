"""The fast pre-highlighting paths (issue 8, row 2) give what straightforward code gives, on real text.

Each optimised piece is compared with a plain reference written here: key lookups against a binary
search, emissions against per-template fancy indexing, the batched Viterbi and forward-backward against
one-sequence-at-a-time numpy, the word analysis against the uncached lookup, the regex prefilter against
the unfiltered pattern, and the model engine's per-document run-on repair against the whole-batch one.
"""

from __future__ import annotations

import random
import re
from re import _constants as sre
from re import _parser as sre_parse

import numpy as np
import pytest

from annotator.core.prelabel import PrelabelDoc, Prepared, build_prelabeler
from annotator.core.prelabel.engines import ModelEngine
from annotator.core.prelabel.engines.rules import _TIME_FIRST, TIME_RE, time_spans
from annotator.core.prelabel.engines.runon import entry_starts, repair_run_ons
from annotator.core.prelabel.features import word_analysis as lexicon_module
from annotator.core.prelabel.features.batch import JOINABLE, batch_features, span_minima
from annotator.core.prelabel.features.templates import (
    EXTRACTED,
    MAX_SEQUENCE,
    TAGS,
    TEMPLATES,
    extract,
    sequence_bounds,
    sequences,
    spans_from_tags,
)
from annotator.core.prelabel.features.word_analysis import (
    CLITICS,
    Analysis,
    analyze,
    guess_tag,
    jieba_words,
    word_tags,
)
from annotator.core.prelabel.models import crf as crf_module
from annotator.core.prelabel.models.crf import HashIndex, KeyTable
from annotator.core.prelabel.models.decoding import tag_marginals, viterbi
from annotator.core.schema import load_schema

# A delegate list without separators (three times over: a sequence longer than 100 characters): the
# model reads it as one long organisation (runon.py).
LIST = "河北省科委河北省科协山西省科委山西省科协湖南省文化厅湖北省文化厅广东省文化厅广西壮族自治区文化厅四川省文化厅"
RUN_ON = f"出席会议的有{LIST * 3}等单位的代表。会议由北京市科委主持。"


@pytest.fixture(scope="module")
def engine() -> ModelEngine:
    """The model engine of the default pre-highlighter (the shipped starter model)."""
    return next(e for e in build_prelabeler(load_schema()).engines if e.name == "model")


@pytest.fixture(scope="module")
def docs(dev5, train30) -> list[Prepared]:
    """The fixture articles on their own tokens and on jieba's words, and a run-on list."""
    out = [Prepared(PrelabelDoc(d.text, d.tokens, presegmented=True)) for d in dev5 + train30]
    out += [Prepared(PrelabelDoc(d.text)) for d in dev5]
    return out + [Prepared(PrelabelDoc(RUN_ON))]


@pytest.fixture(scope="module")
def batch(engine, docs):
    """Keys, sequences and emissions of all fixture documents decoded as one batch."""
    batch = batch_features(docs, templates=engine.templates)
    return batch.keys, batch.seqs, engine.model.emissions(batch.keys)


def _search_rows(table: KeyTable, keys: np.ndarray) -> np.ndarray:
    n = len(table.keys)
    rows = np.minimum(np.searchsorted(table.keys, keys), n)
    found = rows < n
    found[found] = table.keys[rows[found]] == keys[found]
    return np.where(found, rows, n)


def test_key_lookups_match_a_binary_search(engine, batch):
    keys, _, _ = batch
    kinds = set()
    for name, table in engine.model.tables.items():
        probe = np.concatenate((keys[name], [-1, -7, 0, 2**40, int(table.keys[-1]) + 1]))
        assert np.array_equal(table.rows(probe), _search_rows(table, probe)), name
        kinds.add("dense" if table.dense is not None else "hashed" if table.hashed is not None else "search")
    assert {"dense", "hashed"} <= kinds


def test_hash_index_on_colliding_keys():
    rng = np.random.default_rng(3)
    keys = np.unique(np.concatenate((rng.integers(-2**62, 2**62, 3000), np.arange(0, 3000 * 1024, 1024))))
    keys = keys[keys != -1]
    index = HashIndex(keys)
    assert index.probes > 2  # chains longer than one step were built and are walked below
    queries = np.concatenate((keys, rng.integers(-2**62, 2**62, 3000), [-1, -1], keys[::7] + 1))
    position = {int(k): i for i, k in enumerate(keys)}
    expected = [position.get(int(q), len(keys)) for q in queries]
    assert index.rows(queries).tolist() == expected


def test_very_large_tables_keep_the_binary_search(monkeypatch):
    monkeypatch.setattr(crf_module, "_HASH_MAX", 100)
    keys = np.arange(0, 300 * 2**20, 2**20)  # beyond the dense range
    table = KeyTable(keys, np.ones((301, len(TAGS)), dtype=np.float32))
    assert table.hashed is None and table.dense is None
    probe = np.concatenate((keys[::3], keys[:50] + 1, [-1]))
    assert np.array_equal(table.rows(probe), _search_rows(table, probe))


def test_dense_table_edges():
    table = KeyTable(np.array([0, 5, 7]), np.ones((4, len(TAGS)), dtype=np.float32))
    assert table.dense is not None
    assert table.rows(np.array([-9, -1, 0, 3, 5, 7, 8, 10**12])).tolist() == [3, 3, 0, 3, 1, 2, 3, 3]


def test_batch_keys_equal_document_by_document(docs):
    every = EXTRACTED  # with the word clusters a model of new labels weighs
    assert set(TEMPLATES) <= JOINABLE  # the default model's features are computed batch-wise
    joinable = [t for t in every if t in JOINABLE]
    batch = batch_features(docs, templates=joinable)
    assert set(batch.keys) == set(joinable)
    for name in joinable:
        one_by_one = [extract(d.text, d.analysis.words, d.analysis.tags, templates=every)[name] for d in docs]
        assert np.array_equal(batch.keys[name], np.concatenate(one_by_one)), name
    assert batch.offsets == np.cumsum([0] + [len(d.text) for d in docs[:-1]]).tolist()
    assert batch.seqs == [(s + off, e + off) for d, off in zip(docs, batch.offsets, strict=True)
                          for s, e in sequences(d.text)]


def test_emissions_equal_per_template_fancy_indexing(engine, batch):
    keys, _, em = batch
    expected = np.zeros_like(em)
    for name, table in engine.model.tables.items():
        expected += table.weights[_search_rows(table, keys[name])]
    assert np.array_equal(em, expected)


def _viterbi_one(em: np.ndarray, trans: np.ndarray) -> list[int]:
    delta, back = em[0], []
    for t in range(1, len(em)):
        scores = delta[:, None] + trans
        back.append(scores.argmax(axis=0))
        delta = scores.max(axis=0) + em[t]
    path = [int(delta.argmax())]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return path[::-1]


def test_batched_viterbi_equals_one_sequence_at_a_time(engine, batch):
    _, seqs, em = batch
    trans = engine.model.transitions.astype(em.dtype)
    tags = viterbi(em, seqs, trans)
    assert max(e - s for s, e in seqs) > 100 and min(e - s for s, e in seqs) == 1
    for s, e in seqs:
        assert tags[s:e].tolist() == _viterbi_one(em[s:e], trans)
    assert tags.any()


def _marginals_one(em: np.ndarray, trans: np.ndarray) -> np.ndarray:
    em, trans = em.astype(np.float64), trans.astype(np.float64)
    alpha = np.empty_like(em)
    beta = np.zeros_like(em)
    alpha[0] = em[0]
    for t in range(1, len(em)):
        alpha[t] = np.logaddexp.reduce(alpha[t - 1][:, None] + trans, axis=0) + em[t]
    for t in range(len(em) - 2, -1, -1):
        beta[t] = np.logaddexp.reduce(trans + em[t + 1] + beta[t + 1], axis=1)
    post = alpha + beta
    return np.exp(post - np.logaddexp.reduce(post, axis=1, keepdims=True))


def test_batched_marginals_equal_one_sequence_at_a_time(engine, batch):
    _, seqs, em = batch
    trans = engine.model.transitions
    tags = viterbi(em, seqs, trans)
    picked = [q for q in seqs if tags[q[0]:q[1]].any()][:300]
    probs = tag_marginals(em, picked, trans, tags)
    for s, e in picked:
        expected = _marginals_one(em[s:e], trans)[np.arange(e - s), tags[s:e]]
        assert np.allclose(probs[s:e], expected, atol=1e-5), (s, e)


def test_sequences_match_the_plain_loop(docs):
    rng = random.Random(5)
    alphabet = "。！？；，、：\t\r\n\u3000\xa0 a中\U0001F600\uffff"
    texts = [d.text for d in docs] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
                                      for _ in range(2000)]
    cuts = set("。！？；，、：")
    for text in texts:
        expected, start = [], 0
        for i, ch in enumerate(text):
            if ch in cuts or ch in "\t\r\n\u3000\xa0":
                end = i if ch not in cuts else i + 1
                if end > start:
                    expected.append((start, end))
                start = i + 1
        if start < len(text):
            expected.append((start, len(text)))
        assert sequences(text) == expected
        assert sequence_bounds(text).tolist() == [list(q) for q in expected]


def _first_chars(items) -> tuple[set[str], bool]:
    """Characters a match of parsed regex items can start with, and whether they can match empty."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars, empty = {chr(av)}, False
        elif op is sre.IN:
            chars, empty = set(), False
            for kind, arg in av:
                assert kind in (sre.LITERAL, sre.RANGE), kind  # a negated class would need more care
                chars |= {chr(arg)} if kind is sre.LITERAL else {chr(c) for c in range(arg[0], arg[1] + 1)}
        elif op is sre.SUBPATTERN:
            chars, empty = _first_chars(av[3])
        elif op is sre.BRANCH:
            both = [_first_chars(alt) for alt in av[1]]
            chars, empty = set().union(*(c for c, _ in both)), any(e for _, e in both)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            chars, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        elif op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            chars, empty = set(), True
        else:
            raise AssertionError(f"unexpected regex op {op}")
        out |= chars
        if not empty:
            return out, False
    return out, True


def test_time_prefilter_admits_every_first_character(docs):
    body = TIME_RE.pattern[len(f"(?=[{_TIME_FIRST}])"):]
    assert TIME_RE.pattern.startswith("(?=[")
    first, empty = _first_chars(sre_parse.parse(body))
    assert not empty
    allowed = re.compile(f"[{_TIME_FIRST}]")
    assert all(allowed.match(ch) for ch in first), sorted(ch for ch in first if not allowed.match(ch))
    plain = re.compile(body)
    found = 0
    for d in docs:
        assert [m.span() for m in TIME_RE.finditer(d.text)] == [m.span() for m in plain.finditer(d.text)]
        found += len(time_spans(d.text))
    assert found > 20


def _analyze_plain(text, words) -> Analysis:
    get = word_tags().get
    strings = [text[s:e] for s, e in words]
    tags = [get(w) or guess_tag(w) for w in strings]
    out = list(words)
    for i in reversed(range(len(strings))):
        w = strings[i]
        if len(w) >= 3 and w[0] in CLITICS and tags[i] not in ("ns", "nr", "nrt", "nt") and get(w[1:]) == "ns":
            s, e = out[i]
            out[i:i + 1] = [(s, s + 1), (s + 1, e)]
            tags[i:i + 1] = [get(w[0]) or "p", "ns"]
    return Analysis(tuple(out), tuple(tags))


def test_memoised_word_analysis_equals_plain_lookup(docs, monkeypatch):
    monkeypatch.setattr(lexicon_module._word_tags, "LIMIT", 500)  # forgets and relearns many times
    text = "代表团赴美国访问，他们抵京后去往上海。" + RUN_ON
    cases = [(text, jieba_words(text))] + [(d.text, d.analysis.words) for d in docs]
    for t, words in cases:
        an = analyze(t, words)
        assert an == _analyze_plain(t, words)
        assert list(an.strings) == [t[s:e] for s, e in an.words]
    assert {(3, 4), (4, 6)} <= set(analyze(text, jieba_words(text)).words)  # 赴|美国 split


def _spans_plain(ids: list[int]) -> list[tuple[int, int, str]]:
    out, start, prev_end, label = [], -1, -1, ""
    for i, t in enumerate(ids):
        if not t:
            continue
        p, lab = TAGS[t][0], TAGS[t][2:]
        if p in "BS" or start < 0 or lab != label or (i > 0 and ids[i - 1] == 0):
            if start >= 0:
                out.append((start, prev_end, label))
            start, label = i, lab
        prev_end = i + 1
        if p in "ES":
            out.append((start, prev_end, label))
            start = -1
    if start >= 0:
        out.append((start, prev_end, label))
    return out


def test_spans_from_tags_equals_the_plain_loop():
    rng = np.random.default_rng(11)
    for n in range(30):
        for _ in range(100):
            ids = rng.integers(0, len(TAGS), n) * (rng.random(n) < 0.6)
            assert spans_from_tags(ids, 7) == [(s + 7, e + 7, lab) for s, e, lab in _spans_plain(ids.tolist())]


def testspan_minima():
    probs = np.array([0.9, 0.2, 0.7, 0.5, 0.8], dtype=np.float32)
    spans = [(0, 2, "PER"), (2, 3, "LOC"), (3, 5, "ORG")]
    assert span_minima(probs, spans) == [float(probs[s:e].min()) for s, e, _ in spans]
    assert span_minima(probs, []) == []


def test_run_on_repair_per_document_equals_whole_batch(engine, docs):
    ours = engine.suggest_many(docs)
    # The reference: the repair applied to every sequence of the whole batch at once.
    batch = batch_features(docs, templates=engine.templates)
    seqs, offsets = batch.seqs, batch.offsets
    em = engine._emissions(docs, batch)
    tags, probs = engine.model.decode(em, seqs)
    starts = np.concatenate([np.concatenate([entry_starts(d.text, d.analysis.words, d.analysis.tags)[:-1]
                                             for d in docs]), [False]])
    repair_run_ons(engine.model, em, seqs, tags, probs, starts)
    repaired = 0
    for d, off, spans in zip(docs, offsets, ours, strict=True):
        expected = spans_from_tags(tags[off:off + len(d.text)])
        model_only = [(s.start, s.end, s.label) for s in spans][:len(expected)]
        assert model_only == expected
        for s, (a, b, _) in zip(spans, expected, strict=False):
            assert s.score == pytest.approx(float(probs[off + a:off + b].min()), abs=2e-4)
        repaired += d.text == RUN_ON
    run_on = [s for s in ours[-1] if s.label == "ORG"]
    assert repaired and len(run_on) >= 4  # the list was split into its entries
    assert ours == [engine.suggest(d) for d in docs]  # one by one, the same


def test_a_stretch_without_marks_longer_than_the_bound_is_cut_after_a_soft_break_in_its_second_half():
    """A paragraph with no sentence or clause mark is cut into sequences of at most MAX_SEQUENCE characters: after
    the last space, Latin mark or closing bracket or quote of a piece's second half, else at the bound."""
    m, half = MAX_SEQUENCE, MAX_SEQUENCE // 2
    assert sequence_bounds("中" * m).tolist() == [[0, m]]  # at the bound: one sequence, as before
    assert sequence_bounds("中" * (2 * m + 5)).tolist() == [[0, m], [m, 2 * m], [2 * m, 2 * m + 5]]
    early = "中" * (half - 10) + " " + "中" * (2 * m)  # a space in the first half is not used
    assert sequence_bounds(early).tolist()[0] == [0, m]
    text = "中" * (half + 10) + "”" + "中" * 50 + " " + "中" * (2 * m)  # the last soft break of the second half
    bounds = sequence_bounds(text).tolist()
    assert bounds[0] == [0, half + 62] and text[half + 61] == " "
    assert bounds[1] == [half + 62, half + 62 + m]
    assert sequence_bounds("开始。" + "中" * (m + 1)).tolist() == [[0, 3], [3, 3 + m], [3 + m, 4 + m]]
    assert all(e - s <= m for s, e in bounds) and bounds[-1][1] == len(text)


def test_decoding_a_paragraph_without_marks_never_steps_through_more_than_the_bound(engine, monkeypatch):
    """Viterbi and the marginals step one position at a time through a batch's longest sequence: a long paragraph
    without a break is decoded in pieces (batched side by side), not as one sequence of its whole length."""
    from annotator.core.prelabel.models import decoding

    real, steps = decoding.batches, []

    def counted(seqs, n):
        for idx, lens in real(seqs, n):
            steps.append(idx.shape[0])
            yield idx, lens

    monkeypatch.setattr(decoding, "batches", counted)
    text = "国务院总理李强在北京人民大会堂会见法国总统马克龙双方就中法关系交换意见" * 100
    spans = engine.suggest(Prepared(PrelabelDoc(text=text)))
    assert steps and max(steps) <= MAX_SEQUENCE
    assert {text[s.start:s.end] for s in spans} >= {"李强", "马克龙"}
