from __future__ import annotations

import codecs

import pytest

from annotator.core.encoding import decode_bytes
from annotator.core.errors import ReadError
from annotator.core.segment import article_from_text, is_presegmented, parse_presegmented, read_article


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
    assert article.title == article.text.lstrip("\ufeff").split("\n")[0].strip()
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
