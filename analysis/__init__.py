"""Analysis package of the Pakistan–Afghanistan stalemate report.

Modules: ``paths`` (where things are), ``manifest`` and ``cleaning`` (seeds
to clean text), ``corpus`` (tidy tables), ``text`` (tokens, sentences),
``params`` (chapter parameters), ``report`` and ``charts`` (what chapters
display), ``provenance``, and ``build`` (papermill + Jupyter Book).
"""
