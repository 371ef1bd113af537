from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.service import Project
from tests.conftest import FIXTURES
from tests.service.conventions import pd98, without_places, write_jsonl


def run(*args: object, code: int = 0) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


@pytest.mark.slow
def test_train_learns_from_reviewed_documents_and_info_says_so(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    assert "starter model" in run("info", project)
    assert "no reviewed documents" in run("train", project, code=2)
    run("import", project, FIXTURES / "pd98_train30.jsonl", "--reviewed")
    out = run("train", project)
    assert "Model retrained on 24 of 30 reviewed documents: F1 " in out
    model_line = next(line for line in run("info", project).splitlines() if line.startswith("model"))
    if out.rstrip().endswith("— in use"):
        assert "24 documents" in model_line and "fine-tuned from" in model_line and str(project) in model_line
    else:
        assert "starter model" in model_line and "not kept" in model_line
    assert "No such option" in run("train", project, "--no-gate", code=2)  # no way round the gate


@pytest.mark.slow
def test_train_holds_out_every_fifth_document_and_says_both_scores(tmp_path):
    project = tmp_path / "p.annot"
    run("new", project, "--schema", "news-zh")
    run("import", project, write_jsonl(tmp_path / "team.jsonl", without_places(pd98(20))), "--reviewed")
    out = run("train", project)
    verdict = out.strip().splitlines()[-1]
    assert verdict.startswith("Model retrained on 16 of 20 reviewed documents: F1 ")
    assert verdict.endswith(" of resamplings) — in use")
    old, new = (float(x) for x in verdict.split("F1 ")[1].split(" on")[0].split(" → "))
    assert new > old
    model_line = next(line for line in run("info", project).splitlines() if line.startswith("model"))
    assert f"held-out F1 {new:.3f} on 4 reviewed documents (the model it replaced: {old:.3f}, higher in " in model_line
    assert "the window retrains after every 2" in run("train", project, "--every", "2")
    with Project.open(project, readonly=True) as p:
        assert p.training.retrain_every == 2


def test_prelabel_then_accept_reject_and_rerun(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, seed_path, "--no-prelabel")
    first = run("prelabel", project)
    assert "added 0 entity" not in first
    with Project.open(project) as p:
        doc = p.document(1)
        entities = [s for s in doc.spans if s.kind.value == "entity"]
        accepted, rejected = entities[0], entities[1]
        p.edits.accept([accepted.id])
        p.edits.reject([rejected.id])
        before = p.document(1).spans
    assert "added 0 entity and 0 trigger" in run("prelabel", project)
    with Project.open(project, readonly=True) as p:
        after = p.document(1).spans
    assert after == before
    assert [s for s in after if (s.start, s.end) == (rejected.start, rejected.end)
            and s.kind.value == "entity"] == [rejected.with_(state=rejected.state.REJECTED)]


def test_eval_prints_per_label_and_micro_scores(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = (FIXTURES / "pd98_dev5.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run("eval", "--gold", gold, "--labels", "PER,LOC,ORG")
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split()}
    assert {"PER", "LOC", "ORG", "micro"} <= set(rows)
    f1 = float(rows["micro"][3])
    assert 0.5 < f1 <= 1.0 and "micro-F1" in out
    gold_entities = sum(len(json.loads(line)["entities"]) for line in lines)
    assert int(rows["micro"][4]) == gold_entities
    assert "never suggested" not in out


def test_eval_names_the_gold_labels_the_pre_highlighter_never_suggests(tmp_path):
    gold = tmp_path / "cluener.json"  # CLUENER's own labels (name, company …): the starter knows none of them
    gold.write_text("".join((FIXTURES / "cluener100.json").read_text(encoding="utf-8").splitlines(True)[:5]),
                    encoding="utf-8")
    out = run("eval", "--gold", gold, "--format", "cluener")
    never = next(line for line in out.splitlines() if line.startswith("never suggested: "))
    gold_labels = {label for line in gold.read_text(encoding="utf-8").splitlines() for label in json.loads(line)["label"]}
    assert gold_labels and all(label in never for label in gold_labels)


def test_refresh_suggests_afresh_and_keeps_what_reviewers_decided(tmp_path, seed_path):
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, seed_path)
    with Project.open(project) as p:
        entities = [s for s in p.document(1).spans if s.kind.value == "entity"]
        text = p.document(1).text
        accepted, rejected = entities[0], entities[1]
        p.edits.accept([accepted.id])
        p.edits.reject([rejected.id])
        # The team's own word for a string the model found: the next suggestions follow it.
        relabel = next(s for s in entities[2:] if s.label == "LOC" and text[s.start:s.end] not in
                       {text[accepted.start:accepted.end], text[rejected.start:rejected.end]})
        p.prelabel.add_gazetteer_entries([(text[relabel.start:relabel.end], "ORG")])
        before = p.document(1).spans
    assert "added 0 entity and 0 trigger" in run("prelabel", project)  # without --refresh: nothing new
    out = run("prelabel", project, "--refresh")
    assert "took away" in out and "added 0 entity" not in out
    with Project.open(project) as p:
        after = p.document(1).spans
        assert [s for s in after if s.id == accepted.id] == [s for s in before if s.id == accepted.id]
        assert [s for s in after if s.id == rejected.id] == [s for s in before if s.id == rejected.id]
        at = [s for s in after if (s.start, s.end) == (relabel.start, relabel.end) and s.kind.value == "entity"]
        assert [(s.label, s.state.value, s.origin) for s in at] == [("ORG", "suggested", "dictionary")]
        # Suggestions the new run agrees with keep their rows; a second refresh changes nothing.
        unchanged = {s.id for s in before} & {s.id for s in after}
        assert len(unchanged) > len(entities) // 2
    assert "added 0 entity and 0 trigger suggestion(s) in 0 document(s); took away 0" in run(
        "prelabel", project, "--refresh")


def test_refresh_leaves_the_entities_a_file_brought_to_review(tmp_path):
    """Entities imported without --reviewed are the file's annotations waiting for review, not an engine's
    guesses: `prelabel --refresh` took them away (with no way back but importing again)."""
    text = "新华社北京电，国家主席江泽民今天在人民大会堂会见了来访的美国客人。"
    source = tmp_path / "doccano.jsonl"
    source.write_text(json.dumps({"text": text, "label": [[3, 5, "LOC"], [7, 11, "PER"], [28, 32, "ORG"]]},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, source)

    def filed() -> set[tuple[int, int, str, str]]:
        with Project.open(project) as p:
            return {(s.start, s.end, s.label, s.state.value) for s in p.document(1).spans if s.origin == "import"}

    before = filed()
    # the team's own conventions (国家主席 as a person, 美国客人 as a group): no engine suggests them
    assert before == {(3, 5, "LOC", "suggested"), (7, 11, "PER", "suggested"), (28, 32, "ORG", "suggested")}
    run("prelabel", project, "--refresh")
    assert filed() == before
