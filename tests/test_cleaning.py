"""Cleaning rules: expected values are strings read in the seed files."""

import pytest

from analysis.corpus import cleaning
from analysis.corpus.load import load_corpus
from analysis.errors import CorpusError


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def body(corpus, doc_id):
    return corpus.body(doc_id)


def test_al_mayadeen_body_is_the_article_only(corpus):
    text = body(corpus, "bonesh2023")
    assert "re-domination of the Taliban" in text  # first sentence of the article
    assert "on the edge of tension" in text  # last sentence of the article
    for boilerplate in (
        "Yemeni Armed Forces",
        "BREAKING",
        "Related News",
        "Most Read",
        "More from this writer",
        "Wakhan Corridor",
        "Arts&Culture",
        "views expressed in this article",
        "All Rights Reserved",
    ):
        assert boilerplate not in text, boilerplate


def test_pull_quote_kept_once(corpus):
    # seed 002 repeats one paragraph as a pull quote twice; the body keeps it once.
    assert body(corpus, "bonesh2023").count("Despite some progress exerted by Islamabad") == 1


def test_afgazad_masthead_and_trailer_removed(corpus):
    text = body(corpus, "hashemite2025")
    assert text.startswith("After a long tenure of tense relations")
    assert "afgazad" not in text.lower()
    assert "More on this topic" not in text
    assert "banned in Russia" not in text
    assert not any("\u0600" <= ch <= "\u06ff" for ch in text)  # no Persian verse


def test_academic_front_matter_and_references_removed(corpus):
    text = body(corpus, "tariq2026")
    assert text.startswith("The 9/11 syndrome")
    assert "@" not in text  # no e-mail address
    assert "Received: 19 December 2025" not in text
    # No reference-list entry: the first words of each of the 11 entries.
    for entry in ("Ali, F. (2025", "Banerjee, S. (2025", "Iqbal, A. (2026", "Shakoor, S. S. (2025)"):
        assert entry not in text
    assert "<sup>" not in text and "**" not in text
    assert "37th UN Monitoring Team" in text  # 37<sup>th</sup> in the seed


def test_references_kept_as_a_table(corpus):
    refs = corpus.references[corpus.references.doc_id == "tariq2026"]
    assert len(refs) == 11  # corpus_facts.md: "a reference list (11 entries)"
    assert refs.reference.iloc[-1].startswith("Tariq, D. M., Khan, D. A., & Khan, D. B. (2020")


def test_page_breaks_rejoined(corpus):
    text = body(corpus, "tariq2026")
    # seed 000 breaks these sentences across blank lines
    assert "transformed Afghanistan into a center of internal repression" in text
    assert "Afghan government, Zabihullah Mujahid, states" in text
    assert "has recommended Afghanistan as a" in text


def test_cut_accounting_adds_up(corpus):
    # kept + every cut + markup = the raw file, for every document
    for row in corpus.documents.itertuples():
        removed = corpus.removed[corpus.removed.doc_id == row.id]["chars"].sum()
        assert row.chars_kept + removed == row.chars_raw


def test_strip_markup_hand_examples():
    assert (
        cleaning.strip_markup(r"costs \$1.6 **billion** in *de facto* terms")
        == "costs $1.6 billion in de facto terms"
    )
    assert cleaning.strip_markup("the 37<sup>th</sup> report") == "the 37th report"
    # tags outside the markup list are text, kept for escaped display
    assert cleaning.strip_markup("<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_missing_marker_is_an_error_naming_the_document():
    with pytest.raises(CorpusError, match="document 'x'.*'Nowhere'"):
        cleaning.find_cuts("some text", [{"kind": "nav", "from": "START", "to_before": "Nowhere"}], "x")


def test_overlapping_cuts_are_counted_once():
    raw = "AAAA BBBB CCCC"
    cuts = cleaning.find_cuts(
        raw, [{"kind": "one", "from": "AAAA", "to": "BBBB"}, {"kind": "two", "from": "BBBB", "to": "CCCC"}]
    )
    assert [(c.kind, c.text) for c in cuts] == [("one", "AAAA BBBB"), ("two", " CCCC")]
    assert sum(c.chars for c in cuts) == len(raw)


def test_in_text_citations_cut_from_the_academic_article(corpus):
    text = body(corpus, "tariq2026")
    assert "(Iqbal, 2026)" not in text and "(News A. , 2026)" not in text
    assert "Tehreek-i-Taliban (TTP)" in text  # an acronym in brackets stays
    assert "threats to regional and global security." in text  # "security (News, 2026)."
    cut = corpus.removed[(corpus.removed.doc_id == "tariq2026") & (corpus.removed.kind == "in-text citation")]
    # hand count with grep on seed 000: Iqbal 9, News 8, Banerjee 7, Shakoor 6, Joles 4,
    # ISSI 2, Ali 2, "News A." 2, and three single Tariq citations = 43
    assert len(cut) == 43


def test_regex_rule_that_matches_nothing_is_an_error():
    with pytest.raises(CorpusError, match="rule #1 regex .* matches nothing"):
        cleaning.find_cuts("no citations here", [{"kind": "cite", "regex": r"\(\w+, \d{4}\)"}], "x")
