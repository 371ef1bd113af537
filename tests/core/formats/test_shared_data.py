"""The round trip of every format on the full shared dev corpora (skipped without ../shared/data)."""

from __future__ import annotations

import pytest

from annotator.core.formats import FORMATS, ExportOptions, read_documents, write_documents

from ...conftest import SHARED_DATA
from .conftest import read_native
from .test_roundtrip import carried_entities, carried_events, same_output, target

PD98 = SHARED_DATA / "pd98" / "dev_articles.jsonl"
CEC = SHARED_DATA / "cec" / "events_dev.jsonl"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not PD98.exists() or not CEC.exists(), reason="../shared/data is absent")]


@pytest.fixture(scope="module")
def corpora():
    return {"pd98": read_native(PD98), "cec": read_native(CEC)}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_full_dev_corpora_round_trip_identically_in_every_format(tmp_path, corpora, fmt):
    assert len(corpora["pd98"]) == 300 and len(corpora["cec"]) == 100
    names = ["pd98"] + (["cec"] if FORMATS[fmt].events else [])
    options = ExportOptions()
    for name in names:
        docs = corpora[name]
        first, second = target(tmp_path, fmt, f"{name}-1"), target(tmp_path, fmt, f"{name}-2")
        summary = write_documents(docs, first, fmt, options)
        assert summary.documents == len(docs)
        back = {d.name if fmt != "conll" else i: d
                for i, d in enumerate(read_documents(first, fmt, reviewed=True, unit=options.unit))}
        write_documents(back.values(), second, fmt, options)
        assert same_output(first, second)
        for i, doc in enumerate(docs):
            got = back[doc.name if fmt != "conll" else i]
            assert carried_entities(got, fmt, options) == carried_entities(doc, fmt, options)
            assert carried_events(got, fmt) == carried_events(doc, fmt)
