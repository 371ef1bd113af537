"""Rows 11c/11d: the import and export of row 11 side by side with doccano 1.8.4 on the same file, runs
alternating, as a new user of each would do them (our CLI; doccano's web API: upload, import, export).

    make bench-peers            # installs doccano into .peers/doccano (its own virtual environment)
    python -m benchmarks.bench_peers --doccano URL [--quick]

doccano must be running at URL (`doccano webserver` and `doccano task`, user admin / pass): the Makefile
target starts both on 127.0.0.1 and stops them after. Each of its figures is from upload (or the export
request) to the task's end; ours is a fresh `python -m annotator import` / `export` process. Row 11d compares
the same output, doccano JSONL (text and labels); our native JSONL, every token with its offsets and ten
times larger, is timed beside it in the note.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from benchmarks import bench_data
from benchmarks.bench_common import Row, cli_env, compile_sources, ratio_row
from benchmarks.bench_import import DOCCANO_RECORDS


class Doccano:
    """The few calls of doccano 1.8.4's REST API an import and an export take."""

    def __init__(self, url: str, user: str = "admin", password: str = "pass") -> None:
        self.url = url.rstrip("/")
        self.token = self._call("POST", "/v1/auth/login/", {"username": user, "password": password})["key"]

    def _call(self, method: str, path: str, body: dict | None = None, *, raw: bytes | None = None,
              content_type: str = "application/json") -> dict:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": content_type,
                                                  **({"Authorization": f"Token {self.token}"}
                                                     if getattr(self, "token", None) else {})})
        with urllib.request.urlopen(request, timeout=600) as response:
            text = response.read()
        try:
            return json.loads(text) if text else {}
        except ValueError:
            return {"text": text.decode("utf-8", "replace")}

    def new_project(self, name: str) -> int:
        """A sequence-labelling project."""
        return self._call("POST", "/v1/projects", {
            "name": name, "description": "benchmark", "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject", "guideline": "", "random_order": False,
            "collaborative_annotation": False, "allow_overlapping": False, "grapheme_mode": False,
            "use_relation": False, "tags": []})["id"]

    def _upload(self, path: Path) -> str:
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"filepond\"; filename=\"{path.name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + path.read_bytes() + \
            f"\r\n--{boundary}--\r\n".encode()
        return self._call("POST", "/v1/fp/process/", raw=body,
                          content_type=f"multipart/form-data; boundary={boundary}")["text"]

    def _wait(self, task_id: str) -> dict:
        # Once a second, as its web page polls; its SQLite file is busy while the task writes, so a
        # status request can fail with "database is locked" (HTTP 500) and is simply asked again.
        failures = 0
        while True:
            time.sleep(1.0)
            try:
                status = self._call("GET", f"/v1/tasks/status/{task_id}")
            except urllib.error.HTTPError as exc:
                failures += 1
                if exc.code != 500 or failures > 120:
                    raise
                continue
            if status.get("ready"):
                if status.get("error"):
                    raise RuntimeError(f"doccano task failed: {status['error']}")
                return status

    def import_file(self, project: int, path: Path) -> None:
        """Upload and import a doccano JSONL file (text + label), waiting for the task."""
        upload = self._upload(path)
        task = self._call("POST", f"/v1/projects/{project}/upload", {
            "format": "JSONL", "task": "SequenceLabeling", "uploadIds": [upload], "column_data": "text",
            "column_label": "label", "delimiter": "", "encoding": "utf_8"})["task_id"]
        self._wait(task)

    def export(self, project: int, target: Path) -> None:
        """Export every document as JSONL, waiting for the task and downloading the file."""
        task = self._call("POST", f"/v1/projects/{project}/download",
                          {"format": "JSONL", "exportApproved": False})["task_id"]
        self._wait(task)
        request = urllib.request.Request(f"{self.url}/v1/projects/{project}/download?taskId={task}",
                                         headers={"Authorization": f"Token {self.token}"})
        with urllib.request.urlopen(request, timeout=600) as response, open(target, "wb") as out:
            out.write(response.read())

    def count(self, project: int) -> int:
        """Documents in the project."""
        return int(self._call("GET", f"/v1/projects/{project}/examples?limit=1")["count"])


def _ours(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "annotator", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def rows(quick: bool, work: Path, url: str) -> list[Row]:
    """Rows 11c/11d: ours against doccano, alternately."""
    count, runs = (1000, 2) if quick else (DOCCANO_RECORDS, 2)
    source = work / "doccano.jsonl"
    size = bench_data.write_lines(source, (bench_data.doccano_line(a, n) for n, a in
                                           bench_data.copies(bench_data.gold(bench_data.DEV), count)))
    peer = Doccano(url)
    env = cli_env(work)  # our bytecode compiled once, as pip compiles doccano's at install
    compile_sources(env)
    ours_in, ours_out, ours_native, peer_in, peer_out = [], [], [], [], []
    for n in range(runs):
        project = work / f"ours{n}.annot"
        _ours(env, "new", str(project), "--schema", "news-zh")
        ours_in.append(_ours(env, "import", str(project), str(source), "--reviewed", "-q"))
        # the peer's format (doccano JSONL: text and labels), and ours with every token (native, 10x larger)
        ours_out.append(_ours(env, "export", str(project), "-o", str(work / f"ours{n}.jsonl"), "--format", "doccano", "-q"))
        ours_native.append(_ours(env, "export", str(project), "-o", str(work / f"ours{n}-native.jsonl"), "-q"))
        pid = peer.new_project(f"bench-{uuid.uuid4().hex[:8]}")
        started = time.perf_counter()
        peer.import_file(pid, source)
        peer_in.append(time.perf_counter() - started)
        if peer.count(pid) != count:
            raise RuntimeError(f"doccano imported {peer.count(pid)} of {count}")
        started = time.perf_counter()
        peer.export(pid, work / f"peer{n}.zip")
        peer_out.append(time.perf_counter() - started)
    o_in, p_in = statistics.median(ours_in), statistics.median(peer_in)
    o_out, p_out = statistics.median(ours_out), statistics.median(peer_out)
    o_native = statistics.median(ours_native)
    note = f"{count:,} records, {size / 1e6:.1f} MB; ours {o_in:.1f} s (CLI), doccano 1.8.4 {p_in:.1f} s; median of {runs}"
    return [ratio_row("11c", "importing them vs doccano 1.8.4, same file, same run", ours=count / o_in,
                      base=count / p_in, need=10, unit="records/s", note=note,
                      details={"ours_s": o_in, "doccano_s": p_in}),
            ratio_row("11d", "exporting them vs doccano 1.8.4", ours=count / o_out, base=count / p_out, need=15,
                      unit="docs/s", note=f"ours {o_out:.1f} s (doccano JSONL, CLI; native JSONL with every token {o_native:.1f} s, "
                                 f"{count / o_native / (count / p_out):.2f}x), doccano {p_out:.1f} s (JSONL)",
                      details={"ours_s": o_out, "doccano_s": p_out, "ours_native_s": o_native})]


def main() -> None:
    """Print rows 11c/11d."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doccano", required=True, help="doccano's URL, e.g. http://127.0.0.1:8765")
    parser.add_argument("--quick", action="store_true", help="1,000 records")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="annotator-peers-") as work:
        for row in rows(args.quick, Path(work), args.doccano):
            print(row.line(), flush=True)


if __name__ == "__main__":
    main()
