"""The team commands' traps a lead fell into: each as the lead meets it on the command line, and what happens now."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import click
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.annotations import ReviewStatus
from annotator.service import Project
from annotator.store import layers
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


def as_schema_5(path: Path) -> None:
    """The file as annotator wrote it at schema 5, before layers kept edit times (m006 only added that column)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("ALTER TABLE layers DROP COLUMN edited_at")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm006_layer_edited_at'")
        conn.commit()
    finally:
        conn.close()


def test_an_annotator_file_of_schema_5_merges_as_it_is(tmp_path):
    """merge refused it ("needs upgrading from schema 5 to 6 but is open read-only"): the annotator had to open their
    file in the new version first, though merge reads nothing the upgrade adds."""
    project = handed_out(tmp_path, "ann1")
    mine = tmp_path / "team" / "ann1.annot"
    review_first(mine)
    as_schema_5(mine)
    before = hashlib.sha256(mine.read_bytes()).hexdigest()
    result = run("merge", project, mine)
    assert result.exit_code == 0, result.output
    assert "ann1, 1 reviewed document(s) in the file: 1 new or changed layer(s), 1 now reviewed here" in result.output
    assert hashlib.sha256(mine.read_bytes()).hexdigest() == before  # read, never upgraded
    with closing(sqlite3.connect(mine)) as conn:
        assert [n for (n,) in conn.execute("SELECT name FROM _sqlite_migrations")][-1] == "m005_event_models"
        edited = conn.execute("SELECT updated_at FROM documents WHERE id = 1").fetchone()[0]
    with Project.open(project, readonly=True) as p:
        # Its documents' edit times are there as in a newer file: a copy of it older than this one is left out.
        assert layers.edits(p.store.db, "ann1") == {1: (edited, str(mine))}


def test_an_annotator_file_older_than_schema_5_is_still_refused_naming_the_upgrade(tmp_path):
    project = handed_out(tmp_path, "ann1")
    mine = tmp_path / "team" / "ann1.annot"
    review_first(mine)
    as_schema_5(mine)
    with closing(sqlite3.connect(mine)) as conn:  # schema 4: before event models, a step merge does not read as is
        conn.execute("DROP TABLE event_models")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_event_models'")
        conn.commit()
    result = CliRunner().invoke(cli, ["merge", str(project), str(mine)])
    assert result.exit_code == 2
    assert "needs upgrading from schema 4 to 6 but is open read-only" in result.output


def test_assign_from_releases_what_others_settled_and_says_why_each_was_not_handed_on(tmp_path):
    """A left with three shared documents: one B and E agreed on, one waiting for adjudication between them, one only
    B sent back. `--from A` said nothing of the one waiting for adjudication and kept all three A's for ever (merge
    counted them "not reviewed yet"); `--status reviewed --from A` handed on copies carrying B's work while saying
    it did not."""
    project = handed_out(tmp_path, "A", "B", overlap=1.0)
    result = run("assign", project, "--annotators", "E", "--status", "pre-annotated", "-o", tmp_path / "team_e")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "team" / "B.annot") as p:
        for doc_id in (1, 2, 3):
            p.edits.accept([s.id for s in p.document(doc_id).spans])
            p.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    with Project.open(tmp_path / "team_e" / "E.annot") as p:
        p.edits.accept([s.id for s in p.document(1).spans])            # agrees with B
        p.edits.reject([s.id for s in p.document(2).spans])            # differs from B
        for doc_id in (1, 2):
            p.edits.set_status(doc_id, ReviewStatus.REVIEWED)
    assert run("merge", project, tmp_path / "team" / "B.annot", tmp_path / "team_e" / "E.annot").exit_code == 0
    before = states(project)
    result = run("assign", project, "--annotators", "C", "--status", "reviewed", "--status", "needs-adjudication",
                 "--from", "A", "-o", tmp_path / "team_c")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "not handed on, no longer A's: 3 document(s) they did not send back that others' work has settled (a copy "
        "would carry that work):",
        "  reviewed: B and E agreed: 1", "  waiting for adjudication between B and E: 2",
        "  reviewed on B's layer alone: 3", "nothing left to hand on; no file written"]
    assert not (tmp_path / "team_c").exists() and states(project) == before
    with Project.open(project, readonly=True) as p:
        assert not [d for d, name, _ in p.team.assignments() if name == "A"]
    merged = run("merge", project, tmp_path / "team" / "B.annot").output
    assert "handed to" not in merged  # nothing waits for A any more


def test_assign_from_hands_on_the_rest_and_releases_the_settled(tmp_path):
    project = handed_out(tmp_path, "A", "B", overlap=1.0)
    with Project.open(tmp_path / "team" / "B.annot") as p:
        p.edits.set_status(1, ReviewStatus.REVIEWED)
    assert run("merge", project, tmp_path / "team" / "B.annot").exit_code == 0
    result = run("assign", project, "--annotators", "C", "--from", "A", "-o", tmp_path / "team_c")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"wrote {tmp_path / 'team_c' / 'C.annot'}: 2 document(s)",
        "not handed on, no longer A's: 1 document(s) they did not send back that others' work has settled (a copy "
        "would carry that work):", "  reviewed on B's layer alone: 1"]
    with Project.open(project, readonly=True) as p:
        assert sorted((d, name) for d, name, _ in p.team.assignments() if name in ("A", "C")) == [(2, "C"), (3, "C")]


def two_reviewed(tmp_path: Path) -> Path:
    """A and B each reviewed document 1, differently (A accepted its suggestion, B rejected it)."""
    project = handed_out(tmp_path, "A", "B", overlap=1.0)
    review_first(tmp_path / "team" / "A.annot")
    with Project.open(tmp_path / "team" / "B.annot") as p:
        p.edits.reject([s.id for s in p.document(1).spans])
        p.edits.set_status(1, ReviewStatus.REVIEWED)
    return project


def copies(project: Path, kind: str) -> list[Path]:
    """The copies of the project kept before `kind` (not what opening one leaves beside it)."""
    return sorted(p for p in project.parent.glob(f"{project.name}.bak-{kind}-*") if not p.name.endswith(
        ("-wal", "-shm", ".lock")))


def test_merge_dry_run_says_what_both_files_would_do_and_changes_nothing(tmp_path):
    project = two_reviewed(tmp_path)
    before = (states(project), hashlib.sha256(project.read_bytes()).hexdigest())
    result = run("merge", project, tmp_path / "team" / "A.annot", tmp_path / "team" / "B.annot", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "dry run: what merging would do; nothing is changed"
    assert "1 now reviewed here, 0 need adjudication" in lines[1] and lines[2] == "  documents: now reviewed 1"
    assert "0 now reviewed here, 1 need adjudication" in lines[3]  # B's file seen after A's: one step, rolled back
    assert lines[4] == "  documents: need adjudication 1"
    assert (states(project), hashlib.sha256(project.read_bytes()).hexdigest()) == before
    assert copies(project, "merge") == []
    real = run("merge", project, tmp_path / "team" / "A.annot", tmp_path / "team" / "B.annot")
    assert real.output.splitlines()[:2] == [lines[1], lines[3]]  # what the dry run said is what the merge does


def test_a_cli_merge_keeps_the_project_as_it_was_and_says_where(tmp_path):
    """A CLI merge could not be taken back: no undo, no copy."""
    project = two_reviewed(tmp_path)
    before = states(project)
    result = run("merge", project, tmp_path / "team" / "A.annot")
    assert result.exit_code == 0, result.output
    (copy,) = copies(project, "merge")
    assert result.output.splitlines()[-1] == (f"the project as it was before: {copy} (to undo, close the window and "
                                              "copy it over lead.annot)")
    assert states(project) != before and states(copy) == before
    with Project.open(copy, readonly=True) as p:
        assert p.team.layers(1) == []
    # Merging it again changes nothing: no copy is kept for it.
    assert "the project as it was before" not in run("merge", project, tmp_path / "team" / "A.annot").output
    assert copies(project, "merge") == [copy]
    # A refused file after one that merged: the way back is said all the same.
    bad = tmp_path / "other.jsonl"
    bad.write_text(json.dumps({"text": "不在项目里的文本。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["merge", str(project), str(tmp_path / "team" / "B.annot"), str(bad),
                                      "--annotator", "B"])
    assert result.exit_code == 2 and "the project as it was before:" in result.output
    # Only the newest three are kept.
    for _ in range(3):
        with Project.open(project) as p:
            p.edits.set_status(2, ReviewStatus.SKIPPED)
            p.store.db.execute("DELETE FROM layers")
        run("merge", project, tmp_path / "team" / "A.annot")
    kept = copies(project, "merge")
    assert len(kept) == 3 and all(states(c)[2][0] == "skipped" for c in kept)  # the first ones, before it, went


def test_a_cli_adjudication_keeps_the_project_as_it_was_unless_refused(tmp_path):
    project = two_reviewed(tmp_path)
    run("merge", project, tmp_path / "team" / "A.annot", tmp_path / "team" / "B.annot", "--no-backup")
    assert copies(project, "merge") == []
    before = states(project)
    refused = CliRunner().invoke(cli, ["adjudicate", str(project), "1", "--done"])
    assert refused.exit_code == 2 and copies(project, "adjudicate") == []
    result = run("adjudicate", project, "1", "--take-annotator", "A", "--done")
    assert result.exit_code == 0, result.output
    (copy,) = copies(project, "adjudicate")
    assert result.output.splitlines() == [
        f"the project as it was before: {copy} (to undo, close the window and copy it over lead.annot)",
        "document 1 reviewed"]
    assert states(copy) == before != states(project)
