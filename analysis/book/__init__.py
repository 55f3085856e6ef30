"""The machinery that turns chapters into a book.

``report`` (the ``Chapter`` helper a notebook calls), ``params`` (parameter
cells, validation), ``build`` (papermill + Jupyter Book, cache, atomic
publish), ``pages`` (generated pages: citation, build record),
``provenance``, ``release`` (the archive), ``charts`` and ``offline``
(assets served by the book itself), ``sphinx_fixes`` and ``nltk_setup``.
"""
