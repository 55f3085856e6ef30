"""Nothing lost: a build killed midway leaves the previous book whole.

The build (``analysis/build.py``) executes each chapter into a temporary
folder renamed into the cache when complete, compiles into ``<build>/jb``,
copies the HTML to a new ``html-<stamp>`` folder and only then switches the
``html`` symlink in one rename.  These tests kill real builds with SIGKILL
(the whole process group: build, papermill, kernel, jupyter-book) at two
moments - while a chapter executes and while Jupyter Book compiles - and
simulate a crash at the two moments too short to hit with a signal (deleting
a replaced cache entry, copying the HTML).  Each time the published book must
be byte for byte the one before, and the next build must succeed.

The kill tests build a small book (index + the corpus chapter, a private
table of contents) in their own build folder, so they are quick and do not
disturb the session's book.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import run_cli
from test_bad_input import book_snapshot

from analysis.book import build as build_mod
from analysis.book import params

#: Longest wait for a build to reach the moment it is killed at (s).
REACH_TIMEOUT = 300


@pytest.fixture
def small_book(built_book, tmp_path):
    """A book of index + corpus chapter, built once in its own folder."""
    toc = tmp_path / "toc.yml"
    toc.write_text("format: jb-book\nroot: index\nchapters:\n  - file: chapters/corpus\n", encoding="utf-8")
    build = tmp_path / "build"
    env = {"PAKAFGHAN_TOC": str(toc)}
    proc = run_cli(built_book.root, "build", "--build-dir", str(build), env=env)
    assert proc.returncode == 0, proc.stderr
    return built_book.root, build, env


def start_build(root: Path, build: Path, env: dict, *args: str) -> subprocess.Popen:
    """Start ``python -m analysis ARGS --build-dir BUILD`` (default ARGS: ``build``) in its own process group."""
    full_env = dict(os.environ, **env, PYTHONPATH=str(root))
    full_env.pop("PAKAFGHAN_BUILD_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *(args or ("build",)), "--build-dir", str(build)],
        cwd=root,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def kill_when(proc: subprocess.Popen, condition, delay: float) -> None:
    """SIGKILL the process group of ``proc`` ``delay`` s after ``condition()`` holds."""
    deadline = time.monotonic() + REACH_TIMEOUT
    while not condition():
        assert proc.poll() is None, f"the build ended before the kill point:\n{proc.communicate()}"
        assert time.monotonic() < deadline, "the build never reached the kill point"
        time.sleep(0.05)
    time.sleep(delay)
    assert proc.poll() is None, "the build finished before it could be killed; shorten the delay"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL


def assert_whole(build: Path, before: dict) -> None:
    assert book_snapshot(build) == before, "the published book changed"
    index = (build / "html" / "index.html").read_text(encoding="utf-8")
    assert index.rstrip().endswith("</html>")


def assert_cache_entries_complete(build: Path) -> None:
    """Every cache entry a build could reuse is complete (temporary folders aside)."""
    for chapter_cache in (build / "cache").iterdir():
        for entry in chapter_cache.iterdir():
            if ".tmp-" in entry.name:
                continue
            meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
            assert meta["key"] == entry.name
            nb = json.loads((entry / "executed.ipynb").read_text(encoding="utf-8"))
            assert nb["cells"], entry


@pytest.mark.slow
def test_kill_while_a_chapter_executes(small_book):
    root, build, env = small_book
    before = book_snapshot(build)
    cache = build / "cache" / "corpus"
    proc = start_build(root, build, env, "build", "--force")
    # a temporary entry appears when papermill starts; 1.5 s later the kernel is running
    kill_when(proc, lambda: any(".tmp-" in p.name for p in cache.iterdir()), delay=1.5)
    assert_whole(build, before)
    assert_cache_entries_complete(build)
    again = run_cli(root, "build", "--build-dir", str(build), "--force", env=env)
    assert again.returncode == 0, again.stderr
    assert not [p for p in cache.iterdir() if ".tmp-" in p.name], "leftovers of the killed run"
    assert_cache_entries_complete(build)
    assert (build / "html" / "index.html").exists()


@pytest.mark.slow
def test_kill_while_jupyter_book_compiles(small_book):
    root, build, env = small_book
    before = book_snapshot(build)
    # a re-run with another parameter value: a new page, so Jupyter Book must compile
    rerun = ("chapter", "corpus", "-p", "excerpt_chars", "79")
    proc = start_build(root, build, env, *rerun)
    kill_when(proc, lambda: (build / "jb.incomplete").exists(), delay=1.0)
    assert_whole(build, before)
    assert_cache_entries_complete(build)
    again = run_cli(root, *rerun, "--build-dir", str(build), env=env)
    assert again.returncode == 0, again.stderr
    assert re.search(r"corpus\s+cached", again.stdout)  # the execution finished before the kill
    assert "compiling" in again.stdout  # the interrupted compile is redone, not skipped
    assert "changed from 80" in (build / "html" / "chapters" / "corpus.html").read_text(encoding="utf-8")
    assert not (build / "jb.incomplete").exists()
    after = book_snapshot(build)
    assert after["target"] != before["target"] and (build / "html" / "index.html").exists()
    assert [p.name for p in build.glob("html-*")] == [after["target"]], "old copies not cleaned"


@pytest.mark.slow
def test_crash_while_replacing_a_cache_entry_leaves_it_whole(tmp_path, monkeypatch):
    """A forced re-run replaces the chapter's cache entry.  Crash while the old
    entry is being deleted: the entry under the cache key must be whole."""
    build = tmp_path / "build"
    values = params.validate("corpus", {})
    inputs = build_mod.inputs_digest()
    first = build_mod.execute_chapter("corpus", values, build, inputs)
    real_rmtree = shutil.rmtree

    def dying_rmtree(path, *args, **kwargs):
        path = Path(path)
        if (path / "meta.json").exists() and (path / "executed.ipynb").exists():
            (path / "executed.ipynb").unlink()  # part of the deletion happened ...
            raise KeyboardInterrupt("killed while deleting a cache entry")  # ... then the end
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(build_mod.shutil, "rmtree", dying_rmtree)
    with pytest.raises(KeyboardInterrupt):
        build_mod.execute_chapter("corpus", values, build, inputs, force=True)
    monkeypatch.setattr(build_mod.shutil, "rmtree", real_rmtree)
    assert_cache_entries_complete(build)
    reused = build_mod.execute_chapter("corpus", values, build, inputs)
    assert reused.cached and reused.entry == first.entry
    assert json.loads(reused.notebook.read_text(encoding="utf-8"))["cells"]


def test_crash_while_copying_the_html_keeps_the_published_book(tmp_path, monkeypatch):
    """Publishing copies the compiled HTML, then renames a symlink.  A crash
    during the copy leaves ``html`` pointing at the previous, whole book."""
    build = tmp_path / "build"
    build.mkdir()
    old_src, new_src = tmp_path / "old", tmp_path / "new"
    for src, text in ((old_src, "old book"), (new_src, "new book")):
        (src / "chapters").mkdir(parents=True)
        for name in ("index.html", "chapters/a.html", "chapters/b.html"):
            (src / name).write_text(f"<html>{text}: {name}</html>", encoding="utf-8")
    build_mod.publish(old_src, build, "stamp-old")
    before = book_snapshot(build)
    real_copytree = shutil.copytree

    def dying_copytree(src, dst, *args, **kwargs):
        Path(dst).mkdir()
        shutil.copy2(Path(src) / "index.html", Path(dst) / "index.html")  # one file copied ...
        raise KeyboardInterrupt("killed while copying the book")  # ... then the end

    monkeypatch.setattr(build_mod.shutil, "copytree", dying_copytree)
    time.sleep(1.1)  # publish names folders by the second
    with pytest.raises(KeyboardInterrupt):
        build_mod.publish(new_src, build, "stamp-new")
    monkeypatch.setattr(build_mod.shutil, "copytree", real_copytree)
    assert book_snapshot(build) == before
    assert (build / "html" / "index.html").read_text(encoding="utf-8") == "<html>old book: index.html</html>"
    assert build_mod.current_stamp(build) == "stamp-old"
    time.sleep(1.1)
    build_mod.publish(new_src, build, "stamp-new")
    assert (build / "html" / "index.html").read_text(encoding="utf-8") == "<html>new book: index.html</html>"
    assert len(list(build.glob("html-*"))) == 1, "the half copy was not cleaned up"
