"""Keep the Chinese interface up to date: `python tools/i18n.py` (or `make i18n`).

1. pyside6-lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP string of src/annotator/gui into
   resources/i18n/annotator_zh_CN.ts (new strings arrive "unfinished"; strings gone from the code are dropped);
2. pyside6-lrelease compiles it to annotator_zh_CN.qm, which the package carries;
3. Qt's own qtbase_zh_CN.qm (standard buttons, file pickers) is copied from PySide6 next to it.
Then translate what `--check` lists (Qt Linguist: `pyside6-linguist resources/i18n/annotator_zh_CN.ts`) and run
this again. `--check` exits 1 while any entry is unfinished or the .ts is out of date with the source.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI = ROOT / "src" / "annotator" / "gui"
I18N = ROOT / "resources" / "i18n"
LANGUAGE = "zh_CN"
TS = I18N / f"annotator_{LANGUAGE}.ts"
QM = I18N / f"annotator_{LANGUAGE}.qm"


def _tool(name: str) -> str:
    """A Qt tool from the running Python's environment (PySide6 installs them next to python)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def sources() -> list[Path]:
    """Every Python file of the window."""
    return sorted(GUI.rglob("*.py"))


def lupdate(ts: Path) -> None:
    """Update (or create) `ts` from the sources; no line numbers, so moving code does not change it."""
    subprocess.run([_tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                    "-target-language", LANGUAGE, *map(str, sources()), "-ts", str(ts)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(context, source) -> (translation type, first translation text) of every message in a .ts file."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = translation.findall("numerusform")
            text = forms[0].text if forms else translation.text
            found[(name, message.findtext("source"))] = (translation.get("type", ""), text or "")
    return found


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of the entries with no finished translation."""
    return [key for key, (kind, text) in messages(ts).items() if kind in ("unfinished", "vanished", "obsolete")
            or not text.strip()]


def out_of_date(ts: Path = TS) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(strings in the source missing from the .ts, strings in the .ts no longer in the source)."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / TS.name
        lupdate(fresh)
        wanted = set(messages(fresh))
    have = set(messages(ts)) if ts.exists() else set()
    return sorted(wanted - have), sorted(have - wanted)


def release() -> None:
    """Compile the .qm and bring Qt's own Chinese catalogue next to it."""
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)
    from PySide6.QtCore import QLibraryInfo

    qt = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{LANGUAGE}.qm"
    shutil.copyfile(qt, I18N / qt.name)


def main(argv: list[str]) -> int:
    """Update, compile and report; `--check` only reports."""
    if "--check" not in argv:
        I18N.mkdir(parents=True, exist_ok=True)
        lupdate(TS)
        release()
    missing, stale = out_of_date()
    todo = unfinished()
    for context, source in missing:
        print(f"not in {TS.name}: [{context}] {source!r}")
    for context, source in stale:
        print(f"no longer in the source: [{context}] {source!r}")
    for context, source in todo:
        print(f"untranslated: [{context}] {source!r}")
    print(f"{TS.relative_to(ROOT)}: {len(messages(TS))} strings, {len(todo)} untranslated, "
          f"{len(missing) + len(stale)} out of date")
    return 1 if (todo or missing or stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
