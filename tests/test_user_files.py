"""Files a user writes, spoiled one way at a time: each gets one message that
names the file, the entry and the field (issue "Every bad input gets a
message").  Expected phrases are the wording of analysis/corpus/userfiles.py,
schemas.py and cleaning.py.

The corpus is a two-document fixture written here, not the project's seeds.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.book import params
from analysis.corpus import cleaning, manifest, sources
from analysis.errors import CorpusError, ParameterError

TEXTS = {
    "a.txt": "Pakistan closed the Torkham crossing on 12 October 2025.\n\nTrade stopped.\n",
    "b.txt": "NAV\nKabul said the border would reopen.\n",
}


def entry(doc_id: str, file: str, **extra) -> dict:
    data = TEXTS[file].encode()
    base = {
        "id": doc_id,
        "file": file,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": "t",
        "authors": ["x"],
        "outlet": "o",
        "outlet_country": "unknown",
        "date": "2025-10-13",
        "date_meaning": "publication",
        "year": 2025,
        "genre": "news",
        "identifier": "unknown",
        "perspective": "unknown",
    }
    base.update(extra)
    return base


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write(folder: Path, documents: list[dict] | None = None, text: str | None = None) -> Path:
    path = folder / "manifest.yaml"
    if text is None:
        text = yaml.safe_dump({"documents": documents}, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def refused(folder: Path) -> str:
    with pytest.raises(CorpusError) as info:
        manifest.load_documents(folder)
    return str(info.value)


def test_fixture_loads(corpus):
    write(corpus, [entry("a", "a.txt"), entry("b", "b.txt")])
    assert [d.id for d in manifest.load_documents(corpus)] == ["a", "b"]


@pytest.mark.parametrize(
    ("change", "phrases"),
    [
        ({"cleaning": ["cuts"]}, ["document #2 (b), field documents[1].cleaning: expected a mapping"]),
        (
            {"cleaning": {"cuts": [{"kind": "nav", "regex": 5}]}},
            ["document #2 (b), field documents[1].cleaning.cuts[0].regex: expected a string, got 5"],
        ),
        (
            {"cleaning": {"cuts": [{"kind": "nav", "regex": "(unclosed"}]}},
            ["document #2 (b), field cleaning.cuts[0].regex: does not compile"],
        ),
        (
            {"cleaning": {"references": {"item_regex": "^- (.+)$"}}},
            ["field documents[1].cleaning.references: 'start' is required"],
        ),
        ({"cleaning": {"cuts": [{"kind": "nav"}]}}, ["field documents[1].cleaning.cuts[0]"]),
        ({"date": "13 October 2025"}, ["field date: expected YYYY-MM-DD, YYYY-MM, YYYY or unknown"]),
        ({"date": "2025-02-30"}, ["field date: not a calendar date: day is out of range for month"]),
        ({"year": 3000, "date": "unknown"}, ["field year: expected a year between 1000 and 2999, got 3000"]),
        ({"year": -5, "date": "unknown"}, ["field year: expected a year between 1000 and 2999, got -5"]),
        ({"year": 2024}, ["field year: 2024 disagrees with date '2025-10-13'"]),
        ({"id": "bad id"}, ["field documents[1].id: expected text matching"]),
        ({"sha256": "abc"}, ["field documents[1].sha256"]),
    ],
)
def test_bad_manifest_entry_names_file_entry_and_field(corpus, change, phrases):
    path = write(corpus, [entry("a", "a.txt"), entry("b", "b.txt", **change)])
    message = refused(corpus)
    assert message.startswith(str(path)), message
    for phrase in phrases:
        assert phrase in message, message


def test_unquoted_impossible_date_is_a_message_not_a_yaml_crash(corpus):
    text = yaml.safe_dump({"documents": [entry("a", "a.txt")]}, sort_keys=False)
    text = text.replace("date: '2025-10-13'", "date: 2025-02-30")
    assert "date: 2025-02-30" in text  # unquoted: PyYAML's own loader raises ValueError here
    write(corpus, text=text)
    assert "field date: not a calendar date" in refused(corpus)


def test_yaml_anchors_and_aliases_are_refused(corpus):
    text = yaml.safe_dump({"documents": [entry("a", "a.txt")]}, sort_keys=False)
    text = text.replace("authors:\n", "authors: &people\n", 1) + "extra: *people\n"
    write(corpus, text=text)
    assert "anchors and aliases (&name, *name) are not allowed" in refused(corpus)


def test_catastrophic_regex_is_stopped_with_document_and_rule(monkeypatch):
    monkeypatch.setattr(cleaning, "REGEX_TIMEOUT", 1e-9)  # any real search exceeds it
    with pytest.raises(CorpusError, match=r"document 'd': cleaning rule #1 regex .* took over"):
        cleaning.find_cuts("a" * 200_000 + "!", [{"kind": "x", "regex": "(a+)+$"}], "d")


def test_text_folder_refuses_a_link_to_a_file_outside(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "one.txt").write_text("Pakistan and Afghanistan.\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the corpus\n", encoding="utf-8")
    os.symlink(secret, folder / "two.txt")
    with pytest.raises(CorpusError, match="is a link to a file outside"):
        sources.load_documents(folder)


def test_table_bytes_are_decoded_and_unknown_is_a_real_id(tmp_path):
    table = pd.DataFrame({"id": ["unknown", "b"], "text": ["Peshawar – Kabul.".encode(), "Trade."]})
    path = tmp_path / "docs.parquet"
    table.to_parquet(path)
    docs = sources.load_documents(path)
    assert [d.id for d in docs] == ["unknown", "b"]
    assert docs[0].raw == "Peshawar – Kabul."  # decoded, not "b'Peshawar \\xe2\\x80\\x93 ..."


def test_table_bytes_that_are_not_utf8_are_refused(tmp_path):
    path = tmp_path / "docs.parquet"
    pd.DataFrame({"id": ["a"], "text": [b"caf\xe9"]}).to_parquet(path)
    with pytest.raises(CorpusError, match="text of document 'a' \\(row 1\\) is bytes that are not UTF-8"):
        sources.load_documents(path)


@pytest.mark.parametrize(
    ("make", "phrase"),
    [
        (lambda p: p.write_bytes(b"corpus:\n  excerpt_chars: \xff\n"), "parameters file is not UTF-8 text"),
        (lambda p: p.mkdir(), "is a folder; expected the parameters file"),
        (lambda p: p.write_text("corpus: &a {excerpt_chars: 3}\nwords: *a\n"), "anchors and aliases"),
    ],
)
def test_bad_parameters_file(tmp_path, make, phrase):
    path = tmp_path / "params.yaml"
    make(path)
    with pytest.raises(ParameterError, match=phrase):
        params.load_params_file(path)
