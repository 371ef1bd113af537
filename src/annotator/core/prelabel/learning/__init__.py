"""Learning models from reviewed documents (crfsuite, fine-tuning, the neural reading) and scoring them."""
