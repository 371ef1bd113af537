"""The training gate on real reviewed documents: held-out F1 of the model in use and of the new one.

    .venv/bin/python -m research.retrain_gate [--sizes 50,300] [--convention none|no-places]

A project holds the first N dev articles as reviewed (the starter never saw them; it learned from
train_pool); `Project.train` holds out every 5th by id, learns from the rest on top of the starter and
keeps the new model only if its micro-F1 (PER/LOC/ORG, the whole pre-highlighter) is higher in 80% of
the bootstrap resamplings of the held-out documents. `no-places` is a team that never marks places, a convention the starter does not follow.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

from annotator.service import Project
from tools.models.gold import DEV, read_gold


def main() -> None:
    """One gated training per size; prints both scores, the verdict and the time."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="50,300")
    ap.add_argument("--convention", choices=("none", "no-places"), default="none")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x]
    docs = read_gold(DEV, limit=max(sizes))
    if args.convention == "no-places":
        docs = [replace(d, spans=tuple(s for s in d.spans if s.label != "LOC")) for d in docs]
    print(f"{'reviewed':>8} {'learned':>7} {'held out':>8} {'F1 old':>7} {'F1 new':>7} {'higher in':>9} "
          f"{'kept':>5} {'s':>6}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "gate.annot"
            with Project.create(path) as project:
                project.importer.add_documents(docs[:n], reviewed=True, prelabel=False)
                r = project.training.train()
        print(f"{n:>8} {r.learned_from:>7} {r.held_out:>8} {r.f1_old:>7.3f} {r.f1_new:>7.3f} "
              f"{r.confidence:>9.0%} {'yes' if r.kept else 'no':>5} {r.seconds:>6.1f}")


if __name__ == "__main__":
    main()
