"""Team work with events: merged layers carry events, agreement scores triggers and arguments,
adjudication takes an annotator's events."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from annotator.core.annotations import ReviewStatus
from annotator.core.layers import Layer
from annotator.service import Project

CEC = Path(__file__).resolve().parents[1] / "fixtures" / "cec5.jsonl"


def event_keys(rec: dict) -> set:
    return {(e["type"], e["trigger"]["start"], e["trigger"]["end"],
             tuple(sorted((a["role"], a["start"], a["end"]) for a in e.get("arguments", ()))))
            for e in rec.get("events", ()) if e.get("trigger")}


def layer_keys(layer: Layer) -> set:
    return {(e.type, *e.trigger, e.arguments) for e in layer.events}


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "lead.annot", schema="cec", user="lead")
    p.importer.import_paths([CEC], prelabel=False)
    yield p
    p.close()


def test_events_merge_agree_and_adjudicate(project, tmp_path):
    recs = [json.loads(x) for x in CEC.read_text(encoding="utf-8").splitlines()]
    other = copy.deepcopy(recs)
    with_args = next(e for e in other[0]["events"] if e.get("arguments"))
    with_args["arguments"] = with_args["arguments"][1:]      # ann2 leaves out an argument
    other[1]["events"] = other[1]["events"][1:]              # ... and a whole event
    for name, rows in (("ann1", recs), ("ann2", other)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        project.team.merge(path, annotator=name)
    ids = project.document_ids()
    disputed = project.document_ids(statuses=["needs-adjudication"])
    assert disputed == ids[:2]
    for doc_id, rec in zip(ids[2:], recs[2:], strict=True):
        doc = project.document(doc_id)
        assert doc.status == ReviewStatus.REVIEWED
        assert layer_keys(Layer.from_document("", doc)) == event_keys(rec)

    (pair,) = project.team.agreement().pairs
    t_all = sum(len(event_keys(r)) for r in recs)
    assert pair.trigger_f1 == pytest.approx(2 * (t_all - 1) / (t_all + t_all - 1))
    a_all = sum(len(k[3]) for r in recs for k in event_keys(r))
    a_b = a_all - 1 - len(recs[1]["events"][0].get("arguments", ()))
    assert pair.argument_f1 == pytest.approx(2 * a_b / (a_all + a_b))

    adj = project.adjudication
    for doc_id in disputed:
        assert adj.view(doc_id).open_events
        adj.take_annotator(doc_id, "ann1")
        assert adj.view(doc_id).settled
        adj.finish(doc_id)
    for doc_id, rec in zip(ids[:2], recs[:2], strict=True):
        assert layer_keys(Layer.from_document("", project.document(doc_id))) == event_keys(rec)


def test_take_and_drop_single_event_versions(project, tmp_path):
    recs = [json.loads(x) for x in CEC.read_text(encoding="utf-8").splitlines()][:1]
    other = copy.deepcopy(recs)
    event = next(e for e in other[0]["events"] if e.get("arguments"))
    event["arguments"] = event["arguments"][1:]
    for name, rows in (("ann1", recs), ("ann2", other)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        project.team.merge(path, annotator=name)
    (doc_id,) = project.document_ids(statuses=["needs-adjudication"])
    adj = project.adjudication
    adj.accept_agreed(doc_id)
    view = adj.view(doc_id)
    assert len(view.open_events) == 2 and all(not e.agreed for e in view.open_events)
    ann2s = next(e for e in view.open_events if e.annotators == ("ann2",))
    adj.take_event(doc_id, ann2s)
    assert adj.view(doc_id).settled
    adj.finish(doc_id)
    got = layer_keys(Layer.from_document("", project.document(doc_id)))
    assert (ann2s.event.type, *ann2s.event.trigger, ann2s.event.arguments) in got
    assert got == layer_keys(Layer.from_document("", project.document(doc_id))) and len(got) == len(
        event_keys(recs[0]))
