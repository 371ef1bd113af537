"""Event models: a trigger tagger and an argument tagger learned from reviewed events (EventModel, an
EventSuggester), their training (learning.py), scoring (evaluate.py) and files (files.py).

A trigger candidate is a span of a sentence tagged by a character CRF over the characters, the words around
them (jieba's, with dictionary POS tags) and the schema's example trigger words, or any other word; a
classifier says how likely it is a trigger where it stands (trigger_spans.py: its context and how often the
word occurred earlier in the document), a second one over its word and context (trigger_types.py) types it,
weighed with the CRF's marginals and the types its word had in training, and it is suggested when span,
trigger and type are likely enough together. The arguments of each trigger are the spans a second CRF
tags with roles in the trigger's sentence, given where each character lies relative to it; only roles (and
entity labels) the schema allows the type are kept. Figures: benchmarks/RESULTS-events.md.
"""
