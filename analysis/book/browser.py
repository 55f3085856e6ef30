"""Debian's Chromium, driven by Playwright, on a book served from 127.0.0.1.

Shared by the PDF edition (:mod:`analysis.book.pdf`) and the browser test:
the book is served by a local HTTP server in a thread, and every request to
another host is aborted, so a page that needs the network shows it.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from analysis.errors import BuildError

CHROMIUM = Path("/usr/bin/chromium")
#: --no-sandbox: Chromium refuses to run as root otherwise (CI runs as root);
#: the --disable-* switches stop the background calls Chromium makes by itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Longest wait for the charts and formulas of one page (ms).
RENDER_TIMEOUT_MS = 30_000
CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('.pa-chart')).every(
    el => el.querySelector('svg, canvas') !== null)"""
#: Formulas (Sphinx writes them as elements of class "math") are typeset by the book's MathJax.
MATH_TYPESET = """() => document.querySelectorAll('span.math, div.math').length === 0
    || document.querySelectorAll('mjx-container svg').length > 0"""


def require_chromium() -> None:
    """Fail with the command that installs Chromium if it is missing."""
    if not CHROMIUM.exists():
        raise BuildError(
            f"{CHROMIUM} is missing: the PDF edition and the browser test need Debian's chromium "
            "(install it with `make browser`)"
        )


@contextmanager
def serve(directory: Path):
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) in a thread; yield the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(Path(directory).resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    """A headless Chromium (Playwright), closed on exit."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def loopback_only(route) -> None:
    """A Playwright route handler: requests to 127.0.0.1 go on, all others are aborted."""
    if urlparse(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()
