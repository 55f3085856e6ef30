"""Trade figures: extraction, series, CAGR, claims check and closure scenario.

Expected values come from the sentences of seed 000 (tariq2026, sentences
62-69, quoted in data/trade/seed_trade_figures.csv), seed 001
(hashemite2025, "$1.6 billion"), the published series in
data/trade/trade_reference.csv (FY2023-24 total 1,603; FY2024-25 1,998;
Q1 FY2025-26 475), and hand arithmetic on round numbers. Only the two seeds
the curated table covers are read, so adding documents to seeds/ keeps
these tests as they are.
"""

from datetime import date

import pandas as pd
import pytest
from support import sentences

from analysis.corpus.load import load_corpus
from analysis.errors import ParameterError
from analysis.methods import trade

EXP, IMP, T = trade.EXPORTS, trade.IMPORTS, trade.TOTAL


@pytest.fixture(scope="module")
def figures():
    # only the seeds that data/trade/seed_trade_figures.csv covers (tariq2026, hashemite2025), so a
    # document added to seeds/ does not change what these tests see; with what each text cites
    curated = trade.load_seed_figures()
    corpus = load_corpus(documents=sorted(curated["doc_id"].unique()))
    return trade.attach_sources(trade.extract_figures(corpus.sentences), curated)


@pytest.fixture(scope="module")
def series(figures):
    return trade.seed_series(figures)


def test_extraction_finds_the_six_figures_of_seed_000(figures):
    # The six values stated in tariq2026 sentences 63, 64, 67, 68.
    vals = figures[(figures.doc_id == "tariq2026") & (figures.measure == "value")]
    got = {(int(r.year), r.flow): r.value_usd_mn for r in vals.itertuples()}
    assert got == {
        (2020, EXP): 852.31,
        (2024, EXP): 1140.17,
        (2022, EXP): 805.14,
        (2020, IMP): 468.34,
        (2023, IMP): 880.07,
        (2024, IMP): 566.44,
    }


def test_extraction_finds_the_total_of_seed_001(figures):
    row = figures[figures.doc_id == "hashemite2025"]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r.flow, r.year, r.value, r.unit, r.value_usd_mn) == (T, 2024, 1.6, "USD billion", 1600.0)


def test_extraction_finds_the_growth_rates_and_the_wording_slip(figures):
    rates = figures[figures.measure == "cagr_pct"].set_index("sent_index")
    # sentence 62 says "imports to Afghanistan" but 7.55 % is the export rate
    assert rates.loc[62, "value"] == 7.55 and rates.loc[62, "flow"] == EXP
    assert "imports to Afghanistan" in rates.loc[62, "flow_as_worded"]
    assert rates.loc[62, "flow_note"]  # the slip is reported, not silently corrected
    assert rates.loc[69, "value"] == 4.87 and rates.loc[69, "flow"] == IMP
    assert rates.loc[69, "flow_note"] == ""
    assert [(rates.loc[k, "year"], rates.loc[k, "year_end"]) for k in (62, 69)] == [(2020, 2024)] * 2
    assert rates.loc[62, "stated_period_years"] == 5  # "five-year period"
    assert bool(rates.loc[62, "fiscal_framing"])  # "July 2020 to June 2024"


def test_curated_seed_rows_equal_what_extraction_finds(figures):
    curated = trade.load_seed_figures()
    cols = trade.SEED_KEY_COLUMNS
    a = curated[cols].sort_values(["doc_id", "sent_index", "year"]).reset_index(drop=True)
    b = figures[cols].sort_values(["doc_id", "sent_index", "year"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    assert (
        curated["source_sentence"].tolist()
        == figures.sort_values(["doc_id", "sent_index", "year"])["sentence"].tolist()
    )
    assert set(curated["basis"]) == {"calendar"}


def test_citation_years_are_not_figure_years():
    s = sentences(["Exports fell to $805.14 million (Shakoor, 2025)."])
    f = trade.extract_figures(s)
    assert f["year"].isna().all()


def test_direction_decides_the_flow_on_hand_made_sentences():
    s = sentences(
        [
            "In 2019, imports from Afghanistan were $10 million.",
            "In 2019, Afghanistan's exports to Pakistan were $20 million.",
            "In 2019, Pakistan's imports to Afghanistan were $30 million.",
        ]
    )
    f = trade.extract_figures(s)
    assert f["flow"].tolist() == [IMP, IMP, EXP]
    assert f["flow_note"].astype(bool).tolist() == [False, True, True]


def test_missing_years_stay_missing(series):
    missing = set(map(tuple, series[series.status == "missing"][["year", "flow"]].values.tolist()))
    assert missing == {(2021, EXP), (2023, EXP), (2021, IMP), (2022, IMP)}
    assert series["value_usd_mn"].isna().sum() == 4


def test_interpolation_only_on_request_and_marked(series):
    assert trade.interpolate_series(series, "none").equals(series)
    filled = trade.interpolate_series(series, "linear")
    row = filled[(filled.year == 2021) & (filled.flow == EXP)].iloc[0]
    # halfway between 852.31 (2020) and 805.14 (2022), by hand: 828.725
    assert row.status == "interpolated" and row.value_usd_mn == pytest.approx(828.72, abs=0.01)
    with pytest.raises(ParameterError, match="interpolate"):
        trade.interpolate_series(series, "spline")


def test_cagr_reproduces_the_article_to_two_decimals(figures, series):
    assert round(100 * trade.cagr(852.31, 1140.17, 4), 2) == 7.55
    assert round(100 * trade.cagr(468.34, 566.44, 4), 2) == 4.87
    check = trade.cagr_check(figures, series, tolerance=0.01).set_index("flow")
    assert check.loc[EXP, "recomputed_pct"] == pytest.approx(7.55, abs=0.005)
    assert check.loc[IMP, "recomputed_pct"] == pytest.approx(4.87, abs=0.005)
    assert check["matches"].all()
    # dividing by five calendar years instead of four periods would not reproduce them
    assert round(check.loc[EXP, "pct_if_calendar_years_counted"], 2) == 5.99
    assert not trade.cagr_check(figures, series, tolerance=0.0001)["matches"].all()


def test_total_2024_from_the_stated_flows(series):
    tot = trade.balance_and_total(series).set_index("year")
    assert tot.at[2024, "total"] == pytest.approx(1706.61)  # 1,140.17 + 566.44
    assert tot.at[2024, "balance"] == pytest.approx(573.73)  # 1,140.17 - 566.44
    assert tot.at[2020, "total"] == pytest.approx(1320.65)  # 852.31 + 468.34
    assert pd.isna(tot.at[2022, "total"])  # imports 2022 not stated


def test_claims_check_verdicts(figures, series):
    ref = trade.load_reference()
    claims = trade.check_claims(figures, series, ref, tolerance=0.01)
    by = {(r.doc_id, r.sent_index, r.kind): r for r in claims.itertuples()}
    total = by[("hashemite2025", 36, "total")]
    assert total.verdict == "consistent with fiscal FY2023-24, not with calendar 2024"
    assert "1,706.61" in total.reason and "1,603" in total.reason
    assert "wording slip" in by[("tariq2026", 62, "growth rate")].verdict
    assert by[("tariq2026", 69, "growth rate")].verdict == "consistent"
    assert by[("tariq2026", 63, "trend")].verdict == "inconsistent"  # "steadily" vs the 2022 fall
    # verdict labels changed by design: a match with the study the article cites is not independent
    assert by[("tariq2026", 64, "value")].verdict == "not verifiable here"  # 805.14: no published figure
    values = claims[claims.kind == "value"].set_index(["sent_index", "stated"])["verdict"]
    # 852.31 (exports 2020) is also on the PBC page the article cites (trade_reference.csv row 1)
    assert values[(63, 852.31)] == "matches the cited source (not independent)"
    assert not claims.loc[claims.kind == "value", "verdict"].eq("consistent").any()
    ranks = claims[claims.kind == "ranking"]
    assert len(ranks) == 3 and ranks["verdict"].eq("consistent with the stated years").all()


def test_a_match_counts_as_independent_unless_the_text_cites_that_series():
    # a hand-made sentence stating the PBC figure 852.31 for exports 2020 (trade_reference.csv
    # row 1); with no curated source for it, the match is independent
    s = sentences(["In 2020, Pakistan exported goods worth $852.31 million."], doc_id="x")
    ref = trade.load_reference()
    figs = trade.extract_figures(s)
    series = trade.seed_series(figs)
    plain = trade.check_claims(figs, series, ref, 0.01)
    assert plain["verdict"].tolist() == ["consistent"]
    cited = figs.assign(cited_series="PBS (via Pakistan Business Council)", cited_source="a study")
    verdict = trade.check_claims(cited, trade.seed_series(cited), ref, 0.01).iloc[0]
    assert verdict["verdict"] == "matches the cited source (not independent)"
    assert "x itself cites (a study)" in verdict["reason"]


def test_year_range_outside_the_data_is_a_clear_error():
    with pytest.raises(ParameterError, match=r"year_range.*2020-2024"):
        trade.validate_year_range([2018, 2024], (2020, 2024))
    with pytest.raises(ParameterError, match="year_range"):
        trade.validate_year_range([2024, 2020], (2020, 2024))


def test_scenario_arithmetic_by_hand():
    # 3,650 a year is 10 a day; 30 days at half the trade: 10 * 30 * 0.5 = 150
    assert trade.forgone_trade(3650, 30, 0.5) == pytest.approx(150.0)
    assert trade.forgone_trade(730, 1, 1.0) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="days"):
        trade.forgone_trade(3650, -1, 0.5)


def test_daily_baselines_from_the_published_series():
    ref = trade.load_reference()
    # latest full-year published total: FY2024-25, 1,998 = 1,391 exports + 607 imports
    latest = trade.latest_fiscal_total(ref)
    assert (latest["label"], latest["value"], latest["flows_sum"]) == ("fiscal FY2024-25", 1998.0, 1998.0)
    base = trade.daily_baselines(ref, date(2025, 10, 12)).set_index("basis")
    # calendar 2024: 1,140.17 + 566.44 = 1,706.61 over 365 days = 4.676 a day
    assert base.loc["calendar", "total_usd_mn"] == pytest.approx(1706.61)
    assert base.loc["calendar", "per_day_usd_mn"] == pytest.approx(4.676, abs=0.001)
    # FY2024-25: 1,998 / 365 = 5.474; Q1 FY2025-26 (July-September 2025, 92 days): 475 / 92 = 5.163
    assert base.loc["fiscal", "per_day_usd_mn"] == pytest.approx(5.474, abs=0.001)
    assert (base.loc["part year", "days"], base.loc["part year", "latest"]) == (92, True)
    assert base.loc["part year", "per_day_usd_mn"] == pytest.approx(5.163, abs=0.001)
    # a closure before the quarter ended cannot use it: the latest baseline is then the fiscal year
    early = trade.daily_baselines(ref, date(2025, 9, 1))
    assert early["basis"].tolist() == ["calendar", "fiscal"] and early["latest"].tolist() == [False, True]


def test_rupees_are_not_converted_without_a_sourced_rate():
    press = trade.press_figures(trade.load_closure())
    pkr = press[press.currency == "PKR"]
    assert len(pkr) == 2 and pkr["usd_low"].isna().all()
    rng = press[press.value == "2-3"].iloc[0]
    assert (rng.low, rng.high) == (2.0, 3.0)
    with pytest.raises(ParameterError, match="pkr_per_usd_source"):
        trade.press_figures(trade.load_closure(), 280.0, "")
