"""Word clusters learned from unlabeled news (resources/models/word-clusters.tsv.gz, see the README there):
a word's cluster at each size, as features of the event models for words seen rarely or never in training."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Mapping

CLUSTERS_FILE = "word-clusters.tsv.gz"
_lock = threading.Lock()
_tables: dict[str, Mapping[str, tuple[str, ...]]] = {}


def word_clusters(name: str = CLUSTERS_FILE) -> Mapping[str, tuple[str, ...]]:
    """The shipped table `name`: word -> its cluster ids (coarse to fine); read once per process. A name
    that is not a file of the shipped models folder raises FileNotFoundError."""
    if not name or name != name.strip() or any(ch in name for ch in "/\\") or name.startswith("."):
        raise FileNotFoundError(f"not a shipped word-cluster table: {name!r}")
    with _lock:
        table = _tables.get(name)
        if table is None:
            from annotator.core.resources import models_dir

            with gzip.open(models_dir() / name, "rt", encoding="utf-8") as fh:
                rows = (line.rstrip("\n").split("\t") for line in fh)
                table = {r[0]: tuple(r[1:]) for r in rows if len(r) > 1}
            _tables[name] = table
        return table
