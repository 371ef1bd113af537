"""Security: jieba's cache is read and written only in the app's private data folder (0700), never in
the shared temp folder, where another user could plant a cache that changes how articles are cut."""

from __future__ import annotations

import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SEGMENT = """
import json, sys
from annotator.core.segment import Segmenter
seg = Segmenter()
# Digits make jieba itself cut this block (jieba-rs cuts pure Chinese runs and has no cache file).
text = "北京市公安局今天召开新闻发布会2014年"
print(json.dumps([text[s:e] for s, e in seg.tokens(text)], ensure_ascii=False))
"""
PRELABEL_WORDS = """
import json
from annotator.core.prelabel.features import word_analysis as lexicon
text = "北京市公安局今天召开新闻发布会"
print(json.dumps([text[s:e] for s, e in lexicon.jieba_words(text)], ensure_ascii=False))
"""


def run(code: str, *, data: Path, shared_tmp: Path) -> list[str]:
    env = {**os.environ, "ANNOTATOR_DATA_DIR": str(data), "TMPDIR": str(shared_tmp), "TEMP": str(shared_tmp),
           "TMP": str(shared_tmp)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    import json

    return json.loads(proc.stdout)


def plant_cache(shared_tmp: Path) -> None:
    """A valid jieba cache whose dictionary cuts the test sentence as one word."""
    sentence = "北京市公安局今天召开新闻发布会"
    freq = {sentence[:i]: 0 for i in range(1, len(sentence))}  # jieba walks prefixes to find words
    freq.update({ch: 1 for ch in sentence})
    freq[sentence] = 10**9
    with (shared_tmp / "jieba.cache").open("wb") as fh:
        marshal.dump((freq, 10**9 + 100), fh)


@pytest.mark.slow
def test_segmenter_cache_lives_in_the_private_data_folder(tmp_path):
    data, shared_tmp = tmp_path / "data", tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    plant_cache(shared_tmp)
    planted = sorted(p.name for p in shared_tmp.iterdir())
    words = run(SEGMENT, data=data, shared_tmp=shared_tmp)
    assert len(words) > 3, "a cache planted in the shared temp folder was read"
    assert sorted(p.name for p in shared_tmp.iterdir()) == planted  # nothing written there
    assert [p.name for p in data.iterdir() if p.name.endswith(".cache")], "no cache in the data folder"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    # The second run reads the private cache and cuts the same way.
    assert run(SEGMENT, data=data, shared_tmp=shared_tmp) == words


def test_the_planted_cache_would_be_read_by_jieba_left_to_itself(tmp_path):
    # Proves the plant works, so the tests above and below can fail.
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    plant_cache(shared_tmp)
    code = "import json, jieba\nprint(json.dumps(jieba.lcut('北京市公安局今天召开新闻发布会'), ensure_ascii=False))"
    assert run(code, data=tmp_path / "data", shared_tmp=shared_tmp) == ["北京市公安局今天召开新闻发布会"]


@pytest.mark.slow
def test_pre_highlighting_words_use_the_private_cache_too(tmp_path):
    data, shared_tmp = tmp_path / "data", tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    words = run(PRELABEL_WORDS, data=data, shared_tmp=shared_tmp)
    assert list(shared_tmp.iterdir()) == [], "jieba wrote its cache into the shared temp folder"
    plant_cache(shared_tmp)
    assert run(PRELABEL_WORDS, data=data, shared_tmp=shared_tmp) == words


def test_app_data_folder_is_private_even_if_it_existed(tmp_path, monkeypatch):
    from annotator.core.appdata import app_data_dir

    folder = tmp_path / "annotator-data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(folder))
    assert app_data_dir() == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "new" / "nested"))
    made = app_data_dir()
    assert stat.S_IMODE(made.stat().st_mode) == 0o700


def test_default_data_folder_follows_xdg_and_is_private(tmp_path, monkeypatch):
    from annotator.core.appdata import app_data_dir

    monkeypatch.delenv("ANNOTATOR_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = app_data_dir()
    assert path == tmp_path / "xdg" / "annotator"
    assert stat.S_IMODE(path.stat().st_mode) == 0o700
