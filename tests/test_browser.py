"""The built book in a real browser (headless Chromium), with no network.

The book is served on 127.0.0.1 and every request to any other host is
aborted and recorded.  On every page: each chart container (``.pa-chart``)
must hold a drawn SVG or canvas, the console must stay free of errors, no
dialog may open, and no request may leave loopback.  The book's search must
find a term the index page contains ("Taliban").  A screenshot of each
chapter is saved under ``<build>/screenshots/`` (or ``PAKAFGHAN_SCREENSHOT_DIR``).

A second book is built from a corpus with a hostile document (a
``<script>`` element and an ``<img onerror>`` in its title and text): the
page must show that markup as text, and no script may run.

Chromium comes from Debian (``make browser`` installs it; ``make test``
depends on that target).  Playwright drives it with
``executable_path="/usr/bin/chromium"``; its own browser download is not used.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import corpora
import pytest
from support import run_cli

from analysis import paths
from analysis.book.browser import (
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    MATH_TYPESET,
    RENDER_TIMEOUT_MS,
    serve,
)

pytestmark = pytest.mark.slow

#: Longest wait for the charts of one page to be drawn (ms).
CHART_TIMEOUT_MS = RENDER_TIMEOUT_MS
HOOK_DIALOGS = """
window.__paDialogs = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = function (msg) { window.__paDialogs.push(name + ':' + msg); };
}
"""
CHART_STATE = """() => Array.from(document.querySelectorAll('.pa-chart')).map(el => {
    const svg = el.querySelector('svg');
    const box = (svg || el.querySelector('canvas') || el).getBoundingClientRect();
    return {id: el.id, marks: el.querySelectorAll('svg .role-mark > *').length,
            canvas: el.querySelector('canvas') !== null, width: box.width, height: box.height,
            text: svg ? '' : el.textContent.slice(0, 200)};
})"""
#: A script loaded from another host, or a script address held in a page variable
#: (sphinx-thebe's THEBE_JS_URL was one): none may appear on any page.
EXTERNAL_SCRIPT = re.compile(r"<script[^>]+src=[\"'](?:https?:)?//[^\"']+|https?://[^\"'\s]+\.js\b")
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"


def chromium_or_fail() -> None:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser test needs Debian's chromium. "
            "Install it with `make browser` (apt-get install -y chromium); "
            "`make test` does this itself."
        )


@pytest.fixture(scope="module")
def browser():
    chromium_or_fail()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


class Visit:
    """One browser context with the network fenced to loopback, recording what happens."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.context.add_init_script(HOOK_DIALOGS)
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def new_page(self):
        page = self.context.new_page()
        page.on(
            "console",
            lambda m: (
                self.console_errors.append(f"{m.text} ({m.location.get('url')})")
                if m.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))
        page.on("dialog", lambda d: (self.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        page.on(
            "response",
            lambda r: (
                self.failed.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico")
                else None
            ),
        )
        return page

    def close(self):
        self.context.close()


def book_pages(html: Path) -> list[str]:
    """Every HTML page of the book (relative paths), theme assets excluded."""
    return sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(p.relative_to(html).parts)
    )


def check_page(page, url: str) -> list[dict]:
    page.goto(url, wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=CHART_TIMEOUT_MS)
    page.wait_for_function(MATH_TYPESET, timeout=CHART_TIMEOUT_MS)
    charts = page.evaluate(CHART_STATE)
    dialogs = page.evaluate("window.__paDialogs")
    assert dialogs == [], f"{url}: a script called {dialogs}"
    for chart in charts:
        assert chart["marks"] > 0 or chart["canvas"], f"{url}: chart {chart['id']} has no marks"
        assert chart["width"] > 50 and chart["height"] > 20, f"{url}: chart {chart['id']} is {chart}"
    return charts


def screenshot_dir(build: Path) -> Path:
    target = Path(os.environ.get("PAKAFGHAN_SCREENSHOT_DIR") or build / "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    return target


def test_every_page_renders_offline_with_its_charts(built_book, browser):
    html = built_book.html.resolve()
    pages = book_pages(html)
    chapter_pages = {str(p.relative_to(html)) for p in (html / "chapters").glob("*.html")}
    assert "index.html" in pages and chapter_pages, pages
    shots = screenshot_dir(built_book.build)
    report = {}
    visit = Visit(browser)
    try:
        with serve(html) as base:
            for rel in pages:
                page = visit.new_page()
                charts = check_page(page, f"{base}/{rel}")
                report[rel] = len(charts)
                if rel in chapter_pages or rel == "index.html":
                    page.screenshot(path=str(shots / (Path(rel).stem + ".png")), full_page=True)
                page.close()
    finally:
        visit.close()
    assert visit.blocked == [], f"requests that tried to leave loopback: {visit.blocked}"
    assert visit.console_errors == [], "console errors:\n" + "\n".join(visit.console_errors)
    assert visit.dialogs == []
    assert visit.failed == [], f"local resources that failed: {visit.failed}"
    external = {
        rel: found
        for rel in pages
        if (found := EXTERNAL_SCRIPT.findall((html / rel).read_text(encoding="utf-8")))
    }
    assert external == {}, f"pages that name an external script: {external}"
    for rel in chapter_pages:  # every chapter draws at least one chart
        assert report[rel] >= 1, f"{rel}: no chart on the page"
    (built_book.build / "browser_report.json").write_text(
        json.dumps(
            {
                "pages": len(report),
                "charts": sum(report.values()),
                "per_page": report,
                "requests": len(visit.requests),
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    print(
        f"browser: {len(report)} pages, {sum(report.values())} charts drawn, "
        f"{len(visit.requests)} requests, all on 127.0.0.1; screenshots in {shots}"
    )


def test_search_finds_a_known_term(built_book, browser):
    # "Taliban" is in the index page's first paragraph (index.md).
    assert "Taliban" in (paths.ROOT / "index.md").read_text(encoding="utf-8")
    visit = Visit(browser)
    try:
        with serve(built_book.html.resolve()) as base:
            page = visit.new_page()
            page.goto(f"{base}/search.html?q=Taliban", wait_until="load")
            page.wait_for_selector("ul.search li", timeout=CHART_TIMEOUT_MS)
            results = page.eval_on_selector_all(
                "ul.search li a", "els => els.map(a => a.getAttribute('href'))"
            )
            summary = page.inner_text("#search-results")
    finally:
        visit.close()
    assert any(href.startswith("index.html") for href in results), results
    assert "Taliban" in summary
    assert visit.blocked == [] and visit.console_errors == [], (visit.blocked, visit.console_errors)


# --------------------------------------------------------------------------
# A hostile seed: markup in the text is shown, never run
# --------------------------------------------------------------------------
HOSTILE_TEXT = f"""Talks on the border crossing ended without agreement on Tuesday.

Officials on both sides said trade would resume {HOSTILE_SCRIPT} once security improved.
Traders in Peshawar waited {HOSTILE_IMG} for news from Kabul.

NOTE: {HOSTILE_SCRIPT} {HOSTILE_IMG} this line is boilerplate.

The ministry said it would publish the figures next month.
"""


def hostile_corpus(target: Path) -> Path:
    """The project's seeds plus one document carrying script and img markup."""
    corpora.copy_seeds(target)
    data = HOSTILE_TEXT.encode("utf-8")
    (target / "hostile.txt").write_bytes(data)
    manifest = corpora.read_manifest(target)
    manifest["documents"].append(
        corpora.manifest_entry(
            "hostile",
            "hostile.txt",
            data,
            title=f"Hostile {HOSTILE_SCRIPT} title {HOSTILE_IMG}",
            authors=["unknown"],
            year=2025,
            genre="test",
            # the NOTE line is cut, so the markup also reaches the table of removed blocks
            cleaning={"cuts": [{"kind": "hostile note", "line_regex": r"^NOTE: .*$"}]},
        )
    )
    corpora.write_manifest(target, manifest)
    return target


def test_markup_in_a_seed_is_shown_as_text_and_never_runs(built_book, browser, tmp_path):
    corpus = hostile_corpus(tmp_path / "corpus")
    toc = tmp_path / "toc.yml"
    toc.write_text("format: jb-book\nroot: index\nchapters:\n  - file: chapters/corpus\n", encoding="utf-8")
    build = tmp_path / "build"
    proc = run_cli(
        built_book.root,
        "chapter",
        "corpus",
        "-p",
        "corpus_dir",
        str(corpus),
        "--build-dir",
        str(build),
        env={"PAKAFGHAN_TOC": str(toc)},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    # the body kept the markup (cleaning leaves unknown tags as literal text)
    documents = (build / "html" / "tables" / "corpus" / "documents.csv").read_text(encoding="utf-8")
    assert "hostile" in documents
    visit = Visit(browser)
    try:
        with serve((build / "html").resolve()) as base:
            page = visit.new_page()
            check_page(page, f"{base}/chapters/corpus.html")
            # long tables show their first rows and fold the rest ("Show all N rows"), and the
            # hostile document comes last: open every fold, as a reader would, before reading
            folds = page.evaluate("""() => { const all = document.querySelectorAll('details.pa-fold');
                all.forEach(d => { d.open = true; }); return all.length; }""")
            page.wait_for_timeout(200)
            text = page.inner_text("article")
            dom = page.evaluate("""() => ({
                imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
                scripts: Array.from(document.scripts).filter(s => s.textContent.includes('alert(1)')).length,
                dialogs: window.__paDialogs})""")
            page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    finally:
        visit.close()
    assert visit.dialogs == [] and dom["dialogs"] == [], "a script from the seed ran"
    assert dom["imgs"] == 0 and dom["scripts"] == 0, dom
    assert folds >= 1, "the removed-blocks table should be folded (the case this test covers)"
    assert text.count(HOSTILE_SCRIPT) >= 2, "the title and the removed line should show the markup as text"
    assert text.count(HOSTILE_IMG) >= 2
    assert not [u for u in visit.requests if urlparse(u).path.endswith("/x")], "the <img src=x> was loaded"
    assert visit.blocked == [] and visit.console_errors == [], (visit.blocked, visit.console_errors)
