"""The bundled demo project: built from the articles and schema that ship inside the package."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.resources import demo_dir
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.service.changes import ImportReport
from annotator.service.importing import Progress
from annotator.service.project import Project


def build_demo(project: Path, *, source: Path | None = None,
               progress: Progress | None = None) -> ImportReport | None:
    """Build the demo project at `project` unless it exists (then None); a failed build leaves no file."""
    if project.exists():
        return None
    source = demo_dir() if source is None else source
    schema = source / "schema.toml"
    # Built under another name and renamed when complete: a crash never leaves a half demo to be opened.
    tmp = project.with_name(project.name + ".building")
    for leftover in (tmp, tmp.with_name(tmp.name + ".lock")):
        leftover.unlink(missing_ok=True)
    project.parent.mkdir(parents=True, exist_ok=True)
    try:
        with Project.create(tmp, schema=schema if schema.exists() else DEFAULT_SCHEMA) as p:
            articles = sorted(path for path in (source / "articles").rglob("*") if path.is_file())
            report = p.import_paths(articles, progress=progress)
        if report.errors:
            raise ProjectError("; ".join(report.errors), path=str(source))
        tmp.rename(project)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".lock")):
            leftover.unlink(missing_ok=True)
    return report
