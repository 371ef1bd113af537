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
                                              ("doccano", {"labels": ["PER"]}),
                                              ("doccano-rel", {"statuses": ["all"], "with_suggestions": True}),
                                              ("duee", {"statuses": ["all"]}),
                                              ("cluener", {"statuses": ["all"], "with_suggestions": True})])
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


@pytest.mark.parametrize("kernel", ["copies", "copies half", "refuses", "absent"])
def test_a_part_is_appended_whole_however_much_the_kernel_copies(tmp_path, monkeypatch, kernel):
    import os

    part, target = tmp_path / "part", tmp_path / "target"
    data = "北京，新华社\n".encode() * 50_000
    part.write_bytes(data)
    real = os.copy_file_range
    calls = []

    def copy_file_range(src, dst, count):
        calls.append(count)
        if kernel == "refuses" or kernel == "copies half" and len(calls) > 1:
            raise OSError(18, "Invalid cross-device link")
        return real(src, dst, min(count, len(data) // 2)) if kernel == "copies half" else real(src, dst, count)

    if kernel == "absent":
        monkeypatch.delattr(os, "copy_file_range")
    else:
        monkeypatch.setattr(os, "copy_file_range", copy_file_range)
    with open(target, "wb") as out:
        out.write(b"head\n")
        export_pool.append_file(part, out)
        out.write(b"tail\n")
    assert target.read_bytes() == b"head\n" + data + b"tail\n"
