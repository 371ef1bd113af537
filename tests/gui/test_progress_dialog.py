"""Long work in the window shows progress and can be cancelled, leaving nothing half done."""

from __future__ import annotations

from annotator.gui import dialogs, projectio
from annotator.service import Project


def test_cancelling_an_import_imports_nothing(qtbot, window, tmp_path, monkeypatch):
    files = []
    for i in range(3):
        path = tmp_path / f"新闻{i}.txt"
        path.write_text(f"新华社北京电\n国务院总理今天会见了来访的第{i}位外宾。\n", encoding="utf-8")
        files.append(path)
    labels = []
    monkeypatch.setattr(projectio.ProgressDialog, "wasCanceled", lambda self: labels.append(self.labelText())
                        or self.value() >= 2)  # Cancel pressed once two files are in
    window.import_paths(files)
    assert window.page.doc_list.model.rowCount() == 3  # the project's own three, none of the new ones
    assert "import cancelled" in window.statusBar().currentMessage()
    assert labels[0].startswith("0 of 3") and "新闻0.txt" in labels[0]
    assert any("left" in label for label in labels[1:])
    with Project.open(window.session.project.path, readonly=True) as project:
        assert len(project.document_ids()) == 3
    window.import_paths(files[:1])  # not cancelled: it imports
    assert window.page.doc_list.model.rowCount() == 4


def test_cancelling_an_export_writes_no_file(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "all.jsonl"
    monkeypatch.setattr(dialogs.FileDialogs, "export_target",
                        classmethod(lambda cls, parent, fmts: (target, "native")))
    monkeypatch.setattr(window.session.project.exporter, "export_ids", lambda statuses=(): [1, 2, 3], raising=False)
    monkeypatch.setattr(projectio.ProgressDialog, "wasCanceled", lambda self: True)
    window.do_export()
    assert not target.exists() and not list(tmp_path.glob(".all.jsonl*"))
    assert "export cancelled" in window.statusBar().currentMessage()
