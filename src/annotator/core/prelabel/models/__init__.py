"""The learned models and their file formats: the CRF and its dynamic programs, its neural reading, the
segmenter, the span relabeler and the crfsuite classifier it is built on, averaging CRFs (the starter)."""
