"""Archive commands: `suggest` pre-highlights a whole archive on a Dask cluster."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli import cli
from annotator.cli.progress import Bar, quiet_option


@cli.command("suggest")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder of shards and manifest.json (on a cluster: a folder every worker can write).")
@click.option("--project", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Pre-highlight with this project's schema, model, gazetteer and dictionary "
                   "(default: the default schema and the starter model).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on this Dask cluster (e.g. tcp://10.0.0.5:8786) instead of a local one.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the local cluster "
              "(default: one per core).")
@quiet_option
def suggest_cmd(inputs: tuple[Path, ...], outdir: Path, project: Path | None, scheduler: str | None,
                workers: int | None, quiet: bool) -> None:
    """Pre-highlight an archive (.txt files, folders, JSONL) into native JSONL shards on Dask.

    Each document carries its suggestions, a content hash and the model's uncertainty (meta.hash,
    meta.uncertainty); manifest.json lists the shards, the counts and the model used. Running it again
    skips the shards already complete, so an interrupted run resumes; the output is the same whatever
    the number of workers. Needs the optional Dask dependency: pip install 'dask[distributed]>=2024.1' in annotator's
    environment (from a checkout: pip install '.[cluster]').

    \b
    Example:
      annotator suggest articles/ corpus.jsonl -o archive/ --project news.annot
      annotator suggest corpus/ -o archive/ --scheduler tcp://10.0.0.5:8786
      annotator import news.annot archive/ --sample 50 --order informative
    """
    from annotator.service import archive  # the service and its engines load when the command runs

    if scheduler and workers:
        raise click.BadParameter("the cluster at --scheduler has its own workers", param_hint="--workers")
    with Bar("pre-highlighting shards", quiet=quiet) as bar:
        report = archive.suggest_archive(inputs, outdir, project=project, scheduler=scheduler, workers=workers,
                                         progress=bar)
    for line in report.lines():
        click.echo(line, err=line.startswith("error: "))
    if report.errors:
        raise SystemExit(2)


def is_archive_import(paths: tuple[Path, ...], *, sample: int | None, where: str | None) -> bool:
    """Whether `import` brings documents of an archive `suggest` wrote (one folder, or --sample given)."""
    if sample is not None or where is not None:
        if len(paths) != 1:
            raise click.BadParameter("--sample and --where take one archive folder", param_hint="PATHS")
        return True
    if len(paths) != 1 or not paths[0].is_dir():
        return False  # only a folder can be one: a file's import never loads the archive's modules (numpy)
    from annotator.service.archive_import import is_archive

    return is_archive(paths[0])


def import_archive_cmd(project: Path, paths: tuple[Path, ...], *, sample: int | None, order: str,
                       where: str | None, quiet: bool) -> None:
    """`import P ARCHIVE [--sample N --order O --where label=X]`: documents with their suggestions as they are."""
    from annotator.service import Project
    from annotator.service.archive_import import import_archive

    with Project.open(project) as p, Bar("importing", quiet=quiet) as bar:
        report = import_archive(p, paths[0], sample=sample, order=order, where=where, progress=bar)
    short = sample is not None and len(report.imported) < sample
    # Fewer than asked: the archive holds no more documents the project lacks (of those --where names); said, as
    # "imported 0 document(s)" alone read like a fault once everything had been brought.
    click.echo(f"imported {len(report.imported)} document(s) from {report.files} shard(s) of {paths[0]}"
               + (f": the archive holds no other document the project lacks{' with ' + where if where else ''}"
                  if short else ""))
    for where_, doc_id in report.skipped:
        click.echo(f"skipped {where_}: the project has it already (document {doc_id})")
