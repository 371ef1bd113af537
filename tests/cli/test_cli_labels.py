"""`annotator train` on a team's own label set (CLUENER2020's ten labels): no crash, every label learned
that has enough reviewed examples, the others reported (issue 21)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from annotator.core.prelabel import load_model
from annotator.service import Project
from tests.cli.test_cli_prelabel import run
from tests.conftest import FIXTURES

SCHEMA = FIXTURES / "cluener.toml"
LABELS = ("name", "organization", "address", "company", "government", "book", "game", "movie", "position",
          "scene")


def cluener_project(tmp_path):
    project = tmp_path / "c.annot"
    run("new", project, "--schema", SCHEMA)
    run("import", project, FIXTURES / "cluener100.json", "--format", "cluener", "--reviewed", "--no-prelabel")
    return project


@pytest.mark.slow
def test_train_learns_a_schema_of_other_labels_and_says_which_were_too_rare(tmp_path):
    project = cluener_project(tmp_path)
    out = run("train", project)
    assert "Model retrained on 80 of 100 reviewed documents" in out and "in use" in out
    # scene and movie have fewer than five accepted spans among the 80 learned from: reported, not learned.
    assert "in use; too few reviewed examples to learn movie (" in out
    with Project.open(project) as p:
        model = load_model(p.training.model_bytes())
        assert set(model.labels) <= set(LABELS) and {"name", "company", "position", "game"} <= set(model.labels)
        assert "movie" not in model.labels
    info = run("info", project)
    assert "per label: name " in info and "position " in info and "too few reviewed examples to learn: movie" in info
    # The new fragments get suggestions of the team's labels, not the starter's.
    texts = [json.loads(line)["text"] for line in (FIXTURES / "cluener_more.json").read_text(encoding="utf-8").splitlines()]
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    run("import", project, more)
    with Project.open(project) as p:
        suggested = {s.label for d in p.iter_documents(p.document_ids(statuses=["pre-annotated"]))
                     for s in d.spans if s.origin == "model"}
    assert suggested and suggested <= set(LABELS) and suggested - {"name", "organization", "address"}


@pytest.mark.slow
def test_train_from_scratch_on_other_labels_ends_without_a_traceback(tmp_path):
    project = cluener_project(tmp_path)
    out = run("train", project, "--from-scratch")
    assert "Model retrained on 80 of 100 reviewed documents" in out
    with Project.open(project) as p:
        if p.training.model_bytes() is not None:
            assert load_model(p.training.model_bytes()).base is None


def test_a_label_set_with_too_few_examples_of_every_label_is_reported_not_a_crash(tmp_path):
    project = tmp_path / "c.annot"
    run("new", project, "--schema", SCHEMA)
    # Enough documents for the gate (10), none of their labels with the 5 examples a label needs.
    chosen: list[str] = []
    counts: Counter[str] = Counter()
    for line in (FIXTURES / "cluener100.json").read_text(encoding="utf-8").splitlines(True):
        these = Counter({label: sum(len(v) for v in spans.values())
                         for label, spans in json.loads(line)["label"].items()})
        if len(chosen) < 10 and all(counts[k] + n < 5 for k, n in these.items()):
            chosen.append(line)
            counts += these
    assert len(chosen) == 10
    few = tmp_path / "few.json"
    few.write_text("".join(chosen), encoding="utf-8")
    run("import", project, few, "--format", "cluener", "--reviewed", "--no-prelabel")
    out = run("train", project, code=2)
    assert "nothing to learn: too few reviewed examples to learn " in out
    assert "Traceback" not in out and "<model>" not in out


def until_micro(out: str) -> list[str]:
    """eval's table: its head to its micro row (the summary and notes follow it)."""
    lines = out.splitlines()
    return lines[:next(i for i, line in enumerate(lines) if line.startswith("micro ")) + 1]


def test_eval_scores_any_label_set_of_a_gold_file_in_any_format():
    out = run("eval", "--gold", FIXTURES / "cluener100.json", "--format", "cluener")
    table = until_micro(out)
    assert table[0].split() == ["label", "P", "R", "F1", "gold", "pred"]
    assert {line.split()[0] for line in table[1:]} == {*LABELS, "micro"}  # every label the gold file has
    assert "organization  " in out  # long labels keep the columns aligned
    only = run("eval", "--gold", FIXTURES / "cluener100.json", "--format", "cluener", "--labels", "name,game")
    assert [line.split()[0] for line in until_micro(only)[1:]] == ["name", "game", "micro"]
