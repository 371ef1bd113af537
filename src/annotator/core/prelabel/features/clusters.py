"""Word clusters learned from unlabeled news (resources/models/word-clusters.tsv.gz, see the README there):
a word's cluster at each size, as features for words seen rarely or never in training (the event models,
and every CRF stacked on the starter: templates.CLUSTER_TEMPLATES)."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Mapping
from pathlib import Path

from annotator.core.prelabel.features.word_analysis import Memo

CLUSTERS_FILE = "word-clusters.tsv.gz"
# Cluster ids of a word the table does not have (seen fewer than its minimum count: often a name), and of
# whitespace (a text's edge, so that documents featurised end to end see what they see alone).
UNKNOWN = 1 << 16
EDGE = UNKNOWN + 1
_lock = threading.Lock()
_tables: dict[str, Mapping[str, tuple[str, ...]]] = {}
_ids: dict[str, Memo] = {}


def _read(path: Path) -> dict[str, tuple[str, ...]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = (line.rstrip("\n").split("\t") for line in fh)
        return {r[0]: tuple(r[1:]) for r in rows if len(r) > 1}


def word_clusters(name: str = CLUSTERS_FILE) -> Mapping[str, tuple[str, ...]]:
    """The shipped table `name`: word -> its cluster ids (coarse to fine); read once per process. A name
    that is not a file of the shipped models folder raises FileNotFoundError."""
    if not name or name != name.strip() or any(ch in name for ch in "/\\") or name.startswith("."):
        raise FileNotFoundError(f"not a shipped word-cluster table: {name!r}")
    with _lock:
        table = _tables.get(name)
        if table is None:
            from annotator.core.resources import models_dir

            table = _tables[name] = _read(models_dir() / name)
        return table


def cluster_ids(name: str = CLUSTERS_FILE) -> Memo:
    """word -> (coarse, fine) integer cluster ids in table `name` (UNKNOWN for a word it lacks, EDGE for
    whitespace), memoised."""
    memo = _ids.get(name)
    if memo is None:
        table = word_clusters(name)

        def ids(word: str) -> tuple[int, int]:
            if not word.strip():
                return EDGE, EDGE
            row = table.get(word)
            return (int(row[0]), int(row[-1])) if row else (UNKNOWN, UNKNOWN)

        memo = _ids[name] = Memo(ids)
    return memo


def use_table_file(path: Path, name: str = CLUSTERS_FILE) -> None:
    """Read the table at `path` in place of the shipped `name` for this process (measurement only: e.g. a
    table rebuilt without the fragments a benchmark scores)."""
    table = _read(path)
    with _lock:
        _tables[name] = table
        _ids.pop(name, None)
