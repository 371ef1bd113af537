"""benchmarks/bench_team_scale.py small: the same round of team work (assign, each annotator's review with noise in
their own file, their files and one export merged back) on 8 People's Daily and 5 CEC articles, 3 annotators, half
the documents double-annotated; every figure the lead's project gives is counted again by hand from the
annotators' own files."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from annotator.core.agreement import char_labels
from annotator.core.annotations import ReviewStatus
from annotator.core.layers import Layer
from annotator.service import Project
from annotator.store.queries import document_ids, load_documents
from benchmarks.bench_team_scale import Noise, annotate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NAMES = ("ann1", "ann2", "ann3")


def pool(tmp_path: Path) -> list[Path]:
    """8 People's Daily articles (gold entities) and the 5 CEC ones (gold events)."""
    cut = tmp_path / "pd98.jsonl"
    cut.write_text("".join(FIXTURES.joinpath("pd98_train30.jsonl").read_text(encoding="utf-8").splitlines(True)[:8]),
                   encoding="utf-8")
    return [cut, FIXTURES / "cec5.jsonl"]


def round_of_work(tmp_path: Path, noise: Noise) -> tuple[Path, dict[str, list[int]], dict[str, dict[int, Layer]], list]:
    """The lead's project after the round: (its path, who was handed what, each annotator's reviewed documents as
    layers read from their own file, the merge reports)."""
    lead = tmp_path / "lead.annot"
    with Project.create(lead, schema="cec", user="lead") as p:
        p.importer.import_paths(pool(tmp_path), prelabel=False)
        handed = p.team.assign(NAMES, tmp_path / "team", overlap=0.5, seed=7)
    handed = {name: list(handed.shares[name]) for name in NAMES}
    files = {name: tmp_path / "team" / f"{name}.annot" for name in NAMES}
    theirs: dict[str, dict[int, Layer]] = {}
    for name in NAMES:
        work = annotate(files[name], name, seed=3, noise=noise)
        with Project.open(files[name], readonly=True) as copy:
            reviewed = document_ids(copy.store.db, statuses=[ReviewStatus.REVIEWED.value])
            assert reviewed == sorted(work.reviewed)
            theirs[name] = {d.id: Layer.from_document(name, d) for d in load_documents(copy.store.db, reviewed)}
    export = tmp_path / "ann3.jsonl"  # the last one sends an export, as the bench's sixth does
    with Project.open(files["ann3"], readonly=True) as copy:
        copy.exporter.export(export)
    with Project.open(lead, user="lead") as p:
        reports = [p.team.merge(files["ann1"]), p.team.merge(files["ann2"]),
                   p.team.merge(export, annotator="ann3", fmt="native")]
    return lead, handed, theirs, reports


def test_a_noisy_round_gives_the_figures_counted_from_the_annotators_files(tmp_path):
    lead, handed, theirs, reports = round_of_work(tmp_path, Noise(reject=0.1, relabel=0.1, shift=0.05, extra=0.5,
                                                                  drop_event=0.15, retype_event=0.1, unreviewed=0.15))
    # What each merge said: the documents the file brought, and those handed out that it did not.
    for name, report in zip(NAMES, reports, strict=True):
        assert report.annotator == name and report.documents == len(theirs[name])
        assert set(report.not_reviewed) == set(handed[name]) - set(theirs[name])
    # Each document's status, by hand: reviewed where the annotators who sent it back agree, else for adjudication.
    by_doc: dict[int, list[Layer]] = {}
    for name in NAMES:
        for doc_id, layer in theirs[name].items():
            by_doc.setdefault(doc_id, []).append(layer)
    agreed = {d for d, ls in by_doc.items() if all(x.same_as(ls[0]) for x in ls)}
    with Project.open(lead, readonly=True) as p:
        assert set(p.document_ids(statuses=["reviewed"])) == agreed
        assert set(p.document_ids(statuses=["needs-adjudication"])) == set(by_doc) - agreed
        disputed = set(by_doc) - agreed
        assert disputed, "the noise should leave something to adjudicate"
        result = p.team.agreement().to_dict()
        stats = p.statistics.compute()
        for name in NAMES:  # their documents are those handed to them; done, those they sent back
            assert (stats.annotators[name].documents, stats.annotators[name].done) == (len(handed[name]),
                                                                                      len(theirs[name]))
        # The merged project's export: the reviewed documents, each with what its annotators agreed on.
        out = tmp_path / "merged.jsonl"
        p.exporter.export(out)
        lengths = {d: len(p.document(d).text) for d in by_doc}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(agreed)
    # Agreement by hand: per pair, micro span F1 over the documents both sent back.
    pairs = {(x["a"], x["b"]): x for x in result["pairs"]}
    for a, b in combinations(NAMES, 2):
        both = sorted(set(theirs[a]) & set(theirs[b]))
        if not both:
            assert (a, b) not in pairs
            continue
        common = sum(len(set(theirs[a][d].entities) & set(theirs[b][d].entities)) for d in both)
        sizes = sum(len(theirs[a][d].entities) + len(theirs[b][d].entities) for d in both)
        assert pairs[a, b]["documents"] == len(both)
        assert pairs[a, b]["span_f1"] == pytest.approx(2 * common / sizes)
    shared = [d for d, ls in by_doc.items() if len(ls) >= 2]
    assert result["overall"]["documents"] == len(shared)
    # Alpha against the krippendorff package, fed a row per annotator and a column per character of the shared
    # documents (NaN where an annotator did not see the document).
    import krippendorff

    labels = ["O", "PER", "LOC", "ORG", "TIME", "MISC"]
    rows: dict[str, list[float]] = {name: [] for name in NAMES}
    for d in sorted(shared):
        for name in NAMES:
            chars = char_labels(lengths[d], theirs[name][d].entities) if d in theirs[name] else None
            rows[name] += [float("nan")] * lengths[d] if chars is None else [labels.index(c) for c in chars]
    expected = krippendorff.alpha(reliability_data=[rows[n] for n in NAMES], level_of_measurement="nominal")
    assert result["overall"]["alpha"] == pytest.approx(expected)


def test_without_noise_every_document_sent_back_is_reviewed_and_agreement_is_perfect(tmp_path):
    quiet = Noise(reject=0, relabel=0, shift=0, extra=0, drop_event=0, retype_event=0, drop_argument=0, unreviewed=0)
    lead, handed, theirs, reports = round_of_work(tmp_path, quiet)
    with Project.open(lead, readonly=True) as p:
        everyone = set(p.document_ids())
        assert set(p.document_ids(statuses=["reviewed"])) == everyone == {d for ids in handed.values() for d in ids}
        assert not p.document_ids(statuses=["needs-adjudication"])
        result = p.team.agreement().to_dict()
    assert all(r.not_reviewed == () and r.disputed == () for r in reports)
    assert result["overall"]["documents"] == sum(len(ids) for ids in handed.values()) - len(everyone)
    assert all(x["span_f1"] == 1.0 for x in result["pairs"]) and result["overall"]["alpha"] == pytest.approx(1.0)
