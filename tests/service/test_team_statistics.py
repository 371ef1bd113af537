"""Per-annotator statistics in a double-annotation project: an annotator's documents are those assigned to,
annotated or reviewed by them (not those whose final reviewer they are), and their pace is documents per hour of
time at work, none where that time is too little to tell."""

from __future__ import annotations

import pytest

from annotator.core.statistics import MIN_PACE_SECONDS
from annotator.service import Project
from tests.service.team_work import LEAD, SECONDS_PER_DOCUMENT, TEAM, build_team_project


@pytest.fixture
def team(tmp_path, monkeypatch):
    return build_team_project(tmp_path, monkeypatch)


def test_each_annotator_counts_the_documents_they_sent_back_not_those_they_are_final_reviewer_of(team):
    with Project.open(team.path, readonly=True) as p:
        stats = p.statistics.compute()
        reviewers = [r for (r,) in p.store.db.execute("SELECT reviewer FROM documents").fetchall()]
        final_reviewer = {name: sum(1 for r in reviewers if name in (r or "").split("+")) for name in TEAM}
        mine = {name: p.statistics.compute(annotator=name) for name in (*TEAM, LEAD)}
    zhang = stats.annotators["张伟"]
    assert team.adjudicated and set(team.adjudicated) <= set(team.sent_back["张伟"])
    # the disputed ones went to the lead: 张伟 is the final reviewer of fewer documents than he sent back
    assert final_reviewer["张伟"] == len(team.sent_back["张伟"]) - len([d for d in team.adjudicated
                                                                      if d in team.sent_back["张伟"]])
    for name in TEAM:
        work = stats.annotators[name]
        assert work.documents == len(team.handed[name]), name
        assert work.done == len(team.sent_back[name]), name
        assert sum(stats.per_annotator_day[name].values()) == len(team.sent_back[name]), name
        # one definition: the Team table's documents are what `stats --annotator NAME` counts
        assert sum(mine[name].documents.values()) == work.documents, name
    assert zhang.done == 15 > final_reviewer["张伟"]
    assert stats.annotators[LEAD].documents == stats.annotators[LEAD].done == len(team.adjudicated)
    assert sum(mine[LEAD].documents.values()) == len(team.adjudicated)
    # --annotator's finish is at the pace they did theirs: all sent back, nothing of 张伟's left
    assert mine["张伟"].finish.remaining == 0
    # 刘洋 sent back one: his pace is one a day (his partners' merges settled the rest, so nothing is left)
    assert mine["刘洋"].finish.per_day == 1.0 and mine["刘洋"].documents == {"reviewed": len(team.handed["刘洋"])}


def test_a_pace_is_documents_per_hour_at_work_and_none_from_too_little_work(team):
    with Project.open(team.path, readonly=True) as p:
        data = p.statistics.compute().to_dict()["annotators"]
    zhang = data["张伟"]
    assert zhang["seconds"] == 15 * SECONDS_PER_DOCUMENT and zhang["timed"] == 15
    assert zhang["per_hour"] == pytest.approx(3600 / SECONDS_PER_DOCUMENT)  # 40 an hour
    # 刘洋 reviewed one document in two edits a second apart: that read 3,600 documents an hour
    liu = data["刘洋"]
    assert liu["seconds"] == 1.0 < MIN_PACE_SECONDS and liu["done"] == 1 and liu["per_hour"] is None
    lead = data[LEAD]  # 30 s on each adjudicated document
    assert lead["seconds"] == 30 * lead["done"]
    assert (lead["per_hour"] is None) == (lead["seconds"] < MIN_PACE_SECONDS)
