"""The trade chapter module: parameter checks and the facts its prose glues.

Fast (no kernel): each test builds a small ``.txt`` corpus in a temporary
folder, so nothing here depends on the seeds.  Expected values are hand
arithmetic on the round numbers written into the fixture texts (each
assertion says how).
"""

from __future__ import annotations

import pytest

from analysis.book import params as book_params
from analysis.chapters import trade as trade_ch
from analysis.errors import ParameterError

#: Exports 100 (2020) -> 121 (2022): CAGR (121/100)^(1/2) - 1 = 10 % over 2 steps;
#: imports 50 -> 60.5: also 10 %; total 2022 = 121 + 60.5 = 181.5, inside the
#: rounding band of "$0.2 billion" (150-250).
FIGURES_TEXT = (
    "In 2020, Pakistan exported goods worth $100 million, which rose to $121 million in 2022.\n\n"
    "Imports rose from $50 million in 2020 to $60.5 million in 2022.\n\n"
    "Exports grew over the period from 2020 to 2022 with a Compound Annual Growth Rate (CAGR) of 10%.\n\n"
    "Imports grew with a Compound Annual Growth Rate (CAGR) of 10.00% over the same years.\n\n"
    "In 2022, the bilateral trade between Pakistan and Afghanistan stood at $0.2 billion.\n"
)
OTHER_TEXT = "Talks on the border resumed in the spring, officials said.\n"


@pytest.fixture
def figures_corpus(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "report_a.txt").write_text(FIGURES_TEXT, encoding="utf-8")
    (folder / "note_b.txt").write_text(OTHER_TEXT, encoding="utf-8")
    return folder


def params_for(corpus, **overrides):
    defaults = book_params.read_defaults(book_params.notebook_for("trade"))
    values = dict(
        defaults, corpus_dir=str(corpus), year_range=[2020, 2022], baseline_year=2022, closure_days=365
    )
    values.update(overrides)
    return values


def test_check_accepts_the_fixture_defaults(figures_corpus):
    trade_ch.check(params_for(figures_corpus))  # no error is the assertion


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("year_range", [2022, 2020], "first year after last year"),
        ("year_range", [2018, 2022], "lies outside the data: the stated series cover 2020-2022"),
        ("year_range", [2020], "two years"),
        ("flows", ["coal"], "non-empty list"),
        ("interpolate", "spline", "one of 'none', 'linear', 'geometric'"),
        ("cagr_tolerance", -1.0, "a number >= 0, got -1.0"),
        ("closure_start", "12 October 2025", "a date YYYY-MM-DD"),
        ("closure_days", 0, "an integer >= 1, got 0"),
        ("closure_days", -5, "an integer >= 1, got -5"),
        ("baseline_basis", "monthly", "one of 'calendar', 'fiscal'"),
        ("baseline_year", 2021, "both flows must be stated"),
        ("share_through_closed", [0.8, 0.5], "0 <= low <= high <= 1"),
        ("share_through_closed", [0.5, 1.5], "0 <= low <= high <= 1"),
        ("pkr_per_usd", -3.0, "a number >= 0"),
        ("pkr_per_usd", 280.0, "pkr_per_usd_source"),
        ("documents", ["no_such_text"], "unknown document id(s) 'no_such_text'"),
    ],
)
def test_check_refuses_a_bad_value_naming_the_parameter(figures_corpus, name, value, message):
    with pytest.raises(ParameterError) as err:
        trade_ch.check(params_for(figures_corpus, **{name: value}))
    text = str(err.value)
    assert f"'{name}'" in text or name in text
    assert message in text


def test_check_refuses_a_missing_corpus(tmp_path):
    with pytest.raises(ParameterError, match="parameter 'corpus_dir'"):
        trade_ch.check(params_for(tmp_path / "nowhere"))


def test_facts_of_the_fixture(figures_corpus):
    data = trade_ch.load(params_for(figures_corpus))
    found = trade_ch.figures_found(data).facts
    # hand count: 4 amounts + 1 total = 5 values, 2 rates, all in report_a
    assert (found["n_figures"], found["n_values"], found["n_rates"], found["n_fig_docs"]) == (
        "7",
        "5",
        "2",
        "1",
    )
    gaps = trade_ch.series_with_gaps(data).facts
    # 2021 is stated for neither flow: 2 of the 3 years
    assert gaps["stated_share"] == "2 of the 3 years"
    assert gaps["missing_years"] == "exports: 2021; imports: 2021"
    totals = trade_ch.balance_and_total(data).facts
    # 121 + 60.5 = 181.5 and 121 - 60.5 = 60.5, in the last year with both flows
    assert (totals["total_year"], totals["total_last"], totals["bal_last"]) == ("2022", "181.50", "60.50")
    growth = trade_ch.growth_rates(data).facts
    # (121/100)^(1/2) - 1 = 0.10 exactly; with 3 roots: 1.21^(1/3) - 1 = 6.56 %
    assert (growth["cagr_e_re"], growth["cagr_e_5"], growth["cagr_all_match"]) == (
        "10.00",
        "6.56",
        "both match",
    )
    claims = trade_ch.claims_checked(data).facts
    assert claims["total_verdict"] == "consistent"  # 181.5 inside 150-250
    scenario = trade_ch.closure_scenario(data).facts
    # 365 days of 181.5 a year at shares 0.5 and 1: 90.75 and 181.5, worded to whole millions
    assert (scenario["sc_low"], scenario["sc_high"], scenario["sc_daily"]) == ("91", "182", "0.50")
