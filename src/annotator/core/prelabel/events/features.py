"""Character features of a sentence for the event models: its words, the schema's trigger words, and (for
arguments) where a character lies relative to the trigger."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator.core.annotations import AnnotatedDocument, SpanKind, SpanState
from annotator.core.events import sentence_starts
from annotator.core.schema import Schema
from annotator.core.text import Token

Features = list[list[str]]
Clusters = Mapping[str, tuple[str, ...]]  # word -> its cluster ids, coarse to fine (features/clusters.py)


@dataclass(frozen=True)
class Sentence:
    """One sentence `[start, end)` of a document with its words (offsets in the document) and, per
    character, the label of the entity span it lies in ("" for none) with B/I."""

    start: int
    end: int
    words: tuple[Token, ...]
    entities: tuple[str, ...]


def document_tokens(doc: AnnotatedDocument) -> tuple[Token, ...]:
    """The document's own tokens, or jieba's words of its text."""
    if doc.tokens:
        return doc.tokens
    from annotator.core.segment import default_segmenter

    return default_segmenter().tokens(doc.text)


def sentences(doc: AnnotatedDocument) -> list[Sentence]:
    """The document's sentences (as core.events cuts them), each with its words (`document_tokens`) and entity
    marks."""
    text = doc.text
    tokens = document_tokens(doc)
    marks = [""] * len(text)
    for span in sorted((x for x in doc.spans if x.kind == SpanKind.ENTITY and x.state != SpanState.REJECTED),
                       key=lambda x: x.end - x.start, reverse=True):
        marks[span.start] = f"B-{span.label}"
        for i in range(span.start + 1, span.end):
            marks[i] = f"I-{span.label}"
    starts = sentence_starts(text)
    ends = [*starts[1:], len(text)]
    firsts = [t[0] for t in tokens]
    out = []
    for s, e in zip(starts, ends, strict=True):
        if e <= s or not text[s:e].strip():
            continue
        lo, hi = bisect.bisect_left(firsts, s), bisect.bisect_left(firsts, e)
        out.append(Sentence(s, e, tuple(tokens[lo:hi]), tuple(marks[s:e])))
    return out


WordInfo = tuple[str, str, str, str, str, str]


def word_table(text: str, sentence: Sentence) -> list[WordInfo]:
    """Per character of the sentence: (its word, B/M/E/S within it, the previous word, the next word, and
    the POS tags (jieba's dictionary) of the word and of the previous one)."""
    from annotator.core.prelabel.features.word_analysis import tag_of

    out: list[WordInfo] = [("", "S", "", "", "x", "x")] * (sentence.end - sentence.start)
    words = [w for w in sentence.words if w[0] >= sentence.start and w[1] <= sentence.end]
    strings = [text[s:e] for s, e in words]
    pos_tags = [tag_of(w) for w in strings]
    for k, (s, e) in enumerate(words):
        prev = strings[k - 1] if k else "<s>"
        nxt = strings[k + 1] if k + 1 < len(words) else "</s>"
        prev_tag = pos_tags[k - 1] if k else "<s>"
        for i in range(s, e):
            pos = "S" if e - s == 1 else "B" if i == s else "E" if i == e - 1 else "M"
            out[i - sentence.start] = (strings[k], pos, prev, nxt, pos_tags[k], prev_tag)
    return out


def lexicon(schema: Schema) -> dict[str, str]:
    """The schema's example trigger words and their event type."""
    return {word: et.key for et in schema.event_types for word in et.triggers}


def trigger_features(text: str, sentence: Sentence, lex: dict[str, str]) -> Features:
    """Features of each character of the sentence for the trigger tagger."""
    chars = text[sentence.start:sentence.end]
    words = word_table(text, sentence)
    n = len(chars)

    def c(i: int) -> str:
        return chars[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    out: Features = []
    for i in range(n):
        word, pos, prev, nxt, tag, prev_tag = words[i]
        row = [f"t={tag}|{pos}", f"pt={prev_tag}|{tag}", "b", f"c0={c(i)}", f"c-1={c(i - 1)}", f"c1={c(i + 1)}", f"c-2={c(i - 2)}", f"c2={c(i + 2)}",
               f"c-10={c(i - 1)}{c(i)}", f"c01={c(i)}{c(i + 1)}", f"w={word}", f"wp={pos}", f"ww={word}|{pos}",
               f"pw={prev}", f"nw={nxt}", f"pwc={prev}|{word}", f"wnc={word}|{nxt}", f"wl={min(len(word), 4)}{pos}",
               f"wf={word[:1]}|{tag}", f"we={word[-1:]}|{tag}"]
        if word in lex:
            row.append(f"lex={lex[word]}|{pos}")
        if sentence.entities[i]:
            row.append(f"ent={sentence.entities[i]}")
        out.append(row)
    return out


def cluster_features(clusters: Clusters, word: str, prev: str, nxt: str, pos: str = "") -> list[str]:
    """The word's clusters at each size (with its position in the word) and the coarse clusters of the
    words either side; nothing for a word the table does not know."""
    out = [f"k{n}={k}|{pos}" for n, k in enumerate(clusters.get(word, ()))]
    if prev in clusters:
        out.append(f"pk={clusters[prev][0]}")
    if nxt in clusters:
        out.append(f"nk={clusters[nxt][0]}")
    return out


def _distance(d: int) -> str:
    a = abs(d)
    bucket = str(a) if a <= 4 else "5-8" if a <= 8 else "9-15" if a <= 15 else "16-30" if a <= 30 else "31+"
    return ("L" if d < 0 else "R") + bucket


# LAC's classes that name an entity: an argument's usual fillers (Participant, Location, Time).
LEXICAL_ENTITIES = frozenset({"PER", "LOC", "ORG", "TIME"})


def argument_features(text: str, sentence: Sentence, base: Features, trigger: tuple[int, int, str],
                      others: Sequence[tuple[int, int]], lexical: Sequence[str] | None = None) -> Features:
    """Features of each character of the sentence for the arguments of one trigger `(start, end, type)`:
    the trigger tagger's features, plus distance and direction to the trigger, its type and word, and
    how many clause marks and other triggers lie between; with `lexical` (LAC's word class of each
    character of `text`, trigger_spans.lexical_classes) the class, on its side of the trigger, and an entity
    class (PER, LOC, ORG, TIME) with the trigger's type."""
    ts, te, etype = trigger
    chars = text[sentence.start:sentence.end]
    tword = text[ts:te]
    words = word_table(text, sentence)
    # clause marks (，；：、) and other triggers before each offset, to count those between a character and the trigger
    marks = [0]
    for ch in chars:
        marks.append(marks[-1] + (ch in "，,；;：:"))
    other_starts = sorted(s for s, _ in others if s != ts)
    out: Features = []
    for i, feats in enumerate(base):
        at = sentence.start + i
        if ts <= at < te:
            side, dist = "T", "T"
        else:
            side = "L" if at < ts else "R"
            dist = _distance(at - ts if at < ts else at - te + 1)
        lo, hi = sorted((at, ts if at < ts else te - 1))
        clauses = marks[hi - sentence.start] - marks[lo - sentence.start]
        between = bisect.bisect_left(other_starts, hi) - bisect.bisect_right(other_starts, lo)
        word, pos = words[i][0], words[i][1]
        row = [*feats, f"d={dist}", f"dt={dist}|{etype}", f"st={side}|{etype}", f"tw={side}|{tword}",
               f"wt={word}|{pos}|{side}|{etype}", f"cl={side}{min(clauses, 3)}", f"ot={side}{min(between, 2)}",
               f"c0s={chars[i]}|{side}", f"wps={word}|{side}"]
        if lexical is not None:
            kind = lexical[at]
            row += [f"lc={kind}", f"lcs={kind}|{side}"]
            if kind in LEXICAL_ENTITIES:
                row += [f"lner={kind}", f"lners={kind}|{side}|{etype}"]
        out.append(row)
    return out


def bio(n: int, spans: Sequence[tuple[int, int, str]], offset: int) -> list[str]:
    """BIO tags of `n` characters from `offset` for non-overlapping spans (later overlapping ones dropped)."""
    tags = ["O"] * n
    for s, e, label in sorted(spans):
        s, e = s - offset, e - offset
        if s < 0 or e > n or any(t != "O" for t in tags[s:e]):
            continue
        tags[s] = f"B-{label}"
        for i in range(s + 1, e):
            tags[i] = f"I-{label}"
    return tags


def spans_of(tags: Sequence[str], offset: int) -> list[tuple[int, int, str]]:
    """Spans `(start, end, label)` of a BIO tag sequence (an I without its B starts a span)."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if start >= 0 and (kind != "I" or name != label):
            out.append((start + offset, i + offset, label))
            start = -1
        if kind == "B" or (kind == "I" and start < 0):
            start, label = i, name
    return out
