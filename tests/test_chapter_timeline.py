"""The timeline chapter module: its parameter check and the facts its prose glues.

Fixtures are tiny corpora made here (no kernel, no seeds); each expected value
is counted by hand from the sentences written below.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import paths
from analysis.book import params as book_params
from analysis.chapters import timeline as timeline_ch
from analysis.errors import ParameterError
from analysis.methods import timeline as tl


def tiny_corpus():
    """Two dated documents and one undated; the sentences are the ones counted in the tests."""
    documents = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "date": ["2025-02-13", "2024-06-30", "unknown"],
            "date_meaning": ["publication date", "publication date", "unknown"],
        }
    )
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c"],
            "sent_index": [0, 1, 0, 0],
            "start": [0, 39, 0, 0],  # character offsets in the body (the actor matcher needs them)
            "text": [
                "The Taliban took Kabul in August 2021.",  # a: August 2021 (month)
                "Strikes this week followed talks in 1979.",  # a: this week (against 2025-02-13), 1979
                "Kabul fell in August 2021, recently recalled.",  # b: August 2021, recently (vague)
                "It happened this week.",  # c: this week, no anchor -> unresolved
            ],
        }
    )
    return SimpleNamespace(documents=documents, sentences=sentences)


def params(**changes):
    base = {
        "corpus_dir": "",
        "documents": [],
        "timeline_granularity": "month",
        "events_path": "",
        "anchor_dates": {},
        "chart_from_year": 1940,
        "detail_from": "2020-01-01",
    }
    base.update(changes)
    return base


@pytest.fixture
def txt_corpus(tmp_path):
    """A folder of two .txt documents: ids 'one' and 'two' (from the file names)."""
    (tmp_path / "one.txt").write_text("In August 2021 Kabul fell.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Talks were held in 2023.", encoding="utf-8")
    return str(tmp_path)


def test_check_accepts_good_values(txt_corpus):
    timeline_ch.check(params(corpus_dir=txt_corpus, anchor_dates={"one": "2025-01-01"}))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"timeline_granularity": "week"},
            "parameter 'timeline_granularity' expects one of 'year', 'month', 'day'",
        ),
        (
            {"chart_from_year": 0},
            "parameter 'chart_from_year' expects an integer between 1800 and 2099, got 0",
        ),
        ({"chart_from_year": 3000}, "parameter 'chart_from_year' expects an integer between 1800 and 2099"),
        (
            {"detail_from": "2020-13-01"},
            "parameter 'detail_from' expects a date YYYY-MM-DD, got '2020-13-01'",
        ),
        ({"detail_from": "January 2020"}, "parameter 'detail_from' expects a date YYYY-MM-DD"),
        ({"anchor_dates": {"nope": "2025-01-01"}}, "parameter 'anchor_dates' names unknown document"),
        (
            {"anchor_dates": {"one": "Feb 2025"}},
            "parameter 'anchor_dates' expects a date YYYY-MM-DD for 'one'",
        ),
        ({"corpus_dir": "/no/such/folder"}, "parameter 'corpus_dir'"),
        ({"documents": ["three"]}, "parameter 'documents': unknown document id(s) 'three'"),
        ({"events_path": "/no/such/events.csv"}, "parameter 'events_path': not found: /no/such/events.csv"),
    ],
)
def test_check_refuses_bad_values(txt_corpus, changes, message):
    values = params(corpus_dir=txt_corpus)
    values.update(changes)
    with pytest.raises(ParameterError) as err:
        timeline_ch.check(values)
    assert str(err.value).startswith(message)


def test_facts_counted_by_hand():
    dates = timeline_ch.read_dates(tiny_corpus(), params())
    facts = dates.facts
    # expressions: a: August 2021, this week, 1979; b: August 2021, recently; c: this week -> 6
    # unresolved: "recently" (vague) and c's "this week" (no anchor) -> 2
    assert (facts["n_mentions"], facts["n_resolved"], facts["n_unresolved"]) == ("6", "4", "2")
    assert (facts["n_date_docs"], facts["n_docs"]) == ("3 documents", "3 documents")
    # c is the only document whose date is unknown; its one expression is not placed
    assert facts["no_anchor_docs"] == "c (the document's date is unknown)"
    assert facts["undated_docs"] == "c (1 date expression, none placed: the document's date is unknown)"
    assert facts["read_anchors"] == "none"
    # groups by month: 2021-08 (a, b), 2025-02 week (a), 1979 (a): only August 2021 is in two texts
    assert dates.groups["n_documents"].tolist() == [2, 1, 1]
    assert facts["n_inferred"] == "0"  # no anchor read from the text


def test_parameter_anchor_marks_dates_inferred_and_is_worded():
    dates = timeline_ch.read_dates(tiny_corpus(), params(anchor_dates={"c": "2024-03-05"}))
    # c's "this week" now resolves against the parameter anchor: one inferred mention
    assert dates.facts["n_inferred"] == "1"
    assert dates.facts["no_anchor_docs"] == "none"
    assert dates.facts["read_anchors"].startswith(
        "c: anchor 2024-03-05 from the parameter anchor_dates, while"
    )
    row = dates.anchors.set_index("document").loc["c"]
    assert (row["anchor"], row["from"], row["placed"]) == (
        "2024-03-05",
        "parameter anchor_dates (inferred)",
        1,
    )
    assert dates.unresolved["expression"].tolist() == ["recently"]


def test_metadata_anchor_and_a_text_with_only_weekdays():
    corpus = tiny_corpus()
    corpus.documents["anchor_date"] = ["unknown", "unknown", "2025-10-14"]
    corpus.sentences.loc[3, "text"] = "Fighting began late Saturday into Sunday."
    dates = timeline_ch.read_dates(corpus, params())
    # c's weekday span resolves against its anchor_date (Tuesday 14 October 2025): 11-12 October, inferred
    row = dates.mentions[dates.mentions.doc_id == "c"].iloc[0]
    assert (row["start"], row["end"], row["date_basis"]) == (
        "2025-10-11",
        "2025-10-12",
        tl.DATE_BASES["inferred"],
    )
    assert dates.facts["undated_docs"] == "none"


def test_a_corpus_without_dates_says_which_documents_gave_none():
    corpus = tiny_corpus()
    corpus.sentences["text"] = ["No date here.", "None here either.", "Nor here.", "On Saturday they met."]
    dates = timeline_ch.read_dates(corpus, params())
    # a and b: no date expression; c: a weekday but no document date
    assert dates.facts["undated_docs"] == (
        "a (no date expression in the text), b (no date expression in the text) and "
        "c (1 date expression, none placed: the document's date is unknown)"
    )
    events = timeline_ch.shared_events(corpus, dates, params())
    assert events.facts["shared_events_summary"] == "no event is named by more than one text"
    assert events.events.empty and events.shared.empty
    charts = timeline_ch.timeline_charts(dates, params())
    assert charts.full_data.empty and charts.recent_data.empty


def test_chart_rows_points_spans_and_years_left_out():
    dates = timeline_ch.read_dates(tiny_corpus(), params())
    plot = timeline_ch.plot_data(dates.resolved, 1940)
    # a month (31 days) or a week is a point, a year a span; 1979 is kept from 1940;
    # its exclusive end is 1980-01-01, so it is kept from 1980 too and left out from 1981
    shapes = dict(zip(plot["expression"], plot["shape"]))
    assert shapes == {
        "August 2021": "point (up to a month)",
        "this week": "point (up to a month)",
        "1979": "span",
    }
    assert "1979" in set(timeline_ch.plot_data(dates.resolved, 1980)["expression"])
    assert "1979" not in set(timeline_ch.plot_data(dates.resolved, 1981)["expression"])
    charts = timeline_ch.timeline_charts(dates, params(detail_from="2025-01-01"))
    assert charts.recent_data["expression"].tolist() == ["this week"]  # the only period reaching 2025
    assert charts.recent_caption == "Date expressions whose period reaches 2025-01-01 or later."
    spec = charts.recent.to_dict()
    assert "latest date named: \u201cthis week\u201d (a)" in spec["title"]["subtitle"][0]


@pytest.fixture
def events_csv(tmp_path):
    """One listed event: the takeover of Kabul, 15 August 2021, cue "took Kabul" or "takeover"."""
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,label,start,end,cues,dated_cues,source,source_url,note\n"
        "takeover,Takeover of Kabul,2021-08-15,2021-08-15,took Kabul|takeover|Kabul fell,,test,https://example.org,\n",
        encoding="utf-8",
    )
    return str(path)


def test_shared_events_facts(events_csv):
    corpus = tiny_corpus()
    corpus.sentences.loc[3, "text"] = "After the takeover, nothing was the same."  # c: undated mention
    values = params(events_path=events_csv)
    dates = timeline_ch.read_dates(corpus, values)
    events = timeline_ch.shared_events(corpus, dates, values)
    facts = events.facts
    # a (August 2021, "took Kabul"), b (August 2021, "Kabul fell") and c (undated "takeover") join it
    assert (
        facts["shared_events_summary"] == "1 event is named by two or more texts: Takeover of Kabul (3 texts)"
    )
    assert facts["n_undated_joined"] == "1 undated sentence"
    assert (facts["n_listed_events"], facts["n_listed_found"], facts["listed_not_found"]) == (
        "1 listed event",
        "1 listed event",
        "none",
    )
    # sentences with a date or an event: a0, a1 (this week, 1979), b0, c0 -> 4; events: takeover and a1's date
    assert (facts["n_event_sentences"], facts["n_events"]) == ("4 sentences", "2 events")
    assert events.shared["event_id"].tolist() == ["takeover"]
    assert events.chart.to_dict()["title"]["text"] == "Events named by two or more texts"


def test_every_glue_key_in_the_prose_is_a_fact(events_csv):
    # the notebook's markdown names each value it shows as {glue}`key`; each must come from a section's facts
    cells = json.loads((paths.ROOT / "chapters" / "timeline.ipynb").read_text(encoding="utf-8"))["cells"]
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    keys = set(re.findall(r"\{glue\}`([^`]+)`", prose))
    corpus = tiny_corpus()
    dates = timeline_ch.read_dates(corpus, params())
    events = timeline_ch.shared_events(corpus, dates, params(events_path=events_csv))
    assert keys and keys <= set(dates.facts) | set(events.facts), keys - set(dates.facts) - set(events.facts)


def test_anchor_dates_as_users_write_them(txt_corpus):
    # YAML reads an unquoted date as a date object; the parameter keeps the text (JSON-like values)
    for written in ("{one: 2025-01-01}", "one=2025-01-01", '{"one": "2025-01-01"}'):
        values = book_params.validate("timeline", {"corpus_dir": txt_corpus, "anchor_dates": written})
        assert values["anchor_dates"] == {"one": "2025-01-01"}, written


def test_relative_paths_are_read_from_the_current_folder(txt_corpus, monkeypatch, events_csv):
    # checks.input_path: a relative corpus_dir or events_path is read from the folder the command runs in
    monkeypatch.chdir(txt_corpus)
    assert timeline_ch.corpus_path(params(corpus_dir=".")) == Path(txt_corpus).resolve()
    monkeypatch.chdir(Path(events_csv).parent)
    assert timeline_ch.load_event_list(params(events_path="events.csv"))["event_id"].tolist() == ["takeover"]


def test_fact_check_notes_beside_quoted_sentences(events_csv):
    # a's first sentence is made to state a listed error (data/factchecks/factchecks.csv,
    # check bin_laden_captured); it opens the takeover event, so it is the event's example
    corpus = tiny_corpus()
    wrong = "The Taliban took Kabul in August 2021, after the capture of Osama bin Laden."
    corpus.sentences.loc[0, "text"] = wrong
    values = params(events_path=events_csv)
    dates = timeline_ch.read_dates(corpus, values)
    events = timeline_ch.shared_events(corpus, dates, values)
    killed = "killed, not captured"
    noted = events.sentences.set_index(["doc_id", "sent_index"])["fact_check"]
    assert killed in noted.loc[("a", 0)] and (noted.drop(("a", 0)) == "").all()
    assert events.sentences.loc[events.sentences["doc_id"] == "a", "sentence"].iloc[0] == wrong  # unchanged
    by_event = events.events.set_index("event_id")
    assert by_event.loc["takeover", "example"] == wrong and killed in by_event.loc["takeover", "fact_check"]
    assert (by_event.drop("takeover")["fact_check"] == "").all()
    mentions = dates.mentions.set_index(["doc_id", "sent_index"])["fact_check"]
    assert killed in mentions.loc[("a", 0)] and (dates.unresolved["fact_check"] == "").all()
