"""The chapter notebooks as committed: sources only, one import style.

The build executes every chapter, so a committed output is stale by
definition (and would leak a run's paths and times into the repository).
"""

import json
import re

import pytest

from analysis.book import params

NOTEBOOKS = sorted(params.chapter_notebooks().items())


@pytest.mark.parametrize(("name", "path"), NOTEBOOKS, ids=[n for n, _ in NOTEBOOKS])
def test_committed_without_outputs(name, path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    dirty = [
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert dirty == [], f"{path.name}: code cells {dirty} carry outputs or execution counts"


@pytest.mark.parametrize(("name", "path"), NOTEBOOKS, ids=[n for n, _ in NOTEBOOKS])
def test_no_single_letter_import_alias(name, path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert re.findall(r"\bimport \S+ as [A-Za-z]\b", source) == []
