"""The README's picture of Tools → Statistics: the 30 gold People's Daily articles of the test fixtures,
pre-highlighted, reviewed over four days by two annotators (their files merged), drawn offscreen.

    QT_QPA_PLATFORM=offscreen python tools/statistics_screenshot.py docs/statistics.png [--lang zh_CN]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pd98_train30.jsonl"


def build(folder: Path) -> Path:
    """The project: texts imported with pre-highlighting, the gold merged in four daily batches."""
    from annotator.service import Project

    records = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines()]
    texts = folder / "texts.jsonl"
    texts.write_text("".join(json.dumps({"text": r["text"]}, ensure_ascii=False) + "\n" for r in records),
                     encoding="utf-8")
    path = folder / "news.annot"
    with Project.create(path, schema="news-zh", user="lead") as p:
        p.importer.import_paths([texts], prelabel=True)
    start = datetime.now() - timedelta(days=4)
    batches = [(0, 5, "ann1"), (5, 9, "ann2"), (9, 15, "ann1"), (15, 22, "ann2")]
    for day, (a, b, who) in enumerate(batches):
        batch = folder / f"{who}-{day}.jsonl"
        batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[a:b]), encoding="utf-8")
        stamp = (start + timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%S")
        with mock.patch("annotator.store.database.now", lambda s=stamp: s), \
                mock.patch("annotator.service.team.now", lambda s=stamp: s), Project.open(path, user="lead") as p:
            p.team.merge(batch, annotator=who)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--tab", type=int, default=1, help="0 progress, 1 suggestions, 2 labels, 3 team")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from annotator.gui import i18n
    from annotator.gui.session import ProjectSession
    from annotator.gui.statistics_view import StatisticsView
    from annotator.service import Project

    app = QApplication([])
    i18n.install(args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(build(Path(tmp)), readonly=True)
        session = ProjectSession(project)
        view = StatisticsView(session)
        view.resize(900, 1000)
        view.tabs.setCurrentIndex(args.tab)
        view.show()
        while view.stats is None:  # its count runs in a worker thread
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        view.grab().save(str(args.out), "PNG")
        view.close()
        project.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
