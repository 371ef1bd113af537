"""CoNLL: one `token<TAB>tag` line per word (our tokens) or per character, a blank line after each
text line (a sentence), `-DOCSTART- -X- O O` (CoNLL 2003's form, which spaCy's converter splits documents at)
and a blank line before each document; BIO, IOB1, BMES or BIOES tags.

What CoNLL cannot carry is counted in the summary, never dropped silently: nested or overlapping
spans (the outermost is kept), spans across a line break, events, and whitespace other than one space
between two Latin/digit words (blank lines, indents). Word boundaries are split where an entity starts
or ends inside a word. Reading: a file that does not start with `-DOCSTART-` has one document per
sentence; the text is rebuilt from the tokens (a space only between two Latin/digit words; none in
character files); columns may be separated by a tab or spaces, the tag is the last column. A first line
naming the columns (`word label`, `字 标签`: its last column no tag) is passed over, and the import says so.
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import IO, Any

from annotator.core.annotations import IMPORT_ORIGIN, AnnotatedDocument, EntitySpan, ReviewStatus, SpanKind
from annotator.core.errors import ValidationError, WriteError
from annotator.core.formats.base import (
    DEFAULT_EXPORT,
    DEFAULT_READ,
    ExportOptions,
    ReadOptions,
    Tally,
    align_tokens,
    count_written,
    doc_label,
    exported_entities,
    first_line,
    sorted_events,
)
from annotator.core.formats.detect import TAG, is_header
from annotator.core.formats.extras import NOTE, not_carried
from annotator.core.formats.fileio import Source, source_name, text_lines
from annotator.core.text import Token, line_starts

NAME = "conll"
DOCSTART = "-DOCSTART-"
# The form CoNLL 2003 has, and the only one spaCy's `convert` takes as a document boundary.
DOCSTART_LINE = "-DOCSTART- -X- O O\n"
Sentence = list[tuple[int, str]]
_BACK = ReadOptions(reviewed=True)


@dataclass(frozen=True)
class Unit:
    """One document's sentences of (line number, raw line), and the header row the file began with when it is
    the file's first document."""

    sentences: list[Sentence]
    header: str = ""


def units(source: Source) -> Iterator[tuple[int, Unit]]:
    """(first line, unit) per document."""
    header: list[str] = []
    for n, (start, doc) in enumerate(_documents(source, header)):
        yield start, Unit(doc, header[0] if header and n == 0 else "")


def _documents(source: Source, header: list[str]) -> Iterator[tuple[int, list[Sentence]]]:
    """(first line, sentences of (line number, raw line)) per document; a header row the file begins with goes
    to `header`."""
    grouped: bool | None = None
    first = True
    doc: list[Sentence] = []
    sentence: Sentence = []
    start = 0
    for number, line in text_lines(source, blank="first"):  # a run of blank lines ends a sentence as one does
        stripped = line.strip()
        if is_comment(stripped):
            continue
        if first and stripped:
            first = False
            if is_header(line):   # only the file's first line: a later one without a tag is refused by line
                header.append(stripped)
                continue
        if grouped is None and stripped:
            grouped = stripped.split()[0] == DOCSTART
        if stripped and stripped.split()[0] == DOCSTART:
            if sentence:
                doc.append(sentence)
            if doc:
                yield start, doc
            doc, sentence, start = [], [], number
        elif not stripped:
            if sentence:
                doc.append(sentence)
                sentence = []
                if not grouped:
                    yield doc[0][0][0], doc
                    doc = []
        else:
            sentence.append((number, line))
    if sentence:
        doc.append(sentence)
    if doc:
        yield (start if grouped else doc[0][0][0]), doc


def is_comment(line: str) -> bool:
    """Whether a stripped line is a comment (`# id 7b1… domain=zh` in MultiCoNER, `# sent_id = 1` in CoNLL-U's
    manner), not a `#` token with its tag."""
    if not line.startswith("#"):
        return False
    cols = line.split()
    return not (len(cols) >= 2 and TAG.match(cols[-1]))


def read(source: Source, options: ReadOptions = DEFAULT_READ) -> Iterator[tuple[int, AnnotatedDocument]]:
    """Yield (line, document); the first bad line raises."""
    path = source_name(source)
    for line, unit in units(source):
        yield line, parse(unit, line=line, path=path, options=options)


HEADER_NOTE = NOTE + "header row passed over (the columns' names: {line!r})"  # counted: "1 header row …"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or ("\uff10" <= ch <= "\uff5a" and ch.isalnum())


def parse(unit: Unit, *, line: int, path: str, options: ReadOptions) -> AnnotatedDocument:
    """One document's sentences as a document; a bad line raises ValidationError naming it."""
    doc = _parse(unit.sentences, path=path, options=options)
    return replace(doc, meta=not_carried({}, {HEADER_NOTE.format(line=unit.header): 1})) if unit.header else doc


def _parse(sentences: list[Sentence], *, path: str, options: ReadOptions) -> AnnotatedDocument:
    rows = []
    width = 0
    second: dict[int, str] = {}   # line -> its second column (the token when the first numbers the lines)
    for sentence in sentences:
        row = []
        for number, raw in sentence:
            raw = raw.rstrip()   # a tab or spaces after the tag (some writers leave one) are no column
            cols = raw.split("\t") if "\t" in raw else raw.split()
            # A character file's space (`NBA 2K` of CLUENER) is a line ` <TAB>tag`: a character of the text.
            space = len(cols) >= 2 and len(cols[0]) == 1 and cols[0].isspace() and cols[0] not in "\r\n"
            if len(cols) < 2 or not (cols[0].strip() or space) or not cols[-1].strip():
                raise ValidationError(f"expected token<TAB>tag, got {raw[:40]!r}", path=path, line=number)
            if any(ch.isspace() for ch in cols[0].strip()):
                raise ValidationError(f"the token {cols[0].strip()!r} holds whitespace (columns separated by "
                                      "spaces and tabs at once?)", path=path, line=number)
            width = width or len(cols)
            if len(cols) != width:
                raise ValidationError(f"{len(cols)} columns where the document's first line has {width}",
                                      path=path, line=number, hint="a token holding a space or tab?")
            row.append((number, cols[0] if space else cols[0].strip(), cols[-1].strip()))
            if width >= 3:
                second[number] = cols[1].strip()
        rows.append(row)
    if width >= 3 and _numbered(rows):   # `index token tag` (MultiNERD's, WikiNEuRal's): the token is second
        rows = [[(number, second[number], tag) for number, _, tag in row] for row in rows]
        empty = next((number for row in rows for number, word, _ in row if not word), None)
        if empty is not None:
            raise ValidationError("the token column is empty", path=path, line=empty)
    words = _segmented_characters(rows) if options.unit != "word" else None
    if words is not None:   # Weibo NER's layout: each character with its position in its word (北0 京1)
        rows = [[(number, word[0], tag) for number, word, tag in row] for row in rows]
    by_char = options.unit == "char" or (options.unit == "auto" and all(len(w) == 1 for r in rows for _, w, _ in r))
    parts: list[str] = []
    tokens: list[Token] = []
    decoder = _TagDecoder(path=path, options=options)
    pos = 0
    for row in rows:
        if parts:
            parts.append("\n")
            pos += 1
        prev = ""
        for number, word, tag in row:
            if prev and not by_char and _is_latin(prev[-1]) and _is_latin(word[0]):
                parts.append(" ")
                pos += 1
            decoder.tag(tag, pos, pos + len(word), line=number)
            parts.append(word)
            if not word.isspace():
                tokens.append((pos, pos + len(word)))
            pos += len(word)
            prev = word
        decoder.close()
    text = "".join(parts)
    if words is not None:   # the file's own segmentation: a word begins at each character numbered 0
        cuts = [s for (s, _), first in zip(tokens, words, strict=True) if first] + [len(text)]
        tokens = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]
        tokens = [(a, b - 1) if text[b - 1] == "\n" else (a, b) for a, b in tokens]
    return AnnotatedDocument(title=first_line(text), text=text,
                             tokens=options.tokens_for(text) if by_char and words is None else tuple(tokens),
                             spans=tuple(decoder.spans),
                             status=ReviewStatus.REVIEWED if options.reviewed else ReviewStatus.PRE_ANNOTATED)


_BILOU = {"L": "E", "U": "S"}


def _numbered(rows: list[list[tuple[int, str, str]]]) -> bool:
    """Whether every sentence's first column counts its lines (0, 1, 2 … or 1, 2, 3 …): a line number, no token."""
    for row in rows:
        words = [w for _, w, _ in row]
        base = 1 if words[:1] == ["1"] else 0
        if words != [str(i + base) for i in range(len(words))]:
            return False
    return True
_NUMBERED = re.compile(r"([^\d\s])(\d{1,2})")


def _segmented_characters(rows: list[list[tuple[int, str, str]]]) -> list[bool] | None:
    """For a document every token of which is a character and its position in its word, numbered from 0 as
    Weibo NER has them (`北0`, `京1`, `市2`), whether each character begins a word; None for any other."""
    begins: list[bool] = []
    for row in rows:
        expected = 0   # a sentence begins a word
        for _, word, _ in row:
            m = _NUMBERED.fullmatch(word)
            if m is None or int(m.group(2)) not in (0, expected):   # 0 begins a word, the next counts on
                return None
            begins.append(m.group(2) == "0")
            expected = int(m.group(2)) + 1
    # one word of two characters at least: a row of `X0` tokens alone could be anything
    return begins if not all(begins) else None


class _TagDecoder:
    """BIO, IOB1, BMES, BIOES and BILOU tags to spans; M-/E-/L- (and I- when reading strict BIO) without a beginning
    is an error."""

    def __init__(self, *, path: str, options: ReadOptions) -> None:
        self.path, self.options = path, options
        self.spans: list[EntitySpan] = []
        self.open: tuple[int, int, str] | None = None

    def close(self) -> None:
        if self.open is not None:
            start, end, label = self.open
            self.spans.append(EntitySpan(id=len(self.spans) + 1, start=start, end=end, label=label,
                                         origin=IMPORT_ORIGIN, state=self.options.state, kind=SpanKind.ENTITY))
            self.open = None

    def tag(self, tag: str, start: int, end: int, *, line: int) -> None:
        if tag == "O":
            self.close()
            return
        prefix, sep, label = tag.partition("-")
        prefix = _BILOU.get(prefix, prefix)   # BILOU's (spaCy's) last and unit tags are BIOES's E- and S-
        if not sep or prefix not in ("B", "I", "M", "E", "S"):
            raise ValidationError(f"tag {tag!r} is not O or B-/I-/M-/E-/S-/L-/U- and a label", path=self.path,
                                  line=line)
        label = self.options.check_label(label, path=self.path, line=line)
        begins = self.open is None or self.open[2] != label
        if prefix in ("B", "S") or (prefix == "I" and begins and self.options.scheme != "bio"):
            self.close()   # IOB1 (and spaCy, conlleval) begin a span with I- after O or another label
            self.open = (start, end, label)
        else:
            if self.open is None or begins:
                raise ValidationError(f"tag {tag!r} continues a {label} span that did not begin",
                                      path=self.path, line=line)
            self.open = (self.open[0], end, label)
        if prefix in ("S", "E"):
            self.close()


def write(docs: Iterable[AnnotatedDocument], out: IO[str], *, options: ExportOptions = DEFAULT_EXPORT,
          tally: Tally | None = None, **_: Any) -> Tally:
    """CoNLL lines by word or by character, BIO, IOB1, BMES or BIOES, as the options say."""
    tally = tally or Tally(NAME)
    for doc in docs:
        out.write(document_lines(doc, options=options, tally=tally))
        tally.documents += 1
    return tally


def _outermost(spans: list[EntitySpan]) -> tuple[list[EntitySpan], list[EntitySpan]]:
    """Spans in text order split into the kept (outermost, first) and the nested or overlapping ones."""
    kept: list[EntitySpan] = []
    dropped: list[EntitySpan] = []
    for span in spans:  # sorted by start, longest first
        (dropped if kept and span.start < kept[-1].end else kept).append(span)
    return kept, dropped


def document_lines(doc: AnnotatedDocument, *, options: ExportOptions, tally: Tally) -> str:
    """The CoNLL block of one document, checked by reading it back."""
    text = doc.text
    entities, nested = _outermost(exported_entities(doc, options))
    for span in nested:
        tally.drop("nested or overlapping spans", doc, f"{span.label} {text[span.start:span.end]}")
    for span in [s for s in entities if "\n" in text[s.start:s.end]]:
        tally.drop("spans across a line break", doc, f"{span.label} {text[span.start:span.end]}")
        entities.remove(span)
    for key, _ev in sorted_events(doc, options):
        tally.drop("events", doc, key[0])
    tokens = doc.tokens
    if options.unit == "char" or not tokens:
        if not tokens and options.unit == "word":
            tally.drop("documents without tokens (written by character)", doc)
        tokens = tuple((i, i + 1) for i, ch in enumerate(text) if not ch.isspace())
    else:
        tokens, splits = align_tokens(tokens, entities)
        if splits:
            tally.drop("word splits made so that entities start and end on word boundaries", doc, str(splits))
    tags = _tags(doc, tokens, entities, options.scheme, tally)
    starts = line_starts(text)
    out = [DOCSTART_LINE]
    prev_line = None
    for (start, end), tag in zip(tokens, tags, strict=True):
        line = bisect.bisect_right(starts, start) - 1
        if line != prev_line:
            out.append("\n")
            prev_line = line
        out.append(f"{text[start:end]}\t{tag}\n")
    out.append("\n")
    block = "".join(out)
    _check(doc, block, entities, options, tally)
    count_written(tally, entities, ())
    return block


def _tags(doc: AnnotatedDocument, tokens: tuple[Token, ...], entities: list[EntitySpan], scheme: str,
          tally: Tally) -> list[str]:
    tags = ["O"] * len(tokens)
    starts = [s for s, _ in tokens]
    for span in list(entities):
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_left(starts, span.end) - 1
        if first > last or tokens[first][0] != span.start or tokens[last][1] != span.end:
            tally.drop("entities that start or end on whitespace", doc, doc.text[span.start:span.end])
            entities.remove(span)
            continue
        label = span.label
        inside = "M" if scheme == "bmes" else "I"
        if scheme in ("bio", "iob1"):
            # IOB1 writes B- only where a span follows another of its label without a gap.
            touching = first > 0 and tags[first - 1] != "O" and tags[first - 1][2:] == label
            tags[first] = f"I-{label}" if scheme == "iob1" and not touching else f"B-{label}"
            for i in range(first + 1, last + 1):
                tags[i] = f"I-{label}"
        elif first == last:
            tags[first] = f"S-{label}"
        else:
            tags[first], tags[last] = f"B-{label}", f"E-{label}"
            for i in range(first + 1, last):
                tags[i] = f"{inside}-{label}"
    return tags


def _check(doc: AnnotatedDocument, block: str, entities: list[EntitySpan], options: ExportOptions,
           tally: Tally) -> None:
    sentences = next(units(io.BytesIO(block.encode("utf-8"))))[1].sentences
    back = _parse(sentences, path="", options=ReadOptions(reviewed=True, unit=options.unit,
                                                                scheme="bio" if options.scheme == "bio" else "auto"))
    # CoNLL keeps no whitespace inside a line: compare the words without it.
    want = [(s.label, "".join(doc.text[s.start:s.end].split())) for s in entities]
    got = [(s.label, "".join(back.text[s.start:s.end].split())) for s in back.spans]
    if got != want:
        raise WriteError(f"{doc_label(doc)}: the CoNLL block does not read back to its entities")
    if back.text != doc.text:
        tally.drop("documents whose whitespace CoNLL cannot carry (blank lines, indents, other spaces)", doc)
