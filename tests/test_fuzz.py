"""Property-based tests (Hypothesis): whatever a user writes, the loaders and the
parameter parser either accept it or raise the project's own error, never
anything else, and within a time bound (Hypothesis's ``deadline``).
"""

from __future__ import annotations

import hashlib
import string

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.book import params
from analysis.corpus import manifest, schemas, sources
from analysis.errors import ProjectError

FUZZ = settings(
    max_examples=150,
    deadline=2000,  # ms per example: a loader that hangs fails the test
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a red CI is reproducible
)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True), st.text(max_size=30)
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(string.ascii_lowercase + "_", max_size=12), inner, max_size=4),
    ),
    max_leaves=12,
)
FIELDS = [*schemas.REQUIRED_FIELDS, "year", "cleaning"]


def good_entry(text: bytes) -> dict:
    return {
        "id": "doc",
        "file": "doc.txt",
        "sha256": hashlib.sha256(text).hexdigest(),
        "title": "t",
        "authors": ["a"],
        "outlet": "o",
        "outlet_country": "c",
        "date": "2025-01-02",
        "date_meaning": "m",
        "year": 2025,
        "genre": "news",
        "identifier": "unknown",
        "perspective": "unknown",
    }


@FUZZ
@given(field=st.sampled_from(FIELDS), value=values)
def test_manifest_entry_with_any_field_value(tmp_path_factory, field, value):
    folder = tmp_path_factory.mktemp("m")
    text = b"Pakistan and Afghanistan met in Doha.\n"
    (folder / "doc.txt").write_bytes(text)
    entry = good_entry(text)
    entry[field] = value
    (folder / "manifest.yaml").write_text(yaml.safe_dump({"documents": [entry]}), encoding="utf-8")
    try:
        manifest.load_documents(folder)
    except ProjectError:
        pass


@FUZZ
@given(raw=st.binary(max_size=400))
def test_manifest_file_of_any_bytes(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("b")
    (folder / "manifest.yaml").write_bytes(raw)
    with pytest.raises(ProjectError):  # no bytes of this size make a valid corpus (no text file exists)
        manifest.load_documents(folder)


DEFAULTS = {
    "top_n": 12,
    "ratio": 0.5,
    "stem": False,
    "terms": ["a"],
    "years": [2020, 2024],
    "groups": {"f": "x"},
    "name": "x",
}


@FUZZ
@given(name=st.sampled_from(sorted(DEFAULTS)), text=st.text(max_size=40))
def test_parameter_parser_on_any_command_line_text(name, text):
    try:
        params.coerce(name, params.parse_cli_value(text), DEFAULTS[name], "demo")
    except ProjectError:
        pass


@FUZZ
@given(
    ids=st.lists(
        st.one_of(st.text(max_size=8), st.integers(), st.none(), st.binary(max_size=6)),
        min_size=1,
        max_size=4,
    ),
    texts=st.lists(
        st.one_of(st.text(max_size=40), st.none(), st.binary(max_size=20)), min_size=4, max_size=4
    ),
    kind=st.sampled_from(["csv", "parquet"]),
)
def test_table_of_any_cells(tmp_path_factory, ids, texts, kind):
    table = pd.DataFrame(
        {"id": pd.Series(ids, dtype=object), "text": pd.Series(texts[: len(ids)], dtype=object)}
    )
    path = tmp_path_factory.mktemp("t") / f"docs.{kind}"
    try:
        if kind == "csv":
            table.to_csv(path, index=False)
        else:
            table.to_parquet(path)
    except Exception:  # pyarrow cannot store mixed types: not an input a user can make
        return
    try:
        docs = sources.load_documents(path)
    except ProjectError:
        return
    assert all(isinstance(d.raw, str) and d.raw.strip() for d in docs)
