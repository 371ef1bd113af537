"""Planning and reading an archive's shards without a cluster: a large JSONL file is read by runs of its
lines, each alone, giving the documents (and the line numbers of errors) a whole read gives."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.formats import read_documents
from annotator.core.schema import load_schema
from annotator.core.segment import Segmenter
from annotator.service.archive import plan, read_shard
from annotator.service.import_pool import Context
from tests.conftest import FIXTURES


def context() -> Context:
    return Context(Segmenter([]), load_schema(), lambda: None)  # type: ignore[arg-type,return-value]


def test_a_large_jsonl_file_is_read_run_by_run_as_a_whole(tmp_path: Path):
    source = FIXTURES / "pd98_dev5.jsonl"
    shards, files = plan([source, FIXTURES / "raw_news"], shard_bytes=3000, shard_files=1)
    assert files == 3
    runs = [s for s in shards if s.parts[0].end is not None]
    assert len(runs) > 2 and len(shards) == len(runs) + 2
    ctx = context()
    texts = [d.text for s in runs for d in read_shard(s, ctx)[0]]
    assert texts == [d.text for d in read_documents(source, "native")]


def test_a_bad_line_in_a_run_is_named_by_its_line_in_the_file(tmp_path: Path):
    lines = [json.dumps({"text": f"第{i}条新闻。" * 20}, ensure_ascii=False) for i in range(1, 301)]
    lines[249] = '{"text": '   # past the records the format is told from
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shards, _ = plan([path], shard_bytes=2000)
    assert len(shards) > 10
    ctx = context()
    results = [read_shard(s, ctx) for s in shards]
    errors = [e for _, found in results for e in found]
    assert len(errors) == 1 and "news.jsonl:250: not valid JSON" in errors[0]
    [bad] = [s.parts[0] for s, (_, found) in zip(shards, results, strict=True) if found]
    refused = path.read_bytes()[bad.start:bad.end].count(b"\n")   # the run is all or nothing, as a file is
    assert sum(len(docs) for docs, _ in results) == 300 - refused
