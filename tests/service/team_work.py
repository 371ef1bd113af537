"""A four-person double-annotation project built from the annotators' merged project files, for the statistics.

Every gold article goes to two of 张伟, 李娜, 王芳 and 刘洋 (`assign --overlap 1`). Each reviews in their own
file on a moved clock: the suggestions accepted, 90 s later marked reviewed, an hour's pause before the next.
张伟 rejects a suggestion in every other document, so those go to adjudication and the lead ("组长") settles them:
their final reviewer is 组长, not 张伟. 刘洋 sends back one document, reviewed in two edits one second apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from annotator.core.annotations import SpanState
from annotator.service import Project

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "pd98_train30.jsonl"
TEAM = ("张伟", "李娜", "王芳", "刘洋")
LEAD = "组长"
SECONDS_PER_DOCUMENT = 90


class Clock:
    """The time the store, the edits and the merges write, moved by the builder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = datetime(2026, 3, 2, 9, 0, 0)
        stamp = lambda: self.at.strftime("%Y-%m-%dT%H:%M:%S")  # noqa: E731
        for where in ("annotator.store.database.now", "annotator.service.editing.now",
                      "annotator.store.changelog.now", "annotator.service.team.now"):
            monkeypatch.setattr(where, stamp)

    def tick(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@dataclass(frozen=True)
class TeamProject:
    """The lead's project file and what the builder knows each annotator did."""

    path: Path
    handed: dict[str, list[int]]     # the documents each annotator was handed
    sent_back: dict[str, list[int]]  # the documents each reviewed in their file and sent back
    adjudicated: list[int]           # settled by the lead: the annotators disagreed


def build_team_project(folder: Path, monkeypatch: pytest.MonkeyPatch) -> TeamProject:
    """The lead's project after every annotator's file was merged and the disputes adjudicated."""
    clock = Clock(monkeypatch)
    path = folder / "lead.annot"
    with Project.create(path, schema="news-zh", user=LEAD) as lead:
        lead.importer.import_paths([GOLD], prelabel=False)  # the gold entities arrive as suggestions
        handed = lead.team.assign(list(TEAM), folder / "team", overlap=1.0, seed=7).shares
    sent_back: dict[str, list[int]] = {}
    for name in TEAM:
        with Project.open(folder / "team" / f"{name}.annot", user=name) as mine:
            docs = mine.document_ids()[:1] if name == "刘洋" else mine.document_ids()
            for i, doc_id in enumerate(docs):
                spans = [s.id for s in mine.document(doc_id).spans if s.state == SpanState.SUGGESTED]
                if name == "张伟" and i % 2 == 0:
                    mine.edits.reject(spans[:1])
                    spans = spans[1:]
                mine.edits.accept(spans)
                clock.tick(1 if name == "刘洋" else SECONDS_PER_DOCUMENT)
                mine.edits.set_status(doc_id, "reviewed")
                clock.tick(3600)  # a pause before the next: not work
            sent_back[name] = list(docs)
    with Project.open(path, user=LEAD) as lead:
        for name in TEAM:
            lead.team.merge(folder / "team" / f"{name}.annot")
            clock.tick(600)
        adjudicated = lead.document_ids(statuses=["needs-adjudication"])
        for doc_id in adjudicated:
            other = next(a for a in lead.adjudication.view(doc_id).annotators if a != "张伟")
            lead.adjudication.take_annotator(doc_id, other)
            clock.tick(30)
            lead.adjudication.finish(doc_id)
            clock.tick(30)
    return TeamProject(path, handed, sent_back, adjudicated)
