"""A seeded mutation fuzz of every importer: valid small files, broken one way each, through `import`.

The promise checked for each mutated file: it imports, every span lies on the text (the model's invariants) and
an export of what came in reads back to the same export; or it is refused with a message naming the file, and
every table of the project (documents, spans, events, arguments, the schema, the change log …) is byte for byte as
before. Never an exception that is not the project's own (a traceback at the CLI), never longer than the timeout,
never more memory than the bound (and, through the CLI, than 400 MB for a small file).

    python -m tools.fuzz_import --count 3000 --seed 1            # in-process, every format (minutes)
    python -m tools.fuzz_import --count 200 --cli 40 --seed 7    # and a sample through `annotator import`
    python -m tools.fuzz_import --formats brat --count 500 --keep /tmp/fuzz   # reproducers of each failure class

Each failure class (what failed and where) is reported once with the smallest mutation found for it; `--keep`
writes them to a folder. tests/core/test_fuzz_import.py runs a small seeded version of this in the tests.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from annotator.core.errors import AnnotatorError
from annotator.core.formats import FORMATS, ExportOptions, read_documents, write_documents
from annotator.core.schema import Schema

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TEXT = "text"   # the plain-text import (UTF-8, GBK, BOMs): `annotator import` of a .txt
ALL = (*sorted(FORMATS), TEXT)
TABLES = ("documents", "spans", "events", "arguments")
ALL_TABLES = True   # every table of the file (schema, change log, words, models …), not only TABLES
TIMEOUT = 20          # CPU seconds one in-process import may take (CPU, not wall-clock: other jobs share the machine)
MEMORY = 3 << 30      # address space of the fuzzing process (a MemoryError is a failure, not a crash)
TIME, RSS_KB = "/usr/bin/time", 400_000   # GNU time, and the peak memory a CLI import of a small file may take
SUFFIX = {"native": ".jsonl", "doccano": ".jsonl", "doccano-rel": ".jsonl", "spacy": ".jsonl", "duee": ".json",
          "cluener": ".json", "conll": ".conll", "brat": ".zip", TEXT: ".txt"}
# Field names of every format, swapped into another format's records.
FIELD_NAMES = ("text", "label", "labels", "entities", "relations", "spans", "tokens", "events", "event_list",
               "arguments", "trigger", "trigger_start_index", "start", "end", "start_offset", "end_offset",
               "token_start", "token_end", "id", "from_id", "to_id", "type", "role", "argument",
               "argument_start_index", "event_type", "title", "status", "meta", "data", "origin", "state")


@dataclass(frozen=True)
class Seed:
    """A valid small input: its format, a name, and its bytes (a brat collection as zip bytes)."""

    fmt: str
    name: str
    data: bytes


@dataclass
class Finding:
    """One failure of the promise: its class (what failed, where) and the mutation that showed it."""

    key: str
    detail: str
    fmt: str
    mutation: str
    data: bytes


@dataclass
class Tally:
    """What a run did: outcomes counted, failure classes with their first (smallest) reproducer."""

    imported: int = 0
    refused: int = 0
    findings: dict[str, Finding] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        self.seen[finding.key] = self.seen.get(finding.key, 0) + 1
        old = self.findings.get(finding.key)
        if old is None or len(finding.data) < len(old.data):
            self.findings[finding.key] = finding


# -- the valid files mutations start from -------------------------------------------------------------------
def _head_lines(path: Path, count: int) -> bytes:
    return b"".join(path.read_bytes().splitlines(keepends=True)[:count])


def _brat_zip(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            for suffix in (".txt", ".ann"):
                archive.writestr(name + suffix, (FIXTURES / "formats" / "brat_tutorial" / (name + suffix)).read_bytes())
    return out.getvalue()


def _conll_head(path: Path, sentences: int) -> bytes:
    text = path.read_bytes().decode("utf-8")
    return ("\n\n".join(text.split("\n\n")[:sentences]) + "\n").encode("utf-8")


def seeds() -> list[Seed]:
    """A few small valid files of each format, and plain texts in UTF-8, GBK and with each BOM."""
    formats = FIXTURES / "formats"
    out = [Seed("doccano", "doccano_pd98", _head_lines(formats / "doccano_pd98_30.jsonl", 2)),
           Seed("doccano-rel", "doccano_rel", _head_lines(formats / "doccano_rel30.jsonl", 2)),
           Seed("spacy", "prodigy", _head_lines(formats / "prodigy_ner30.jsonl", 2)),
           Seed("duee", "duee", _head_lines(formats / "duee_cec30.json", 2)),
           Seed("cluener", "cluener", _head_lines(formats / "cluener_train30.json", 3)),
           Seed("conll", "bio", _conll_head(formats / "peoples_daily_bio" / "example.dev", 3)),
           Seed("brat", "brat_pd98", _brat_zip(["pd98-00", "pd98-01"])),
           Seed("brat", "brat_cec", _brat_zip(["cec-00"]))]
    docs = read_documents(formats / "doccano_rel30.jsonl", "doccano-rel")[:2]
    native = io.StringIO()
    write_documents(docs, native, "native", ExportOptions(with_suggestions=True))
    out.append(Seed("native", "native_events", native.getvalue().encode("utf-8")))
    news = (FIXTURES / "raw_news" / "北京库房火灾中12人亡.txt").read_text(encoding="utf-8")
    out += [Seed(TEXT, "news_utf8", news.encode("utf-8")),
            Seed(TEXT, "news_gbk", (FIXTURES / "encodings" / "北京库房火灾中12人亡.gbk.txt").read_bytes()),
            Seed(TEXT, "news_utf8_bom", b"\xef\xbb\xbf" + news.encode("utf-8")),
            Seed(TEXT, "news_utf16", news.encode("utf-16")),
            Seed(TEXT, "segmented", _head_lines(FIXTURES / "segmented" / "pfr-19980101-02-002.txt", 6))]
    return out


# -- mutations -----------------------------------------------------------------------------------------------
def _junk(rng: random.Random) -> object:
    """A JSON value of another type, or a hostile one of the same."""
    choices: list[Callable[[], object]] = [
        lambda: None, lambda: True, lambda: 10**30, lambda: -(10**30), lambda: -1, lambda: -5, lambda: 0,
        lambda: 1.5, lambda: float("nan"), lambda: float("inf"), lambda: float("-inf"), lambda: "",
        lambda: "北" * rng.choice((1, 3, 100_000)), lambda: [], lambda: {}, lambda: [[0, 1, "PER"]],
        lambda: [0, 1], lambda: {"start": 0, "end": 1}, lambda: "\x00", lambda: "\ud800",
        lambda: rng.randint(-3, 5000), lambda: [None] * 3, lambda: "PER", lambda: {"": None}]
    return rng.choice(choices)()


def _paths(value: object, prefix: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value[:20]):
            yield from _paths(item, (*prefix, i))


def _get(value: object, path: tuple[object, ...]) -> object:
    for step in path:
        value = value[step]  # type: ignore[index]
    return value


def _set(value: object, path: tuple[object, ...], new: object) -> object:
    if not path:
        return new
    _get(value, path[:-1])[path[-1]] = new  # type: ignore[index]
    return value


def _mutate_json_value(rng: random.Random, record: object) -> tuple[object, str]:
    """One change somewhere inside a parsed record."""
    path = rng.choice(list(_paths(record)))
    target = _get(record, path)
    action = rng.choice(["junk", "junk", "swap-name", "drop", "offsets", "offsets", "reverse", "nest"])
    if action == "reverse":   # a span's two offsets swapped: [end, start]
        pairs = [p for p in _paths(record) if isinstance(_get(record, p), list) and len(_get(record, p)) >= 2
                 and type(_get(record, p)[0]) is int and type(_get(record, p)[1]) is int]  # type: ignore[index]
        pairs += [p for p in _paths(record) if isinstance(_get(record, p), dict)
                  and any(k in _get(record, p) for k in ("start", "start_offset"))]
        if pairs:
            where = rng.choice(pairs)
            item = _get(record, where)
            if isinstance(item, list):
                item[0], item[1] = item[1], item[0]
            else:
                assert isinstance(item, dict)
                a, b = ("start", "end") if "start" in item else ("start_offset", "end_offset")
                item[a], item[b] = item.get(b), item.get(a)
            return record, f"json reverse offsets {where}"
    if action == "swap-name" and isinstance(target, dict) and target:
        key = rng.choice(list(target))
        target[rng.choice(FIELD_NAMES)] = target.pop(key)
        return record, f"json swap-name {path}/{key}"
    if action == "drop" and isinstance(target, dict) and target:
        key = rng.choice(list(target))
        del target[key]
        return record, f"json drop {path}/{key}"
    if action == "offsets":
        ints = [p for p in _paths(record) if type(_get(record, p)) is int]
        if ints:
            where = rng.choice(ints)
            old = _get(record, where)
            assert isinstance(old, int)
            new = rng.choice([old + rng.randint(1, 3), old - rng.randint(1, 3), 10**6, -old, old * 1000, 0])
            return _set(record, where, new), f"json offset {where}: {old} -> {new}"
    if action == "nest":
        depth = rng.choice((50, 2000, 100_000))
        return _set(record, path, json.loads("[" * min(depth, 900) + "]" * min(depth, 900))
                    if depth < 1000 else _Deep(depth)), f"json nest {path} depth {depth}"
    new = _junk(rng)
    return _set(record, path, new), f"json junk {path} -> {str(new)[:40]!r}"


class _Deep:
    """A list nested `depth` deep, written as its literal (json.dumps would recurse)."""

    def __init__(self, depth: int) -> None:
        self.depth = depth


def _dumps(record: object) -> str:
    """JSON with NaN/Infinity literals as Python writes them, and _Deep as its brackets."""
    marks: list[_Deep] = []

    def default(value: object) -> object:
        if isinstance(value, _Deep):
            marks.append(value)
            return f"\x00deep{len(marks) - 1}\x00"
        raise TypeError(type(value).__name__)

    text = json.dumps(record, ensure_ascii=False, default=default)
    for i, deep in enumerate(marks):
        text = text.replace(f'"\\u0000deep{i}\\u0000"', "[" * deep.depth + "]" * deep.depth)
    return text


def _mutate_jsonl(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = data.decode("utf-8").split("\n")
    records = [i for i, line in enumerate(lines) if line.strip()]
    if not records:
        return data, "json none"
    i = rng.choice(records)
    try:
        record = json.loads(lines[i])
    except (ValueError, RecursionError):   # broken (or nested past Python's depth) by the first mutation
        return data, "json unparsable"
    record, what = _mutate_json_value(rng, record)
    lines[i] = _dumps(record)
    return "\n".join(lines).encode("utf-8", "surrogatepass"), f"line {i + 1}: {what}"


def _mutate_numbers(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A number in a text line (a brat offset, a CoNLL column) moved past the text, reversed or made huge."""
    text = data.decode("utf-8", "surrogateescape")
    import re
    numbers = [m for m in re.finditer(r"\d+", text)]
    if not numbers:
        return data, "numbers none"
    m = rng.choice(numbers)
    new = rng.choice(["0", "-1", str(int(m.group()) + 1), str(10**30), "99999", "", "1.5", "NaN"])
    return (text[:m.start()] + new + text[m.end():]).encode("utf-8", "surrogateescape"), \
        f"number at {m.start()}: {m.group()} -> {new}"


def _mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A byte-level accident anywhere in the file."""
    pos = rng.randint(0, len(data))
    lines = data.split(b"\n")
    action = rng.choice(["truncate", "flip", "insert", "delete", "delete-line", "duplicate-line", "cr-only",
                         "bom-mid", "nul", "mixed-encoding", "crlf-mix", "line-sep", "swap-lines"])
    if action == "truncate":
        return data[:pos], f"truncate at {pos}"
    if action == "flip" and data:
        pos = min(pos, len(data) - 1)
        return data[:pos] + bytes([data[pos] ^ (1 << rng.randint(0, 7))]) + data[pos + 1:], f"flip at {pos}"
    if action == "insert":
        blob = bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 8)))
        return data[:pos] + blob + data[pos:], f"insert {blob!r} at {pos}"
    if action == "delete":
        n = rng.randint(1, 16)
        return data[:pos] + data[pos + n:], f"delete {n} at {pos}"
    i = rng.randint(0, max(0, len(lines) - 1))
    if action == "delete-line":
        return b"\n".join(lines[:i] + lines[i + 1:]), f"delete line {i + 1}"
    if action == "duplicate-line":
        return b"\n".join(lines[:i + 1] + lines[i:]), f"duplicate line {i + 1}"
    if action == "swap-lines" and len(lines) > 1:
        j = rng.randint(0, len(lines) - 1)
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines), f"swap lines {i + 1} {j + 1}"
    if action == "cr-only":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r"), "CR-only line ends"
    if action == "crlf-mix":
        return b"\n".join(line + (b"\r" if k % 2 else b"") for k, line in enumerate(lines)), "CRLF on every other line"
    if action == "bom-mid":
        return data[:pos] + b"\xef\xbb\xbf" + data[pos:], f"BOM at {pos}"
    if action == "nul":
        return data[:pos] + b"\x00" * rng.randint(1, 3) + data[pos:], f"NUL at {pos}"
    if action == "line-sep":
        return data.replace(b"\n", "\u2028".encode(), rng.randint(1, 3)), "U+2028 for line breaks"
    if action == "mixed-encoding":
        try:
            lines[i] = lines[i].decode("utf-8").encode(rng.choice(["gbk", "utf-16-le", "big5"]), "replace")
        except UnicodeDecodeError:
            pass
        return b"\n".join(lines), f"line {i + 1} in another encoding"
    return data, "unchanged"


def _zip_of(members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")   # a duplicate name is one of the mutations
        for info, data in members:
            archive.writestr(info, data)
    return out.getvalue()


def _stored(name: str) -> zipfile.ZipInfo:
    """A member written as is (no deflate: three thousand of them are made in a blink)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_STORED
    return info


@functools.lru_cache(maxsize=2)
def _bomb_zip(suffix: str) -> bytes:
    """A brat document whose .txt or .ann is 64 MB of zeros (they deflate a thousandfold), made once a process."""
    members: list[tuple[zipfile.ZipInfo | str, bytes]] = [("a.txt", "北京举行会议。".encode()),
                                                          ("a.ann", "T1\tLOC 0 2\t北京\n".encode())]
    return _zip_of([(name, b"\0" * (64 << 20) if name.endswith(suffix) else body) for name, body in members])


def _mutate_zip(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A brat zip: one member mutated, or the archive itself made hostile."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members: list[tuple[zipfile.ZipInfo | str, bytes]] = [(n, archive.read(n)) for n in archive.namelist()]
    action = rng.choice(["member", "member", "member", "truncate", "dotdot", "bomb", "symlink", "duplicate",
                         "folder-entry", "many", "absolute", "stored-lie"])
    if action == "member":
        i = rng.randrange(len(members))
        name, body = members[i]
        mutate = rng.choice([_mutate_bytes, _mutate_numbers])
        body, what = mutate(rng, body)
        members[i] = (name, body)
        return _zip_of(members), f"member {name}: {what}"
    if action == "truncate":
        pos = rng.randint(0, len(data))
        return data[:pos], f"zip truncated at {pos}"
    if action == "dotdot":
        name, body = members[rng.randrange(len(members))]
        return _zip_of([*members, (f"../../{name}", body)]), f"zip member ../../{name}"
    if action == "absolute":
        name, body = members[rng.randrange(len(members))]
        return _zip_of([*members, (f"/tmp/{name}", body)]), f"zip member /tmp/{name}"
    if action == "bomb":
        return _bomb_zip(rng.choice((".ann", ".txt"))), "zip bomb member"
    if action == "symlink":
        info = zipfile.ZipInfo(str(members[0][0]).rpartition(".")[0] + ".ann")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        info.create_system = 3
        return _zip_of([*members[:1], (info, b"/etc/passwd")]), "zip symlink member"
    if action == "duplicate":
        name, body = members[rng.randrange(len(members))]
        return _zip_of([*members, (name, body[: len(body) // 2])]), f"zip duplicate member {name}"
    if action == "folder-entry":
        return _zip_of([(zipfile.ZipInfo("sub/"), b""), *[(f"sub/{n}", b) for n, b in members]]), "zip subfolder"
    if action == "many":
        return _zip_of([*members, *[(_stored(f"x{k}.txt"), "北".encode()) for k in range(3000)]]), "zip 3000 members"
    # stored-lie: a member's declared size smaller than its data
    blob = bytearray(_zip_of(members))
    at = blob.find(b"PK\x01\x02")
    if at >= 0:
        blob[at + 24:at + 28] = (1).to_bytes(4, "little")   # the central directory's uncompressed size
    return bytes(blob), "zip member declares 1 byte"


def mutate(rng: random.Random, seed: Seed) -> tuple[bytes, str]:
    """One or two mutations of a seed's bytes, and what they were."""
    data, whats = seed.data, []
    for _ in range(rng.choice((1, 1, 1, 2))):
        if seed.fmt == "brat":
            try:
                data, what = _mutate_zip(rng, data)
            except (zipfile.BadZipFile, ValueError, OSError):   # already broken by the first mutation
                data, what = _mutate_bytes(rng, data)
        elif SUFFIX[seed.fmt] in (".jsonl", ".json") and rng.random() < 0.6:
            try:
                data, what = _mutate_jsonl(rng, data)
            except UnicodeDecodeError:
                data, what = _mutate_bytes(rng, data)
        elif seed.fmt in ("conll",) and rng.random() < 0.3:
            data, what = _mutate_numbers(rng, data)
        else:
            data, what = _mutate_bytes(rng, data)
        whats.append(what)
    return data, "; ".join(whats)


# -- the promise ---------------------------------------------------------------------------------------------
def tables_digest(db_path: Path) -> str:
    """Every table of the project (or the documents, spans, events and arguments tables), row by row: equal digests
    are byte-identical tables."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables if ALL_TABLES else TABLES:
            for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class _Timeout(BaseException):
    """Raised in the fuzzing thread when one import runs past TIMEOUT (a BaseException: no handler eats it)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _where(exc: BaseException) -> str:
    """The innermost frame of annotator's own code the exception passed through: its class's place."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/annotator/" in f.filename]
    if not frames:
        return "?"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.name}"


def _export(docs: list, fmt: str, target: Path, schema: Schema) -> bytes:
    """`docs` written in `fmt` as the project exports them (a brat collection as its files' bytes in name order)."""
    fmt = "native" if fmt == TEXT else fmt
    write_documents(docs, target, fmt, ExportOptions(with_suggestions=True), schema=schema)
    if target.is_dir():
        return b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in sorted(target.iterdir()))
    return target.read_bytes()


OUTCOMES: dict[str, int] = {"imported": 0, "refused": 0}   # how the kept promises were kept, this process


def check(project_path: Path, path: Path, fmt: str) -> tuple[str, str] | None:
    """Import `path` into a copy of `project_path`: None when the promise holds, else (class, detail)."""
    got = _check(project_path, path, fmt)
    if isinstance(got, str):
        OUTCOMES[got] += 1
        return None
    return got


def _check(project_path: Path, path: Path, fmt: str) -> tuple[str, str] | str:
    from annotator.service import Project
    from tests.core.properties import invariant_problems

    work = path.parent / "p.annot"
    shutil.copyfile(project_path, work)
    before = tables_digest(work)
    project = Project.open(work)
    signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, TIMEOUT)
    try:
        report = project.importer.import_paths([path], fmt="auto" if fmt == TEXT else fmt, prelabel=False,
                                               extend_schema=True, workers=1)
    except AnnotatorError as exc:   # raised whole (the CLI prints it, exit 2): it names the file
        signal.setitimer(signal.ITIMER_PROF, 0)
        project.close()
        if str(path.name) not in exc.message:
            return f"refusal without the file name: {type(exc).__name__}", exc.message
        return ("refused, project changed", exc.message) if tables_digest(work) != before else "refused"
    except _Timeout:
        project.close()
        return "hang", f"more than {TIMEOUT} s of CPU"
    except MemoryError:
        signal.setitimer(signal.ITIMER_PROF, 0)
        project.close()
        return "memory", "MemoryError"
    except RecursionError as exc:
        signal.setitimer(signal.ITIMER_PROF, 0)
        project.close()
        return f"RecursionError at {_where(exc)}", "RecursionError"
    except Exception as exc:
        signal.setitimer(signal.ITIMER_PROF, 0)
        project.close()
        return f"{type(exc).__name__} at {_where(exc)}", "".join(traceback.format_exception(exc)[-3:])[-600:]
    signal.setitimer(signal.ITIMER_PROF, 0)
    try:
        for message in report.errors:
            if path.name not in message:
                return "refusal without the file name", message
        if report.errors and not report.imported:
            return ("refused, project changed", report.errors[0]) if tables_digest(work) != before else "refused"
        docs = [project.document(i) for i in report.imported]
        for doc in docs:
            problems = invariant_problems(doc, allow_crossing=True)
            if problems:
                return "imported a broken document", f"{problems[:3]}"
        return (_round_trip(docs, fmt, path.parent, project.schema) if docs else None) or "imported"
    except Exception as exc:
        return f"after import: {type(exc).__name__} at {_where(exc)}", "".join(
            traceback.format_exception(exc)[-3:])[-600:]
    finally:
        project.close()


def _round_trip(docs: list, fmt: str, folder: Path, schema: Schema) -> tuple[str, str] | None:
    """Export what came in, read the export back and export that: the two exports must be equal. Read back without
    the schema, as each writer checks its records: doccano-rel's entity-or-argument rule reads differently with
    one (docs/formats.md)."""
    fmt = "native" if fmt == TEXT else fmt
    suffix = "" if FORMATS[fmt].folder else FORMATS[fmt].suffix
    first_path, second_path = folder / f"first{suffix}", folder / f"second{suffix}"
    first = _export(docs, fmt, first_path, schema)
    try:
        again = read_documents(first_path, fmt)
    except AnnotatorError as exc:
        return f"its own export refused ({fmt})", exc.message
    second = _export(again, fmt, second_path, schema)
    if first != second:
        at = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first),
                                                                                                   len(second)))
        return f"export, import, export differs ({fmt})", f"at byte {at}: {first[at - 60:at + 60]!r} vs " \
                                                         f"{second[at - 60:at + 60]!r}"
    return None


def cli_check(project_path: Path, path: Path, fmt: str, *, memory_kb: int = 1_000_000,
              timeout: int = 60) -> tuple[str, str] | None:
    """The same file through `annotator import` in a subprocess, under `ulimit -v` and a timeout."""
    work = path.parent / "cli.annot"
    shutil.copyfile(project_path, work)
    before = tables_digest(work)
    exe = Path(sys.executable).parent / "annotator"
    args = [str(exe), "import", str(work), str(path), "--no-prelabel", "--extend-schema"]
    if fmt != TEXT:
        args += ["--format", fmt]
    # GNU time says the child's peak resident memory on stderr's last line (a file of a few kB must not take more
    # than RSS_KB: a tiny import peaks at 70-140 MB).
    timed = [TIME, "-f", "maxrss=%M"] if Path(TIME).exists() else []
    command = f"ulimit -v {memory_kb}; exec " + " ".join(f"'{a}'" for a in [*timed, *args])
    try:
        done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, errors="replace")
    except subprocess.TimeoutExpired:
        return "cli hang", f"more than {timeout} s"
    stderr, _, peak = done.stderr.rpartition("maxrss=") if timed else (done.stderr, "", "")
    if peak.strip().isdigit() and int(peak) > RSS_KB and len(path.read_bytes()) < (1 << 20):
        return "cli memory", f"peak {int(peak) // 1024} MB for a {len(path.read_bytes())}-byte file"
    if "Command exited with non-zero status" in stderr:
        stderr = stderr.rpartition("Command exited with non-zero status")[0]
    done = subprocess.CompletedProcess(done.args, done.returncode, done.stdout, stderr)
    if "Traceback" in done.stderr or done.returncode not in (0, 2):
        return f"cli exit {done.returncode}", (done.stderr or done.stdout)[-600:]
    if done.returncode == 2:
        if path.name not in done.stderr + done.stdout:
            return "cli refusal without the file name", (done.stderr + done.stdout)[-300:]
        if "imported 0 document" in done.stdout and tables_digest(work) != before:
            return "cli refused, project changed", done.stderr[-300:]
    return None


# -- minimising and running ----------------------------------------------------------------------------------
def minimise(project_path: Path, folder: Path, finding: Finding, *, budget: int = 60) -> Finding:
    """Cut lines, then chunks of bytes, while the same failure class remains (at most `budget` tries)."""
    data, tries = finding.data, 0
    if finding.fmt == "brat":
        return finding   # a zip is kept whole: cutting it makes another failure

    def same(candidate: bytes) -> bool:
        nonlocal tries
        tries += 1
        path = folder / f"m{SUFFIX[finding.fmt]}"
        path.write_bytes(candidate)
        got = check(project_path, path, finding.fmt)
        return got is not None and got[0] == finding.key

    if SUFFIX[finding.fmt] in (".jsonl", ".json"):
        data = _minimise_records(data, same, budget=3 * budget)
    chunk = max(1, len(data) // 2)
    while chunk >= 1 and tries < budget:
        pos, cut = 0, False
        while pos < len(data) and tries < budget:
            candidate = data[:pos] + data[pos + chunk:]
            if candidate and same(candidate):
                data, cut = candidate, True
            else:
                pos += chunk
        if not cut:
            chunk //= 2
    return Finding(finding.key, finding.detail, finding.fmt, finding.mutation + " (minimised)", data)


def _minimise_records(data: bytes, same: Callable[[bytes], bool], *, budget: int) -> bytes:
    """JSON lines cut as JSON: whole records, then items of the lists inside what is left (an entity, a relation),
    while `same` holds; a line that is not JSON is kept as it is."""
    lines = data.decode("utf-8", "surrogateescape").split("\n")

    def joined(candidate: list[str]) -> bytes:
        return "\n".join(candidate).encode("utf-8", "surrogateescape")

    tries = 0
    for i in reversed(range(len(lines))):
        if len(lines) > 1 and tries < budget:
            tries += 1
            if same(joined(lines[:i] + lines[i + 1:])):
                del lines[i]
    for i, line in enumerate(lines):
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        # twice, the last list first: a relation goes before the entities it links can
        for where in [p for _ in range(2) for p in reversed(list(_paths(record)))]:
            try:
                items = _get(record, where)   # the path may be gone: a list inside an item the first pass took
            except (IndexError, KeyError, TypeError):
                continue
            if not isinstance(items, list):
                continue
            k = len(items) - 1  # type: ignore[arg-type]
            while k >= 0 and tries < budget:
                tries += 1
                kept = items.pop(k)  # type: ignore[attr-defined]
                lines[i] = _dumps(record)
                if not same(joined(lines)):
                    items.insert(k, kept)  # type: ignore[attr-defined]
                    lines[i] = _dumps(record)
                k -= 1
    return joined(lines)


def empty_project(folder: Path) -> Path:
    """A fresh project with the default schema, the file every mutation is imported into a copy of."""
    from annotator.service import Project

    path = folder / "empty.annot"
    Project.create(path, user="fuzz").close()
    return path


def run(*, count: int, seed: int, formats: tuple[str, ...] = ALL, cli: int = 0, keep: Path | None = None,
        minimise_budget: int = 60, progress: bool = False) -> Tally:
    """`count` mutations (spread over the formats' seeds) in-process, `cli` of them through the CLI as well."""
    rng = random.Random(seed)
    pool = [s for s in seeds() if s.fmt in formats]
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="fuzz-import-") as tmp:
        root = Path(tmp)
        project = empty_project(root)
        cli_picks = set(rng.sample(range(count), min(cli, count)))
        for k in range(count):
            chosen = rng.choice(pool)
            data, what = mutate(rng, chosen)
            folder = root / f"m{k}"
            folder.mkdir()
            path = folder / f"{chosen.name}{SUFFIX[chosen.fmt]}"
            path.write_bytes(data)
            got = check(project, path, chosen.fmt)
            if got is None and k in cli_picks:
                got = cli_check(project, path, chosen.fmt)
            if got is None:
                tally.imported += 1   # kept its promise (imported or refused cleanly)
            else:
                tally.add(Finding(got[0], got[1], chosen.fmt, f"{chosen.name}: {what}", data))
                if progress and tally.seen[got[0]] == 1:
                    print(f"  new failure class: {got[0]} ({chosen.name}: {what})", file=sys.stderr)
            shutil.rmtree(folder)
            if progress and (k + 1) % 100 == 0:
                print(f"  {k + 1}/{count}: {len(tally.findings)} failure class(es)", file=sys.stderr)
        for key, finding in list(tally.findings.items()):
            if minimise_budget:
                folder = root / "min"
                folder.mkdir(exist_ok=True)
                tally.findings[key] = minimise(project, folder, finding, budget=minimise_budget)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        for i, finding in enumerate(tally.findings.values()):
            (keep / f"{i:02d}-{finding.fmt}{SUFFIX[finding.fmt]}").write_bytes(finding.data)
            (keep / f"{i:02d}-{finding.fmt}.txt").write_text(
                f"{finding.key}\n{finding.mutation}\n{finding.detail}\n", encoding="utf-8")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", nargs="*", default=list(ALL), choices=ALL)
    parser.add_argument("--cli", type=int, default=0, help="how many of the mutations also go through the CLI")
    parser.add_argument("--keep", type=Path, help="a folder for each failure class's reproducer")
    parser.add_argument("--no-minimise", action="store_true")
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    started, cpu = time.monotonic(), time.process_time()
    tally = run(count=args.count, seed=args.seed, formats=tuple(args.formats), cli=args.cli, keep=args.keep,
                minimise_budget=0 if args.no_minimise else 60, progress=True)
    print(f"{args.count} mutations (seed {args.seed}, {args.cli} through the CLI) in "
          f"{time.monotonic() - started:.0f} s ({time.process_time() - cpu:.0f} s CPU, load "
          f"{os.getloadavg()[0]:.2f}): {tally.imported} kept the promise ({OUTCOMES['imported']} imported, "
          f"{OUTCOMES['refused']} refused), {len(tally.findings)} failure class(es)")
    for finding in tally.findings.values():
        print(f"\n[{tally.seen[finding.key]}x] {finding.key} ({finding.fmt})\n  {finding.mutation}\n  "
              f"{finding.detail.strip()[:400]}\n  reproducer: {finding.data[:300]!r}")
    return 1 if tally.findings else 0


if __name__ == "__main__":
    sys.exit(main())
