"""Property: hostile input never escapes as a traceback and never changes the project.

Random bytes and near-valid records (a valid file with one thing broken) go to the article reader and
to every registered exchange format. Reading may succeed or raise the project's own typed errors
(AnnotatorError subclasses, carrying the file); nothing else. Through the service, a file that fails
leaves the project exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from annotator.core import formats
from annotator.core.errors import AnnotatorError
from annotator.core.formats import FORMATS, ExportOptions, read_documents, write_documents
from annotator.core.segment import read_article
from annotator.service import Project
from tests.core.properties import PROFILE, documents, invariant_problems

TEXT_FORMATS = sorted(name for name, spec in FORMATS.items() if not spec.folder)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gb18030", "big5")
JSON_JUNK = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=True),
                      st.text(max_size=5), st.just([]), st.just({}), st.just([[0, 1, "PER"]]),
                      st.just({"start": 0}), st.lists(st.integers(-3, 50), max_size=3))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    p = Project.create(tmp_path_factory.mktemp("fuzz") / "fuzz.annot", schema="ace2005-zh", user="fuzz")
    p.store.db.execute("PRAGMA synchronous=OFF")  # speed only: this file is never crashed
    yield p
    p.close()


def state(p: Project) -> str:
    """Every row of the documents, spans, events, arguments and change log: a refusal leaves them byte for byte
    (counts and largest ids alone would miss a row changed in place)."""
    db = p.store.db
    digest = hashlib.sha256()
    for table in ("documents", "spans", "events", "arguments", "changes"):
        for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def import_into(p: Project, path: Path, fmt: str) -> None:
    """Import through the service: a failure is reported, never raised, and changes nothing."""
    before = state(p)
    report = p.importer.import_paths([path], fmt=fmt, prelabel=False)
    if report.errors:
        assert report.imported == () and state(p) == before
        assert all(str(path) in message for message in report.errors), report.errors
    for doc_id in report.imported:
        assert invariant_problems(p.document(doc_id), allow_crossing=True) == []


def only_typed_errors(read) -> object:
    try:
        result = read()
    except AnnotatorError as exc:
        assert exc.path, f"{type(exc).__name__} without a file: {exc}"
        event(f"refused: {type(exc).__name__}")
        return exc
    event("read")
    return result


# -- the article reader ------------------------------------------------------------------------------
@settings(PROFILE)
@given(blob=st.binary(max_size=400))
def test_random_bytes_as_an_article(project, blob):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(blob)
        result = only_typed_errors(lambda: read_article(path))
        if not isinstance(result, AnnotatorError):
            assert all(0 <= s < e <= len(result.text) for s, e in result.tokens)
        import_into(project, path, "auto")


@st.composite
def damaged_articles(draw: st.DrawFn) -> bytes:
    """A real-looking article in some encoding, then one byte-level accident."""
    doc = draw(documents(max_size=60))
    text = doc.text
    if draw(st.booleans()):  # the pre-segmented layout: tokens between spaces, " , " ending sentences
        text = " , ".join(" ".join(doc.text[s:e] for s, e in doc.tokens[i:i + 5])
                          for i in range(0, len(doc.tokens), 5))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    pos = draw(st.integers(0, len(data)))
    accident = draw(st.sampled_from(["none", "cut", "nul", "byte", "bom", "crlf"]))
    if accident == "cut":
        data = data[:pos]
    elif accident == "nul":
        data = data[:pos] + b"\x00" + data[pos:]
    elif accident == "byte":
        data = data[:pos] + bytes([draw(st.integers(0x80, 0xFF))]) + data[pos:]
    elif accident == "bom":
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + data
    elif accident == "crlf":
        data = data.replace(b"\n", b"\r\n")
    return data


@settings(PROFILE)
@given(blob=damaged_articles())
def test_near_valid_articles(project, blob):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "news.txt"
        path.write_bytes(blob)
        only_typed_errors(lambda: read_article(path))
        import_into(project, path, "auto")


# -- every exchange format ---------------------------------------------------------------------------
@settings(PROFILE)
@given(fmt=st.sampled_from(sorted(FORMATS)), blob=st.binary(max_size=300))
def test_random_bytes_in_every_format(project, fmt, blob):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{FORMATS[fmt].suffix or '.zip'}"
        path.write_bytes(blob)
        only_typed_errors(lambda: read_documents(path, fmt))
        import_into(project, path, fmt)


def mutate_json(draw, value):
    """Replace, drop or add one thing somewhere inside a JSON value."""
    if isinstance(value, dict) and value:
        key = draw(st.sampled_from(sorted(value)))
        action = draw(st.sampled_from(["recurse", "drop", "junk", "extra"]))
        out = dict(value)
        if action == "drop":
            del out[key]
        elif action == "junk":
            out[key] = draw(JSON_JUNK)
        elif action == "extra":
            out[draw(st.text(max_size=4))] = draw(JSON_JUNK)
        else:
            out[key] = mutate_json(draw, value[key])
        return out
    if isinstance(value, list) and value:
        i = draw(st.integers(0, len(value) - 1))
        return [*value[:i], mutate_json(draw, value[i]), *value[i + 1:]]
    return draw(JSON_JUNK)


def mutate_text(draw, text: str) -> str:
    """Break one line of a text format: cut it, drop a tab, change a number, or add garbage."""
    lines = text.split("\n")
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    line = lines[i]
    action = draw(st.sampled_from(["cut", "tab", "number", "garbage", "duplicate"]))
    if action == "cut":
        line = line[:draw(st.integers(0, len(line)))]
    elif action == "tab":
        line = line.replace("\t", " ", 1) if "\t" in line else line + "\t"
    elif action == "number":
        digits = [j for j, ch in enumerate(line) if ch.isdigit()]
        if digits:
            j = draw(st.sampled_from(digits))
            line = line[:j] + str(draw(st.integers(0, 10**6))) + line[j + 1:]
    elif action == "garbage":
        line += draw(st.text(alphabet="\t :;,-E T1北\x00\u2028", max_size=6))
    else:
        lines.insert(i, line)
    lines[i] = line
    return "\n".join(lines)


def near_valid_file(draw, fmt: str, folder: Path) -> Path:
    """Export a random document in `fmt`, then break one record (or one brat line)."""
    doc = draw(documents(max_size=30))
    target = folder / ("out" if FORMATS[fmt].folder else f"out{FORMATS[fmt].suffix}")
    write_documents([doc], target, fmt, ExportOptions(with_suggestions=True))
    files = sorted(p for p in target.iterdir() if p.suffix == ".ann") if target.is_dir() else [target]
    victim = draw(st.sampled_from(files)) if files else target
    text = victim.read_text(encoding="utf-8")
    if victim.suffix == ".jsonl":
        lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = mutate_json(draw, lines[i])
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n"
    else:
        text = mutate_text(draw, text)
    victim.write_text(text, encoding="utf-8")
    return target


@settings(PROFILE)
@given(fmt=st.sampled_from(sorted(FORMATS)), data=st.data())
def test_near_valid_records_in_every_format(project, fmt, data):
    with tempfile.TemporaryDirectory() as folder:
        path = near_valid_file(data.draw, fmt, Path(folder))
        result = only_typed_errors(lambda: read_documents(path, fmt, schema=project.schema))
        if not isinstance(result, AnnotatorError):
            for doc in result:
                assert invariant_problems(doc, allow_crossing=True) == [] or not doc.tokens
        import_into(project, path, fmt)


def test_the_format_list_is_the_registry():
    # New formats join these tests by registering; make sure the registry is what we think it is.
    assert set(TEXT_FORMATS) <= set(FORMATS) and "native" in FORMATS and formats.get_format("brat").folder
