"""core/text.py: the title a text gives, and the UTF-16 table, on hostile characters."""

from __future__ import annotations

import pytest

from annotator.core.formats import read_documents
from annotator.core.segment import article_from_text
from annotator.core.text import (
    TITLE_LIMIT,
    character_end,
    character_start,
    cut_title,
    escaped_controls,
    has_joining,
    inside_character,
    joins_previous,
    title_of,
    utf16_offsets,
)


@pytest.mark.parametrize("brk", ["\n", "\r", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_a_title_is_the_first_line_at_any_line_break(brk):
    """A title ran on past U+2028, NEL or a form feed, and the window's heading showed it as two lines."""
    assert title_of(f"\u3000 {brk}第一段标题{brk}第二段") == "第一段标题"


def test_a_one_paragraph_text_gives_a_short_title():
    """An 880,000-character paragraph without a break became an 880,000-character title (list, heading)."""
    text = "张三在北京会见李四🚒，" * 80_000
    title = title_of(text)
    assert len(title) == TITLE_LIMIT and title.endswith("…") and text.startswith(title[:-1])
    assert article_from_text(text).title == title
    assert title_of("短标题\n" + text) == "短标题"


@pytest.mark.parametrize("cluster", ["👨\u200d🚒", "葛\U000E0100", "❤\ufe0f", "e\u0301", "👍\U0001f3fd"])
def test_a_cut_title_keeps_a_character_with_its_marks_whole(cluster):
    for before in range(TITLE_LIMIT - 4, TITLE_LIMIT):
        line = "新" * before + cluster * 3 + "闻" * 200
        cut = cut_title(line)
        assert len(cut) <= TITLE_LIMIT and cut.endswith("…")
        kept = cut[:-1]
        assert line.startswith(kept)
        rest = line[len(kept):]
        assert rest.startswith(cluster) or rest.startswith("闻"), (before, cluster, kept[-3:])


def test_formats_without_a_title_field_take_it_from_the_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "\\u2028标题行\\u2029正文第一段", "label": []}\n', encoding="utf-8")
    (doc,) = read_documents(path, "doccano")
    assert doc.title == "标题行" and doc.text == "\u2028标题行\u2029正文第一段"


def test_the_utf16_table_counts_astral_characters_twice():
    text = "𡈽张\U000E0100👨\u200d🚒\ud7ff"
    table = utf16_offsets(text)
    assert table is not None and table[-1] == len(text.encode("utf-16-le")) // 2
    assert [table[i + 1] - table[i] for i in range(len(text))] == [2, 1, 2, 2, 1, 2, 1]
    assert utf16_offsets("张三\u2028\ufeff\u200b") is None


def test_whole_characters_take_their_marks_selectors_and_joined_parts():
    text = "a👨\u200d🚒b葛\U000E0100c❤\ufe0fe\u0301\u0301👍\U0001f3fd"
    inside = [i for i in range(len(text) + 1) if inside_character(text, i)]
    assert inside == [2, 3, 6, 9, 11, 12, 14]
    assert [character_start(text, i) for i in (2, 3, 4)] == [1, 1, 4]
    assert [character_end(text, i) for i in (2, 3, 6, 11, 14)] == [4, 4, 7, 13, 15]
    assert not inside_character("\u0301开头", 0) and not inside_character("a\u200d", 2)  # the text's ends


def test_a_title_leaves_control_characters_out_and_a_terminal_gets_them_escaped():
    assert title_of("\x1b[31m红色\x1b[0m标题\x01\x9b\n正文") == "[31m红色[0m标题"
    assert escaped_controls("标题\x1b[2J\u2028\t\x85尾") == "标题\\x1b[2J\\u2028\\t\\x85尾"
    assert escaped_controls("普通标题 🚒") == "普通标题 🚒"


def test_the_scan_for_joining_characters_agrees_with_joins_previous_on_every_code_point():
    """segment.whole_clusters scans a whole text with the class built from `joins_previous` (planes 0, 1 and 14
    only): the two once were separate lists that disagreed on 1,451 code points (Hebrew, Indic, Cyrillic marks)."""
    everything = "".join(map(chr, range(0x110000)))
    found = {ord(ch) for ch in _joining_class().findall(everything)}
    assert found == {cp for cp in range(0x110000) if joins_previous(chr(cp))}
    assert len(found) > 2000 and has_joining("e\u0301") and not has_joining("新华社北京电🚒")


def _joining_class():
    from annotator.core import text
    return text._joining()
