"""Exchange commands: export and validate training-data files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli import cli
from annotator.cli.params import comma_list, format_names, held
from annotator.cli.progress import Bar, quiet_option
from annotator.core.annotations import ReviewStatus
from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.core import formats

STATUS_CHOICES = ["all", *(s.value for s in ReviewStatus)]


@cli.command("export")
@click.argument("project", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The file to write (a folder or .zip for brat).")
@click.option("--format", "fmt", default="native", show_default=True, type=format_names(),
              help="The exchange format to write (what each carries: the README's Formats, docs/formats.md).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUS_CHOICES),
              help="Documents in this review status (repeatable; default reviewed; 'all' for every one).")
@click.option("--labels", help="Only these entity labels, comma-separated (e.g. PER,ORG).")
@click.option("--with-suggestions", is_flag=True, help="Include unreviewed suggestions (with state and origin).")
@click.option("--split", help="Split documents into NAME.train.SUFFIX/.dev/.test by these ratios, e.g. 8:1:1.")
@click.option("--seed", default=13, show_default=True, help="Seed of the --split shuffle.")
@click.option("--scheme", default="bio", show_default=True, type=click.Choice(["bio", "bmes", "bioes", "iob1"]),
              help="CoNLL tagging scheme.")
@click.option("--unit", default="word", show_default=True, type=click.Choice(["word", "char"]),
              help="CoNLL rows by token or by character.")
@click.option("--annotator", help="Write this annotator's merged layer instead of the adjudicated annotations.")
@quiet_option
def export_cmd(project: Path, output: Path, fmt: str, statuses: tuple[str, ...], labels: str | None,
               with_suggestions: bool, split: str | None, seed: int, scheme: str, unit: str,
               annotator: str | None, quiet: bool) -> None:
    """Export documents as training data; every span's text is checked before a file is written.

    The file is written under a temporary name and renamed when complete; the summary names anything
    the format cannot carry (nested spans in CoNLL, events in CLUENER, …).

    \b
    Example:
      annotator export news.annot -o train.jsonl
      annotator export news.annot -o ner.conll --format conll --scheme bmes --status all --split 8:1:1
      annotator export news.annot -o ann1.jsonl --annotator ann1
    """
    from annotator.core import formats
    from annotator.service import Project, review

    statuses = statuses or ("reviewed",)
    with Project.open(project, readonly=True) as p:
        if annotator:
            wanted = frozenset(comma_list(labels) or ()) if labels else None
            options = formats.ExportOptions(labels=wanted, scheme=scheme, unit=unit)
            _report([(output, p.team.export_layer(output, annotator, fmt=fmt, options=options))])
            return
        with Bar("exporting", quiet=quiet) as bar:
            written = p.exporter.export(output, fmt=fmt, statuses=statuses,
                               labels=comma_list(labels) if labels else None,
                               with_suggestions=with_suggestions, split=split, seed=seed, scheme=scheme, unit=unit,
                               progress=bar)
        reviewed = "reviewed" in statuses or "all" in statuses
        open_work = review.reviewed_open_work(p) if reviewed else []
        counts = p.status_counts()
    _report(written)
    if not any(summary.documents for _, summary in written) and "all" not in statuses and any(counts.values()):
        # A first export after importing, before reviewing, wrote an empty file with no word of why.
        click.echo(f"note: no document of the project is {' or '.join(statuses)} ({held(counts)}); --status all exports "
                   "every document, --with-suggestions with its open suggestions", err=True)
    for i, line in enumerate(review.open_work_lines(open_work, left_out=not with_suggestions)):
        click.echo(f"warning: {line}" if i == 0 else line, err=True)


def _report(written: list[tuple[Path, formats.ExportSummary]]) -> None:
    for path, summary in written:
        click.echo(f"wrote {path}")
        for line in summary.lines():
            click.echo(f"  {line}")


@cli.command("validate")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", default="auto", show_default=True, type=format_names("auto"),
              help="The file's format; auto tells it from the records.")
@click.option("--max-problems", default=20, show_default=True, type=click.IntRange(min=1),
              help="List at most this many problems (the verdict counts them all, up to 1000).")
def validate_cmd(file: Path, fmt: str, max_problems: int) -> None:
    """Check a training-data file of any supported format and report its problems by line.

    A folder is checked file by file as `import` reads it (a brat collection, or one in each of its
    subfolders such as train/ and dev/, counts as one).

    The problems go to standard output, one a line; the verdict (ok, or how many problems) to standard
    error. Exits 0 when the file is clean, 2 when it has problems.

    \b
    Example:
      annotator validate train.jsonl
      annotator validate ner.conll --format conll --max-problems 100
      annotator validate corpus/                      # a brat collection with train/ and dev/
    """
    from annotator.service.importing import expand_paths

    passed_over: list[str] = []
    parts = list(expand_paths([file], fmt=fmt, passed_over=passed_over)) if file.is_dir() else [file]
    for note in passed_over:  # as import says them: links out of the folder, FIFOs and devices are not read
        click.echo(f"not read {note}", err=True)
    if not parts:
        click.echo(f"{file}: holds no training-data file", err=True)
        raise SystemExit(2)
    found = [_validate_one(part, fmt, max_problems) for part in parts]
    bad = [n for n in found if n]
    if len(parts) > 1 and bad:  # a folder of several files (or brat collections: train/, dev/): one verdict
        more = "+" if any(n >= VALIDATE_LIMIT for n in bad) else ""
        click.echo(f"{file}: {sum(bad)}{more} problem(s) in {len(bad)} of {len(parts)} files or collections", err=True)
    elif len(parts) > 1:
        click.echo(f"{file}: ok ({len(parts)} files or collections)", err=True)
    if bad:
        raise SystemExit(2)


def _validate_one(file: Path, fmt: str, max_problems: int) -> int:
    """Validate one file (or brat collection), print its problems and verdict; how many problems it has."""
    from annotator.core import formats

    try:
        found = formats.detect_format(file) if fmt == "auto" else fmt
    except AnnotatorError as exc:
        click.echo(str(formats.Problem(str(file), exc.line, exc.reason + (f" ({exc.hint})" if exc.hint else ""))))
        click.echo(f"{file}: 1 problem", err=True)
        return 1
    if found is None:
        click.echo(f"{file}: not a training-data file (no format fits; give --format)", err=True)
        return 1
    problems = formats.validate(file, found, limit=VALIDATE_LIMIT)
    for problem in problems[:max_problems]:
        click.echo(str(problem))
    if problems:
        more = len(problems) - max_problems
        if more > 0:
            click.echo(f"… and {more}{'+' if len(problems) >= VALIDATE_LIMIT else ''} more")
        count = f"{len(problems)}{'+' if len(problems) >= VALIDATE_LIMIT else ''}"
        click.echo(f"{file}: {count} problem(s) ({found})", err=True)
        return len(problems)
    click.echo(f"{file}: ok ({found})", err=True)
    return 0


VALIDATE_LIMIT = 1000
