"""The findings page's module: its parameter check, the confidence rules, and findings on fixtures.

The fixture corpus is written here: three texts of eight sentences.

* ``grim``: every sentence holds a strongly negative word ("killed",
  "violence", "war" ...) and names Afghanistan;
* ``calm`` and ``mild``: every sentence holds positive words ("peace",
  "praised", "happy" ...) and names no side.

The VADER compounds of the sentence kinds are pinned below (``score_text``
on each; e.g. "The attack killed ten people in Afghanistan." -0.8225, the
doctest value of its first six words plus a neutral place name).  From the
construction, by hand: the lowest mean is grim's, and its interval cannot
reach the others' (every grim sentence is below -0.6, every other above
+0.6), so "grim is the most negative text" is supported, and robust: the
other lexicon, stricter thresholds and leaving out calm or mild keep it.
"Afghanistan is the side named most" is supported (8 of 24 sentences name
it, none names another side) but fragile: without grim, no sentence names
a side at all.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.book import params as book_params
from analysis.chapters import findings as chapter
from analysis.errors import ParameterError
from analysis.methods import sentiment

DEFAULTS = book_params.read_defaults(book_params.notebook_for("findings"))

GRIM = [
    "The attack killed ten people in Afghanistan.",
    "The bombing in Afghanistan killed many soldiers.",
    "Terrible violence in Afghanistan destroyed the village.",
    "The war in Afghanistan brought death and misery.",
]
CALM = [
    "Peace talks resumed with good hope.",
    "Leaders praised the friendly agreement.",
    "People are happy and trade is growing.",
    "A wonderful festival brought joy.",
]


def _text(sentences: list[str], rounds: int = 2) -> str:
    # each sentence twice, the second time with a different number word so that no sentence repeats exactly
    out = []
    for r in range(rounds):
        out += [s.replace(".", f" in week {r + 1}.") for s in sentences]
    return " ".join(out) + "\n"


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("findings") / "texts"
    folder.mkdir()
    (folder / "grim.txt").write_text(_text(GRIM), encoding="utf-8")
    (folder / "calm.txt").write_text(_text(CALM), encoding="utf-8")
    (folder / "mild.txt").write_text(_text(CALM[::-1]), encoding="utf-8")
    return folder


def _params(folder, **changes) -> dict:
    return book_params.validate(
        "findings", {"corpus_dir": str(folder), "n_resamples": 500, **changes}, DEFAULTS
    )


@pytest.fixture(scope="module")
def run(fixture_dir):
    return chapter.prepare(_params(fixture_dir))


def _row(run, name: str) -> pd.Series:
    return run.matrix.set_index("finding").loc[name]


# -- the construction itself ----------------------------------------------------------------


def test_fixture_scores_are_as_constructed():
    # every grim sentence below -0.6 and every calm one above +0.6, in both lexicons (values by score_text)
    for lexicon in sentiment.LEXICONS:
        assert all(sentiment.score_text(s, lexicon) < -0.6 for s in GRIM)
        assert all(sentiment.score_text(s, lexicon) > 0.6 for s in CALM)


# -- a finding constructed to hold, one constructed to be fragile, one to fail --------------


def test_most_negative_text_holds_and_is_robust(run):
    result = run.results["lowest"]
    assert result.supported and result.key == "grim"
    assert result.sentence.startswith("grim is the most negative text")
    row = _row(run, "lowest")
    assert row["without grim"] == chapter.NOT_APPLICABLE  # the finding is about grim itself
    assert row["without calm"] == row["without mild"] == row["lexicon AFINN"] == chapter.HOLDS
    assert row["confidence"] == chapter.ROBUST


def test_side_named_most_is_fragile_without_the_text_that_names_it(run):
    result = run.results["named"]
    # hand count: 8 of the 24 sentences name Afghanistan, none names another side
    assert result.key == frozenset({"afghanistan"})
    assert "8 of 24" in result.sentence
    row = _row(run, "named")
    assert row["without grim"] == chapter.CHANGES
    assert row["without calm"] == chapter.HOLDS
    assert row["confidence"] == chapter.FRAGILE


def test_frame_gap_is_not_supported_without_pakistan(run):
    # no sentence names Pakistan, so the two state sides cannot be compared
    result = run.results["framed"]
    assert not result.supported
    assert "No sentence names Pakistan" in result.sentence
    assert _row(run, "framed")["confidence"] == chapter.NOT_SUPPORTED


def test_no_clear_lowest_when_texts_sound_alike(tmp_path):
    # two texts with the same kind of sentences: their intervals overlap, so no text is the most negative
    folder = tmp_path / "alike"
    folder.mkdir()
    (folder / "one.txt").write_text(_text(GRIM + CALM), encoding="utf-8")
    (folder / "two.txt").write_text(_text(CALM + GRIM), encoding="utf-8")
    run = chapter.prepare(_params(folder))
    assert not run.results["lowest"].supported
    assert run.results["lowest"].sentence.startswith("No text is clearly the most negative")
    assert _row(run, "lowest")["confidence"] == chapter.NOT_SUPPORTED


def test_trade_and_events_not_supported_without_figures_or_dates(run):
    # the fixture states no trade value and names no date
    for name in ("trade", "events"):
        assert not run.results[name].supported
        assert _row(run, name)["confidence"] == chapter.NOT_SUPPORTED


def test_page_rewrites_itself_for_fewer_documents(fixture_dir):
    # without grim there is no negative text: the tone finding and the side finding change wording
    run = chapter.prepare(_params(fixture_dir, documents=["calm", "mild"]))
    facts = chapter.findings_section(run).facts
    assert facts["n_docs"] == "2 texts"
    assert facts["named_sentence"] == "No sentence names any side of the dictionary."
    assert facts["tone_sentence"].startswith("No text clearly leans negative")
    assert "without grim" not in run.matrix.columns


def test_robustness_columns_are_the_variants_then_each_text(run):
    names = [v.name for v in run.variants]
    assert names[:4] == [
        "lexicon AFINN",
        "stop words: snowball list",
        "actor names not masked",
        "stricter thresholds",
    ]
    # a folder of .txt files is read in file-name order: calm, grim, mild
    assert run.base.doc_ids == ["calm", "grim", "mild"]
    left_out = [f"without {d}" for d in run.base.doc_ids]
    assert list(run.matrix.columns) == ["finding", *names, *left_out, "confidence"]


def test_variant_only_where_it_can_change_a_finding(run):
    # the lexicon changes sentence scores only: the trade check and the topics cannot depend on it
    assert _row(run, "trade")["lexicon AFINN"] == chapter.NOT_APPLICABLE
    assert _row(run, "topics")["lexicon AFINN"] == chapter.NOT_APPLICABLE
    assert _row(run, "topics")["stop words: snowball list"] in (chapter.HOLDS, chapter.CHANGES)


# -- rules of the confidence word (fast) ------------------------------------------------------


@pytest.mark.parametrize(
    ("supported", "verdicts", "word"),
    [
        (True, ["holds", "holds", "not applicable"], chapter.ROBUST),
        (True, ["holds", "changes"], chapter.FRAGILE),
        (True, ["changes", "not applicable"], chapter.FRAGILE),
        (False, ["holds", "holds"], chapter.NOT_SUPPORTED),
        (False, ["changes"], chapter.NOT_SUPPORTED),
        (True, ["not applicable"], chapter.UNTESTED),
        (True, [], chapter.UNTESTED),
    ],
)
def test_confidence_rules(supported, verdicts, word):
    # CONFIDENCE_RULES, in order: unsupported first, then any change, then nothing rechecked, else robust
    assert chapter.confidence(supported, verdicts) == word


def test_rules_table_lists_every_word_once():
    assert sorted(w for w, _ in chapter.CONFIDENCE_RULES) == sorted(
        [chapter.ROBUST, chapter.FRAGILE, chapter.NOT_SUPPORTED, chapter.UNTESTED]
    )


def test_verdict_compares_claim_and_support():
    a = chapter.Result("x", True, "", "")
    assert chapter.verdict(a, chapter.Result("x", True, "other words", "")) == chapter.HOLDS
    assert chapter.verdict(a, chapter.Result("y", True, "", "")) == chapter.CHANGES
    assert chapter.verdict(a, chapter.Result("x", False, "", "")) == chapter.CHANGES


# -- the corpus section -----------------------------------------------------------------------


def test_written_from_reads_the_first_clause_of_perspective():
    meta = {
        "a": {"perspective": "Pakistani news outlet (opinion column)"},
        "b": {"perspective": "independent analyst, republished by an Afghan diaspora site"},
        "c": {"perspective": "Afghan journalists in Kabul"},
    }
    # a opens with "Pakistani", c with "Afghan"; b names "Afghan" only after its first comma
    assert chapter.written_from(meta, ["a", "b", "c"]) == {"pakistan": ["a"], "afghanistan": ["c"]}


def test_limits_without_a_manifest(fixture_dir):
    # duplicate_similarity 1.0: word-for-word repeats only (the fixture's sentences
    # are near repeats of each other by design, which 0.9 would catch)
    facts = chapter.limits(chapter.prepare(_params(fixture_dir, duplicate_similarity=1.0))).facts
    assert facts["limits_sides"].startswith("The texts carry no perspective field")
    assert facts["limits_translation"] == "The manifest marks no text as machine-translated."
    assert facts["limits_repeats"].startswith(
        "No sentence repeats an earlier one of the same text."
    )  # the fixture varies every repeat


def test_exact_repeats_within_a_text():
    s = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "sent_index": [0, 1, 2, 0],
            "text": ["Trade fell.", "Talks resumed.", "TRADE fell!", "Trade fell."],
        }
    )
    # a's sentences 0 and 2 are the same words; b's copy is in another text and does not count
    assert chapter.repeats(s, 1.0)[["doc_id", "first", "second"]].values.tolist() == [["a", 0, 2]]


def test_snowball_list_is_the_project_list_without_part_2():
    project, snowball = chapter.stopword_list("project"), chapter.stopword_list("snowball")
    # "also" and "however" are project additions (data/stopwords/english.txt, Part 2); "the" is Snowball
    assert snowball < project
    assert "the" in snowball and "also" not in snowball and "however" in project - snowball


# -- parameters -------------------------------------------------------------------------------


BAD_VALUES = [
    ("lexicon", "bert", "parameter 'lexicon' expects one of 'vader', 'afinn', got 'bert'"),
    ("neg_threshold", 0.5, "parameter 'neg_threshold' expects a number below pos_threshold (0.05), got 0.5"),
    (
        "alt_neg_threshold",
        0.3,
        "parameter 'alt_neg_threshold' expects a number below alt_pos_threshold (0.25), got 0.3",
    ),
    ("n_resamples", 10, "parameter 'n_resamples' expects an integer >= 100, got 10"),
    ("seed", -1, "parameter 'seed' expects an integer >= 0, got -1"),
    ("stopwords", "nltk", "parameter 'stopwords' expects one of 'project', 'snowball', got 'nltk'"),
    ("duplicates", "merge", "parameter 'duplicates' expects one of 'keep', 'drop', got 'merge'"),
    (
        "timeline_granularity",
        "week",
        "parameter 'timeline_granularity' expects one of 'year', 'month', 'day', got 'week'",
    ),
    ("documents", ["nosuch"], "parameter 'documents': unknown document id(s) 'nosuch'"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_check_refuses(name, value, message):
    with pytest.raises(ParameterError) as err:
        chapter.check(dict(DEFAULTS, **{name: value}))
    assert str(err.value).startswith(message)


def test_defaults_pass():
    chapter.check(dict(DEFAULTS))


def test_every_glued_key_is_a_fact(run):
    # the prose may only glue what the module computes, and must not name a seed text
    cells = json.loads(book_params.notebook_for("findings").read_text(encoding="utf-8"))["cells"]
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    import re

    keys = set(re.findall(r"\{glue\}`([^`]+)`", prose))
    facts = {
        **chapter.findings_section(run).facts,
        **chapter.robustness_section(run).facts,
        **chapter.limits(run).facts,
    }
    assert keys - set(facts) == set()
    assert not re.search(r"tariq|hashemite|bonesh|aljazeera|humnews|Kabul", prose)


# -- the repeated-passages variant (analysis.methods.duplicates, the corpus chapter's detector) --


def test_duplicates_variant_drops_the_repeats(tmp_path):
    folder = tmp_path / "dup"
    folder.mkdir()
    # grim says each of its four sentences twice word for word: 4 repeats by construction
    (folder / "grim.txt").write_text(" ".join(GRIM + GRIM) + "\n", encoding="utf-8")
    (folder / "calm.txt").write_text(_text(CALM), encoding="utf-8")
    run = chapter.prepare(_params(folder, duplicate_similarity=1.0))  # word-for-word repeats only
    assert run.variants[-1].name == "repeated passages dropped"
    assert "repeated passages dropped" in run.matrix.columns
    dropped = chapter.reread(run.base, run.corpus, run.variants[-1].settings, run.dicts)
    assert dropped.dropped == 4 and len(dropped.sentences) == len(run.base.sentences) - 4
    assert chapter.limits(run).facts["limits_repeats"].startswith("Within a text, 4 sentences repeat")


def test_intervals_are_seeded(fixture_dir):
    # the same seed gives the same intervals (numpy's default_rng); the estimate strings carry them
    first = chapter.prepare(_params(fixture_dir, seed=7)).results["tone"].estimate
    again = chapter.prepare(_params(fixture_dir, seed=7)).results["tone"].estimate
    assert first == again and "95% interval" in first


def _edges(pairs):
    rows = [{"doc_id": "d", "sent_index": i, "agent": a, "target": b} for i, (a, b) in enumerate(pairs)]
    return SimpleNamespace(edges=pd.DataFrame(rows))


def test_blame_direction_only_when_the_interval_excludes_an_even_split():
    # 13 against 9: 59%, Wilson 95% interval about 39% to 76% (includes 50%): no direction
    even = chapter.blamed(_edges([("pakistan", "afghanistan")] * 13 + [("afghanistan", "pakistan")] * 9), {})
    assert "no direction is drawn" in even.sentence
    assert even.key == frozenset({("pakistan", "afghanistan"), ("afghanistan", "pakistan")})
    # 12 against 1: 92%, interval about 67% to 99%: a direction
    one_way = chapter.blamed(_edges([("pakistan", "afghanistan")] * 12 + [("afghanistan", "pakistan")]), {})
    assert "more often than the reverse" in one_way.sentence
    assert one_way.key == frozenset({("pakistan", "afghanistan")})


def test_robustness_chart_has_a_cell_per_finding_and_rerun(run):
    chart = chapter.robustness_chart(run)
    data = chart.data
    reruns = [c for c in run.matrix.columns if c not in ("finding", "confidence")]
    assert len(data) == len(run.matrix) * len(reruns)  # one cell each, none dropped
    assert set(data["verdict"]) <= set(chapter.VERDICT_COLOURS)
    assert set(data["mark"]) <= {"✓", "✗", "–"}  # the verdict is written in the cell, not only coloured
