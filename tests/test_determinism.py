"""Determinism: two clean builds give the same derived tables, chart specs
and pages.

Two builds run in their own, empty build folders (no cache), from the same
sources.  Byte-identical: every CSV table and every chart spec
(``*.vl.json``) under ``html/tables/``, and every HTML page once the two
values that legitimately change from run to run are blanked: the execution
time and the git commit in the provenance note at the end of each chapter,
and the seconds and finishing time of each chapter in the build record of
the Reproducibility page.  Also allowed to differ, and listed in the README's Reliability
section: ``searchindex.js`` (it indexes the provenance note's words),
``_sources/*.ipynb`` (the executed notebooks, with the same provenance
note) and ``.book-stamp`` (a digest of the staged sources).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from support import run_cli

pytestmark = pytest.mark.slow

#: Values that change between two runs of the same sources, with why.
VOLATILE = [
    # wall-clock time the chapter took (provenance note)
    re.compile(r"(execution time \(s\)</td><td><code>)[^<]*(</code>)"),
    # the commit the book was built from (differs when built from another commit,
    # and is "unknown" outside a git checkout)
    re.compile(r"(git commit</td><td><code>)[^<]*(</code>)"),
    # the build record on the Reproducibility page: seconds each chapter took and
    # when it finished (HTML table cells, or the Markdown table in _sources/)
    re.compile(
        r"()[0-9]+\.[0-9]+((?:</p></td>\s*<td><p>| \| ))"
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}"
    ),
]
#: Files that differ between runs because they carry the volatile values above.
ALLOWED_TO_DIFFER = ("searchindex.js", ".book-stamp", ".buildinfo")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def normalise(text: str) -> str:
    for pattern in VOLATILE:
        text = pattern.sub(r"\1…\2", text)
    return text


def _clean_build(root: Path, build: Path) -> Path:
    proc = run_cli(root, "build", "--build-dir", str(build))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "cached" not in proc.stdout  # a clean build: every chapter executed
    return build / "html"


# Both builds are made here, in empty folders, rather than reusing the
# session's book: other tests re-run chapters in that one, and an incremental
# Sphinx build legitimately differs from a clean one (it adds ``?v=`` cache
# busting to stylesheets that a first build has not written yet).
@pytest.fixture(scope="module")
def first_build(built_book, tmp_path_factory):
    return _clean_build(built_book.root, tmp_path_factory.mktemp("determinism") / "first")


@pytest.fixture(scope="module")
def second_build(built_book, tmp_path_factory):
    return _clean_build(built_book.root, tmp_path_factory.mktemp("determinism") / "second")


def test_tables_and_chart_specs_are_byte_identical(first_build, second_build):
    first = first_build / "tables"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert any(p.suffix == ".csv" for p in files) and any(p.name.endswith(".vl.json") for p in files)
    second_files = sorted(
        p.relative_to(second_build / "tables") for p in (second_build / "tables").rglob("*") if p.is_file()
    )
    assert files == second_files
    different = [str(p) for p in files if digest(first / p) != digest(second_build / "tables" / p)]
    assert different == [], f"derived files that differ between two clean builds: {different}"


def test_pages_differ_only_in_execution_time_and_commit(first_build, second_build):
    first = first_build.resolve()
    pages = sorted(
        p.relative_to(first) for p in first.rglob("*") if p.is_file() and p.name not in ALLOWED_TO_DIFFER
    )
    different = []
    for rel in pages:
        a, b = (first / rel).read_bytes(), (second_build / rel).read_bytes()
        if a == b:
            continue
        if rel.suffix in (".html", ".ipynb", ".md", ".js", ".txt") and normalise(
            a.decode("utf-8")
        ) == normalise(b.decode("utf-8")):
            continue
        different.append(str(rel))
    assert different == [], f"files that differ beyond execution time and commit: {different}"
