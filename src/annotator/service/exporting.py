"""Exporting training data: filtered by status and label, optionally split by a seed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core import formats
from annotator.core.annotations import ReviewStatus
from annotator.core.errors import ValidationError, WriteError
from annotator.core.progress import Progress, counted
from annotator.service import export_pool
from annotator.service.bulk import paused_gc
from annotator.store import files
from annotator.store.lock import lock_path

if TYPE_CHECKING:
    from annotator.service.project import Project

SPLIT_NAMES = ("train", "dev", "test")
PROGRESS_EVERY = 20  # documents between progress reports (a report costs a redraw in the window)


def parse_split(text: str) -> tuple[float, ...]:
    """'8:1:1' -> (0.8, 0.1, 0.1)."""
    try:
        parts = [float(p) for p in text.split(":")]
    except ValueError:
        parts = []
    if not 2 <= len(parts) <= 3 or any(p < 0 for p in parts) or sum(parts) <= 0:
        raise ValidationError(f"--split {text!r} is not like 8:1:1 (train:dev[:test])")
    total = sum(parts)
    return tuple(p / total for p in parts)


def split_ids(ids: Sequence[int], ratios: Sequence[float], *, seed: int) -> list[list[int]]:
    """Shuffle document ids with `seed` and cut them by `ratios` (reproducible)."""
    shuffled = list(ids)
    random.Random(seed).shuffle(shuffled)
    cuts, acc = [], 0.0
    for ratio in ratios[:-1]:
        acc += ratio
        cuts.append(round(acc * len(shuffled)))
    bounds = [0, *cuts, len(shuffled)]
    return [sorted(shuffled[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def split_path(target: Path, part: str) -> Path:
    """Where one part of a split goes: `out.jsonl` -> `out.train.jsonl` (loaders see the split and the
    format), a folder `out` -> `out.train`."""
    return target.with_name(f"{target.stem}.{part}{target.suffix}")


class Exporter:
    """Use cases that write the project's documents out (`project.exporter`)."""

    def __init__(self, project: Project) -> None:
        self.project = project  # the reading side: schema, documents
        self.store = project.store

    def export_ids(self, statuses: Sequence[str] = (ReviewStatus.REVIEWED.value,)) -> list[int]:
        """Documents an export with these statuses ('all' for every one) covers, in id order."""
        wanted = [] if "all" in statuses else list(statuses)
        for status in wanted:
            ReviewStatus(status)  # an unknown status is a user error, not an empty export
        return self.project.document_ids(statuses=wanted)

    def _refuse_to_replace_a_project(self, path: Path) -> None:
        """An export must never overwrite a project: this one, its log or lock, or any other .annot file."""
        own = {self.project.path, *files.sidecars(self.project.path), lock_path(self.project.path)}
        if path.resolve() in {p.resolve() for p in own} or files.is_sqlite_file(path):
            raise WriteError("is a project file (or part of one); exporting there would replace it", path=str(path),
                             hint="choose another output name, e.g. train.jsonl")

    def export(self, target: str | Path, *, fmt: str = "native",
               statuses: Sequence[str] = (ReviewStatus.REVIEWED.value,), labels: Sequence[str] | None = None,
               with_suggestions: bool = False, split: str | None = None, seed: int = 13,
               scheme: str = "bio", unit: str = "word", progress: Progress | None = None
               ) -> list[tuple[Path, formats.ExportSummary]]:
        """Write the chosen documents in `fmt`; with `split`, to NAME.train.SUFFIX / .dev / .test.

        `progress(done, total)` counts documents; cancelling leaves the file being written as it was."""
        spec = formats.get_format(fmt)
        if labels:
            unknown = [lab for lab in labels if self.project.schema.label(lab) is None]
            if unknown:
                raise ValidationError(f"unknown label(s) {', '.join(unknown)}",
                                      hint=f"the schema has {', '.join(self.project.schema.label_keys)}")
        options = formats.ExportOptions(labels=frozenset(labels) if labels else None,
                                        with_suggestions=with_suggestions, scheme=scheme, unit=unit)
        ids = self.export_ids(statuses)
        target = Path(target)
        if split is None:
            parts = [(target, ids)]
        else:
            groups = split_ids(ids, parse_split(split), seed=seed)
            parts = [(split_path(target, name), group) for name, group in zip(SPLIT_NAMES, groups, strict=False)]
        for path, _ in parts:
            self._refuse_to_replace_a_project(path)
        written, offset = [], 0
        for path, group in parts:
            shifted = None if progress is None else (lambda d, _t, o=offset: progress(o + d, len(ids)))
            written.append((path, self._write(group, path, spec, options, shifted)))
            offset += len(group)
        return written

    def _write(self, ids: Sequence[int], path: Path, spec: formats.Format, options: formats.ExportOptions,
               progress: Progress | None = None) -> formats.ExportSummary:
        workers = export_pool.use_pool(spec, len(ids))
        if workers > 1:
            return export_pool.write_parallel(self.project.path, ids, path, spec, options,
                                              schema=self.project.schema, workers=workers, progress=progress)
        docs = counted(self.project.iter_documents(ids), len(ids), progress, what="the export",
                       every=PROGRESS_EVERY)
        with paused_gc():
            return formats.write_documents(docs, path, spec.name, options, schema=self.project.schema)
