"""One module per chapter notebook, plus what the chapters share.

A chapter module (``analysis/chapters/<name>.py``, the same name as
``chapters/<name>.ipynb``) holds what its notebook would otherwise compute
in cells:

* ``check(params)`` refuses every bad parameter value (range, choice,
  unknown document id) with a :class:`~analysis.errors.ParameterError`
  naming the parameter.  :func:`analysis.book.params.validate` calls it
  before any kernel starts, and :class:`analysis.book.report.Chapter`
  again inside the notebook, so plain papermill gets the same message;
* one function per section, returning the tables and charts it shows and a
  ``facts`` dict of the values its prose glues (already worded: numbers
  formatted, plurals and lists written by :mod:`analysis.chapters.wording`).

Shared pieces: :mod:`~analysis.chapters.checks` (the value checks),
:mod:`~analysis.chapters.wording` (plurals, lists, numbers in prose) and
:mod:`~analysis.chapters.charts` (chart builders more than one chapter uses).
"""
