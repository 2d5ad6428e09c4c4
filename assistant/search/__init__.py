"""Finding the clause a question is about: segmentation, typo reading, clause references, the BM25 index."""
