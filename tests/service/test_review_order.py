"""The review order (`project.order`): file order or the most informative first, measured once per model."""

from __future__ import annotations

import pytest

from annotator.core import informative
from annotator.core.annotations import ReviewStatus
from annotator.core.errors import ValidationError
from annotator.core.prelabel import starter_model
from annotator.service import Project
from annotator.store import models
from tests.conftest import FIXTURES


@pytest.fixture
def measured(monkeypatch):
    """Count the documents whose uncertainty is measured."""
    seen: list[int] = []
    real = informative.document_uncertainties

    def counting(prelabeler, docs):
        seen.append(len(docs))
        return real(prelabeler, docs)
    monkeypatch.setattr(informative, "document_uncertainties", counting)
    return seen


@pytest.fixture
def path(tmp_path):
    """A project of 35 People's Daily articles, pre-highlighted."""
    with Project.create(tmp_path / "p.annot", schema="news-zh") as p:
        p.importer.import_paths([FIXTURES / "pd98_train30.jsonl", FIXTURES / "pd98_dev5.jsonl"])
    return tmp_path / "p.annot"


def test_informative_order_differs_from_file_order_and_is_kept(path, measured):
    with Project.open(path) as p:
        files = p.order.ids("file")
        ranked = p.order.ids("informative")
        assert sorted(ranked) == files and ranked != files
        assert sum(measured) == len(files)
        scores = p.order.uncertainties(ranked)
        top = [scores[d] for d in ranked[:3]]
        assert top[0] == max(scores.values()) and all(0 < s < len(p.document(d).text) for s, d in zip(top, ranked[:3], strict=True))
    with Project.open(path, readonly=True) as p:
        assert p.order.ids("informative") == ranked  # the same order, nothing measured again
        assert sum(measured) == len(files)
        assert p.order.ids("informative", statuses=["pre-annotated"]) == ranked


def test_only_new_documents_are_measured_and_a_new_model_measures_all_again(path, measured, tmp_path):
    with Project.open(path) as p:
        p.order.ids("informative")
        (tmp_path / "new.txt").write_text("新华社北京电国务院副总理朱镕基今天在人民大会堂会见了日本客人。", encoding="utf-8")
        p.importer.import_paths([tmp_path / "new.txt"])
        measured.clear()
        assert len(p.order.ids("informative")) == 36
        assert measured == [1]
        with p.store.transaction() as db:  # a newly trained model in use (here: the starter again)
            models.add(db, description="retrained", data=starter_model().to_bytes())
        measured.clear()
        p.order.ids("informative")
        assert sum(measured) == 36


def test_the_chosen_order_is_remembered_per_project(path):
    with Project.open(path) as p:
        assert p.order.chosen == "file"
        assert not p.order.choose("informative").empty
        with pytest.raises(ValidationError, match="unknown order"):
            p.order.choose("random")
    with Project.open(path) as p:
        assert p.order.chosen == "informative"


def test_next_document_follows_the_chosen_order(path):
    with Project.open(path) as p:
        ranked = p.order.ids("informative")
        assert p.order.next_document(None) == 1  # file order by default
        p.order.choose("informative")
        first = p.order.next_document(None)
        assert first == ranked[0]
        assert p.order.next_document(first) == ranked[1]
        assert p.order.next_document(ranked[1], backward=True) == first
        p.edits.set_status(first, ReviewStatus.REVIEWED)
        # From a document just done: the most useful document still to do.
        assert p.order.next_document(first) == p.order.ids("informative", statuses=["pre-annotated"])[0]
        assert first not in p.order.ids("informative", statuses=["pre-annotated"])


def test_reviewing_a_document_keeps_the_ranking_so_a_near_copy_waits_its_diverse_turn(tmp_path, monkeypatch):
    # Uncertainty stubbed as the text's length: the copy of the longest text is second by uncertainty alone.
    monkeypatch.setattr(informative, "document_uncertainties", lambda prelabeler, docs: [float(len(d.text)) for d in docs])
    texts = {"a": "新华社北京电国务院副总理朱镕基今天在人民大会堂会见了日本客人。" * 3,
             "b": "上海市人民政府今天发布了关于浦东新区开发的新规定，外商投资继续增长。"
                  "江苏省南京市的科技工作者正在研究新的农作物品种，以提高粮食产量。",
             "c": "广州的春节花市开幕了。"}
    texts["a2"] = texts["a"] + "。"
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    with Project.create(tmp_path / "p.annot", schema="news-zh") as p:
        p.importer.import_paths([tmp_path / f"{name}.txt" for name in texts])
        ids = {p.document(d).text: d for d in p.order.ids("file")}
        a, b, c, a2 = (ids[texts[n]] for n in ("a", "b", "c", "a2"))
        assert p.order.ids("informative") == [a2, b, a, c]  # the copy goes after b, though more uncertain
        p.order.choose("informative")
        p.edits.set_status(a2, ReviewStatus.REVIEWED)
        # The next document is the ranking's second, not the most uncertain one left (the near copy).
        assert p.order.next_document(a2) == b
        assert p.order.ids("informative", statuses=["new", "pre-annotated"]) == [b, a, c]
        p.edits.set_status(b, ReviewStatus.REVIEWED)
        assert p.order.next_document(b) == a
