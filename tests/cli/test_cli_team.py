"""The team commands end to end: assign, merge, list, agreement --json, adjudicate, export --annotator."""

from __future__ import annotations

import json
import random
from pathlib import Path

import click
from click.testing import CliRunner

from annotator.cli import cli
from annotator.service import Project
from tests.service.team_helpers import independent_kappa, independent_span_f1, noisy_copy

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "pd98_train30.jsonl"


def run(*args: object) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_merge_two_noisy_annotators_then_agreement_json_and_adjudicate(tmp_path):
    project = tmp_path / "lead.annot"
    assert run("new", project).exit_code == 0
    assert run("import", project, GOLD, "--no-prelabel").exit_code == 0
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines()]
    noisy_copy(gold[:18], tmp_path / "a.jsonl", random.Random(5))
    noisy_copy(gold[8:], tmp_path / "b.jsonl", random.Random(6))
    result = run("merge", project, tmp_path / "a.jsonl", "--annotator", "ann1")
    assert result.exit_code == 0 and "ann1, 18 reviewed document(s) in the file: 18 new or changed layer(s)" in result.output
    assert run("merge", project, tmp_path / "b.jsonl", "--annotator", "ann2").exit_code == 0
    again = run("merge", project, tmp_path / "b.jsonl", "--annotator", "ann2")
    assert "0 new or changed" in again.output

    result = run("agreement", project, "--json")
    data = json.loads(result.output)
    a = {json.loads(x)["text"]: json.loads(x)["entities"] for x in (tmp_path / "a.jsonl").read_text().splitlines()}
    b = {json.loads(x)["text"]: json.loads(x)["entities"] for x in (tmp_path / "b.jsonl").read_text().splitlines()}
    common = [(len(t), a[t], b[t]) for t in a if t in b]
    (pair,) = data["pairs"]
    assert pair["documents"] == len(common) == 10
    assert abs(pair["span_f1"] - independent_span_f1(common)) < 1e-9
    assert abs(pair["char_kappa"] - independent_kappa(common)) < 1e-9
    assert data["overall"]["documents"] == 10 and isinstance(data["overall"]["alpha"], float)
    only = run("agreement", project, "--labels", "PER", "--json")
    assert set(json.loads(only.output)["pairs"][0]["per_label"]) <= {"PER"}

    listed = run("list", project, "--status", "needs-adjudication").output.splitlines()[1:]
    assert listed
    doc_id = int(listed[0].split("\t")[0])
    shown = run("adjudicate", project, doc_id)
    assert "open" in shown.output and "ann1" in shown.output
    refused = CliRunner().invoke(cli, ["adjudicate", str(project), str(doc_id), "--done"])
    assert refused.exit_code == 2 and "still open" in refused.output
    # A --take whose --done is then refused is not kept either: the options act together or not at all.
    half = CliRunner().invoke(cli, ["adjudicate", str(project), str(doc_id), "--take", "1", "--done"])
    assert half.exit_code == 2 and "still open" in half.output
    assert run("adjudicate", project, doc_id).output == shown.output
    done = run("adjudicate", project, doc_id, "--take-annotator", "ann2", "--done")
    assert done.exit_code == 0 and f"document {doc_id} reviewed" in done.output
    with Project.open(project, readonly=True) as p:
        assert p.document(doc_id).status.value == "reviewed"
        mine = {(e["start"], e["end"], e["label"]) for e in b[p.document(doc_id).text]}
        assert {(s.start, s.end, s.label) for s in p.document(doc_id).entities()} == mine

    out = tmp_path / "ann1-only.jsonl"
    assert run("export", project, "-o", out, "--annotator", "ann1").exit_code == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 18
    assert all({(e["start"], e["end"], e["label"]) for e in r["entities"]}
               == {(e["start"], e["end"], e["label"]) for e in a[r["text"]]} for r in rows)


def test_assign_then_merge_untouched_files_changes_nothing(tmp_path):
    project = tmp_path / "lead.annot"
    run("new", project)
    run("import", project, GOLD, "--no-prelabel")
    result = run("assign", project, "--annotators", "ann1,ann2", "--overlap", "0.2", "--seed", "7",
                 "-o", tmp_path / "team")
    assert result.exit_code == 0 and result.output.count("wrote") == 2
    merged = run("merge", project, tmp_path / "team" / "ann1.annot", tmp_path / "team" / "ann2.annot")
    assert merged.exit_code == 0 and merged.output.count("0 new or changed") == 2
    bad = CliRunner().invoke(cli, ["merge", str(project), str(GOLD)])
    assert bad.exit_code == 2 and "--annotator" in bad.output


def test_adjudicate_take_on_a_document_without_versions_says_so(tmp_path):
    project = tmp_path / "lead.annot"
    assert run("new", project).exit_code == 0
    assert run("import", project, GOLD, "--no-prelabel").exit_code == 0
    refused = CliRunner().invoke(cli, ["adjudicate", str(project), "1", "--take", "1"])
    assert refused.exit_code == 2 and "document 1 has no versions to take or drop" in refused.output


def test_adjudicate_says_taken_or_dropped_and_a_refused_done_names_the_open_versions(tmp_path):
    """The listing said "decided" for a version taken and one dropped alike; --done refused with "1 version(s)
    still differ" without saying which of dozens."""
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, GOLD, "--no-prelabel")
    rec = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])
    ents = rec["entities"]
    for name, entities in (("ann1", ents), ("ann2", [{**ents[0], "label": "MISC"}, *ents[2:]])):
        f = tmp_path / f"{name}.jsonl"
        f.write_text(json.dumps({"text": rec["text"], "entities": entities}, ensure_ascii=False) + "\n", encoding="utf-8")
        run("merge", project, f, "--annotator", name)
    (doc_id,) = [int(x.split("\t")[0]) for x in run("adjudicate", project).output.splitlines()]
    rows = [x.split("\t") for x in run("adjudicate", project, doc_id).output.splitlines()[:-1]]
    differ = [int(r[0]) for r in rows if r[2] == "differ"]
    assert len(differ) == 3 and all(r[1] == "open" for r in rows)
    first, second, third = differ
    refused = CliRunner().invoke(cli, ["adjudicate", str(project), str(doc_id), "--agreed", "--take", first, "--done"])
    assert refused.exit_code == 2
    # taking the first drops its rival on the same characters; the other one left is named
    left = [n for n in (second, third) if rows[n - 1][3].split(" [")[1] != rows[first - 1][3].split(" [")[1]]
    assert f"1 version(s) still open: {left[0]}" in refused.output and f"--drop {left[0]}" in refused.output
    run("adjudicate", project, doc_id, "--agreed", "--take", first, "--drop", left[0])
    states = {int(r[0]): r[1] for r in (x.split("\t") for x in run("adjudicate", project, doc_id).output.splitlines()[:-1])}
    assert states[first] == "taken" and states[left[0]] == "dropped"
    assert {states[n] for n in (second, third) if n != left[0]} == {"dropped"}  # the rival taking `first` dropped
    assert {states[n] for n in states if n not in differ} == {"taken"}
