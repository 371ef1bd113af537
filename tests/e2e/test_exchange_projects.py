"""Export -> import into a new project -> export again gives identical files, through the CLI and the store."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.formats import FORMATS
from tests.conftest import FIXTURES

SOURCES = {
    "seed": ("ace2005-zh", FIXTURES / "000_f5bfa2c3bb69730e.txt", ()),
    "pd98": ("news-zh", FIXTURES / "pd98_dev5.jsonl", ("--reviewed",)),
    "cec": ("cec", FIXTURES / "cec5.jsonl", ("--reviewed",)),
}


def run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def same_tree(a: Path, b: Path) -> bool:
    if a.is_file():
        return a.read_bytes() == b.read_bytes()
    cmp = filecmp.dircmp(a, b)
    return not (cmp.left_only or cmp.right_only or cmp.diff_files) and all(
        same_tree(a / d, b / d) for d in cmp.common_dirs)


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_import_export_is_identical(tmp_path, source, fmt):
    schema, path, flags = SOURCES[source]
    spec = FORMATS[fmt]
    first = tmp_path / "p1.annot"
    run("new", first, "--schema", schema)
    run("import", first, path, *flags)
    suffix = spec.suffix or ""
    out1, out2 = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    # The seed carries the pre-highlighter's suggestions: they travel as suggestions (not reviewed).
    extra = ("--with-suggestions",) if not flags else ()
    run("export", first, "-o", out1, "--format", fmt, "--status", "all", *extra)
    second = tmp_path / "p2.annot"
    run("new", second, "--schema", schema)
    run("import", second, out1, "--format", fmt, "--no-prelabel", *flags)
    run("export", second, "-o", out2, "--format", fmt, "--status", "all", *extra)
    assert same_tree(out1, out2), f"{fmt} export of {source} changed after a round trip through a project"
    # CEC has events only; the others have entities, which every format but DuEE carries.
    expected, carried = ("emergency", spec.events) if source == "cec" else ("ORG", fmt != "duee")
    if carried:
        assert expected in all_text(out1), f"{fmt} export of {source} carries no annotations to compare"


def all_text(path: Path) -> str:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return "".join(f.read_text(encoding="utf-8") for f in files)
