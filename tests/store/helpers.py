"""Small projects on disk and a way to prove a file (and its -wal/-shm) was not touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanState
from annotator.service import Project

TEXT = "北京市公安局今天在北京召开会议。\n张三出席了会议并发言。"


def sample_document() -> AnnotatedDocument:
    """A two-line article with one token per character and one suggestion."""
    tokens = tuple((i, i + 1) for i, ch in enumerate(TEXT) if not ch.isspace())
    return AnnotatedDocument(title=TEXT.split("\n")[0], text=TEXT, tokens=tokens, name="sample",
                             spans=(EntitySpan(1, 0, 3, "LOC", origin="jieba", state=SpanState.SUGGESTED),))


def build_project(path: Path) -> Path:
    """A closed project with one document, an accepted span, an event with an argument, a status."""
    with Project.create(path, schema="ace2005-zh", user="builder") as p:
        (doc_id,), _ = p.importer.add_documents([sample_document()], prelabel=False)
        org = p.edits.add_span(doc_id, 0, 6, "ORG").created[0]
        start = TEXT.index("召开")
        event = p.edits.add_event(doc_id, "Contact:Meet", start, start + 2).created[0]
        p.edits.add_argument(event, "Entity", org)
        p.edits.set_status(doc_id, "in-review")
    return path


def snapshot(path: Path) -> dict[str, str | None]:
    """Content hash of the project file and of its -wal and -shm (None: the file does not exist)."""
    out: dict[str, str | None] = {}
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        f = path.with_name(name)
        out[name] = hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else None
    return out
