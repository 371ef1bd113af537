"""`annotator suggest`: the shards and manifest from the command line, and a clear error without Dask."""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from tests.conftest import FIXTURES


def test_without_dask_suggest_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)   # import dask fails as when it is not installed
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    result = CliRunner().invoke(cli, ["suggest", str(FIXTURES / "raw_news"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    # Dask by its own name: `annotator[cluster]` from PyPI would be another project called annotator
    assert "pip install 'dask[distributed]>=2024.1'" in result.output and "annotator[cluster]" not in result.output


def test_the_desktop_commands_do_not_import_dask():
    import subprocess

    code = "import sys, annotator.cli, annotator.service.archive; assert 'dask' not in sys.modules, 'dask imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_suggest_writes_shards_and_a_manifest(tmp_path):
    pytest.importorskip("dask.distributed")
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "raw_news", folder)
    result = CliRunner().invoke(cli, ["suggest", str(folder), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 2 and manifest["model"] == "the starter model"
    assert "2 document(s)" in result.output
    again = CliRunner().invoke(cli, ["suggest", str(folder), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert "0 written now, 1 already complete" in again.output
