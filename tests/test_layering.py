"""The one rule that keeps the house livable: dependencies point one way."""

from __future__ import annotations

import ast
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "annotator"


@functools.cache
def imported_modules(path: Path) -> frozenset[str]:
    """The absolute imports of a source file (walked once per test run: the checks share the answer)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return frozenset(names)


def files_in(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


def offenders(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [f"{p.relative_to(PACKAGE) if p.is_relative_to(PACKAGE) else p} imports {m}" for p in paths for m in sorted(imported_modules(p))
            if m.split(".")[0] in forbidden or any(m.startswith(f + ".") or m == f for f in forbidden)]


def test_core_imports_neither_qt_nor_sql_nor_outer_layers():
    assert offenders(files_in("core"), ("PySide6", "sqlite3", "sqlite_utils", "annotator.store",
                                        "annotator.service", "annotator.gui", "annotator.cli")) == []


def test_only_store_speaks_sql():
    outside = [p for p in PACKAGE.rglob("*.py") if "store" not in p.relative_to(PACKAGE).parts]
    assert offenders(outside, ("sqlite3", "sqlite_utils")) == []


def test_only_gui_imports_pyside():
    outside = [p for p in PACKAGE.rglob("*.py") if "gui" not in p.relative_to(PACKAGE).parts
               and p.name != "gui_cmds.py"]
    assert offenders(outside, ("PySide6",)) == []


def test_store_and_service_never_import_the_gui_or_cli():
    assert offenders(files_in("store") + files_in("service"),
                     ("PySide6", "annotator.gui", "annotator.cli")) == []


def test_the_layering_test_sees_imports(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import sqlite3\nfrom PySide6.QtCore import Qt\n", encoding="utf-8")
    assert offenders([sample], ("PySide6", "sqlite3")) != [] and len(offenders([sample], ("sqlite3",))) == 1


_SQL_WORDS = re.compile(r"\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|CREATE TABLE|PRAGMA)\b")


def sql_offences(path: Path) -> list[str]:
    """Calls of `.execute`/`.executemany`/`.executescript` and SQL statements in string literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "execute", "executemany", "executescript"):
            found.append(f"{path.name}:{node.lineno} calls .{node.func.attr}(")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL_WORDS.search(node.value):
            found.append(f"{path.name}:{node.lineno} holds SQL text {node.value[:40]!r}")
    return found


def test_no_sql_outside_the_store():
    outside = [p for p in PACKAGE.rglob("*.py") if "store" not in p.relative_to(PACKAGE).parts]
    assert [o for p in outside for o in sql_offences(p)] == []


def test_the_sql_check_sees_sql(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text('db.execute("SELECT id FROM spans WHERE doc_id = ?", [1])\n'
                      'q = f"DELETE FROM models WHERE id = {1}"\nok = "select a label"\n', encoding="utf-8")
    assert len(sql_offences(sample)) == 3


def test_the_import_contracts_hold():
    """The import-linter contracts of pyproject.toml (layers, Qt only in gui, SQL only in store)."""
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    root = PACKAGE.parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([str(exe), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
