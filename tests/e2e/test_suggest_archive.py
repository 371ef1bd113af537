"""`annotator suggest` on the shared People's Daily articles with 2 worker processes, killed mid-run and
run again: it completes without duplicates, and the archive holds the suggestions `import` (with its
pre-highlighting) + `prelabel` give in one process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core import formats
from annotator.core.archive import triggers_from_meta
from annotator.service import Project
from tests.conftest import SHARED_DATA

pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.slow
DATA = SHARED_DATA
DEV = DATA / "pd98" / "dev_articles.jsonl"
SRC = Path(__file__).resolve().parents[2] / "src"


def suggest(out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "annotator", "suggest", str(DEV), "-o", str(out), "--workers", "2",
                             "--quiet"], env=env, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/data")
def test_killed_and_rerun_suggest_gives_the_suggestions_of_import_and_prelabel(tmp_path):
    out = tmp_path / "archive"
    first = suggest(out)
    deadline = time.monotonic() + 300
    while not list(out.glob("*.done")) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.2)
    assert first.poll() is None, "the run ended before it could be killed"
    os.killpg(first.pid, signal.SIGKILL)   # the driver and its workers, mid-run
    first.wait()
    done_before = len(list(out.glob("*.done")))
    second = suggest(out)
    stdout, stderr = second.communicate(timeout=600)
    assert second.returncode == 0, stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert f"{done_before} already complete" in stdout and done_before < len(manifest["shards"])

    archived: dict[str, set[tuple]] = {}
    for shard in sorted(out.glob("shard-*.jsonl")):
        for doc in map(triggers_from_meta, formats.read_documents(shard, "native")):
            assert doc.text not in archived, "a document written twice"
            archived[doc.text] = {(s.start, s.end, s.label, s.kind, s.state, s.score) for s in doc.spans}
    with Project.create(tmp_path / "p.annot", schema="ace2005-zh", user="t") as p:
        p.importer.import_paths([DEV], workers=1)
        p.prelabel.run()
        p.triggers.suggest()
        expected = {d.text: {(s.start, s.end, s.label, s.kind, s.state, s.score) for s in d.spans}
                    for d in p.iter_documents(p.document_ids())}
    assert len(archived) == manifest["documents"] == len(expected)
    assert archived == expected

    sampled = tmp_path / "sample.annot"
    Project.create(sampled, schema="ace2005-zh").close()
    result = subprocess.run([sys.executable, "-m", "annotator", "import", str(sampled), str(out), "--sample", "50",
                             "--order", "informative", "--quiet"], env={**os.environ, "PYTHONPATH": str(SRC)},
                            capture_output=True, text=True, check=True)
    assert "imported 50 document(s)" in result.stdout
    with Project.open(sampled, readonly=True) as p:
        docs = list(p.iter_documents(p.document_ids()))
    assert len(docs) == 50
    assert all({(s.start, s.end, s.label, s.kind, s.state, s.score) for s in d.spans} == archived[d.text] for d in docs)
    least_sure = sorted((d.meta["uncertainty"] for d in docs), reverse=True)
    assert [d.meta["uncertainty"] for d in docs] == least_sure   # in review order: the least sure first
