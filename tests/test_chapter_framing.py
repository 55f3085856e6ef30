"""The framing chapter's module: parameter checks and the facts its prose glues.

Fast (no kernel): a corpus of a few hand-written sentences is loaded from a
temporary folder and the section functions run on it directly.  Expected
values are hand counts on those sentences, using the forms listed in
``data/actors/actors.yaml`` (quoted in the comments).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml

from analysis.book.params import notebook_for, read_defaults
from analysis.chapters import charts, framing
from analysis.corpus.load import load_corpus
from analysis.errors import ParameterError
from analysis.methods import uncertainty

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
    # Pakistan and Afghanistan are each named in 3 of the 5 sentences (a s0, a s2, b s0): a tie,
    # so the leader (first in `sides`) is not clearly ahead
    assert facts["top_side_sentence"].startswith("The side named in the most sentences is Pakistan, in 60%")
    assert "not clearly more than the next, Afghanistan, at 60%" in facts["top_side_sentence"]
    # militant: a 1 of 3 sentences, b 0 of 2.  Wilson by hand: 1/3 -> 0.062-0.792; 0/2 -> 0-0.658
    assert facts["militant_sentence"] == (
        "The document that names militant groups in the largest share of its sentences is a: "
        "1 of 3, 33% (95% interval 6%–79%); that is not clearly more than the next, b, "
        "at 0% (95% interval 0%–66%): the intervals overlap, so there is no clear difference."
    )
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
    assert "unknown (not recorded) with 1 document" in groups.facts["group_sentence"]


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


# -- uncertainty and honest names (issue 15) ------------------------------------------


def test_side_shares_carry_wilson_intervals(data):
    shares = framing.who_is_named(data).shares
    corpus = shares[shares["doc_id"] == framing.ALL_DOCUMENTS].set_index("side")
    # third_party: "UN" in b s1 only -> 1 of 5 sentences
    row = corpus.loc["third_party"]
    assert (row["sentences"], row["of"]) == (1, 5)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(uncertainty.wilson_interval(1, 5))


def _profile(rows):
    """A side profile from (side, frame, carrying, sentences) rows, with intervals."""
    df = pd.DataFrame(rows, columns=["side", "frame", "carrying", "sentences"])
    df["share"] = df["carrying"] / df["sentences"]
    return framing.profile_intervals(df.drop(columns="carrying"), {"legal": "Legality", "econ": "Economic"})


def test_frame_gap_is_higher_only_when_intervals_separate():
    labels = {"legal": "Legality", "econ": "Economic"}
    # constructed: Legality 60 of 100 (Afghanistan) vs 20 of 100 (Pakistan): Wilson 0.50-0.69 and
    # 0.13-0.29 do not overlap; Economic 30 of 100 vs 35 of 100 (0.22-0.40, 0.26-0.45) overlap
    sp = _profile(
        [
            ("afghanistan", "legal", 60, 100),
            ("pakistan", "legal", 20, 100),
            ("afghanistan", "econ", 30, 100),
            ("pakistan", "econ", 35, 100),
        ]
    )
    text = framing.frame_gap_sentence(sp, labels, small_gap_pp=5.0, min_sentences=5)
    afghan, pakistan = text.split(" Among sentences naming Pakistan")
    assert "is Legality: 60 of 100 sentences" in afghan and "40.0 percentage points" in afghan
    assert afghan.endswith("the intervals do not overlap, so the share is clearly higher.")
    assert "Economic" in pakistan and "5.0 percentage points" in pakistan
    assert pakistan.endswith("the intervals overlap, so there is no clear difference.")


def test_frame_gap_needs_both_sides():
    sp = _profile([("pakistan", "legal", 2, 10)])
    text = framing.frame_gap_sentence(sp, {"legal": "Legality"}, 5.0, min_sentences=5)
    assert text.startswith("The frames of sentences naming Afghanistan and Pakistan are not compared")
    assert "Afghanistan is not shown or named in fewer than 5 sentences" in text


@pytest.mark.parametrize(
    ("forward", "reverse", "expected"),
    [
        # 10 against 3: Wilson for 10/13 is 0.497-0.918, which holds 0.5 -> no direction claimed
        (10, 3, "no clear direction"),
        # 20 against 2: Wilson for 20/22 is 0.722-0.975 -> a clear direction
        (20, 2, "pakistan → afghanistan"),
        # 1 against 9: 1/10 is 0.018-0.404 -> the reverse is clear
        (1, 9, "afghanistan → pakistan"),
        (0, 0, "no edge"),
    ],
)
def test_direction_only_when_the_interval_excludes_an_even_split(forward, reverse, expected):
    matrix = pd.DataFrame(
        {
            "agent": ["pakistan", "afghanistan"],
            "target": ["afghanistan", "pakistan"],
            "sentences": [forward, reverse],
        }
    )
    dirs = framing.directions(matrix, ["pakistan", "afghanistan"])
    assert dirs["direction"].tolist() == [expected]
    text = framing.direction_sentence(dirs)
    if expected == "no clear direction":
        assert text.endswith("an even split lies inside that interval, so there is no clear direction.")
    elif expected == "no edge":
        assert text.startswith("No sentence links two of the sides shown")
    else:
        leader = "Pakistan" if forward > reverse else "Afghanistan"
        assert text.endswith(f"so the direction is clear: {leader} is more often the agent.")


def test_groups_are_labelled_as_the_outlets_country(tmp_path, defaults):
    data = framing.load({**defaults, "corpus_dir": str(write_corpus(tmp_path, "manifest"))})
    groups = framing.compare_groups(data)
    assert groups.label == "outlet’s country"
    assert groups.rates_chart.to_dict()["encoding"]["x"]["title"] == "outlet’s country"
    assert groups.frames_chart.to_dict()["layer"][0]["encoding"]["x"]["title"] == "outlet’s country"
    # no wording that makes a group the voice of a side
    assert (
        "voice" not in groups.facts["group_sentence"] and "perspective" not in groups.facts["group_sentence"]
    )


def test_chapter_title_says_what_it_measures():
    import json

    cells = json.loads((framing.paths.CHAPTERS / "framing.ipynb").read_text(encoding="utf-8"))["cells"]
    assert "".join(cells[0]["source"]).startswith("# How each side is named and framed\n")


def test_tone_table_gives_the_negative_share_an_interval(data):
    # min_mentions 5 (the default) hides every cell of the 5-sentence fixture: no interval either
    assert framing.tone(data).table["ci_low"].isna().all()
    table = framing.tone(dataclasses.replace(data, params={**data.params, "min_mentions": 1})).table
    # Pakistan "with others": a s0, a s2, b s0 = 3 sentences (see TEXTS)
    row = table[(table["side"] == "pakistan") & (table["naming"] == "with others")].iloc[0]
    assert row["sentences"] == 3
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(uncertainty.wilson_interval(row["negative"], 3))


def test_tone_chart_marks_a_cell_with_too_few_sentences_not_a_zero_bar(data):
    # min_mentions 5 hides all 8 cells of the 5-sentence fixture (test above): no bar at all,
    # 8 hollow marks and 8 labels instead, and the caption says what they mean
    section = framing.tone(data)
    bars, marks, labels = section.chart.to_dict()["layer"]
    assert len(section.table) == 8 and section.table["mean_compound"].isna().all()
    assert marks["mark"]["filled"] is False and labels["encoding"]["text"] == {"value": "fewer than 5"}
    assert "fewer than 5" in section.caption and "not a mean of zero" in section.caption


def test_frame_profile_table_gives_each_share_with_its_interval():
    # hand-made profile: Economic 25% of 8 sentences naming pakistan; Wilson interval given
    profile = pd.DataFrame(
        {
            "side": ["pakistan", "militant", "pakistan"],
            "frame_label": ["Economic", "Economic", "Security"],
            "share": [0.25, float("nan"), 0.5],
            "ci_low": [0.1, float("nan"), 0.2],
            "ci_high": [0.5, float("nan"), 0.8],
        }
    )
    table = framing.profile_table(profile, "side", ["pakistan", "militant"], ["Security", "Economic"])
    # frames in the given order; militant has no share at all (too few sentences): no column
    assert table.columns.tolist() == ["frame", "pakistan"]
    assert table.values.tolist() == [["Security", "50% (20%–80%)"], ["Economic", "25% (10%–50%)"]]


def test_charts_name_sides_and_keep_the_keys_in_their_data(data):
    spec = json.dumps(framing.who_is_named(data).chart.to_dict())
    # the legend shows the display names of analysis.book.labels.SIDES; the data keep the keys
    assert "'third_party' ? 'Third parties'" in spec and '"side": "third_party"' in spec


# -- end to end (slow: one papermill run per input shape) ------------------------------


def _glued(notebook) -> dict:
    import json

    out = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            name = (output.get("metadata", {}).get("scrapbook") or {}).get("name")
            if name:
                out[name] = output["data"].get("application/papermill.record/text/plain")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["txt", "parquet"])
def test_papermill_runs_the_chapter_on_a_fixture_corpus(tmp_path, kind):
    import os
    import subprocess
    import sys

    corpus = write_corpus(tmp_path / "corpus", kind)
    out = tmp_path / "out.ipynb"
    env = dict(os.environ, PAKAFGHAN_TABLES_DIR=str(tmp_path / "tables"), PYTHONPATH=str(framing.paths.ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "papermill", str(framing.paths.CHAPTERS / "framing.ipynb"), str(out)]
        + ["-p", "corpus_dir", corpus.name, "-k", "python3", "--no-progress-bar"],
        cwd=corpus.parent,  # corpus_dir is relative to the folder papermill runs in
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    glued = _glued(out)
    # every glued value is filled, and the prose speaks of this corpus, not the seeds
    assert glued and all(glued.values()), [k for k, v in glued.items() if not v]
    assert glued["n_sents"] == "5"  # the hand count of TEXTS
    assert glued["validation_sentence"].startswith("No hand-coded sentence")
    assert (tmp_path / "tables" / "blame_directions.csv").exists()


def test_responsibility_sentences_carry_the_fact_check_note(tmp_path, defaults):
    # the first sentence states a listed error (data/factchecks/factchecks.csv, check
    # bin_laden_captured) and has an edge ("Pakistan accused Afghanistan"); the second has an edge
    # ("Kabul blamed Islamabad") and no listed error
    texts = {
        "f": "Pakistan accused Afghanistan of hiding militants after the capture of Osama bin Laden. "
        "Kabul blamed Islamabad for the attacks."
    }
    data = framing.load(defaults, corpus=load_corpus(write_txt_corpus(tmp_path / "t", texts)))
    listed = framing.responsibility_section(data).sentences.set_index("sent_index")
    assert "killed, not captured" in listed.loc[0, "fact_check"]
    assert listed.loc[1, "fact_check"] == ""
    assert listed.loc[0, "text"] == data.sentences.set_index("sent_index").loc[0, "text"]  # unchanged


def test_validity_figures_are_the_validity_chapters_and_say_when_settings_differ(defaults):
    # a stand-in for analysis.chapters.validity.scores output: each glued figure must be the one
    # of the key VALIDITY_FIGURES names, unchanged
    scored = SimpleNamespace(facts={name: f"figure {name}" for name in framing.VALIDITY_FIGURES.values()})
    section = framing.validity_figures(defaults, scored)
    assert {k: v for k, v in section.facts.items() if k != "val_settings"} == {
        key: f"figure {name}" for key, name in framing.VALIDITY_FIGURES.items()
    }
    assert section.pair_recall == "figure pairs_r"
    assert section.facts["val_settings"] == "This run uses the dictionaries and settings that were measured."
    generic = framing.validity_figures({**defaults, "frame_scheme": "generic"}, scored)
    assert generic.facts["val_settings"].startswith("This run changes frame_scheme from the measured")


def test_relations_by_class_counts_classes_apart_with_notes(tmp_path, defaults):
    # by hand (analysis/methods/responsibility.py rules, as in tests/test_chapter_validity.py):
    # s0 "Kabul blamed Islamabad": afghanistan -> pakistan, accuses;
    # s1 "Islamabad blamed Kabul and urged Kabul to act": pakistan -> afghanistan, accuses and
    # demands_or_warns; s1 also states a listed error (check bin_laden_captured)
    texts = {"r": "Kabul blamed Islamabad. Islamabad blamed Kabul and urged Kabul to act after the capture of "
             "Osama bin Laden."}  # fmt: skip
    data = framing.load(defaults, corpus=load_corpus(write_txt_corpus(tmp_path / "t", texts)))
    section = framing.relations_by_class(data, "0.75 (0.65–0.83)")
    assert section.facts["rel_n_relations"] == "3 relations"
    assert section.facts["rel_pair_recall"] == "0.75 (0.65–0.83)"
    classes = section.counts.groupby("relation")["relations"].sum().to_dict()
    assert classes == {"accuses": 2, "demands_or_warns": 1}  # not pooled into one direction
    # 1 each way (accuses) and 1 of 1 (demands): no Wilson interval excludes one half
    assert section.facts["rel_directions"] == "no pair and class has a clear direction"
    notes = section.relations.groupby("sent_index")["fact_check"].first()
    assert notes.loc[0] == "" and "killed, not captured" in notes.loc[1]
