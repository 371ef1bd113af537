"""Shipped files are found through the package (importlib.resources), never relative to a source file."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core import resources
from annotator.core.prelabel.models.files import STARTER_PATH
from annotator.core.schema import available_schemas, load_schema

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "annotator"


def test_every_shipped_folder_is_found_inside_the_package():
    assert {"ace2005-zh", "cec", "news-zh"} <= set(available_schemas())
    assert load_schema("cec").name
    assert (resources.models_dir() / "segmenter-pd98.crf").is_file() and STARTER_PATH.is_file()
    assert "<svg" in (resources.icons_dir() / "annotator.svg").read_text(encoding="utf-8")
    assert (resources.desktop_dir() / "annotator.desktop").is_file()
    assert resources.demo_files()[1] == resources.DEFAULT_SCHEMA  # the demo takes the default schema as shipped, not a copy of it
    assert list((resources.demo_dir() / "articles").iterdir())
    assert resources.resource("schemas", "cec.toml") == resources.schemas_dir() / "cec.toml"
    assert resources.i18n_dir().parent == resources.resources_dir()


def test_no_module_looks_files_up_relative_to_its_own_source():
    lookup = re.compile(r"Path\(__file__\)(\.resolve\(\))?\.parents?\b")
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if lookup.search(p.read_text("utf-8"))]
    assert offenders == [], "use annotator.core.resources instead"


def test_the_desktop_entry_is_valid_and_runs_the_app():
    lines = (resources.desktop_dir() / "annotator.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    keys = dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))
    assert keys["Type"] == "Application" and keys["Icon"] == "annotator" and keys["Terminal"] == "false"
    assert keys["Exec"].startswith("annotator") and keys["Categories"].endswith(";")
    assert "Name[zh_CN]" in keys
