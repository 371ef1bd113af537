"""Importing files and folders: each file all or nothing, a cancelled import nothing; duplicates reported.

A large import is prepared (read, segmented, pre-highlighted) by a pool of worker processes, one per core
(import_pool); this process only writes, file by file in the order given, so the project ends up exactly
as after a serial import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core import formats, limits
from annotator.core.annotations import AnnotatedDocument
from annotator.core.errors import AnnotatorError, ProjectError, ReadError, ValidationError
from annotator.core.formats.detect import CONLL_SUFFIXES
from annotator.core.progress import Cancelled
from annotator.core.text import check_tokens
from annotator.service import import_pool, import_read, schema_extend
from annotator.service.bulk import paused_gc
from annotator.service.changes import ImportNote, ImportReport
from annotator.service.import_pool import JSONL_SUFFIXES, PreparedFile, ReadSpec, initial_status
from annotator.service.import_read import TEXT_LAYOUTS
from annotator.service.prelabel import Prelabel
from annotator.service.schema_edit import SchemaEdits
from annotator.service.triggers import Triggers
from annotator.store import changelog, models, queries, words

if TYPE_CHECKING:
    from annotator.core.schema import Schema
    from annotator.service.project import Project

__all__ = ["JSONL_SUFFIXES", "TEXT_LAYOUTS", "Importer", "expand_paths"]
Progress = Callable[[int, int, str], bool]  # (done, total, current file) -> keep going?


class Importer:
    """Use cases that bring documents into the project (`project.importer`)."""

    def __init__(self, project: Project, prelabel: Prelabel, triggers: Triggers,
                 schema_edits: SchemaEdits) -> None:
        self.project = project  # the reading side: schema, segmenter, user
        self.store = project.store
        self.prelabel = prelabel
        self.triggers = triggers
        self.schema_edits = schema_edits  # import --extend-schema adds what the files use

    def import_paths(self, paths: Iterable[str | Path], *, fmt: str = "auto", encoding: str = "auto",
                     reviewed: bool = False, prelabel: bool = True, progress: Progress | None = None,
                     workers: int | None = None, extend_schema: bool = False,
                     rename: Mapping[str, str] | None = None, keep_duplicates: bool = False) -> ImportReport:
        """Import files and folders (recursively); a failing file leaves the project as it was.

        A record whose text the project already has is skipped and reported; with `keep_duplicates`, the
        k-th copy of a text within one file is kept unless the project has a k-th copy already (so a file
        repeating a sentence keeps every copy, and importing the same file again still adds nothing).

        `progress(done, total, file)` returning False (or raising Cancelled) undoes the whole import and
        raises Cancelled.

        `workers` processes prepare the files (default: every core for a large import, else 1). `rename`
        maps label and event type keys of the files to the schema's (OLD -> NEW); with `extend_schema`,
        labels, event types and roles the files use that the schema lacks are added to it first, in the import's
        transaction: a cancelled import leaves the schema as it was, and a file refused takes back what only it
        needed."""
        self.store.require_writable()  # say so once, not once per file
        passed_over: list[str] = []
        files = list(expand_paths(paths, fmt=fmt, passed_over=passed_over))
        renames = tuple((rename or {}).items())
        workers = import_pool.default_workers(files) if workers is None else max(1, workers)
        # Reviewed documents are never pre-highlighted: no model, gazetteer or trigger lexicon to prepare.
        spec = ReadSpec(fmt=fmt, encoding=encoding, reviewed=reviewed, prelabel=prelabel and not reviewed,
                        rename=renames)
        imported: list[int] = []
        skipped: list[tuple[str, int]] = []
        errors: list[str] = []
        notes: list[ImportNote] = []
        refused: list[str] = []   # documents of a collection not read (import_read.REFUSED): the rest came in
        failed: set[str] = set()  # files refused whole
        added: list[str] = []
        original = self.project.schema
        prepared: Generator[PreparedFile, None, None] | None = None
        try:
            # One outer transaction: each file is a savepoint inside it (a failing file is undone alone),
            # and a cancelled import undoes every file it stored, and the schema it extended. No cyclic
            # collection meanwhile: the workers' parts arrive as millions of small objects, each few hundred
            # of which set one off.
            with self.store.transaction(), paused_gc():
                if extend_schema:
                    added = self._extend_schema_for(files, original, fmt=fmt, rename=renames)
                prepared = self._prepared_files(files, spec, workers=workers)
                for done, first in enumerate(prepared):
                    if progress is not None and not progress(done, len(files), first.path):
                        raise Cancelled("the import")
                    parts = chain([first], islice(prepared, first.parts - 1))
                    try:
                        ids, dupes = self._store_parts(parts, notes, refused, keep_duplicates=keep_duplicates)
                    except ProjectError:
                        raise  # the project file failed (full, at a size limit, damaged): not this file's fault
                    except AnnotatorError as exc:
                        errors.append(exc.message)
                        failed.add(first.path)
                        continue
                    finally:
                        for _ in parts:  # the parts after a failed one are passed over
                            pass
                    imported.extend(ids)
                    skipped.extend(dupes)
                if added and failed:  # the schema keeps what the files that came in use, not the refused ones'
                    added = self._extend_schema_for([f for f in files if str(f) not in failed], original, fmt=fmt,
                                                    rename=renames)
        except BaseException:
            if extend_schema:
                self.schema_edits.rolled_back(original)  # the import's transaction took its extension back
            raise
        finally:
            if prepared is not None:
                prepared.close()  # a cancelled import stops its workers
        if progress is not None:
            progress(len(files), len(files), "")
        errors += refused
        return ImportReport(tuple(imported), tuple(skipped), tuple(errors), len(files), notes=tuple(notes),
                            passed_over=tuple(passed_over), schema_added=tuple(added))

    def _extend_schema_for(self, files: list[Path], base: Schema, *, fmt: str,
                           rename: tuple[tuple[str, str], ...]) -> list[str]:
        """Make the schema `base` with what the files use and it lacks (one schema change); list the additions."""
        wanted = schema_extend.needs(files, base, fmt=fmt, rename=rename)
        self.schema_edits.update(schema_extend.extended(base, wanted) if not wanted.empty else base)
        return wanted.lines()

    def _prepared_files(self, files: list[Path], spec: ReadSpec, *, workers: int
                        ) -> Generator[PreparedFile, None, None]:
        lexicon = self.triggers.lexicon() if spec.prelabel else {}
        suggester = self.triggers.suggester() if spec.prelabel else None
        ctx = import_pool.Context(self.project.segmenter, self.project.schema, self.prelabel.prelabeler, lexicon,
                                  suggester)
        setup: dict[str, Any] = {}
        if workers > 1:
            setup = import_pool.worker_setup(
                schema=self.project.schema, user_words=words.segment_words(self.store.db),
                model=models.latest(self.store.db)[1] if spec.prelabel else None,
                gazetteer=self.prelabel.gazetteer() if spec.prelabel else [], lexicon=lexicon, events=suggester)
        return import_pool.prepared_files(import_pool.plan(files, workers=workers, fmt=spec.fmt), spec, ctx, workers=workers,
                                          setup=setup)

    def read_file(self, path: Path, *, fmt: str = "auto", encoding: str = "auto",
                  reviewed: bool = False) -> Iterator[AnnotatedDocument]:
        """Read one file into documents (not yet stored)."""
        for _, doc in import_read.read_path(path, fmt=fmt, encoding=encoding, reviewed=reviewed,
                                            segmenter=self.project.segmenter, schema=self.project.schema):
            if doc is not None:
                yield doc

    def add_documents(self, docs: list[AnnotatedDocument], *, reviewed: bool = False,
                      prelabel: bool = True) -> tuple[list[int], list[tuple[str, int]]]:
        """Store documents in one transaction; skip those whose text the project already has."""
        keys = [queries.content_hash(d.text) for d in docs]
        wheres = [import_read.where(d, i, len(docs)) for i, d in enumerate(docs)]
        for doc, where in zip(docs, wheres, strict=True):  # the readers check theirs; documents made in code too
            try:
                check_tokens(doc.text, doc.tokens)
            except ValidationError as exc:
                raise ValidationError(f"{where}: {exc.reason}", path=str(self.project.path)) from exc
        fresh, _ = _fresh(keys, queries.find_hashes(self.store.db, keys))
        chosen = [docs[i] for i in fresh]
        if prelabel and not reviewed and chosen:
            chosen = import_pool.suggest(self.prelabel.prelabeler(), chosen, events=self.triggers.suggester(),
                                         schema=self.project.schema)
        packed = [queries.pack_document(d, status=initial_status(d, reviewed=reviewed)) for d in chosen]
        return self._store_packed(packed, wheres)

    def _store_parts(self, parts: Iterator[PreparedFile], notes: list[ImportNote] | None = None,
                     refused: list[str] | None = None, *,
                     keep_duplicates: bool = False) -> tuple[list[int], list[tuple[str, int]]]:
        """Store one file in one transaction, part by part as the parts arrive (nothing of it when a part
        failed); report the documents it repeats against the document they repeat."""
        db = self.store.db
        ids: list[int] = []
        repeats: list[tuple[str, str, int, int]] = []  # (source, title, index in the file, id repeated)
        copies: Counter[str] = Counter()  # copies of each text so far in this file (keep_duplicates)
        total = 0
        path = kind = ""
        said: list[dict[str, int]] = []  # what the reader noted or could not carry of the documents kept
        with self.store.transaction():
            for part in parts:
                if part.error is not None:
                    raise ReadError(part.error)  # rolls back the parts already stored
                path, kind = part.path, part.kind or kind
                if refused is not None:
                    refused.extend(part.refused)
                total += len(part.docs)
                docs = list(part.docs)
                if keep_duplicates:
                    for n, packed in enumerate(docs):
                        copies[packed.hash] += 1
                        docs[n] = queries.keyed(packed, queries.repeat_key(packed.hash, copies[packed.hash]))
                known = queries.find_hashes(db, [p.hash for p in docs])  # earlier parts included
                fresh: dict[str, queries.PackedDocument] = {}
                repeated: list[tuple[str, str, int, str]] = []
                kept: set[int] = set()
                for n, (packed, index, (source, title)) in enumerate(zip(docs, part.indices, part.names, strict=True)):
                    if packed.hash in known or packed.hash in fresh:
                        repeated.append((source, title, index, packed.hash))
                    else:
                        fresh[packed.hash] = packed
                        kept.add(n)
                said.extend(counts for n, counts in part.remarks if n in kept)
                new_ids = queries.insert_packed_many(db, list(fresh.values()))
                known.update(zip(fresh, new_ids, strict=True))
                ids.extend(new_ids)
                repeats.extend((source, title, index, known[key]) for source, title, index, key in repeated)
            if not total:  # a file read whole says so itself (formats.iter_documents); one read in runs, here
                raise ReadError("the file holds no documents", path=path)
            changelog.log_action(db, user=self.project.user, action=f"import {len(ids)} document(s)")
        if notes is not None:
            notes.extend(import_read.remarks_notes(path, kind, said))
        return ids, [(import_read.where_named(s, t, i, total), d) for s, t, i, d in repeats]

    def _store_packed(self, packed: list[queries.PackedDocument], wheres: list[str]
                      ) -> tuple[list[int], list[tuple[str, int]]]:
        """Insert the documents the project does not have yet (one transaction); report the others
        against the document they repeat."""
        db = self.store.db
        keys = [p.hash for p in packed]
        known = queries.find_hashes(db, keys)
        fresh, repeats = _fresh(keys, known)
        with self.store.transaction():
            ids = queries.insert_packed_many(db, [packed[i] for i in fresh])
            changelog.log_action(db, user=self.project.user, action=f"import {len(ids)} document(s)")
        known.update(zip((keys[i] for i in fresh), ids, strict=True))
        return ids, [(wheres[i], known[keys[i]]) for i in repeats]


def _fresh(keys: list[str], known: dict[str, int]) -> tuple[list[int], list[int]]:
    """Indices of the first occurrence of each text the project lacks, and of the repeats."""
    seen = set(known)
    fresh, repeats = [], []
    for i, key in enumerate(keys):
        if key in seen:
            repeats.append(i)
        else:
            seen.add(key)
            fresh.append(i)
    return fresh, repeats


def expand_paths(paths: Iterable[str | Path], *, fmt: str = "auto",
                 passed_over: list[str] | None = None) -> Iterator[Path]:
    """Files named, and the importable files inside folders named (recursively, sorted).

    A file named must be a regular file within the input bound (a FIFO or a device is refused). Inside a
    folder, only regular files are read, and a symbolic link leading out of the folder is not followed;
    each such entry is added to `passed_over` as "where: why". A folder holding .ann files, the one named or one
    inside it (a collection's train/ and dev/), is a brat collection of its own, its .txt files its documents'."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and fmt in formats.FORMATS and formats.FORMATS[fmt].folder:
            files = _folder_files(path, passed_over if passed_over is not None else [])
            yield from _brat_folders(files) or [path]
        elif path.is_dir():
            suffixes = {".txt", *JSONL_SUFFIXES, *CONLL_SUFFIXES} if fmt in ("auto", "jsonl", *TEXT_LAYOUTS) else None
            files = _folder_files(path, passed_over if passed_over is not None else [])
            brat = _brat_folders(files) if fmt == "auto" else []
            yield from brat
            for child in files:
                if child.parent in brat:
                    continue
                if suffixes is None or child.suffix.lower() in suffixes or (
                        child.suffix.lower() == ".tsv" and formats.detect.looks_like_conll(child)):
                    yield child   # a .tsv of tagged tokens is CoNLL (MultiNERD's train_zh.tsv); another is no article
        elif path.exists() or path.is_symlink():
            limits.open_input(path).close()  # refused here, before any worker starts
            if path.suffix.lower() == ".toml":  # `import P schema.toml` read the schema file as a news article
                raise ReadError("this is a TOML file (a schema?), not articles or annotations", path=str(path),
                                hint="a schema file is imported with `annotator schema PROJECT --import FILE`")
            yield path
        else:
            raise ReadError("no such file or folder", path=str(path), hint="check the name and where it is")


def _brat_folders(files: list[Path]) -> list[Path]:
    """The folders among `files`' that hold brat .ann files, sorted."""
    return sorted({child.parent for child in files if formats.detect.is_brat_file(child.name)})


def _folder_files(folder: Path, passed_over: list[str]) -> list[Path]:
    """The regular files inside `folder` (symbolic links only when they stay inside it), sorted."""
    inside = folder.resolve()
    found = []
    for child in sorted(folder.rglob("*")):
        if child.is_symlink():
            target = child.resolve()
            if not target.is_relative_to(inside):
                passed_over.append(f"{child}: a symbolic link out of the folder (to {target}), not followed")
                continue
        if child.is_dir():
            continue
        if not child.is_file():
            passed_over.append(f"{child}: not a regular file (a FIFO, device or socket), not read")
            continue
        found.append(child)
    return found
