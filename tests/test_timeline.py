"""Date extraction on hand-made sentences (expected periods worked out by hand),
and on the five published seeds (expressions quoted from them)."""

from datetime import date

import pandas as pd
import pytest
from support import sentences

from analysis.corpus.load import load_corpus
from analysis.errors import CorpusError, ParameterError
from analysis.methods import timeline as tl

#: The five published seeds (tests/test_manifest.py pins their checksums); tests of their
#: known dates read only these, so documents a user adds to seeds/ do not change them.
SEED_IDS = ["tariq2026", "hashemite2025", "bonesh2023", "aljazeera2024", "humnews2025"]


def periods(sentence, anchor=None):
    return [
        (d["expression"], d["granularity"], d["start"], d["end"]) for d in tl.find_dates(sentence, anchor)
    ]


def test_day_month_year_and_month():
    assert periods("The mandate runs until February 17, 2027.") == [
        ("February 17, 2027", "day", "2027-02-17", "2027-02-17")
    ]
    assert periods("The Taliban retook power in August 2021.") == [
        ("August 2021", "month", "2021-08-01", "2021-08-31")
    ]
    assert periods("Talks began on 3 March 2024.") == [("3 March 2024", "day", "2024-03-03", "2024-03-03")]


def test_qualified_month_keeps_the_month_and_the_qualifier():
    (d,) = tl.find_dates("The border closed in mid-October 2025.")
    assert (d["start"], d["end"], d["qualifier"]) == ("2025-10-01", "2025-10-31", "mid")


def test_ranges_of_years_and_of_months():
    assert periods("from 2001 to 2021 they were excluded") == [
        ("from 2001 to 2021", "year", "2001-01-01", "2021-12-31")
    ]
    assert periods("Trade grew during July 2020 to June 2024.") == [
        ("during July 2020 to June 2024", "month", "2020-07-01", "2024-06-30")
    ]
    assert periods("in 2015-2018") == [("2015-2018", "year", "2015-01-01", "2018-12-31")]


def test_decades_and_their_parts():
    # "late" = years 7-9 of the decade, "early" = 0-3 (DECADE_PARTS)
    assert periods("In the 1990s and the late 1990s, and the early 1980s.") == [
        ("the 1990s", "decade", "1990-01-01", "1999-12-31"),
        ("the late 1990s", "decade", "1997-01-01", "1999-12-31"),
        ("the early 1980s", "decade", "1980-01-01", "1983-12-31"),
    ]


def test_plain_years_season_and_named_event():
    assert periods("Since 1979, and the summer of 2021, after 9/11.") == [
        ("1979", "year", "1979-01-01", "1979-12-31"),
        ("the summer of 2021", "season", "2021-06-01", "2021-08-31"),
        ("9/11", "day", "2001-09-11", "2001-09-11"),
    ]
    assert tl.find_dates("Since 1979 it held.")[0]["qualifier"] == "since"


def test_citation_years_resolution_numbers_and_committee_names_are_not_dates():
    assert tl.find_dates("This was reported (Banerjee, 2025).") == []
    # "today" is a relative day (unresolved without an anchor); "No. 2001" is not a year
    assert [d["expression"] for d in tl.find_dates("It adopted Resolution No. 2001 today")] == ["today"]
    assert tl.find_dates("the 1988 Afghanistan Sanctions Committee met") == []
    assert tl.find_dates("Exports were $852.31 million and 200 fighters died.") == []


def test_yearless_and_relative_dates_resolve_against_the_anchor():
    anchor = date(2025, 2, 13)  # a Thursday
    assert periods("on Feb 13 and on Dec 24", anchor) == [
        ("Feb 13", "day", "2025-02-13", "2025-02-13"),
        ("Dec 24", "day", "2024-12-24", "2024-12-24"),  # a later Dec 24 would be after the anchor
    ]
    assert periods("In March last year it spoke.", anchor) == [
        ("March last year", "month", "2024-03-01", "2024-03-31")
    ]
    assert periods("Strikes this week.", anchor) == [("this week", "week", "2025-02-10", "2025-02-16")]
    # against a publication date, "N units ago" is the range N+1 to N-1 units before it:
    # a month ago from 13 Feb 2025 -> 13 Jan 2025 (two months back is 13 Dec 2024) to 13 Feb 2025
    assert periods("Nearly a month ago it began.", anchor) == [
        ("Nearly a month ago", "range", "2024-12-13", "2025-02-13")
    ]
    # three days ago from 20 Apr 2023 -> 16 Apr (4 days back) to 18 Apr (2 days back)
    assert periods("It began three days ago.", date(2023, 4, 20)) == [
        ("three days ago", "range", "2023-04-16", "2023-04-18")
    ]
    # 30 April minus two months is 30 February, clamped to 28 February (2023 is not a leap year)
    assert periods("a month ago", date(2023, 4, 30))[0][2:] == ("2023-02-28", "2023-04-30")
    # a vague span counted back from a publication date is a guess: left unresolved (changed by design)
    (d,) = tl.find_dates("over the last two years", date(2023, 4, 20))
    assert (d["resolved"], d["start"], d["kind"]) == (False, None, "last_n")


def test_dates_against_a_parameter_anchor_are_marked_inferred():
    anchor = date(2025, 2, 13)
    basis = {
        d["expression"]: d["date_basis"]
        for d in tl.find_dates("On Feb 13 in 2024, nearly a month ago.", anchor, anchor_inferred=True)
    }
    assert basis == {
        "Feb 13": tl.DATE_BASES["inferred"],
        "2024": tl.DATE_BASES["stated"],
        "nearly a month ago": tl.DATE_BASES["unresolved"],
    }
    (d,) = tl.find_dates("Feb 13", anchor)  # same anchor as a publication date
    assert d["date_basis"] == tl.DATE_BASES["publication"]
    (d,) = tl.find_dates("Nearly a month ago it began.", anchor, anchor_inferred=True)
    assert not d["resolved"] and d["start"] is None and "inferred anchor" in d["rule"]


def test_relative_dates_without_anchor_are_unresolved_not_guessed():
    for sentence in ("Strikes this week.", "on Feb 13", "In March last year", "a month ago"):
        (d,) = tl.find_dates(sentence, None)
        assert d["resolved"] is False and d["start"] is None and "unresolved" in d["rule"]
    (d,) = tl.find_dates("For more than three months a truck waited.", date(2026, 1, 1))
    assert d["kind"] == "duration" and not d["resolved"]


def test_grouping_by_month_joins_texts_that_name_the_same_month():
    s = pd.DataFrame(
        {
            "doc_id": ["a", "b", "b"],
            "sent_index": [0, 0, 1],
            "text": ["In August 2021 they won.", "When Kabul fell in August 2021.", "In 1979 too."],
        }
    )
    g = tl.group_mentions(tl.extract_dates(s), "month")
    top = g.iloc[0]
    assert (top.period, top.mentions, top.n_documents, top.documents, top.inferred) == (
        "2021-08",
        2,
        2,
        "a, b",
        0,
    )
    assert g[g.period == "1979"].mentions.tolist() == [1]
    with pytest.raises(ParameterError, match="timeline_granularity"):
        tl.group_mentions(tl.extract_dates(s), "week")


def test_corpus_dates_quoted_in_the_brief_are_found():
    corpus = load_corpus(documents=SEED_IDS)
    table = tl.resolve_anchors(corpus.documents)
    # humnews2025's anchor is its manifest anchor_date (the page date is ten months later)
    assert table.set_index("doc_id").at["humnews2025", "source"] == tl.ANCHOR_SOURCES["metadata"]
    anchors = tl.document_anchors(corpus.documents)
    d = tl.extract_dates(corpus.sentences, anchors, inferred=set(table.doc_id[table.inferred]))
    found = set(zip(d["doc_id"], d["expression"]))
    for expected in [
        ("tariq2026", "August 2021"),
        ("tariq2026", "December 2024"),
        ("tariq2026", "mid-October 2025"),
        ("tariq2026", "February 17, 2027"),
        ("tariq2026", "1979"),
        ("tariq2026", "the late 1990s"),
        ("tariq2026", "from 2001 to 2021"),
        ("hashemite2025", "the 1990s"),
        ("humnews2025", "Feb 13"),
        ("humnews2025", "March last year"),
    ]:
        assert expected in found, expected
    # aljazeera2024 has no known date: its "this week" stays unresolved
    # humnews2025's anchor is read from the text: its relative dates are inferred, and
    # "Nearly a month ago" (sentence 9) is not placed
    hum = d[d.doc_id == "humnews2025"].set_index("expression")
    assert hum.at["Feb 13", "date_basis"] == tl.DATE_BASES["inferred"]
    assert not hum.at["Nearly a month ago", "resolved"]
    # "the last eight decades" (tariq2026) is vague: not resolved
    assert not d[d.expression == "the last eight decades"]["resolved"].any()
    alj = d[(d.doc_id == "aljazeera2024") & (d.expression == "this week")]
    assert len(alj) == 1 and not alj.iloc[0].resolved
    # citation years such as (Banerjee, 2025) are not events
    assert not ((d.doc_id == "tariq2026") & (d.start == "2025-01-01") & (d.granularity == "year")).any()


def docs(**dates):
    """A documents table: id -> date; an id ending in "_a" gets anchor_date 2025-02-13 too."""
    return pd.DataFrame(
        {
            "id": list(dates),
            "date": list(dates.values()),
            "anchor_date": ["2025-02-13" if k.endswith("_a") else "unknown" for k in dates],
        }
    )


def test_anchor_parameter_is_checked():
    documents = docs(x="2025-12-29")
    with pytest.raises(ParameterError, match="anchor_dates"):
        tl.document_anchors(documents, {"nope": "2025-01-01"})
    with pytest.raises(ParameterError, match="anchor_dates"):
        tl.document_anchors(documents, {"x": "Feb 2025"})


def test_anchor_order_parameter_then_metadata_then_full_date():
    table = tl.resolve_anchors(
        docs(p="2025-12-29", m_a="2025-12-29", d="2023-04-20", month="2025-10", u="unknown"),
        {"p": "2024-01-05"},
    ).set_index("doc_id")
    assert table.at["p", "anchor"] == date(2024, 1, 5) and table.at["p", "inferred"]
    assert table.at["m_a", "anchor"] == date(2025, 2, 13) and table.at["m_a", "inferred"]
    assert table.at["d", "anchor"] == date(2023, 4, 20) and not table.at["d", "inferred"]
    # a month or an unknown date gives no anchor, and the note says why
    assert table.at["month", "anchor"] is None and "'2025-10' is not a full" in table.at["month", "note"]
    assert table.at["u", "note"] == "the document's date is unknown"
    bad = docs(x="2025-01-01")
    bad["anchor_date"] = ["13 February 2025"]
    with pytest.raises(CorpusError, match="document 'x': field 'anchor_date' expects a date YYYY-MM-DD"):
        tl.resolve_anchors(bad)


def test_weekdays_and_relative_days_resolve_against_the_document_date():
    anchor = date(2025, 10, 14)  # a Tuesday
    # Sunday before Tuesday 14 October 2025 is the 12th; Saturday the 11th
    assert periods("The border closed on Sunday.", anchor) == [("Sunday", "day", "2025-10-12", "2025-10-12")]
    assert periods("Fighting broke out late Saturday into Sunday.", anchor) == [
        ("late Saturday into Sunday", "range", "2025-10-11", "2025-10-12")
    ]
    (d,) = tl.find_dates(
        "Late Saturday into Sunday, officials met.", anchor
    )  # capitalised at a sentence start
    assert (d["expression"], d["start"], d["end"], d["qualifier"]) == (
        "Late Saturday into Sunday",
        "2025-10-11",
        "2025-10-12",
        "late",
    )
    (d,) = tl.find_dates("By Sunday afternoon the crossing was shut.", anchor)
    assert (d["expression"], d["start"], d["qualifier"]) == ("Sunday afternoon", "2025-10-12", "by")
    # the week holding Tuesday 14 October starts on Monday 13 October
    assert periods("Officials met earlier in the week.", anchor) == [
        ("earlier in the week", "range", "2025-10-13", "2025-10-14")
    ]
    assert periods("Talks failed last month.", anchor) == [
        ("last month", "month", "2025-09-01", "2025-09-30")
    ]
    assert periods("It rained yesterday.", anchor) == [("yesterday", "day", "2025-10-13", "2025-10-13")]
    # the anchor's own weekday: "on Tuesday" is the anchor, "last Tuesday" a week earlier
    assert periods("on Tuesday", anchor)[0][2] == "2025-10-14"
    assert periods("last Tuesday", anchor)[0][2] == "2025-10-07"
    assert periods("next Monday", anchor)[0][2] == "2025-10-20"
    # a weekday is an inference (the latest such day is assumed) even against a publication date
    (d,) = tl.find_dates("on Saturday", anchor)
    assert d["date_basis"] == tl.DATE_BASES["inferred"]


def test_weekdays_without_a_document_date_are_unresolved_with_the_reason():
    for sentence in ("on Saturday", "late Saturday into Sunday", "earlier in the week", "today"):
        (d,) = tl.find_dates(sentence, None)
        assert not d["resolved"] and d["start"] is None
        assert (
            d["rule"]
            == "unresolved: a weekday or relative day needs the document's date, and this document has none"
        )


def test_a_corpus_with_no_dates_gives_empty_tables():
    s = sentences(["Nothing is dated here."], doc_id="a")
    d = tl.extract_dates(s)
    assert d.empty and d["resolved"].dtype == bool
    assert tl.group_mentions(d).empty
