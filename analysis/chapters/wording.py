"""Words for the prose: plurals, lists and numbers, decided once, here.

A chapter's facts are glued into sentences written for any corpus, so the
grammar that depends on a count ("1 text", "3 texts"; "is"/"are") is
decided by these helpers, never by an ``if`` in a notebook cell.

Examples
--------
>>> count(1, "text")
'1 text'
>>> count(1200, "sentence")
'1,200 sentences'
>>> count(2, "country", "countries")
'2 countries'
>>> join(["a", "b", "c"])
'a, b and c'
>>> join(["a"], quote=True)
'“a”'
>>> verb(1, "has", "have"), verb(3, "has", "have")
('has', 'have')
>>> percent(0.4567), number(1234.5, 1)
('46%', '1,234.5')
"""

from __future__ import annotations

from collections.abc import Iterable


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """``singular`` when ``n == 1``, else the plural (``singular + "s"`` by default)."""
    return singular if n == 1 else (plural_form or singular + "s")


def count(n: int, singular: str, plural_form: str | None = None) -> str:
    """``n`` with thousands separators and the noun in the right number."""
    return f"{n:,} {plural(n, singular, plural_form)}"


def verb(n: float, singular: str, plural_form: str) -> str:
    """The verb form that agrees with ``n`` things."""
    return singular if n == 1 else plural_form


def join(items: Iterable[str], conjunction: str = "and", quote: bool = False, empty: str = "none") -> str:
    """``a, b and c``; with ``quote``, each item in curly quotes; ``empty`` for no items."""
    items = [f"“{i}”" if quote else str(i) for i in items]
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def number(value: float, decimals: int = 0) -> str:
    """A number with thousands separators and ``decimals`` places."""
    return f"{value:,.{decimals}f}"


def percent(share: float, decimals: int = 0) -> str:
    """A share (0–1) as a percentage."""
    return f"{share:.{decimals}%}"


def signed(value: float, decimals: int = 2) -> str:
    """A number with its sign, using a true minus sign (−0.21, +0.05)."""
    return f"{value:+.{decimals}f}".replace("-", "\u2212")


def percent_interval(share: float, low: float, high: float, decimals: int = 0) -> str:
    """A share with its 95% interval: ``25% (95% interval 18%–33%)``.

    >>> percent_interval(0.25, 0.181, 0.334)
    '25% (95% interval 18%–33%)'
    """
    return f"{percent(share, decimals)} (95% interval {percent(low, decimals)}–{percent(high, decimals)})"
