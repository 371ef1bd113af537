"""Reviewed documents that still hold undecided suggestions or schema warnings are counted and named, by the
service and by `annotator export`."""

from __future__ import annotations

import json
from dataclasses import replace

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.annotations import EntitySpan, ReviewStatus, SpanState
from annotator.service import Project, review
from tests.conftest import FIXTURES


def build(path) -> None:
    """Seed (reviewed: an open suggestion and a Contact:Meet with no arguments), two raw news (one reviewed
    clean, one not reviewed but holding a suggestion)."""
    with Project.create(path, schema="ace2005-zh", user="tester") as p:
        docs = [d for f in (FIXTURES / "000_f5bfa2c3bb69730e.txt", *sorted((FIXTURES / "raw_news").glob("*.txt")))
                for d in p.importer.read_file(f)]
        seed, first, second = docs
        at = seed.text.index("美国")
        open_one = EntitySpan(0, at, at + 2, "LOC", origin="rules", state=SpanState.SUGGESTED)
        p.importer.add_documents([replace(seed, spans=(open_one,)), first,
                         replace(second, spans=(EntitySpan(0, 0, 2, "LOC", origin="rules",
                                                           state=SpanState.SUGGESTED),))], prelabel=False)
        at = seed.text.index("召开")
        p.edits.add_event(1, "Contact:Meet", at, at + 2)
        p.edits.set_status(1, ReviewStatus.REVIEWED)
        p.edits.set_status(2, ReviewStatus.REVIEWED)


def test_the_service_names_reviewed_documents_with_open_work(tmp_path):
    path = tmp_path / "p.annot"
    build(path)
    with Project.open(path, readonly=True) as p:
        found = review.reviewed_open_work(p)
        (work,) = found
        assert work.doc_id == 1 and work.title == "全球追逃，大幕拉开(深阅读)"
        assert work.entities == 1 and work.triggers == 0 and work.missing_roles >= 1
        assert review.open_work(p, 3).entities == 1  # not reviewed: not reported, but open_work sees it
        assert not review.open_work(p, 2)
        lines = review.open_work_lines(found)
    assert lines[0].startswith("1 reviewed document still holds 1 undecided suggestion (left out of the export)")
    assert "#1 全球追逃" in lines[1] and "missing required role" in lines[1]


def test_export_warns_naming_the_documents_and_still_writes(tmp_path):
    path = tmp_path / "p.annot"
    build(path)
    result = CliRunner().invoke(cli, ["export", str(path), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert "warning: 1 reviewed document still holds 1 undecided suggestion" in result.stderr
    assert "#1 全球追逃，大幕拉开(深阅读): 1 undecided suggestion (1 entity)" in result.stderr
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    clean = CliRunner().invoke(cli, ["export", str(path), "-o", str(tmp_path / "o.jsonl"), "--status", "new"])
    assert clean.exit_code == 0 and "warning" not in clean.stderr
    assert all(json.loads(line) for line in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines())
