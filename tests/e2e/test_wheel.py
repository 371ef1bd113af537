"""A wheel built from a clean copy of the checkout, installed (not editable) into a new virtual environment,
works there on its own: new -> import the seed article -> prelabel -> export has entities; the demo builds.

The new environment gets the test run's own third-party packages through a .pth line (no download, so it
runs offline) and the wheel itself with `pip install --no-deps --no-index`; the checkout is never on its path.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "000_f5bfa2c3bb69730e.txt"

pytestmark = pytest.mark.slow


def checkout_files(root: Path) -> list[str]:
    """The files a clean checkout has: tracked plus new, not ignored ones (links kept as links)."""
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                         capture_output=True, check=True).stdout.decode()
    return sorted({name for name in out.split("\0") if name and os.path.lexists(root / name)})


def copy_checkout(root: Path, target: Path) -> None:
    """Copy the checkout's files to `target`, as `git clone` would lay them out."""
    for name in checkout_files(root):
        src, dst = root / name, target / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            dst.symlink_to(os.readlink(src))
        else:
            shutil.copy2(src, dst)


def run(*args: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a command with the variables that could point at the checkout taken away; fail loudly."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{args}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a new virtual environment with the freshly built wheel installed in it."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to copy from")
    base = tmp_path_factory.mktemp("wheel")
    checkout, dist, env = base / "checkout", base / "dist", base / "venv"
    copy_checkout(ROOT, checkout)
    run(sys.executable, "-m", "build", "--outdir", dist, checkout, cwd=base)
    wheels = list(dist.glob("annotator-*.whl"))
    assert len(wheels) == 1 and list(dist.glob("annotator-*.tar.gz"))
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=base)
                .stdout.strip())
    # Our own packages only for the dependencies: the annotator dist they may hold stays behind the wheel.
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheels[0], cwd=base)
    return env / "bin"


def test_installed_wheel_runs_new_import_prelabel_export(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"  # not the checkout: nothing may be found relative to the working folder
    work.mkdir()
    where = run(installed / "python", "-c", "import annotator; print(annotator.__file__)", cwd=work).stdout
    assert Path(where.strip()).is_relative_to(installed.parent), where
    annotator = installed / "annotator"
    assert "0.1" in run(annotator, "--version", cwd=work).stdout
    assert "Usage" in run(installed / "python", "-m", "annotator", "--help", cwd=work).stdout
    run(annotator, "new", "x.annot", cwd=work)
    run(annotator, "import", "x.annot", "--no-prelabel", SEED, cwd=work)
    assert "entity" in run(annotator, "prelabel", "x.annot", cwd=work).stdout
    run(annotator, "export", "x.annot", "-o", "out.jsonl", "--status", "all", "--with-suggestions", cwd=work)
    docs = [json.loads(line) for line in (work / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 1
    assert len(docs[0]["entities"]) > 10
    assert {e["label"] for e in docs[0]["entities"]} & {"PER", "ORG", "LOC"}


def test_installed_wheel_builds_the_demo_and_the_desktop_entry(installed: Path, tmp_path: Path) -> None:
    annotator = installed / "annotator"
    assert "built" in run(annotator, "demo", "demo.annot", cwd=tmp_path).stdout
    assert re.search(r"^documents\s+1 ", run(annotator, "info", "demo.annot", cwd=tmp_path).stdout, re.M)
    run(annotator, "install-desktop", "--data-home", tmp_path / "share", cwd=tmp_path)
    entry = (tmp_path / "share" / "applications" / "annotator.desktop").read_text(encoding="utf-8")
    assert f"Exec={annotator} %f" in entry
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg"
    assert "<svg" in icon.read_text(encoding="utf-8")
