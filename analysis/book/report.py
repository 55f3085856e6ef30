"""What a chapter notebook calls to show its results.

A chapter starts with::

    from analysis.book.report import Chapter
    ch = Chapter("corpus", globals())

which checks the values of the ``parameters`` cell (as papermill may have
replaced them) against the defaults' types, shows them on the page, and
switches on the offline chart renderer.  Then:

* ``ch.table(df, "name", "caption")`` writes ``name.csv`` and shows the table,
  escaped, with a caption naming the chapter and a link to the CSV;
* ``ch.chart(chart, "name", "caption")`` does the same for an Altair chart
  (its data as CSV, its spec as JSON);
* ``ch.glue("key", value, "{:,}")`` hands a computed value to the prose
  (``{glue}`key```), so no number is typed into the text;
* ``ch.provenance()`` ends the page with a collapsible note of parameters,
  version, commit, input checksums, package versions and run time.
"""

from __future__ import annotations

import html
import json
import time

import pandas as pd
from IPython.display import HTML, display

from analysis import paths
from analysis.book import charts, params, provenance
from analysis.book import labels as book_labels
from analysis.errors import ProjectError

#: First characters that make a spreadsheet read a cell as a formula (OWASP,
#: "CSV Injection"): such a text cell gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with text cells that start like a formula escaped by a leading ``'``.

    The tables carry sentences of the seed texts, which are untrusted: a cell
    ``=HYPERLINK(...)`` would run as a formula when the CSV is opened in a
    spreadsheet.  Numbers are left alone (a negative number is not text).

    >>> spreadsheet_safe(pd.DataFrame({"t": ["=SUM(A1)", "@x", "ok"], "n": [-1, 2, 3]}))["t"].tolist()
    ["'=SUM(A1)", "'@x", 'ok']
    """
    out = df
    for column in df.columns:
        values = df[column]
        if values.dtype != object and not pd.api.types.is_string_dtype(values):
            continue
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
        if risky.any():
            if out is df:
                out = df.copy()
            out[column] = values.where(~risky, "'" + values.astype(str))
    return out


#: Rows a table shows before its "show all" fold (a screen's worth).
FOLD_ROWS = 25
#: Longest table whose rows all go into the page; past it the CSV has them.
FOLD_MAX = 300


class Plain(str):
    """A string whose ``repr`` is itself, so glued text shows without quotes."""

    def __repr__(self) -> str:
        return str(self)


def _fmt_value(value) -> str:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return repr(value) if isinstance(value, str) else str(value)


#: Names a kernel defines before the first cell runs (IPython's own), and the
#: helper class itself: not parameters.
_KERNEL_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open", "Chapter"}


def refuse_unknown_names(chapter: str, namespace: dict, defaults: dict) -> None:
    """Refuse a name that papermill injected but the parameters cell does not define.

    ``Chapter(...)`` is the first thing after the parameters cell, so every
    other public global at that point came from papermill's injected cell: a
    misspelled ``-p topn 5`` would otherwise run the defaults and succeed.
    """
    unknown = sorted(
        k for k in namespace if not k.startswith("_") and k not in _KERNEL_NAMES and k not in defaults
    )
    if unknown:
        raise params.ParameterError(
            f"chapter {chapter!r}: unknown parameter(s) {', '.join(unknown)}; "
            f"valid parameters: {', '.join(defaults)}"
        )


class Chapter:
    """Helpers bound to one chapter run (see the module docstring).

    Parameters
    ----------
    name : str
        Chapter name (the notebook file name without its number prefix).
    namespace : dict
        The notebook's ``globals()``: parameter values are read from it and
        written back after type checking and conversion.
    show : bool
        Display the parameters table (default True).
    """

    def __init__(self, name: str, namespace: dict, show: bool = True):
        self.name = name
        self.started = time.time()
        self.defaults = params.read_defaults(params.notebook_for(name))
        refuse_unknown_names(name, namespace, self.defaults)
        given = {k: namespace[k] for k in self.defaults if k in namespace}
        self.params = params.validate(name, given, self.defaults)
        namespace.update(self.params)
        self.tables_dir = paths.tables_dir(name)
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        self._tables = 0
        self._figures = 0
        self._names: set[str] = set()
        self._dictionary: list[dict] = []
        self._doc_labels: dict | None = None
        charts.enable()
        if show:
            self.show_parameters()

    # -- display helpers -------------------------------------------------
    def show_parameters(self) -> None:
        """Show the parameters this run used, marking those that differ from the defaults."""
        rows = []
        for key, value in self.params.items():
            changed = value != self.defaults[key]
            rows.append(
                f"<tr><td><code>{html.escape(key)}</code></td>"
                f"<td><code>{html.escape(_fmt_value(value))}</code></td>"
                f"<td>{'changed from ' + html.escape(_fmt_value(self.defaults[key])) if changed else 'default'}</td></tr>"
            )
        display(
            HTML(
                '<details class="pa-params" open><summary>Parameters of this run '
                f"(chapter <code>{html.escape(self.name)}</code>)</summary>"
                '<table class="table pa-table"><thead><tr><th>parameter</th><th>value</th>'
                f"<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
                "<p>Re-run with other values: <code>make chapter NAME="
                f'{html.escape(self.name)} PARAMS="-p name value"</code>.</p></details>'
            )
        )

    def _csv_link(self, filename: str) -> str:
        return f"../tables/{html.escape(self.name)}/{html.escape(filename)}"

    def _caption(self, label: str, caption: str, filename: str) -> str:
        return (
            f'<p class="pa-caption"><strong>{label}.</strong> {html.escape(caption)} '
            f"<em>Made by chapter <code>{html.escape(self.name)}</code> with the parameters "
            "shown at the top of this page.</em> "
            f'<a class="pa-csv" href="{self._csv_link(filename)}" download>Data (CSV)</a></p>'
        )

    def _claim(self, name: str) -> None:
        """Refuse a second table or chart with the same name on one page.

        Each writes ``<name>.csv``; a second one would silently replace the
        first one's download.
        """
        if name in self._names:
            raise ValueError(
                f"chapter {self.name!r}: the output name {name!r} is used twice on this page; "
                "give each table and chart its own name (its CSV would be overwritten)"
            )
        self._names.add(name)

    def write_csv(self, df: pd.DataFrame, name: str) -> None:
        """Write ``df`` as ``<tables>/<name>.csv`` (UTF-8, ``\\n`` line ends).

        Returns nothing on purpose: as the last line of a cell, a returned
        path would be printed on the page (and it names a temporary folder).
        """
        path = self.tables_dir / f"{name}.csv"
        tmp = path.with_suffix(".csv.tmp")
        spreadsheet_safe(df).to_csv(tmp, index=False, lineterminator="\n")
        tmp.replace(path)

    def table(
        self,
        df: pd.DataFrame,
        name: str,
        caption: str,
        max_rows: int | None = None,
        float_format: str = "{:,.2f}",
        labels: dict | None = None,
    ) -> None:
        """Write ``df`` to CSV and show it as an escaped HTML table with a caption.

        The page shows readers' column names (:mod:`analysis.book.labels`,
        plus ``labels``) and documents by their short label; the CSV keeps
        the machine names and ids.  At most ``max_rows`` (and never more than
        :data:`FOLD_ROWS`) rows are shown; the rest sit behind a "show all"
        fold, or, past :data:`FOLD_MAX`, in the CSV only.
        """
        self._claim(name)
        self._tables += 1
        self.write_csv(df, name)
        self._dictionary += [
            {"table": name, "column": str(c), "label": book_labels.column_label(str(c), labels)}
            for c in df.columns
        ]
        visible = min(max_rows or FOLD_ROWS, FOLD_ROWS)
        shown = self._for_reading(df, labels)
        parts = [self._html_table(shown.head(visible), float_format)]
        if len(df) > visible and len(df) <= FOLD_MAX:
            parts.append(
                f'<details class="pa-fold"><summary>Show all {len(df):,} rows</summary>'
                f"{self._html_table(shown.iloc[visible:], float_format)}</details>"
            )
        elif len(df) > visible:
            parts.append(
                f'<p class="pa-more">First {visible} of {len(df):,} rows; the CSV has all of them.</p>'
            )
        display(
            HTML(
                f'<div class="pa-table-wrap" data-table="{html.escape(name)}">{"".join(parts)}</div>'
                + self._caption(f"Table {self._tables}", caption, f"{name}.csv")
            )
        )

    def _for_reading(self, df: pd.DataFrame, labels: dict | None) -> pd.DataFrame:
        """``df`` with documents by their short label and readers' column names."""
        out = df.copy()
        doc_labels = self.document_labels()
        for column in ("doc_id", "id", "document"):
            if column in out.columns and doc_labels:
                out[column] = out[column].map(lambda v: doc_labels.get(v, v))
        for column in out.columns:
            side_column = str(column).endswith("side") or column in book_labels.SIDE_COLUMNS
            if side_column and not pd.api.types.is_numeric_dtype(out[column]):
                out[column] = out[column].map(lambda v: book_labels.SIDES.get(v, v))
        return out.rename(columns=lambda c: book_labels.column_label(str(c), labels))

    @staticmethod
    def _html_table(df: pd.DataFrame, float_format: str) -> str:
        return df.to_html(
            index=False,
            escape=True,
            border=0,
            classes="table pa-table",
            na_rep="—",
            float_format=float_format.format,
        )

    def document_labels(self) -> dict:
        """Document id -> short label (the manifest's ``label``, else the id); {} if there is no corpus."""
        if self._doc_labels is None:
            self._doc_labels = {}
            if "corpus_dir" in self.params:
                from analysis.corpus import sources

                try:
                    docs = sources.load_documents(self.params.get("corpus_dir") or paths.SEEDS)
                except ProjectError:
                    docs = []
                self._doc_labels = {d.id: str(d.meta.get("label") or d.id) for d in docs}
        return self._doc_labels

    def chart(self, chart, name: str, caption: str, data: pd.DataFrame | None = None) -> None:
        """Show an Altair chart with a caption; write its data (CSV) and spec (JSON).

        ``data`` defaults to the chart's own DataFrame.
        """
        self._claim(name)
        self._figures += 1
        if data is None:
            data = chart.data if isinstance(chart.data, pd.DataFrame) else pd.DataFrame()
        self.write_csv(data, name)
        spec = chart.to_dict()
        (self.tables_dir / f"{name}.vl.json").write_text(
            json.dumps(spec, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        display(chart)
        display(HTML(self._caption(f"Figure {self._figures}", caption, f"{name}.csv")))

    def glue(self, key: str, value, fmt: str | None = None) -> None:
        """Make ``value`` available to the prose as ``{glue}`key```.

        With ``fmt`` (a ``str.format`` pattern such as ``"{:,.1f}"``) the text
        is formatted here; without it the raw value is glued.  Returns
        nothing, so a cell that ends with a glue call prints nothing.
        """
        from myst_nb import glue

        shown = Plain(fmt.format(value)) if fmt else (Plain(value) if isinstance(value, str) else value)
        glue(key, shown, display=False)

    def glue_all(self, facts: dict) -> None:
        """Glue every entry of a chapter module's ``facts`` dict (key -> worded value)."""
        for key, value in facts.items():
            self.glue(key, value)

    def provenance(self) -> None:
        """Write the data dictionary; show a collapsible provenance note (end of page)."""
        if self._dictionary:
            self.write_csv(pd.DataFrame(self._dictionary), "data_dictionary")
        elapsed = time.time() - self.started
        facts = {
            "chapter": self.name,
            "project version": provenance.project_version(),
            "git commit": provenance.git_commit(),
            "execution time (s)": f"{elapsed:.1f}",
        }
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td><code>{html.escape(str(v))}</code></td></tr>"
            for k, v in facts.items()
        )
        rows += "".join(
            f"<tr><td>parameter <code>{html.escape(k)}</code></td><td><code>{html.escape(_fmt_value(v))}</code></td></tr>"
            for k, v in self.params.items()
        )
        rows += "".join(
            f"<tr><td>{html.escape(k)}</td><td><code>{html.escape(v)}</code></td></tr>"
            for k, v in provenance.package_versions().items()
        )
        rows += "".join(
            f"<tr><td>sha256 of <code>{html.escape(k)}</code></td><td><code>{v}</code></td></tr>"
            for k, v in provenance.input_hashes().items()
        )
        display(
            HTML(
                '<details class="pa-provenance"><summary>Provenance: how this page was made</summary>'
                f'<table class="table pa-table">{rows}</table></details>'
            )
        )
