"""Event models: a trigger tagger and an argument tagger learned from reviewed events (EventModel, an
EventSuggester), their training (learning.py), scoring (evaluate.py) and files (files.py).

A trigger is a span of a sentence tagged with its event type by a character CRF over the characters, the
words around them and the schema's example trigger words; the arguments of each trigger are the spans a
second CRF tags with roles in the trigger's sentence, given where each character lies relative to it.
"""
