"""Pages of the book that are generated at build time, and the citation text.

Two pages are not notebooks but Markdown templates filled in by the build
when it stages the book source (:func:`render_page`, called from
``build.stage``):

* ``cite.md`` ("How to cite") -- its ``<!-- pa:how-to-cite -->`` marker
  becomes the APA text and BibTeX entry made from ``CITATION.cff``, the
  single source of the citation metadata, so the page can never disagree
  with it (and never shows a DOI that ``CITATION.cff`` does not hold);
* ``reproducibility.md`` -- ``<!-- pa:environment -->`` becomes the Python
  and package versions, ``<!-- pa:execution-table -->`` the table of the
  chapters' runs.

The execution table says, for each chapter, whether the build that compiled
the book executed it or reused it from the cache.  That status is filled in
by :func:`fill_build_status` only when the book is actually compiled, after
the build has hashed the staged source: otherwise a re-build with nothing
changed would see "executed" turn into "cached", count that as a change and
compile the book again for nothing.

``_config.yml`` may hold the placeholder ``@PROJECT_VERSION@`` (the footer
does); :func:`render_config` replaces it with the version from
``pyproject.toml``, the one place the version is written.
"""

from __future__ import annotations

import html
import json
import platform
import re
import sys
import time
from pathlib import Path

import yaml

from analysis import paths
from analysis.book import params, provenance

CITATION_FILE = "CITATION.cff"
VERSION_PLACEHOLDER = "@PROJECT_VERSION@"
#: Packages listed on the reproducibility page, besides provenance.REPORTED_PACKAGES.
BOOK_PACKAGES = ("sphinx", "sphinxcontrib-bibtex", "pybtex", "sphinx-book-theme")
_MARKER = "<!-- pa:{} -->"
_STATUS = "@@pa-status:{}@@"
_STATUS_RE = re.compile(r"@@pa-status:([A-Za-z0-9_\-]+)@@")


# --------------------------------------------------------------------------
# Citation (from CITATION.cff)
# --------------------------------------------------------------------------
def load_citation(path: Path | None = None) -> dict:
    """Read ``CITATION.cff`` as a dict; YAML dates come back as ``YYYY-MM-DD`` strings.

    The CFF schema types dates as strings; PyYAML would turn an unquoted
    ``2026-11-21`` into a ``datetime.date``.
    """
    path = Path(path or paths.ROOT / CITATION_FILE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def fix(value):
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        if hasattr(value, "isoformat") and not isinstance(value, str):
            return value.isoformat()
        return value

    cff = fix(data)
    url = repository_url()
    if url and not cff.get("repository-code"):
        cff["repository-code"] = url
    return cff


def repository_url(pyproject: Path | None = None) -> str | None:
    """The repository address, set once in ``pyproject.toml`` (``[project.urls] Repository``)."""
    import tomllib

    data = tomllib.loads(Path(pyproject or paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return (data.get("project", {}).get("urls") or {}).get("Repository")


def citation_doi(cff: dict) -> str | None:
    """The DOI of the release: ``doi``, else the first ``identifiers`` entry of type doi.

    >>> citation_doi({"identifiers": [{"type": "url", "value": "https://x.org"},
    ...                               {"type": "doi", "value": "10.1234/abc"}]})
    '10.1234/abc'
    >>> citation_doi({"title": "no DOI yet"}) is None
    True
    """
    if cff.get("doi"):
        return str(cff["doi"])
    for ident in cff.get("identifiers", []) or []:
        if ident.get("type") == "doi":
            return str(ident["value"])
    return None


def _year(cff: dict) -> str:
    return str(cff.get("date-released", ""))[:4] or "n.d."


def _apa_author(author: dict) -> str:
    if "name" in author:  # an entity
        return author["name"]
    family = " ".join(filter(None, [author.get("name-particle"), author.get("family-names")]))
    initials = " ".join(f"{part[0]}." for part in re.split(r"[\s]+", author.get("given-names", "")) if part)
    text = f"{family}, {initials}" if initials else family
    return f"{text}, {author['name-suffix']}" if author.get("name-suffix") else text


def apa_authors(authors: list[dict]) -> str:
    """APA author list: ``A``, ``A, & B``, ``A, B, & C``.

    >>> apa_authors([{"given-names": "Ada", "family-names": "Lovelace"},
    ...              {"given-names": "Charles", "family-names": "Babbage"}])
    'Lovelace, A., & Babbage, C.'
    >>> apa_authors([{"name": "The report's contributors"}])
    "The report's contributors"
    """
    names = [_apa_author(a) for a in authors]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def citation_apa(cff: dict) -> str:
    """APA-style (7th edition) reference in Markdown (title in italics).

    >>> citation_apa({"authors": [{"name": "Team"}], "title": "Report", "version": "1.0.0",
    ...               "date-released": "2026-01-02"})
    'Team. (2026). *Report* (Version 1.0.0) [Computational report and software].'
    """
    author = apa_authors(cff["authors"])
    text = f"{author}{'' if author.endswith('.') else '.'} ({_year(cff)}). *{cff['title']}*"
    if cff.get("version"):
        text += f" (Version {cff['version']})"
    text += " [Computational report and software]."
    doi = citation_doi(cff)
    if doi:
        text += f" https://doi.org/{doi}"
    elif cff.get("repository-code"):
        text += f" {cff['repository-code']}"
    return text


def citation_key(cff: dict) -> str:
    """BibTeX key: the first two words of the title that are longer than three letters, and the year.

    >>> citation_key({"title": "The Pakistan–Afghanistan stalemate", "date-released": "2026-11-21"})
    'pakistanafghanistan2026'
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", cff["title"]) if len(w) > 3]
    return "".join(words[:2]) + _year(cff)


def _bib_name(author: dict) -> str:
    if "name" in author:
        return "{" + author["name"] + "}"
    family = " ".join(filter(None, [author.get("name-particle"), author.get("family-names")]))
    return f"{{{family}}}, {author.get('given-names', '')}".rstrip(", ")


def citation_bibtex(cff: dict) -> str:
    """A BibTeX ``@misc`` entry for the release (parses with pybtex and BibTeX).

    There is a ``doi`` field only if ``CITATION.cff`` holds a DOI; otherwise
    the note says that none has been minted yet.
    """
    fields = [
        ("author", " and ".join(_bib_name(a) for a in cff["authors"])),
        ("title", "{" + cff["title"] + "}"),
        ("year", _year(cff)),
    ]
    if cff.get("version"):
        fields.append(("version", str(cff["version"])))
    doi = citation_doi(cff)
    if doi:
        fields.append(("doi", doi))
    url = cff.get("repository-code") or cff.get("url")
    if url:
        fields.append(("url", url))
    fields.append(
        (
            "howpublished",
            "Jupyter Book (HTML and PDF editions)"
            + (f", version {cff['version']}" if cff.get("version") else ""),
        )
    )
    note = f"Version {cff['version']}" if cff.get("version") else ""
    if not doi:
        note += ("; " if note else "") + "no DOI minted yet"
    fields.append(("note", note))
    body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation_key(cff)},\n{body},\n}}\n"


def how_to_cite_markdown(cff: dict, built: str | None = None) -> str:
    """The generated part of the "How to cite" page (``built``: the date these pages were built)."""
    doi = citation_doi(cff)
    lines = [
        f"This is version **{cff.get('version', 'unknown')}** of the report"
        + (f", released {cff['date-released']}." if cff.get("date-released") else ".")
    ]
    if built:
        lines += [
            "",
            f"These pages were built on {built}. A book rebuilt after its release (on another day, "
            "with other parameters or other texts) keeps the version number of the code it was built "
            "from, so the two dates can differ: cite the version and its release date, and say so if "
            "you cite a copy you rebuilt yourself.",
        ]
    if doi:
        lines += ["", f"**DOI:** [{doi}](https://doi.org/{doi})"]
    else:
        lines += [
            "",
            "**DOI:** none has been minted for this version yet. Cite the version "
            "number (and the repository address, if you have it); a DOI appears here, and in "
            "`CITATION.cff`, only once Zenodo has archived a tagged release.",
        ]
    lines += [
        "",
        "## APA style",
        "",
        citation_apa(cff),
        "",
        "## BibTeX",
        "",
        "```bibtex",
        citation_bibtex(cff).rstrip("\n"),
        "```",
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Reproducibility page
# --------------------------------------------------------------------------
def environment_markdown() -> str:
    """Python, platform, project version, commit and package versions, as Markdown."""
    rows = [
        ("Project version", provenance.project_version()),
        ("Git commit of the build", provenance.git_commit()),
        ("Python", sys.version.split()[0] + f" ({platform.python_implementation()})"),
        ("Platform", platform.platform(terse=True)),
    ]
    versions = provenance.package_versions(tuple(provenance.REPORTED_PACKAGES) + BOOK_PACKAGES)
    rows += [
        (f"`{name}`", version) for name, version in sorted(versions.items(), key=lambda kv: kv[0].lower())
    ]
    out = ["| | |", "|---|---|"]
    out += [f"| {name} | `{html.escape(str(value))}` |" for name, value in rows]
    return "\n".join(out) + "\n"


def _meta(run) -> dict:
    try:
        return json.loads((Path(run.entry) / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _parameter_note(name: str, values: dict) -> str:
    try:
        defaults = params.read_defaults(params.notebook_for(name))
    except Exception:  # a chapter that vanished since it ran: just show nothing
        return ""
    changed = sorted(k for k, v in values.items() if defaults.get(k) != v)
    return "defaults" if not changed else "changed: " + ", ".join(f"`{k}`" for k in changed)


def execution_table_markdown(runs: dict) -> str:
    """One row per chapter: status placeholder, run time, when it ran, parameters, cache key.

    ``runs`` maps chapter names to objects with ``entry`` (the cache entry
    folder holding ``meta.json``) and ``seconds``, as ``build.ChapterRun``.
    """
    out = [
        "| chapter | in the build of this book | execution time (s) | executed at | parameters | cache key |",
        "|---|---|---:|---|---|---|",
    ]
    for name in runs:
        run, meta = runs[name], _meta(runs[name])
        out.append(
            f"| {name} | {_STATUS.format(name)} | {float(run.seconds):.1f} | "
            f"{meta.get('finished', 'unknown')} | {_parameter_note(name, meta.get('parameters', {}))} | "
            f"`{meta.get('key', Path(run.entry).name)}` |"
        )
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Hooks called by build.py
# --------------------------------------------------------------------------
def render_config(text: str) -> str:
    """Fill ``@PROJECT_VERSION@`` in ``_config.yml`` with the project version.

    >>> render_config("footer: v@PROJECT_VERSION@") == "footer: v" + provenance.project_version()
    True
    """
    return text.replace(VERSION_PLACEHOLDER, provenance.project_version())


#: Characters that Markdown or MyST would read as markup.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def markdown_text(value) -> str:
    """``value`` as literal text inside Markdown: every markup character escaped.

    Manifest metadata is untrusted like the texts: a title holding
    ``<script>`` or ``{glue}`` must show as those characters.

    >>> print(markdown_text("A *bold* <b>title</b>"))
    A \\*bold\\* \\<b\\>title\\</b\\>
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def corpus_texts_markdown(corpus_dir: Path | None = None) -> str:
    """The texts of the default corpus, one entry each, from its manifest.

    Generated, so a document added to ``seeds/manifest.yaml`` is listed on
    the References page with no other step.
    """
    from analysis.corpus import manifest

    data = manifest.read_manifest(Path(corpus_dir or paths.SEEDS))
    lines = []
    for doc in data["documents"]:
        authors = doc.get("authors")
        authors = ", ".join(authors) if isinstance(authors, list) else str(authors)
        parts = [f"**{markdown_text(doc['title'])}**", markdown_text(authors), markdown_text(doc["outlet"])]
        parts.append(f"{markdown_text(doc['date'])} ({markdown_text(doc['date_meaning'])})")
        if doc.get("identifier") and doc["identifier"] != "unknown":
            parts.append(markdown_text(doc["identifier"]))
        lines.append(f"- `{doc['id']}`: " + ". ".join(parts) + ".")
    return "\n".join(lines) + "\n"


def render_page(text: str, runs: dict) -> str:
    """Replace the generated-content markers of a Markdown page (see the module docstring).

    A page without markers comes back unchanged.
    """
    generators = {
        "how-to-cite": lambda: how_to_cite_markdown(
            load_citation(), time.strftime("%Y-%m-%d", time.gmtime())
        ),
        "environment": environment_markdown,
        "execution-table": lambda: execution_table_markdown(runs),
        "corpus-texts": corpus_texts_markdown,
    }
    for key, make in generators.items():
        marker = _MARKER.format(key)
        if marker in text:
            text = text.replace(marker, make())
    return text


def fill_build_status(src: Path, runs: dict) -> list[Path]:
    """Write each chapter's status ("executed" / "reused from the cache") into the staged pages.

    Called by the build only when it is about to compile the book, so the
    status describes the build that made the HTML.  Returns the pages changed.
    """
    changed = []
    for page in sorted(Path(src).rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if not _STATUS_RE.search(text):
            continue

        def status(match):
            run = runs.get(match.group(1))
            if run is None:
                return "unknown"
            return "reused from the cache" if run.cached else "executed"

        page.write_text(_STATUS_RE.sub(status, text), encoding="utf-8")
        changed.append(page)
    return changed
