"""Shards are cut by input order and size alone; the manifest names the one definition of uncertainty."""

from __future__ import annotations

import pytest

from annotator.core.annotations import EntitySpan, SpanKind, SpanState
from annotator.core.archive import (
    MIN_SHARD_BYTES,
    SHARD_BYTES,
    SHARDS_WANTED,
    InputFile,
    ShardPart,
    ShardSummary,
    line_runs,
    manifest,
    plan_shards,
    shard_bytes_for,
)
from annotator.core.informative import UNCERTAINTY


def test_small_files_are_grouped_and_large_jsonl_cut_into_its_runs_of_lines():
    runs = ((0, 120, 1), (120, 230, 5), (230, 250, 9))
    files = [InputFile("a.txt", 40), InputFile("b.txt", 40), InputFile("c.txt", 40),
             InputFile("big.jsonl", 250, runs), InputFile("d.txt", 10)]
    shards = list(plan_shards(files, shard_bytes=100, shard_files=2))
    assert [s.parts for s in shards] == [
        (ShardPart("a.txt"), ShardPart("b.txt")), (ShardPart("c.txt"),),
        *(((ShardPart("big.jsonl", *run),)) for run in runs), (ShardPart("d.txt"),)]
    assert [s.name for s in shards][:2] == ["shard-00000.jsonl", "shard-00001.jsonl"]
    assert [s.index for s in shards] == list(range(6))
    assert [s.size for s in shards] == [80, 40, 120, 110, 20, 10]   # what the runner orders them by


@pytest.mark.parametrize("chunk", [1, 3, 7, 1000])
def test_line_runs_cut_at_line_ends_whatever_the_chunks(chunk):
    data = b"".join(b"x" * n + b"\n" for n in (5, 1, 8, 0, 3, 12, 2)) + b"tail"
    runs = line_runs((data[i:i + chunk] for i in range(0, len(data), chunk)), run_bytes=10)
    assert runs[0][0] == 0 and runs[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))
    for start, end, line in runs:
        assert start == 0 or data[start - 1:start] == b"\n"
        assert line == data[:start].count(b"\n") + 1
        assert end - start >= 10 or end == len(data)
    assert line_runs([], run_bytes=10) == []


@pytest.mark.parametrize("chunk", [1, 5, 1000])
def test_given_the_size_line_runs_are_about_equal_with_no_short_one_at_the_end(chunk):
    data = b"".join(b"x" * (n % 7) + b"\n" for n in range(300))   # 1,200 bytes, lines of 1 to 7
    runs = line_runs((data[i:i + chunk] for i in range(0, len(data), chunk)), run_bytes=250, size=len(data))
    assert len(runs) == 5   # as many as runs of at least 250 bytes would need: 4 and a short one
    assert runs[0][0] == 0 and runs[-1][1] == len(data)
    assert all(a[1] == b[0] and data[b[0] - 1:b[0]] == b"\n" for a, b in zip(runs, runs[1:], strict=False))
    assert all(abs((end - start) - 240) < 8 for start, end, _ in runs)
    assert [line for _, _, line in runs] == [data[:start].count(b"\n") + 1 for start, _, _ in runs]
    unsized = line_runs([data], run_bytes=250)
    assert len(unsized) == 5 and unsized[-1][1] - unsized[-1][0] < 250 - 8


def test_a_small_archive_is_cut_finer_so_its_last_shards_are_short():
    assert shard_bytes_for(10**9) == SHARD_BYTES
    assert shard_bytes_for(SHARDS_WANTED * SHARD_BYTES) == SHARD_BYTES
    assert shard_bytes_for(4_000_000) == 4_000_000 // SHARDS_WANTED < SHARD_BYTES
    assert shard_bytes_for(1000) == MIN_SHARD_BYTES


def test_a_shard_key_changes_with_its_inputs_or_the_settings():
    [shard] = plan_shards([InputFile("a.txt", 1)])
    [other] = plan_shards([InputFile("b.txt", 1)])
    assert shard.key("s1") == shard.key("s1")
    assert len({shard.key("s1"), shard.key("s2"), other.key("s1")}) == 3


def span(score: float | None, state: SpanState = SpanState.SUGGESTED, kind: SpanKind = SpanKind.ENTITY) -> EntitySpan:
    return EntitySpan(0, 0, 1, "PER", origin="model", state=state, score=score, kind=kind)


def test_the_manifest_adds_up_its_shards():
    a = ShardSummary("shard-00000.jsonl", "k", 2, 5, {"PER": 3, "LOC": 2}, ("bad.txt: unreadable",))
    b = ShardSummary("shard-00001.jsonl", "k", 1, 1, {"PER": 1})
    record = manifest([a, b], model="the starter model", schema="ace2005-zh", settings="s", inputs=4)
    assert (record["documents"], record["suggestions"], record["labels"]) == (3, 6, {"LOC": 2, "PER": 4})
    assert record["errors"] == ["bad.txt: unreadable"]
    assert [s["name"] for s in record["shards"]] == ["shard-00000.jsonl", "shard-00001.jsonl"]
    assert record["uncertainty"] == UNCERTAINTY  # the review order's definition (core/informative.py)
    assert ShardSummary.from_dict(a.to_dict()) == a


def test_free_trigger_suggestions_travel_in_meta_and_come_back():
    from annotator.core.annotations import AnnotatedDocument
    from annotator.core.archive import TRIGGERS, triggers_from_meta, triggers_to_meta

    trigger = EntitySpan(7, 2, 4, "Life:Die", origin="triggers", state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER)
    person = span(0.9).with_(id=8)
    doc = AnnotatedDocument(title="", text="张三死亡了", tokens=(), spans=(person, trigger))
    moved = triggers_to_meta(doc)
    assert moved.spans == (person,)
    assert moved.meta[TRIGGERS] == [{"start": 2, "end": 4, "type": "Life:Die", "text": "死亡"}]
    back = triggers_from_meta(moved)
    assert back.meta == {} and back.spans == (person, trigger.with_(id=0))
