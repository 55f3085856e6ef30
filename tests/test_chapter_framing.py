"""The framing chapter's module: parameter checks and the facts its prose glues.

Fast (no kernel): a corpus of a few hand-written sentences is loaded from a
temporary folder and the section functions run on it directly.  Expected
values are hand counts on those sentences, using the forms listed in
``data/actors/actors.yaml`` (quoted in the comments).
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
import yaml

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


#: The outlet's country of each fixture document, for the corpus shapes that carry metadata.
COUNTRIES = {"a": "Pakistan", "b": "unknown"}


def write_corpus(folder, kind, texts=TEXTS, countries=COUNTRIES):
    """The fixture texts as one of the four inputs ``corpus_dir`` accepts; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "txt":
        return write_txt_corpus(folder / "texts", texts)
    if kind == "manifest":
        entries = []
        for doc_id, text in texts.items():
            data = (text + "\n").encode("utf-8")
            (folder / f"{doc_id}.txt").write_bytes(data)
            entry = dict.fromkeys(("title", "authors", "outlet", "date", "date_meaning", "genre"), "unknown")
            entry.update(identifier="unknown", perspective="unknown", outlet_country=countries[doc_id])
            entry.update(id=doc_id, file=f"{doc_id}.txt", sha256=hashlib.sha256(data).hexdigest())
            entries.append(entry)
        (folder / "manifest.yaml").write_text(yaml.safe_dump({"documents": entries}), encoding="utf-8")
        return folder
    table = pd.DataFrame(
        {"id": list(texts), "text": list(texts.values()), "outlet_country": [countries[d] for d in texts]}
    )
    table["outlet_country"] = table["outlet_country"].replace("unknown", None)  # a missing cell
    if kind == "csv":
        table.to_csv(folder / "docs.csv", index=False)
        return folder / "docs.csv"
    table.to_parquet(folder / "docs.parquet")
    return folder / "docs.parquet"


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
        ("actors_path", "data/actors/none.yaml", "parameter 'actors_path': not found: "),
        ("frames_path", "data/frames/none.yaml", "parameter 'frames_path': not found: "),
        ("gold_path", "data/validation/none.csv", "parameter 'gold_path': not found: "),
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
    assert facts["unresolved_sentence"].startswith("Every mention found belongs to a side")


def test_named_together_hand_counts(data):
    facts = framing.named_together(data).facts
    # pakistan+afghanistan: a s0, a s2, b s0; pakistan+militant and afghanistan+militant: a s0 only
    # (ties keep the order of `sides`); no sentence names third_party with another side
    assert facts["together_sentence"] == (
        "The pairs named together most often are Pakistan and Afghanistan (3 sentences), "
        "Pakistan and militant groups (1 sentence) and Afghanistan and militant groups (1 sentence); "
        "no other pair shares a sentence."
    )


def test_unresolved_mentions_are_named(tmp_path, defaults):
    # "Haqqani" alone is the dictionary's actor "Haqqani (ambiguous)", side null
    folder = write_txt_corpus(tmp_path / "t", {"h": "Haqqani met Pakistan officials."})
    facts = framing.who_is_named(framing.load(defaults, corpus=load_corpus(folder))).facts
    assert facts["unresolved_sentence"] == (
        "1 mention (“Haqqani”) names an actor the dictionary gives no side, so it counts for none."
    )


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


# -- any corpus (issue 13) ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["manifest", "txt", "csv", "parquet"])
def test_every_input_shape_gives_the_same_counts(tmp_path, defaults, kind):
    params = {**defaults, "corpus_dir": str(write_corpus(tmp_path, kind))}
    framing.check(params)
    data = framing.load(params)
    assert data.doc_order == ["a", "b"]
    # the hand counts of TEXTS (top of this file), whatever the input shape
    assert framing.who_is_named(data).facts["n_mentions"] == "8"
    assert framing.who_is_named(data).facts["n_sents"] == "5"


def test_documents_selects_from_the_given_corpus(tmp_path, defaults):
    params = {**defaults, "corpus_dir": str(write_corpus(tmp_path, "csv")), "documents": ["b"]}
    framing.check(params)
    # b alone: "Kabul", "Islamabad", "UN" = 3 mentions in 2 sentences
    assert framing.who_is_named(framing.load(params)).facts["n_mentions"] == "3"
    with pytest.raises(ParameterError, match="unknown document id.*'c'.*valid ids: a, b"):
        framing.check({**params, "documents": ["c"]})


def test_relative_paths_read_from_the_current_folder_then_the_root(tmp_path, defaults, monkeypatch):
    write_corpus(tmp_path, "csv")
    (tmp_path / "my_actors.yaml").write_text(
        (framing.paths.ROOT / defaults["actors_path"]).read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    # corpus_dir and actors_path relative to the current folder; frames_path and gold_path
    # (the project defaults, "data/...") found under the project root
    params = {**defaults, "corpus_dir": "docs.csv", "actors_path": "my_actors.yaml"}
    framing.check(params)
    assert framing.corpus_path(params) == tmp_path / "docs.csv"
    assert framing.load(params).dictionary.path == tmp_path / "my_actors.yaml"
    with pytest.raises(ParameterError) as err:
        framing.check({**params, "corpus_dir": "missing.csv"})
    # the message names the absolute paths it tried
    assert f"parameter 'corpus_dir': not found: {tmp_path / 'missing.csv'}" in str(err.value)


def test_unknown_country_is_its_own_group(tmp_path, defaults):
    data = framing.load({**defaults, "corpus_dir": str(write_corpus(tmp_path, "manifest"))})
    groups = framing.compare_groups(data)
    # a: Pakistan, b: unknown -> two groups, "unknown" not folded into another
    assert set(groups.rates_chart.data["outlet_country"]) == {"Pakistan", "unknown"}
    assert groups.facts["group_sentence"].startswith("The 2 documents fall into 2 groups by outlet’s country")
    assert "unknown (1 document, not recorded)" in groups.facts["group_sentence"]


def test_a_field_with_one_value_says_there_is_nothing_to_compare(data):
    # the .txt fixture records no metadata: every outlet_country is "unknown"
    facts = framing.compare_groups(data).facts
    assert facts["group_sentence"].startswith("The outlet’s country is not recorded for any document")


def test_validation_uses_only_sentences_of_this_corpus(data, defaults, tmp_path):
    # the fixture documents are not seeds: no hand-coded sentence applies
    checked = framing.validation(data)
    assert checked.facts["validation_sentence"].startswith("No hand-coded sentence is in the documents")
    # a gold row with the right id and position but other words is not used either
    gold = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "sent_index": [0, 1],
            "pakistan": [1, 0],
            "text": [TEXTS["a"][:51], "Other words."],
        }
    )
    kept = framing.gold_for_corpus(gold, data.sentences)
    assert kept["sent_index"].tolist() == [0]  # sentence 0 of a is "Pakistan accused ... the TTP."


def test_no_seed_id_in_the_chapter():
    # prose and defaults must hold for any corpus: no seed id may be written into the notebook
    seeds = yaml.safe_load((framing.paths.MANIFEST).read_text(encoding="utf-8"))["documents"]
    text = (framing.paths.CHAPTERS / "framing.ipynb").read_text(encoding="utf-8")
    assert [d["id"] for d in seeds if d["id"] in text] == []
