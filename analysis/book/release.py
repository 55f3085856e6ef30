"""Make a citable, checkable release archive: ``python -m analysis.book.release`` (``make release``).

The archive ``dist/<name>-<version>.zip`` holds one folder
``<name>-<version>/`` with

* ``html/`` -- the built book (open ``html/index.html``);
* ``notebooks/`` -- the executed chapter notebooks, as compiled into the book;
* ``tables/<chapter>/`` -- every derived table and chart's data as CSV (and
  each chart's Vega-Lite spec);
* ``seeds/manifest.yaml`` and ``seeds/SHA256SUMS`` -- what the seed texts
  are and their checksums (the texts themselves belong to their publishers
  and are not redistributed);
* ``requirements.lock``, ``pyproject.toml`` -- the locked environment;
* ``CITATION.cff``, ``.zenodo.json``, ``references.bib``, ``LICENSE``,
  ``README.md`` if present;
* ``build-report.json`` -- how each chapter was run (cached or executed,
  seconds, parameters);
* ``RIGHTS.md`` -- who owns what, under which licence;
* ``RELEASE.md`` -- what is inside, how to verify it, and which files may
  differ between two builds of the same commit (:data:`VOLATILE`);
* ``SHA256SUMS`` -- checksums of every other file (``sha256sum -c SHA256SUMS``).

Reproducible: entries are sorted, every timestamp is ``SOURCE_DATE_EPOCH``
(from the environment, else the time of the last commit, ``git log -1
--format=%ct``), permissions are fixed (0644) and no owner is recorded, so
the same inputs give a byte-identical archive.

Before archiving, :func:`check_captions_and_links` checks the built HTML:
every chart and table on every page has a caption and a CSV link that
resolves to a CSV file.  A book that fails is not released.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import html as html_mod
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path
from urllib.parse import unquote

import yaml

from analysis import paths
from analysis.book import build as build_mod
from analysis.book import provenance
from analysis.errors import ProjectError

#: Files that may legitimately differ between two builds of the same commit
#: (pattern relative to the archive folder -> why).  Everything else -- the
#: derived tables above all -- must be byte-identical.
VOLATILE = {
    "build-report.json": "records how long each chapter took and whether it was cached",
    "notebooks/*.ipynb": "the provenance note at the end of each chapter records its execution time",
    "html/chapters/*.html": "the chapter pages show that provenance note",
    "html/_sources/chapters/*": "Sphinx's copy of the executed notebooks (same provenance note)",
    "html/reproducibility.html": "the execution table: run times, when each chapter ran, cached or executed",
    "html/_sources/reproducibility.md": "Sphinx's copy of the reproducibility page",
    "html/searchindex.js": "Sphinx's search index contains the words, hence the run times, of every page",
    "pdf/*.pdf": "the PDF edition prints the chapter pages (provenance note) and records when it was made",
    "SHA256SUMS": "lists the checksums of the files above",
}
#: Files of the built HTML that are not part of the release.
HTML_SKIP = (".book-stamp",)
#: Project files copied into the archive as they are (when they exist).
PROJECT_FILES = (
    "CITATION.cff",
    ".zenodo.json",
    "references.bib",
    "LICENSE",
    "README.md",
    "requirements.lock",
    "pyproject.toml",
)
#: The earliest time a zip entry can carry (1980-01-01T00:00:00Z).
ZIP_EPOCH_MIN = 315532800

RIGHTS = """\
# Rights and licences

- **Seed texts.** The five texts this report analyses belong to their
  publishers and authors. They are not included in this archive; only their
  metadata and SHA-256 checksums are (`seeds/manifest.yaml`,
  `seeds/SHA256SUMS`), so that a reader who obtains the texts from their
  publishers can check they are the same. Short quotations in the book are
  made for analysis and criticism.
- **Code** (the `analysis` package, the chapter notebooks, the build): MIT
  licence (`LICENSE`).
- **The project's own text** (the book's prose, tables and figures, and the
  derived tables in `tables/`): Creative Commons Attribution 4.0
  International (CC-BY-4.0), https://creativecommons.org/licenses/by/4.0/.
- **Third-party software** bundled in the HTML (Jupyter Book's theme, Vega,
  Vega-Lite, vega-embed) keeps its own licence.
"""


class ReleaseError(ProjectError):
    """The release cannot be made (a broken book, missing build, bad manifest)."""


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------
def project_name(root: Path | None = None) -> str:
    """``[project].name`` from ``pyproject.toml``."""
    with open(Path(root or paths.ROOT) / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["name"]


#: The last second a ZIP entry's DOS timestamp can hold (2107-12-31 23:59:58 UTC);
#: earlier than 1980 is clamped to :data:`ZIP_EPOCH_MIN` instead.
ZIP_EPOCH_MAX = 4354819198


def dirty_files(root: Path) -> list[str]:
    """Tracked or untracked (not ignored) files that differ from ``HEAD``; [] outside git."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line[3:] for line in out.splitlines() if line.strip()]


def source_date_epoch(root: Path | None = None) -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the commit time of ``HEAD``.

    Raises
    ------
    ReleaseError
        If neither is available (not a git checkout and no variable set).
    """
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value:
        try:
            seconds = int(value)
        except ValueError:
            raise ReleaseError(f"SOURCE_DATE_EPOCH must be an integer (seconds), got {value!r}") from None
        if seconds > ZIP_EPOCH_MAX:
            raise ReleaseError(
                f"SOURCE_DATE_EPOCH {seconds} is after the last time a ZIP archive can record "
                f"(2107-12-31, {ZIP_EPOCH_MAX} seconds)"
            )
        return seconds
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root or paths.ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        raise ReleaseError(
            "cannot tell the release date: set SOURCE_DATE_EPOCH or run in a git "
            "checkout with at least one commit"
        ) from None


def is_volatile(arcname: str) -> bool:
    """True if ``arcname`` (relative to the archive folder) matches :data:`VOLATILE`.

    >>> is_volatile("notebooks/corpus.ipynb"), is_volatile("tables/corpus/documents.csv")
    (True, False)
    """
    return any(fnmatch.fnmatchcase(arcname, pattern) for pattern in VOLATILE)


def sha256sums(files: dict[str, bytes]) -> str:
    """``sha256sum``-compatible listing of ``files`` (sorted by name).

    >>> sha256sums({"b": b"", "a": b"abc"}).splitlines()[0]
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a'
    """
    return "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))


def parse_sha256sums(text: str) -> dict[str, str]:
    """``{name: hash}`` from a ``SHA256SUMS`` text."""
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, name = line.split("  ", 1)
            out[name] = digest
    return out


# --------------------------------------------------------------------------
# Checking the built HTML
# --------------------------------------------------------------------------
_CHART_RE = re.compile(r'<div class="pa-chart" id="([^"]+)"')
_CAPTION_RE = re.compile(r'<p class="pa-caption">(.*?)</p>', re.S)
_CSV_LINK_RE = re.compile(r'<a class="pa-csv" href="([^"]+)"')
_TABLE_RE = re.compile(r'<div class="pa-table-wrap" data-table="([^"]+)"')


def _check_link(page: Path, href: str, html_dir: Path) -> str | None:
    target = (page.parent / unquote(html_mod.unescape(href))).resolve()
    try:
        target.relative_to(html_dir.resolve())
    except ValueError:
        return f"CSV link {href!r} points outside the book"
    if not target.is_file():
        return f"CSV link {href!r} is broken (no file {target.name})"
    if target.suffix != ".csv":
        return f"CSV link {href!r} is not a .csv file"
    first = target.read_text(encoding="utf-8").splitlines()[:1]
    if not first or not first[0].strip():
        return f"CSV link {href!r}: the file is empty"
    return None


def check_captions_and_links(html_dir: Path) -> list[str]:
    """Problems with charts and tables in the built book (empty list: all good).

    For every page: each chart (``div.pa-chart``) and each table
    (``div.pa-table-wrap``) must be followed, before the next chart or table,
    by a caption (``p.pa-caption``) that names the chapter that made it
    ("Made by chapter") and links to its data as CSV; every CSV link on the
    page must resolve to a non-empty ``.csv`` file inside the book.
    """
    html_dir = Path(html_dir)
    problems = []
    for page in sorted(html_dir.rglob("*.html")):
        if "_sources" in page.parts or "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(html_dir).as_posix()
        starts = sorted(
            [(m.start(), "chart", m.group(1)) for m in _CHART_RE.finditer(text)]
            + [(m.start(), "table", m.group(1)) for m in _TABLE_RE.finditer(text)]
        )
        for i, (pos, kind, name) in enumerate(starts):
            end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
            caption = _CAPTION_RE.search(text, pos, end)
            if not caption:
                problems.append(f"{rel}: {kind} {name} has no caption")
                continue
            body = caption.group(1)
            if "Made by chapter" not in body:
                problems.append(f"{rel}: {kind} {name}: caption does not name the chapter that made it")
            if not _CSV_LINK_RE.search(body):
                problems.append(f"{rel}: {kind} {name}: caption has no CSV link")
        for href in _CSV_LINK_RE.findall(text):
            problem = _check_link(page, href, html_dir)
            if problem:
                problems.append(f"{rel}: {problem}")
    return problems


# --------------------------------------------------------------------------
# Collecting the files
# --------------------------------------------------------------------------
def _seed_checksums(root: Path) -> str:
    manifest = yaml.safe_load((root / "seeds" / "manifest.yaml").read_text(encoding="utf-8"))
    files = {}
    for doc in manifest["documents"]:
        path = root / "seeds" / doc["file"]
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != doc["sha256"]:
            raise ReleaseError(
                f"seeds/{doc['file']}: sha256 {digest} differs from the manifest's {doc['sha256']}"
            )
        files[doc["file"]] = data
    return sha256sums(files)


def _build_report(build: Path) -> bytes:
    report_path = build / "last_build.json"
    if not report_path.exists():
        raise ReleaseError(f"{report_path} is missing: build the book first (make book)")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    kept = {
        "compiled": report.get("compiled"),
        "seconds": report.get("seconds"),
        "chapters": report.get("chapters", []),
    }
    return (json.dumps(kept, indent=1, sort_keys=True, default=str) + "\n").encode("utf-8")


def collect(build: Path, root: Path | None = None) -> dict[str, bytes]:
    """Every file of the archive (except ``SHA256SUMS``), by name inside the archive folder."""
    root = Path(root or paths.ROOT)
    build = Path(build)
    html_dir = build / "html"
    src = build / "book_src"
    if not (html_dir / "index.html").exists() or not src.is_dir():
        raise ReleaseError(
            f"no built book in {build} (expected html/index.html and book_src/): run `make book` first"
        )
    problems = check_captions_and_links(html_dir)
    if problems:
        raise ReleaseError(
            "the built book has charts or tables without caption or CSV:\n  " + "\n  ".join(problems)
        )
    files: dict[str, bytes] = {}
    html_real = html_dir.resolve()
    for path in sorted(html_real.rglob("*")):
        if path.is_file() and path.name not in HTML_SKIP:
            files["html/" + path.relative_to(html_real).as_posix()] = path.read_bytes()
    for entry in build_mod.toc_entries(paths.toc_file()):
        staged = src / f"{entry}.ipynb"
        if staged.exists():
            files[f"notebooks/{Path(entry).name}.ipynb"] = staged.read_bytes()
    tables = src / "_extra" / "tables"
    if tables.is_dir():
        for path in sorted(tables.rglob("*")):
            if path.is_file():
                files["tables/" + path.relative_to(tables).as_posix()] = path.read_bytes()
    files["seeds/manifest.yaml"] = (root / "seeds" / "manifest.yaml").read_bytes()
    files["seeds/SHA256SUMS"] = _seed_checksums(root).encode("utf-8")
    for rel in PROJECT_FILES:
        if (root / rel).exists():
            files[rel] = (root / rel).read_bytes()
    files["build-report.json"] = _build_report(build)
    files["RIGHTS.md"] = RIGHTS.encode("utf-8")
    files["RELEASE.md"] = release_notes(root).encode("utf-8")
    return files


def release_notes(root: Path | None = None) -> str:
    """The archive's ``RELEASE.md``: contents, verification, files that may differ."""
    version = provenance.project_version()
    volatile = "\n".join(f"- `{pattern}`: {why}." for pattern, why in VOLATILE.items())
    return f"""\
# {project_name(root)} {version}

Release archive of the report "{_title(root)}", version {version}
(commit `{provenance.git_commit()}`).

## Contents

- `html/` -- the book; open `html/index.html` in a browser (works offline).
- `notebooks/` -- the executed chapter notebooks.
- `tables/<chapter>/` -- every table and every chart's data as CSV, and each
  chart's Vega-Lite spec (`.vl.json`).
- `seeds/manifest.yaml`, `seeds/SHA256SUMS` -- the seed texts' metadata,
  cleaning rules and checksums (the texts are not included: see `RIGHTS.md`).
- `requirements.lock`, `pyproject.toml` -- the exact environment.
- `CITATION.cff`, `.zenodo.json`, `references.bib` -- how to cite it, and what it cites.
- `build-report.json` -- how each chapter was run.

## Verify

    sha256sum -c SHA256SUMS

## Rebuild

From the repository at the commit above: `make setup`, then `make release`.
Every timestamp inside this archive is the commit time (SOURCE_DATE_EPOCH),
entries are sorted and permissions fixed, so the archive depends only on its
content. Two builds of the same commit give byte-identical files except
these, which record run times:

{volatile}
"""


def _title(root: Path | None) -> str:
    config = yaml.safe_load((Path(root or paths.ROOT) / "_config.yml").read_text(encoding="utf-8"))
    return config.get("title", "")


# --------------------------------------------------------------------------
# Writing the archive
# --------------------------------------------------------------------------
def write_zip(target: Path, folder: str, files: dict[str, bytes], epoch: int) -> Path:
    """Write ``files`` under ``folder/`` into a reproducible zip at ``target``.

    Sorted entries, every timestamp ``epoch`` (UTC; at least 1980-01-01, the
    zip format's earliest), mode 0644, no extra fields; written to a
    temporary file and renamed into place.
    """
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is honoured
            info.external_attr = (0o100644 & 0xFFFF) << 16
            archive.writestr(info, files[name], compresslevel=9)
    os.replace(tmp, target)
    return target


def make_release(
    build: Path | None = None,
    dist: Path | None = None,
    root: Path | None = None,
    run_build: bool = True,
    log=print,
    allow_dirty: bool = False,
) -> Path:
    """Build the book (unless ``run_build`` is false) and write the release archive.

    Returns the archive's path, ``<dist>/<name>-<version>.zip``.  A working
    tree with uncommitted changes is refused (its archive could not be
    rebuilt from the commit it records) unless ``allow_dirty``; the archive
    is then named ``<name>-<version>-dirty.zip``.
    """
    root = Path(root or paths.ROOT)
    build = Path(build or paths.build_dir()).resolve()
    dist = Path(dist or root / "dist")
    epoch = source_date_epoch(root)
    dirty = dirty_files(root)
    if dirty and not allow_dirty:
        raise ReleaseError(
            f"the working tree has uncommitted changes ({', '.join(dirty[:5])}"
            f"{', ...' if len(dirty) > 5 else ''}): a release must be rebuildable from its commit; "
            "commit them, or pass --allow-dirty for an archive named ...-dirty.zip"
        )
    if run_build:
        build_mod.build_book(build=build, log=log)
    from analysis.book.pdf import make_pdf, pdf_path

    edition = pdf_path(build)
    stamp = build / "html" / ".book-stamp"
    if (
        run_build
        or not edition.exists()
        or (stamp.exists() and edition.stat().st_mtime < stamp.stat().st_mtime)
    ):
        edition = make_pdf(build, log=log)  # else: the PDF of this very book, printed before
    files = collect(build, root)
    files[f"pdf/{edition.name}"] = edition.read_bytes()
    files["SHA256SUMS"] = sha256sums(files).encode("utf-8")
    folder = f"{project_name(root)}-{provenance.project_version()}{'-dirty' if dirty else ''}"
    target = write_zip(dist / f"{folder}.zip", folder, files, epoch)
    (dist / f"{folder}.zip.sha256").write_text(
        f"{hashlib.sha256(target.read_bytes()).hexdigest()}  {target.name}\n", encoding="utf-8"
    )
    log(
        f"release: {target} ({len(files)} files, {target.stat().st_size / 1e6:.1f} MB, "
        f"timestamps {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(max(epoch, ZIP_EPOCH_MIN)))})"
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.book.release",
        description="Build the book and write dist/<name>-<version>.zip.",
    )
    parser.add_argument("--build-dir", type=Path, help="build folder (default _build)")
    parser.add_argument("--dist", type=Path, help="output folder (default dist/)")
    parser.add_argument(
        "--no-build", action="store_true", help="archive the book already built in the build folder"
    )
    parser.add_argument(
        "--allow-dirty",
        action="store_true",
        help="archive a tree with uncommitted changes, as <name>-<version>-dirty.zip",
    )
    args = parser.parse_args(argv)
    try:
        make_release(args.build_dir, args.dist, run_build=not args.no_build, allow_dirty=args.allow_dirty)
        return 0
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
