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


#: Columns of ``seed_trade_figures.csv`` that say what a text cites for a figure.
SOURCE_COLUMNS = ["cited_series", "cited_source", "basis"]


def attach_sources(figures: pd.DataFrame, curated: pd.DataFrame) -> pd.DataFrame:
    """``figures`` with the curated ``cited_series``, ``cited_source`` and ``basis`` of each figure.

    Which published series a text copies its figures from is a fact about that
    text, kept in ``seed_trade_figures.csv``; a figure the curated table does
    not hold (another corpus) gets empty strings: nothing is known about its
    source, so a match with a published series counts as independent.

    Examples
    --------
    >>> f = pd.DataFrame({"doc_id": ["a", "b"], "sent_index": [1, 2], "measure": ["value"] * 2,
    ...     "flow": ["x", "x"], "year": pd.array([2020, 2020], dtype="Int64")})
    >>> c = f.iloc[:1].assign(cited_series=["S"], cited_source=["Smith 2020"])
    >>> attach_sources(f, c)["cited_source"].tolist()
    ['Smith 2020', '']
    """
    key = ["doc_id", "sent_index", "measure", "flow", "year"]
    cols = [c for c in SOURCE_COLUMNS if c in curated]
    known = curated[key + cols].drop_duplicates(key)
    out = figures.drop(columns=[c for c in SOURCE_COLUMNS if c in figures]).merge(known, on=key, how="left")
    for col in SOURCE_COLUMNS:
        out[col] = out[col].fillna("") if col in out else ""
    return out


CLOSURE_EVIDENCE_CSV = TRADE_DIR / "closure_evidence.csv"
CROSSING_SHARES_CSV = TRADE_DIR / "crossing_shares.csv"


def load_closure_evidence(path=None) -> pd.DataFrame:
    """Dated statements on the 2025 closure (``data/trade/closure_evidence.csv``): texts and press."""
    return pd.read_csv(path or CLOSURE_EVIDENCE_CSV, dtype=str, keep_default_na=False)


def load_crossing_shares(path=None) -> pd.DataFrame:
    """Trade through the crossings, per case, with sources (``data/trade/crossing_shares.csv``)."""
    df = pd.read_csv(path or CROSSING_SHARES_CSV, dtype={"case": str}, keep_default_na=False)
    for col in ("usd_mn_per_day_low", "usd_mn_per_day_high", "share"):
        df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce")
    return df


COMPILERS_CSV = TRADE_DIR / "compilers.csv"


def load_compilers(path=None) -> pd.DataFrame:
    """Who compiled each published series (``data/trade/compilers.csv``)."""
    return pd.read_csv(path or COMPILERS_CSV, dtype=str, keep_default_na=False)
