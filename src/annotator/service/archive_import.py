"""Bringing a share of a pre-highlighted archive into a project for review (`import P ARCHIVE --sample N`),
with its suggestions kept as `annotator suggest` wrote them (nothing is pre-highlighted again).

Two passes over the shards: the first keeps a small record per document the project lacks and chooses
(core/archive_sample), the second reads the chosen documents; memory holds N documents, never the archive.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core import archive, formats, limits
from annotator.core.annotations import AnnotatedDocument
from annotator.core.archive_sample import Candidate, candidate, choose, parse_where
from annotator.core.errors import AnnotatorError, ReadError
from annotator.core.formats.fileio import json_lines
from annotator.service.changes import ImportReport
from annotator.store import queries

if TYPE_CHECKING:
    from annotator.service.project import Project

Progress = Callable[..., Any]  # (done, total) -> ignored; the CLI's bar


def is_archive(path: str | Path) -> bool:
    """Whether a path is a folder `annotator suggest` wrote (it has the archive's manifest)."""
    return read_manifest(Path(path), quiet=True) is not None


def read_manifest(folder: Path, *, quiet: bool = False) -> dict[str, Any] | None:
    """The archive's manifest; an error naming the folder (None when `quiet`) when it is not one."""
    path = folder / archive.MANIFEST
    try:  # read within the bound every input has (core.limits), like the shards
        data = json.loads(limits.read_input(path)) if path.is_file() else None
    except ReadError:
        if quiet:
            return None
        raise
    except (ValueError, RecursionError):  # not JSON, or nested too deeply for the parser
        data = None
    if isinstance(data, dict) and data.get("format") == archive.FORMAT and isinstance(data.get("shards"), list):
        problem = _shards_problem(data["shards"])
        if problem is None:
            return data
        if quiet:  # a folder that says it is an archive is taken for one, to say what is wrong with it
            return data
        raise ReadError(f"the archive's manifest.json is damaged: {problem}", path=str(path),
                        hint="write the archive again with `annotator suggest`")
    if quiet:
        return None
    raise ReadError("not an archive written by `annotator suggest` (no manifest.json)", path=str(folder),
                    hint="run `annotator suggest INPUT... -o FOLDER` first, or import the files without --sample")


# `annotator suggest` cuts shards of tens of megabytes: a 100 GB corpus makes a few thousand. A manifest of a
# million took 80 CPU-s to be refused (or 581 s to read one shard a million times).
MAX_SHARDS = 100_000


def _shards_problem(shards: list[Any]) -> str | None:
    """What is wrong with the manifest's list of shards, or None: each is an object naming a file of the
    archive's own folder (a name with a path in it would read a file from elsewhere) and its documents."""
    if len(shards) > MAX_SHARDS:
        return f"it lists {len(shards):,} shards; an archive holds at most {MAX_SHARDS:,}"
    seen: dict[str, int] = {}
    for n, shard in enumerate(shards, start=1):
        if not isinstance(shard, dict):
            return f"shard {n} is not an object"
        name, documents = shard.get("name"), shard.get("documents", 0)
        if not isinstance(name, str) or not name or "/" in name or "\0" in name or name in (".", ".."):
            return f"shard {n}'s name {name!r:.60} is not the name of a file in the archive's folder"
        if name in seen:  # a shard named a million times was read a million times (581 s for one document)
            return f"shard {n} names {name!r:.60} again (shard {seen[name]})"
        seen[name] = n
        if not isinstance(documents, int) or isinstance(documents, bool) or documents < 0:
            return f"shard {n}'s count of documents {documents!r:.60} is not a number of documents"
    return None


def import_archive(project: Project, folder: str | Path, *, sample: int | None = None, order: str = "informative",
                   where: str | None = None, seed: int = 13, progress: Progress | None = None) -> ImportReport:
    """Import `sample` documents of the archive the project lacks, chosen by `order` among those `where`
    names (label=ORG), or all of them (in archive order) when sample is None; each keeps its suggestions.
    The chosen come in the order they are to be reviewed (ids ascending)."""
    project.store.require_writable()
    root = Path(folder)
    manifest = read_manifest(root)
    assert manifest is not None
    shards = [root / str(s["name"]) for s in manifest["shards"] if s.get("documents")]
    labels = parse_where(where)
    if sample is None:
        if labels is not None:
            raise AnnotatorError("--where chooses among the documents of --sample N", hint="add --sample N")
        return _import_all(project, shards, progress)
    chosen = choose(_candidates(project, shards), sample, order=order, seed=seed, labels=labels)
    rank = {(c.shard, c.line): i for i, c in enumerate(chosen)}
    docs: list[tuple[int, AnnotatedDocument]] = []
    for index, shard in enumerate(shards):
        wanted = {line for s, line in rank if s == index}
        if wanted:
            docs.extend((rank[index, line], doc) for line, doc in _documents(project, shard, wanted))
        if progress is not None:
            progress(index + 1, len(shards))
    docs.sort(key=lambda item: item[0])
    ids, skipped = project.importer.add_documents([d for _, d in docs], prelabel=False)
    return ImportReport(tuple(ids), tuple(skipped), files=len(shards))


def _import_all(project: Project, shards: Sequence[Path], progress: Progress | None) -> ImportReport:
    """Every document, read a shard at a time and committed together: a damaged later shard (or a cancel)
    leaves none of the archive imported."""
    ids: list[int] = []
    skipped: list[tuple[str, int]] = []
    with project.store.transaction():
        for index, shard in enumerate(shards):
            added, dupes = project.importer.add_documents([d for _, d in _documents(project, shard, None)],
                                                          prelabel=False)
            ids.extend(added)
            skipped.extend(dupes)
            if progress is not None:
                progress(index + 1, len(shards))
    return ImportReport(tuple(ids), tuple(skipped), files=len(shards))


def _candidates(project: Project, shards: Sequence[Path]) -> Iterator[Candidate]:
    """A candidate for each document of the archive the project does not have yet."""
    for index, shard in enumerate(shards):
        found: list[tuple[Candidate, str]] = []
        for line, record in json_lines(_inside(shard)):
            if isinstance(record, AnnotatorError):
                raise record
            meta = record["meta"] if isinstance(record.get("meta"), dict) else {}
            text = record.get("text") if isinstance(record.get("text"), str) else ""
            found.append((candidate(record, shard=index, line=line), str(meta.get("hash") or queries.content_hash(text))))
        known = queries.find_hashes(project.store.db, [h for _, h in found])
        yield from (c for c, h in found if h not in known)


def _inside(shard: Path) -> Path:
    """The shard, refused when it is a link out of the archive's folder (as a folder import refuses one: it
    would read a file from elsewhere). Checked as each is read: a million of them are not resolved up front."""
    if not shard.resolve().is_relative_to(shard.parent.resolve()):
        raise ReadError("is a symbolic link out of the archive's folder; nothing was imported", path=str(shard),
                        hint="copy the file into the folder if it is the archive's")
    return shard


def _documents(project: Project, shard: Path, lines: set[int] | None) -> Iterator[tuple[int, AnnotatedDocument]]:
    """(line, document) of the shard's records on `lines` (all when None), with their suggestions."""
    _inside(shard)
    spec = formats.get_format("native")
    options = formats.ReadOptions(schema=project.schema)
    for line, unit in spec.units(shard):
        if lines is None or line in lines:
            doc = formats.parse_unit(spec, unit, line=line, path=str(shard), options=options)
            yield line, archive.triggers_from_meta(doc)
