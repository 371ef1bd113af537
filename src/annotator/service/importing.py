"""Importing files and folders: each file one transaction, duplicates skipped and reported."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from annotator.core import formats
from annotator.core.annotations import AnnotatedDocument, ReviewStatus, SpanState
from annotator.core.errors import AnnotatorError, ReadError
from annotator.core.segment import read_article
from annotator.service.changes import ImportReport
from annotator.store import queries
from annotator.store.database import now

TEXT_LAYOUTS = ("segmented", "text")
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
Progress = Callable[[int, int, str], bool]  # (done, total, current file) -> keep going?


class ImportingMixin:
    """Use cases that bring documents into the project."""

    def import_paths(self, paths: Iterable[str | Path], *, fmt: str = "auto", encoding: str = "auto",
                     reviewed: bool = False, prelabel: bool = True,
                     progress: Progress | None = None) -> ImportReport:
        """Import files and folders (recursively); a failing file leaves the project as it was."""
        self.store.require_writable()  # say so once, not once per file
        files = list(expand_paths(paths, fmt=fmt))
        imported: list[int] = []
        skipped: list[tuple[str, int]] = []
        errors: list[str] = []
        for done, path in enumerate(files):
            if progress is not None and not progress(done, len(files), str(path)):
                break
            try:
                docs = list(self.read_file(path, fmt=fmt, encoding=encoding, reviewed=reviewed))
                ids, dupes = self.add_documents(docs, reviewed=reviewed, prelabel=prelabel)
            except AnnotatorError as exc:
                errors.append(exc.message)
                continue
            imported.extend(ids)
            skipped.extend(dupes)
        if progress is not None:
            progress(len(files), len(files), "")
        return ImportReport(tuple(imported), tuple(skipped), tuple(errors), len(files))

    def read_file(self, path: Path, *, fmt: str = "auto", encoding: str = "auto",
                  reviewed: bool = False) -> Iterator[AnnotatedDocument]:
        """Read one file into documents (not yet stored)."""
        kind = fmt
        if kind == "auto":
            kind = "jsonl" if path.suffix.lower() in JSONL_SUFFIXES else "auto-text"
        if kind in ("auto-text", *TEXT_LAYOUTS):
            layout = "auto" if kind == "auto-text" else kind
            article = read_article(path, layout=layout, encoding=encoding, segmenter=self.segmenter)
            yield AnnotatedDocument(title=article.title, text=article.text, tokens=article.tokens,
                                    name=path.stem, original=article.original, source=str(path),
                                    presegmented=article.presegmented)
            return
        options = formats.ReadOptions(reviewed=reviewed, schema=self.schema)
        for _line, doc in formats.iter_documents(path, "native" if kind == "jsonl" else kind, options):
            # Tokens the file carries are kept and followed; a bare text is segmented like raw text.
            if doc.tokens:
                yield replace(doc, presegmented=True)
            else:
                yield replace(doc, tokens=self.segmenter.tokens(doc.text))

    def add_documents(self, docs: list[AnnotatedDocument], *, reviewed: bool = False,
                      prelabel: bool = True) -> tuple[list[int], list[tuple[str, int]]]:
        """Store documents in one transaction; skip those whose text the project already has."""
        db = self.store.db
        keys = [queries.content_hash(d.text) for d in docs]
        known = queries.find_hashes(db, keys)
        fresh: list[AnnotatedDocument] = []
        fresh_keys: list[str] = []
        skipped: list[tuple[str, str]] = []  # (where, hash of the document it repeats)
        for i, (doc, key) in enumerate(zip(docs, keys, strict=True)):
            where = doc.source + (f":{i + 1}" if len(docs) > 1 else "") if doc.source else doc.title
            if key in known or key in fresh_keys:
                skipped.append((where, key))
                continue
            fresh.append(doc)
            fresh_keys.append(key)
        if prelabel and not reviewed and fresh:
            fresh = [replace(doc, spans=(*doc.spans, *spans))
                     for doc, spans in zip(fresh, self.suggest_many(fresh), strict=True)]
        ids: list[int] = []
        with self.store.transaction():
            for doc in fresh:
                ids.append(queries.insert_document(db, doc, status=_initial_status(doc, reviewed=reviewed)))
            db.execute("INSERT INTO changes(doc_id, user, at, action, rows) VALUES (NULL, ?, ?, ?, NULL)",
                       [self.user, now(), f"import {len(ids)} document(s)"])
        known.update(zip(fresh_keys, ids, strict=True))
        return ids, [(where, known[key]) for where, key in skipped]


def _initial_status(doc: AnnotatedDocument, *, reviewed: bool) -> ReviewStatus:
    if reviewed:
        return ReviewStatus.REVIEWED
    if doc.status not in (ReviewStatus.NEW, ReviewStatus.PRE_ANNOTATED):
        return doc.status
    if any(s.state == SpanState.SUGGESTED for s in doc.spans):
        return ReviewStatus.PRE_ANNOTATED
    return ReviewStatus.NEW


def expand_paths(paths: Iterable[str | Path], *, fmt: str = "auto") -> Iterator[Path]:
    """Files named, and the importable files inside folders named (recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and fmt in formats.FORMATS and formats.FORMATS[fmt].folder:
            yield path
        elif path.is_dir():
            suffixes = {".txt", *JSONL_SUFFIXES} if fmt in ("auto", "jsonl", *TEXT_LAYOUTS) else None
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if suffixes is None or child.suffix.lower() in suffixes:
                    yield child
        elif path.exists():
            yield path
        else:
            raise ReadError("no such file or folder", path=str(path), hint="check the name and where it is")
