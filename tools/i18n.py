"""Keep the Chinese interface up to date: `python tools/i18n.py` (or `make i18n`).

1. pyside6-lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP string of src/annotator/gui into
   resources/i18n/annotator_zh_CN.ts (new strings arrive "unfinished"; strings gone from the code are dropped);
2. pyside6-lrelease compiles it to annotator_zh_CN.qm, which the package carries;
3. Qt's own qtbase_zh_CN.qm (standard buttons, file pickers) is copied from PySide6 next to it.
Then translate what it lists as untranslated, either in Qt Linguist (`pyside6-linguist
resources/i18n/annotator_zh_CN.ts`) or as a table: `--todo todo.tsv` writes `context<TAB>source<TAB>` lines,
fill in the third column, `--fill todo.tsv` puts them in the .ts and compiles. `--check` only reports, and
exits 1 while any entry is unfinished or the .ts is out of date with the source.
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


def fill(table: Path, ts: Path = TS) -> int:
    """Put `context<TAB>source<TAB>translation` lines (\\n and \\t escaped) into the .ts; returns how many."""
    rows = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].strip():
            context, source, text = (p.replace("\\t", "\t").replace("\\n", "\n") for p in parts)
            rows[(context, source)] = text
    tree = ET.parse(ts)
    done = 0
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            text = rows.get((context.findtext("name"), message.findtext("source")))
            if text is None:
                continue
            translation = message.find("translation")
            translation.attrib.pop("type", None)
            forms = translation.findall("numerusform")
            for form in forms or [translation]:
                form.text = text
            done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lupdate(ts)  # back to lupdate's own layout, so diffs stay small
    return done


def todo_table(path: Path) -> None:
    """The untranslated entries as `context<TAB>source<TAB>` lines to fill in."""
    def escape(s: str) -> str:
        return s.replace("\t", "\\t").replace("\n", "\\n")
    path.write_text("".join(f"{escape(c)}\t{escape(s)}\t\n" for c, s in unfinished()), encoding="utf-8")


def release() -> None:
    """Compile the .qm and bring Qt's own Chinese catalogue next to it."""
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)
    from PySide6.QtCore import QLibraryInfo

    qt = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{LANGUAGE}.qm"
    shutil.copyfile(qt, I18N / qt.name)


def main(argv: list[str]) -> int:
    """Update, compile and report; `--check` only reports; `--todo FILE` / `--fill FILE` as above."""
    check = "--check" in argv
    if "--fill" in argv:
        print(f"filled {fill(Path(argv[argv.index('--fill') + 1]))} translations")
    if not check:
        I18N.mkdir(parents=True, exist_ok=True)
        lupdate(TS)
        release()
    if "--todo" in argv:
        todo_table(Path(argv[argv.index("--todo") + 1]))
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
    return 1 if check and (todo or missing or stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
