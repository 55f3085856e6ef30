"""Grouping dated sentences into events: hand-made sentences and event lists made here
(expected groups worked out by hand), the curated list's checks, and the seeds' known value."""

from datetime import date

import pandas as pd
import pytest

from analysis.corpus.load import load_corpus
from analysis.errors import ProjectError
from analysis.methods import actors
from analysis.methods import events as ev
from analysis.methods import timeline as tl

#: The five published seeds (tests/test_manifest.py pins their checksums).
SEED_IDS = ["tariq2026", "hashemite2025", "bonesh2023", "aljazeera2024", "humnews2025"]

EVENTS_CSV = """\
event_id,label,start,end,cues,dated_cues,source,source_url,note
takeover,Takeover of Kabul,2021-08-15,2021-08-15,takeover of Kabul|seized power,,test,http://example.org/a,
clashes,Border clashes,2025-10-11,2025-10-19,,clashes|fighting,test,http://example.org/b,
closure,Border closure,2025-10-12,open,,closed|suspended,test,http://example.org/c,
"""


@pytest.fixture
def catalogue(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_CSV, encoding="utf-8")
    return ev.load_events(path)


def assign(texts, catalogue, doc_dates=None, actor_mentions=None):
    """texts: {(doc_id, sent_index): sentence}; dates resolved against doc_dates."""
    sentences = pd.DataFrame([{"doc_id": d, "sent_index": i, "text": t} for (d, i), t in texts.items()])
    doc_dates = doc_dates or {}
    dates = tl.extract_dates(sentences, doc_dates)
    return ev.assign_events(sentences, dates, catalogue, ev.load_event_words(), actor_mentions, doc_dates)


def test_dated_and_undated_mentions_join_a_listed_event(catalogue):
    a = assign(
        {
            ("a", 0): "When the Taliban seized power in August 2021, Pakistan cheered.",
            ("b", 0): "After the takeover of Kabul, relations soured.",  # no date: joins by cue words
            (
                "c",
                0,
            ): "The takeover of Kabul in 1996 is another story.",  # a date outside the span: not joined
        },
        catalogue,
    ).set_index("doc_id")
    assert a.at["a", "event_id"] == "takeover" and a.at["a", "dated_by"] == "August 2021"
    assert (a.at["b", "event_id"], a.at["b", "start"], a.at["b", "dated_by"]) == (
        "takeover",
        "2021-08-15",
        "event list",
    )
    assert a.at["b", "joined_by"] == ev.JOINED_BY["undated"]
    assert a.at["c", "event_id"] != "takeover" and not a.at["c", "listed"]
    s = ev.summarise_events(
        assign(
            {("a", 0): "They seized power in August 2021.", ("b", 0): "The takeover of Kabul."}, catalogue
        ),
        catalogue,
    )
    # two texts name the takeover (one dated, one not): one shared event
    assert s.iloc[0][["event_id", "n_documents", "n_sentences", "undated"]].tolist() == ["takeover", 2, 2, 1]


def test_generic_cues_need_a_precise_date_inside_the_span(catalogue):
    a = assign(
        {
            ("a", 0): "Clashes broke out in October 2025.",  # a month overlapping the span: joins
            ("b", 0): "Clashes were frequent in 2024.",  # a date outside the span
            ("c", 0): "Clashes went on from 2001 to 2025.",  # a 25-year span is an era, not the event
            ("d", 0): "There was fighting.",  # generic words and no date: never joins
        },
        catalogue,
    )
    assert a.set_index("doc_id").at["a", "event_id"] == "clashes"
    assert set(a.loc[a["listed"], "doc_id"]) == {"a"}
    assert "d" not in set(a["doc_id"])  # neither dated nor a listed event: not an event sentence


def test_an_open_ended_event_and_qualified_dates(catalogue):
    a = assign(
        {
            ("a", 0): "The border stayed closed on 3 January 2026.",  # after the start of an open event
            ("b", 0): "Trade has been suspended since 12 October 2025.",  # "since" the start: meets it
            ("c", 0): "Trade was suspended until 2024.",  # up to the end of 2024: before the closure
        },
        catalogue,
    ).set_index("doc_id")
    assert a.at["a", "event_id"] == a.at["b", "event_id"] == "closure"
    assert not a.at["c", "listed"]
    s = ev.summarise_events(a.reset_index(), catalogue).set_index("event_id")
    assert s.at["closure", "event_date"] == "from 2025-10-12 (end open)"


def test_an_undated_mention_does_not_join_an_event_after_its_document(catalogue):
    texts = {("old", 0): "The takeover of Kabul changed everything."}
    assert assign(texts, catalogue, doc_dates={"old": date(2020, 5, 1)}).empty
    assert assign(texts, catalogue, doc_dates={"old": date(2023, 5, 1)})["event_id"].tolist() == ["takeover"]


def test_one_date_per_sentence_the_narrowest(catalogue):
    (row,) = assign(
        {("a", 0): "Trade grew from 2020 to 2024, and in March 2022 it peaked."}, catalogue
    ).itertuples()
    # March 2022 (31 days) is narrower than 2020-2024: it dates the sentence; the range is kept as another date
    assert (row.start, row.end, row.dated_by, row.other_dates) == (
        "2022-03-01",
        "2022-03-31",
        "March 2022",
        "from 2020 to 2024",
    )


def test_unlisted_events_need_the_same_date_and_a_shared_word(catalogue):
    a = assign(
        {
            ("a", 0): "In 2011 US forces killed a leader.",
            ("b", 0): "In 2011 a commander was killed by a drone.",  # same year, shared kind "killing"
            ("c", 0): "In 2011 an admiral spoke about spies.",  # same year, no shared word: apart
            ("d", 0): "In August 2011 a leader was killed.",  # a month is not the same date as a year
        },
        catalogue,
    ).set_index("doc_id")
    assert a.at["a", "event_id"] == a.at["b", "event_id"]
    assert a.at["a", "joined_by"] == ev.JOINED_BY["linked"] and a.at["a", "shared_words"] == "killing"
    assert a.at["c", "event_id"] != a.at["a", "event_id"] and a.at["c", "joined_by"] == ev.JOINED_BY["alone"]
    assert a.at["d", "event_id"] != a.at["a", "event_id"]


def test_only_distinctive_actors_link_sentences(catalogue):
    texts = {("a", 0): "In 2019 Alpha spoke.", ("b", 0): "In 2019 Alpha wrote."}
    texts.update({("f", i): f"Filler sentence {i}." for i in range(20)})
    mentions = pd.DataFrame({"doc_id": ["a", "b"], "sent_index": [0, 0], "actor": ["Alpha", "Alpha"]})
    # Alpha is named in 2 of 22 sentences (9%, at most DISTINCTIVE_SHARE = 10%): it links them
    a = assign(texts, catalogue, actor_mentions=mentions).set_index("doc_id")
    assert a.at["a", "event_id"] == a.at["b", "event_id"] and a.at["a", "shared_words"] == "Alpha"
    # in a corpus of those two sentences alone, Alpha is everywhere (100%): it tells nothing apart
    texts = {("a", 0): "In 2019 Alpha spoke.", ("b", 0): "In 2019 Alpha wrote."}
    a = assign(texts, catalogue, actor_mentions=mentions).set_index("doc_id")
    assert a.at["a", "event_id"] != a.at["b", "event_id"]


def test_same_date_needs_comparable_precision():
    d = date
    assert ev.same_date((d(2025, 10, 1), d(2025, 10, 31)), (d(2025, 10, 1), d(2025, 10, 31)))
    # 1990s vs 1996: overlap 1 year of 10 < MIN_OVERLAP
    assert not ev.same_date((d(1990, 1, 1), d(1999, 12, 31)), (d(1996, 1, 1), d(1996, 12, 31)))
    assert not ev.same_date((d(2011, 1, 1), d(2011, 12, 31)), (d(2012, 1, 1), d(2012, 12, 31)))


def test_event_list_is_checked(tmp_path):
    path = tmp_path / "events.csv"
    header = "event_id,label,start,end,cues,dated_cues,source,source_url,note\n"
    for body, message in [
        ("x,X,2021-13-01,,a,,s,u,\n", "start and end must be dates"),
        ("x,X,2021-02-01,2021-01-01,a,,s,u,\n", "is before start"),
        ("x,X,2021-01-01,,(unclosed,,s,u,\n", "not a valid regular expression"),
        ("x,X,2021-01-01,,,,s,u,\n", "give cues or dated_cues"),
        ("x,X,2021-01-01,,a,,s,u,\nx,Y,2021-01-01,,b,,s,u,\n", "listed twice"),
        ("x y,X,2021-01-01,,a,,s,u,\n", "must be letters, digits"),
    ]:
        path.write_text(header + body, encoding="utf-8")
        with pytest.raises(ProjectError, match=message):
            ev.load_events(path)
    path.write_text("event_id,label\nx,X\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="missing column"):
        ev.load_events(path)
    with pytest.raises(ProjectError, match="event list not found"):
        ev.load_events(tmp_path / "nope.csv")


def test_curated_list_loads_and_every_event_has_a_source():
    table = ev.load_events()
    assert table["source_url"].str.startswith("https://").all()
    assert table["source"].str.len().gt(0).all()


def test_seeds_august_2021_takeover_is_shared_by_at_least_four_texts():
    # issue 19: the takeover is named by tariq2026, bonesh2023 and aljazeera2024 with a date
    # ("August 2021", "the summer of 2021") and undated by hashemite2025 ("the Taliban's
    # takeover of Kabul") and humnews2025 ("the takeover of the Islamic Emirate")
    corpus = load_corpus(documents=SEED_IDS)
    anchors = tl.resolve_anchors(corpus.documents)
    anchor_of = dict(zip(anchors["doc_id"], anchors["anchor"]))
    dates = tl.extract_dates(corpus.sentences, anchor_of, inferred=set(anchors.doc_id[anchors.inferred]))
    catalogue = ev.load_events()
    named = actors.match_sentences(corpus.sentences, actors.load_actors())
    assigned = ev.assign_events(corpus.sentences, dates, catalogue, ev.load_event_words(), named, anchor_of)
    summary = ev.summarise_events(assigned, catalogue).set_index("event_id")
    takeover = summary.loc["taliban_takeover_2021"]
    assert takeover["n_documents"] >= 4
    assert {"hashemite2025", "bonesh2023", "aljazeera2024", "tariq2026"} <= set(
        takeover["documents"].split(", ")
    )
    # a sentence gets one date: no sentence appears twice
    assert not assigned.duplicated(["doc_id", "sent_index"]).any()
    # "2011" in two texts (bin Laden; Mullen on the ISI) is not one event
    y2011 = assigned[assigned["dated_by"] == "2011"]
    assert y2011.groupby("event_id")["doc_id"].nunique().max() == 1


def test_readme_lists_every_column():
    readme = (ev.paths.DATA / "events" / "README.md").read_text(encoding="utf-8")
    for column in ev.EVENT_COLUMNS:
        assert f"`{column}`" in readme, column
