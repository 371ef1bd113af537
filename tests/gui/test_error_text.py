"""Errors in the window are said in the interface language: a project file that is not SQLite, empty, missing,
from a newer version, read-only, locked by another window or reached through a hard link, and an import that fails
half-way each name the file and the problem in Chinese under zh_CN (and exactly as the store says it in English)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from i18n_walk import english_words
from PySide6.QtWidgets import QApplication

from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import ProjectError, ReadError
from annotator.gui import dialogs, i18n, projectio
from annotator.gui.error_text import FIELD, HINTS, REASONS, VALUES, error_text, message_text, say
from annotator.service import Project

# Words that stay in a Chinese message: names of things (the app, file kinds, a migration's name in the test).
KEEP = {"annotator", "SQLite", "TOML", "PROJECT", "FILE", "NAME", "annot", "bak", "vN", "cp", "JSON", "UTF", "GB", "GBK", "Big", "NUL", "NFC", "NFD",
        "future", "thing", "tester", "process", "on", "since", "vm",
        "merge", "assign",  # commands of the CLI a hint names
        # what an import's refusals name: formats, tools, options, brat's and CoNLL's lines, limits' variables
        "lines", "MB", "zip", "brat", "CLUENER", "meta", "TAB", "jq", "new", "Label", "Studio", "spaCy", "iconv",
        "encoding", "import", "extend", "schema", "map", "OLD", "NEW", "format", "native", "doccano", "rel", "spacy",
        "Prodigy", "duee", "cluener", "FIFO", "null", "no", "prelabel",
        # the records' own field names a reader's refusal names, and Python's (its CRC-32 check, its integer bound)
        "title", "entities", "relations", "label", "answer", "spans", "CRC", "Python",
        "ulimit", "train", "ANNOTATOR", "DATA", "DIR", "XDG", "HOME"}  # a size limit, a model, the data folder
IDENTIFIER = re.compile(r"\w+(?:[_.]\w+)+")  # a field or function named in code: trigger_start_index, Doc.to_json


@pytest.fixture
def chinese(qapp):
    """The interface in Chinese for one test (English again afterwards)."""
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    yield
    i18n.install(i18n.ENGLISH)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The yes/no questions the window asked (each answered no)."""
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, message, **kw: questions.append(message) or False)
    return questions


def english_left(message: str, path: Path) -> list[str]:
    """English words in a message once the file's path (data) is set aside."""
    return english_words(message.replace(str(path), ""), KEEP)


def newer(project_path: Path, target: Path) -> Path:
    """A copy of the project that a later version made (one migration this version does not know)."""
    shutil.copyfile(project_path, target)
    with sqlite3.connect(target) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (id, migration_set, name, applied_at) "
                     "SELECT 9999, migration_set, 'future_thing', applied_at FROM _sqlite_migrations LIMIT 1")
    conn.close()
    return target


def test_project_files_that_cannot_open_are_named_in_chinese(qtbot, chinese, tmp_path, project_path, errors):
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    not_sqlite = tmp_path / "不是项目.annot"
    not_sqlite.write_text("这不是 SQLite 文件", encoding="utf-8")
    empty = tmp_path / "空.annot"
    empty.write_bytes(b"")
    cases = {not_sqlite: "不是 SQLite 文件", empty: "空的", tmp_path / "没有.annot": "不存在",
             newer(project_path, tmp_path / "新版本.annot"): "更新版本"}
    for path, problem in cases.items():
        before = path.read_bytes() if path.exists() else None
        assert not win.open_project(path)
        message = errors.pop()
        assert str(path) in message and problem in message, message
        assert english_left(message, path) == [], message
        assert "Traceback" not in message
        assert (path.read_bytes() if path.exists() else None) == before  # nothing written to a refused file
    assert win.session is None


def test_a_project_locked_by_another_window_is_asked_about_in_chinese(qtbot, chinese, project_path, asked, errors):
    from annotator.gui.window import MainWindow

    first, second = MainWindow(), MainWindow()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.open_project(project_path)
    assert not second.open_project(project_path)
    question = asked.pop()
    assert str(project_path) in question and "可写方式打开" in question and "只读" in question
    assert english_left(question, project_path) == [], question
    first.close_project()


def test_the_read_only_banner_says_why_in_chinese(qtbot, chinese, tmp_path, project_path, asked):
    """A read-only file, and a second name (hard link) of a project open elsewhere: opened read-only, and the
    banner names the reason instead of guessing."""
    from annotator.gui.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    readonly = tmp_path / "只读.annot"
    shutil.copyfile(project_path, readonly)
    readonly.chmod(0o444)
    assert win.open_project(readonly) and win.session.readonly
    assert "文件是只读的" in win.page.banner.text()
    win.close_project()

    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_project(project_path)
    link = tmp_path / "链接.annot"
    os.link(project_path, link)
    assert win.open_project(link) and win.session.readonly
    banner = win.page.banner.text()
    assert "硬链接" in banner and english_words(banner, KEEP) == [], banner
    win.close_project()
    other.close_project()


def test_an_import_failing_half_way_is_named_in_chinese_and_imports_nothing(qtbot, chinese, window, tmp_path,
                                                                            errors):
    project = window.session.project
    before = list(project.document_ids())
    broken = tmp_path / "新闻.jsonl"
    lines = [json.dumps({"text": text}, ensure_ascii=False) for text in ("北京今天下雨。", "上海晴。")]
    broken.write_text("\n".join([*lines, "{broken", ""]), encoding="utf-8")
    window.import_paths([broken])
    QApplication.processEvents()
    assert list(project.document_ids()) == before
    message = errors.pop()
    assert f"{broken} 第 3 行：不是有效的 JSON" in message, message
    assert "，" in window.statusBar().currentMessage() and ", " not in window.statusBar().currentMessage()


def test_every_template_is_said_in_chinese(chinese):
    for template in (*REASONS, *HINTS, *VALUES):
        text = FIELD.sub("7", template)
        assert say(text) != text, template
        assert not english_words(IDENTIFIER.sub("", say(text)), KEEP), (template, say(text))


def test_in_english_a_message_is_the_stores_own(tmp_path, project_path):
    """Under English the window says exactly what the CLI prints."""
    errors = []
    for path in (tmp_path / "none.annot", newer(project_path, tmp_path / "newer.annot")):
        with pytest.raises(ProjectError) as caught:
            Project.open(path)
        errors.append(caught.value)
    errors.append(ReadError("not valid JSON: Expecting value at column 1", path="a.jsonl", line=3))
    errors.append(ProjectError("a reason no template knows", path="x.annot", hint="a hint no template knows"))
    for exc in errors:
        assert error_text(exc) == exc.message
        assert message_text(exc.message) == exc.message


def test_an_unknown_reason_keeps_its_words_in_a_chinese_frame(chinese):
    exc = ReadError("a reason no template knows", path="a.txt", line=2, hint="check the name and where it is")
    assert error_text(exc) == "a.txt 第 2 行：a reason no template knows。\n请检查名称和位置。"
    assert message_text("a.txt:2: a reason no template knows") == "a.txt:2: a reason no template knows"


def test_the_export_summary_is_chinese(qtbot, chinese, window, tmp_path):
    project = window.session.project
    summary, dropped = projectio.export_reviewed(project, tmp_path / "导出.jsonl", "native", parent=window)
    assert summary.startswith("已导出 0 篇文档（0 个实体、0 个事件），写入 ") and dropped == ""


def test_an_export_says_in_chinese_what_it_wrote_and_what_the_format_left_out(qtbot, chinese, window, tmp_path,
                                                                                errors, monkeypatch):
    """DuEE carries events only: the reviewed document's entities are named as left out (the window kept that to
    itself, and said what it wrote in English with the file's name twice)."""
    from annotator.gui.keys import Binding

    window.run(Binding("accept_all", ""))
    window.run(Binding("mark_reviewed", ""))
    window.session.flush()
    target = tmp_path / "导出.json"
    monkeypatch.setattr(dialogs.FileDialogs, "export_target", classmethod(lambda cls, parent, formats: (target, "duee")))
    window.do_export()
    said = window.statusBar().currentMessage()
    assert said.startswith("已导出 1 篇文档") and said.count(str(target)) == 1, said
    note = errors.pop()
    assert "duee 格式无法保存" in note and "实体（DuEE 只有事件）" in note, note


def test_a_merge_the_project_cannot_take_is_refused_in_chinese(qtbot, chinese, window, tmp_path, errors,
                                                               monkeypatch):
    """File → Merge annotators' project files: a file that is not a project, and a project that names no
    annotator (the window asks whose work it is; given no name, it says in Chinese that nothing was merged)."""
    from annotator.gui import adjudication
    from annotator.gui.adjudication import merge_files

    project = window.session.project
    not_project = tmp_path / "坏.annot"
    not_project.write_text("not sqlite", encoding="utf-8")
    merge_files(window, [str(not_project)])
    message = errors.pop()
    assert str(not_project) in message and "不是 SQLite 文件" in message
    export = tmp_path / "ann1.annot"
    with Project.create(export, user="") as other:
        other.importer.add_documents([AnnotatedDocument(0, "一篇项目里没有的文章。", ())], prelabel=False)
    before = list(project.document_ids())
    monkeypatch.setattr(adjudication, "ask_annotator", lambda parent, name: None)  # asked, and cancelled
    merge_files(window, [str(export)])
    QApplication.processEvents()
    said = window.statusBar().currentMessage() or (errors.pop() if errors else "")
    assert "未合并：ann1.annot（未给出标注员）" in said and english_left(said, export) == [], said
    assert list(project.document_ids()) == before


def test_a_merged_layer_with_a_label_the_schema_lacks_is_refused_in_chinese(chinese, tmp_path):
    """Merging an annotator's layer whose entity has a label the project's schema lacks (another project's file?)
    is refused (service/team.py); the window says it in Chinese with the document and the label."""
    from annotator.core.annotations import EntitySpan
    from annotator.core.errors import ValidationError
    from annotator.core.layers import Layer

    theirs = tmp_path / "ann1.annot"
    layer = Layer.from_document("", AnnotatedDocument("", "新产品发布。", (), (EntitySpan(0, 1, 3, "PRODUCT"),)))
    with Project.create(tmp_path / "p.annot") as project, pytest.raises(ValidationError) as caught:
        project.team._check_schema(theirs, "document 1", None, layer)
    said = error_text(caught.value)
    assert said.startswith(f"{theirs}：文档 1：标签 'PRODUCT' 不在项目的标注体系中；该文件的内容都没有合并"), said
    assert "这是另一个项目的文件吗？" in said and english_left(said.replace("'PRODUCT'", ""), theirs) == [], said


def test_a_row_no_version_writes_is_said_in_chinese(chinese):
    """The errors of a project file changed outside annotator (store/unreadable.py) name the row in Chinese."""
    from annotator.store.unreadable import check_offsets

    class Span:
        id, start, end = 3, 100, 120

    with pytest.raises(ProjectError) as caught:
        check_offsets("p.annot", 1, "王五在北京工作。", [Span()])
    said = error_text(caught.value)
    assert said.startswith("p.annot：文档 1 的片段 3：其位置 [100, 120) 不在正文范围内（正文 8 个字符）"), said
    assert "该文件曾在 annotator 之外被修改" in said


def test_an_older_copy_of_an_annotators_file_is_refused_in_chinese(chinese, tmp_path, monkeypatch):
    """Merged after the newer one, Monday's copy is refused (service/team.py); the window says so in Chinese, naming
    the newer file and the document's two edit times."""
    from annotator.core.annotations import ReviewStatus
    from annotator.core.errors import ValidationError
    from tests.service.test_team_merge_cases import ticking_clock

    ticking_clock(monkeypatch)
    with Project.create(tmp_path / "lead.annot", user="lead") as lead:
        lead.importer.add_documents([AnnotatedDocument(0, "张三到北京开会。", ())], prelabel=False)
        lead.team.assign(["ann1"], tmp_path / "team")
        newest, monday = tmp_path / "team" / "ann1.annot", tmp_path / "monday.annot"
        with Project.open(newest) as p:
            p.edits.add_span(1, 0, 2, "PER")
            p.edits.set_status(1, ReviewStatus.REVIEWED)
        shutil.copyfile(newest, monday)
        with Project.open(newest) as p:
            p.edits.add_span(1, 3, 5, "LOC")
        lead.team.merge(newest)
        with pytest.raises(ValidationError) as caught:
            lead.team.merge(monday)
    said = error_text(caught.value)
    assert said.startswith(f"{monday}：是 ann1 的文件的旧副本，比之前从 {newest} 合并的那份旧"), said
    assert "该文件的内容都没有合并" in said and "请合并 ann1 最新的文件" in said, said
    assert english_left(said.replace("ann1", ""), monday) == [], said  # the name and its file's are its own


def test_a_label_the_schema_lacks_is_met_with_the_windows_way_to_add_it(tmp_path, project_path):
    # The window's import has no --extend-schema or --map: in English its refusal advised them word for word.
    game = tmp_path / "game.jsonl"
    game.write_text('{"text": "我玩了王者荣耀。", "label": [[3, 7, "GAME"]]}\n', encoding="utf-8")
    with Project.open(project_path) as project:
        (refused,) = project.importer.import_paths([game], prelabel=False).errors
    assert "--extend-schema" in refused  # the CLI's words
    english = message_text(refused)
    assert "add them to the schema (Edit → Schema…) and import the file again" in english
    assert "--extend-schema" not in english and "--map" not in english
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    try:
        chinese = message_text(refused)
    finally:
        i18n.install(i18n.ENGLISH)
    assert "（编辑 → 标注体系…）后重新导入" in chinese and "extend" not in chinese, chinese


def test_advice_only_the_command_line_can_follow_says_so_in_the_window(qapp):
    from annotator.gui.error_text import WINDOW_WORDING

    for cli_words, window_words in WINDOW_WORDING.items():
        said = say(FIELD.sub("x", cli_words))
        assert said == FIELD.sub("x", window_words), cli_words
        assert "Edit → Schema…" in said or "the command line's --" in said, said
