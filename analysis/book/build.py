"""Build the book: execute chapters with papermill, compile with Jupyter Book.

The steps, each safe to interrupt:

1. **Validate** every parameter of every chapter before any kernel starts.
2. **Execute** each chapter notebook with papermill into a cache entry
   ``<build>/cache/<chapter>/<key>/`` (executed notebook, its CSV tables, a
   ``meta.json``).  ``key`` hashes the notebook, its parameters, the inputs
   (``seeds/``, ``data/``), the ``analysis/`` code and the locked
   environment, so a chapter re-runs only when one of those changed.  An
   entry is written to a temporary folder and renamed into place, so a killed
   run never leaves a half-written entry.  Independent chapters run in
   parallel (``jobs`` processes).
3. **Stage** a book source tree in ``<build>/book_src`` from the templates
   (``_config.yml``, ``_toc.yml``, pages) and the executed notebooks; files
   are rewritten only when their content changed, so Sphinx's incremental
   build does the least work.
4. **Compile** with ``jupyter-book build`` (warnings are errors,
   ``--keep-going`` to list them all), unless the staged tree is identical to
   the one the current book was built from.
5. **Publish**: copy the HTML to a new folder and switch the ``<build>/html``
   symlink to it in one atomic rename; the previous book stays whole until
   then.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis import paths
from analysis.book import charts, offline, pages, params
from analysis.book.toc import resolve_entry as _resolve
from analysis.book.toc import toc_entries
from analysis.errors import BuildError

#: Files and folders whose content decides whether a cached chapter is stale.
CACHE_INPUTS = ("seeds", "data", "analysis", "requirements.lock", "pyproject.toml")
#: Static files of the book template, copied into the staged source.
STATIC_DIR = "_static"
#: How many cache entries to keep per chapter (older ones are pruned).
CACHE_KEEP = 6
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class ChapterRun:
    """Outcome of executing (or reusing) one chapter."""

    name: str
    entry: Path
    seconds: float
    cached: bool

    @property
    def notebook(self) -> Path:
        return self.entry / "executed.ipynb"


# --------------------------------------------------------------------------
# Hashing and the table of contents
# --------------------------------------------------------------------------
def _hash_tree(digest, root: Path, rel: str) -> None:
    target = root / rel
    if target.is_file():
        files = [target]
    elif target.is_dir():
        files = sorted(
            p
            for p in target.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
        )
    else:
        files = []
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def inputs_digest(root: Path = paths.ROOT) -> str:
    """One hash of everything a chapter's results may depend on besides itself."""
    digest = hashlib.sha256()
    for rel in CACHE_INPUTS:
        _hash_tree(digest, root, rel)
    return digest.hexdigest()


def cache_key(notebook: Path, values: dict, inputs: str) -> str:
    """Cache key of one chapter run (notebook bytes + parameters + inputs)."""
    digest = hashlib.sha256()
    digest.update(notebook.read_bytes())
    digest.update(json.dumps(values, sort_keys=True, default=str).encode())
    digest.update(inputs.encode())
    return digest.hexdigest()[:20]


def _error_from_notebook(path: Path) -> str:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    for index, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                trace = _ANSI_RE.sub("", "\n".join(out.get("traceback", [])))
                return f"cell {index}: {out.get('ename')}: {out.get('evalue')}\n{trace}"
    return ""


def execute_chapter(name: str, values: dict, build: Path, inputs: str, force: bool = False) -> ChapterRun:
    """Execute one chapter with papermill, or reuse its cache entry.

    Raises
    ------
    BuildError
        If a cell fails; the message names the chapter and carries the
        failing cell's traceback.
    """
    notebook = params.notebook_for(name)
    key = cache_key(notebook, values, inputs)
    chapter_cache = build / "cache" / name
    entry = chapter_cache / key
    if entry.exists() and not force:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        return ChapterRun(name, entry, meta["seconds"], cached=True)

    chapter_cache.mkdir(parents=True, exist_ok=True)
    for stale in chapter_cache.glob("*.tmp-*"):  # left by a killed run (the build lock is ours)
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f"{key}.tmp-", dir=chapter_cache))
    (work / "tables").mkdir()
    params_file = work / "parameters.yaml"
    params_file.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=True), encoding="utf-8")
    # PYTHONPATH makes the kernel import this tree's `analysis`, even when the
    # installed (editable) package points at another checkout.
    pythonpath = os.pathsep.join(filter(None, [str(paths.ROOT), os.environ.get("PYTHONPATH")]))
    env = dict(
        os.environ,
        PAKAFGHAN_BUILD_DIR=str(build),
        PYTHONPATH=pythonpath,
        PAKAFGHAN_TABLES_DIR=str(work / "tables"),
        PYTHONHASHSEED="0",
    )
    cmd = [
        sys.executable,
        "-m",
        "papermill",
        str(notebook),
        str(work / "executed.ipynb"),
        "-f",
        str(params_file),
        "--cwd",
        str(paths.CHAPTERS),
        "-k",
        "python3",
        "--no-progress-bar",
        "--log-level",
        "ERROR",
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        detail = _error_from_notebook(work / "executed.ipynb") or _ANSI_RE.sub("", proc.stderr)[-4000:]
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError(f"chapter {name!r} ({notebook.relative_to(paths.ROOT)}) failed:\n{detail}")
    (work / "meta.json").write_text(
        json.dumps(
            {
                "chapter": name,
                "key": key,
                "seconds": round(seconds, 3),
                "parameters": values,
                "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
            indent=1,
            sort_keys=True,
            default=str,
        ),
        encoding="utf-8",
    )
    if entry.exists():  # forced re-run: move the old entry aside in one rename, so a
        # run killed here leaves the entry whole or absent, never half deleted
        old = chapter_cache / f"{key}.tmp-old-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        os.replace(entry, old)
        os.replace(work, entry)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(work, entry)
    _prune(chapter_cache)
    return ChapterRun(name, entry, seconds, cached=False)


def _prune(chapter_cache: Path) -> None:
    entries = sorted(
        (p for p in chapter_cache.iterdir() if p.is_dir() and ".tmp-" not in p.name),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[CACHE_KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------
# Staging
# --------------------------------------------------------------------------
def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def prepare_for_book(nb: dict) -> dict:
    """Tidy an executed notebook for the page.

    Drops papermill's injected-parameters cell (the chapter shows its
    parameters itself), folds code away behind "show code" toggles, and
    removes timing metadata so identical runs stage identical files.
    """
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb["cells"]:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags:
            continue
        if cell["cell_type"] == "code" and not any(t.startswith(("remove-", "hide-")) for t in tags):
            tags.append("hide-input")
        for volatile in ("papermill", "execution"):
            cell["metadata"].pop(volatile, None)
        cells.append(cell)
    nb["cells"] = cells
    nb.get("metadata", {}).pop("papermill", None)
    return nb


def stage(runs: dict[str, ChapterRun], build: Path) -> tuple[Path, str]:
    """Write the book source tree; return its folder and a digest of its content."""
    src = build / "book_src"
    wanted: dict[Path, bytes] = {}
    for rel in ("_config.yml", "references.bib"):
        if (paths.ROOT / rel).exists():
            wanted[src / rel] = (paths.ROOT / rel).read_bytes()
    # The footer's @PROJECT_VERSION@ placeholder gets the version from pyproject.toml.
    wanted[src / "_config.yml"] = pages.render_config(wanted[src / "_config.yml"].decode("utf-8")).encode(
        "utf-8"
    )
    wanted[src / "_toc.yml"] = paths.toc_file().read_bytes()
    static = paths.ROOT / STATIC_DIR
    if static.exists():
        for path in sorted(static.rglob("*")):
            if path.is_file():
                wanted[src / path.relative_to(paths.ROOT)] = path.read_bytes()
    for entry in toc_entries():
        source = _resolve(entry)
        rel = source.relative_to(paths.ROOT)
        if source.suffix == ".ipynb":
            name = params.chapter_name(source)
            nb = json.loads(runs[name].notebook.read_text(encoding="utf-8"))
            text = json.dumps(prepare_for_book(nb), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
            wanted[src / rel] = text.encode("utf-8")
            tables = runs[name].entry / "tables"
            for table in sorted(tables.rglob("*")) if tables.exists() else []:
                if table.is_file():
                    wanted[src / "_extra" / "tables" / name / table.relative_to(tables)] = table.read_bytes()
        else:
            # Generated parts of Markdown pages (cite.md, reproducibility.md): see pages.py.
            wanted[src / rel] = pages.render_page(source.read_text(encoding="utf-8"), runs).encode("utf-8")
    src.mkdir(parents=True, exist_ok=True)
    bundle = charts.write_vega_bundle(build / "vega-cache")
    wanted[src / STATIC_DIR / "vega" / charts.BUNDLE_NAME] = bundle.read_bytes()
    # not under _static: Jupyter Book loads every .js file there on every page
    wanted[src / "_extra" / "mathjax" / offline.MATHJAX_FILE] = offline.mathjax_source().read_bytes()
    (src / "_extra").mkdir(exist_ok=True)
    for path, data in wanted.items():
        _write_if_changed(path, data)
    for path in sorted(src.rglob("*"), reverse=True):  # remove stale files
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and path != src / "_extra" and not any(path.iterdir()):
            path.rmdir()
    digest = hashlib.sha256()
    for path in sorted(wanted):
        digest.update(str(path.relative_to(src)).encode() + b"\0" + hashlib.sha256(wanted[path]).digest())
    return src, digest.hexdigest()


# --------------------------------------------------------------------------
# Compile and publish
# --------------------------------------------------------------------------
def compile_book(src: Path, build: Path) -> Path:
    """Run Jupyter Book on the staged tree; return the HTML folder it wrote."""
    out = build / "jb"
    marker = build / "jb.incomplete"
    if marker.exists():  # the last compile died midway: start from scratch
        shutil.rmtree(out, ignore_errors=True)
    marker.touch()
    exe = Path(sys.executable).parent / "jupyter-book"
    cmd = [
        str(exe) if exe.exists() else "jupyter-book",
        "build",
        str(src),
        "--path-output",
        str(out),
        "--warningiserror",
        "--keep-going",
        "--builder",
        "html",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        log = _ANSI_RE.sub("", proc.stdout + proc.stderr)
        problems = [line for line in log.splitlines() if re.search(r"WARNING|ERROR|Error|Traceback", line)]
        raise BuildError(
            "Jupyter Book failed (Sphinx warnings are errors):\n"
            + "\n".join(problems[-40:] or log.splitlines()[-40:])
        )
    marker.unlink()
    return out / "_build" / "html"


def publish(html_src: Path, build: Path, stamp: str) -> Path:
    """Copy the compiled HTML to a fresh folder and atomically point ``html`` at it."""
    link = build / "html"
    target = build / f"html-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    try:
        shutil.copytree(html_src, target)
        (target / ".book-stamp").write_text(stamp + "\n", encoding="utf-8")
    except (OSError, shutil.Error) as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise BuildError(_copy_failure(html_src, build, exc)) from None
    if link.exists() and not link.is_symlink():  # an html folder from an older layout
        os.replace(link, build / f"html-old-{os.getpid()}")
    tmp_link = build / f"html.link-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    os.symlink(target.name, tmp_link)
    os.replace(tmp_link, link)
    for old in build.glob("html-*"):
        if old.is_dir() and old.resolve() != target.resolve():
            shutil.rmtree(old, ignore_errors=True)
    return target


def _copy_failure(html_src: Path, build: Path, exc: Exception) -> str:
    """One line for a failed copy of the book: the disk, the space needed and free."""
    needed = sum(p.stat().st_size for p in html_src.rglob("*") if p.is_file())
    free = shutil.disk_usage(build).free
    first = exc.args[0][0][2] if isinstance(exc, shutil.Error) and exc.args and exc.args[0] else exc
    return (
        f"could not publish the book to {build}: {first}; the book needs about {needed / 1e6:,.1f} MB "
        f"and the disk holding {build} has {free / 1e6:,.1f} MB free; the published book is unchanged"
    )


def current_stamp(build: Path) -> str | None:
    stamp = build / "html" / ".book-stamp"
    return stamp.read_text(encoding="utf-8").strip() if stamp.exists() else None


@contextlib.contextmanager
def build_lock(build: Path):
    """Hold an exclusive lock on ``<build>/.lock`` (one build at a time per folder)."""
    build.mkdir(parents=True, exist_ok=True)
    with open(build / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{build}: another build is running in this folder") from None
        yield


# --------------------------------------------------------------------------
# The whole build
# --------------------------------------------------------------------------
def build_book(
    chapter_params: dict[str, dict] | None = None,
    build: Path | None = None,
    jobs: int = 2,
    force: tuple[str, ...] = (),
    log=print,
) -> dict:
    """Execute what changed and compile the book; return a report of the run.

    Parameters
    ----------
    chapter_params : dict, optional
        ``{chapter: {name: value}}`` overrides (validated before anything runs).
    build : Path, optional
        Build folder (default ``_build``).
    jobs : int
        Chapters executed at once.
    force : tuple of str
        Chapters to re-execute even if their cache entry is current.
    """
    build = Path(build or paths.build_dir()).resolve()
    chapter_params = chapter_params or {}
    started = time.perf_counter()
    notebooks = {}
    for entry in toc_entries():
        source = _resolve(entry)
        if source.suffix == ".ipynb":
            notebooks[params.chapter_name(source)] = source
    unknown = sorted(set(chapter_params) - set(notebooks))
    if unknown:
        raise BuildError(
            f"parameters given for unknown chapter(s) {', '.join(unknown)}; "
            f"chapters in the book: {', '.join(notebooks)}"
        )
    values = {name: params.validate(name, chapter_params.get(name, {})) for name in notebooks}

    with build_lock(build):
        inputs = inputs_digest()
        runs: dict[str, ChapterRun] = {}
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {
                name: pool.submit(execute_chapter, name, values[name], build, inputs, name in force)
                for name in notebooks
            }
            errors = []
            try:
                for name, future in futures.items():
                    try:
                        runs[name] = future.result()
                        run = runs[name]
                        log(f"  {name:<14} {'cached' if run.cached else 'executed'} ({run.seconds:.1f} s)")
                    except BuildError as exc:
                        errors.append(str(exc))
            except KeyboardInterrupt:  # no queued chapter starts after Ctrl-C
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            if errors:
                raise BuildError("\n\n".join(errors))
        src, stamp = stage(runs, build)
        compiled = stamp != current_stamp(build)
        if compiled:
            log("  compiling the book with Jupyter Book ...")
            pages.fill_build_status(src, runs)  # executed/cached, after hashing: see pages.py
            publish(compile_book(src, build), build, stamp)
        else:
            log("  nothing changed since the last build: the book is current")
        report = {
            "build": str(build),
            "seconds": round(time.perf_counter() - started, 3),
            "compiled": compiled,
            "chapters": [
                {
                    "chapter": r.name,
                    "cached": r.cached,
                    "seconds": round(r.seconds, 3),
                    "parameters": values[r.name],
                }
                for r in runs.values()
            ],
        }
        (build / "last_build.json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
        return report
