"""The curated trade tables in ``data/trade/`` (see its README), loaded with their types."""

from __future__ import annotations

import pandas as pd

from analysis import paths

TRADE_DIR = paths.DATA / "trade"
SEED_FIGURES_CSV = TRADE_DIR / "seed_trade_figures.csv"
REFERENCE_CSV = TRADE_DIR / "trade_reference.csv"
CLOSURE_CSV = TRADE_DIR / "border_closure_2025.csv"

#: Columns of ``seed_trade_figures.csv`` that must equal what extraction finds.
SEED_KEY_COLUMNS = ["doc_id", "sent_index", "measure", "flow", "year", "year_end", "value", "unit"]


def load_seed_figures(path=None) -> pd.DataFrame:
    """The curated seed figures (``data/trade/seed_trade_figures.csv``)."""
    df = pd.read_csv(path or SEED_FIGURES_CSV)
    for col in ("year", "year_end"):
        df[col] = df[col].astype("Int64")
    return df


def load_reference(path=None) -> pd.DataFrame:
    """Published series (``data/trade/trade_reference.csv``), one row per period and flow."""
    return pd.read_csv(path or REFERENCE_CSV, dtype={"period": str})


def load_closure(path=None) -> pd.DataFrame:
    """Press reports on the 2025 closure (``data/trade/border_closure_2025.csv``)."""
    return pd.read_csv(path or CLOSURE_CSV, dtype={"value": str, "date_reported": str})
