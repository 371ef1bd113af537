"""Learning labels the starter does not know (issue 21): a team on the default schema marks positions and
sums of money besides persons, places and organisations, and the model learns all five."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.core.prelabel import PrelabelDoc, build_prelabeler, load_model
from annotator.service import Project
from tests.conftest import FIXTURES

# 90 sentences of People's Daily (train_pool.jsonl) with a position or a sum of money, their PER/LOC/ORG
# as annotated there; the team's positions and sums are these patterns' matches.
POSITION = re.compile(r"(?:副)?(?:总书记|书记|主席|总理|部长|省长|市长|县长|总统|委员长|外长|大使|局长|主任|总经理"
                      r"|董事长|厂长|院长|校长)")
MONEY = re.compile(r"[0-9０-９.．一二三四五六七八九十百千万亿两]+(?:多)?(?:万|亿)?(?:元|美元|日元|港元|马克|法郎)")


def team_documents() -> list[AnnotatedDocument]:
    """The sentences with the team's POSITION and MONEY spans added where no other span is."""
    options = formats.ReadOptions(reviewed=True)
    docs = [d for _, d in formats.iter_documents(FIXTURES / "pd98_positions_money.jsonl", "native", options)]
    out = []
    for doc in docs:
        spans = list(doc.spans)
        for label, pattern in (("POSITION", POSITION), ("MONEY", MONEY)):
            for m in pattern.finditer(doc.text):
                if not any(s.start < m.end() and m.start() < s.end for s in spans):
                    spans.append(EntitySpan(id=0, start=m.start(), end=m.end(), label=label, origin="manual",
                                            state=SpanState.ACCEPTED))
        out.append(replace(doc, spans=tuple(spans)))
    return out


@pytest.mark.slow
def test_a_project_on_the_default_schema_learns_positions_and_money_and_keeps_persons(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path) as p:  # the default schema: ace2005-zh
        assert {"POSITION", "MONEY", "PER"} <= set(p.schema.label_keys)
        p.importer.add_documents(team_documents(), reviewed=True, prelabel=False)
        probe = PrelabelDoc("国务院副总理钱其琛说，中国政府决定向灾区提供５００万元人民币和２０万美元的紧急援助。")
        before = {s.label for s in p.prelabel.prelabeler().suggest(probe) if s.origin == "model"}
        assert not {"POSITION", "MONEY"} & before  # only the gazetteer (of accepted spans) could suggest them
        result = p.training.train()
        assert result.kept and {"PER", "LOC", "ORG", "POSITION", "MONEY"} <= set(result.labels)
        assert result.f1_new > result.f1_old
        assert result.per_label["POSITION"] > 0.5 and result.per_label["MONEY"] > 0.5
        assert result.per_label["PER"] > 0.7  # what the starter knew of persons is kept
        model = load_model(p.training.model_bytes())
        assert model.base is not None and set(result.labels) == set(model.labels)
        alone = build_prelabeler(p.schema, engines=["model"], model=p.training.model_bytes())
        found = {(probe.text[s.start:s.end], s.label) for s in alone.suggest(probe)}
        assert {("副总理", "POSITION"), ("钱其琛", "PER")} <= found
        assert any(label == "MONEY" for _, label in found)


def test_which_labels_a_model_learns_and_which_are_reported_as_too_rare():
    from types import SimpleNamespace

    from annotator.core.errors import ValidationError
    from annotator.core.schema import load_schema
    from annotator.service.training import CORE_LABELS, MIN_EXAMPLES, learned_labels

    schema = load_schema()  # PER, ORG, LOC, TIME, MISC, CRIME, POSITION, MONEY, ...
    doc = team_documents()[0]

    def plan(**counts):
        spans = tuple(EntitySpan(id=0, start=i, end=i + 1, label=lab, origin="manual", state=SpanState.ACCEPTED)
                      for i, lab in enumerate(lab for lab, n in counts.items() for _ in range(n)))
        return SimpleNamespace(learn=(replace(doc, spans=spans),), schema=schema)

    # The starter's labels alone, in any order and number: learned as the starter has them.
    assert learned_labels(plan(ORG=9, PER=1)) == (CORE_LABELS, {})
    # A new label too rarely used next to them: reported, the rest learned as before.
    assert learned_labels(plan(PER=9, LOC=9, ORG=9, POSITION=2)) == (CORE_LABELS, {"POSITION": 2})
    # Enough of a new label: a model of the labels used, in the schema's order; rare ones reported.
    n = MIN_EXAMPLES
    assert learned_labels(plan(LOC=n, POSITION=n, PER=1, MONEY=n)) == (("LOC", "POSITION", "MONEY"), {"PER": 1})
    # Only rare new labels: nothing to learn, said in words.
    with pytest.raises(ValidationError, match=r"nothing to learn: too few reviewed examples to learn CRIME \(2\)"):
        learned_labels(plan(CRIME=2))


def test_what_a_round_learned_survives_the_trip_from_the_worker_process():
    from annotator.service.training import TrainingResult

    result = TrainingResult(kept=True, reviewed=10, learned_from=8, held_out=2, f1_new=0.5, f1_old=0.25,
                            seconds=1.0, description="d", replaces=None, model=b"m", labels=("PER", "MONEY"),
                            too_few={"CRIME": 2}, per_label={"PER": 0.5, "MONEY": 1.0}, confidence=0.9)
    assert TrainingResult.from_json(result.to_json()) == result
    assert result.summary().endswith("— in use; too few reviewed examples to learn CRIME (2): a label needs 5 in "
                                      "the documents learned from")
