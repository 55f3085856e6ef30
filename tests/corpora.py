"""Corpora for tests, built from the fixtures in ``tests/fixtures/`` (see its README).

Each builder writes one kind of corpus input under a folder it is given and
returns the path to pass as ``corpus_dir``; :data:`MATRIX` names them all.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import yaml

from analysis import paths
from analysis.corpus import schemas

#: The five published seeds, in manifest order (tests/test_manifest.py pins their
#: checksums).  A test of what these texts state reads only these, by id, so the
#: documents a user adds to seeds/ change nothing it expects.
PUBLISHED_SEEDS = ["tariq2026", "hashemite2025", "bonesh2023", "aljazeera2024", "humnews2025"]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NEWS = FIXTURES / "news"
PLAIN = FIXTURES / "plain"


def news_entries() -> list[dict]:
    """The fixture news reports' manifest entries, with their checksums."""
    entries = yaml.safe_load((NEWS / "entries.yaml").read_text(encoding="utf-8"))
    for entry in entries:
        entry["sha256"] = hashlib.sha256((NEWS / entry["file"]).read_bytes()).hexdigest()
    return entries


def manifest_entry(doc_id: str, file: str, data: bytes, **fields) -> dict:
    """A complete manifest entry for the bytes ``data``: its checksum, and every other
    required field (:data:`analysis.corpus.schemas.REQUIRED_FIELDS`) ``unknown``
    unless ``fields`` gives it; ``fields`` may add optional ones too."""
    entry = dict.fromkeys(schemas.REQUIRED_FIELDS, "unknown")
    entry.update(id=doc_id, file=file, sha256=hashlib.sha256(data).hexdigest())
    entry.update(fields)
    return entry


def read_manifest(folder: Path) -> dict:
    """The manifest of a corpus folder, as data."""
    return yaml.safe_load((Path(folder) / "manifest.yaml").read_text(encoding="utf-8"))


def write_manifest(folder: Path, data: dict) -> None:
    """Write ``data`` as the manifest of a corpus folder, keys in the order given."""
    (Path(folder) / "manifest.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def copy_seeds(target: Path) -> Path:
    """A writable copy of the project's seeds (texts and manifest) at ``target``."""
    target.mkdir(parents=True)
    for path in paths.SEEDS.iterdir():
        if path.is_file():
            shutil.copyfile(path, target / path.name)
    return target


def seeds(target: Path) -> Path:
    """The project's own seeds, as they are (the default corpus)."""
    return paths.SEEDS


def seeds_plus_news(target: Path) -> Path:
    """A copy of the seeds with the two fixture news reports added as the README says.

    A report that seeds/ already lists (a user added it, as the README says) is
    not added twice.
    """
    manifest = read_manifest(copy_seeds(target))
    listed = {entry["id"] for entry in manifest["documents"]}
    for entry in (e for e in news_entries() if e["id"] not in listed):
        shutil.copyfile(NEWS / entry["file"], target / entry["file"])
        manifest["documents"].append(entry)
    write_manifest(target, manifest)
    return target


def single_document(target: Path) -> Path:
    """A manifest corpus of one news report."""
    target.mkdir(parents=True)
    entry = news_entries()[0]
    shutil.copyfile(NEWS / entry["file"], target / entry["file"])
    (target / "manifest.yaml").write_text(yaml.safe_dump({"documents": [entry]}, sort_keys=False), "utf-8")
    return target


def news_reports(target: Path) -> Path:
    """A manifest corpus of the two fixture news reports (no seed in it)."""
    target.mkdir(parents=True)
    entries = news_entries()
    for entry in entries:
        shutil.copyfile(NEWS / entry["file"], target / entry["file"])
    (target / "manifest.yaml").write_text(yaml.safe_dump({"documents": entries}, sort_keys=False), "utf-8")
    return target


def manifest_ids(folder: Path) -> list[str]:
    """The ids a corpus folder's manifest lists, in order: what "every document" means."""
    data = yaml.safe_load((Path(folder) / "manifest.yaml").read_text(encoding="utf-8"))
    return [entry["id"] for entry in data["documents"]]


def _texts() -> dict[str, str]:
    files = [NEWS / "report_closure.txt", NEWS / "report_talks.txt", PLAIN / "alpha.txt"]
    return {p.stem: p.read_text(encoding="utf-8") for p in files}


def text_folder(target: Path) -> Path:
    """A folder of three ``.txt`` files and no manifest."""
    target.mkdir(parents=True)
    for name, text in _texts().items():
        (target / f"{name}.txt").write_text(text, encoding="utf-8")
    return target


def csv_table(target: Path) -> Path:
    """A CSV of documents: id, text and two metadata columns."""
    target.mkdir(parents=True)
    texts = _texts()
    table = pd.DataFrame(
        {
            "id": list(texts),
            "text": list(texts.values()),
            "date": ["2025-11-02", "2025-10-30", ""],
            "outlet_country": ["unknown", "unknown", "unknown"],
        }
    )
    path = target / "documents.csv"
    table.to_csv(path, index=False)
    return path


def parquet_integer_ids(target: Path) -> Path:
    """A Parquet table whose id column holds integers."""
    target.mkdir(parents=True)
    texts = _texts()
    path = target / "documents.parquet"
    pd.DataFrame({"id": [101, 102, 103], "text": list(texts.values())}).to_parquet(path)
    return path


def nothing_to_show(target: Path) -> Path:
    """Three short texts with no trade figure and no date (the plain fixtures)."""
    return PLAIN


#: Every corpus the matrix test runs each chapter on.
MATRIX = {
    "seeds": seeds,
    "seeds_plus_news": seeds_plus_news,
    "text_folder": text_folder,
    "csv": csv_table,
    "parquet_int_ids": parquet_integer_ids,
    "single_document": single_document,
    "no_figures_no_dates": nothing_to_show,
}
