"""The trade chapter module: parameter checks and the facts its prose glues.

Fast (no kernel): each test builds a small ``.txt`` corpus in a temporary
folder, so nothing here depends on the seeds.  Expected values are hand
arithmetic on the round numbers written into the fixture texts (each
assertion says how).
"""

from __future__ import annotations

import json
import re
from datetime import date

import corpora
import pandas as pd
import pytest
import yaml

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


#: Two texts with no trade figure at all (no amount in US dollars, no percentage).
NO_FIGURES = {
    "talks": "Officials met in Kabul on Monday to discuss the border.\n\nThe talks ended without an agreement.\n",
    "trucks": "Trucks waited at the crossing for a week, drivers said.\n",
}
#: A couple of figures: exports only, two years, no rate, no total.
FEW_FIGURES = {
    "brief": "In 2021, Pakistan exported goods worth $700 million to Afghanistan.\n\n"
    "Exports fell to $560 million in 2023.\n",
}


def write_corpus(kind: str, texts: dict, folder):
    """The same texts as a .txt folder, a CSV, a Parquet file or a folder with a manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "txt":
        for doc_id, text in texts.items():
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        return folder
    if kind in ("csv", "parquet"):
        table = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
        path = folder / f"corpus.{kind}"
        table.to_csv(path, index=False) if kind == "csv" else table.to_parquet(path, index=False)
        return path
    entries = []
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        entries.append(corpora.manifest_entry(doc_id, f"{doc_id}.txt", text.encode(), genre="news"))
    (folder / "manifest.yaml").write_text(yaml.safe_dump({"documents": entries}), encoding="utf-8")
    return folder


def every_section(data):
    """Run every section the notebook calls, in its order."""
    return [
        trade_ch.figures_found(data),
        trade_ch.series_with_gaps(data),
        trade_ch.balance_and_total(data),
        trade_ch.growth_rates(data),
        trade_ch.published_series(data),
        trade_ch.claims_checked(data),
        trade_ch.closure_scenario(data),
        trade_ch.press_reports(data),
    ]


def params_for(corpus, **overrides):
    defaults = book_params.read_defaults(book_params.notebook_for("trade"))
    values = dict(defaults, corpus_dir=str(corpus), year_range=[2020, 2022], closure_days=[365])
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
        ("closure_days", [0], "items >= 1, got [0]"),
        ("closure_days", [180, -5], "items >= 1, got [180, -5]"),
        ("closure_days", [1.5], "a list of whole days"),
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
    # hand count: 4 amounts + 1 total = 5 values, 2 rates, all in report_a; note_b has none
    assert (
        found["intro_corpus"] == "In this run, 1 of the 2 texts states trade figures: report_a (7 figures)."
    )
    assert found["found_summary"].endswith(
        "7 trade figures in 1 document: 5 amounts in US dollars and 2 growth rates."
    )
    assert "covers none of these texts" in found["curated_same"]
    gaps = trade_ch.series_with_gaps(data).facts
    # 2021 is stated for neither flow: 2 of the 3 years
    assert gaps["series_summary"] == (
        "From 2020 to 2022, report_a gives each flow for 2 of the 3 years. Missing here: exports: 2021; imports: 2021."
    )
    totals = trade_ch.balance_and_total(data).facts
    # 121 + 60.5 = 181.5 and 121 - 60.5 = 60.5, in the last year with both flows
    assert (
        "For 2022: exports 121.00 plus imports 60.50 make a total of USD 181.50 million"
        in totals["totals_summary"]
    )
    assert "Pakistani surplus of 60.50 million" in totals["totals_summary"]
    growth = trade_ch.growth_rates(data).facts["growth_summary"]
    # (121/100)^(1/2) - 1 = 0.10 exactly, and (60.5/50)^(1/2) - 1 = 0.10
    assert growth.count("give 10.00 %, which matches") == 2
    claims = trade_ch.claims_checked(data).facts["claims_summary"]
    assert (
        "The bilateral total $0.2 billion (total bilateral trade, 2022) in report_a is consistent:" in claims
    )  # 181.5 in 150-250
    scenario = trade_ch.closure_scenario(data)
    # the fixture holds no dated statement on the closure: only the assumed 365 days, nothing marked
    assert scenario.table["days"].unique().tolist() == [365]
    assert not scenario.table["supported"].eq("yes").any()
    assert "the duration is not known from the texts" in scenario.facts["sc_duration"]


@pytest.mark.parametrize("kind", ["txt", "csv", "parquet", "manifest"])
def test_a_corpus_without_figures_says_so_and_shows_the_published_series(kind, tmp_path):
    corpus = write_corpus(kind, NO_FIGURES, tmp_path / "corpus")
    # the defaults fit any corpus: year_range [] means the years the texts state
    values = params_for(corpus, year_range=[])
    trade_ch.check(values)
    data = trade_ch.load(values)
    sections = every_section(data)
    facts = {k: v for section in sections for k, v in section.facts.items()}
    assert all(isinstance(v, str) and v for v in facts.values())  # every glued value is filled
    assert facts["intro_corpus"].startswith("In this run, none of the 2 texts states a trade figure")
    assert "no trade figure" in facts["found_summary"]
    assert facts["growth_summary"] == "No text states a growth rate, so none is recomputed."
    assert facts["claims_summary"] == "There is no claim to check: the texts state no trade figure."
    found, gaps, totals, growth, published, claims = sections[:6]
    assert found.figures.empty and gaps.table.empty and totals.table.empty and claims.table.empty
    assert len(published.table) == len(data.reference) > 0  # the published series are still shown
    # baselines come from the published series: calendar 2024 = 1,140.17 + 566.44 = 1,706.61
    assert data.baselines["total_usd_mn"].iloc[0] == pytest.approx(1706.61)


def test_a_couple_of_figures(tmp_path):
    corpus = write_corpus("txt", FEW_FIGURES, tmp_path / "corpus")
    values = params_for(corpus, year_range=[])
    data = trade_ch.load(values)
    facts = {k: v for section in every_section(data) for k, v in section.facts.items()}
    # hand count: two amounts in one text, both exports (2021 and 2023)
    assert facts["intro_corpus"] == "In this run, 1 of the 1 text states trade figures: brief (2 figures)."
    assert (data.first_year, data.last_year) == (2021, 2023)
    # exports stated for 2021 and 2023 of 2021-2023, imports for none
    assert "exports: 2 of the 3 years; imports: 0 of the 3 years" in facts["series_summary"]
    assert facts["totals_summary"].startswith("No year in the range shown has both flows stated")
    assert facts["claims_summary"].startswith("Verdicts of")
    with pytest.raises(ParameterError, match="year_range.*2021-2023"):
        trade_ch.check(dict(values, year_range=[2020, 2023]))


def test_documents_selects_the_texts_read(figures_corpus):
    # note_b alone states no figure (see OTHER_TEXT)
    data = trade_ch.load(params_for(figures_corpus, documents=["note_b"], year_range=[]))
    assert data.doc_ids == ["note_b"] and data.figures.empty


#: Sentences 56, 57 and 71 of tariq2026, quoted from the seed: the statements that
#: data/trade/closure_evidence.csv records for it (the file keys them by id and quote).
TARIQ_CLOSURE = (
    "For more than three months, an Afghan truck full of cement has been parked in Pakistan and was "
    "supposed to transport cement from Nowshera to Kabul. This happened as a result of the Pak-Afghan "
    "border closure in mid-October 2025 in response to fighting between the two countries.\n\n"
    "The closure of five active trade routes between Pakistan and Afghanistan is part of a larger dispute "
    "between the two countries.\n"
)


def test_the_known_duration_comes_from_the_texts(tmp_path):
    corpus = write_corpus("txt", {"tariq2026": TARIQ_CLOSURE}, tmp_path / "corpus")
    data = trade_ch.load(params_for(corpus, year_range=[], closure_days=[90, 180]))
    # issue 19: 12 October 2025 (the clashes) to the 10 February 2026 report cited for the parked truck
    assert (
        data.duration["days"] >= 121
        and data.duration["days"] == (date(2026, 2, 10) - date(2025, 10, 12)).days
    )
    assert data.duration["still"]["sentence"].startswith("For more than three months, an Afghan truck")
    scenario = trade_ch.closure_scenario(data)
    table = scenario.table
    # 90 days is shorter than the known 121: labelled as contradicted by the texts
    assert table[table["days"] == 90]["duration_basis"].str.contains("contradicted by the texts").all()
    marked = table[table["supported"] == "yes"]
    # one scenario marked: known duration x latest pre-closure quarter (475 over Jul-Sep 2025, 92 days)
    # x every crossing (100 %): 121 * 475 / 92 = 624.7
    assert len(marked) == 1
    row = marked.iloc[0]
    assert (row["days"], row["crossings"], row["share_high"]) == (121, "every crossing", 1.0)
    assert row["forgone_high_usd_mn"] == pytest.approx(121 * 475 / 92, abs=0.05)
    assert "at least 121 days" in scenario.facts["sc_duration"]
    assert "every active crossing closed" in scenario.facts["sc_shares"]


def test_a_closure_start_parameter_overrides_the_evidence(tmp_path):
    corpus = write_corpus("txt", {"tariq2026": TARIQ_CLOSURE}, tmp_path / "corpus")
    data = trade_ch.load(params_for(corpus, year_range=[], closure_start="2025-10-20"))
    assert data.duration["days"] == 113  # 20 October 2025 to 10 February 2026


def test_the_fiscal_chart_draws_what_exists():
    # a hand-made reference: series A observed FY2018-19, FY2019-20 and FY2021-22 (FY2020-21 missing),
    # an 11-month row of series C, and two series of one compiler (A and B are both "X")
    ref = pd.DataFrame(
        {
            "period": ["FY2018-19", "FY2019-20", "FY2021-22", "FY2021-22", "FY2019-20"],
            "basis": ["fiscal"] * 5,
            "months": [12, 12, 12, 11, 12],
            "flow": [trade_ch.EXP] * 5,
            "value_usd_mn": [10.0, 12.0, 8.0, 30.0, 11.0],
            "series": ["A", "A", "A", "customs (C)", "B"],
            "source": ["s"] * 5,
            "url": ["u"] * 5,
            "note": [""] * 5,
        }
    )
    compilers = pd.DataFrame({"series": ["A", "B", "customs (C)"], "compiler": ["X", "X", "C"]})
    fis = trade_ch.fiscal_points(ref, compilers)
    a = fis[fis["series"] == "A"].set_index("period")
    # the gap year breaks the line: FY2018-19 and FY2019-20 join, FY2021-22 stands alone
    assert a.loc["FY2018-19", "segment"] == a.loc["FY2019-20", "segment"] != a.loc["FY2021-22", "segment"]
    assert "FY2020-21" not in set(fis["period"])  # missing, not a zero row
    assert fis.loc[fis["months"] == 11, "coverage"].tolist() == ["11 months (July–May)"]
    assert sorted(fis["compiler"].unique()) == ["C", "X"]  # two compilers, not three series
    spec = trade_ch.fiscal_chart(fis).to_dict()
    assert len(spec["vconcat"]) == 2  # one panel per flow


def test_published_facts_count_compilers_not_series(figures_corpus):
    # data/trade/compilers.csv maps the 6 fiscal series of trade_reference.csv to 5 compilers:
    # SBP (two series), PBS customs, the Pakistan Embassy in Kabul, the World Bank, an unnamed official source
    data = trade_ch.load(params_for(figures_corpus))
    facts = trade_ch.published_series(data).facts
    assert "from 5 compilers" in facts["ref_fiscal"]
    assert (
        "State Bank of Pakistan (SBP)" in facts["ref_fiscal"]
        and "Pakistan Bureau of Statistics" in facts["ref_fiscal"]
    )
    assert "hypothesis" in facts["sbp_break"]  # the explanation is marked as one


def test_each_figure_carries_its_basis_and_its_span_as_worded(tmp_path):
    # tariq2026 sentence 62, quoted: calendar figures framed as a July-June span
    text = (
        "Trade improved a lot between the two countries during July 2020 to June 2024 where Pakistan's "
        "imports to Afghanistan have demonstrated a strong upward trend over the five-year period from "
        "2020 to 2024 with a Compound Annual Growth Rate (CAGR) of 7.55%.\n\n"
        "In 2020, Pakistan exported goods worth $852.31 million, which steadily increased to $1,140.17 million in 2024.\n"
    )
    corpus = write_corpus("txt", {"slip": text}, tmp_path / "corpus")
    data = trade_ch.load(params_for(corpus, year_range=[]))
    table = trade_ch.figures_found(data).figures.set_index("value")
    assert table.loc[7.55, "span_as_worded"] == "July 2020 to June 2024; from 2020 to 2024"
    assert table.loc[7.55, "basis"] == "fiscal as worded (not curated)"  # not in seed_trade_figures.csv
    assert (table.loc[852.31, "span_as_worded"], table.loc[1140.17, "span_as_worded"]) == (
        "In 2020",
        "in 2024",
    )
    assert table.loc[852.31, "basis"] == "calendar as worded (not curated)"


def test_a_flagged_sentence_carries_its_fact_check_note(tmp_path):
    # a made-up figure in a sentence that also repeats a curated error (data/factchecks/factchecks.csv)
    text = (
        "After the capture of Osama bin Laden in 2011, Pakistan exported goods worth $900 million in 2012.\n"
    )
    corpus = write_corpus("txt", {"flagged": text}, tmp_path / "corpus")
    table = trade_ch.figures_found(trade_ch.load(params_for(corpus, year_range=[]))).figures
    assert "killed, not captured" in table["fact_check"].iloc[0]
    assert table["sentence"].iloc[0] == text.strip()  # the text is not changed


def test_the_notebook_is_narrative_and_calls_and_every_glued_key_is_a_fact(figures_corpus):
    cells = json.loads(book_params.notebook_for("trade").read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    lines = [line for cell in code for line in cell.splitlines() if line.strip()]
    assert len(lines) <= 70  # issue 12: narrative and calls
    assert not [line for line in lines if re.match(r"\s*(def|class|raise|if|for)\b", line)]
    used = {
        k
        for c in cells
        if c["cell_type"] == "markdown"
        for k in re.findall(r"\{glue\}`([^`]+)`", "".join(c["source"]))
    }
    facts = {k for section in every_section(trade_ch.load(params_for(figures_corpus))) for k in section.facts}
    assert used <= facts, sorted(used - facts)


def test_figures_without_a_year_or_end_points_are_not_checked(tmp_path):
    # hand-made: a total and an amount with no year, a rate whose end points are not stated
    text = (
        "Bilateral trade stood at $1.6 billion.\n\nExports were $5 million, officials said.\n\n"
        "Imports rose at a CAGR of 3% from 2019 to 2021.\n"
    )
    corpus = write_corpus("txt", {"edge": text}, tmp_path / "corpus")
    data = trade_ch.load(params_for(corpus, year_range=[]))
    claims = trade_ch.claims_checked(data)
    assert claims.table["verdict"].tolist() == ["not checked", "not checked", "not verifiable here"]
    assert "year not stated" in claims.table["claim"].iloc[0]
    assert claims.facts["claims_summary"].startswith(
        "The bilateral total $1.6 billion (total bilateral trade, year"
    )
    assert "cannot be recomputed" in trade_ch.growth_rates(data).facts["growth_summary"]
