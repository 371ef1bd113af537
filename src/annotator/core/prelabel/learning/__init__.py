"""Learning models from reviewed documents (crfsuite, fine-tuning, the neural reading, the span relabeler)
and scoring them."""
