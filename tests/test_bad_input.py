"""Bad input is refused cleanly: a non-zero exit, a message naming the file or
parameter and what was expected, the published book and the seeds untouched.

Every case runs the project's own command line in a child process:

* corpus cases run ``python -m analysis check --corpus DIR`` on a copy of the
  seeds spoiled in one way (fast), and again through the book build
  (``python -m analysis chapter corpus -p corpus_dir DIR``, slow) against the
  session's built book, whose ``html`` must come out byte for byte the same;
* parameter cases run ``python -m analysis chapter`` / ``build --params``.

Expected messages are the ones ``analysis/manifest.py`` and
``analysis/params.py`` raise; each test asserts the file or parameter name
and the expectation ("expected a UTF-8 text file", "expects int", ...).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import corpora
import pytest
from support import run_cli

from analysis import paths
from analysis.corpus import manifest

#: A YAML tag that, were the manifest loaded with ``yaml.load``/``unsafe_load``,
#: would run a shell command creating ``MARKER_NAME`` beside the manifest.
MARKER_NAME = "PWNED_BY_YAML"


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (symlinks followed), by relative path."""
    root = Path(root)
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def book_snapshot(build: Path) -> dict:
    """What must not change when a build fails: the html symlink target and every file in it."""
    link = build / "html"
    return {"target": os.readlink(link) if link.is_symlink() else None, "files": tree_digest(link)}


def new_entry(doc_id: str, file: str, data: bytes) -> dict:
    """A complete manifest entry for ``data`` (every required field, the right checksum)."""
    return corpora.manifest_entry(
        doc_id, file, data, title=f"Test document {doc_id}", authors=["unknown"], year=2025, genre="test"
    )


def add_document(corpus: Path, doc_id: str, file: str, data: bytes) -> Path:
    """Write ``data`` to ``corpus/file`` and list it in the manifest (correct checksum)."""
    (corpus / file).write_bytes(data)
    manifest_data = corpora.read_manifest(corpus)
    manifest_data["documents"].append(new_entry(doc_id, file, data))
    corpora.write_manifest(corpus, manifest_data)
    return corpus / file


# --------------------------------------------------------------------------
# The spoiled corpora: each returns the phrases the error message must hold
# --------------------------------------------------------------------------
def empty_seed(corpus):
    path = add_document(corpus, "empty", "empty.txt", b"")
    return [str(path), "the file is empty; expected the text of a document"]


def blank_seed(corpus):  # whitespace only is as empty as no bytes
    path = add_document(corpus, "blank", "blank.txt", b" \n\n\t \n")
    return [str(path), "the file is empty"]


def latin1_seed(corpus):
    # "Peshawar–Kabul" with an en dash in cp1252 (0x96) and "é" in Latin-1 (0xe9)
    path = add_document(
        corpus, "latin1", "latin1.txt", "Caf\xe9 talks in Peshawar".encode("latin-1") + b" \x96 Kabul.\n"
    )
    return [str(path), "not valid UTF-8", "expected a UTF-8 text file"]


def binary_seed(corpus):
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
        b"\x00\x00\x00IEND\xaeB`\x82"
    )
    path = add_document(corpus, "image", "image.txt", png)
    return [str(path), "binary file, expected UTF-8 text"]


HUGE_BYTES = 50 * 1024 * 1024


def huge_seed(corpus):
    # Valid UTF-8 prose, so only the size can refuse it.  The checksum is not
    # computed here: the size is checked first, before the file is read.
    path = corpus / "huge.txt"
    line = b"The border crossing at Torkham stayed closed for another week. " * 16 + b"\n"
    with open(path, "wb") as handle:
        for _ in range(HUGE_BYTES // len(line) + 1):
            handle.write(line)
    data = corpora.read_manifest(corpus)
    entry = new_entry("huge", "huge.txt", b"")
    entry["sha256"] = "0" * 64
    data["documents"].append(entry)
    corpora.write_manifest(corpus, data)
    return [str(path), f"is over the limit of {manifest.MAX_SEED_BYTES:,} bytes"]


def missing_file(corpus):
    data = corpora.read_manifest(corpus)
    data["documents"].append(new_entry("ghost", "ghost.txt", b"x"))
    corpora.write_manifest(corpus, data)
    return [str(corpus / "ghost.txt"), "listed in the manifest but the file does not exist"]


def duplicate_id(corpus):
    data = corpora.read_manifest(corpus)
    twin = dict(data["documents"][1], id=data["documents"][0]["id"])
    data["documents"][1] = twin
    corpora.write_manifest(corpus, data)
    return [str(corpus / "manifest.yaml"), "duplicate document id 'tariq2026'", "ids must be unique"]


def checksum_mismatch(corpus):
    data = corpora.read_manifest(corpus)
    target = corpus / data["documents"][2]["file"]
    target.write_bytes(target.read_bytes().replace(b"Pakistan", b"Pakistam", 1))
    return [str(target), "but the manifest records", data["documents"][2]["sha256"]]


def python_object_tag(corpus):
    marker = corpus / MARKER_NAME
    text = (corpus / "manifest.yaml").read_text(encoding="utf-8")
    payload = f'exploit: !!python/object/apply:os.system ["touch {marker}"]\n'
    (corpus / "manifest.yaml").write_text(payload + text, encoding="utf-8")
    return [
        str(corpus / "manifest.yaml"),
        "refused a YAML tag that is not plain data",
        "python/object/apply:os.system",
    ]


def malformed_yaml(corpus):
    text = (corpus / "manifest.yaml").read_text(encoding="utf-8")
    (corpus / "manifest.yaml").write_text(
        text.replace("  - id: bonesh2023", "  - id: [bonesh2023", 1), encoding="utf-8"
    )
    return [str(corpus / "manifest.yaml"), "not valid YAML"]


def outside_path(corpus):
    outside = corpus.parent / "outside.txt"
    outside.write_text("A text outside the corpus folder.\n", encoding="utf-8")
    data = corpora.read_manifest(corpus)
    data["documents"].append(new_entry("escape", "../outside.txt", outside.read_bytes()))
    corpora.write_manifest(corpus, data)
    return [str(corpus / "manifest.yaml"), "file '../outside.txt' must be inside"]


def missing_corpus(corpus):
    # the corpus folder itself is not there (the corpus chapter's corpus_dir)
    for path in corpus.iterdir():
        path.unlink()
    corpus.rmdir()
    return [str(corpus), "corpus folder does not exist"]


CORPUS_CASES = {
    "empty_seed": empty_seed,
    "blank_seed": blank_seed,
    "not_utf8_seed": latin1_seed,
    "binary_seed": binary_seed,
    "seed_over_size_limit": huge_seed,
    "manifest_file_missing": missing_file,
    "duplicate_id": duplicate_id,
    "checksum_mismatch": checksum_mismatch,
    "python_object_tag": python_object_tag,
    "malformed_yaml": malformed_yaml,
    "file_outside_corpus": outside_path,
    "corpus_dir_missing": missing_corpus,
}


@pytest.fixture
def spoiled(request, tmp_path):
    """A copy of the seeds spoiled by one case; yields (corpus dir, expected phrases)."""
    corpus = corpora.copy_seeds(tmp_path / "corpus")
    expected = CORPUS_CASES[request.param](corpus)
    project_seeds = tree_digest(paths.SEEDS)
    before = tree_digest(corpus) if corpus.exists() else {}
    yield corpus, expected
    assert tree_digest(paths.SEEDS) == project_seeds, "the project's seeds changed"
    assert (tree_digest(corpus) if corpus.exists() else {}) == before, "the bad corpus was modified"
    assert not (corpus / MARKER_NAME).exists(), "a YAML tag in the manifest executed code"


def assert_refused(proc: subprocess.CompletedProcess, expected: list[str]) -> None:
    assert proc.returncode == 2, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "error:" in proc.stderr
    assert "Traceback (most recent call last)" not in proc.stderr.split("error:")[0], proc.stderr
    for phrase in expected:
        assert phrase in proc.stderr, f"{phrase!r} not in the message:\n{proc.stderr}"


# --------------------------------------------------------------------------
# Corpus problems: the check command, then the book build
# --------------------------------------------------------------------------
@pytest.mark.parametrize("spoiled", list(CORPUS_CASES), indirect=True)
def test_check_refuses_bad_corpus(spoiled):
    corpus, expected = spoiled
    proc = run_cli(paths.ROOT, "check", "--corpus", str(corpus), timeout=120)
    assert_refused(proc, expected)
    assert proc.stderr.count("error:") == 1 and proc.stderr.startswith("error:"), proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("spoiled", list(CORPUS_CASES), indirect=True)
def test_build_refuses_bad_corpus_and_keeps_the_book(spoiled, built_book):
    corpus, expected = spoiled
    before = book_snapshot(built_book.build)
    proc = run_cli(built_book.root, "chapter", "corpus", "-p", "corpus_dir", str(corpus))
    assert_refused(proc, expected)
    # refused while the parameters are checked, before any kernel starts (no notebook traceback)
    assert proc.stderr.startswith("error: chapter 'corpus': parameter 'corpus_dir': "), proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert book_snapshot(built_book.build) == before, "a failed build changed the published book"


def test_file_not_in_manifest_is_reported_by_name(tmp_path):
    """An unlisted file is left out with a warning (not an error): a user may
    stage a text before writing its manifest entry, and nothing unlisted is
    ever analysed."""
    corpus = corpora.news_reports(tmp_path / "corpus")
    (corpus / "005_unlisted.txt").write_text("A text nobody listed.\n", encoding="utf-8")
    proc = run_cli(paths.ROOT, "check", "--corpus", str(corpus), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"{corpus / '005_unlisted.txt'}: not listed in manifest.yaml, so it is not analysed" in proc.stderr
    assert "unlisted" not in proc.stdout
    # expected: one "ok" line per manifest entry, in its order (the two reports, not three texts)
    checked = [line.split()[0] for line in proc.stdout.splitlines() if line.endswith("ok")]
    assert checked == corpora.manifest_ids(corpus)


def test_huge_seed_is_refused_in_bounded_memory(tmp_path):
    """The size limit is applied before the file is read, so a 50 MB seed costs
    no more memory than a normal check (peak RSS of the child process)."""

    def peak_rss_kb(corpus):
        env = dict(os.environ, PYTHONPATH=str(paths.ROOT))
        proc = subprocess.Popen(
            [sys.executable, "-m", "analysis", "check", "--corpus", str(corpus)],
            cwd=paths.ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        return proc.returncode, err.decode(), usage.ru_maxrss  # kB on Linux

    good = corpora.copy_seeds(tmp_path / "good")
    bad = corpora.copy_seeds(tmp_path / "bad")
    huge_seed(bad)
    assert (bad / "huge.txt").stat().st_size >= HUGE_BYTES
    code_good, _, rss_good = peak_rss_kb(good)
    code_bad, err, rss_bad = peak_rss_kb(bad)
    assert code_good == 0 and code_bad == 2, err
    assert "huge.txt" in err and "over the limit" in err
    # reading the file would add >= 50 MB; allow 20 MB of noise
    assert rss_bad < rss_good + 20 * 1024, (rss_good, rss_bad)


# --------------------------------------------------------------------------
# Parameter problems
# --------------------------------------------------------------------------
PARAMETER_CASES = {
    "unknown_parameter": (
        ["chapter", "corpus", "-p", "top_k", "5"],
        [
            "chapter 'corpus': unknown parameter(s) top_k",
            "valid parameters: corpus_dir, documents, excerpt_chars",
        ],
    ),
    "wrong_type_int": (
        ["chapter", "corpus", "-p", "excerpt_chars", "eighty"],
        ["parameter 'excerpt_chars' expects int, got string 'eighty'"],
    ),
    "wrong_type_list": (
        ["chapter", "corpus", "-p", "documents", "True"],
        ["parameter 'documents' expects list, got bool (True/False) True"],
    ),
    "wrong_type_float": (
        ["chapter", "corpus", "-p", "excerpt_chars", "2.5"],
        ["parameter 'excerpt_chars' expects int, got number 2.5"],
    ),
    "unknown_chapter": (
        ["chapter", "no_such_chapter", "-p", "x", "1"],
        ["unknown chapter 'no_such_chapter'; valid chapters:"],
    ),
    "unknown_document": (
        ["chapter", "corpus", "-p", "documents", "tariq2026,nosuchdoc"],
        ["unknown document id(s) 'nosuchdoc'", "valid ids: tariq2026"],
    ),
    # the trade chapter's years must lie inside the data it reads (analysis/trade.py)
    "year_range_outside_data": (
        ["chapter", "trade", "-p", "year_range", "[1990, 2024]"],
        ["parameter 'year_range' = [1990, 2024] lies outside the data"],
    ),
    "year_range_reversed": (
        ["chapter", "trade", "-p", "year_range", "[2024, 2020]"],
        ["parameter 'year_range' = [2024, 2020]: first year after last year"],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(PARAMETER_CASES))
def test_bad_parameter_is_refused_and_keeps_the_book(case, built_book, tmp_path):
    args, expected = PARAMETER_CASES[case]
    before = book_snapshot(built_book.build)
    seeds = tree_digest(built_book.root / "seeds")
    # the chapter's book: the project's, or (when a private toc leaves the chapter
    # out) a toc holding just that chapter; nothing is published either way
    env = {}
    chapter = args[1]
    if chapter == "trade":
        toc = tmp_path / "toc.yml"
        toc.write_text(
            "format: jb-book\nroot: index\nchapters:\n  - file: chapters/trade\n", encoding="utf-8"
        )
        env["PAKAFGHAN_TOC"] = str(toc)
    proc = run_cli(built_book.root, *args, env=env)
    assert_refused(proc, expected)
    assert book_snapshot(built_book.build) == before
    assert tree_digest(built_book.root / "seeds") == seeds


@pytest.mark.slow
@pytest.mark.parametrize(
    "content, expected",
    [
        ("corpus:\n  excerpt_chars: many\n", "parameter 'excerpt_chars' expects int"),
        ("corpus:\n  nope: 1\n", "unknown parameter(s) nope"),
        # a list parameter given a mapping (on a command line "-p documents 5" is the
        # one-item list ['5'], an integer id: analysis/book/params.py coerce)
        ("corpus:\n  documents:\n    a: 1\n", "parameter 'documents' expects list, got mapping"),
        ("corpus: [1, 2\n", "not valid YAML"),
        (
            "corpus: !!python/object/apply:os.system ['touch {marker}']\n",
            "refused a YAML tag that is not plain data",
        ),
    ],
)
def test_bad_parameters_file_is_refused(content, expected, built_book, tmp_path):
    marker = tmp_path / MARKER_NAME
    params_file = tmp_path / "scenario.yaml"
    params_file.write_text(content.format(marker=marker), encoding="utf-8")
    before = book_snapshot(built_book.build)
    proc = run_cli(
        built_book.root, "build", "--params", str(params_file), "--build-dir", str(built_book.build)
    )
    assert_refused(proc, [str(params_file), expected] if "YAML" in expected else [expected])
    assert not marker.exists()
    assert book_snapshot(built_book.build) == before
