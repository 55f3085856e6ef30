"""The page side of a chapter (analysis/book/report.py): tables for reading.

Expected values are counted by hand on the small frames built here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.book import report


@pytest.fixture
def chapter(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(report, "display", lambda obj: shown.append(getattr(obj, "data", obj)))
    ch = object.__new__(report.Chapter)
    ch.name, ch.params, ch.tables_dir = "demo", {}, tmp_path
    ch._tables = ch._figures = 0
    ch._names, ch._dictionary, ch._doc_labels = set(), [], {"d1": "Outlet A, 2025"}
    ch.shown = shown
    return ch


def test_table_shows_readers_labels_and_keeps_machine_names_in_csv(chapter, tmp_path):
    df = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "count_target": [3, 4], "agent_side": ["third_party", "pakistan"]}
    )
    chapter.table(df, "demo_table", "A caption.")
    page = chapter.shown[-1]
    assert "<th>document</th>" in page and "<th>count in the text or group</th>" in page
    assert "Outlet A, 2025" in page and ">d2<" in page  # a document without a label keeps its id
    assert "Third parties" in page and "third_party" not in page
    assert (tmp_path / "demo_table.csv").read_text().splitlines()[0] == "doc_id,count_target,agent_side"
    assert chapter._dictionary[1] == {
        "table": "demo_table",
        "column": "count_target",
        "label": "count in the text or group",
    }


def test_long_table_is_folded_after_25_rows(chapter):
    chapter.table(pd.DataFrame({"n": range(40)}), "long", "Forty rows.")
    page = chapter.shown[-1]
    visible, folded = page.split('<details class="pa-fold">')
    assert visible.count("<td>") == 25  # the first 25 rows
    assert "Show all 40 rows" in folded and folded.count("<td>") == 15


def test_very_long_table_points_to_the_csv(chapter):
    chapter.table(pd.DataFrame({"n": range(report.FOLD_MAX + 1)}), "huge", "Many rows.")
    page = chapter.shown[-1]
    assert "pa-fold" not in page and f"First 25 of {report.FOLD_MAX + 1:,} rows" in page


def test_formula_cells_escaped_in_csv(chapter, tmp_path):
    chapter.table(pd.DataFrame({"text": ["=HYPERLINK(x)", "fine"], "v": [-1.5, 2.0]}), "f", "Formulas.")
    lines = (tmp_path / "f.csv").read_text().splitlines()
    assert lines[1] == "'=HYPERLINK(x),-1.5" and lines[2] == "fine,2.0"


def test_side_keys_in_pair_and_edge_columns_shown_by_name(chapter, tmp_path):
    # side_a/agent hold side keys (labels.SIDE_COLUMNS); "Kabul" is not a key and stays as it is
    df = pd.DataFrame({"side_a": ["pakistan", "Kabul"], "agent": ["militant", "third_party"]})
    chapter.table(df, "pairs", "Pairs.")
    page = chapter.shown[-1]
    assert "Pakistan" in page and "Militant groups" in page and "Third parties" in page
    assert ">Kabul<" in page and "third_party" not in page
    assert (tmp_path / "pairs.csv").read_text().splitlines()[1] == "pakistan,militant"
