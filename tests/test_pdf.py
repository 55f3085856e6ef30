"""The PDF edition (``make pdf``): opens, holds every chapter and chart, says its version.

Expected values come from the built HTML book itself: the chapter titles
(each page's ``<h1>``), the number of charts and their captions ("Figure N.")
per chapter, and the version in ``pyproject.toml``.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from support import run_cli

from analysis.book import provenance, toc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf(built_book):
    proc = run_cli(built_book.root, "pdf", timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from pypdf import PdfReader

    path = next((built_book.build / "pdf").glob("*.pdf"))
    return path, PdfReader(path)


def _squash(text: str) -> str:
    """Text as a reader sees it: ligatures (ﬁ) unfolded (NFKC), soft hyphens dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).replace("\u00ad", "")).strip()


def test_pdf_is_named_by_version_and_opens(pdf):
    path, reader = pdf
    assert path.name.endswith(f"-{provenance.project_version()}.pdf")
    assert reader.metadata.title.startswith("The Pakistan")
    text = _squash(reader.pages[0].extract_text())
    assert f"Version {provenance.project_version()}" in text and "How to cite" in text


def test_every_page_of_the_book_in_reading_order(pdf, built_book):
    _, reader = pdf
    entries = toc.toc_entries(built_book.root / "_toc.yml")
    outline = [item.title for item in reader.outline]
    assert len(outline) == len(entries)  # one bookmark per page of the book
    assert len(reader.pages) >= len(entries) + 1  # a title page and at least a page each
    full = _squash(" ".join(p.extract_text() for p in reader.pages))
    position = 0
    for entry in entries:
        page = (built_book.html / f"{entry}.html").read_text(encoding="utf-8")
        title = _squash(
            re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)).replace("#", "")
        )
        found = full.find(title, position)
        assert found >= 0, f"{entry}: title {title!r} not found after the previous chapter"
        position = found


def test_every_chart_of_the_html_is_in_the_pdf(pdf, built_book):
    _, reader = pdf
    full = _squash(" ".join(p.extract_text() for p in reader.pages))
    charts = 0
    for page in sorted((built_book.html / "chapters").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        n = html.count('class="pa-chart"')
        charts += n
        for k in range(1, n + 1):
            assert f"Figure {k}." in full, f"{page.name}: caption of figure {k} missing from the PDF"
    assert charts > 0
    assert full.count("Figure ") >= charts


def test_page_numbers_on_every_page_but_the_title(pdf):
    _, reader = pdf
    total = len(reader.pages)
    for index in (1, total // 2, total - 1):
        assert f"page {index + 1} of {total}" in reader.pages[index].extract_text()
