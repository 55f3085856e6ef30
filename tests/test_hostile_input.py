"""More bad input, one message each (issue 18): dictionaries that are not
dictionaries, pipeline output folders and schedulers that cannot be used,
very long sentences.  Expected messages are the wording of
analysis/methods/dictionary_schemas.py, analysis/corpus/userfiles.py and
analysis/scale/pipeline.py; every input is written here (no seeds).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from analysis.errors import ProjectError
from analysis.methods import actors, frames
from analysis.scale import pipeline

ACTORS_OK = {
    "sides": ["pakistan", "afghanistan"],
    "actors": [
        {"actor": "Pakistan (state)", "side": "pakistan", "forms": ["Pakistan"]},
        {"actor": "Kabul", "side": "afghanistan", "forms": ["Kabul"]},
    ],
}
FRAMES_OK = {
    "schemes": {"policy_frames": {"source": "x", "other": "other"}},
    "frames": [
        {"id": "economic", "scheme": "policy_frames", "label": "Economic", "keywords": ["trade*"]},
        {"id": "security", "scheme": "policy_frames", "label": "Security", "keywords": ["attack*"]},
    ],
}


def write_yaml(path: Path, data) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def spoil(data: dict, key: str, index: int, **fields) -> dict:
    """A copy of ``data`` with entry ``index`` of list ``key`` changed (None deletes a field)."""
    out = yaml.safe_load(yaml.safe_dump(data))
    for name, value in fields.items():
        if value is None:
            del out[key][index][name]
        else:
            out[key][index][name] = value
    return out


def message(load, path: Path) -> str:
    with pytest.raises(ProjectError) as err:
        load(path)
    return str(err.value)


# --------------------------------------------------------------------------
# Actor and frame dictionaries
# --------------------------------------------------------------------------


def test_good_fixture_dictionaries_load(tmp_path):
    # the two fixtures above are valid: 2 actors with 1 form each, 2 frames
    assert len(actors.load_actors(write_yaml(tmp_path / "a.yaml", ACTORS_OK)).actors) == 2
    assert len(frames.load_frames(write_yaml(tmp_path / "f.yaml", FRAMES_OK)).frames) == 2


def test_a_manifest_as_actor_dictionary(tmp_path):
    path = write_yaml(tmp_path / "manifest.yaml", {"schema_version": 1, "documents": [{"id": "a"}]})
    assert message(actors.load_actors, path) == (
        f"{path}: is not an actor dictionary, field (top level): expected a mapping with 'sides' "
        "and 'actors' (see data/actors/README.md), got fields schema_version, documents"
    )
    assert message(frames.load_frames, path) == (
        f"{path}: is not a frame dictionary, field (top level): expected a mapping with 'schemes' "
        "and 'frames' (see data/frames/README.md), got fields schema_version, documents"
    )


def test_a_csv_as_actor_dictionary(tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text("id,text\na,Pakistan closed Torkham.\n", encoding="utf-8")
    assert message(actors.load_actors, path) == (
        f"{path}: is not an actor dictionary, field (top level): expected a mapping with 'sides' "
        "and 'actors' (see data/actors/README.md), got plain text"
    )


def test_a_frame_dictionary_as_actor_dictionary(tmp_path):
    path = write_yaml(tmp_path / "f.yaml", FRAMES_OK)
    assert message(actors.load_actors, path).endswith("got fields schemes, frames")


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"forms": "Kabul"}, "actor #2 (Kabul), field actors[1].forms: expected a list, got 'Kabul'"),
        ({"forms": []}, "actor #2 (Kabul), field actors[1].forms: expected minItems 1, got list"),
        ({"forms": None}, "actor #2 (Kabul), field actors[1]: 'forms' is required, got dict"),
        ({"forms": [3]}, "actor #2 (Kabul), field actors[1].forms[0]: expected a string, got 3"),
        (
            {"side": "mars"},
            "actor #2 (Kabul), field actors[1].side: unknown side 'mars'; sides are pakistan, afghanistan",
        ),
        (
            {"sied": "pakistan"},
            "actor #2 (Kabul), field actors[1]: unknown field(s) ('sied' was unexpected), got dict",
        ),
    ],
)
def test_bad_actor_entry(tmp_path, fields, expected):
    path = write_yaml(tmp_path / "a.yaml", spoil(ACTORS_OK, "actors", 1, **fields))
    assert message(actors.load_actors, path) == f"{path}: {expected}"


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"keywords": None}, "frame #2 (security), field frames[1]: 'keywords' is required, got dict"),
        (
            {"keywords": "attack"},
            "frame #2 (security), field frames[1].keywords: expected a list, got 'attack'",
        ),
        (
            {"scheme": "mine"},
            "frame #2 (security), field frames[1].scheme: unknown scheme 'mine'; schemes are policy_frames",
        ),
        ({"label": None}, "frame #2 (security), field frames[1]: 'label' is required, got dict"),
    ],
)
def test_bad_frame_entry(tmp_path, fields, expected):
    path = write_yaml(tmp_path / "f.yaml", spoil(FRAMES_OK, "frames", 1, **fields))
    assert message(frames.load_frames, path) == f"{path}: {expected}"


def test_alias_in_a_dictionary_is_refused(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        "sides: [pakistan]\nactors:\n  - {actor: A, side: pakistan, forms: &f [A]}\n"
        "  - {actor: B, side: pakistan, forms: *f}\n",
        encoding="utf-8",
    )
    assert message(actors.load_actors, path) == (
        f"{path}: actor dictionary is not valid YAML (line 3): "
        "anchors and aliases (&name, *name) are not allowed; write each value out"
    )


def test_chapter_parameter_names_the_parameter(tmp_path):
    from analysis.chapters import framing
    from analysis.errors import ParameterError

    path = write_yaml(tmp_path / "manifest.yaml", {"documents": []})
    with pytest.raises(ParameterError) as err:
        framing._load_actors({"actors_path": str(path)})
    assert str(err.value).startswith(f"parameter 'actors_path': {path}: is not an actor dictionary")


# --------------------------------------------------------------------------
# The pipeline command line
# --------------------------------------------------------------------------


def test_pipeline_out_is_a_file(tmp_path, capsys):
    out = tmp_path / "result"
    out.write_text("not a folder", encoding="utf-8")
    # the corpus does not exist: the --out message proves --out is checked first
    assert pipeline.main([str(tmp_path / "no-corpus"), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out: {out} is an existing file; expected a folder for the result tables\n"
    )


def test_pipeline_out_under_a_file(tmp_path, capsys):
    parent = tmp_path / "result"
    parent.write_text("not a folder", encoding="utf-8")
    assert pipeline.main([str(tmp_path / "no-corpus"), "--out", str(parent / "sub")]) == 2
    assert (
        capsys.readouterr().err == f"error: --out: cannot make folder {parent / 'sub'}: {parent} is a file\n"
    )


def test_pipeline_unreachable_scheduler(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pipeline, "CONNECT_TIMEOUT", 1)
    start = time.monotonic()
    code = pipeline.main(
        [str(tmp_path / "no-corpus"), "--out", str(tmp_path / "o"), "--engine", "dask",
         "--scheduler", "tcp://127.0.0.1:9"]
    )  # fmt: skip
    elapsed = time.monotonic() - start
    assert code == 2
    assert capsys.readouterr().err == (
        "error: scheduler: no Dask scheduler answered at tcp://127.0.0.1:9 within 1 s; "
        "start one (dask scheduler) or check the address\n"
    )
    assert elapsed < 15  # Dask's own default would wait 30 s; 1 s + start-up here
    assert not (tmp_path / "o").exists()  # refused before any output


# --------------------------------------------------------------------------
# Very long sentences
# --------------------------------------------------------------------------


def test_a_long_line_is_cut_at_the_bound():
    from analysis.corpus import load, text

    # 1,000 numbered words, no full stop, a comma after word 350: Punkt sees one sentence
    words = [f"w{i}" + ("," if i == 350 else "") for i in range(1, 1001)]
    line = " ".join(words)
    sentences, tokens = load.split_body("long", line)
    pieces = [s["text"] for s in sentences]
    # first cut after the comma (within CUT_LOOKBACK = 100 tokens of the bound 400);
    # then 650 words left: one piece of exactly 400 (no punctuation), then 250
    assert [len(p.split()) for p in pieces] == [350, 400, 250]
    assert pieces[0].endswith("w350,") and pieces[1].startswith("w351 ")
    assert all(line[s["start"] : s["end"]] == s["text"] for s in sentences)  # spans point into the body
    assert [t["token"] for t in tokens] == [w.rstrip(",") for w in words]  # nothing lost or doubled
    assert text.MAX_SENTENCE_TOKENS == 400  # the bound README "Corpus input" states


def test_a_sentence_at_the_bound_is_kept_whole():
    from analysis.corpus import load

    line = " ".join(f"w{i}" for i in range(400)) + "."
    sentences, _ = load.split_body("edge", line)
    assert [s["text"] for s in sentences] == [line]


# --------------------------------------------------------------------------
# Texts not in English
# --------------------------------------------------------------------------


def test_a_persian_text_is_named_on_the_corpus_page(tmp_path):
    from analysis.chapters import corpus as corpus_ch
    from analysis.corpus.load import load_corpus

    folder = tmp_path / "texts"
    folder.mkdir()
    # en: 8 word tokens, 4 of them stop words (the, was, by, the) -> 50%
    (folder / "en.txt").write_text("The border was closed by the army today.\n", encoding="utf-8")
    # fa: 5 word tokens in Persian script, none Latin, none English stop words -> 0%
    (folder / "fa.txt").write_text("مرز تورخم امروز بسته شد.\n", encoding="utf-8")
    note = corpus_ch.language(load_corpus(folder)).facts["language_note"]
    assert note == (
        "1 of 2 texts is probably not English prose: fa (English stop words are 0% of its word "
        "tokens, which are 0% in Latin letters; English prose has 40–55%, and under 20% is "
        "flagged). The sentiment lexicons (VADER, AFINN) and the stop-word list are English, so "
        "such a text scores near 0 and its word counts keep its function words; read its figures "
        "with care. In the other text, en, stop words make 50% of the word tokens."
    )
