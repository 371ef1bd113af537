from __future__ import annotations

import json
import sqlite3

from annotator.core.text import decode_tokens, encode_tokens
from annotator.service import Project


def test_token_encoding_round_trips_and_is_compact():
    tokens = ((0, 2), (2, 3), (4, 200), (200, 70000), (70001, 70002))
    assert decode_tokens(encode_tokens(tokens)) == tokens
    many = tuple((i * 2, i * 2 + 2) for i in range(1000))
    assert len(encode_tokens(many)) == 2000


def test_token_encoding_takes_the_byte_a_step_path_only_for_steps_under_128():
    # Steps of 128-255 fit a byte but not a one-byte varint: they must take the varint path.
    for step in (127, 128, 200, 255, 256):
        tokens = ((step, step + 1), (step + 1, 2 * step + 1))
        assert decode_tokens(encode_tokens(tokens)) == tokens
    assert encode_tokens(((0, 127),)) == bytes([0, 127]) and encode_tokens(((0, 128),)) == bytes([0, 0x80, 1])


def test_project_file_layout(tmp_path, seed_path):
    path = tmp_path / "p.annot"
    with Project.create(path, schema="news-zh") as p:
        p.importer.import_paths([seed_path], prelabel=False)
        p.edits.add_span(1, 0, 2, "LOC")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    text, tokens, original = conn.execute("SELECT text, tokens, original FROM documents").fetchone()
    assert len(tokens) < 2 * 1539 + 200  # ~2 bytes a token, not 12 KB of JSON
    assert original is not None and len(original) < len(seed_path.read_bytes())  # compressed
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    actions = [r[0] for r in conn.execute("SELECT action FROM changes ORDER BY id")]
    assert actions == ["import 1 document(s)", "add span"]
    rows = json.loads(conn.execute("SELECT rows FROM changes WHERE action = 'add span'").fetchone()[0])
    assert ["spans", 1, None] == rows[0][:3] and rows[0][3]["label"] == "LOC"
    conn.close()


def test_raw_article_stores_no_separate_original(tmp_path, fixtures):
    path = tmp_path / "p.annot"
    with Project.create(path) as p:
        p.importer.import_paths([fixtures / "raw_news" / "北京库房火灾中12人亡.txt"], prelabel=False)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT original FROM documents").fetchone()[0] is None
    conn.close()
