"""Repeated texts are a choice: skipped and reported by default, kept with `keep_duplicates`, and importing
the same file again adds nothing either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.service import Project, import_pool

TEXTS = ["新华社北京电", "另一篇", "新华社北京电", "第三篇", "新华社北京电", "另一篇"]


def jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    return path


def texts(p: Project) -> list[str]:
    return [p.document(i).text for i in p.document_ids()]


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.annot", schema="news-zh") as p:
        yield p


def test_a_files_repeats_are_kept_and_importing_it_again_adds_nothing(project, tmp_path):
    source = jsonl(tmp_path / "docs.jsonl", TEXTS)
    report = project.importer.import_paths([source], prelabel=False, keep_duplicates=True)
    assert len(report.imported) == 6 and report.skipped == ()
    assert sorted(texts(project)) == sorted(TEXTS)
    for keep in (True, False):
        again = project.importer.import_paths([source], prelabel=False, keep_duplicates=keep)
        assert again.imported == () and len(again.skipped) == 6
    assert len(texts(project)) == 6


def test_without_the_flag_repeats_are_skipped_and_the_flag_brings_back_exactly_those(project, tmp_path):
    source = jsonl(tmp_path / "docs.jsonl", TEXTS)
    plain = project.importer.import_paths([source], prelabel=False)
    assert plain.imported == (1, 2, 3)
    assert plain.skipped == ((f"{source}:3", 1), (f"{source}:5", 1), (f"{source}:6", 2))
    kept = project.importer.import_paths([source], prelabel=False, keep_duplicates=True)
    assert len(kept.imported) == 3
    assert sorted(texts(project)) == sorted(TEXTS)


def test_copies_the_project_has_from_another_file_count(project, tmp_path):
    project.importer.import_paths([jsonl(tmp_path / "a.jsonl", ["新华社北京电"])], prelabel=False)
    report = project.importer.import_paths([jsonl(tmp_path / "b.jsonl", ["新华社北京电"] * 3)], prelabel=False,
                                           keep_duplicates=True)
    assert len(report.imported) == 2 and report.skipped == ((f"{tmp_path / 'b.jsonl'}:1", 1),)
    assert texts(project) == ["新华社北京电"] * 3


def test_a_kept_copy_is_an_ordinary_document(project, tmp_path):
    project.importer.import_paths([jsonl(tmp_path / "d.jsonl", ["北京", "北京"])], keep_duplicates=True)
    first, second = (project.document(i) for i in project.document_ids())
    assert second.text == first.text and second.tokens == first.tokens
    project.edits.set_status(second.id, "reviewed")
    assert project.document(first.id).status != project.document(second.id).status


@pytest.mark.slow
def test_a_shared_out_file_counts_its_copies_across_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(import_pool, "SPLIT_BYTES", 10)
    source = jsonl(tmp_path / "docs.jsonl", TEXTS * 3)
    found = []
    for workers in (1, 2):
        with Project.create(tmp_path / f"p{workers}.annot", schema="news-zh") as p:
            report = p.importer.import_paths([source], workers=workers, prelabel=False, keep_duplicates=True)
            again = p.importer.import_paths([source], workers=workers, prelabel=False, keep_duplicates=True)
            found.append((report, again.imported, texts(p)))
    assert found[0] == found[1]
    report, again, stored = found[0]
    assert len(report.imported) == 18 and again == () and sorted(stored) == sorted(TEXTS * 3)


def test_kept_copies_go_out_to_an_annotator_and_their_work_comes_back_to_the_right_copy(project, tmp_path):
    project.importer.import_paths([jsonl(tmp_path / "d.jsonl", ["北京市", "上海", "北京市"])], prelabel=False,
                                  keep_duplicates=True)
    shares = project.team.assign(["ann1"], tmp_path / "team", seed=1).shares
    assert sorted(shares["ann1"]) == [1, 2, 3]
    with Project.open(tmp_path / "team" / "ann1.annot", user="ann1") as copy:
        assert [copy.document(i).text for i in copy.document_ids()] == ["北京市", "上海", "北京市"]
        copy.edits.add_span(3, 0, 2, "LOC")
        copy.edits.set_status(3, "reviewed")
    report = project.team.merge(tmp_path / "team" / "ann1.annot")
    assert report.documents == 1
    assert [s.label for s in project.document(3).spans] == ["LOC"] and project.document(3).status == "reviewed"
    assert project.document(1).spans == () and project.document(1).status != "reviewed"


def test_documents_made_in_code_with_tokens_past_their_text_are_refused_and_none_is_stored(project):
    # The file readers check their tokens; add_documents checks the documents handed to it as well, as the
    # store now refuses to read a project whose tokens or spans run past a text.
    from annotator.core.annotations import AnnotatedDocument
    from annotator.core.errors import ValidationError

    good = AnnotatedDocument(title="好", text="新华社北京电", tokens=((0, 3), (3, 6)))
    bad = AnnotatedDocument(title="坏", text="另一篇", tokens=((0, 2), (2, 4)))
    with pytest.raises(ValidationError, match="坏: token 1 \\[2, 4\\) is out of order or out of range"):
        project.importer.add_documents([good, bad], prelabel=False)
    assert project.document_ids() == []
