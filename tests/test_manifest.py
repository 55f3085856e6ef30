"""Manifest loading and checksums.

Expected values come from the seeds themselves: the sha256 list in
shared/README.md and the facts in shared/data/corpus_facts.md.
"""

import hashlib
import shutil
import warnings

import corpora
import pytest

from analysis import paths
from analysis.corpus import manifest
from analysis.errors import CorpusError

# sha256 of the five seeds as published in shared/README.md.
SHARED_SHA256 = {
    "000_a2021995fba0b366.txt": "131d8967600565cf62c970ecd38353124973133802a01fb533662a284c20d46c",
    "001_cffcc0259fe4c2d0.txt": "e60e0f7397fbb4438ea55110586190cc186592a3778bb6b796d0c032480f3b8a",
    "002_d2439edab1c1c234.txt": "015fcd49d26ecc50d1439c38f08d30696c0461bc54cf006e568afddfcdc4c8bc",
    "003_3183bd3c9aab315d.txt": "39a02b871489682a2125faa61cdd8e5a582f79fc23b023be31235c5d4c962d65",
    "004_09e40576f325d582.txt": "0bd515d40298ae7de87329649b4d06993e3688a5e02ccef257e83b2b4f70fe8e",
}


def test_published_seeds_keep_their_published_checksums():
    """The one test that pins the seeds: each of the five published files is
    byte-identical to the text as received, and the manifest records that
    checksum.  Documents a user adds beside them are not pinned here (their
    own manifest checksums are checked on loading)."""
    recorded = {d.meta["file"]: d.meta["sha256"] for d in manifest.load_documents()}
    for name, digest in SHARED_SHA256.items():
        assert hashlib.sha256((paths.SEEDS / name).read_bytes()).hexdigest() == digest, name
        assert recorded.get(name) == digest, f"{name}: manifest records {recorded.get(name)}"


def test_manifest_metadata_matches_corpus_facts():
    meta = {d.id: d.meta for d in manifest.load_documents()}
    # corpus_facts.md: seed 000 has DOI 10.5281/zenodo.18679013 and three authors.
    assert meta["tariq2026"]["identifier"] == "doi:10.5281/zenodo.18679013"
    assert len(meta["tariq2026"]["authors"]) == 3
    # corpus_facts.md: seed 003's author and date are unknown.
    assert meta["aljazeera2024"]["authors"] == ["unknown"]
    assert meta["aljazeera2024"]["date"] == "unknown"
    # corpus_facts.md: seed 002 is Al Mayadeen English, 2023-04-20.
    assert meta["bonesh2023"]["date"] == "2023-04-20"
    assert "Al Mayadeen" in meta["bonesh2023"]["outlet"]


@pytest.fixture
def corpus_copy(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS, target)
    for f in target.iterdir():
        f.chmod(0o644)
    return target


def test_checksum_mismatch_names_the_file(corpus_copy):
    seed = corpus_copy / "004_09e40576f325d582.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "tampered\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"004_09e40576f325d582\.txt: sha256 is"):
        manifest.load_documents(corpus_copy)


def test_duplicate_id_is_refused(corpus_copy):
    text = (corpus_copy / "manifest.yaml").read_text(encoding="utf-8")
    (corpus_copy / "manifest.yaml").write_text(
        text.replace("id: hashemite2025", "id: tariq2026"), encoding="utf-8"
    )
    with pytest.raises(CorpusError, match="duplicate document id 'tariq2026'"):
        manifest.load_documents(corpus_copy)


def test_python_tags_are_refused_not_executed(corpus_copy, tmp_path):
    marker = tmp_path / "executed"
    payload = f"!!python/object/apply:os.system ['touch {marker}']\n"
    (corpus_copy / "manifest.yaml").write_text("documents: " + payload, encoding="utf-8")
    with pytest.raises(CorpusError, match="refused a YAML tag"):
        manifest.load_documents(corpus_copy)
    assert not marker.exists()


def test_unlisted_file_warns_with_its_name(corpus_copy):
    (corpus_copy / "extra.txt").write_text("An extra text.\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = manifest.load_documents(corpus_copy)
    # expected: the ids the copied manifest lists, in order (whatever seeds/ holds)
    assert [d.id for d in docs] == corpora.manifest_ids(corpus_copy)
    assert "extra.txt" not in {d.meta["file"] for d in docs}
    assert any("extra.txt: not listed" in str(w.message) for w in caught)


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"caf\xe9 au lait\n", "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ],
)
def test_unusable_text_is_refused(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=expected) as info:
        manifest.read_text_checked(path)
    assert "bad.txt" in str(info.value)


def test_oversized_seed_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse file: no 10 MB written to disk
        handle.truncate(manifest.MAX_SEED_BYTES + 1)
    with pytest.raises(CorpusError, match="over the limit"):
        manifest.read_text_checked(path)


def test_missing_corpus_folder_is_named(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        manifest.load_documents(tmp_path / "nowhere")
