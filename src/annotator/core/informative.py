"""The document the model would learn most from: its uncertainty summed over its characters (each distinct
uncertain stretch once), ranked with some diversity.

One definition of a document's uncertainty serves the review order (`annotator list --order informative`, the
window's next document) and the archive (`annotator suggest` writes it, `import --sample` chooses by it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from annotator.core.prelabel.base import PrelabelDoc
    from annotator.core.prelabel.prelabeler import Prelabeler

UNCERTAINTY = ("sum over the document's uncertain stretches (runs of characters whose 1 - the marginal "
               "probability of the tag the model chose exceeds 0.1), each distinct text once, of their characters' "
               "1 - marginal, from the model's forward-backward pass; 0 for an empty document")
# A character is uncertain when 1 - the marginal of its tag exceeds this: what is left below is noise that a
# long document would add up to a high total without holding anything the model has to learn.
UNCERTAIN = 0.1
# How much of a document's uncertainty its resemblance to one ranked higher takes away (0: none; 1: an exact
# copy of a document ranked higher goes after every document unlike it).
DIVERSITY = 0.5
# The documents re-ranked for diversity: the most uncertain WINDOW (the rest follow by uncertainty alone), so
# that ranking a large project reads and compares only these texts.
WINDOW = 300
BUCKETS = 1 << 12  # a document's character bigrams hashed into this many buckets: what resemblance compares


def uncertainty(confidence: np.ndarray, text: str) -> float:
    """A document's uncertainty (see UNCERTAINTY) from its characters' marginals, rounded to 6 places: about
    how many characters the model would tag wrongly, a name repeated in the document counted once."""
    lost = 1.0 - np.asarray(confidence, dtype=np.float64)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], (lost > UNCERTAIN).astype(np.int8), [0]))))
    stretches: dict[str, float] = {}
    for start, end in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True):
        stretches[text[start:end]] = max(stretches.get(text[start:end], 0.0), float(lost[start:end].sum()))
    return round(sum(stretches.values()), 6)


def fingerprint(text: str) -> np.ndarray:
    """Which of BUCKETS buckets the text's character bigrams (whitespace left out) fall in: a stable hash of
    the code points, the same in every process."""
    codes = np.frombuffer("".join(text.split()).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    out = np.zeros(BUCKETS, dtype=np.float32)
    if len(codes) > 1:
        out[(codes[:-1] * 1_000_003 + codes[1:]) % BUCKETS] = 1.0
    return out


def resemblances(prints: np.ndarray) -> np.ndarray:
    """Jaccard similarity of every pair of fingerprints (rows), 0 where both are empty."""
    shared = prints @ prints.T
    sizes = prints.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    return np.where(union > 0, shared / np.maximum(union, 1), 0.0)


def rank(uncertainties: Mapping[int, float], texts: Callable[[Sequence[int]], Mapping[int, str]], *,
         diversity: float = DIVERSITY, window: int = WINDOW) -> list[int]:
    """Document ids, the most useful to review first: greedily, the document whose uncertainty, less
    `diversity` times its greatest resemblance to a document already ranked, is highest, among the `window`
    most uncertain; then the others by uncertainty. Ties go to the lower id, so the order is reproducible.
    `texts(ids)` gives the texts of the window's documents."""
    by_score = sorted(uncertainties, key=lambda d: (-uncertainties[d], d))
    top, rest = by_score[:window], by_score[window:]
    if diversity <= 0 or len(top) < 2:
        return by_score
    found = texts(top)
    similar = resemblances(np.stack([fingerprint(found.get(d, "")) for d in top]))
    value = np.array([uncertainties[d] for d in top], dtype=np.float64)
    closest = np.zeros(len(top))
    left = np.ones(len(top), dtype=bool)
    chosen: list[int] = []
    for _ in range(len(top)):
        # argmax takes the first of equal values: the higher uncertainty, then the lower id (top's order).
        pick = int(np.argmax(np.where(left, value * (1.0 - diversity * closest), -np.inf)))
        chosen.append(top[pick])
        left[pick] = False
        np.maximum(closest, similar[pick], out=closest)
    return chosen + rest


def following(order: Sequence[int], after: int | None, wanted: Callable[[int], bool], *,
              backward: bool = False) -> int | None:
    """The first document of `order` after `after` (before it when `backward`) that is `wanted`, wrapping
    around; from the top (or the bottom) when `after` is None or not in the order; None when none is."""
    ids = list(reversed(order)) if backward else list(order)
    start = ids.index(after) + 1 if after is not None and after in ids else 0
    for d in ids[start:] + ids[:start]:
        if d != after and wanted(d):
            return d
    return None


def document_uncertainties(prelabeler: Prelabeler, docs: Sequence[PrelabelDoc], *, batch: int = 64) -> list[float]:
    """Each document's uncertainty under the pre-highlighter's model (0 for all when it has no model engine),
    decoded `batch` documents at a time."""
    from annotator.core.prelabel.base import Prepared
    from annotator.core.prelabel.engines.model import ModelEngine

    engine = next((e for e in prelabeler.engines if isinstance(e, ModelEngine)), None)
    if engine is None:
        return [0.0] * len(docs)
    out: list[float] = []
    for i in range(0, len(docs), batch):
        part = docs[i:i + batch]
        out.extend(uncertainty(c, d.text) for c, d in zip(engine.confidences([Prepared(d) for d in part]), part,
                                                           strict=True))
    return out
