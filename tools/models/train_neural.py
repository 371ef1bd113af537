"""Train the neural reading added to the starter's emissions (neural.py; see resources/models/README).

    .venv/bin/python -m tools.models.train_neural [--epochs 2] [--hidden 64] [--alphas 0.15,0.2,0.25]
        [--attach ALPHA] [--out PATH] [--eval-only PATH] [--views jieba[,gold]] [--gold-tokens] [--dev]

The shipped one: `--epochs 2 --hidden 64 --attach 0.2` (one core, about a minute; deterministic: fixed
seeds, one BLAS thread).

Data: ../shared/data/pd98/train_pool.jsonl lines 201-2078 (the starter's own articles), each read
under jieba's words as raw text is (and, with --views jieba,gold, also under its gold tokens). Every
choice (sizes, epochs, alpha) is scored on lines 1-200, which no shipped model learned from: the
default pre-highlighter with the starter on their raw text, for each alpha. --dev scores the dev
articles too (report it once, do not tune on it).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the machine's other is someone else's

import argparse
import time
from pathlib import Path

import numpy as np

from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, build_prelabeler
from annotator.core.prelabel.base import Prepared
from annotator.core.prelabel.features.batch import batch_features
from annotator.core.prelabel.features.templates import tag_ids
from annotator.core.prelabel.learning.evaluate import Report, evaluate, gold_of
from annotator.core.prelabel.learning.neural import NeuralParams, train_net
from annotator.core.prelabel.models.files import STARTER_PATH, load_model
from annotator.core.prelabel.models.neural import TEMPLATES, NeuralNet
from annotator.core.prelabel.prelabeler import DocInput
from annotator.core.schema import load_schema
from tools.models.gold import DEV, TRAIN_POOL, read_gold

LABELS = CORE_LABELS
SKIP = 200  # lines 1-200 stay unseen: they are where every choice is scored
CHUNK = 64


def featurise(docs, *, view: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The CRF's feature keys of every character (the neural templates) and its gold tag id."""
    keys: dict[str, list[np.ndarray]] = {t: [] for t in TEMPLATES}
    tags = []
    for at in range(0, len(docs), CHUNK):
        chunk = docs[at:at + CHUNK]
        prepared = [Prepared(PrelabelDoc(d.text, d.tokens, presegmented=True) if view == "gold"
                             else PrelabelDoc(d.text)) for d in chunk]
        batch = batch_features(prepared, templates=TEMPLATES)
        for t in TEMPLATES:
            keys[t].append(batch.keys[t])
        tags += [tag_ids(len(d.text), gold_of(d)) for d in chunk]
    return {t: np.concatenate(v) for t, v in keys.items()}, np.concatenate(tags)


def scorer(docs, *, presegmented: bool = False):
    """A function (net, alpha) -> Report of the default pre-highlighter with the starter plus `net`."""
    pre = build_prelabeler(load_schema())
    engine = next(e for e in pre.engines if e.name == "model")
    inputs = [PrelabelDoc(d.text, d.tokens if presegmented else (), presegmented=presegmented) for d in docs]

    def score(net: NeuralNet | None, alpha: float) -> Report:
        engine.neural, engine.alpha = None, alpha
        if net is not None:
            engine.neural = net
            engine.templates = tuple(sorted(set(engine.templates) | set(TEMPLATES)))
        found = {}
        for at in range(0, len(inputs), CHUNK):
            out = pre.suggest_many([DocInput(x) for x in inputs[at:at + CHUNK]])
            found.update({d.name: o for d, o in zip(docs[at:at + CHUNK], out, strict=True)})
        return evaluate(docs, lambda d: found[d.name], labels=LABELS)
    return score


def line(name: str, rep: Report) -> str:
    """One row: micro P/R/F1 and F1 per label."""
    per = " ".join(f"{s.label} {s.f1:.4f}" for s in rep.labels)
    m = rep.micro
    return f"{name:<18} P {m.precision:.4f} R {m.recall:.4f} F1 {m.f1:.4f}  {per}"


def main() -> None:
    """Train (or read), score on train_pool 1-200 for each alpha, save."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--views", default="jieba")
    ap.add_argument("--alphas", default="0.25,0.5,0.75,1")
    ap.add_argument("--out", type=Path, default=None, help="also write the network alone here")
    ap.add_argument("--attach", type=float, default=None, metavar="ALPHA",
                    help="put the network, with this alpha, into the starter model file (shipping it)")
    ap.add_argument("--eval-only", type=Path, default=None)
    ap.add_argument("--dev", action="store_true")
    ap.add_argument("--gold-tokens", action="store_true", help="also score lines 1-200 pre-segmented")
    ap.add_argument("--eval-epochs", action="store_true", help="score on lines 1-200 after every epoch")
    for f in NeuralParams.__dataclass_fields__.values():
        ap.add_argument(f"--{f.name.replace('_', '-')}", type=type(f.default), default=f.default)
    args = ap.parse_args()
    params = NeuralParams(**{f: getattr(args, f) for f in NeuralParams.__dataclass_fields__})
    alphas = [float(a) for a in args.alphas.split(",")]
    held = read_gold(TRAIN_POOL, limit=SKIP)
    score = scorer(held)
    if args.eval_only:
        net = NeuralNet.from_bytes(args.eval_only.read_bytes())
    else:
        docs = read_gold(TRAIN_POOL, skip=SKIP, limit=args.limit)
        t0 = time.perf_counter()
        parts = [featurise(docs, view=v) for v in args.views.split(",")]
        keys = {t: np.concatenate([k[t] for k, _ in parts]) for t in TEMPLATES}
        tags = np.concatenate([y for _, y in parts])
        print(f"{len(docs)} articles, {len(tags)} characters ({args.views}) featurised in "
              f"{time.perf_counter() - t0:.0f} s; {params}")

        def after(epoch: int, net: NeuralNet) -> None:
            if args.eval_epochs:
                for a in alphas:
                    print(line(f"  epoch {epoch} a={a}", score(net, a)), flush=True)
        t0 = time.perf_counter()
        net = train_net(keys, tags, params, progress=lambda m: print(m, flush=True), after_epoch=after,
                        meta={"source": f"pd98/train_pool.jsonl lines {SKIP + 1}-{SKIP + len(docs)}",
                              "views": args.views.split(","), "characters": int(len(tags))})
        net.meta["seconds"] = round(time.perf_counter() - t0)
        data = net.to_bytes()
        print(f"trained in {net.meta['seconds']} s; {len(data) / 1e6:.2f} MB")
        if args.out:
            args.out.write_bytes(data)
        net = NeuralNet.from_bytes(data)  # score what is stored (float16 weights)
    print(f"train_pool lines 1-{SKIP} (new to every model), raw text, default pre-highlighter:")
    print(line("starter (CRF)", score(None, 0.0)))
    for a in alphas:
        print(line(f"+ neural a={a}", score(net, a)), flush=True)
    if args.gold_tokens:
        seg = scorer(held, presegmented=True)
        print(f"train_pool lines 1-{SKIP}, gold tokens (pre-segmented):")
        print(line("starter (CRF)", seg(None, 0.0)))
        for a in alphas:
            print(line(f"+ neural a={a}", seg(net, a)), flush=True)
    if args.attach is not None:
        net.meta["alpha"] = args.attach
        starter = load_model(STARTER_PATH)
        starter.neural = net
        STARTER_PATH.write_bytes(starter.to_bytes())
        print(f"attached to {STARTER_PATH} with alpha {args.attach}")
    if args.dev:
        dev = scorer(read_gold(DEV))
        print("dev_articles.jsonl, raw text:")
        print(line("starter (CRF)", dev(None, 0.0)))
        for a in alphas:
            print(line(f"+ neural a={a}", dev(net, a)))


if __name__ == "__main__":
    main()
