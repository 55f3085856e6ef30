"""Trade figures: extracted from the texts, tabulated, checked, and a closure scenario.

One module per stage, re-exported here so ``from analysis.methods import
trade`` gives the whole public API:

* :mod:`~analysis.methods.trade.figures`: every trade figure in the *cleaned*
  sentences (:func:`extract_figures`): amount, unit, year, flow, and the
  sentence and document it comes from;
* :mod:`~analysis.methods.trade.data`: the curated tables in ``data/trade/``;
* :mod:`~analysis.methods.trade.series`: the year-by-flow series with missing
  years left missing (:func:`seed_series`, :func:`interpolate_series` only on
  request), balance, total and CAGR (:func:`cagr`, :func:`balance_and_total`,
  :func:`cagr_check`);
* :mod:`~analysis.methods.trade.claims`: every numeric claim checked against
  the recomputation and the published series (:func:`check_claims`);
* :mod:`~analysis.methods.trade.scenario`: the trade forgone during a border
  closure (:func:`forgone_trade`, :func:`scenario_path`) and the press figures
  beside it (:func:`press_figures`), rupees never silently converted.

Flows are named as in ``trade_reference.csv``: ``pak_exports_to_afg``,
``pak_imports_from_afg`` and ``total_bilateral``; values are USD million.
Which text states which figure, and which published series a text cites,
are facts of the corpus: they live in ``data/trade/``, not here.
"""

from analysis.methods.trade.claims import (
    VALUE_VERDICTS,
    check_claims,
    reference_match,
    rounding_interval,
)
from analysis.methods.trade.data import (
    CLOSURE_CSV,
    CLOSURE_EVIDENCE_CSV,
    COMPILERS_CSV,
    CROSSING_SHARES_CSV,
    REFERENCE_CSV,
    SEED_FIGURES_CSV,
    SEED_KEY_COLUMNS,
    SOURCE_COLUMNS,
    TRADE_DIR,
    attach_sources,
    load_closure,
    load_closure_evidence,
    load_compilers,
    load_crossing_shares,
    load_reference,
    load_seed_figures,
)
from analysis.methods.trade.figures import (
    AMOUNT_RE,
    CITATION_RE,
    EXPORTS,
    FLOW_LABELS,
    FLOWS,
    IMPORTS,
    PERCENT_RE,
    TOTAL,
    UNIT_SCALE,
    YEAR_RE,
    extract_figures,
    mask_citations,
    parse_number,
)
from analysis.methods.trade.scenario import (
    DAYS_PER_YEAR,
    daily_baselines,
    days_between,
    find_statements,
    forgone_trade,
    known_duration,
    latest_fiscal_total,
    parse_date,
    period_dates,
    press_figures,
    scenario_table,
    shares_for,
)
from analysis.methods.trade.series import (
    INTERPOLATION_METHODS,
    balance_and_total,
    cagr,
    cagr_check,
    fiscal_start,
    interpolate_series,
    observed_segments,
    seed_series,
    validate_flows,
    validate_year_range,
)

__all__ = [
    "attach_sources",
    "balance_and_total",
    "cagr",
    "cagr_check",
    "check_claims",
    "daily_baselines",
    "days_between",
    "extract_figures",
    "find_statements",
    "fiscal_start",
    "forgone_trade",
    "interpolate_series",
    "known_duration",
    "latest_fiscal_total",
    "load_closure",
    "load_closure_evidence",
    "load_compilers",
    "load_crossing_shares",
    "load_reference",
    "load_seed_figures",
    "mask_citations",
    "observed_segments",
    "parse_date",
    "parse_number",
    "period_dates",
    "press_figures",
    "reference_match",
    "rounding_interval",
    "scenario_table",
    "seed_series",
    "shares_for",
    "validate_flows",
    "validate_year_range",
    "AMOUNT_RE",
    "CITATION_RE",
    "CLOSURE_CSV",
    "CLOSURE_EVIDENCE_CSV",
    "COMPILERS_CSV",
    "CROSSING_SHARES_CSV",
    "DAYS_PER_YEAR",
    "EXPORTS",
    "FLOWS",
    "FLOW_LABELS",
    "IMPORTS",
    "INTERPOLATION_METHODS",
    "PERCENT_RE",
    "REFERENCE_CSV",
    "SEED_FIGURES_CSV",
    "SEED_KEY_COLUMNS",
    "SOURCE_COLUMNS",
    "TOTAL",
    "TRADE_DIR",
    "UNIT_SCALE",
    "VALUE_VERDICTS",
    "YEAR_RE",
]
