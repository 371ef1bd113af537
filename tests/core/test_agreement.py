"""Agreement arithmetic: character labels, kappa, alpha (against a hand-built coincidence matrix), F1."""

from __future__ import annotations

import random
from collections import Counter
from itertools import permutations

import pytest

from annotator.core.agreement import agreement, char_labels, cohen_kappa, f1, krippendorff_alpha
from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, SpanKind, SpanState
from annotator.core.assignment import check_names, plan
from annotator.core.errors import ValidationError
from annotator.core.layers import Layer, LayerEvent


def coincidence_alpha(units: list[list[str]]) -> float:
    """Nominal alpha from its definition: a coincidence matrix over pairable values."""
    o: Counter = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for a, b in permutations(range(m), 2):
            o[(values[a], values[b])] += 1 / (m - 1)
    n_c: Counter = Counter()
    for (c, _), w in o.items():
        n_c[c] += w
    n = sum(n_c.values())
    observed = sum(w for (c, k), w in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    return 1 - observed / expected


def test_the_longest_span_labels_a_character_where_spans_nest():
    assert char_labels(6, [(0, 6, "ORG"), (0, 2, "LOC")]) == ["ORG"] * 6
    assert char_labels(5, [(1, 3, "PER")]) == ["O", "PER", "PER", "O", "O"]


def test_kappa_and_alpha_match_their_definitions():
    rng = random.Random(4)
    labels = ["O", "PER", "LOC", "ORG"]
    a = [rng.choice(labels) for _ in range(500)]
    b = [x if rng.random() < 0.7 else rng.choice(labels) for x in a]
    c = [x if rng.random() < 0.6 else rng.choice(labels) for x in a]
    po = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    pe = sum(a.count(k) * b.count(k) for k in labels) / len(a) ** 2
    assert cohen_kappa(a, b) == pytest.approx((po - pe) / (1 - pe))
    units = [[x, y, z] for x, y, z in zip(a, b, c, strict=True)] + [[x, y] for x, y in zip(a[:50], c[:50],
                                                                                             strict=True)]
    assert krippendorff_alpha(units) == pytest.approx(coincidence_alpha(units))
    assert cohen_kappa(["O"] * 3, ["O"] * 3) is None and krippendorff_alpha([["O", "O"]]) is None


def test_agreement_per_label_events_and_the_worst_documents_first():
    ev = LayerEvent("Meet", (0, 1), (("Entity", 2, 4),))
    a = {1: Layer.of("a", [(2, 4, "PER"), (5, 7, "LOC")], [ev]), 2: Layer.of("a", [(0, 2, "ORG")])}
    b = {1: Layer.of("b", [(2, 4, "PER"), (5, 7, "ORG")], [LayerEvent("Meet", (0, 1))]),
         2: Layer.of("b", [(0, 2, "ORG")])}
    result = agreement({d: [a[d], b[d]] for d in a}, {1: 8, 2: 3})
    (pair,) = result.pairs
    assert pair.span_f1 == pytest.approx(f1(2, 3, 3))
    assert pair.per_label == {"LOC": 0.0, "ORG": pytest.approx(2 / 3), "PER": 1.0}
    assert (pair.trigger_f1, pair.argument_f1) == (1.0, 0.0)
    assert [d.doc_id for d in result.worst] == [1, 2]
    only = agreement({d: [a[d], b[d]] for d in a}, {1: 8, 2: 3}, labels={"PER"})
    assert only.pairs[0].per_label == {"PER": 1.0}


def test_a_layer_round_trips_through_its_stored_form():
    layer = Layer.of("x", [(5, 7, "LOC"), (0, 2, "PER"), (0, 2, "PER")],
                     [LayerEvent("Meet", (3, 4), (("Place", 5, 7),))])
    assert Layer.from_json("x", layer.to_json()) == layer and layer.entities[0] == (0, 2, "PER")


def test_a_layer_is_what_the_annotator_decided_suggestions_left_open_are_not_theirs():
    S = SpanState
    spans = (EntitySpan(1, 0, 2, "PER", state=S.ACCEPTED), EntitySpan(2, 3, 5, "LOC", state=S.SUGGESTED),
             EntitySpan(3, 5, 6, "action", kind=SpanKind.TRIGGER, state=S.ACCEPTED),
             EntitySpan(4, 7, 8, "movement", kind=SpanKind.TRIGGER, state=S.SUGGESTED),
             EntitySpan(5, 8, 9, "", kind=SpanKind.ARGUMENT, state=S.SUGGESTED))
    events = (Event(1, "action", 3, (Argument("Participant", 1), Argument("Location", 2, S.SUGGESTED),
                                     Argument("Object", 5, S.REJECTED))),
              Event(2, "movement", 4, (Argument("Participant", 1, S.SUGGESTED),), state=S.SUGGESTED))
    doc = AnnotatedDocument("t", "张三在北京见了李四。", (), spans, events)
    assert Layer.from_document("x", doc) == Layer.of("x", [(0, 2, "PER")],
                                                     [LayerEvent("action", (5, 6), (("Participant", 0, 2),))])


def test_the_plan_is_reproducible_balanced_and_refuses_nonsense():
    shares = plan(list(range(1, 41)), ["a", "b", "c"], overlap=0.25, seed=7)
    assert shares == plan(list(range(40, 0, -1)), ["a", "b", "c"], overlap=0.25, seed=7)
    assert Counter(Counter(d for v in shares.values() for d in v).values()) == {1: 30, 2: 10}
    with pytest.raises(ValidationError):
        plan([1, 2], ["a", "a"], overlap=0, seed=1)
    with pytest.raises(ValidationError):
        plan([1, 2], ["a"], overlap=0.5, seed=1)
    with pytest.raises(ValidationError):
        plan([1, 2], ["../x"], overlap=0, seed=1)


def test_an_annotator_name_that_would_split_in_the_statistics_is_refused():
    # A document all agreeing annotators settled is reviewed by "ann1+ann2"; statistics split it on "+".
    with pytest.raises(ValidationError, match="'li\\+wang'"):
        check_names(["li+wang"])
    assert check_names([" ann1 ", "王芳"]) == ["ann1", "王芳"]


@pytest.mark.parametrize("seed", [7, 13, 99])
def test_the_shared_documents_spread_over_every_pair_of_annotators(seed):
    """Four annotators with --overlap 0.5 were two fixed pairs (every shared document ann1/ann2 or ann3/ann4):
    ann1's agreement with ann3 could never be measured."""
    names = ["张伟", "李娜", "王芳", "刘洋"]
    shares = plan(list(range(1, 41)), names, overlap=0.5, seed=seed)
    pairs = Counter(frozenset(n for n in names if d in shares[n]) for d in range(1, 41))
    doubles = {p: c for p, c in pairs.items() if len(p) == 2}
    assert sum(doubles.values()) == 20 and len(doubles) == 6
    assert max(doubles.values()) - min(doubles.values()) <= 1
    assert max(map(len, shares.values())) - min(map(len, shares.values())) <= 1


def test_trigger_agreement_per_event_type_counts_a_retyped_trigger_against_both_types():
    """Entities had F1 per label, events one trigger F1 only: 李娜 leaving out every statement event hid behind
    a trigger F1 of 0.800 (statement alone 0.087, checked by hand on the layers)."""
    a = {1: Layer.of("a", [], [LayerEvent("Attack", (0, 2)), LayerEvent("Meet", (4, 6)), LayerEvent("Die", (8, 9))])}
    b = {1: Layer.of("b", [], [LayerEvent("Attack", (0, 2)), LayerEvent("Attack", (4, 6))])}
    (pair,) = agreement({1: [a[1], b[1]]}, {1: 10}).pairs
    assert pair.trigger_f1 == pytest.approx(f1(1, 3, 2))
    # Attack: a 1, b 2, 1 in common; Meet: a 1, b 0; Die: a 1, b 0
    assert pair.per_event_type == {"Attack": pytest.approx(f1(1, 1, 2)), "Die": 0.0, "Meet": 0.0}
    assert pair.to_dict()["per_event_type"] == pair.per_event_type
    (plain,) = agreement({1: [Layer.of("a", [(0, 1, "PER")]), Layer.of("b", [(0, 1, "PER")])]}, {1: 3}).pairs
    assert "per_event_type" not in plain.to_dict()  # no events: no event figures, as before


def test_a_document_whose_events_differ_most_comes_first_among_the_least_agreed():
    """The least agreed documents were ranked by entity span F1 alone: on the real run the document whose triggers
    agreed least (0.593) came 11th of 17, its entities at 0.857."""
    same = [(0, 2, "PER")]
    a = {1: Layer.of("a", same, [LayerEvent("Attack", (3, 4)), LayerEvent("Die", (5, 6))]),
         2: Layer.of("a", [(0, 2, "PER"), (3, 5, "LOC")])}
    b = {1: Layer.of("b", same, [LayerEvent("Attack", (3, 4))]), 2: Layer.of("b", [(0, 2, "PER")])}
    result = agreement({d: [a[d], b[d]] for d in a}, {1: 8, 2: 8})
    assert [(d.doc_id, d.span_f1, d.trigger_f1) for d in result.worst] == [
        (1, 1.0, pytest.approx(2 / 3)), (2, pytest.approx(2 / 3), None)]
    assert result.to_dict()["documents"][0]["trigger_f1"] == pytest.approx(2 / 3)
    assert "trigger_f1" not in result.to_dict()["documents"][1]  # no events there: nothing to say


def test_events_are_left_out_of_a_pair_one_side_of_which_gave_none():
    """An entity-only export scored "triggers 0.000" against a colleague's events, and two annotators without events
    in an event schema were not told their events were not compared."""
    ev = LayerEvent("Meet", (0, 1), (("Entity", 2, 4),))
    a = {1: Layer.of("a", [(2, 4, "PER")], [ev]), 2: Layer.of("a", [(0, 2, "ORG")], [ev])}
    b = {1: Layer.of("b", [(2, 4, "PER")]), 2: Layer.of("b", [(0, 2, "ORG")])}
    c = {1: Layer.of("c", [(2, 4, "PER")]), 2: Layer.of("c", [(0, 2, "ORG")])}
    layers = {d: [a[d], b[d], c[d]] for d in (1, 2)}
    result = agreement(layers, {1: 10, 2: 10})
    pairs = {(p.a, p.b): p for p in result.pairs}
    assert pairs[("a", "b")].no_events == ("b",) and pairs[("a", "b")].trigger_f1 is None
    assert pairs[("a", "b")].per_event_type == {} and pairs[("a", "b")].span_f1 == 1.0
    assert pairs[("b", "c")].no_events == ("b", "c") and pairs[("b", "c")].trigger_f1 is None
    assert all(d.trigger_f1 is None for d in result.worst)  # no document ranked by a trigger F1 of 0
    assert pairs[("a", "b")].to_dict()["no_events"] == ["b"] and "trigger_f1" not in pairs[("a", "b")].to_dict()
    # A schema without event types: nothing to leave out, nothing said.
    assert all(p.no_events == () for p in agreement(layers, {1: 10, 2: 10}, events=False).pairs)
    # Both gave events, even in one document only: compared as before (a document without is a real "none").
    a_and_c = {1: [a[1], Layer.of("c", [(2, 4, "PER")], [ev])], 2: [a[2], c[2]]}
    pair = agreement(a_and_c, {1: 10, 2: 10}).pairs[0]
    assert pair.no_events == () and pair.trigger_f1 == pytest.approx(2 / 3)


def test_alpha_counted_per_distinct_unit_matches_the_krippendorff_package():
    import krippendorff

    rng = random.Random(11)
    labels = ["O", "PER", "LOC", "ORG"]
    coders = 4
    data = []  # reliability data: a row per coder, NaN where a coder did not see the unit
    units = []
    for _ in range(400):
        truth = rng.choice(labels)
        seen = rng.sample(range(coders), rng.choice([1, 2, 2, 3, 4]))  # a unit one coder saw does not count
        given = {c: truth if rng.random() < 0.8 else rng.choice(labels) for c in seen}
        units.append([given[c] for c in sorted(seen)])
        data.append([labels.index(given[c]) if c in given else float("nan") for c in range(coders)])
    rows = [list(column) for column in zip(*data, strict=True)]
    expected = krippendorff.alpha(reliability_data=rows, level_of_measurement="nominal")
    assert krippendorff_alpha(units) == pytest.approx(expected)
    assert krippendorff_alpha(units) == pytest.approx(coincidence_alpha(units))
