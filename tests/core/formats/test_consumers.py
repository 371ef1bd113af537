"""The exported files load where people train: spaCy, Hugging Face `datasets`, NLTK's CoNLL reader.

These libraries are the `consumers` extra (`pip install -e .[consumers]`); each test skips when its
library is missing.
"""

from __future__ import annotations

import json

import pytest

from annotator.core.formats import ExportOptions, write_documents

from .conftest import CEC, PD98, astral_crlf_document, read_native, seed_document

# Each loads a large third-party library: part of `make test`, not of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def docs():
    return [seed_document(), *read_native(PD98), astral_crlf_document()]


def test_spacy_char_span_finds_every_span_in_blank_zh_and_in_our_tokens(tmp_path, docs):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc, DocBin

    path = tmp_path / "x.jsonl"
    write_documents(docs, path, "spacy", ExportOptions(with_suggestions=True))
    nlp = spacy.blank("zh")           # the character segmenter: needs no extra package
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    checked = 0
    bin_ = DocBin()
    for rec in records:
        text = rec["text"]
        blank = nlp.make_doc(text)
        ours = Doc(nlp.vocab, words=[t["text"] for t in rec["tokens"]], spaces=[t["ws"] for t in rec["tokens"]])
        assert ours.text == text
        ents = []
        for span in rec["spans"]:
            for doc in (blank, ours):
                got = doc.char_span(span["start"], span["end"], label=span["label"])
                assert got is not None and got.text == span["text"] == text[span["start"]:span["end"]]
            assert ours[span["token_start"]:span["token_end"] + 1].text == span["text"]
            ents.append(ours.char_span(span["start"], span["end"], label=span["label"]))
            checked += 1
        ours.spans["sc"] = ents          # nested spans go to a span group, as spancat trains on them
        bin_.add(ours)
    assert checked == sum(len(r["spans"]) for r in records) > 60
    assert len(list(bin_.get_docs(nlp.vocab))) == len(records)


@pytest.fixture
def hf_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return str(tmp_path / "hf-cache")


@pytest.mark.parametrize("fmt", ["native", "doccano", "doccano-rel"])
def test_hugging_face_datasets_json_loader_reads_native_and_doccano(tmp_path, hf_cache, docs, fmt):
    datasets = pytest.importorskip("datasets")
    all_docs = docs + read_native(CEC)
    path = tmp_path / f"{fmt}.jsonl"
    write_documents(all_docs, path, fmt)
    table = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=hf_cache)
    assert table.num_rows == len(all_docs)
    spans = 0
    for row in table:
        text = row["text"]
        if fmt == "native":
            for ent in row["entities"]:
                assert text[ent["start"]:ent["end"]] == ent["text"]
                spans += 1
            for ev in row["events"]:
                for arg in ev["arguments"]:
                    assert text[arg["start"]:arg["end"]] == arg["text"]
        elif fmt == "doccano":
            spans += len(row["label"])
            assert all(0 <= int(s) < int(e) <= len(text) for s, e, _ in row["label"])
        else:
            spans += len(row["entities"]) + len(row["relations"])
            ids = {e["id"] for e in row["entities"]}
            assert all(r["from_id"] in ids and r["to_id"] in ids for r in row["relations"])
    assert spans > 60


def test_nltk_conll_reader_reads_the_bio_file_back_to_the_entities(tmp_path, docs, monkeypatch):
    nltk = pytest.importorskip("nltk")
    from nltk.chunk import conlltags2tree
    from nltk.corpus.reader import ConllCorpusReader

    write_documents(docs, tmp_path / "x.conll", "conll", ExportOptions())
    # NLTK ≥ 3.9 reads corpora only from folders on its data path.
    monkeypatch.setattr(nltk.data, "path", [*nltk.data.path, str(tmp_path)])
    reader = ConllCorpusReader(str(tmp_path), ["x.conll"], columntypes=("words", "pos"))
    sentences = [s for s in reader.tagged_sents() if s and s[0][0] != "-DOCSTART-"]
    found = []
    for sentence in sentences:
        tree = conlltags2tree([(word, "X", tag) for word, tag in sentence])
        found += [(sub.label(), "".join(w for w, _ in sub.leaves())) for sub in tree.subtrees()
                  if sub is not tree]
    want = []
    for doc in docs:                    # outermost spans in text order, as CoNLL keeps them
        end = -1
        for s in doc.entities():
            if s.start >= end:
                want.append((s.label, doc.text[s.start:s.end].replace(" ", "")))
                end = s.end
    assert found == want and len(found) > 60


def outermost(docs) -> list[tuple[str, str]]:
    want = []
    for doc in docs:
        end = -1
        for s in doc.entities():
            if s.start >= end:
                want.append((s.label, doc.text[s.start:s.end].replace(" ", "")))
                end = s.end
    return want


def test_spacy_convert_gives_as_many_documents_as_we_exported(tmp_path, docs):
    spacy = pytest.importorskip("spacy")
    import subprocess
    import sys

    from spacy.tokens import DocBin

    summary = write_documents(docs, tmp_path / "x.conll", "conll", ExportOptions())
    (tmp_path / "out").mkdir()
    done = subprocess.run([sys.executable, "-m", "spacy", "convert", str(tmp_path / "x.conll"), str(tmp_path / "out"),
                           "--converter", "ner"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    converted = list(DocBin().from_disk(tmp_path / "out" / "x.spacy").get_docs(spacy.blank("zh").vocab))
    assert len(converted) == summary.documents == len(docs)
    got = [(ent.label_, ent.text.replace(" ", "")) for doc in converted for ent in doc.ents]
    assert got == [(label, text) for label, text in outermost(docs) if "\n" not in text]


@pytest.mark.parametrize("scheme", ["bio", "iob1", "bioes", "bmes"])
def test_nltk_reads_every_scheme_we_write_and_chunks_bio_and_iob1(tmp_path, docs, monkeypatch, scheme):
    nltk = pytest.importorskip("nltk")
    from nltk.chunk import conlltags2tree
    from nltk.corpus.reader import ConllCorpusReader

    write_documents(docs, tmp_path / "x.conll", "conll", ExportOptions(scheme=scheme))
    monkeypatch.setattr(nltk.data, "path", [*nltk.data.path, str(tmp_path)])
    reader = ConllCorpusReader(str(tmp_path), ["x.conll"], columntypes=("words", "pos"))
    sentences = [s for s in reader.tagged_sents() if s]
    words = [w for s in sentences for w, _ in s]
    assert "".join(words) == "".join("".join(d.text.split()) for d in docs)
    if scheme in ("bioes", "bmes"):   # NLTK's chunker knows B/I/O only: it cannot build trees from these
        with pytest.raises(ValueError):
            for sentence in sentences:
                conlltags2tree([(w, "X", t) for w, t in sentence])
        return
    found = []
    for sentence in sentences:
        tree = conlltags2tree([(w, "X", t) for w, t in sentence], strict=False)
        found += [(sub.label(), "".join(w for w, _ in sub.leaves())) for sub in tree.subtrees() if sub is not tree]
    assert found == outermost(docs)
