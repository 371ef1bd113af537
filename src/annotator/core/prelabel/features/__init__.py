"""The model's inputs: jieba's word analysis and integer feature keys per character and template."""
