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


@pytest.mark.parametrize(("name", "path"), NOTEBOOKS, ids=[n for n, _ in NOTEBOOKS])
def test_papermill_reads_every_parameter_with_its_type(name, path, caplog):
    """``papermill --help-notebook`` shows each parameter with a type and its comment.

    papermill's parser needs ``name: type = value  # comment`` on one line,
    with no second ``=`` on the line (it warns "Unable to parse line").
    """
    from papermill.inspection import _infer_parameters
    from papermill.iorw import load_notebook_node

    nb = load_notebook_node(str(path))
    with caplog.at_level("WARNING", logger="papermill"):
        inferred = _infer_parameters(nb)
    assert [r.message for r in caplog.records] == []
    assert [p.name for p in inferred] == list(params.read_defaults(path))
    untyped = [p.name for p in inferred if p.inferred_type_name in ("None", "", None)]
    assert untyped == [], f"parameters without a type annotation: {untyped}"
    assert all(p.help for p in inferred), "every parameter has a comment"


@pytest.mark.parametrize(("name", "path"), NOTEBOOKS, ids=[n for n, _ in NOTEBOOKS])
def test_every_cell_has_its_own_id(name, path):
    """nbformat gives a cell with a missing or repeated id a random new one at each
    execution, so two builds of the same commit would differ (found by test_determinism)."""
    ids = [c.get("id") for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    assert all(ids) and len(set(ids)) == len(ids), f"{path.name}: missing or repeated cell ids"
