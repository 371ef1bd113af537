"""A lead's round of team work on three tiny documents, every figure worked out by hand (and alpha by an
independent coincidence-matrix count and the krippendorff package's own reliability-data entry point).

Two annotators get every document by `assign --overlap 1` and edit their files through the service; a third
sends an export of one document, so that document has three versions."""

from __future__ import annotations

import json
from collections import Counter
from itertools import permutations
from pathlib import Path

import krippendorff
import numpy as np
import pytest

from annotator.core import formats
from annotator.core.annotations import ReviewStatus
from annotator.core.layers import Layer
from annotator.service import Project

TEXTS = ["张三在北京见了李四。", "新华社报道上海下雨。", "王五去了广州。"]
# By annotator, per document: entities (start, end, label) and events (type, trigger, [(role, start, end)]).
ANN1 = [([(0, 2, "PER"), (3, 5, "LOC"), (7, 9, "PER")], [("action", (5, 6), [("Participant", 0, 2)])]),
        ([(0, 3, "ORG"), (5, 7, "LOC")], [("statement", (3, 5), [("Participant", 0, 3)])]),
        ([(0, 2, "PER"), (4, 6, "LOC")], [])]
ANN2 = [([(0, 2, "PER"), (3, 5, "ORG"), (7, 9, "PER")], [("action", (5, 6), [("Participant", 7, 9)])]),
        ([(0, 3, "ORG"), (5, 6, "LOC")], [("statement", (3, 5), [("Participant", 0, 3)])]),
        ([(0, 2, "PER"), (4, 6, "LOC")], [])]
ANN3_DOC1 = [(0, 2, "PER"), (3, 5, "LOC")]


def annotate(path: Path, work: list) -> None:
    """An annotator's session in their own file: spans, events with arguments, each document finished."""
    with Project.open(path) as p:
        ids = p.document_ids()
        assert [p.document(i).text for i in ids] == TEXTS
        for doc_id, (entities, events) in zip(ids, work, strict=True):
            for start, end, label in entities:
                p.edits.add_span(doc_id, start, end, label)
            for event_type, (start, end), arguments in events:
                p.edits.add_event(doc_id, event_type, start, end)
                event_id = max(e.id for e in p.document(doc_id).events)
                for role, a_start, a_end in arguments:
                    p.edits.add_argument_span(event_id, role, a_start, a_end)
            p.edits.set_status(doc_id, ReviewStatus.REVIEWED)


def nominal_alpha(units: list[list[str]]) -> float:
    """Krippendorff's nominal alpha from the coincidence matrix (Krippendorff 2011, section C)."""
    o: Counter[tuple[str, str]] = Counter()
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        for i, j in permutations(range(m), 2):
            o[(unit[i], unit[j])] += 1 / (m - 1)
    n_c: Counter[str] = Counter()
    for (c, _), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    d_o = sum(v for (c, k), v in o.items() if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    return 1 - d_o / d_e


def chars(length: int, entities: list[tuple[int, int, str]]) -> list[str]:
    out = ["O"] * length
    for start, end, label in entities:  # none of these nest
        out[start:end] = [label] * (end - start)
    return out


@pytest.fixture
def lead(tmp_path):
    source = tmp_path / "texts.jsonl"
    source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    p = Project.create(tmp_path / "lead.annot", schema="cec", user="lead")
    p.importer.import_paths([source], prelabel=False)
    shares = p.team.assign(["ann1", "ann2"], tmp_path / "team", overlap=1.0, seed=1).shares
    assert shares == {"ann1": [1, 2, 3], "ann2": [1, 2, 3]}
    annotate(tmp_path / "team" / "ann1.annot", ANN1)
    annotate(tmp_path / "team" / "ann2.annot", ANN2)
    ann3 = tmp_path / "ann3.jsonl"
    ann3.write_text(json.dumps({"text": TEXTS[0], "entities": [
        {"start": s, "end": e, "label": lab, "text": TEXTS[0][s:e]} for s, e, lab in ANN3_DOC1]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    yield p
    p.close()


def merge_all(p: Project, tmp_path: Path) -> list:
    return [p.team.merge(tmp_path / "team" / "ann1.annot"), p.team.merge(tmp_path / "team" / "ann2.annot"),
            p.team.merge(tmp_path / "ann3.jsonl", annotator="ann3")]


def test_every_agreement_figure_is_the_one_worked_out_by_hand(lead, tmp_path):
    r1, r2, r3 = merge_all(lead, tmp_path)
    assert (r1.reviewed, r1.disputed) == ((1, 2, 3), ())
    assert (r2.reviewed, r2.disputed) == ((3,), (1, 2))  # document 3: both gave exactly the same
    assert (r3.documents, r3.disputed) == (1, (1,))
    assert lead.document_ids(statuses=["needs-adjudication"]) == [1, 2]
    assert lead.document(3).status == ReviewStatus.REVIEWED

    result = lead.team.agreement().to_dict()
    pairs = {(q["a"], q["b"]): q for q in result["pairs"]}
    assert list(pairs) == [("ann1", "ann2"), ("ann1", "ann3"), ("ann2", "ann3")]

    # ann1 / ann2 over 3 documents: 7 spans each, 5 the same (PER 张三, PER 李四, ORG 新华社, PER 王五, LOC 广州).
    q = pairs[("ann1", "ann2")]
    assert q["documents"] == 3
    assert q["span_f1"] == pytest.approx(10 / 14)
    # PER 3/3 all shared; LOC ann1 3 (北京, 上海, 广州), ann2 2 (上, 广州), 1 shared; ORG ann1 1, ann2 2, 1 shared.
    assert q["per_label"] == pytest.approx({"LOC": 2 / 5, "ORG": 2 / 3, "PER": 1.0})
    # 27 characters, 24 labelled alike; marginals ann1 P6 L6 G3 O12, ann2 P6 L3 G5 O13.
    po, pe = 24 / 27, (6 * 6 + 6 * 3 + 3 * 5 + 12 * 13) / 27 ** 2
    assert q["char_kappa"] == pytest.approx((po - pe) / (1 - pe)) == pytest.approx(423 / 504)
    # Triggers: 见 (action) and 报道 (statement) both; arguments: 报道's Participant 新华社 alike, 见's differ.
    assert (q["trigger_f1"], q["argument_f1"]) == pytest.approx((1.0, 0.5))

    # ann1 / ann3 on document 1: 3 spans vs 2, both of ann3's shared; ann3's export carries no event at all, so events
    # are left out of the pair (they read 0.000, as if ann3 had missed every one), and said so.
    q = pairs[("ann1", "ann3")]
    assert (q["documents"], q["span_f1"]) == (1, pytest.approx(4 / 5))
    assert q["per_label"] == pytest.approx({"LOC": 1.0, "PER": 2 / 3})
    assert q["char_kappa"] == pytest.approx((8 / 10 - (4 * 2 + 2 * 2 + 4 * 6) / 100) / (1 - 36 / 100))
    assert "trigger_f1" not in q and "argument_f1" not in q and q["no_events"] == ["ann3"]

    # ann2 / ann3 on document 1: 3 spans vs 2, one shared (张三).
    q = pairs[("ann2", "ann3")]
    assert (q["documents"], q["span_f1"]) == (1, pytest.approx(2 / 5))
    assert q["per_label"] == pytest.approx({"LOC": 0.0, "ORG": 0.0, "PER": 2 / 3})
    assert q["char_kappa"] == pytest.approx((6 / 10 - 32 / 100) / (1 - 32 / 100))
    assert "trigger_f1" not in q and q["no_events"] == ["ann3"]

    # Alpha over every character of the three documents: document 1 coded three times, the others twice.
    coders = {"ann1": [chars(len(t), e) for t, (e, _) in zip(TEXTS, ANN1, strict=True)],
              "ann2": [chars(len(t), e) for t, (e, _) in zip(TEXTS, ANN2, strict=True)],
              "ann3": [chars(len(TEXTS[0]), ANN3_DOC1), [None] * len(TEXTS[1]), [None] * len(TEXTS[2])]}
    rows = {name: [c for doc in docs for c in doc] for name, docs in coders.items()}
    units = [[c for c in column if c is not None] for column in zip(*rows.values(), strict=True)]
    values = {"O": 0, "PER": 1, "LOC": 2, "ORG": 3}
    data = np.array([[np.nan if c is None else values[c] for c in row] for row in rows.values()])
    expected = nominal_alpha(units)
    assert expected == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    assert result["overall"] == {"documents": 3, "alpha": pytest.approx(expected)}

    # The least agreed documents first, by the lower of span F1 and trigger F1 of each document and pair: ann3's events
    # are left out (no trigger F1, as document 3, where nobody gave one); they ranked first with trigger F1 0.
    worst = [(d["doc"], d["a"], d["b"], round(d["span_f1"], 4), d.get("trigger_f1")) for d in result["documents"]]
    assert worst == [(1, "ann2", "ann3", 0.4, None), (2, "ann1", "ann2", 0.5, 1.0), (1, "ann1", "ann2", 0.6667, 1.0),
                     (1, "ann1", "ann3", 0.8, None), (3, "ann1", "ann2", 1.0, None)]

    # `stats` carries the same summary.
    assert lead.statistics.compute().to_dict()["agreement"] == lead.team.agreement(worst=0).to_dict()


def test_adjudication_keeps_exactly_what_was_chosen_and_the_export_says_so(lead, tmp_path):
    merge_all(lead, tmp_path)
    adj = lead.adjudication
    view = adj.view(1)
    by_key = {c.key: c for c in view.entities}
    assert by_key[(0, 2, "PER")].agreed and not by_key[(7, 9, "PER")].agreed  # ann3 has no 李四
    assert by_key[(3, 5, "LOC")].annotators == ("ann1", "ann3")
    adj.take(1, by_key[(3, 5, "LOC")])     # its rival ORG 北京 goes
    adj.take(1, by_key[(0, 2, "PER")])
    adj.take(1, by_key[(7, 9, "PER")])
    ann2_event = next(e for e in view.events if e.annotators == ("ann2",))
    adj.take_event(1, ann2_event)           # ann1's version on the same trigger goes
    assert adj.view(1).settled
    adj.finish(1)
    adj.take_annotator(2, "ann1")
    adj.finish(2)

    out = tmp_path / "final.jsonl"
    lead.exporter.export(out)
    got = {}
    for _, doc in formats.iter_documents(out, "native", reviewed=True, schema=lead.schema):
        layer = Layer.from_document("", doc)
        got[doc.text] = (layer.entities, [(e.type, e.trigger, e.arguments) for e in layer.events])
    assert got == {
        TEXTS[0]: (((0, 2, "PER"), (3, 5, "LOC"), (7, 9, "PER")), [("action", (5, 6), (("Participant", 7, 9),))]),
        TEXTS[1]: (((0, 3, "ORG"), (5, 7, "LOC")), [("statement", (3, 5), (("Participant", 0, 3),))]),
        TEXTS[2]: (((0, 2, "PER"), (4, 6, "LOC")), []),
    }
    assert [lead.document(i).status for i in (1, 2, 3)] == [ReviewStatus.REVIEWED] * 3

