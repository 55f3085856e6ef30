"""The framing chapter's module: parameter checks and the facts its prose glues.

Fast (no kernel): a corpus of a few hand-written sentences is loaded from a
temporary folder and the section functions run on it directly.  Expected
values are hand counts on those sentences, using the forms listed in
``data/actors/actors.yaml`` (quoted in the comments).
"""

from __future__ import annotations

import pytest

from analysis.book.params import notebook_for, read_defaults
from analysis.chapters import charts, framing
from analysis.corpus.load import load_corpus
from analysis.errors import ParameterError

# Two documents, five sentences.  Mentions by hand (forms of actors.yaml):
#   a s0: "Pakistan" (pakistan), "Afghanistan" (afghanistan), "TTP" (militant)
#   a s1: none
#   a s2: "Taliban" (afghanistan), "Pakistan" (pakistan)
#   b s0: "Kabul" (afghanistan), "Islamabad" (pakistan)
#   b s1: "UN" (third_party)
TEXTS = {
    "a": "Pakistan accused Afghanistan of harbouring the TTP. Trade across the border fell sharply. "
    "The Taliban said Pakistan must talk.",
    "b": "Kabul blamed Islamabad for the attacks. The UN urged calm.",
}


def write_txt_corpus(folder, texts=TEXTS):
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def defaults():
    return read_defaults(notebook_for("framing"))


@pytest.fixture(scope="module")
def data(tmp_path_factory, defaults):
    folder = write_txt_corpus(tmp_path_factory.mktemp("framing") / "texts")
    return framing.load(defaults, corpus=load_corpus(folder))


# -- check() -------------------------------------------------------------------


def test_defaults_pass(defaults):
    framing.check(defaults)  # raises on any bad value


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("min_mentions", 0, "parameter 'min_mentions' expects an integer >= 1, got 0"),
        ("min_mentions", -5, "parameter 'min_mentions' expects an integer >= 1, got -5"),
        ("max_listed", -1, "parameter 'max_listed' expects an integer >= 0, got -1"),
        ("small_gap_pp", -0.5, "parameter 'small_gap_pp' expects a number >= 0, got -0.5"),
        ("group_field", "body", "parameter 'group_field' expects one of 'id', "),
        ("group_field", "nonsense", "got 'nonsense'"),
        ("frame_scheme", "mine", "parameter 'frame_scheme' expects one of 'policy_frames', 'generic'"),
        ("lexicon", "liwc", "parameter 'lexicon' expects one of 'vader', 'afinn'"),
        ("sides", ["mars"], "parameter 'sides' expects a non-empty list of distinct sides"),
        ("sides", [], "parameter 'sides' expects a non-empty list"),
        ("sides", ["pakistan", "pakistan"], "parameter 'sides' expects a non-empty list of distinct"),
        ("documents", ["nosuchdoc"], "parameter 'documents': unknown document id(s) 'nosuchdoc'"),
        ("actors_path", "data/actors/none.yaml", "parameter 'actors_path': actor dictionary not found"),
        ("frames_path", "data/frames/none.yaml", "parameter 'frames_path': frame dictionary not found"),
        ("gold_path", "data/validation/none.csv", "parameter 'gold_path': file not found"),
    ],
)
def test_check_refuses(defaults, name, value, message):
    with pytest.raises(ParameterError) as err:
        framing.check({**defaults, name: value})
    assert message in str(err.value)


def test_gold_without_side_columns_is_refused(defaults, tmp_path):
    bad = tmp_path / "gold.csv"
    bad.write_text("doc_id,sent_index,pakistan\na,0,1\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="missing column.*afghanistan"):
        framing.check({**defaults, "gold_path": str(bad)})


# -- sections --------------------------------------------------------------------


def test_who_is_named_hand_counts(data):
    facts = framing.who_is_named(data).facts
    # 8 mentions (3 + 0 + 2 + 2 + 1 above) in 4 of the 5 sentences
    assert facts["n_mentions"] == "8"
    assert facts["n_sent_named"] == "4"
    assert facts["n_sents"] == "5"
    # pakistan 3 and afghanistan 3 mentions tie; the fixture has no bare "Haqqani"
    assert facts["top_side"] in ("Pakistan", "Afghanistan")
    assert facts["top_militant_doc"] == "a"  # the only TTP mention
    assert facts["unresolved_sentence"] == "No bare “Haqqani” mention had to be left unresolved."


def test_named_together_hand_counts(data):
    facts = framing.named_together(data).facts
    # pakistan+afghanistan: a s0, a s2, b s0; afghanistan+militant and pakistan+militant: a s0
    assert (facts["n_pak_afg"], facts["n_afg_mil"], facts["n_pak_mil"]) == ("3", "1", "1")


def test_responsibility_edges(data):
    section = framing.responsibility_section(data)
    pairs = set(zip(section.sentences["agent"], section.sentences["target"]))
    # "Pakistan accused Afghanistan", "Kabul blamed Islamabad": one edge each way
    assert {("pakistan", "afghanistan"), ("afghanistan", "pakistan")} <= pairs


def test_gap_size_wording():
    # threshold 5 points: |gap| < 5 is small (the chapter's reading convention)
    assert framing.gap_size(4.9, 5.0).startswith("a small gap")
    assert framing.gap_size(-5.0, 5.0).startswith("not a small gap")


# -- shared charts -----------------------------------------------------------------


def test_heat_map_is_one_builder_for_counts_and_shares(data):
    together = framing.named_together(data).chart.to_dict()
    framed = framing.frames_section(data).by_side.to_dict()
    assert [layer["mark"]["type"] for layer in together["layer"]] == ["rect", "text"]
    assert together["layer"][0]["encoding"]["color"]["scale"]["scheme"] == "blues"
    assert framed["layer"][0]["encoding"]["color"]["scale"]["scheme"] == "oranges"
    assert framed["layer"][1]["encoding"]["text"]["format"] == ".0%"


def test_side_colours_are_okabe_ito_and_distinct():
    # the eight Okabe & Ito (2008) colours, https://jfly.uni-koeln.de/color/
    palette = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"}
    colours = [charts.SIDE_COLOURS[s] for s in ("pakistan", "afghanistan", "militant", "third_party")]
    assert set(colours) <= palette and len(set(colours)) == 4
    scale = charts.side_scale(["militant", "pakistan"]).to_dict()
    assert scale == {"domain": ["militant", "pakistan"], "range": ["#D55E00", "#009E73"]}


def test_side_charts_use_the_fixed_colours(data):
    # every chart coloured by side maps each side to SIDE_COLOURS, whatever the order of `sides`
    for chart in (framing.who_is_named(data).chart, framing.compare_groups(data).rates_chart):
        scale = chart.to_dict()["encoding"]["color"]["scale"]
        assert scale["range"] == [charts.SIDE_COLOURS[s] for s in scale["domain"]]
        assert scale["domain"] == data.sides
    voice_scale = framing.voices_section(data).chart.to_dict()["encoding"]["color"]["scale"]
    assert voice_scale["domain"][-1] == "unresolved" and voice_scale["range"][-1] == "#999999"
