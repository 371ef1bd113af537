"""The command line starts in a blink: the heavy modules are imported only by the commands that use them.
(How fast is measured in benchmarks/bench_startup.py, never timed here.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.service import Project

SRC = str(Path(__file__).resolve().parents[2] / "src")
HEAVY = ("numpy", "scipy", "jieba", "pandas", "sqlite_utils", "annotator.core.prelabel.factory",
         "annotator.core.prelabel.engines.model", "annotator.core.formats", "annotator.service.project",
         "PySide6")


def loaded_after(code: str) -> set[str]:
    """Which of HEAVY a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True,
                         timeout=120).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def run_cli(*args: str) -> str:
    return ("import sys\nfrom annotator.cli import main\n"
            f"try:\n    main({list(args)!r})\nexcept SystemExit as exc:\n    assert not exc.code, exc.code")


def test_importing_the_cli_imports_none_of_the_heavy_modules():
    assert loaded_after("import annotator.cli") == set()


def test_help_imports_none_of_the_heavy_modules():
    assert loaded_after(run_cli("--help")) == set()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "p.annot"
    source = path.with_name("docs.jsonl")
    source.write_text('{"text": "新华社北京电"}\n', encoding="utf-8")
    with Project.create(path, schema="news-zh") as p:
        p.importer.import_paths([source], prelabel=False)
    return path


@pytest.mark.parametrize("command", ["list", "info"])
def test_reading_commands_read_through_plain_sqlite3_without_numpy_jieba_or_the_model(project, command):
    loaded = loaded_after(run_cli(command, str(project)))
    assert loaded == {"annotator.service.project"}


def test_a_project_opened_for_writing_uses_sqlite_utils(project):
    loaded = loaded_after(f"from annotator.service import Project\nwith Project.open({str(project)!r}) as p:\n"
                          "    assert type(p.store.db).__name__ == 'GuardedDatabase'")
    assert "sqlite_utils" in loaded and "numpy" not in loaded


def test_numpy_imported_after_the_store_works_though_sqlite_utils_went_without_it():
    loaded = loaded_after("import annotator.store.library\nimport numpy\nimport sqlite_utils.db as d\n"
                          "assert d.np is None and numpy.zeros(2).sum() == 0")
    assert {"numpy", "sqlite_utils"} <= loaded


def test_importing_reviewed_documents_loads_neither_the_model_nor_numpy(tmp_path):
    source = tmp_path / "gold.jsonl"
    source.write_text('{"text": "新华社北京电", "label": [[3, 5, "LOC"]]}\n', encoding="utf-8")
    path = tmp_path / "gold.annot"
    loaded = loaded_after(f"from annotator.service import Project\nwith Project.create({str(path)!r}) as p:\n"
                          f"    p.importer.import_paths([{str(source)!r}], fmt='doccano', reviewed=True)\n"
                          "    assert p.document_ids() == [1]")
    assert loaded & {"numpy", "annotator.core.prelabel.factory", "annotator.core.prelabel.engines.model"} == set()


def test_the_import_command_of_reviewed_records_loads_neither_numpy_nor_the_model(tmp_path):
    source = tmp_path / "gold.jsonl"
    source.write_text('{"text": "新华社北京电", "label": [[3, 5, "LOC"]]}\n', encoding="utf-8")
    path = tmp_path / "gold.annot"
    Project.create(path).close()
    loaded = loaded_after(run_cli("import", str(path), str(source), "--reviewed", "-q"))
    assert loaded & {"numpy", "annotator.core.prelabel.factory", "annotator.core.prelabel.engines.model"} == set()
    with Project.open(path, readonly=True) as p:
        assert p.document_ids() == [1]
