"""An export written by worker processes is byte for byte the serial export, with the same summary."""

from __future__ import annotations

import pytest

from annotator.service import Project, export_pool
from tests.conftest import FIXTURES


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        p.importer.import_paths([FIXTURES / "pd98_train30.jsonl"], reviewed=True, workers=1)
        p.importer.import_paths([FIXTURES / "raw_news"], workers=1)  # suggestions, not reviewed
        doc = p.document_ids()[0]
        entity = p.document(doc).spans[0].id
        event = p.edits.add_event(doc, "Contact:Meet", 0, 2).created[0]
        p.edits.add_argument(event, "Entity", entity)
        yield p


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "options"), [("native", {"statuses": ["all"]}),
                                              ("conll", {"with_suggestions": True, "statuses": ["all"]}),
                                              ("doccano", {"labels": ["PER"]})])
def test_parallel_export_writes_the_serial_bytes(project, tmp_path, monkeypatch, fmt, options):
    monkeypatch.setattr(export_pool, "RUN_DOCS", 4)
    monkeypatch.setattr(export_pool, "use_pool", lambda spec, count: 1)
    [(_, serial)] = project.exporter.export(tmp_path / "serial.out", fmt=fmt, **options)
    monkeypatch.setattr(export_pool, "use_pool", lambda spec, count: 2)
    [(_, parallel)] = project.exporter.export(tmp_path / "parallel.out", fmt=fmt, **options)
    assert (tmp_path / "serial.out").read_bytes() == (tmp_path / "parallel.out").read_bytes()
    assert serial.documents == parallel.documents > 8  # several runs of 4
    assert (serial.entities, serial.events, serial.dropped) == (parallel.entities, parallel.events,
                                                                 parallel.dropped)
    assert fmt != "native" or parallel.event_count == 1
    assert parallel.path == str(tmp_path / "parallel.out")
    assert sorted(p.name for p in tmp_path.iterdir() if ".part" in p.name or p.name.endswith(".tmp")) == []


def test_default_uses_workers_only_for_large_non_folder_exports():
    from annotator.core import formats

    many = export_pool.PARALLEL_DOCS
    assert export_pool.use_pool(formats.get_format("native"), many - 1) == 1
    assert export_pool.use_pool(formats.get_format("brat"), many) == 1
    assert export_pool.use_pool(formats.get_format("native"), many) in (1, export_pool.multiprocessing.cpu_count())
