"""Every internal link and anchor of the built book resolves, offline.

All pages are parsed with :mod:`html.parser`.  A link (``href`` of ``a`` and
``link``, ``src`` of ``script``, ``img``, ``iframe``, ``source``, ``action``
of ``form``) that stays inside the book must name a file that exists (a
folder must hold ``index.html``), and its ``#fragment`` an ``id`` (or
``<a name>``) on the target page.  External links are collected and listed
(``<build>/external_links.txt``), never fetched.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "form": "action",
}
#: Schemes that are not places in the book and not web addresses to list.
IGNORED_SCHEMES = {"mailto", "data", "blob", "tel"}


class PageParser(HTMLParser):
    """Collect the links and the anchor targets (ids, ``<a name>``) of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.anchors.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.anchors.add(attrs["name"])
        attr = LINK_ATTRS.get(tag)
        if attr and attrs.get(attr) is not None:
            self.links.append((tag, attrs[attr].strip()))

    handle_startendtag = handle_starttag


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def check_book_links(html: Path) -> tuple[list[str], dict[str, set[str]], int]:
    """Return (broken links, external links -> pages using them, internal links checked)."""
    html = html.resolve()
    pages = {
        str(p.relative_to(html)): p
        for p in html.rglob("*.html")
        if "_static" not in p.relative_to(html).parts
    }
    parsed = {rel: parse(path) for rel, path in pages.items()}
    broken, external, checked = [], defaultdict(set), 0
    for rel, page in parsed.items():
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme in IGNORED_SCHEMES or link.startswith("javascript:"):
                if link.startswith("javascript:") and link not in ("javascript:void(0)", "javascript:;"):
                    broken.append(f"{rel}: script link {link!r}")
                continue
            if parts.scheme or parts.netloc:
                external[link].add(rel)
                continue
            checked += 1
            if parts.path:
                target_rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
                if target_rel.startswith(".."):
                    broken.append(f"{rel}: {link!r} points outside the book")
                    continue
                target = html / target_rel
                if target.is_dir():
                    target, target_rel = target / "index.html", posixpath.join(target_rel, "index.html")
                if not target.is_file():
                    broken.append(f"{rel}: <{tag}> {link!r} -> {target_rel} does not exist")
                    continue
            else:
                target_rel = rel
            fragment = unquote(parts.fragment)
            if fragment and target_rel.endswith(".html"):
                anchors = (
                    parsed[target_rel].anchors if target_rel in parsed else parse(html / target_rel).anchors
                )
                if fragment not in anchors:
                    broken.append(f"{rel}: {link!r} -> no id {fragment!r} on {target_rel}")
    return broken, dict(external), checked


@pytest.mark.slow
def test_every_internal_link_and_anchor_resolves(built_book):
    broken, external, checked = check_book_links(built_book.html)
    listing = built_book.build / "external_links.txt"
    listing.write_text(
        "".join(f"{url}\t{', '.join(sorted(pages))}\n" for url, pages in sorted(external.items())),
        encoding="utf-8",
    )
    print(f"links: {checked} internal links checked, {len(external)} external addresses listed in {listing}")
    assert checked > 50
    assert broken == [], "broken links:\n" + "\n".join(broken)


def test_checker_catches_a_broken_link_and_anchor(tmp_path):
    """The checker itself: a missing page and a missing anchor are reported (hand-made book)."""
    (tmp_path / "chapters").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="chapters/a.html#intro">ok</a> <a href="chapters/a.html#nowhere">bad anchor</a>'
        '<a href="missing.html">bad page</a> <a href="https://example.org/x">external</a>'
        '<a href="#top">ok</a><div id="top"></div>',
        encoding="utf-8",
    )
    (tmp_path / "chapters" / "a.html").write_text(
        '<h1 id="intro">A</h1><a href="../index.html#top">back</a><img src="../_static/x.png">',
        encoding="utf-8",
    )
    broken, external, checked = check_book_links(tmp_path)
    assert checked == 6
    assert external == {"https://example.org/x": {"index.html"}}
    assert sorted(broken) == sorted(
        [
            "chapters/a.html: <img> '../_static/x.png' -> _static/x.png does not exist",
            "index.html: 'chapters/a.html#nowhere' -> no id 'nowhere' on chapters/a.html",
            "index.html: <a> 'missing.html' -> missing.html does not exist",
        ]
    )
