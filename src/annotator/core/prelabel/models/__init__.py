"""The learned models and their file formats: the CRF decoder, its neural reading, the segmenter."""
