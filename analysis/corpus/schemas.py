"""JSON Schemas of the files a user writes, and the checks a schema cannot express.

The manifest schema is the field list of the README ("Adding a document"):
required fields, their types, the cleaning rules' shapes.  What JSON Schema
cannot say (a regex that compiles, a date on the calendar, ``year``
agreeing with ``date``) is checked by :func:`check_manifest_entry`.
"""

from __future__ import annotations

import regex

from analysis.corpus.userfiles import check_date

_TEXT = {"type": "string"}
_TEXT_OR_LIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}

_CUT = {
    "type": "object",
    "required": ["kind"],
    "properties": {
        "kind": _TEXT,
        "from": _TEXT,
        "to": _TEXT,
        "to_before": _TEXT,
        "regex": _TEXT,
        "line_regex": _TEXT,
    },
    "additionalProperties": False,
    "anyOf": [
        {"required": ["regex"]},
        {"required": ["line_regex"]},
        {"required": ["from", "to"]},
        {"required": ["from", "to_before"]},
    ],
}

_CLEANING = {
    "type": "object",
    "properties": {
        "cuts": {"type": "array", "items": _CUT},
        "references": {
            "type": "object",
            "required": ["start"],
            "properties": {"start": _TEXT, "item_regex": _TEXT},
            "additionalProperties": False,
        },
        "join_broken_paragraphs": {"type": "boolean"},
    },
    "additionalProperties": False,
}

#: Required fields that say where a document comes from: who wrote it, where and when.
SOURCE_FIELDS = ("title", "authors", "outlet", "outlet_country", "date", "date_meaning")
#: Required fields that say what kind of text it is.
KIND_FIELDS = ("genre", "identifier", "perspective")
#: Required fields that locate its file and pin its bytes.
FILE_FIELDS = ("file", "sha256")
#: Fields every manifest entry must have (``unknown`` is an allowed value); a message
#: names the missing ones in this order.
REQUIRED_FIELDS = ("id", *FILE_FIELDS, *SOURCE_FIELDS, *KIND_FIELDS)

MANIFEST = {
    "type": "object",
    "required": ["documents"],
    "properties": {
        "schema_version": {"type": "integer"},
        "documents": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": list(REQUIRED_FIELDS),
                "properties": {
                    "id": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"},
                    "file": _TEXT,
                    "sha256": {"type": "string", "pattern": r"^[0-9a-fA-F]{64}$"},
                    "title": _TEXT,
                    "authors": _TEXT_OR_LIST,
                    "affiliation": _TEXT,
                    "outlet": _TEXT,
                    "outlet_country": _TEXT,
                    "date": _TEXT,
                    "date_meaning": _TEXT,
                    "year": {"anyOf": [{"type": "integer"}, {"const": "unknown"}]},
                    "genre": _TEXT,
                    "identifier": _TEXT,
                    "perspective": _TEXT,
                    "language_note": _TEXT,
                    "label": _TEXT,
                    "anchor_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                    "cleaning": _CLEANING,
                },
            },
        },
    },
}


def entry_name(data, index: int) -> str:
    """``document #2 (hashemite2025)`` for messages."""
    try:
        ident = data["documents"][index].get("id", "?")
    except (AttributeError, IndexError, KeyError, TypeError):
        ident = "?"
    return f"document #{index + 1} ({ident})"


def check_manifest_entry(entry: dict) -> str | None:
    """The first problem JSON Schema cannot see in one entry, or ``None``.

    >>> check_manifest_entry({"date": "2025-10-12", "year": 2025})
    >>> check_manifest_entry({"date": "2025-10-12", "year": 2024})
    "field year: 2024 disagrees with date '2025-10-12'"
    >>> check_manifest_entry({"date": "2025", "cleaning": {"cuts": [{"kind": "x", "regex": "("}]}})[:38]
    'field cleaning.cuts[0].regex: does not'
    """
    problem = check_date(entry.get("date", "unknown"))
    if problem:
        return f"field date: {problem}, got {entry.get('date')!r}"
    if "anchor_date" in entry:
        problem = check_date(entry["anchor_date"])
        if problem:
            return f"field anchor_date: {problem}, got {entry['anchor_date']!r}"
    year = entry.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        if not 1000 <= year <= 2999:
            return f"field year: expected a year between 1000 and 2999, got {year}"
        date = str(entry.get("date", "unknown"))
        if date != "unknown" and int(date[:4]) != year:
            return f"field year: {year} disagrees with date {date!r}"
    cleaning = entry.get("cleaning") or {}
    for i, cut in enumerate(cleaning.get("cuts") or []):
        for key in ("regex", "line_regex"):
            if key in cut:
                try:
                    regex.compile(cut[key])
                except regex.error as exc:
                    return f"field cleaning.cuts[{i}].{key}: does not compile as a regular expression ({exc})"
    item = (cleaning.get("references") or {}).get("item_regex")
    if item is not None:
        try:
            regex.compile(item)
        except regex.error as exc:
            return f"field cleaning.references.item_regex: does not compile as a regular expression ({exc})"
    return None
