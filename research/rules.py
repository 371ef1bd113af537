"""What each rule gains on the dev articles (PER/LOC/ORG, exact spans, raw text), and the drop list.

    .venv/bin/python -m research.rules [--droplist]

1. jieba + rules without the model (the issue's own framing: each rule against jieba alone, then
   leave-one-out from all kept rules);
2. the full default pre-highlighter with and without the known-false-positive list.
--droplist prints the candidates for wordlists.DROP, found on train_pool (never on dev).
"""

from __future__ import annotations

import argparse
from collections import Counter

from annotator.core.prelabel import CORE_LABELS, PrelabelDoc, Prepared, build_prelabeler, evaluate
from annotator.core.prelabel.engines.rules import ALL_RULES, DEFAULT_RULES, JIEBA_LABELS, RulesEngine
from annotator.core.prelabel.prelabeler import Prelabeler
from annotator.core.schema import load_schema
from tools.models.gold import DEV, TRAIN_POOL, read_gold

LABELS = CORE_LABELS
ENTITY_RULES = tuple(r for r in ALL_RULES if r not in ("time", "misc"))


def rules_f1(dev, rules) -> float:
    """Micro-F1 of jieba tags repaired by `rules` (no model)."""
    pre = Prelabeler([RulesEngine(rules)])
    return evaluate(dev, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=LABELS).micro.f1


def droplist() -> None:
    """Words jieba tags nr/ns/nt that train_pool's gold almost never has as that entity."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for d in read_gold(TRAIN_POOL):
        gold = {(s.start, s.end, s.label) for s in d.spans}
        an = Prepared(PrelabelDoc(d.text)).analysis
        for (s, e), tag in zip(an.words, an.tags, strict=True):
            if tag in JIEBA_LABELS:
                total[d.text[s:e]] += 1
                right[d.text[s:e]] += (s, e, JIEBA_LABELS[tag]) in gold
    bad = sorted((w for w in total if total[w] >= 8 and right[w] / total[w] < 0.1), key=lambda w: -total[w])
    print(" ".join(bad[:150]))


def main() -> None:
    """Print the gains."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--droplist", action="store_true")
    args = ap.parse_args()
    if args.droplist:
        droplist()
        return
    dev = read_gold(DEV)
    base = rules_f1(dev, ())
    print(f"jieba alone (nr*->PER, ns->LOC, nt->ORG): micro-F1 {base:.3f}")
    for rule in ENTITY_RULES:
        print(f"  + {rule:<13} {rules_f1(dev, (rule,)) - base:+.3f}")
    kept = tuple(r for r in DEFAULT_RULES if r in ENTITY_RULES)
    full = rules_f1(dev, kept)
    print(f"jieba + kept rules {kept}: {full:.3f}")
    for rule in ENTITY_RULES:
        other = tuple(r for r in kept if r != rule) if rule in kept else kept + (rule,)
        sign = "without" if rule in kept else "adding "
        print(f"  {sign} {rule:<13} {rules_f1(dev, other) - full:+.3f}")
    pre = build_prelabeler(load_schema())
    with_drop = evaluate(dev, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=LABELS).micro.f1
    pre.never = frozenset()
    without = evaluate(dev, lambda d: pre.suggest(PrelabelDoc(d.text)), labels=LABELS).micro.f1
    print(f"default pre-highlighter (model): {with_drop:.4f} with the drop list, {without:.4f} without "
          f"({with_drop - without:+.4f})")


if __name__ == "__main__":
    main()
