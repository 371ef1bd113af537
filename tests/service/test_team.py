"""Team work: assign, merge two noisy annotators' exports, agreement against an independent computation."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from annotator.core.annotations import ReviewStatus, SpanKind, SpanState
from annotator.core.errors import ValidationError
from annotator.core.progress import Cancelled
from annotator.service import Project
from annotator.service.team import Team
from tests.service.team_helpers import independent_kappa, independent_span_f1, noisy_copy

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "pd98_train30.jsonl"


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "lead.annot", schema="news-zh", user="lead")
    p.importer.import_paths([GOLD], prelabel=False)  # the gold entities arrive as suggestions
    yield p
    p.close()


def records() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def snapshot(p: Project) -> tuple:
    """Every row that matters (a document's updated_at is when its counts were last refreshed: not content)."""
    db = p.store.db
    columns = [c for c in db["documents"].columns_dict if c != "updated_at"]
    docs = db.execute(f"SELECT {', '.join(columns)} FROM documents ORDER BY id").fetchall()
    return (tuple(docs), *(tuple(db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall())
                           for t in ("spans", "events", "arguments", "layers")))


def test_two_noisy_annotators_merge_into_layers_and_agreement_matches(project, tmp_path):
    gold = records()
    a_recs, b_recs = gold[:20], gold[10:]
    a_file, b_file = tmp_path / "ann1.jsonl", tmp_path / "ann2.jsonl"
    noisy_copy(a_recs, a_file, random.Random(1))
    noisy_copy(b_recs, b_file, random.Random(2))
    team = project.team
    ra = team.merge(a_file, annotator="ann1")
    rb = team.merge(b_file, annotator="ann2")
    assert ra.documents == 20 and rb.documents == 20

    by_text = {project.document(i).text: i for i in project.document_ids()}
    a_map = {by_text[r["text"]]: r for r in json.loads("[" + ",".join(a_file.read_text().splitlines()) + "]")}
    b_map = {by_text[r["text"]]: r for r in json.loads("[" + ",".join(b_file.read_text().splitlines()) + "]")}
    # Documents only one annotator reviewed carry exactly that annotator's spans and are reviewed.
    for doc_id, rec in [*((d, r) for d, r in a_map.items() if d not in b_map),
                        *((d, r) for d, r in b_map.items() if d not in a_map)]:
        doc = project.document(doc_id)
        assert doc.status == ReviewStatus.REVIEWED
        assert {(s.start, s.end, s.label) for s in doc.entities()} == {(e["start"], e["end"], e["label"])
                                                                       for e in rec["entities"]}
        assert not [s for s in doc.spans if s.state == SpanState.SUGGESTED and s.kind == SpanKind.ENTITY]
    common = sorted(set(a_map) & set(b_map))
    differ = [d for d in common if {(e["start"], e["end"], e["label"]) for e in a_map[d]["entities"]}
              != {(e["start"], e["end"], e["label"]) for e in b_map[d]["entities"]}]
    assert differ, "the noise should make some shared documents differ"
    assert project.document_ids(statuses=["needs-adjudication"]) == differ
    assert all(project.document(d).status == ReviewStatus.REVIEWED for d in set(common) - set(differ))

    result = team.agreement().to_dict()
    pair = result["pairs"][0]
    assert (pair["a"], pair["b"], pair["documents"]) == ("ann1", "ann2", len(common))
    pairs_of_docs = [(len(project.document(d).text), a_map[d]["entities"], b_map[d]["entities"]) for d in common]
    assert pair["span_f1"] == pytest.approx(independent_span_f1(pairs_of_docs))
    assert pair["char_kappa"] == pytest.approx(independent_kappa(pairs_of_docs))
    assert set(pair["per_label"]) <= {"PER", "LOC", "ORG", "TIME", "MISC"}
    assert result["overall"]["documents"] == len(common) and 0 < result["overall"]["alpha"] <= 1
    assert result["documents"][0]["span_f1"] <= result["documents"][-1]["span_f1"]

    before = snapshot(project)
    log_size = project.store.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    again = team.merge(a_file, annotator="ann1")
    assert again.changed == () and snapshot(project) == before
    assert project.store.db.execute("SELECT count(*) FROM changes").fetchone()[0] == log_size


def test_a_merge_is_one_undoable_step_logged_under_the_annotator(project, tmp_path):
    target = tmp_path / "ann1.jsonl"
    noisy_copy(records()[:5], target, random.Random(3))
    before = snapshot(project)
    report = project.team.merge(target, annotator="ann1")
    assert len(report.reviewed) == 5
    user, action = project.store.db.execute("SELECT user, action FROM changes ORDER BY id DESC").fetchone()
    assert (user, action) == ("ann1", "merge ann1")
    project.undo(report.changes)
    assert snapshot(project) == before


def test_a_merge_reports_progress_and_a_cancelled_one_keeps_nothing(project, tmp_path):
    target = tmp_path / "ann1.jsonl"
    noisy_copy(records()[:20], target, random.Random(3))
    before = snapshot(project)
    seen: list[tuple[int, int]] = []

    def stop_halfway(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < total // 2

    with pytest.raises(Cancelled):
        project.team.merge(target, annotator="ann1", progress=stop_halfway)
    assert snapshot(project) == before and seen[0] == (0, 20)
    seen.clear()
    report = project.team.merge(target, annotator="ann1", progress=lambda d, t: seen.append((d, t)) or True)
    assert len(report.changed) == 20 and seen[-1] == (20, 20)


def test_a_document_whose_text_differs_refuses_the_whole_file(project, tmp_path):
    recs = records()[:3]
    recs[2] = {**recs[2], "text": recs[2]["text"] + "又", "tokens": None}
    target = tmp_path / "bad.jsonl"
    target.write_text("\n".join(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False)
                                for r in recs) + "\n", encoding="utf-8")
    before = snapshot(project)
    with pytest.raises(ValidationError) as err:
        project.team.merge(target, annotator="ann1")
    assert err.value.path == str(target) and err.value.line == 3
    assert snapshot(project) == before


def test_assign_hands_out_every_document_once_or_twice_and_untouched_files_merge_to_nothing(project, tmp_path):
    extra = records()[:10]  # 40 documents in all: 10 more with other texts
    more = tmp_path / "more.jsonl"
    more.write_text("\n".join(json.dumps({"text": r["text"] + "（续）"}, ensure_ascii=False) for r in extra) + "\n",
                    encoding="utf-8")
    project.importer.import_paths([more], prelabel=False)
    assert len(project.document_ids()) == 40
    team = project.team
    out = tmp_path / "team"
    shares = team.assign(["ann1", "ann2", "ann3"], out, overlap=0.25, seed=7).shares
    counts = Counter(d for ids in shares.values() for d in ids)
    assert set(counts) == set(project.document_ids()) and Counter(counts.values()) == {1: 30, 2: 10}
    assert max(map(len, shares.values())) - min(map(len, shares.values())) <= 1
    for name, ids in shares.items():
        with Project.open(out / f"{name}.annot", readonly=True) as copy:
            assert copy.document_ids() == ids
            assert copy.store.setting("annotator") == name
            assert copy.schema.to_dict() == project.schema.to_dict()
            assert copy.document(ids[0]).text == project.document(ids[0]).text
    assert len(team.assignments()) == 50
    before = snapshot(project)
    for name in shares:
        assert team.merge(out / f"{name}.annot").changed == ()
    assert snapshot(project) == before
    # Run again, it hands out nothing the annotators have in hand, unless told which documents by their status
    with pytest.raises(ValidationError, match=r"every document not yet reviewed is handed out and not sent back \(40\)"):
        team.assign(["ann4"], tmp_path / "ann4", seed=7)
    unreviewed = [s.value for s in ReviewStatus if s.value not in ("reviewed", "needs-adjudication")]
    assert team.assign(["ann1", "ann2", "ann3"], tmp_path / "again", overlap=0.25, seed=7,
                       statuses=unreviewed).shares == shares


def test_assign_again_hands_out_only_what_nobody_has_in_hand(project, tmp_path):
    """Adding 赵六 to a team of two with a plain `assign` gave him every document the others were still working on."""
    first = project.team.assign(["张伟", "李娜"], tmp_path / "team", overlap=0.5, seed=1).shares
    more = tmp_path / "more.jsonl"
    more.write_text("\n".join(json.dumps({"text": r["text"] + "（又续）"}, ensure_ascii=False) for r in records()[:4]) + "\n",
                    encoding="utf-8")
    new = project.importer.import_paths([more], prelabel=False)
    added = sorted(set(project.document_ids()) - {d for ids in first.values() for d in ids})
    assert len(added) == 4, new
    report = project.team.assign(["赵六"], tmp_path / "team2")
    assert report.shares == {"赵六": added}
    assert report.in_hand == {d: tuple(sorted(n for n, ids in first.items() if d in ids)) for d in sorted(
        {d for ids in first.values() for d in ids})}  # what it left out, said by the service (the CLI prints it)
    held = project.team.handed_out()
    assert set(held) == set(project.document_ids()) and held[added[0]] == ["赵六"]


def test_merge_an_annotators_project_file_decides_the_suggestions(project, tmp_path):
    out = tmp_path / "team"
    shares = project.team.assign(["ann1"], out, overlap=0.0, seed=1).shares
    doc_id = shares["ann1"][0]
    with Project.open(out / "ann1.annot", user="ann1") as copy:
        doc = copy.document(doc_id)
        suggestions = [s for s in doc.spans if s.state == SpanState.SUGGESTED]
        keep, relabel, drop = suggestions[0], suggestions[1], suggestions[2]
        copy.edits.accept([keep.id])
        copy.edits.relabel(relabel.id, "MISC" if relabel.label != "MISC" else "PER")
        copy.edits.reject([s.id for s in suggestions[2:]])
        start = doc.text.index("春节")
        copy.edits.add_span(doc_id, start, start + 2, "TIME")
        copy.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    report = project.team.merge(out / "ann1.annot")
    assert (report.annotator, report.reviewed) == ("ann1", (doc_id,))
    merged = project.document(doc_id)
    states = {(s.start, s.end): (s.label, s.state, s.origin) for s in merged.spans}
    assert states[(keep.start, keep.end)] == (keep.label, SpanState.ACCEPTED, keep.origin)
    assert states[(relabel.start, relabel.end)][1] == SpanState.ACCEPTED
    assert states[(relabel.start, relabel.end)][0] != relabel.label
    assert states[(drop.start, drop.end)][1] == SpanState.REJECTED
    assert states[(start, start + 2)] == ("TIME", SpanState.ACCEPTED, "manual")
    assert merged.status == ReviewStatus.REVIEWED


def disputed_project(project: Project, tmp_path: Path) -> tuple[int, Team]:
    """One document two annotators gave differently: ann1 all gold, ann2 the first entity relabelled and
    the second left out."""
    rec = records()[0]
    ents = rec["entities"]
    other = [{**ents[0], "label": "MISC" if ents[0]["label"] != "MISC" else "PER"}, *ents[2:]]
    for name, entities in (("ann1", ents), ("ann2", other)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps({"text": rec["text"], "entities": entities}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        project.team.merge(path, annotator=name)
    (doc_id,) = project.document_ids(statuses=["needs-adjudication"])
    return doc_id, project.team


def test_adjudication_takes_versions_and_finishes_only_when_nothing_differs(project, tmp_path):

    doc_id, _ = disputed_project(project, tmp_path)
    adj = project.adjudication
    view = adj.view(doc_id)
    assert view.annotators == ("ann1", "ann2") and not view.settled
    disputed = [c for c in view.entities if not c.agreed]
    assert len(disputed) == 3  # two versions of the first entity, and the second that only ann1 gave
    with pytest.raises(ValidationError):
        adj.finish(doc_id)
    changes = adj.accept_agreed(doc_id)
    assert {c.key for c in adj.view(doc_id).open_entities} == {c.key for c in disputed}
    project.undo(changes)
    assert len(adj.view(doc_id).open_entities) == len(view.entities)
    adj.accept_agreed(doc_id)
    first = [c for c in disputed if "ann1" in c.annotators and c.start == disputed[0].start][0]
    adj.take(doc_id, first)                     # its rival (ann2's label) is dropped with it
    second = [c for c in adj.view(doc_id).open_entities][0]
    adj.drop(doc_id, second)
    assert adj.view(doc_id).settled
    adj.finish(doc_id)
    doc = project.document(doc_id)
    assert doc.status == ReviewStatus.REVIEWED
    wanted = {(e["start"], e["end"], e["label"]) for e in records()[0]["entities"]} - {second.key}
    assert {(s.start, s.end, s.label) for s in doc.entities()} == wanted
    user, action = project.store.db.execute("SELECT user, action FROM changes ORDER BY id DESC").fetchone()
    assert (user, action) == ("lead", "adjudicate: reviewed")


def test_take_one_annotators_version_and_export_a_layer(project, tmp_path):
    from annotator.core import formats

    doc_id, team = disputed_project(project, tmp_path)
    adj = project.adjudication
    adj.take_annotator(doc_id, "ann2")
    assert adj.view(doc_id).settled
    adj.finish(doc_id)
    ann2 = {c.key for c in adj.view(doc_id).entities if "ann2" in c.annotators}
    assert {(s.start, s.end, s.label) for s in project.document(doc_id).entities()} == ann2
    out = tmp_path / "ann1-layer.jsonl"
    formats.write_documents(team.layer_documents("ann1"), out, "native")
    (doc,) = formats.read_documents(out, "native")
    assert {(s.start, s.end, s.label) for s in doc.entities()} == {
        (e["start"], e["end"], e["label"]) for e in records()[0]["entities"]}
