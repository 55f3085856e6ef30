"""Benchmarks (``make bench``): ``runner`` prints every figure against its aim;
``build`` times the book build; ``scale`` the text pipeline on synthetic corpora."""
