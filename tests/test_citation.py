"""Citation metadata: CITATION.cff, .zenodo.json, references.bib and the How to cite page.

Where the expected values come from:
- the schemas are kept in tests/schemas (faithful subsets of the CFF 1.2.0
  schema and of Zenodo's deposit metadata; see their "$comment");
- the one version string is [project].version in pyproject.toml;
- the seed DOI is the identifier of tariq2026 in seeds/manifest.yaml
  (shared/data/corpus_facts.md: DOI 10.5281/zenodo.18679013);
- the APA and BibTeX layouts are checked on small metadata written here.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from types import SimpleNamespace

import jsonschema
import pybtex.database
import pytest
import yaml

from analysis import paths
from analysis.book import pages, provenance

SCHEMAS = paths.TESTS / "schemas"
DOI_RE = re.compile(r"^10\.\d{4,9}(\.\d+)?/\S+$")


def _validator(name):
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def cff():
    return pages.load_citation()


@pytest.fixture(scope="module")
def zenodo():
    return json.loads((paths.ROOT / ".zenodo.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_doi():
    manifest = yaml.safe_load(paths.MANIFEST.read_text(encoding="utf-8"))
    ident = {d["id"]: d["identifier"] for d in manifest["documents"]}["tariq2026"]
    assert ident.startswith("doi:")
    return ident[len("doi:") :]


# ---------------------------------------------------------------- validation
def test_citation_cff_validates_against_the_cff_schema(cff):
    errors = [e.message for e in _validator("cff-1.2.0.subset.schema.json").iter_errors(cff)]
    assert errors == []
    assert cff["cff-version"] == "1.2.0"


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (lambda d: d.pop("title"), "'title' is a required property"),
        (lambda d: d.update({"doi": "zenodo-please"}), "does not match"),
        (lambda d: d.update({"license": "MIT-ish"}), "is not valid under any of the given schemas"),
        (lambda d: d.update({"repository": "not a url"}), "does not match"),
        (lambda d: d.update({"titel": "typo"}), "Additional properties are not allowed"),
        (lambda d: d.update({"date-released": "21/11/2026"}), "does not match"),
    ],
)
def test_the_cff_schema_rejects_broken_metadata(cff, breakage, expected):
    broken = copy.deepcopy(cff)
    breakage(broken)
    messages = [e.message for e in _validator("cff-1.2.0.subset.schema.json").iter_errors(broken)]
    assert any(expected in m for m in messages), messages


def test_zenodo_json_validates_and_references_the_seed_doi(zenodo, seed_doi):
    validator = _validator("zenodo-deposit.subset.schema.json")
    assert [e.message for e in validator.iter_errors(zenodo)] == []
    assert {"identifier": seed_doi, "relation": "references", "scheme": "doi"} in zenodo[
        "related_identifiers"
    ]
    broken = dict(zenodo, upload_type="publication")
    broken.pop("publication_type")
    assert any(
        "'publication_type' is a required property" in e.message for e in validator.iter_errors(broken)
    )
    assert list(validator.iter_errors(dict(zenodo, upload_type="paper")))


def test_cff_references_the_seed_doi_and_holds_no_doi_of_its_own_unless_minted(cff, seed_doi):
    assert seed_doi in [r.get("doi") for r in cff["references"]]
    # A DOI for the report itself may only be the DOI Zenodo minted for it:
    # never the seed's, and the same in .zenodo.json if that names one.
    own = pages.citation_doi(cff)
    assert own != seed_doi
    if own is not None:
        assert DOI_RE.match(own)


# ------------------------------------------------------- one version, one title
def test_version_is_the_same_everywhere(cff, zenodo):
    with open(paths.ROOT / "pyproject.toml", "rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    assert provenance.project_version() == version
    assert str(cff["version"]) == version
    assert zenodo["version"] == version
    config = (paths.ROOT / "_config.yml").read_text(encoding="utf-8")
    assert pages.VERSION_PLACEHOLDER in config  # the footer's version is filled at build time
    footer = yaml.safe_load(pages.render_config(config))["html"]["extra_footer"]
    assert f"Version {version}." in footer
    assert f"(Version {version})" in pages.citation_apa(cff)


def test_title_keywords_and_licences_agree(cff, zenodo):
    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cff["title"] == zenodo["title"] == config["title"]
    assert cff["keywords"] == zenodo["keywords"]
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}
    assert zenodo["license"] in cff["license"]
    assert zenodo["creators"] == [{"name": a["name"]} for a in cff["authors"]]


# ------------------------------------------------------------ How to cite page
def test_cite_page_bibtex_parses_and_matches_the_cff(cff):
    text = pages.render_page((paths.ROOT / "cite.md").read_text(encoding="utf-8"), runs={})
    assert "<!-- pa:" not in text
    bib = re.search(r"```bibtex\n(.*?)```", text, re.S).group(1)
    db = pybtex.database.parse_string(bib, "bibtex")
    ((key, entry),) = db.entries.items()
    assert key == pages.citation_key(cff)
    assert entry.fields["title"] == "{" + cff["title"] + "}"  # braces keep its capitals
    assert entry.fields["year"] == str(cff["date-released"])[:4]
    assert entry.fields["version"] == str(cff["version"])
    assert [str(p) for p in entry.persons["author"]] == ["{" + a["name"] + "}" for a in cff["authors"]]
    if pages.citation_doi(cff) is None:
        assert "doi" not in entry.fields
        assert "none has been minted for this version yet" in text
        assert "doi.org" not in text


def test_citation_with_a_minted_doi_and_person_authors():
    cff = {
        "title": "A Report",
        "version": "2.0.0",
        "date-released": "2027-03-04",
        "authors": [
            {"given-names": "Ada Mary", "family-names": "Lovelace"},
            {"given-names": "Wouter", "name-particle": "van", "family-names": "Atteveldt"},
        ],
        "identifiers": [{"type": "doi", "value": "10.5281/zenodo.1234567"}],
    }
    apa = pages.citation_apa(cff)
    # APA 7: "Family, I. I., & Family, I. (Year). *Title* (Version x) [Description]. https://doi.org/..."
    assert apa == (
        "Lovelace, A. M., & van Atteveldt, W. (2027). *A Report* (Version 2.0.0) "
        "[Computational report and software]. https://doi.org/10.5281/zenodo.1234567"
    )
    entry = pybtex.database.parse_string(pages.citation_bibtex(cff), "bibtex").entries["report2027"]
    assert entry.fields["doi"] == "10.5281/zenodo.1234567"
    assert "no DOI" not in entry.fields["note"]
    assert [p.last_names for p in entry.persons["author"]] == [["{Lovelace}"], ["{van Atteveldt}"]]
    page = pages.how_to_cite_markdown(cff)
    assert "[10.5281/zenodo.1234567](https://doi.org/10.5281/zenodo.1234567)" in page
    assert "none has been minted" not in page


# --------------------------------------------------------------- references.bib
REQUIRED_KEYS = {
    "hutto2014",
    "dunning1993",
    "rayson2000",
    "boydstun2014",
    "card2015",
    "semetko2000",
    "vanatteveldt2021",
    "boukes2020",
    "nielsen2011",
    "covington2010",
    "mccarthy2010",
    "shakoor2025",
    "tariq2026",
    "hashemite2025",
    "bonesh2023",
    "aljazeera2024",
    "humnews2025",
    "jupyterbook",
    "papermill",
    "nltk",
    "pandas",
    "altair",
    "vegalite",
}


def test_references_bib_parses_with_the_keys_chapters_cite(seed_doi):
    text = (paths.ROOT / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", text, re.M)
    assert len(keys) == len(set(keys)), "duplicate keys"
    db = pybtex.database.parse_string(text, "bibtex")
    assert REQUIRED_KEYS <= set(db.entries)
    for key, entry in db.entries.items():
        assert entry.fields.get("title"), key
        if "doi" in entry.fields:
            assert DOI_RE.match(entry.fields["doi"]), key
    # Seeds: only tariq2026 has a DOI (manifest: the others are "unknown").
    assert db.entries["tariq2026"].fields["doi"] == seed_doi
    for key in ("hashemite2025", "bonesh2023", "aljazeera2024", "humnews2025"):
        assert "doi" not in db.entries[key].fields
    assert "author" not in db.entries["aljazeera2024"].persons  # author unknown: not guessed


def test_config_renders_the_bibliography():
    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["bibtex_bibfiles"] == ["references.bib"]
    assert "{bibliography}" in (paths.ROOT / "references.md").read_text(encoding="utf-8")


# ------------------------------------------------------------ reproducibility
def test_execution_table_and_build_status(tmp_path):
    entry = tmp_path / "entry"
    entry.mkdir()
    (entry / "meta.json").write_text(
        json.dumps({"key": "abc123", "finished": "2026-01-01T00:00:00+0000", "parameters": {}})
    )
    runs = {"corpus": SimpleNamespace(entry=entry, seconds=2.25, cached=True)}
    text = pages.render_page("# R\n\n<!-- pa:execution-table -->\n", runs)
    row = [line for line in text.splitlines() if line.startswith("| corpus ")][0]
    assert "| 2.2 |" in row or "| 2.3 |" in row  # 2.25 s shown with one decimal
    assert "`abc123`" in row and "2026-01-01T00:00:00+0000" in row
    page = tmp_path / "reproducibility.md"
    page.write_text(text, encoding="utf-8")
    # the status is filled only at compile time (see pages.py)
    assert "@@pa-status:corpus@@" in row
    assert pages.fill_build_status(tmp_path, runs) == [page]
    assert "| corpus | reused from the cache |" in page.read_text(encoding="utf-8")
    runs["corpus"].cached = False
    page.write_text(text, encoding="utf-8")
    pages.fill_build_status(tmp_path, runs)
    assert "| corpus | executed |" in page.read_text(encoding="utf-8")


def test_environment_lists_python_and_packages():
    import sys

    text = pages.environment_markdown()
    assert sys.version.split()[0] in text
    assert f"`pandas` | `{provenance.package_versions(('pandas',))['pandas']}`" in text
