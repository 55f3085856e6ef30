"""The PDF edition: the built HTML book printed by Chromium, in reading order.

``make pdf`` (``python -m analysis pdf``) writes
``<build>/pdf/<name>-<version>.pdf``:

1. a title page (title, version, release date and build date, how to cite,
   licence), written from ``CITATION.cff`` and ``pyproject.toml``;
2. every page of ``_toc.yml`` in order, printed from the book served on
   127.0.0.1 with the print stylesheet (``_static/print.css``: no sidebars
   or buttons, full-width text, tables that wrap to the page).  Each page is
   printed only after its charts are drawn (SVG, so they stay vector
   graphics) and its formulas typeset;
3. the pieces merged with pypdf, with one bookmark per page of the book and
   a page number (``page N of M``) stamped at the foot of every page but the
   title page (the stamps are a second small PDF that Chromium prints).
"""

from __future__ import annotations

import html
import io
import time
from pathlib import Path

from analysis import paths
from analysis.book import browser, pages, provenance, toc
from analysis.errors import BuildError

#: Paper and margins of every printed page (the foot margin holds the page number).
PAPER = {"format": "A4", "margin": {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}}


#: Folds a reader would open to read the page print open (not the provenance note).
OPEN_FOLDS = """() => document.querySelectorAll('details:not(.pa-provenance):not(.above-input)')
    .forEach(d => { d.open = true; })"""


def pdf_path(build: Path | None = None) -> Path:
    """``<build>/pdf/<name>-<version>.pdf``."""
    from analysis.book.release import project_name

    build = Path(build or paths.build_dir())
    return build / "pdf" / f"{project_name()}-{provenance.project_version()}.pdf"


def title_page_html(cff: dict, built: str) -> str:
    """The title page as a standalone HTML document (every value escaped)."""
    esc = html.escape
    released = esc(str(cff.get("date-released", "not released")))
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "body{font-family:sans-serif;margin:0;padding:30mm 10mm;color:#222}"
        "h1{font-size:26pt;line-height:1.2;margin:0 0 8mm}"
        ".meta{font-size:12pt;margin:0 0 14mm}.cite{font-size:10.5pt;border-left:3px solid #888;padding-left:4mm}"
        "pre{white-space:pre-wrap;font-size:9pt}</style></head><body>"
        f"<h1>{esc(cff.get('title', ''))}</h1>"
        f"<p class='meta'>Version {esc(str(cff.get('version', '')))} · released {released} · "
        f"these pages built {esc(built)}</p>"
        f"<div class='cite'><p><strong>How to cite</strong></p><p>{esc(pages.citation_apa(cff))}</p>"
        f"<pre>{esc(pages.citation_bibtex(cff))}</pre></div>"
        f"<p>Code under the MIT licence; the project's own text under CC-BY-4.0; the texts analysed "
        f"belong to their publishers.</p></body></html>"
    )


def page_numbers_html(total: int, first: int) -> str:
    """``total - first + 1`` pages, each blank but for ``page N of M`` at its foot."""
    sheets = "".join(
        f"<div class='sheet'><span>page {n} of {total}</span></div>" for n in range(first, total + 1)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "@page{size:A4;margin:0}body{margin:0}"
        ".sheet{height:297mm;position:relative;page-break-after:always;overflow:hidden}"
        ".sheet span{position:absolute;bottom:8mm;width:100%;text-align:center;font:9pt sans-serif;color:#555}"
        f"</style></head><body>{sheets}</body></html>"
    )


def reading_order(html_dir: Path) -> list[tuple[str, Path]]:
    """(entry, html file) of every table-of-contents page, in order."""
    out = []
    for entry in toc.toc_entries():
        page = html_dir / f"{entry}.html"
        if not page.exists():
            raise BuildError(f"{page}: listed in _toc.yml but not in the built book; run `make book` first")
        out.append((entry, page))
    return out


def _print(page, url: str) -> bytes:
    page.goto(url, wait_until="load")
    page.wait_for_function(browser.CHARTS_DRAWN, timeout=browser.RENDER_TIMEOUT_MS)
    page.wait_for_function(browser.MATH_TYPESET, timeout=browser.RENDER_TIMEOUT_MS)
    page.evaluate(OPEN_FOLDS)
    page.emulate_media(media="print")
    return page.pdf(print_background=True, **PAPER)


def make_pdf(build: Path | None = None, log=print) -> Path:
    """Print the built book to ``pdf_path(build)``; return the path."""
    from pypdf import PdfReader, PdfWriter

    build = Path(build or paths.build_dir())
    html_dir = (build / "html").resolve()
    if not (html_dir / "index.html").exists():
        raise BuildError(f"no built book in {build} (expected html/index.html): run `make book` first")
    order = reading_order(html_dir)
    cff = pages.load_citation()
    built = time.strftime("%Y-%m-%d", time.gmtime((html_dir / "index.html").stat().st_mtime))
    writer = PdfWriter()
    with browser.chromium() as chrome, browser.serve(html_dir) as base:
        context = chrome.new_context(service_workers="block")
        context.route("**/*", browser.loopback_only)
        page = context.new_page()
        page.set_content(title_page_html(cff, built))
        writer.append(PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))))
        for entry, file in order:
            start = len(writer.pages)
            writer.append(
                PdfReader(io.BytesIO(_print(page, f"{base}/{file.relative_to(html_dir).as_posix()}")))
            )
            title = page.title().split(" — ")[0].split(" | ")[0].strip() or entry
            writer.add_outline_item(title, start)
            log(f"  pdf: {entry} ({len(writer.pages) - start} pages)")
        total = len(writer.pages)
        page.set_content(page_numbers_html(total, 2))
        numbers = PdfReader(io.BytesIO(page.pdf(format="A4", margin={"top": "0", "bottom": "0"})))
        context.close()
    for index in range(1, total):
        writer.pages[index].merge_page(numbers.pages[index - 1])
    writer.add_metadata(
        {
            "/Title": str(cff.get("title", "")),
            "/Subject": f"Version {cff.get('version', '')}",
            "/Creator": "make pdf",
        }
    )
    target = pdf_path(build)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".pdf.tmp")
    with open(tmp, "wb") as handle:
        writer.write(handle)
    tmp.replace(target)
    log(f"pdf: {target} ({total} pages)")
    return target
