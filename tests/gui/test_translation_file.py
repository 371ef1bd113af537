"""The Qt Linguist file: every window string is in resources/i18n/annotator_zh_CN.ts (pyside6-lupdate finds
nothing new or gone), every entry is translated, and the shipped .qm is compiled from it. `make i18n` updates
both; this test names what is left to do."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)


def _needs(name: str) -> None:
    try:
        tool._tool(name)
    except SystemExit:
        pytest.skip(f"{name} is not installed")


def test_the_ts_file_has_every_window_string_and_nothing_stale():
    _needs("pyside6-lupdate")
    missing, stale = tool.out_of_date()
    assert not missing, "run `make i18n`: not in the .ts yet:\n" + "\n".join(f"[{c}] {s}" for c, s in missing)
    assert not stale, "run `make i18n`: gone from the source:\n" + "\n".join(f"[{c}] {s}" for c, s in stale)


def test_every_entry_is_translated_with_its_placeholders():
    todo = tool.unfinished()
    assert not todo, "untranslated in annotator_zh_CN.ts:\n" + "\n".join(f"[{c}] {s}" for c, s in todo)
    for (context, source), (_kind, text) in tool.messages(tool.TS).items():
        wanted = sorted(re.findall(r"\{\w+\}|%n|%v|%m", source))
        assert sorted(re.findall(r"\{\w+\}|%n|%v|%m", text)) == wanted, f"[{context}] {source!r} -> {text!r}"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    _needs("pyside6-lrelease")
    qm = tmp_path / "fresh.qm"
    subprocess.run([tool._tool("pyside6-lrelease"), "-silent", str(tool.TS), "-qm", str(qm)], check=True)
    assert qm.read_bytes() == tool.QM.read_bytes(), "run `make i18n`: the .qm is older than the .ts"


def test_a_new_string_in_the_source_is_reported_and_a_table_fills_it(tmp_path, monkeypatch):
    _needs("pyside6-lupdate")
    extra = tmp_path / "extra.py"
    extra.write_text('translate("Probe", "A string nobody translated yet")\n', encoding="utf-8")
    monkeypatch.setattr(tool, "sources", lambda: [*tool.GUI.rglob("*.py"), extra])
    ts = tmp_path / "copy.ts"
    shutil.copyfile(tool.TS, ts)
    missing, stale = tool.out_of_date(ts)
    assert missing == [("Probe", "A string nobody translated yet")] and stale == []
    tool.lupdate(ts)
    assert tool.unfinished(ts) == [("Probe", "A string nobody translated yet")]
    table = tmp_path / "todo.tsv"
    table.write_text("Probe\tA string nobody translated yet\t一个还没人翻译的字符串\n", encoding="utf-8")
    assert tool.fill(table, ts) == 1
    assert tool.unfinished(ts) == [] and tool.messages(ts)[("Probe", "A string nobody translated yet")][1] == \
        "一个还没人翻译的字符串"
