"""Chinese line breaking in the article view: no line starts with closing punctuation or ends with opening
punctuation, at any width, and long Latin/digit runs still wrap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gui_helpers import RAW, SEED
from PySide6.QtWidgets import QApplication

from annotator.core.segment import read_article
from annotator.gui.article_view import ArticleView

CLOSING = set("，。、；：？！”’）》」』】…")
OPENING = set("“‘（《「『【")
LONG_RAW = Path(__file__).resolve().parents[1] / "fixtures" / "typesetting" / \
    "四川汶川地震致重庆4名学生死亡100多人受伤.txt"
WIDTHS = (180, 233, 301, 377, 460, 613, 900)


def laid_out_lines(view: ArticleView) -> list[tuple[str, bool, bool]]:
    """(text, first line of its paragraph, last line of its paragraph) for every line Qt laid out."""
    QApplication.processEvents()
    out = []
    block = view.document().begin()
    while block.isValid():
        view.document().documentLayout().blockBoundingRect(block)  # lays out a block off screen too
        layout, text = block.layout(), block.text()
        assert layout.lineCount() >= 1 or not text
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            out.append((text[line.textStart():line.textStart() + line.textLength()], i == 0,
                        i == layout.lineCount() - 1))
        block = block.next()
    return out


def bad_lines(view: ArticleView) -> list[str]:
    """Wrapped lines that start with closing or end with opening punctuation."""
    bad = []
    for text, first, last in laid_out_lines(view):
        body = text.rstrip()
        if not first and text[:1] in CLOSING:
            bad.append(f"starts with {text[:1]}: {text!r}")
        if not last and body[-1:] in OPENING:
            bad.append(f"ends with {body[-1:]}: {text!r}")
    return bad


def articles() -> dict[str, str]:
    """The seed article, the raw news and one long raw article (every raw paragraph run together, twice)."""
    texts = {"seed": read_article(SEED).text, "raw": read_article(LONG_RAW).text}
    texts.update({f.stem: read_article(f).text for f in RAW})
    run = "".join(line for t in texts.values() for line in t.split("\n"))
    texts["long raw"] = (run + "\n") * 2
    return texts


@pytest.fixture
def view(qtbot):
    """A shown article view."""
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(view):
    """The seed article and long raw articles at several widths: every line start and end is checked."""
    wrapped = 0
    for name, text in articles().items():
        view.setPlainText(text)
        for width in WIDTHS:
            view.resize(width, 400)
            lines = laid_out_lines(view)
            wrapped += sum(not first for _, first, _ in lines)
            assert bad_lines(view) == [], f"{name} at {width}px"
            # every character is on exactly one line: wrapping loses nothing
            assert "".join(t for t, _, _ in lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    assert wrapped > 500  # the widths really made lines wrap


def test_long_latin_and_digit_runs_still_wrap(view):
    """A URL or number longer than the line breaks anywhere instead of running off the view."""
    run = "https://example.com/" + "a1b2c3d4" * 40
    view.setPlainText(f"报道见{run}。另见“{'9' * 300}”")
    for width in (200, 400):
        view.resize(width, 400)
        lines = laid_out_lines(view)
        assert len(lines) > 4
        room = view.viewport().width()
        block = view.document().begin()
        for i in range(block.layout().lineCount()):
            assert block.layout().lineAt(i).naturalTextWidth() <= room


def test_a_text_with_spaces_between_words_keeps_punctuation_on_its_line(qtbot, tmp_path):
    """A document whose text holds its word segmentation as spaces ("全球 追逃 ， 大幕 拉开"; CEC's texts say
    "消息 ，截至"), imported from JSON lines and opened in the window with the token marks on and off: Qt breaks
    after any space, and started lines with "，" and "、" there."""
    from gui_helpers import build_project

    from annotator.gui.window import MainWindow

    seed = read_article(SEED)
    spaced = "".join(seed.text[s:e] + ("" if seed.text[s:e] == "\n" or seed.text[e:e + 1] == "\n" else " ")
                     for s, e in seed.tokens)
    spaced += "\n中新网4月5日电据云南昭通市防震减灾局官方网站消息 ，截至5日14时 ，云南昭通永善县 5.0级地震（ 记者 ）。"
    article = tmp_path / "spaced.jsonl"
    article.write_text(json.dumps({"text": spaced}, ensure_ascii=False) + "\n", encoding="utf-8")
    path = tmp_path / "spaced.annot"
    (doc_id,) = build_project(path, [article])
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_project(path, doc_id=doc_id)
    win.show()
    qtbot.waitExposed(win)
    view = win.page.view
    assert " ，" in win.page.state.text  # the document keeps its spaces: copy and find read them
    wrapped = 0
    for boundaries in (True, False):
        view.show_boundaries = boundaries
        for width in (180, 233, 301, 377, 460, 613):
            win.page.setSizes([200, width + 30, 200])
            QApplication.processEvents()
            lines = laid_out_lines(view)
            wrapped += sum(not first for _, first, _ in lines)
            starts = [t for t, first, _ in lines if not first and t.lstrip(" \u00a0")[:1] in CLOSING]
            ends = [t for t, _, last in lines if not last and t.rstrip(" \u00a0")[-1:] in OPENING]
            assert starts == [] and ends == [], (width, starts[:3], ends[:3])
    assert wrapped > 200
    win.close_project()
