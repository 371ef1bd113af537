"""The team commands' traps a lead fell into: each as the lead meets it on the command line, and what happens now."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.annotations import ReviewStatus
from annotator.service import Project
from tests.service.test_team_by_hand import TEXTS

# One suggested entity per document: what the pre-highlighter left for the annotators.
SUGGESTED = [(0, 2, "PER"), (0, 3, "ORG"), (0, 2, "PER")]


def run(*args: object) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def handed_out(tmp_path: Path, *names: str, overlap: float = 0.0) -> Path:
    """The lead's project of TEXTS, each with its suggestion, handed out to `names`."""
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t, "entities": [{"start": s, "end": e, "label": lab}]},
                                        ensure_ascii=False) + "\n" for t, (s, e, lab) in zip(TEXTS, SUGGESTED, strict=True)),
                     encoding="utf-8")
    project = tmp_path / "lead.annot"
    assert run("new", project, "--schema", "cec").exit_code == 0
    assert run("import", project, texts, "--no-prelabel").exit_code == 0
    result = run("assign", project, "--annotators", ",".join(names), "--overlap", overlap, "-o", tmp_path / "team")
    assert result.exit_code == 0, result.output
    return project


def review_first(path: Path) -> None:
    """The annotator accepts the first document's suggestion and marks it reviewed; the others wait."""
    with Project.open(path) as p:
        doc_id = p.document_ids()[0]
        p.edits.accept([s.id for s in p.document(doc_id).spans])
        p.edits.set_status(doc_id, ReviewStatus.REVIEWED)


def states(project: Path) -> dict[int, tuple[str, list[str]]]:
    """{doc id: (status, its spans' states)}."""
    with Project.open(project, readonly=True) as p:
        return {i: (p.document(i).status.value, [s.state.value for s in p.document(i).spans]) for i in p.document_ids()}


def test_an_export_with_suggestions_merges_only_its_reviewed_records(tmp_path):
    project = handed_out(tmp_path, "ann1")
    review_first(tmp_path / "team" / "ann1.annot")
    export = tmp_path / "ann1.jsonl"
    assert run("export", tmp_path / "team" / "ann1.annot", "-o", export, "--status", "all",
               "--with-suggestions").exit_code == 0
    result = run("merge", project, export, "--annotator", "ann1")
    assert result.exit_code == 0, result.output
    # Before: all three reviewed, the two suggestions the annotator never saw rejected.
    assert states(project) == {1: ("reviewed", ["accepted"]), 2: ("pre-annotated", ["suggested"]),
                               3: ("pre-annotated", ["suggested"])}
    assert "1 reviewed document(s) in the file" in result.output
    assert ("2 record(s) of the file not marked reviewed left out (line(s) 2, 3), with 2 undecided suggestion(s): "
            "not yet ann1's work, nothing of them merged nor rejected") in result.output
    assert "2 handed to ann1 not reviewed yet" in result.output
