"""A pre-highlighted archive as pure values: how inputs are cut into shards, what a shard and the
manifest record (a document's uncertainty is core/informative.py's).

Shards are cut from the inputs in their order and by their sizes alone (runs of small files, runs of a
large JSONL file's lines), never by the number of workers: the same inputs always give the same shards,
so the output is identical on one worker or a hundred, and a rerun knows which shards are already done.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core import informative
from annotator.core.annotations import AnnotatedDocument, EntitySpan, SpanKind, SpanState

FORMAT = "annotator-archive"
VERSION = 1
MANIFEST = "manifest.json"
SHARD_BYTES = 512 * 1024   # a shard holds about this much input: a few seconds of one worker's time
SHARDS_WANTED = 32         # ... or less, down to MIN_SHARD_BYTES, for an archive too small to make this many
MIN_SHARD_BYTES = 64 * 1024
SHARD_FILES = 64           # ... and at most this many small files
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
TRIGGERS = "triggers"  # meta key of the trigger suggestions no event holds (native carries only events)
UNCERTAINTY = informative.UNCERTAINTY  # one definition for the archive and the review order


@dataclass(frozen=True)
class ShardPart:
    """A whole file, or the bytes [start, end) of a JSONL file: whole lines, the first numbered `line`."""

    path: str
    start: int = 0
    end: int | None = None
    line: int = 1


@dataclass(frozen=True)
class Shard:
    """One unit of work and one output file: parts of the inputs, in input order."""

    index: int
    parts: tuple[ShardPart, ...]
    size: int = 0  # bytes of input: the runner starts the largest first, so the last to finish are small

    @property
    def name(self) -> str:
        """The shard's file name in the output folder."""
        return f"shard-{self.index:05d}.jsonl"

    def key(self, settings: str) -> str:
        """What makes this shard's output: its inputs and the pre-highlighter's settings digest."""
        text = json.dumps([settings, [[p.path, p.start, p.end, p.line] for p in self.parts]], ensure_ascii=False)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class InputFile:
    """An input file as the planner sees it: its path and size, and for a large JSONL file its runs of
    lines (start, end, first line), each a shard of its own."""

    path: str
    size: int
    runs: tuple[tuple[int, int, int], ...] = ()


def shard_bytes_for(total: int) -> int:
    """The shard size for an archive of `total` input bytes: SHARD_BYTES, or less for a small archive, so
    that it still makes SHARDS_WANTED shards and the last ones to finish are short (no worker is left
    alone with a long one). It depends on the inputs alone, never on the number of workers."""
    return max(MIN_SHARD_BYTES, min(SHARD_BYTES, total // SHARDS_WANTED))


def plan_shards(files: Iterable[InputFile], *, shard_bytes: int = SHARD_BYTES,
                shard_files: int = SHARD_FILES) -> Iterator[Shard]:
    """Shards in input order: runs of small files (at most `shard_files`, about `shard_bytes`), and a
    shard for each run of lines of a large JSONL file."""
    index = 0
    group: list[ShardPart] = []
    size = 0
    for f in files:
        if len(f.runs) > 1:
            if group:
                yield Shard(index, tuple(group), size)
                index, group, size = index + 1, [], 0
            for start, end, line in f.runs:
                yield Shard(index, (ShardPart(f.path, start, end, line),), end - start)
                index += 1
            continue
        if group and (len(group) >= shard_files or size + f.size > shard_bytes):
            yield Shard(index, tuple(group), size)
            index, group, size = index + 1, [], 0
        group.append(ShardPart(f.path))
        size += f.size
    if group:
        yield Shard(index, tuple(group), size)


def line_runs(chunks: Iterable[bytes], *, run_bytes: int, size: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, first line) of runs of whole lines, from a file's bytes read in chunks: one pass, nothing
    kept but the runs. Given the file's `size`, as many runs as runs of `run_bytes` would need, of about
    equal size (no short run left to finish alone); else runs of at least `run_bytes`, the last shorter."""
    total = size or 0
    count = -(-total // run_bytes)  # 0 without a size

    def reach(start: int) -> int:  # the byte the run from `start` must reach: the next of count equal bounds
        if not count:
            return start + run_bytes
        k = start * count // total + 1
        while k * total // count <= start:
            k += 1
        return k * total // count

    runs: list[tuple[int, int, int]] = []
    start, first = 0, 1   # the current run's first byte and line
    pos, lines = 0, 1     # the current chunk's first byte and the line it is on
    goal = reach(start)
    for chunk in chunks:
        i = 0
        while True:
            want = max(goal - 1 - pos, i)  # a newline from here on ends the run
            j = chunk.find(b"\n", want) if want < len(chunk) else -1
            if j < 0:
                break
            end = pos + j + 1
            runs.append((start, end, first))
            start, first, i = end, lines + chunk.count(b"\n", 0, j + 1), j + 1
            goal = reach(start)
        lines += chunk.count(b"\n")
        pos += len(chunk)
    if pos > start:
        runs.append((start, pos, first))
    return runs


def is_jsonl(path: str) -> bool:
    """Whether a file is split by lines when large."""
    return path.lower().endswith(JSONL_SUFFIXES)


def triggers_to_meta(doc: AnnotatedDocument) -> AnnotatedDocument:
    """The document with its free trigger suggestions (of no event) moved into meta[TRIGGERS] as
    {start, end, type, text}: the native format writes a trigger only as an event's, and would drop them."""
    held = {ev.trigger_id for ev in doc.events}
    free = [s for s in doc.spans if s.kind == SpanKind.TRIGGER and s.state == SpanState.SUGGESTED and s.id not in held]
    if not free:
        return doc
    gone = {id(s) for s in free}
    found = [{"start": s.start, "end": s.end, "type": s.label, "text": s.text_in(doc.text)} for s in free]
    return replace(doc, spans=tuple(s for s in doc.spans if id(s) not in gone), meta={**doc.meta, TRIGGERS: found})


def triggers_from_meta(doc: AnnotatedDocument, *, origin: str = "triggers") -> AnnotatedDocument:
    """The document with the trigger suggestions of meta[TRIGGERS] back among its spans."""
    found = doc.meta.get(TRIGGERS)
    if not found:
        return doc
    spans = tuple(EntitySpan(0, int(t["start"]), int(t["end"]), str(t["type"]), origin=origin,
                             state=SpanState.SUGGESTED, kind=SpanKind.TRIGGER) for t in found)
    meta = {k: v for k, v in doc.meta.items() if k != TRIGGERS}
    return replace(doc, spans=(*doc.spans, *spans), meta=meta)


@dataclass(frozen=True)
class ShardSummary:
    """What a finished shard holds; written next to it, and its presence marks the shard complete."""

    name: str
    key: str
    documents: int = 0
    suggestions: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    errors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """As JSON."""
        return {"name": self.name, "key": self.key, "documents": self.documents, "suggestions": self.suggestions,
                "labels": dict(sorted(self.labels.items())), "errors": list(self.errors)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShardSummary:
        """From JSON."""
        return cls(str(data["name"]), str(data["key"]), int(data["documents"]), int(data["suggestions"]),
                   {str(k): int(v) for k, v in data.get("labels", {}).items()}, tuple(data.get("errors", ())))


def summary_name(shard_name: str) -> str:
    """The file name of a shard's summary."""
    return shard_name + ".done"  # not a suffix import reads: a folder of shards imports as it is


def manifest(summaries: Sequence[ShardSummary], *, model: str, schema: str, settings: str,
             inputs: int) -> dict[str, Any]:
    """The archive's manifest: its shards with their counts, the totals and the model used."""
    labels: dict[str, int] = {}
    for s in summaries:
        for label, n in s.labels.items():
            labels[label] = labels.get(label, 0) + n
    return {"format": FORMAT, "version": VERSION, "model": model, "schema": schema, "settings": settings,
            "inputs": inputs, "documents": sum(s.documents for s in summaries),
            "suggestions": sum(s.suggestions for s in summaries), "labels": dict(sorted(labels.items())),
            "uncertainty": UNCERTAINTY, "errors": [e for s in summaries for e in s.errors],
            "shards": [{"name": s.name, "documents": s.documents, "suggestions": s.suggestions} for s in summaries]}
