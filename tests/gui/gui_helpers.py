"""Building small projects with suggestions for the window tests (no pre-highlighting engine needed)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.service import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "000_f5bfa2c3bb69730e.txt"
RAW = sorted((FIXTURES / "raw_news").glob("*.txt"))

# Words a rule engine might suggest in the seed article (and the raw news), with their labels.
WORDS = {
    "中央纪委": "ORG", "监察部": "ORG", "公安部": "ORG", "外交部": "ORG", "最高检": "ORG", "国务院": "ORG",
    "司法部": "ORG", "APEC": "ORG", "G20": "ORG", "北京": "LOC", "美国": "LOC", "加拿大": "LOC",
    "澳大利亚": "LOC", "新加坡": "LOC", "12月9日": "TIME", "12月3日": "TIME", "2014年": "TIME",
    "《北京反腐败宣言》": "MISC", "中国银行广东开平支行": "ORG", "宁夏": "LOC", "北京市": "LOC",
}


def suggestions(doc: AnnotatedDocument, words: dict[str, str] = WORDS) -> tuple[EntitySpan, ...]:
    """A suggestion at every occurrence of a word that starts and ends on token boundaries."""
    starts = {s for s, _ in doc.tokens}
    ends = {e for _, e in doc.tokens}
    found = []
    for word, label in words.items():
        at = doc.text.find(word)
        while at >= 0:
            if at in starts and at + len(word) in ends:
                found.append(EntitySpan(0, at, at + len(word), label, origin="rules", state=SpanState.SUGGESTED,
                                        score=0.9))
            at = doc.text.find(word, at + 1)
    found.sort(key=lambda s: (s.start, -s.end))
    return tuple(replace(s, id=i + 1) for i, s in enumerate(found))


def build_project(path: Path, files: list[Path] | None = None, *, schema: str = "news-zh") -> list[int]:
    """A project with the seed article (and `files`), each with rule suggestions; returns document ids."""
    ids: list[int] = []
    with Project.create(path, schema=schema, user="builder") as project:
        for file in files if files is not None else [SEED, *RAW]:
            for doc in project.importer.read_file(file):
                new, _ = project.importer.add_documents([replace(doc, spans=suggestions(doc))], prelabel=False)
                ids.extend(new)
    return ids
