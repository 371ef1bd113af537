"""Every error a user can meet names the file (and line, where there is one) and says what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.service import Project
from annotator.store.lock import WriterLock
from tests.store.helpers import TEXT


def refusals(p: Project, tmp: Path) -> dict[str, Callable[[], object]]:
    """Things a reviewer or a script can try that the project must refuse."""
    end = len(TEXT)
    return {
        "crossing span": lambda: p.edits.add_span(1, 3, 9, "PER"),
        "span past the end": lambda: p.edits.add_span(1, end - 1, end + 5, "PER"),
        "unknown label": lambda: p.edits.add_span(1, 18, 20, "ALIEN"),
        "relabel to unknown label": lambda: p.edits.relabel(2, "ALIEN"),
        "no such span": lambda: p.edits.relabel(999, "PER"),
        "no such document": lambda: p.edits.set_status(999, "reviewed"),
        "split outside a token": lambda: p.edits.split_token(1, 16),
        "merge the last token": lambda: p.edits.merge_tokens(1, len(p.document(1).tokens) - 1),
        "unknown event type": lambda: p.edits.add_event(1, "Alien:Landing", 0, 2),
        "no such event": lambda: p.edits.add_argument(999, "Place", 2),
        "empty dictionary word": lambda: p.edits.remember_word("  "),
        "import a missing file": lambda: p.importer.import_paths([tmp / "missing.txt"]),
        "open a missing document": lambda: p.document(999),
    }


CASES = ["crossing span", "span past the end", "unknown label", "relabel to unknown label", "no such span",
         "no such document", "split outside a token", "merge the last token", "unknown event type",
         "no such event", "empty dictionary word", "import a missing file", "open a missing document"]


@pytest.mark.parametrize("case", CASES)
def test_refused_edits_name_the_project_and_what_to_do(project_path, tmp_path, case):
    with Project.open(project_path) as p:
        with pytest.raises(AnnotatorError) as info:
            refusals(p, tmp_path)[case]()
    error = info.value
    assert error.path, f"{case}: no file named in {error.message!r}"
    assert error.message.startswith(f"{error.path}: ")
    assert error.hint, f"{case}: no hint what to do in {error.message!r}"


def test_the_case_list_is_complete(project_path, tmp_path):
    with Project.open(project_path) as p:
        assert sorted(refusals(p, tmp_path)) == sorted(CASES)


def opening_errors(tmp: Path, project: Path) -> dict[str, Callable[[], object]]:
    folder = tmp / "folder.annot"
    folder.mkdir()
    return {
        "missing": lambda: Project.open(tmp / "missing.annot"),
        "folder": lambda: Project.open(folder),
        "exists": lambda: Project.create(project),
        "locked": lambda: Project.open(project),
        "create under a file": lambda: Project.create(project / "new.annot"),
    }


@pytest.mark.parametrize("case", ["missing", "folder", "exists", "locked", "create under a file"])
def test_opening_errors_name_the_file_and_what_to_do(project_path, tmp_path, case):
    holder = WriterLock(project_path, user="someone") if case == "locked" else None
    try:
        with pytest.raises(AnnotatorError) as info:
            opening_errors(tmp_path, project_path)[case]()
    finally:
        if holder:
            holder.release()
    assert info.value.path and info.value.hint, info.value.message


@pytest.mark.parametrize("name", ["review.annot", "review.annot-wal", "review.annot.lock", "other.annot"])
def test_export_never_replaces_a_project(project_path, name):
    # Found by the audit: `annotator export p.annot -o p.annot` overwrote the project with JSONL.
    import hashlib
    import shutil

    from click.testing import CliRunner

    from annotator.cli import cli

    shutil.copy(project_path, project_path.with_name("other.annot"))
    target = project_path.with_name(name)

    def digest() -> tuple[str, str]:  # a reader may leave SQLite's empty -wal/-shm; projects must not change
        return tuple(hashlib.sha256(f.read_bytes()).hexdigest() for f in (project_path, target.with_name("other.annot")))

    before = digest()
    result = CliRunner().invoke(cli, ["export", str(project_path), "-o", str(target), "--status", "all"])
    assert result.exit_code == 2
    assert f"error: {target}: is a project file (or part of one); exporting there would replace it" in result.output
    with Project.open(project_path, readonly=True) as p:
        with pytest.raises(AnnotatorError, match="would replace it"):
            p.exporter.export(target, statuses=["all"])
    assert digest() == before
