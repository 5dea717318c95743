"""Clean-text corpus and the restorer's model (syllables, lexicon, n-grams)."""
