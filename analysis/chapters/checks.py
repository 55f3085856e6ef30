"""Checks of chapter parameter values, with one wording for every message.

Each check takes the full parameter mapping (after type coercion by
:func:`analysis.book.params.validate`) and the name of one parameter, and
raises :class:`~analysis.errors.ParameterError` with a message of the form
``parameter 'top_n' expects an integer >= 1, got 0``.  Chapter modules
compose them in their ``check(params)``.

Examples
--------
>>> at_least({"top_n": 5}, "top_n", 1)
>>> at_least({"top_n": 0}, "top_n", 1)
Traceback (most recent call last):
...
analysis.errors.ParameterError: parameter 'top_n' expects an integer >= 1, got 0
>>> one_of({"measure": "pmi"}, "measure", ("pmi", "likelihood_ratio"))
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from analysis.errors import ParameterError


def fail(name: str, expected: str, value) -> None:
    """Raise the project's one message for a bad parameter value."""
    raise ParameterError(f"parameter {name!r} expects {expected}, got {value!r}")


def _kind(value) -> str:
    return "an integer" if isinstance(value, int) and not isinstance(value, bool) else "a number"


def finite(params: dict, name: str) -> None:
    """A number that is not NaN or infinite."""
    value = params[name]
    if isinstance(value, float) and not math.isfinite(value):
        fail(name, "a finite number", value)


def at_least(params: dict, name: str, low: float) -> None:
    """A number (or integer) ``>= low``."""
    finite(params, name)
    value = params[name]
    if value < low:
        fail(name, f"{_kind(value)} >= {low:g}", value)


def between(params: dict, name: str, low: float, high: float) -> None:
    """A number (or integer) in ``[low, high]``."""
    finite(params, name)
    value = params[name]
    if not low <= value <= high:
        fail(name, f"{_kind(value)} between {low:g} and {high:g}", value)


def one_of(params: dict, name: str, choices: Iterable[str]) -> None:
    """One of a fixed set of words."""
    choices = tuple(choices)
    if params[name] not in choices:
        fail(name, "one of " + ", ".join(repr(c) for c in choices), params[name])


def each_at_least(params: dict, name: str, low: float) -> None:
    """Every item of a list ``>= low``."""
    for item in params[name]:
        if isinstance(item, float) and not math.isfinite(item) or item < low:
            fail(name, f"items >= {low:g}", params[name])


def non_empty_strings(params: dict, name: str) -> None:
    """Every item of a list a string with some text in it."""
    for item in params[name]:
        if not isinstance(item, str) or not item.strip():
            fail(name, "a list of non-empty strings", params[name])


def corpus(params: dict) -> list[str]:
    """``corpus_dir`` is a corpus and ``documents`` are ids in it; returns the ids kept.

    ``corpus_dir`` empty means the project's ``seeds/``; ``documents`` empty
    means every document.  Reading the document list is cheap (no cleaning,
    no tokens), so this runs before any kernel starts.
    """
    from analysis import paths
    from analysis.corpus import sources
    from analysis.errors import CorpusError

    try:
        ids = [d.id for d in sources.load_documents(params.get("corpus_dir") or paths.SEEDS)]
    except CorpusError as exc:
        raise ParameterError(f"parameter 'corpus_dir': {exc}") from None
    wanted = params.get("documents") or []
    unknown = [d for d in wanted if d not in ids]
    if unknown:
        raise ParameterError(
            f"parameter 'documents': unknown document id(s) {', '.join(map(repr, unknown))}; "
            f"valid ids: {', '.join(ids)}"
        )
    return [i for i in ids if not wanted or i in wanted]


def input_path(params: dict, name: str, default=None):
    """The file or folder a path parameter names, as an absolute path.

    One rule for every path parameter (``corpus_dir``, ``actors_path``, ...):
    empty means ``default``; an absolute path is itself; a relative path is
    read from the current folder when something is there, and otherwise from
    the project root, where the project's own defaults (``data/...``) live.
    A path found in neither place is an error naming both absolute paths.

    Examples
    --------
    >>> from analysis import paths
    >>> input_path({"frames_path": str(paths.ROOT / "data")}, "frames_path") == paths.ROOT / "data"
    True
    >>> input_path({"frames_path": "no/such.yaml"}, "frames_path")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'frames_path': not found: .../no/such.yaml...
    """
    from pathlib import Path

    from analysis import paths

    value = params.get(name)
    if not value:
        if default is None:
            fail(name, "a path", value)
        return Path(default).resolve()
    path = Path(value).expanduser()
    if path.is_absolute():
        tried = [path]
    else:
        tried = [Path.cwd() / path, paths.ROOT / path]
    for candidate in tried:
        if candidate.exists():
            return candidate.resolve()
    where = " nor ".join(str(p.resolve()) for p in dict.fromkeys(tried))
    raise ParameterError(f"parameter {name!r}: not found: {where}")


def thresholds(params: dict, pos: str, neg: str) -> None:
    """Two class thresholds of a score in [-1, 1], the negative one below the positive one.

    >>> thresholds({"pos": 0.05, "neg": 0.1}, "pos", "neg")
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'neg' expects a number below pos (0.05), got 0.1
    """
    between(params, pos, -1, 1)
    between(params, neg, -1, 1)
    if not params[neg] < params[pos]:
        fail(neg, f"a number below {pos} ({params[pos]:g})", params[neg])
