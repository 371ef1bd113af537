"""What an import says in the window is Chinese under zh_CN: the notes on what the files held that the project
does not carry (brat's R, A, M, N, # and * lines, doccano's and Prodigy's relations, DuEE's arguments not in the
text and mentions placed by their text, a CoNLL header row) and the reasons a file is refused (a bad JSON line, a
JSON array, a label the schema lacks, a bad brat document, the hostile inputs' kinds), each naming the file, the
line and the values as the CLI does in English."""

from __future__ import annotations

import io
import json
import re
import shlex
import shutil
import zipfile
from pathlib import Path

import pytest
from i18n_walk import english_words
from PySide6.QtWidgets import QApplication

from annotator.core.errors import AnnotatorError
from annotator.core.formats import bratread, conll, doccano, duee, spacy
from annotator.core.formats.extras import NOTE
from annotator.gui import i18n
from annotator.gui.error_text import error_text, message_text
from annotator.gui.note_text import known, note_text, reason_text
from annotator.service import Project
from annotator.service.changes import ImportNote

FORMATS = Path(__file__).parents[1] / "fixtures" / "formats"
# Words that stay in a Chinese message: names of formats, tools, options and of brat's and CoNLL's line kinds.
KEEP = {"JSON", "lines", "UTF", "GB", "GBK", "Big", "NUL", "jq", "new", "jsonl", "iconv", "zip", "brat", "TAB",
        "CLUENER", "DuEE", "Fin", "doccano", "rel", "duee", "conll", "spacy", "cluener", "native", "Prodigy", "MB",
        "annotator", "extend", "schema", "map", "OLD", "NEW", "import", "format", "encoding", "meta", "FIFO", "null",
        "Label", "Studio", "spaCy", "CRC", "Python",
        "PER"}  # a label of the files
DUEE_FIN = {"text": "股东张三将所持甲公司股份质押给乙银行。", "id": "f", "event_list": [
    {"event_type": "质押", "trigger": "质押", "arguments": [{"role": "质押方", "argument": "张三"},
                                                         {"role": "环节", "argument": "筹备上市"}]}]}


@pytest.fixture
def chinese(qapp):
    assert i18n.install(i18n.CHINESE) == i18n.CHINESE
    yield
    i18n.install(i18n.ENGLISH)


def noted_files(folder: Path) -> list[Path]:
    """Real files whose import is noted: the brat tutorial, doccano's relations, Prodigy's, DuEE-Fin, CoNLL."""
    shutil.copytree(FORMATS / "brat_tutorial", folder / "brat_tutorial")
    for name in ("doccano_rel30.jsonl", "prodigy_ner30.jsonl"):
        shutil.copyfile(FORMATS / name, folder / name)
    (folder / "duee_fin.json").write_text(json.dumps(DUEE_FIN, ensure_ascii=False) + "\n", "utf-8")
    (folder / "headed.conll").write_text("字\t标签\n北\tB-LOC\n京\tI-LOC\n好\tO\n", "utf-8")
    return sorted(folder.iterdir())


def english_left(message: str, paths: list[Path]) -> list[str]:
    """English words in a message once the files' paths and the values quoted from the files are set aside."""
    for path in sorted(paths, key=lambda p: -len(str(p))):
        message = message.replace(str(path), "")
    message = re.sub(r"\bANNOTATOR_[A-Z_]+", "", message)  # the environment's variables, named as they are set
    return english_words(re.sub(r"'[^'\n]*'", "", message), KEEP)


def scratch_import(tmp_path: Path, files: list[Path]):
    """The files imported by the service into a project whose schema they extend: its report (the CLI's)."""
    with Project.create(tmp_path / "scratch.annot") as project:
        report = project.importer.import_paths(files, prelabel=False, extend_schema=True, workers=1)
        return report, project.schema


def test_every_reason_a_reader_counts_is_said_in_chinese(chinese):
    """The readers' own constants, each matched by a template and said without English."""
    reasons = [*bratread.NOT_CARRIED.values(), *bratread.KEPT.values(), bratread.EVENT_ARGUMENTS,
               doccano.RELATIONS_NOT_CARRIED, spacy.RELATIONS_NOT_CARRIED, duee.UNPLACED_NOT_CARRIED,
               duee.PLACED_NOTE.removeprefix(NOTE), conll.HEADER_NOTE.format(line="字\t标签").removeprefix(NOTE)]
    for reason in reasons:
        assert known(reason), reason
        said = reason_text(reason)
        assert said != reason and not english_words(said, KEEP), (reason, said)
    assert "'字\\t标签'" in reason_text(conll.HEADER_NOTE.format(line="字\t标签").removeprefix(NOTE))


def test_the_notes_of_real_files_are_known_and_the_cli_keeps_english(tmp_path, chinese):
    """Every reason the import of the real files counts has a template; str() of a note is the CLI's English."""
    files = noted_files(tmp_path / "in")
    report, _ = scratch_import(tmp_path, files)
    assert not report.errors, report.errors
    told = {(Path(n.path).name, n.told) for n in report.notes}
    assert {("brat_tutorial", False), ("doccano_rel30.jsonl", False), ("prodigy_ner30.jsonl", False),
            ("duee_fin.json", True), ("duee_fin.json", False), ("headed.conll", True)} <= told, told
    for note in report.notes:
        assert all(known(reason) for reason, _ in note.counts), note
    headed = next(n for n in report.notes if n.path.endswith("headed.conll"))
    assert str(headed) == f"{headed.path} (conll): 1 header row passed over (the columns' names: '字\\t标签')"
    fin = next(n for n in report.notes if n.path.endswith("duee_fin.json") and not n.told)
    assert str(fin) == (f"{fin.path}: not carried by the project (duee): 1 arguments whose text is not in the "
                        "document (kept in metadata, written back by a DuEE export)")


def test_an_import_of_real_files_says_its_notes_and_refusals_in_chinese(qtbot, chinese, tmp_path, errors):
    """The window imports the noted files and refused ones together; one dialog says both in Chinese, each file
    named, each count and line kept."""
    from annotator.gui.window import MainWindow

    files = noted_files(tmp_path / "in")
    report, schema = scratch_import(tmp_path, files)
    bad = tmp_path / "bad"
    bad.mkdir()
    broken = bad / "新闻.jsonl"
    broken.write_text('{"text": "北京今天下雨。"}\n{broken\n', "utf-8")
    array = bad / "数组.jsonl"
    array.write_text(json.dumps([{"text": "上海晴。"}], ensure_ascii=False), "utf-8")
    unknown = bad / "未知标签.jsonl"
    unknown.write_text(json.dumps({"text": "张三在上海。", "entities": [
        {"start": 0, "end": 2, "label": "人物角色"}]}, ensure_ascii=False) + "\n", "utf-8")
    collection = bad / "brat"
    shutil.copytree(FORMATS / "brat_tutorial", collection)
    (collection / "pd98-00.ann").write_text("T1\tPER 0 99999\t张三\n", "utf-8")
    path = tmp_path / "项目.annot"
    Project.create(path, schema=schema).close()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path)
    win.import_paths([*files, broken, array, unknown, collection])
    QApplication.processEvents()
    shown = errors.pop()
    every = [*files, broken, array, unknown, collection]
    assert english_left(shown, every) == [], shown
    assert f"{broken} 第 2 行：不是有效的 JSON：缺少属性名" not in shown  # the detail is Python's, said below
    assert re.search(rf"{re.escape(str(broken))} 第 2 行：不是有效的 JSON：应为双引号括起的属性名（第 2 列）", shown), shown
    assert f"{array} 第 1 行：文件是一整个 JSON 数组" in shown and f"jq -c '.[]' {shlex.quote(str(array))} > new.jsonl" in shown
    assert f"{unknown}：标注体系 '{schema.name}' 缺少标签 人物角色（首次出现在第 1 行）" in shown, shown
    assert f"文档未导入：{collection}/pd98-00.ann 第 1 行：片段 [0, 99999) 超出文本范围" in shown, shown
    for note in report.notes:
        assert str(note.path) in shown
        for reason, count in note.counts:
            assert f"{count} 处{reason_text(reason)}" in shown, (reason, shown)
    assert "跳过了表头行（各列名称：'字\\t标签'）" in shown
    win.close_project()


def _zip_with_a_bad_crc() -> bytes:
    """A brat document zipped, one byte of its text flipped after the zip was written (Python's zipfile says so)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "新闻内容" * 10)
        archive.writestr("a.ann", "T1\tPER 0 2\t新闻\n")
    data = bytearray(out.getvalue())
    data[data.find("新闻内容".encode())] ^= 1
    return bytes(data)


@pytest.mark.parametrize(("name", "content", "said"), [
    ("a.jsonl", '{"text": "张三"}\n7\n', "{path} 第 2 行：记录必须是 JSON 对象，而不是 整数"),
    ("b.jsonl", '{"text": "张三"}\n{"text": ""}\n', "{path} 第 2 行：记录没有文本"),
    ("c.jsonl", '{"text": "张三在上海。", "entities": [{"start": 7, "end": 99, "label": "PER"}]}\n',
     "{path} 第 1 行：实体 0：片段 [7, 99) 超出文本范围（文本长 6）"),
    ("d.jsonl", '{"text": "张三在上海。", "entities": [{"start": "0", "end": 2, "label": "PER"}]}\n',
     "{path} 第 1 行：实体 0：偏移必须是整数"),
    ("e.jsonl", b'{"text": "\xd5\xc5\xc8\xfd"}\n', "{path} 第 1 行：不是 UTF-8（第 10 字节）。\n请转换编码，例如从 GBK 转换"),
    ("f.jsonl", "{\n", "{path} 第 1 行：文件是分写在多行的一个 JSON 对象"),
    ("g.jsonl", '{"text": "结婚", "event_list": [{"event_type": "Life:Marry", "trigger": "结婚", '
                '"trigger_start_index": 5, "arguments": []}]}\n', "{path} 第 1 行：事件 0 的触发词：起点 5 超出文本范围（文本长 2）"),
    ("k.jsonl", '{"text": "会见", "event_list": [{"event_type": "会见", "trigger": "会见", "arguments": []}]}\n',
     "{path}：标注体系 'ace2005-zh' 缺少事件类型 会见（首次出现在第 1 行）。\n请在标注体系中添加它们"),
    ("h.conll", "张\tB-PER\n三\tX-PER\n", "{path} 第 2 行：标记 'X-PER' 不是 O，也不是 B-/I-/M-/E-/S-/L-/U- 加标签"),
    ("i.conll", "张\tB-PER\n三\tI-PER\tx\n", "{path} 第 2 行：有 3 列，而文档第一行有 2 列。\n是否有词含空格或制表符？"),
    ("j.json", '{"text": "张三", "label": {"PER": {"张三": [[0, 5]]}}}\n',
     "{path} 第 1 行：PER '张三'：[0, 5] 超出文本范围（文本长 2；CLUENER 的结束位置包含在内）"),
    ("l.jsonl", '{"text": "张三结婚了", "events": [{"type": "Life:Marry", "trigger": {"start": 2, "end": 4}, '
                '"arguments": [{"role": "", "start": 0, "end": 2, "label": "PER"}]}]}\n',
     "{path} 第 1 行：事件 0 的论元 0：角色必须是非空字符串"),
    ("m.jsonl", '{"text": "张三", "label": [[0, 2]]}\n', "{path} 第 1 行：标签 0 不是 [起点, 终点, 标签]"),
    ("n.jsonl", '{"text": "张三在上海。", "entities": [{"id": 1, "start_offset": 0, "end_offset": 2, "label": "PER"}, '
                '{"id": 2, "start_offset": 3, "end_offset": 5, "label": "LOC"}], "relations": [{"id": 1, "from_id": 1, '
                '"to_id": 2, "type": ""}]}\n', "{path} 第 1 行：关系 0 没有类型"),
    ("o.conll", "张 三\tB-PER\n", "{path} 第 1 行：词 '张 三' 含有空白（各列之间是否同时用了空格和制表符？）"),
    ("p.jsonl", '{"text": "张三", "entities": [{"start": 1' + "0" * 5000 + ', "end": 2, "label": "PER"}]}\n',
     "{path} 第 1 行：无法使用的 JSON：整数超过了 Python 转换的位数上限（4300 位）：这个值有 5001 位"),
    ("q.zip", _zip_with_a_bad_crc(), "{path}:a.txt：zip 文件已损坏或无法读取（文件 'a.txt' 的 CRC-32 校验值不符）"),
])
def test_a_refused_file_is_said_in_chinese_with_its_file_line_and_values(chinese, tmp_path, name, content, said):
    """The message the import really gives (the CLI prints it in English) is said in Chinese by the window."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with Project.create(tmp_path / "p.annot") as project:
        try:
            report = project.importer.import_paths([path], prelabel=False, workers=1)
        except AnnotatorError as exc:   # refused before any file is read: the window says it by error_text
            english, shown = exc.message, error_text(exc)
        else:
            assert len(report.errors) == 1, report
            english, shown = report.errors[0], message_text(report.errors[0])
    assert shown.startswith(said.format(path=path)), (english, shown)
    assert english_left(shown, [path]) == [], shown


def test_a_note_without_a_template_keeps_its_words_in_a_chinese_frame(chinese):
    note = ImportNote("a.txt", "brat", (("lines of a kind to come", 2), ("relations (R lines)", 3)))
    assert note_text(note) == "a.txt：项目无法保存的内容（brat 格式）：2 处lines of a kind to come，3 处关系（R 行）"
    assert str(note) == "a.txt: not carried by the project (brat): 2 lines of a kind to come, 3 relations (R lines)"


@pytest.mark.parametrize(("variable", "value", "said"), [
    ("ANNOTATOR_MAX_LINE_MB", "lots", "{path}：ANNOTATOR_MAX_LINE_MB='lots' 不是数字。\n请给 ANNOTATOR_MAX_LINE_MB 设一个正数"),
    ("ANNOTATOR_MAX_LINE_MB", "-1", "{path}：ANNOTATOR_MAX_LINE_MB='-1' 必须大于 0。\n请给 ANNOTATOR_MAX_LINE_MB 设一个正数"),
    ("ANNOTATOR_MAX_INPUT_MB", "lots", "{path}：ANNOTATOR_MAX_INPUT_MB='lots' 不是兆字节数。\n请给出兆字节数，例如 1024"),
])
def test_a_bound_set_wrongly_in_the_environment_is_said_in_chinese(chinese, tmp_path, monkeypatch, variable, value, said):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "张三"}\n', "utf-8")
    with Project.create(tmp_path / "p.annot") as project:
        monkeypatch.setenv(variable, value)  # once the project is made: its schema is read under the same bound
        try:
            report = project.importer.import_paths([path], prelabel=False, workers=1)
        except AnnotatorError as exc:
            english, shown = exc.message, error_text(exc)
        else:
            assert len(report.errors) == 1, report
            english, shown = report.errors[0], message_text(report.errors[0])
    assert variable in english and shown.startswith(said.format(path=path)), (english, shown)
    assert english_left(shown, [path]) == [], shown
