from __future__ import annotations

import codecs

import pytest

from annotator.core.encoding import decode_bytes
from annotator.core.errors import ReadError
from annotator.core.segment import (
    Segmenter,
    article_from_text,
    is_dateline,
    is_presegmented,
    parse_presegmented,
    read_article,
)
from annotator.core.text import decode_tokens


def test_seed_article_is_read_as_presegmented(seed_path):
    article = read_article(seed_path)
    assert article.title == "全球追逃，大幕拉开(深阅读)"
    lines = article.text.split("\n")
    assert len(lines) == 45
    assert len(article.text) == 2945
    assert len(article.tokens) == 1539
    assert lines[1].startswith("12月9日，在国际反腐败日到来之际，中央纪委监察部网站开通")
    original_words = [w for w in article.original.split() if w != ","]
    assert [article.text[s:e] for s, e in article.tokens] == original_words
    assert article.original == seed_path.read_text(encoding="utf-8")


def test_latin_tokens_keep_one_space_between_them():
    article = parse_presegmented("香港 称 Hong Kong 为 2 0 ， , 第二 句")
    assert article.text == "香港称Hong Kong为2 0，\n第二句"
    assert [article.text[s:e] for s, e in article.tokens] == ["香港", "称", "Hong", "Kong", "为", "2", "0",
                                                              "，", "第二", "句"]


def test_raw_text_is_segmented_with_lines_kept(fixtures):
    path = fixtures / "raw_news" / "北京库房火灾中12人亡.txt"
    article = read_article(path)
    assert "\r" not in article.text
    assert article.text.split("\n")[0].strip() == "2013-11-21"  # a date line, not a headline
    assert article.title == "北京库房火灾中12人亡"  # the headline the file is named after
    covered = "".join(article.text[s:e] for s, e in article.tokens)
    assert covered == "".join(article.text.split())


@pytest.mark.parametrize("name", ["北京库房火灾中12人亡", "宁夏两客车相撞11人死"])
def test_gbk_copy_gives_the_same_document(fixtures, name):
    utf8 = read_article(fixtures / "raw_news" / f"{name}.txt")
    gbk = read_article(fixtures / "encodings" / f"{name}.gbk.txt")
    assert gbk.text == utf8.text and gbk.tokens == utf8.tokens and gbk.title == utf8.title


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030", "big5"])
def test_encodings_are_detected(encoding):
    text = "國家主席在北京會見了來訪的外國元首。\r\n雙方就兩國關係交換了意見。"
    if encoding in ("utf-8-sig", "utf-16", "gb18030"):
        text = "国家主席在北京会见了来访的外国元首。\r\n双方就两国关系交换了意见。"
    decoded, used = decode_bytes(text.encode(encoding), path="x.txt")
    assert decoded == text.replace("\r\n", "\n")
    assert codecs.lookup(used).name == codecs.lookup(encoding).name or encoding == "utf-8-sig"


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"), (b"  \n\r\n", "empty"), (b"\x00\x01\x02abc\x00", "binary"), (b"\x80\x81\xfe\xff\x80abc", "decode"),
])
def test_bad_files_are_refused_with_the_file_named(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert reason in str(info.value)


def test_cr_line_ends_become_lf():
    article = article_from_text("第一行\r第二行\r\n第三行".replace("\r\n", "\n").replace("\r", "\n"))
    assert article.text.split("\n") == ["第一行", "第二行", "第三行"]


def test_raw_text_is_not_mistaken_for_segmented(fixtures, seed_path):
    assert is_presegmented(seed_path.read_text(encoding="utf-8"))
    raw = (fixtures / "segmented" / "pfr-19980101-02-002.raw.txt").read_text(encoding="utf-8")
    assert not is_presegmented(raw)
    assert is_presegmented((fixtures / "segmented" / "pfr-19980101-02-002.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_short_lines_ended_by_other_separators_are_raw_text_kept_whole(separator):
    """Web text whose short lines end in U+2028, NEL, a form feed … was judged pre-segmented: its text was
    rebuilt from the "words" between them, and the separators were gone."""
    text = separator.join(["记者", "张三", "李四", "王五", "北京", "上海", "报道"])  # a byline, a name a line
    assert not is_presegmented(text)
    article = article_from_text(text)
    assert article.text == text and not article.presegmented
    assert all(text[s:e] for s, e in article.tokens)
    assert is_presegmented(text.replace(separator, " "))   # spaces between words still mark a segmented file


@pytest.mark.parametrize("line", ["2014-04-18 10:24环球网", "2008年05月12日16:22", "2006-8-29 8:43:17",
                                  "2014-03-31 01:57:00\u3000", "2008.06.13 05:10:00", "来源：新华网",
                                  "新华网 2014年3月11日", "2004年6月11日"])
def test_date_and_source_lines_are_recognised(line):
    assert is_dateline(line)


@pytest.mark.parametrize("line", ["2014年3月11日山西发生隧道事故", "全球追逃，大幕拉开(深阅读)", "12月9日，在国际反腐败日",
                                  "新华社北京12月9日电记者从公安部获悉，今年以来共抓获外逃人员500余名。"])
def test_headlines_and_sentences_are_not_date_lines(line):
    assert not is_dateline(line)


def test_raw_news_under_a_date_line_takes_its_headline_from_the_file_name(tmp_path):
    text = "2014-04-18 10:24环球网\r\n据澳大利亚新快网4月18日报道，两名中国游客遭遇交通事故。后续报道。\r\n"
    named = tmp_path / "两名中国游客在澳遭遇交通事故.gbk.txt"
    named.write_bytes(text.encode("gbk"))
    assert read_article(named).title == "两名中国游客在澳遭遇交通事故"
    assert read_article(named).text.startswith("2014-04-18")  # the text itself is kept as it was
    unnamed = tmp_path / "0001.txt"  # no headline in the name: the first sentence after the date line
    unnamed.write_text(text, encoding="utf-8")
    assert read_article(unnamed).title == "据澳大利亚新快网4月18日报道，两名中国游客遭遇交通事故。"
    plain = tmp_path / "0002.txt"  # a headline on the first line stays the title
    plain.write_text("山西高速隧道交通事故\n2014年03月11日20:56\n新华网太原3月11日电。", encoding="utf-8")
    assert read_article(plain).title == "山西高速隧道交通事故"


@pytest.mark.parametrize("brk", ["\r", "\u2028", "\u2029", "\x85", "\x0c"])
def test_the_headline_under_a_date_line_is_found_at_any_line_break(brk):
    """raw_title cut the lines after a date line at "\n" only: a CR-only (old Mac) or U+2028 file took the date line,
    the break and the first sentence as its title."""
    text = f"2014-04-18 10:24环球网{brk}据澳大利亚新快网4月18日报道，两名中国游客遭遇交通事故。后续报道。{brk}"
    assert article_from_text(text, source="0001.txt").title == "据澳大利亚新快网4月18日报道，两名中国游客遭遇交通事故。"
    long = f"2014-04-18 10:24环球网{brk}\x1b[2J" + "消防员" * 12 + "👨\u200d🚒" * 5 + "。"
    title = article_from_text(long, source="0002.txt").title
    assert title.endswith("…") and len(title) <= 40 and "\x1b" not in title and not title[:-1].endswith("\u200d")


def test_segmenters_share_the_dictionaries_but_never_each_others_words():
    chinese, mixed = "北京市公安局今天召开新闻发布会", "北京市公安局今天召开新闻发布会2014年"  # jieba-rs, jieba
    plain = [Segmenter().words(chinese), Segmenter().words(mixed)]
    learner, with_words, other = Segmenter(), Segmenter(["今天召开"]), Segmenter()
    assert [learner.words(chinese), learner.words(mixed)] == plain  # both dictionaries loaded and shared
    learner.add_word("今天召开")
    assert "今天召开" in learner.words(chinese) and "今天召开" in learner.words(mixed)
    assert "今天召开" in with_words.words(chinese) and "今天召开" in with_words.words(mixed)
    assert [other.words(chinese), other.words(mixed)] == plain
    assert [Segmenter().words(chinese), Segmenter().words(mixed)] == plain


def test_without_user_words_the_segmenter_uses_the_cutter_rjieba_built_on_import_and_never_teaches_it():
    rjieba = pytest.importorskip("rjieba")
    text = "北京市公安局今天召开新闻发布会"
    before = rjieba.cut(text)
    learner = Segmenter()
    assert learner.words(text) == before
    assert learner._ready()._rust is rjieba._DEFAULT_JIEBA  # its dictionary built once per process, not twice
    learner.add_word("今天召开")
    assert "今天召开" in learner.words(text)
    assert rjieba.cut(text) == before and Segmenter().words(text) == before


@pytest.mark.parametrize(("text", "whole"), [
    ("新华社❤\ufe0f北京电", "❤\ufe0f"), ("张三葛\U000E0100在上海", "葛\U000E0100"), ("上海👨\u200d🚒会见", "👨\u200d🚒"),
    ("点赞👍\U0001f3fd好", "👍\U0001f3fd"), ("Cafe\u0301在北京", "e\u0301"), ("组合\u20dd标记", "合\u20dd"),
    # Marks the old list of ranges left out (Hebrew points, a Devanagari virama and vowel sign, a flag's tag
    # characters, the half-width voicing mark): core/text.joins_previous is the one definition now.
    ("希伯来语עִבְרִית", "עִ"), ("印地语नमस्ते", "ते"), ("印地语नमस्ते", "स्"), ("英格兰🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F队",
                                                  "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"),
    ("片假名ｶﾞｲﾄﾞ", "ｶﾞ")])
def test_no_token_boundary_falls_inside_a_character_and_its_marks(text, whole):
    """jieba made U+FE0F, U+E0100, the joiner of 👨‍🚒 and a combining accent words of their own: a suggestion or a
    selection snapped to tokens could end between 葛 and its variation selector, which the window draws as one."""
    at = text.index(whole)
    for packed in (False, True):
        seg = Segmenter()
        tokens = decode_tokens(seg.packed_tokens(text)) if packed else seg.tokens(text)
        inner = set(range(at + 1, at + len(whole)))
        assert not inner & {edge for token in tokens for edge in token}, [text[s:e] for s, e in tokens]
        assert "".join(text[s:e] for s, e in tokens) == text


def test_a_mark_after_whitespace_stays_a_token_of_its_own():
    text = "\u0301开头\n\u0301"
    assert [text[s:e] for s, e in Segmenter().tokens(text)] == ["\u0301", "开头", "\u0301"]
