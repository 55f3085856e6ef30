"""The release archive: reproducible, complete, checkable.

Where the expected values come from:
- the SHA-256 of b"abc" is the FIPS 180-2 test vector (ba7816bf...);
- 315532800 is 1980-01-01T00:00:00Z, the earliest time a zip entry can hold;
- the list of files allowed to differ between two builds is release.VOLATILE
  (measured by building the same commit twice; the slow test re-measures it);
- the HTML snippets in the caption checks are written here in the shape
  analysis/report.py emits.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from support import copy_project, run_module

from analysis.book import provenance, release

EPOCH = 1780000000  # 2026-05-28T20:26:40Z, an arbitrary fixed commit time


# --------------------------------------------------------------- unit tests
def test_sha256sums_format_and_round_trip():
    text = release.sha256sums({"b.txt": b"", "a/x.csv": b"abc"})
    assert text.splitlines() == [
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a/x.csv",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b.txt",
    ]
    assert release.parse_sha256sums(text) == {
        "a/x.csv": hashlib.sha256(b"abc").hexdigest(),
        "b.txt": hashlib.sha256(b"").hexdigest(),
    }


def test_zip_is_byte_identical_sorted_with_fixed_time_and_mode(tmp_path):
    files = {"z.txt": b"last", "a/b.csv": b"x,y\n1,2\n", "RIGHTS.md": b"r"}
    one = release.write_zip(tmp_path / "1" / "p-1.zip", "p-1", files, EPOCH)
    two = release.write_zip(tmp_path / "2" / "p-1.zip", "p-1", dict(reversed(list(files.items()))), EPOCH)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["p-1/RIGHTS.md", "p-1/a/b.csv", "p-1/z.txt"]
        assert {i.date_time for i in infos} == {(2026, 5, 28, 20, 26, 40)}
        assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
        assert archive.read("p-1/a/b.csv") == b"x,y\n1,2\n"
    old = release.write_zip(tmp_path / "old.zip", "p", files, 0)  # before the zip epoch: clamped
    with zipfile.ZipFile(old) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_source_date_epoch(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert release.source_date_epoch() == 1234567890
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(release.ReleaseError, match="SOURCE_DATE_EPOCH must be an integer"):
        release.source_date_epoch()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with pytest.raises(release.ReleaseError, match="set SOURCE_DATE_EPOCH"):
        release.source_date_epoch(tmp_path)  # not a git checkout


def test_derived_tables_are_never_volatile():
    assert not release.is_volatile("tables/corpus/documents.csv")
    assert not release.is_volatile("seeds/SHA256SUMS")
    assert not release.is_volatile("CITATION.cff")
    assert release.is_volatile("html/chapters/corpus.html")


GOOD_PAGE = """<html><body>
<div class="pa-table-wrap" data-table="docs"><table></table></div>
<p class="pa-caption"><strong>Table 1.</strong> Docs. <em>Made by chapter <code>c</code> with the parameters
shown at the top of this page.</em> <a class="pa-csv" href="../tables/c/docs.csv" download>Data (CSV)</a></p>
<div class="pa-chart" id="pa-chart-1"></div><script>1</script>
<p class="pa-caption"><strong>Figure 1.</strong> Lengths. <em>Made by chapter <code>c</code></em>
<a class="pa-csv" href="../tables/c/lengths.csv" download>Data (CSV)</a></p>
</body></html>"""


def _book(tmp_path, page_html, csvs=("docs", "lengths")):
    html = tmp_path / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "tables" / "c").mkdir(parents=True)
    for name in csvs:
        (html / "tables" / "c" / f"{name}.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (html / "chapters" / "01_c.html").write_text(page_html, encoding="utf-8")
    return html


def test_caption_check_accepts_a_good_page(tmp_path):
    assert release.check_captions_and_links(_book(tmp_path, GOOD_PAGE)) == []


def test_caption_check_finds_missing_caption_and_broken_link(tmp_path):
    no_caption = GOOD_PAGE.replace('<p class="pa-caption"><strong>Figure 1.', "<p><strong>Figure 1.")
    problems = release.check_captions_and_links(_book(tmp_path / "a", no_caption))
    assert problems == ["chapters/01_c.html: chart pa-chart-1 has no caption"]
    problems = release.check_captions_and_links(_book(tmp_path / "b", GOOD_PAGE, csvs=("docs",)))
    assert problems == [
        "chapters/01_c.html: CSV link '../tables/c/lengths.csv' is broken (no file lengths.csv)"
    ]
    anonymous = GOOD_PAGE.replace("<em>Made by chapter <code>c</code></em>", "")
    problems = release.check_captions_and_links(_book(tmp_path / "c", anonymous))
    assert problems == [
        "chapters/01_c.html: chart pa-chart-1: caption does not name the chapter that made it"
    ]


# ------------------------------------------------------- end to end (slow)
def _run_release(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAKAFGHAN_")}
    env["SOURCE_DATE_EPOCH"] = str(EPOCH)
    return run_module(root, "analysis.book.release", *args, env=env, timeout=1200)


def _sums(zip_path: Path) -> dict[str, str]:
    with zipfile.ZipFile(zip_path) as archive:
        folder = archive.namelist()[0].split("/")[0]
        return release.parse_sha256sums(archive.read(f"{folder}/SHA256SUMS").decode())


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    """A project copy with a short book (corpus + the generated pages), released from two builds."""
    root = copy_project(tmp_path_factory.mktemp("release") / "repo")
    (root / "_toc.yml").write_text(
        yaml.safe_dump(
            {
                "format": "jb-book",
                "root": "index",
                "chapters": [
                    {"file": f} for f in ("chapters/corpus", "cite", "reproducibility", "references")
                ],
            }
        )
    )
    first = _run_release(root, "--build-dir", str(root / "bA"), "--dist", str(root / "dA"))
    assert first.returncode == 0, first.stdout + first.stderr
    again = _run_release(root, "--build-dir", str(root / "bA"), "--dist", str(root / "dA2"), "--no-build")
    assert again.returncode == 0, again.stderr
    second = _run_release(root, "--build-dir", str(root / "bB"), "--dist", str(root / "dB"))
    assert second.returncode == 0, second.stderr
    name = f"{release.project_name(root)}-{provenance.project_version()}"
    return root, name, first.stdout


@pytest.mark.slow
def test_release_archive_is_named_by_version_and_complete(two_releases):
    root, name, _ = two_releases
    target = root / "dA" / f"{name}.zip"
    assert target.exists()
    assert (root / "dA" / f"{name}.zip.sha256").read_text().split()[0] == hashlib.sha256(
        target.read_bytes()
    ).hexdigest()
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert all(n.startswith(f"{name}/") for n in names)
        rel = {n[len(name) + 1 :] for n in names}
        for required in (
            "html/index.html",
            "html/cite.html",
            "html/reproducibility.html",
            "notebooks/corpus.ipynb",
            "tables/corpus/documents.csv",
            "seeds/manifest.yaml",
            "seeds/SHA256SUMS",
            "requirements.lock",
            "CITATION.cff",
            ".zenodo.json",
            "references.bib",
            "LICENSE",
            "RIGHTS.md",
            "RELEASE.md",
            "build-report.json",
            "SHA256SUMS",
        ):
            assert required in rel, required
        assert not [
            n for n in rel if n.startswith("seeds/") and n.endswith(".txt")
        ]  # texts not redistributed
        # every file is listed in SHA256SUMS with its true checksum (what `sha256sum -c` checks)
        sums = _sums(target)
        assert set(sums) == rel - {"SHA256SUMS"}
        for item, digest in sums.items():
            assert hashlib.sha256(archive.read(f"{name}/{item}")).hexdigest() == digest, item
        # the seeds' checksums are those of the manifest
        manifest = yaml.safe_load(archive.read(f"{name}/seeds/manifest.yaml"))
        seed_sums = release.parse_sha256sums(archive.read(f"{name}/seeds/SHA256SUMS").decode())
        assert seed_sums == {d["file"]: d["sha256"] for d in manifest["documents"]}
        rights = archive.read(f"{name}/RIGHTS.md").decode()
        assert "belong to their" in rights and "MIT" in rights and "CC-BY-4.0" in rights
        notes = archive.read(f"{name}/RELEASE.md").decode()
        for pattern in release.VOLATILE:
            assert f"`{pattern}`" in notes


@pytest.mark.slow
def test_two_releases_of_one_build_are_byte_identical(two_releases):
    root, name, _ = two_releases
    assert (root / "dA" / f"{name}.zip").read_bytes() == (root / "dA2" / f"{name}.zip").read_bytes()


@pytest.mark.slow
def test_two_builds_differ_only_in_the_listed_files(two_releases):
    root, name, _ = two_releases
    a, b = _sums(root / "dA" / f"{name}.zip"), _sums(root / "dB" / f"{name}.zip")
    assert set(a) == set(b)
    differing = sorted(k for k in a if a[k] != b[k])
    assert [k for k in differing if not release.is_volatile(k)] == []
    # the derived data is byte-identical between the two builds
    tables = [k for k in a if k.startswith("tables/")]
    assert tables and all(a[k] == b[k] for k in tables)


@pytest.mark.slow
def test_released_book_shows_version_and_status(two_releases):
    root, name, _ = two_releases
    version = provenance.project_version()
    with zipfile.ZipFile(root / "dA" / f"{name}.zip") as archive:
        for page in ("index.html", "cite.html", "chapters/corpus.html"):
            assert f"Version {version}." in archive.read(f"{name}/html/{page}").decode(), page
        repro = archive.read(f"{name}/html/reproducibility.html").decode()
        assert "@@pa-status" not in repro and "executed" in repro
        cite = re.sub(r"<[^>]+>", "", archive.read(f"{name}/html/cite.html").decode())  # text, not markup
        assert "@misc{" in cite and f"(Version {version})" in cite


@pytest.mark.slow
def test_rebuild_with_nothing_changed_does_not_recompile(two_releases):
    """The executed/cached status must not make an unchanged book look changed."""
    root = two_releases[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAKAFGHAN_")}
    env["PYTHONPATH"] = str(root)
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--build-dir", str(root / "bA")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    assert "nothing changed" in proc.stdout and "executed" not in proc.stdout


@pytest.mark.slow
def test_every_chart_and_table_of_the_full_book_has_caption_and_csv(built_book):
    """On the whole book (the session's end-to-end build): captions and working CSV links."""
    assert release.check_captions_and_links(built_book.html) == []
