"""Project files from elsewhere: a `.annot` that is SQLite, opens, and holds rows or models no version of
annotator writes (changed by hand or by another program). Each command that reads it must exit 2 naming the
file, the row and the problem, never a traceback, a crash or a silent drop, and leave the file as it was.

The rows are spoilt with plain SQL in a copy of one small project. Most kinds run in this process (CliRunner:
fast); those that once took the process down (a 2**63 offset asked for exabytes, a damaged crfsuite model
crashed it) run in a child under a memory cap and a time bound.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.resources import models_dir

GOLD = {"text": "王五在北京工作。张三在上海会见了李四。",
        "entities": [{"start": 0, "end": 2, "label": "PER"}, {"start": 3, "end": 5, "label": "LOC"}],
        "events": [{"type": "Contact:Meet", "trigger": {"start": 13, "end": 15},
                    "arguments": [{"role": "Entity", "start": 8, "end": 10}]}]}
MAIN = "from annotator.cli import main; main()"
MEMORY_CAP = 2 * 1024 ** 3
BOUND_S = 30


def run(*args: object) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output, None if isinstance(result.exception, SystemExit) else result.exception


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def child(*args: object) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process under a memory cap: a crash or a hang must not take the test run with it."""
    return subprocess.run([sys.executable, "-c", MAIN, *map(str, args)], capture_output=True, text=True,
                          timeout=BOUND_S, preexec_fn=_cap_memory,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One reviewed document with two entities and an event, and one new document."""
    folder = tmp_path_factory.mktemp("template")
    path, gold, new = folder / "p.annot", folder / "gold.jsonl", folder / "new.jsonl"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    new.write_text('{"text": "赵六在广州会见了钱七。"}\n', encoding="utf-8")
    assert run("new", path)[0] == 0
    assert run("import", path, gold, "--reviewed")[0] == 0
    assert run("import", path, new, "--no-prelabel")[0] == 0
    return path


def spoilt(template: Path, folder: Path, *statements: str | tuple[str, tuple[object, ...]]) -> Path:
    path = folder / "p.annot"
    shutil.copyfile(template, path)
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(*statement) if isinstance(statement, tuple) else conn.execute(statement)
    conn.close()
    return path


RESTORE = "(the file was changed outside annotator; restore it from a backup"
ROW_KINDS = [
    ("offsets-past-text", 'UPDATE spans SET start = 100, "end" = 120 WHERE id = 1',
     "document 1, span 1: its offsets [100, 120) are not a range of the text (19 characters)"),
    ("offset-negative", "UPDATE spans SET start = -5 WHERE id = 1", "document 1, span 1: its offsets [-5, 2)"),
    ("start-after-end", 'UPDATE spans SET start = 5, "end" = 2 WHERE id = 2', "document 1, span 2: its offsets [5, 2)"),
    ("zero-length", 'UPDATE spans SET start = 3, "end" = 3 WHERE id = 2', "document 1, span 2: its offsets [3, 3)"),
    ("offset-text", "UPDATE spans SET start = 'abc' WHERE id = 1", "document 1, span 1: its offsets ['abc', 2)"),
    ("offset-real", "UPDATE spans SET start = 0.5 WHERE id = 1", "document 1, span 1: its offsets [0.5, 2)"),
    ("span-state", "UPDATE spans SET state = 'weird' WHERE id = 1",
     "document 1, span 1: its state 'weird' is none this version knows (accepted, rejected, suggested)"),
    ("span-kind", "UPDATE spans SET kind = 'weird' WHERE id = 1", "document 1, span 1: its kind 'weird'"),
    ("event-state", "UPDATE events SET state = 'weird'", "document 1, event 1: its state 'weird'"),
    ("argument-state", "UPDATE arguments SET state = 'weird'", "document 1, an argument of event 1: its state 'weird'"),
    ("trigger-missing", "UPDATE events SET trigger_id = 999",
     "document 1, event 1: its trigger is span 999, which the document does not have"),
    ("argument-span-missing", "UPDATE arguments SET span_id = 999",
     "document 1, event 1: its 'Entity' argument is span 999, which the document does not have"),
    ("argument-event-missing", "UPDATE arguments SET event_id = 999",
     "document 1: it has an argument of event 999, which the document does not have"),
    ("status", "UPDATE documents SET status = 'weird' WHERE id = 1", "document 1: its status 'weird' is none"),
    ("tokens-text", "UPDATE documents SET tokens = 'hello' WHERE id = 1",
     "document 1: its tokens are str, not the bytes annotator writes"),
    ("text-blob", ("UPDATE documents SET text = ? WHERE id = 1", ("王五".encode("gbk"),)),
     "document 1: its text is bytes, not text"),
    ("meta-garbage", "UPDATE documents SET meta = '{not json' WHERE id = 1",
     "document 1: its stored original text or metadata is not readable"),
    ("meta-list", "UPDATE documents SET meta = '[1, 2]' WHERE id = 1", "document 1: its metadata is list, not an object"),
    ("schema-garbage", "UPDATE project SET value = '{not json' WHERE key = 'schema'",
     "its setting 'schema': not readable JSON"),
    ("schema-list", "UPDATE project SET value = '[1]' WHERE key = 'schema'",
     "the project's schema is a list, not a table of labels and event types"),
    ("table-dropped", "DROP TABLE arguments", "it has no table 'arguments', which every project of schema"),
    ("column-dropped", "ALTER TABLE spans DROP COLUMN score", "its table 'spans' has no column 'score'"),
]


@pytest.mark.parametrize(("statement", "words"), [k[1:] for k in ROW_KINDS], ids=[k[0] for k in ROW_KINDS])
def test_a_row_no_version_writes_is_refused_naming_the_file_and_the_row(template, tmp_path, statement, words):
    path = spoilt(template, tmp_path, statement)
    before = digest(path)
    for args in (("info", path), ("export", path, "-o", tmp_path / "out.jsonl", "--status", "all")):
        code, out, exc = run(*args)
        assert exc is None, f"{args[0]}: {exc!r}"
        assert code == 2 and f"error: {path}: {words}" in out, f"{args[0]}: {out}"
        assert RESTORE in out or "is a list" in out
    assert not (tmp_path / "out.jsonl").exists()
    assert digest(path) == before


def test_a_layer_no_version_writes_is_refused_naming_the_annotator(template, tmp_path):
    path = spoilt(template, tmp_path, "INSERT INTO layers(doc_id, annotator, data, merged_at) VALUES (1, 'bob', '[1]', 'x')")
    # Each command that reads the layer: the document's adjudication, bob's export. (Agreement, and so stats, read only
    # the layers of documents two annotators sent back; bob's is the only one of document 1.)
    for args in (("adjudicate", path, 1), ("export", path, "-o", tmp_path / "bob.jsonl", "--annotator", "bob")):
        code, out, exc = run(*args)
        assert exc is None and code == 2, (args, out)
        assert f"error: {path}: document 1, bob's merged layer: not the layer annotator writes" in out


def test_a_layer_no_version_writes_on_a_shared_document_is_refused_by_stats(template, tmp_path):
    path = spoilt(template, tmp_path, *(f"INSERT INTO layers(doc_id, annotator, data, merged_at) VALUES (1, '{name}', "
                                        f"'{data}', 'x')" for name, data in (("ann", '{"entities": []}'), ("bob", "[1]"))))
    code, out, exc = run("stats", path)
    assert exc is None and code == 2
    assert f"error: {path}: document 1, bob's merged layer: not the layer annotator writes" in out


def test_a_count_setting_changed_by_hand_is_counted_again_when_writing(template, tmp_path):
    path = spoilt(template, tmp_path, "UPDATE project SET value = '{' WHERE key = 'event_counts'")
    new = tmp_path / "more.jsonl"
    new.write_text('{"text": "孙八在深圳工作。"}\n', encoding="utf-8")
    code, out, exc = run("import", path, new, "--no-prelabel")
    assert exc is None and code == 0, out
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM project WHERE key = 'event_counts'").fetchone() == ('"accepted"',)
    conn.close()


def test_a_huge_offset_is_refused_in_bounded_memory(template, tmp_path):
    """An end of 2**63 - 1 made `info` ask for exabytes (MemoryError, a traceback)."""
    path = spoilt(template, tmp_path, 'UPDATE spans SET "end" = 9223372036854775807 WHERE id = 1')
    for args in (("info", path), ("list", path, "--order", "informative")):
        proc = child(*args)
        assert "Traceback" not in proc.stderr
        if proc.returncode:
            assert proc.returncode == 2 and f"error: {path}: document 1, span 1: its offsets [0, 9223372036854775807)" \
                in proc.stderr


# -- models kept in the project ------------------------------------------------------------------------------
def _rezip(data: bytes, **members: bytes) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, members.pop(name, None) or source.read(name))
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("meta.json", b" " * (3 * 1024 ** 3 // 2))  # 1.5 GB of spaces in a 1.5 MB member
    return out.getvalue()


def _weights(**arrays: object) -> bytes:
    import numpy as np

    starter = zipfile.ZipFile(models_dir() / "starter-pd98.crf")
    loaded = dict(np.load(io.BytesIO(starter.read("weights.npz"))))
    loaded.update(arrays)  # type: ignore[arg-type]
    out = io.BytesIO()
    np.savez(out, **loaded)
    return out.getvalue()


def entity_models() -> dict[str, tuple[bytes, str]]:
    import numpy as np

    starter = (models_dir() / "starter-pd98.crf").read_bytes()
    return {
        "truncated": (starter[: len(starter) // 2], "not a pre-highlighting model: File is not a zip file"),
        "empty": (b"", "not a pre-highlighting model"),
        "meta-list": (_rezip(starter, **{"meta.json": b"[1]"}), "its meta.json is not an object"),
        "format-future": (_rezip(starter, **{"meta.json": json.dumps({"format": 99}).encode()}),
                          "model format or tag set not understood by this version"),
        "transitions": (_rezip(starter, **{"weights.npz": _weights(transitions=np.zeros((2, 2)))}),
                        "its transitions are (2, 2), not 13 by 13 tags"),
        "weights-short": (_rezip(starter, **{"weights.npz": _weights(**{"w:b-1": np.zeros((1, 13))})}),
                          "its table 'b-1' is not a sorted list of keys with a row of weights each"),
        "pickled": (_rezip(starter, **{"weights.npz": _weights(transitions=np.array([{}], dtype=object))}),
                    "Object arrays cannot be loaded when allow_pickle=False"),
        "relabeler": (_rezip(starter, **{"relabeler.crfsuite": b"lCRF" + b"\xff" * 200}),
                      "its span relabeler is not readable: not a crfsuite model"),
        "bomb": (_bomb(), "is larger (1536.0 MB) than an input may be"),
    }


def event_models() -> dict[str, tuple[bytes, str]]:
    evm = (models_dir() / "events-cec.evm").read_bytes()
    triggers = zipfile.ZipFile(io.BytesIO(evm)).read("triggers.crfsuite")
    return {
        "truncated": (evm[: len(evm) // 2], "not an event model: File is not a zip file"),
        "meta-list": (_rezip(evm, **{"meta.json": b"[1]"}), "its meta.json is not an object"),
        "crfsuite-garbage": (_rezip(evm, **{"triggers.crfsuite": b"lCRF" + b"\xff" * 2000}),
                             "its triggers.crfsuite is damaged: not a crfsuite model"),
        "crfsuite-truncated": (_rezip(evm, **{"triggers.crfsuite": triggers[: len(triggers) // 3]}),
                               "its triggers.crfsuite is damaged: a crfsuite model of 242462 bytes whose header says "
                               "727388"),
        "entity-model": ((models_dir() / "starter-pd98.crf").read_bytes(),
                         "not an event model: \"There is no item named 'triggers.crfsuite' in the archive\""),
    }


def exported(path: Path, out: Path) -> str:
    code, output, exc = run("export", path, "-o", out, "--status", "all", "--with-suggestions")
    assert code == 0 and exc is None, output
    return out.read_text(encoding="utf-8")


# Kinds that crfsuite reads, or that ask for memory, run in a child; the rest here.
IN_A_CHILD = {"relabeler", "bomb", "crfsuite-garbage", "crfsuite-truncated"}


@pytest.mark.slow  # ~35 s: a model is loaded per kind, four of them in a child process
@pytest.mark.parametrize("table", ["models", "event_models"])
def test_a_damaged_model_in_the_project_is_refused_naming_the_project_never_a_crash(template, tmp_path, table):
    """Each damaged model is refused by `prelabel` (which loads it) naming the project file and the problem, and
    nothing is suggested; a crfsuite model garbled or cut short crashed the process (SIGSEGV) before its layout
    was checked."""
    kinds = entity_models() if table == "models" else event_models()
    what = "its entity model" if table == "models" else "its event model"
    for name, (data, words) in kinds.items():
        folder = tmp_path / name
        folder.mkdir()
        path = spoilt(template, folder, (f"INSERT INTO {table}(created_at, description, data) VALUES ('x', 'y', ?)",
                                         (data,)))
        before = exported(path, folder / "before.jsonl")
        if name in IN_A_CHILD:
            proc = child("prelabel", path)
            code, out = proc.returncode, proc.stderr
        else:
            code, out, exc = run("prelabel", path)
            assert exc is None, f"{name}: {exc!r}"
        assert code == 2, f"{name}: {code} {out}"
        assert "Traceback" not in out
        assert f"error: {path}: {what} is not readable: " in out and words in out, f"{name}: {out}"
        assert exported(path, folder / "after.jsonl") == before


# -- beside and inside the file --------------------------------------------------------------------------------
def test_a_log_of_another_database_left_beside_the_project_is_refused_and_the_project_kept(template, tmp_path):
    """SQLite lays any -wal file's pages over the file: a log another database left under the project's name
    (a project copied over one whose writer crashed) replaced the project at the next writer's checkpoint; the
    file shrank to the other database's 8 KB and every command then said 'not an annotator project'."""
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE notes(body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('x')")
    conn.commit()
    log = Path(f"{other}-wal").read_bytes()
    conn.close()
    path = spoilt(template, tmp_path)
    before = exported(path, tmp_path / "before.jsonl")
    Path(f"{path}-wal").write_bytes(log)
    new = tmp_path / "more.jsonl"
    new.write_text('{"text": "孙八在深圳工作。"}\n', encoding="utf-8")
    for args in (("import", path, new, "--no-prelabel"), ("info", path), ("list", path)):
        code, out, exc = run(*args)
        assert exc is None and code == 2, out
        assert f"error: {path}: the log beside it (p.annot-wal) does not belong to it" in out
        assert "the file itself is intact and was not changed; move p.annot-wal away" in out
    Path(f"{path}-wal").unlink()
    Path(f"{path}-shm").unlink(missing_ok=True)
    assert exported(path, tmp_path / "after.jsonl") == before


def test_a_document_larger_than_an_import_takes_is_refused_before_it_is_shown(template, tmp_path, monkeypatch):
    """A 70-million-character text put in by SQL took the window down (std::bad_alloc under a 2 GB cap, after
    55 s); a document is refused when opened, as at import, naming it (bounds lowered here to stay fast)."""
    path = spoilt(template, tmp_path, ("UPDATE documents SET text = ?, tokens = x'' WHERE id = 2", ("新" * 5000,)))
    monkeypatch.setenv("ANNOTATOR_MAX_DOCUMENT_CHARS", "1000")
    code, out, exc = run("prelabel", path, "--doc", 2)
    assert exc is None and code == 2
    assert (f"error: {path}: document 2: the text is 5,000 characters long; a document may hold at most 1,000"
            in out)


def test_a_document_of_more_annotations_than_an_import_takes_is_refused_before_its_rows_are_read(template, tmp_path,
                                                                                               monkeypatch):
    """A document of 2 million spans put in by SQL was read whole, then refused (13 CPU-s and 1.7 GB in `prelabel
    --doc`, 31 s in the window), and `export` read and wrote it. SQLite counts them first now: the spans here
    hold a state no version writes, which reading them would meet before the count (bound lowered to stay fast)."""
    many = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) "
            "INSERT INTO spans(doc_id, start, \"end\", label, kind, origin, state) "
            "SELECT 2, 0, 2, 'PER', 'entity', 'model', 'weird' FROM n")
    event = ("INSERT INTO events(doc_id, type, trigger_id, state, origin) "
             "SELECT 2, 'Contact:Meet', max(id), 'accepted', 'manual' FROM spans")
    path = spoilt(template, tmp_path, many, event)
    monkeypatch.setenv("ANNOTATOR_MAX_ANNOTATIONS", "100")
    for args in (("prelabel", path, "--doc", 2), ("info", path),
                 ("export", path, "-o", tmp_path / "out.jsonl", "--status", "all")):
        code, out, exc = run(*args)
        assert exc is None and code == 2, (args, out)
        assert (f"error: {path}: document 2: the record holds 151 annotations; a document may hold at most 100 "
                "(set ANNOTATOR_MAX_ANNOTATIONS to a larger number if they are all meant)") in out, (args, out)


def test_tokens_no_document_of_the_bounds_holds_are_refused_before_they_are_decoded(template, tmp_path, monkeypatch):
    """Sound tokens take at most 3 bytes a character; a tokens column past that for the largest document allowed
    was decoded whole (a tuple per two bytes), so a crafted one could ask for any memory."""
    path = spoilt(template, tmp_path, "UPDATE documents SET tokens = zeroblob(5000) WHERE id = 2")
    monkeypatch.setenv("ANNOTATOR_MAX_DOCUMENT_CHARS", "1000")
    code, out, exc = run("prelabel", path, "--doc", 2)
    assert exc is None and code == 2, out
    assert f"error: {path}: document 2: its tokens take 5,000 bytes; the tokens of a document take at most 3,000" in out


# -- team files ------------------------------------------------------------------------------------------------
def test_team_files_from_elsewhere_are_refused_naming_the_file(template, tmp_path):
    """An annotator's file with a row no version writes, and the same file merged under a second name (it
    counted twice: the agreement of 'two' annotators was 1.000); the lead's project is unchanged."""
    lead = spoilt(template, tmp_path)
    work = tmp_path / "work.annot"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({**GOLD, "events": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("new", work)[0] == 0 and run("import", work, gold, "--reviewed")[0] == 0
    before = exported(lead, tmp_path / "before.jsonl")
    damaged = tmp_path / "damaged.annot"
    shutil.copyfile(work, damaged)
    with sqlite3.connect(damaged) as conn:
        conn.execute('UPDATE spans SET "end" = 99')
    conn.close()
    code, out, exc = run("merge", lead, damaged, "--annotator", "ann1")
    assert exc is None and code == 2
    assert f"error: {damaged}: document 1, span 1: its offsets [0, 99) are not a range of the text" in out
    assert exported(lead, tmp_path / "after.jsonl") == before
    assert run("merge", lead, work, "--annotator", "ann1")[0] == 0
    assert run("merge", lead, work, "--annotator", "ann1")[0] == 0  # again, as the same annotator: nothing new
    code, out, exc = run("merge", lead, work, "--annotator", "ann2")
    assert exc is None and code == 2
    assert f"error: {work}: was merged before as ann1's work; merged again as ann2's" in out


# -- archives of `annotator suggest` ------------------------------------------------------------------------------
def _archive(folder: Path, shards: list[dict[str, object]]) -> Path:
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"format": "annotator-archive", "version": 1, "documents": 1,
                                                       "shards": shards}), encoding="utf-8")
    return folder


def test_an_archive_reads_nothing_from_outside_its_folder_and_no_shard_twice(template, tmp_path, monkeypatch):
    """A shard that is a symbolic link out of the folder was read (a secret file came into the project); a
    manifest naming one shard a million times read it a million times (581 s); a million shards took 80 CPU-s
    to be refused."""
    lead = spoilt(template, tmp_path)
    before = exported(lead, tmp_path / "before.jsonl")
    secret = tmp_path / "secret.jsonl"
    secret.write_text('{"text": "机密文件的内容。"}\n', encoding="utf-8")
    linked = _archive(tmp_path / "linked", [{"name": "shard-00000.jsonl", "documents": 1}])
    (linked / "shard-00000.jsonl").symlink_to(secret)
    for extra in ((), ("--sample", "1")):
        code, out, exc = run("import", lead, linked, *extra)
        assert exc is None and code == 2
        assert f"error: {linked / 'shard-00000.jsonl'}: is a symbolic link out of the archive's folder" in out
    twice = _archive(tmp_path / "twice", [{"name": "shard-00000.jsonl", "documents": 1}] * 3)
    (twice / "shard-00000.jsonl").write_text('{"text": "上海举行会议。"}\n', encoding="utf-8")
    code, out, exc = run("import", lead, twice)
    assert exc is None and code == 2
    assert "the archive's manifest.json is damaged: shard 2 names 'shard-00000.jsonl' again (shard 1)" in out
    monkeypatch.setattr("annotator.service.archive_import.MAX_SHARDS", 5)
    many = _archive(tmp_path / "many", [{"name": f"s{i}.jsonl", "documents": 1} for i in range(6)])
    code, out, exc = run("import", lead, many, "--sample", "1")
    assert exc is None and code == 2
    assert "the archive's manifest.json is damaged: it lists 6 shards; an archive holds at most 5" in out
    assert exported(lead, tmp_path / "after.jsonl") == before


@pytest.mark.slow  # two windows started: ~10 s, 28 s at load 10
def test_the_window_on_a_project_changed_outside_annotator_opens_or_says_why(template, tmp_path):
    """`gui --screenshot`: a damaged row keeps its document closed (the status line names the row: 'Something
    went wrong: 'weird'' before, exit 1); a missing table refuses the project naming it (exit 2)."""
    env = {"QT_QPA_PLATFORM": "offscreen"}
    row = spoilt(template, tmp_path, "UPDATE spans SET kind = 'weird' WHERE id = 1")
    proc = subprocess.run([sys.executable, "-c", MAIN, "gui", str(row), "--doc", "1", "--screenshot",
                           str(tmp_path / "row.png")], capture_output=True, text=True, timeout=BOUND_S * 2,
                          preexec_fn=_cap_memory, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env})
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert (tmp_path / "row.png").stat().st_size > 0
    folder = tmp_path / "table"
    folder.mkdir()
    table = spoilt(template, folder, "DROP TABLE arguments")
    proc = subprocess.run([sys.executable, "-c", MAIN, "gui", str(table), "--screenshot", str(folder / "t.png")],
                          capture_output=True, text=True, timeout=BOUND_S * 2, preexec_fn=_cap_memory,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"error: {table}: it has no table 'arguments'" in proc.stderr
