"""Row order of long tables for reading: the rows that carry the point come first.

:meth:`analysis.book.report.Chapter.table` shows the first
:data:`analysis.book.report.FOLD_ROWS` rows of a table and folds the rest
behind "Show all N rows".  A table of the top terms of each text, sorted
text by text, would then show the first text or two and hide the others and
the corpus row.  :func:`leading_rows` reorders such a table so that the
visible rows hold the first rows of *every* group (every text, and the
corpus), and the fold the remaining ones, still group by group.  Only the
order changes: every row and value stays.
"""

from __future__ import annotations

import pandas as pd

#: Rows shown before the fold (the value of :data:`analysis.book.report.FOLD_ROWS`).
VISIBLE_ROWS = 25


def per_group(n_groups: int, visible: int = VISIBLE_ROWS) -> int:
    """Rows of each group that fit in ``visible`` rows (at least 1).

    >>> per_group(6), per_group(30), per_group(0)
    (4, 1, 25)
    """
    return max(1, visible // n_groups) if n_groups else visible


def leading_rows(
    df: pd.DataFrame, by: str, order: list | None = None, visible: int = VISIBLE_ROWS
) -> pd.DataFrame:
    """``df`` with the first :func:`per_group` rows of each ``by`` group first, then the rest.

    Groups keep ``order`` (default: order of first appearance; values not
    in ``order`` follow in that order); inside a group the rows keep their
    order, so a table sorted by rank within each text stays so.

    Examples
    --------
    >>> t = pd.DataFrame({"doc": ["a", "a", "a", "b", "b", "b"], "rank": [1, 2, 3, 1, 2, 3]})
    >>> leading_rows(t, "doc", visible=4).values.tolist()
    [['a', 1], ['a', 2], ['b', 1], ['b', 2], ['a', 3], ['b', 3]]
    """
    if df.empty:
        return df
    seen = list(dict.fromkeys(df[by]))
    groups = [g for g in (order or []) if g in set(seen)] + [g for g in seen if g not in set(order or [])]
    k = per_group(len(groups), visible)
    rank = df.groupby(by, sort=False).cumcount()
    position = df[by].map({g: i for i, g in enumerate(groups)})
    key = pd.DataFrame({"late": rank >= k, "group": position, "rank": rank})
    return df.loc[key.sort_values(["late", "group", "rank"], kind="stable").index]


def leading_count(df: pd.DataFrame, by: str, visible: int = VISIBLE_ROWS) -> int | None:
    """How many rows :func:`leading_rows` puts first: the ``max_rows`` that shows just them.

    ``None`` (show the table's default) when the whole table fits in ``visible`` rows.

    >>> t = pd.DataFrame({"doc": list("aaabbbccc")})
    >>> leading_count(t, "doc", visible=7), leading_count(t, "doc", visible=9)
    (6, None)
    """
    if len(df) <= visible:
        return None
    k = per_group(df[by].nunique(), visible)
    return int(df.groupby(by, sort=False).size().clip(upper=k).sum())
