"""Parameter reading and validation."""

import json

import pytest

from analysis import paths
from analysis.book import params
from analysis.errors import ParameterError


@pytest.fixture
def notebook(tmp_path):
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# T"]},
            {
                "cell_type": "code",
                "metadata": {"tags": ["parameters"]},
                "outputs": [],
                "execution_count": None,
                "source": [
                    "top_n = 20\n",
                    "ratio = 0.5\n",
                    "stem = False\n",
                    "terms = ['Taliban', 'TTP']\n",
                    "name = 'x'\n",
                ],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "demo.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_read_defaults(notebook):
    assert params.read_defaults(notebook) == {
        "top_n": 20,
        "ratio": 0.5,
        "stem": False,
        "terms": ["Taliban", "TTP"],
        "name": "x",
    }


def test_chapter_name_is_the_file_name(notebook):
    assert params.chapter_name(notebook) == "demo"


def test_unknown_parameter_lists_valid_ones(notebook):
    defaults = params.read_defaults(notebook)
    with pytest.raises(
        ParameterError, match="unknown parameter.*topn.*valid parameters: top_n, ratio, stem, terms, name"
    ):
        params.validate("demo", {"topn": 3}, defaults)


@pytest.mark.parametrize(
    "name, value, expected_type",
    [
        ("top_n", "many", "int"),
        ("top_n", 2.5, "int"),
        ("top_n", True, "int"),
        ("ratio", "half", "number"),
        ("stem", 1, "bool"),
        ("terms", True, "list of string"),  # a number would be read as one term, "3"
        ("name", 3, "string"),
    ],
)
def test_wrong_type_names_expected_type(notebook, name, value, expected_type):
    defaults = params.read_defaults(notebook)
    with pytest.raises(ParameterError, match=f"parameter '{name}' expects {expected_type}"):
        params.validate("demo", {name: value}, defaults)


def test_safe_conversions(notebook):
    defaults = params.read_defaults(notebook)
    out = params.validate(
        "demo", {"top_n": "5", "ratio": 1, "stem": "True", "terms": "Durand Line, ISKP"}, defaults
    )
    assert out["top_n"] == 5 and out["ratio"] == 1.0 and out["stem"] is True
    assert out["terms"] == ["Durand Line", "ISKP"]
    assert params.validate("demo", {"terms": "[a, b]"}, defaults)["terms"] == ["a", "b"]


def test_cli_values_parse_like_papermill():
    assert params.parse_cli_value("20") == 20
    assert params.parse_cli_value("0.5") == 0.5
    assert params.parse_cli_value("True") is True
    assert params.parse_cli_value("None") is None
    assert params.parse_cli_value("Durand Line") == "Durand Line"


def test_parameters_cell_must_be_literal(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {"tags": ["parameters"]},
                "outputs": [],
                "execution_count": None,
                "source": ["import os\n"],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(ParameterError, match="may only assign literal values"):
        params.read_defaults(path)


def test_every_chapter_has_a_valid_parameters_cell():
    for name, path in params.chapter_notebooks().items():
        assert params.read_defaults(path), name


def test_params_file(tmp_path):
    good = tmp_path / "alt.yaml"
    good.write_text("corpus:\n  documents: [tariq2026]\n")
    assert params.load_params_file(good)["corpus"]["documents"] == ["tariq2026"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("nochapter:\n  x: 1\n")
    with pytest.raises(ParameterError, match="unknown chapter 'nochapter'"):
        params.load_params_file(bad)


def test_relative_corpus_dir_resolves_where_the_command_runs(tmp_path, monkeypatch):
    # a .txt corpus in the user's own folder, named relatively: the kernel runs in
    # chapters/, so validate must hand it the absolute path the user meant
    (tmp_path / "mytexts").mkdir()
    (tmp_path / "mytexts" / "one.txt").write_text("Kabul and Islamabad talked.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    values = params.validate("corpus", {"corpus_dir": "mytexts"})
    assert values["corpus_dir"] == str(tmp_path / "mytexts")
    with pytest.raises(ParameterError, match=str(tmp_path / "nothere")):
        params.validate("corpus", {"corpus_dir": "nothere"})


def test_make_chapter_passes_params_and_runs_no_injected_command(tmp_path):
    # make's NAME and PARAMS reach the CLI as data: a PARAMS string starting with
    # "-p" is parsed as parameters, and a ";" in NAME is part of a (bad) name
    import subprocess

    marker = tmp_path / "PWNED"
    proc = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "chapter",
            f"NAME=corpus; touch {marker}",
            "PARAMS=-p excerpt_chars 0",
        ],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0 and not marker.exists()
    assert "unknown chapter 'corpus; touch" in proc.stderr
    proc = subprocess.run(
        ["make", "--no-print-directory", "chapter", "NAME=corpus", "PARAMS=-p excerpt_chars 0"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "parameter 'excerpt_chars' expects an integer >= 1, got 0" in proc.stderr
