"""How engines combine: engine sets and precedence orders, measured on the dev articles (raw text).

    .venv/bin/python -m research.policy [--gazetteer-from 500]

The gazetteer scenario stands for a project whose reviewers accepted the entities of the first N
train_pool articles (never the dev articles).
"""

from __future__ import annotations

import argparse

from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, build_prelabeler, evaluate
from annotator.core.schema import load_schema
from tools.models.gold import DEV, TRAIN_POOL, gazetteer_of, read_gold

LABELS = CORE_LABELS


def run(dev, *, engines, gazetteer=(), order=None, prefer_longer=False, rule_entities=None) -> str:
    """One configuration's micro P/R/F1."""
    pre = build_prelabeler(load_schema(), engines=engines, gazetteer=gazetteer, rule_entities=rule_entities)
    if order is not None:
        pre.order = order
        pre.__post_init__()
    pre.prefer_longer = prefer_longer
    rep = evaluate(dev, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=LABELS)
    m = rep.micro
    return f"P {m.precision:.4f} R {m.recall:.4f} F1 {m.f1:.4f}"


def main() -> None:
    """Print each configuration."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gazetteer-from", type=int, default=500)
    args = ap.parse_args()
    dev = read_gold(DEV)
    gaz = gazetteer_of(read_gold(TRAIN_POOL, limit=args.gazetteer_from))
    configs = [
        ("jieba alone", dict(engines=["jieba"])),
        ("rules alone (jieba tags repaired)", dict(engines=["rules"])),
        ("model alone", dict(engines=["model"])),
        ("model > rules (TIME/MISC only)  [default]", dict(engines=["model", "rules"])),
        ("model > rules incl. PER/LOC/ORG fallback", dict(engines=["model", "rules"], rule_entities=True)),
        ("model > jieba fallback", dict(engines=["model", "jieba"])),
        (f"dictionary({args.gazetteer_from} art.) > model",
         dict(engines=["dictionary", "model", "rules"], gazetteer=gaz,
              order=("dictionary", "model", "rules", "jieba"))),
        ("model > dictionary  [default]", dict(engines=["dictionary", "model", "rules"], gazetteer=gaz)),
        ("longest span first, then model > dictionary",
         dict(engines=["dictionary", "model", "rules"], gazetteer=gaz, prefer_longer=True)),
        ("dictionary alone", dict(engines=["dictionary"], gazetteer=gaz)),
    ]
    for name, kw in configs:
        print(f"{name:<46} {run(dev, **kw)}", flush=True)


if __name__ == "__main__":
    main()
