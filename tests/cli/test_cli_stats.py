"""`annotator stats`: suggestions decided by merging a gold file score as `annotator eval` scores them."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from annotator.cli import cli
from annotator.service.evaluation import evaluate_gold

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "pd98_train30.jsonl"
LABELS = ["PER", "LOC", "ORG"]


def run(*args: object) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_stats_of_suggestions_merged_against_gold_equal_eval(tmp_path):
    texts = tmp_path / "texts.jsonl"
    records = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines()]
    texts.write_text("".join(json.dumps({"text": r["text"]}, ensure_ascii=False) + "\n" for r in records),
                     encoding="utf-8")
    project = tmp_path / "lead.annot"
    assert run("new", project).exit_code == 0
    assert run("import", project, texts).exit_code == 0  # pre-highlighted on import
    # The same pre-highlighter on the same texts, scored against the gold file (before the merge adds
    # the gold entities to the gazetteer and so changes the pre-highlighter).
    report = evaluate_gold(GOLD, labels=LABELS, project=project).report
    assert run("merge", project, GOLD, "--annotator", "gold").exit_code == 0

    result = run("stats", project, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == {"reviewed": len(records)}
    per_label = data["suggestions"]["per_label"]
    for score in report.labels:
        mine = per_label[score.label]
        assert (mine["exact"], mine["suggested"], mine["final"]) == (score.tp, score.tp + score.fp, score.tp + score.fn)
        assert mine["precision"] == round(score.precision, 6) and mine["recall"] == round(score.recall, 6)
        # every suggestion ended one way or another; the rest of the final spans were added by the merge
        assert mine["accepted"] + mine["relabelled"] + mine["resized"] + mine["rejected"] == mine["suggested"]
        assert mine["accepted"] == score.tp and 0 < mine["added"] <= mine["final"] - score.tp
    assert data["annotators"]["gold"]["documents"] == len(records)
    assert set(data["suggestions"]["per_engine"]) <= {"model", "rules", "dictionary", "jieba", "triggers", "events"}
    assert data["labels"] == {s.label: s.tp + s.fn for s in report.labels}


def test_stats_text_filters_and_a_bad_date(tmp_path):
    project = tmp_path / "p.annot"
    assert run("new", project).exit_code == 0
    assert run("import", project, GOLD, "--no-prelabel").exit_code == 0
    assert run("merge", project, GOLD, "--annotator", "gold").exit_code == 0
    text = run("stats", project).output
    assert "documents 30 (reviewed 30)" in text and "gold  30 document(s), 30 done, no time recorded" in text
    # nothing was suggested, every final span came from the file: no precision to give (not 0.000), recall 0
    per_label = [line.split() for line in text.splitlines() if line.startswith(("  PER ", "  LOC ", "  ORG "))]
    assert len(per_label) == 3 and all(row[-2:] == ["–", "0.000"] for row in per_label)
    nobody = json.loads(run("stats", project, "--json", "--annotator", "someone").output)
    assert nobody["annotators"] == {} and nobody["suggestions"]["per_label"] == {}
    assert nobody["documents"] == {} and nobody["progress"]["finish"]["remaining"] == 0  # were the project's 30
    assert run("stats", project, "--annotator", "someone").output.startswith(
        "documents 0\npace      0.0 reviewed/day; 0 left; no documents\n")
    assert run("stats", project, "--annotator", "gold").output.startswith("documents 30 (reviewed 30)\n")
    later = json.loads(run("stats", project, "--json", "--since", "2999-01-01").output)
    assert later["progress"]["per_day"] == {}
    bad = CliRunner().invoke(cli, ["stats", str(project), "--since", "yesterday"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
