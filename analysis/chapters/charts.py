"""Chart builders that more than one chart (or chapter) uses.

* :func:`heat_map`: a matrix of coloured cells with the value written in
  each, from a long table (one row per cell).  The framing chapter draws its
  co-mention matrix, its responsibility matrix and its frame profiles with
  it; any chapter with a two-way table can.
* :data:`SIDE_COLOURS` and :func:`side_scale`: one fixed colour per side of
  the actor dictionary, so "Pakistan" has the same colour in every chart and
  the colours stay apart for readers with a colour-vision deficiency.

References
----------
Okabe, M. & Ito, K. (2008). *Color Universal Design (CUD): how to make
figures and presentations that are friendly to colorblind people.*
https://jfly.uni-koeln.de/color/ (the eight-colour palette used here).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

#: Okabe–Ito colours (Okabe & Ito 2008), distinguishable under the common
#: colour-vision deficiencies (protan, deutan, tritan) and in greyscale
#: lightness; grey is kept for statements or mentions no rule could attribute.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

#: One colour per side (and for ``unresolved``), the same in every chart.
SIDE_COLOURS = {
    "pakistan": OKABE_ITO["bluish_green"],
    "afghanistan": OKABE_ITO["blue"],
    "militant": OKABE_ITO["vermillion"],
    "third_party": OKABE_ITO["reddish_purple"],
    "unresolved": OKABE_ITO["grey"],
}


def side_scale(sides: list[str]) -> alt.Scale:
    """A colour scale giving each of ``sides`` its fixed colour, in that order.

    A side not in :data:`SIDE_COLOURS` (a dictionary with other sides) gets
    the remaining Okabe–Ito colours in turn, so every side still has one.

    Examples
    --------
    >>> side_scale(["afghanistan", "pakistan"]).to_dict()["range"]
    ['#0072B2', '#009E73']
    """
    spare = [c for c in OKABE_ITO.values() if c not in SIDE_COLOURS.values()]
    colours = []
    for side in sides:
        colours.append(SIDE_COLOURS.get(side) or spare[len(colours) % len(spare)])
    return alt.Scale(domain=list(sides), range=colours)


def heat_map(
    data: pd.DataFrame,
    x: str,
    y: str,
    value: str,
    *,
    x_sort=alt.Undefined,
    y_sort=alt.Undefined,
    x_title: str = "",
    y_title: str = "",
    scheme: str = "blues",
    colour_title=alt.Undefined,
    tooltip: list | None = None,
    text_format=alt.Undefined,
    font_size=alt.Undefined,
    width: int = 260,
    height: int = 260,
    x_names: dict | None = None,
    y_names: dict | None = None,
) -> alt.LayerChart:
    """Coloured cells of ``value`` over ``x`` × ``y``, each labelled with its value.

    Parameters
    ----------
    data : DataFrame
        Long format: one row per cell, with columns ``x``, ``y`` and ``value``.
    x, y : str
        Nominal columns for the two axes.
    value : str
        Quantitative column that colours and labels the cells.
    x_sort, y_sort : list or None, optional
        Order of the axis values (``None``: no sorting, the data's order).
    x_title, y_title : str
        Axis titles (empty by default: the caption names the axes).
    scheme : str
        Vega colour scheme of the cells (``"blues"``, ``"oranges"``, ...).
    colour_title : str, optional
        Legend title (default: the column name).
    tooltip : list, optional
        Tooltip fields (default ``[y, x, value]``).
    text_format : str, optional
        d3 format of the value written in the cells (e.g. ``".0%"``).
    font_size : int, optional
        Size of the text in the cells.
    width, height : int
        Size of the chart in pixels.
    x_names, y_names : dict, optional
        Value -> the name its axis shows (a side key -> "Pakistan"); the
        data keep the values (see :func:`label_expr`).

    Examples
    --------
    >>> df = pd.DataFrame({"a": ["p", "p"], "b": ["p", "q"], "n": [3, 1]})
    >>> spec = heat_map(df, "b", "a", "n").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rect', 'text']
    """
    x_axis = alt.Axis(labelExpr=label_expr(x_names)) if x_names else alt.Undefined
    y_axis = alt.Axis(labelExpr=label_expr(y_names)) if y_names else alt.Undefined
    base = alt.Chart(data).encode(
        x=alt.X(f"{x}:N", sort=x_sort, title=x_title, axis=x_axis),
        y=alt.Y(f"{y}:N", sort=y_sort, title=y_title, axis=y_axis),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(f"{value}:Q", scale=alt.Scale(scheme=scheme), title=colour_title),
        tooltip=tooltip if tooltip is not None else [y, x, value],
    )
    labels = base.mark_text(fontSize=font_size).encode(text=alt.Text(f"{value}:Q", format=text_format))
    return (cells + labels).properties(width=width, height=height)


def label_expr(names: dict, field: str = "datum.label") -> str:
    """A Vega expression that shows ``names[value]`` for a value of ``field`` (else the value).

    For ``labelExpr`` of an axis, legend or facet header: the chart's data
    (and its CSV) keep the machine value (a document id, a side key), the
    reader sees the name.  Quotes and backslashes in names are escaped.

    Examples
    --------
    >>> label_expr({"pakistan": "Pakistan", "third_party": "Third parties"})
    "datum.label === 'pakistan' ? 'Pakistan' : datum.label === 'third_party' ? 'Third parties' : datum.label"
    >>> label_expr({})
    'datum.label'
    """

    def quoted(text) -> str:
        return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"

    expr = field
    for value, name in reversed(list(names.items())):
        expr = f"{field} === {quoted(value)} ? {quoted(name)} : {expr}"
    return expr


def side_names(sides: list[str]) -> dict:
    """Side key -> display name (:data:`analysis.book.labels.SIDES`; a key without one keeps its key).

    >>> side_names(["pakistan", "unresolved"])
    {'pakistan': 'Pakistan', 'unresolved': 'unresolved'}
    """
    from analysis.book.labels import SIDES

    return {side: SIDES.get(side, side) for side in sides}


def document_names(corpus_dir, ids: list[str]) -> dict:
    """Document id -> its short label (the ``label`` of its metadata, else the id), for chart axes.

    ``corpus_dir`` is the corpus input as the chapter resolved it.  A corpus
    that cannot be read again (a test's fixture made in memory) keeps the ids.
    """
    from analysis.corpus import sources
    from analysis.errors import ProjectError

    try:
        docs = sources.load_documents(corpus_dir)
    except (ProjectError, OSError):
        docs = []
    names = {d.id: str(d.meta.get("label") or d.id) for d in docs}
    return {i: names.get(i, i) for i in ids}
