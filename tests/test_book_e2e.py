"""End to end: the book builds from a fresh copy, offline, and re-runs work.

Expected values: the chapter list comes from _toc.yml; the vega bundle must
be the project's own file under _static (no CDN address anywhere).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import corpora
import pytest
import yaml
from support import copy_project, run_cli

from analysis.book import build as build_mod
from analysis.book import params

pytestmark = pytest.mark.slow

# A resource the page itself loads (script, stylesheet, image, font) from another host.
REMOTE_RESOURCE = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)


def chapter_pages(book):
    pages = {}
    for entry in build_mod.toc_entries(book.root / "_toc.yml"):
        if (book.root / f"{entry}.ipynb").exists():
            pages[params.chapter_name(entry)] = book.html / f"{entry}.html"
    return pages


def test_every_chapter_page_exists_with_charts_and_local_vega(built_book):
    assert (built_book.html / "index.html").exists()
    bundle = built_book.html / "_static" / "vega" / "vega-bundle.js"
    assert (
        bundle.stat().st_size > 100_000 and "window.vegaEmbed" in bundle.read_text(encoding="utf-8")[-2000:]
    )
    pages = chapter_pages(built_book)
    assert "corpus" in pages
    for name, page in pages.items():
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<script src="\.\./_static/vega/vega-bundle\.js[^"]*"', html), name
        specs = re.findall(
            r'<script type="application/json" id="(pa-chart-[0-9a-f]+)-spec">(.*?)</script>', html, re.S
        )
        assert specs, f"{name}: no chart spec on the page"
        for chart_id, spec in specs:
            assert f'<div class="pa-chart" id="{chart_id}">' in html
            assert json.loads(spec)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        remote = [
            m.group(0)
            for m in REMOTE_RESOURCE.finditer(html)
            if "<a " not in m.group(0) and 'rel="canonical"' not in m.group(0)
        ]
        assert not remote, f"{name}: page loads remote resources: {remote}"


def test_corpus_page_shows_glued_values_not_placeholders(built_book):
    html = (built_book.html / "chapters" / "corpus.html").read_text(encoding="utf-8")
    assert "{glue}" not in html and "glue:" not in html
    # n documents in the built copy's manifest -> "holds n documents"
    n = len(corpora.manifest_ids(built_book.root / "seeds"))
    assert re.search(rf"holds\s*(<[^>]+>\s*)*{n}(\s*<[^>]+>)*\s*documents", html)
    assert "Parameters of this run" in html and "Provenance" in html


def test_tables_are_downloadable(built_book):
    csv = built_book.html / "tables" / "corpus" / "documents.csv"
    assert csv.read_text(encoding="utf-8").splitlines()[0].startswith("id,title,authors")
    assert 'href="../tables/corpus/documents.csv"' in (
        built_book.html / "chapters" / "corpus.html"
    ).read_text(encoding="utf-8")


def test_no_change_rebuild_skips_everything(built_book):
    proc = run_cli(built_book.root, "build")
    assert proc.returncode == 0, proc.stderr
    assert "executed" not in proc.stdout
    assert "nothing changed" in proc.stdout


def test_chapter_rerun_validates_before_executing(built_book):
    before = sorted((built_book.build / "cache").rglob("executed.ipynb"))
    bad = run_cli(built_book.root, "chapter", "corpus", "-p", "excerpt_chars", "lots")
    assert bad.returncode == 2
    assert "parameter 'excerpt_chars' expects int" in bad.stderr
    unknown = run_cli(built_book.root, "chapter", "corpus", "-p", "nope", "1")
    assert (
        unknown.returncode == 2 and "valid parameters: corpus_dir, documents, excerpt_chars" in unknown.stderr
    )
    assert sorted((built_book.build / "cache").rglob("executed.ipynb")) == before  # nothing ran


def test_chapter_rerun_with_new_parameters_changes_the_page(built_book):
    proc = run_cli(built_book.root, "chapter", "corpus", "-p", "documents", "tariq2026,humnews2025")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"corpus\s+executed", proc.stdout)
    html = (built_book.html / "chapters" / "corpus.html").read_text(encoding="utf-8")
    assert re.search(r"holds\s*(<[^>]+>\s*)*2(\s*<[^>]+>)*\s*documents", html)
    assert "changed from" in html
    docs = (built_book.html / "tables" / "corpus" / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert len(docs) == 3  # header + the two chosen documents
    # back to the defaults: served from the cache, not re-executed
    proc = run_cli(built_book.root, "build")
    assert re.search(r"corpus\s+cached", proc.stdout), proc.stdout


def test_plain_papermill_runs_a_chapter_from_the_repo_root(built_book, tmp_path):
    out = tmp_path / "out.ipynb"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            "chapters/corpus.ipynb",
            str(out),
            "-p",
            "excerpt_chars",
            "20",
            "--cwd",
            "chapters",
        ],
        cwd=built_book.root,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(built_book.root), "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    nb = json.loads(out.read_text(encoding="utf-8"))
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injected and "excerpt_chars = 20" in "".join(injected[0]["source"])


def test_failing_cell_fails_the_build_naming_the_chapter(built_book, tmp_path):
    root = copy_project(tmp_path / "broken")
    nb_path = root / "chapters" / "corpus.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": ["raise RuntimeError('deliberate failure for the test')"],
        }
    )
    nb_path.write_text(json.dumps(nb), encoding="utf-8")
    (root / "_toc.yml").write_text(
        yaml.safe_dump({"format": "jb-book", "root": "index", "chapters": [{"file": "chapters/corpus"}]})
    )
    proc = run_cli(root, "build")
    assert proc.returncode == 2
    assert "chapter 'corpus' (chapters/corpus.ipynb) failed" in proc.stderr
    assert "deliberate failure for the test" in proc.stderr
    assert not (root / "_build" / "html").exists()


def test_corpus_chapter_runs_its_pipeline_on_dask(built_book):
    # the same per-document stages on a LocalCluster give the same table as the
    # pandas engine of the session build
    before = (built_book.html / "tables" / "corpus" / "pipeline_summary.csv").read_text(encoding="utf-8")
    proc = run_cli(built_book.root, "chapter", "corpus", "-p", "engine", "dask", "-p", "scheduler", "local")
    assert proc.returncode == 0, proc.stderr[-3000:]
    after = (built_book.html / "tables" / "corpus" / "pipeline_summary.csv").read_text(encoding="utf-8")
    assert after == before
    # every document of the built copy's manifest went through the pipeline
    assert f"documents,{len(corpora.manifest_ids(built_book.root / 'seeds'))}" in after
