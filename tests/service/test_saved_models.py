"""A model the project file holds that cannot be read is said as the project file's error (service/saved_models.py
`in_project`), known by the mark its reader puts on the error (ReadError.saved), not by the reader's wording."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError, ReadError
from annotator.core.prelabel.events.files import load_event_model
from annotator.core.prelabel.models.files import STARTER_PATH, load_model
from annotator.core.prelabel.models.meta import read_meta
from annotator.service import Project, model_training
from annotator.service.saved_models import in_project
from annotator.store import models


def _error(call) -> ReadError:
    with pytest.raises(ReadError) as caught:
        call()
    return caught.value


def test_the_readers_mark_the_bytes_the_project_file_holds_and_nothing_else(tmp_path):
    assert _error(lambda: read_meta(b"not a zip")).saved == "entity"
    assert _error(lambda: read_meta(b"not a zip", kind="event")).saved == "event"
    assert _error(lambda: read_meta(b"not a zip", source="the event model")).saved is None
    assert _error(lambda: load_model(b"not a zip")).saved == "entity"
    assert _error(lambda: load_event_model(b"not a zip")).saved == "event"
    assert _error(lambda: load_event_model(b"not a zip", source="events-cec.evm")).saved is None
    garbage = tmp_path / "model.crf"
    garbage.write_bytes(b"not a zip")
    assert _error(lambda: load_model(garbage)).saved is None


def test_the_mark_decides_never_the_name_the_reader_gives():
    """A file whose own path reads like the project's model is the file's error; the project's model is the
    project's whatever its reader calls it (the messages stay as before)."""
    with pytest.raises(ReadError), in_project(STARTER_PATH):
        raise ReadError("not a pre-highlighting model", path="the project's model, a copy.crf")
    marked = ReadError("not a pre-highlighting model: bad", path="any name, its base model")
    marked.saved = "entity"
    with pytest.raises(ProjectError) as caught, in_project(STARTER_PATH):
        raise marked
    assert caught.value.message == (f"{STARTER_PATH}: its entity model is not readable: its base model: not a "
                                    "pre-highlighting model: bad (train it again with `annotator train`, or restore "
                                    "the file from a backup)")


def test_a_damaged_starter_is_not_said_as_the_project_files_model(tmp_path, monkeypatch):
    """The starter's meta was read under the project's model's name: a damaged starter was said as 'its entity
    model is not readable' of a project that holds no model."""
    monkeypatch.setattr(model_training, "_starter_bytes", lambda: b"not a zip")
    with Project.create(tmp_path / "p.annot") as p:
        with pytest.raises(ReadError) as caught:
            p.training.model_description()
        assert caught.value.path == "starter-pd98.crf"
        with p.store.transaction() as db:
            models.add(db, description="a model", data=b"not a zip")
        with pytest.raises(ProjectError) as said:
            p.training.model_description()
    assert said.value.message.startswith(f"{tmp_path / 'p.annot'}: its entity model is not readable: not a "
                                         "pre-highlighting model: ")
