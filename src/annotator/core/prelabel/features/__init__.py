"""The models' inputs: jieba's word analysis and integer feature keys per character and template, and what
they read beside them (word clusters, character vectors, LAC's reading, a span's context)."""
