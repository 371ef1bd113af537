"""Train the CEC event starter shipped in resources/models (reproducible; see the README there).

    .venv/bin/python -m tools.models.train_event_starter [--data PATH] [--out PATH]

Data: ../shared/data/cec/events_dev.jsonl without every 5th document (lines 5, 10, ... 100). A project
that imports the file in order gives those documents the ids `annotator train` holds out (every 5th id), so
its gate scores a new model against the starter on documents the starter never saw. Prints the starter's
scores on those 20 held-out documents. Deterministic (crfsuite's L-BFGS has no randomness).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from annotator.core import formats
from annotator.core.prelabel.events.evaluate import evaluate_events
from annotator.core.prelabel.events.files import STARTERS
from annotator.core.prelabel.events.learning import train_events
from annotator.core.resources import models_dir
from annotator.core.schema import load_schema
from tools.models.gold import SHARED

CEC = SHARED / "cec" / "events_dev.jsonl"
HELD_OUT_EVERY = 5


def split(path: Path) -> tuple[list, list]:
    """(learn from, held out): every 5th document of the file (1-based line numbers) is held out."""
    docs = [d for _, d in formats.iter_documents(path, "native", formats.ReadOptions(reviewed=True))]
    return ([d for i, d in enumerate(docs, 1) if i % HELD_OUT_EVERY],
            [d for i, d in enumerate(docs, 1) if not i % HELD_OUT_EVERY])


def main() -> None:
    """Train, write the model file, print held-out scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=CEC if CEC.exists() else Path("/work/shared/data/cec/events_dev.jsonl"))
    parser.add_argument("--out", type=Path, default=models_dir() / STARTERS["cec"])
    args = parser.parse_args()
    schema = load_schema("cec")
    learn, held = split(args.data)
    started = time.perf_counter()
    model = train_events(learn, schema, source=f"{args.data.name} (every document but each 5th)")
    model.meta["trained_at"] = model.meta["trained_at"][:10]
    report = evaluate_events(held, lambda d: model.suggest(d, schema), types=schema.event_type_keys)
    model.meta["held_out"] = {"documents": len(held), "trigger_f1": round(report.triggers.micro.f1, 4),
                              "argument_f1": round(report.arguments.micro.f1, 4)}
    data = model.to_bytes()
    args.out.write_bytes(data)
    print(f"trained on {len(learn)} documents in {time.perf_counter() - started:.0f} s; {len(data)} bytes -> {args.out}")
    print(f"held out ({len(held)} documents):\n{report.table()}")


if __name__ == "__main__":
    main()
