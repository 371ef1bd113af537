"""The team commands as a lead uses them: every agreement figure `agreement` and `stats` print, worked out by
hand (tests/service/test_team_by_hand.py), and the awkward cases each refused with the file and the problem
(exit 2), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from annotator.cli import cli
from tests.service.test_team_by_hand import ANN1, ANN2, ANN3_DOC1, TEXTS, annotate


def run(*args: object) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def team(tmp_path: Path) -> Path:
    """The hand-worked case: ann1 and ann2 on all three documents, ann3 on the first, merged."""
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project = tmp_path / "lead.annot"
    assert run("new", project, "--schema", "cec").exit_code == 0
    assert run("import", project, texts, "--no-prelabel").exit_code == 0
    assert run("assign", project, "--annotators", "ann1,ann2", "--overlap", "1", "-o", tmp_path / "team").exit_code == 0
    annotate(tmp_path / "team" / "ann1.annot", ANN1)
    annotate(tmp_path / "team" / "ann2.annot", ANN2)
    ann3 = tmp_path / "ann3.jsonl"
    ann3.write_text(json.dumps({"text": TEXTS[0], "entities": [{"start": s, "end": e, "label": lab}
                                                               for s, e, lab in ANN3_DOC1]}) + "\n", encoding="utf-8")
    result = run("merge", project, tmp_path / "team" / "ann1.annot", tmp_path / "team" / "ann2.annot")
    assert result.exit_code == 0, result.output
    assert run("merge", project, ann3, "--annotator", "ann3").exit_code == 0
    return project


# The figures of tests/service/test_team_by_hand.py, as the commands round them.
KAPPA_12, KAPPA_13, KAPPA_23 = 423 / 504, (0.8 - 0.36) / 0.64, (0.6 - 0.32) / 0.68


def test_agreement_prints_the_figures_worked_out_by_hand(tmp_path):
    project = team(tmp_path)
    lines = run("agreement", project).output.splitlines()
    assert lines[:7] == [f"ann1 / ann2: 3 document(s), span F1 {10 / 14:.3f}, char kappa {KAPPA_12:.3f}",
                         "  LOC\t0.400", "  ORG\t0.667", "  PER\t1.000", "  triggers 1.000, arguments 0.500",
                         "  event action\t1.000", "  event statement\t1.000"]
    # ann3's export carries no event: not "triggers 0.000" (a miss of every event) but left out, said so
    left_out = "  events left out: ann3 gave none in these documents (an export without events, or none annotated)"
    assert lines[7:11] == [f"ann1 / ann3: 1 document(s), span F1 0.800, char kappa {KAPPA_13:.3f}",
                           "  LOC\t1.000", "  PER\t0.667", left_out]
    assert lines[11] == f"ann2 / ann3: 1 document(s), span F1 0.400, char kappa {KAPPA_23:.3f}"
    assert lines[15] == left_out
    alpha = json.loads(run("agreement", project, "--json").output)["overall"]["alpha"]
    assert f"overall: 3 document(s), alpha {alpha:.3f}" in lines


def test_stats_prints_the_agreement_summary(tmp_path):
    project = team(tmp_path)
    result = run("stats", project)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("agreement (3 document(s) reviewed by two or more annotators)")
    alpha = json.loads(run("agreement", project, "--json").output)["overall"]["alpha"]
    assert lines[at + 1:at + 5] == [
        f"  ann1 / ann2  3 document(s)  span F1 {10 / 14:.3f}  char kappa {KAPPA_12:.3f}  triggers 1.000  "
        "arguments 0.500",
        f"  ann1 / ann3  1 document(s)  span F1 0.800  char kappa {KAPPA_13:.3f}  events left out (ann3 gave none)",
        f"  ann2 / ann3  1 document(s)  span F1 0.400  char kappa {KAPPA_23:.3f}  events left out (ann3 gave none)",
        f"  Krippendorff's alpha {alpha:.3f}"]


def test_statistics_and_agreement_without_a_shared_document_say_so(tmp_path):
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts, "--no-prelabel")
    run("assign", project, "--annotators", "ann1,ann2", "-o", tmp_path / "team")  # no overlap
    annotate_some = tmp_path / "team" / "ann1.annot"
    from annotator.service import Project
    with Project.open(annotate_some) as p:
        for doc_id in p.document_ids():
            p.edits.add_span(doc_id, 0, 2, "PER")
            p.edits.set_status(doc_id, "reviewed")
    assert run("merge", project, annotate_some).exit_code == 0
    result = run("agreement", project)
    assert result.exit_code == 0
    assert "no document was reviewed by two annotators" in result.output
    result = run("stats", project)
    assert result.exit_code == 0 and "agreement: no document was reviewed by two annotators" in result.output
    data = json.loads(run("stats", project, "--json").output)
    assert data["agreement"] == {"pairs": [], "overall": {"documents": 0, "alpha": None}, "documents": []}


def refused(result: click.testing.Result, *words: str) -> str:
    """The error of a refused command: exit 2, a one-line message naming the file, no traceback."""
    assert result.exit_code == 2, result.output
    message = result.stderr if hasattr(result, "stderr") and result.stderr else result.output
    assert message.startswith("error: ") and "Traceback" not in message
    for word in words:
        assert word in message, message
    return message


def test_merge_refuses_each_awkward_file_with_the_file_and_the_problem(tmp_path):
    project = team(tmp_path)
    snapshot = run("agreement", project, "--json").output
    ann1 = tmp_path / "team" / "ann1.annot"
    again = run("merge", project, ann1)  # merged twice: nothing changes
    assert again.exit_code == 0 and "0 new or changed" in again.output
    refused(run("merge", project, project, "--annotator", "x"), str(project), "this project itself")
    refused(run("merge", project, tmp_path / "team", "--annotator", "x"), str(tmp_path / "team"), "is a folder; merge takes")
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps({"text": TEXTS[1] + "又", "entities": []}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    refused(run("merge", project, changed, "--annotator", "ann4"), f"{changed}:1", "no document with this text",
            "nothing of this file was merged")
    from annotator.service import Project
    with Project.open(project):  # open for writing elsewhere, as in a window
        refused(run("merge", project, ann1), str(project), "open for writing")
    assert run("agreement", project, "--json").output == snapshot


def test_agreement_refuses_a_label_the_schema_lacks_rather_than_calling_it_perfect(tmp_path):
    project = team(tmp_path)
    refused(run("agreement", project, "--labels", "PER,per"), str(project), "'per'", "PER, ORG, LOC, TIME, MISC")
    lines = run("agreement", project, "--labels", "PER").output.splitlines()
    assert lines[0] == "ann1 / ann2: 3 document(s), span F1 1.000, char kappa 1.000"


def test_assign_from_an_annotator_who_left_hands_on_only_what_they_have_not_sent_back(tmp_path):
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts, "--no-prelabel")
    assert run("assign", project, "--annotators", "ann1", "-o", tmp_path / "team").exit_code == 0
    from annotator.service import Project
    with Project.open(tmp_path / "team" / "ann1.annot") as p:
        p.edits.add_span(2, 0, 3, "ORG")
        p.edits.set_status(2, "reviewed")
    assert run("merge", project, tmp_path / "team" / "ann1.annot").exit_code == 0
    result = run("assign", project, "--annotators", "ann2", "--from", "ann1", "-o", tmp_path / "team2")
    assert result.exit_code == 0 and result.output == f"wrote {tmp_path / 'team2' / 'ann2.annot'}: 2 document(s)\n"
    refused(run("assign", project, "--annotators", "ann3", "--from", "ann1", "-o", tmp_path / "team3"),
            "ann1 has no document handed out and not sent back")


def test_assign_from_says_which_shared_documents_it_does_not_hand_on(tmp_path):
    """merge said "3 handed to 刘洋 not reviewed yet", then assign --from 刘洋 handed on 1 and said nothing of the
    other 3 (shared ones the other annotator had sent back), or refused with "has no document handed out"."""
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts, "--no-prelabel")
    assert run("assign", project, "--annotators", "ann1,ann2", "--overlap", "1", "-o", tmp_path / "team").exit_code == 0
    from annotator.service import Project
    with Project.open(tmp_path / "team" / "ann2.annot") as p:
        p.edits.add_span(2, 0, 3, "ORG")
        p.edits.set_status(2, "reviewed")
    merged = run("merge", project, tmp_path / "team" / "ann1.annot", tmp_path / "team" / "ann2.annot").output
    assert f"{len(TEXTS)} handed to ann1 not reviewed yet" in merged
    result = run("assign", project, "--annotators", "ann3", "--from", "ann1", "-o", tmp_path / "team2")
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "not handed on, no longer ann1's: 1 document(s) they did not send back that others' work has settled (a copy "
        "would carry that work):", "  reviewed on ann2's layer alone: 2"]
    refused(run("assign", project, "--annotators", "ann3", "--from", "ann1", "-o", tmp_path / "team3"),
            "nobody called 'ann1' was handed documents")  # what was theirs is handed on or released


def test_assign_run_again_leaves_out_and_says_what_others_have_in_hand(tmp_path):
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS[:2]), encoding="utf-8")
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts, "--no-prelabel")
    assert run("assign", project, "--annotators", "ann1", "-o", tmp_path / "team").exit_code == 0
    refused(run("assign", project, "--annotators", "ann2", "-o", tmp_path / "team2"),
            "every document not yet reviewed is handed out and not sent back (2)", "with ann1 (2)", "--from NAME")
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"text": TEXTS[2]}, ensure_ascii=False) + "\n", encoding="utf-8")
    run("import", project, more, "--no-prelabel")
    result = run("assign", project, "--annotators", "ann2", "-o", tmp_path / "team2")
    assert result.output.splitlines() == [
        f"wrote {tmp_path / 'team2' / 'ann2.annot'}: 1 document(s)",
        "left out: 2 document(s) handed out before and not sent back yet, with ann1 (2) (--from NAME hands on those "
        "of one who left; --status hands them out again)"]


def test_merging_a_copy_taken_while_the_annotators_window_was_open_says_so(tmp_path):
    """An annotator mailed ann1.annot with the window open: three reviewed documents were in ann1.annot-wal, and
    merge said only "0 reviewed document(s) in the file"."""
    import shutil

    from annotator.service import Project

    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts, "--no-prelabel")
    run("assign", project, "--annotators", "ann1", "-o", tmp_path / "team")
    sent = tmp_path / "mail" / "ann1.annot"
    sent.parent.mkdir()
    with Project.open(tmp_path / "team" / "ann1.annot") as p:  # the window holds it open
        p.edits.add_span(1, 0, 2, "PER")
        p.edits.set_status(1, "reviewed")
        shutil.copyfile(tmp_path / "team" / "ann1.annot", sent)
    early = run("merge", project, sent).output
    assert "0 reviewed document(s) in the file" in early and "copied while open in their window" in early
    late = run("merge", project, tmp_path / "team" / "ann1.annot").output  # closed since: everything is in it
    assert "1 reviewed document(s) in the file" in late and "copied while open" not in late


def test_info_says_who_has_what_and_whose_file_it_is(tmp_path):
    """No command said who was handed which share and who had sent it back, nor whose an annotator's file was."""
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts, "--no-prelabel")
    assert not [x for x in run("info", project).output.splitlines() if x.startswith("team")]
    run("assign", project, "--annotators", "张伟,李娜", "--overlap", "1", "-o", tmp_path / "team")
    from annotator.service import Project
    with Project.open(tmp_path / "team" / "李娜.annot") as p:
        p.edits.set_status(1, "reviewed")
    run("merge", project, tmp_path / "team" / "李娜.annot")
    n = len(TEXTS)
    assert run("info", project).output.splitlines()[-1] == \
        f"team      张伟 {n} handed out, 0 sent back; 李娜 {n} handed out, 1 sent back"
    assert run("info", tmp_path / "team" / "张伟.annot").output.splitlines()[-1] == \
        f"team      张伟's file, handed out from {project}"


def test_adjudicate_on_a_document_nobody_was_merged_for_says_so_and_done_is_refused(tmp_path):
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project = tmp_path / "lead.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts)  # pre-highlighted: suggestions a wrong --done would reject
    before = run("list", project).output
    assert run("adjudicate", project, 2).output == (
        "document 2 has no annotator's layer: nothing to adjudicate (merge their files first)\n")
    refused(run("adjudicate", project, 2, "--done"), str(project), "document 2 has no annotator's layer")
    assert run("list", project).output == before


def test_adjudicate_checks_every_option_before_acting_on_any(tmp_path):
    project = team(tmp_path)
    before = run("adjudicate", project, 2).output
    for bad in (["--take", "99"], ["--take-annotator", "ann3"]):
        result = run("adjudicate", project, 2, "--agreed", *bad)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert run("adjudicate", project, 2).output == before  # --agreed was done before the refusal


def test_merge_tells_an_exports_format_from_its_records(tmp_path):
    project = team(tmp_path)
    doccano = tmp_path / "ann4.jsonl"
    doccano.write_text(json.dumps({"text": TEXTS[2], "label": [[0, 2, "PER"]]}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    result = run("merge", project, doccano, "--annotator", "ann4")  # refused as 'not native' before
    assert result.exit_code == 0, result.output
    assert "ann4, 1 reviewed document(s) in the file: 1 new or changed layer(s)" in result.output
    text = tmp_path / "plain.txt"
    text.write_text(TEXTS[2] + "\n", encoding="utf-8")
    refused(run("merge", project, text, "--annotator", "ann5"), str(text), "no annotations")


def test_merge_of_an_export_with_a_label_the_schema_lacks_names_merges_remedy_not_imports(tmp_path):
    project = team(tmp_path)
    snapshot = run("agreement", project, "--json").output
    doccano = tmp_path / "ann4.jsonl"
    doccano.write_text(json.dumps({"text": TEXTS[2], "label": [[0, 2, "POSITION"]]}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    result = run("merge", project, doccano, "--annotator", "ann4")
    refused(result, f"{doccano}:1", "POSITION", "nothing of this file was merged", "annotator schema --import")
    assert "--extend-schema" not in result.output and "--map" not in result.output  # import's options, not merge's
    assert run("agreement", project, "--json").output == snapshot


def test_merge_refuses_an_older_copy_after_a_newer_one_and_says_which_documents_it_kept(tmp_path, monkeypatch):
    """ann1 mailed Monday's copy, then Wednesday's; the lead merged Wednesday's, then Monday's from the mail."""
    import shutil

    from annotator.service import Project
    from tests.service.test_team_merge_cases import ticking_clock

    ticking_clock(monkeypatch)
    texts = tmp_path / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS), encoding="utf-8")
    project, newest, monday = tmp_path / "lead.annot", tmp_path / "team" / "ann1.annot", tmp_path / "monday.annot"
    run("new", project, "--schema", "cec")
    run("import", project, texts, "--no-prelabel")
    run("assign", project, "--annotators", "ann1", "-o", tmp_path / "team")
    with Project.open(newest) as p:
        p.edits.add_span(1, 0, 2, "PER")
        p.edits.set_status(1, "reviewed")
    shutil.copyfile(newest, monday)
    with Project.open(newest) as p:
        p.edits.relabel(p.document(1).entities()[0].id, "ORG")
    assert run("merge", project, newest).exit_code == 0
    result = CliRunner().invoke(cli, ["merge", str(project), str(monday)])
    assert result.exit_code == 2 and f"error: {monday}: is an older copy of ann1's file" in result.output
    assert f"from {newest}" in result.output and "nothing of this file was merged" in result.output
    # Monday's copy, worked on further (document 2): that is merged, document 1 stays Wednesday's
    with Project.open(monday) as p:
        p.edits.add_span(2, 0, 2, "LOC")
        p.edits.set_status(2, "reviewed")
    output = run("merge", project, monday).output
    assert "1 new or changed layer(s), 1 now reviewed here" in output
    assert (f"  1 document(s) not merged, ann1's newer work on them kept: this file's copy of them is older than the "
            f"one merged before from {newest} (1)") in output
