"""Dated events in the texts: every date expression, its period, its sentence.

:func:`find_dates` finds date expressions in one sentence and turns each
into a period (``start``/``end`` dates) with a granularity: ``day``
("February 17, 2027", "Feb 13"), ``week`` ("this week"), ``month``
("August 2021", "mid-October 2025"), ``season`` ("the summer of 2021"),
``year`` ("1979", "2001 to 2021"), ``decade`` ("the 1990s", "late 1990s").
:func:`extract_dates` runs it over the corpus sentences and resolves the
expressions that need a reference date.

Relative and year-less expressions are resolved only against a known
*anchor* date of their document (:func:`resolve_anchors`: the chapter
parameter ``anchor_dates``, else the metadata field ``anchor_date``, else a
full ``date``), by the rules in :data:`RESOLUTION_RULES`; with no anchor
they are kept and marked unresolved, never guessed.  Weekdays and relative
days as news reports write them ("on Saturday", "late Saturday into
Sunday", "By Sunday afternoon", "earlier in the week", "yesterday") are the
latest such day on or before the anchor.  Each mention carries a
``date_basis`` (:data:`DATE_BASES`): stated in the text, counted from the
publication date, or *inferred* (against an anchor read from the text, or
a weekday that is assumed to be the latest one).  "N months ago" is a
range, and only against a publication date: an inferred anchor is a lower
bound for the writing date, so counting back from it would be a guess.  Vague periods ("for some
decades", "the last eight decades", "recently") and durations ("for more
than three months") are listed as unresolved with the reason.

Not dates: years in author-year citations ("(Banerjee, 2025)", the date of
a source), numbers after "No." or "Resolution", and the phrases in
:data:`NOT_DATES`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

import pandas as pd

from analysis.corpus.text import NUMBER_WORDS
from analysis.errors import ParameterError
from analysis.methods.trade import mask_citations

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
#: "a year ago" counts one, like "one year ago".
_NUMWORDS = {"a": 1, "an": 1, **NUMBER_WORDS}
_NUM = r"(?:" + "|".join(_NUMWORDS) + r"|\d+)"

#: Seasons as month spans (northern hemisphere: the texts are about Afghanistan and Pakistan).
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

#: Parts of a decade: "early 1990s" = 1990-1993, "mid-1990s" = 1994-1996,
#: "late 1990s" = 1997-1999 (a convention; stated on the chart's tooltip as the years covered).
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}

#: Weekday names, Monday first (``date.weekday()`` order).
WEEKDAYS = list(calendar.day_name)
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"

#: Named events written without a date.
NAMED_EVENTS = {"9/11": (date(2001, 9, 11), "the attacks of 11 September 2001")}

#: Phrases whose four-digit number is not a year, with the reason.
NOT_DATES = [
    (
        re.compile(r"\b1988 Afghanistan Sanctions Committee", re.I),
        "the committee is named after UN Security Council resolution 1988 (2011), not a year",
    ),
]

#: How expressions that need a reference date are resolved (shown in the chapter).
RESOLUTION_RULES = {
    "anchor": "a document's anchor is the chapter parameter anchor_dates when it names the "
    "document, else its metadata field anchor_date (the manifest, or a column of a table), "
    "else its date when that is a full YYYY-MM-DD date; with none, relative dates stay "
    "unresolved",
    "inferred": "a date resolved against anchor_dates or anchor_date is marked 'inferred' (column "
    "date_basis): that anchor is read from the text, not a publication date; so is a weekday "
    "or relative day, placed on the latest such day before the document date",
    "weekday": "'on Saturday', 'By Sunday afternoon' is the latest such weekday on or before the "
    "anchor ('last Saturday' strictly before it, 'next Monday' the first after it); 'late "
    "Saturday into Sunday' the two days ending on the latest Sunday on or before the anchor",
    "earlier/yesterday": "'earlier in the week' runs from the Monday of the anchor's week to the "
    "anchor ('earlier this month/year' from the first of its month/year); 'yesterday', 'last "
    "night' are the day before the anchor, 'today', 'tonight' the anchor",
    "yearless": "a day or month without a year ('Feb 13', 'in December') is its latest "
    "occurrence on or before the anchor (the texts report past events)",
    "this/last/next": "'this week' is the Monday-Sunday week holding the anchor; 'last year', "
    "'March last year' count back from the anchor's year; 'last month' from its month",
    "ago": "'N days/weeks/months/years ago' is a range from N+1 to N-1 units before a publication "
    "date (such counts are loose; 'nearly', 'about' are kept as the qualifier); against an "
    "inferred anchor it stays unresolved, since the writing date is only known to be on or "
    "after the anchor",
    "vague": "'recently', 'for some decades', 'the last eight decades', 'the last two years', "
    "durations: not resolved (the start of such a span is not stated)",
}

#: Values of the ``date_basis`` column: how a mention got its period.
DATE_BASES = {
    "stated": "stated in the text",
    "publication": "relative to the document date (publication date)",
    "inferred": "inferred: relative to an anchor read from the text, or a weekday",
    "unresolved": "unresolved",
}

#: Pattern kinds whose period depends on the anchor date.
RELATIVE_KINDS = {
    "relative_month",
    "day_month",
    "month_only",
    "this_last",
    "ago",
    "last_n",
    "weekday",
    "weekday_span",
    "earlier",
    "day_word",
}

#: Kinds whose period is always an inference: the weekday (or day) is taken to be the
#: latest one on or before the anchor, and the anchor to be the day of writing.
INFERRED_KINDS = {"weekday", "weekday_span", "earlier", "day_word"}

#: Why a weekday or relative day stays unresolved without an anchor.
_NO_ANCHOR = "unresolved: a weekday or relative day needs the document's date, and this document has none"


def _d(y: int, m: int = 1, day: int = 1) -> date:
    return date(y, m, day)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_num(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _shift_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def _back(d: date, n: int, unit: str) -> date:
    """``d`` minus ``n`` days/weeks/months/years (a day past a month's end is clamped to it)."""
    if unit in ("day", "week"):
        return d - timedelta(days=n * (7 if unit == "week" else 1))
    months = n * (12 if unit == "year" else 1)
    first = _shift_months(_d(d.year, d.month), -months)
    return _d(first.year, first.month, min(d.day, calendar.monthrange(first.year, first.month)[1]))


# Patterns, tried in this order; a later pattern never matches inside the span of an earlier one.
_PATTERNS = [
    (
        "month_range",
        re.compile(
            rf"\b(?:from\s+|during\s+|between\s+)?(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR})\s*(?:to|until|till|-|–|and)\s*"
            rf"(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b"
        ),
    ),
    (
        "year_range",
        re.compile(
            rf"\b(?:from\s+|between\s+)?(?P<y1>{_YEAR})\s*(?:to|until|till|–|-|and)\s*(?P<y2>{_YEAR})\b(?!s)"
        ),
    ),
    ("day_month_year", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>{_YEAR})\b")),
    ("day_month_year_uk", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    ("relative_month", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<rel>last|next|this)\s+year\b")),
    (
        "month_year",
        re.compile(rf"\b(?:(?P<q>early|mid|late)[- ])?(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I),
    ),
    (
        "season",
        re.compile(rf"\b(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+of\s+(?P<y>{_YEAR})\b", re.I),
    ),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?P<q>early|mid|late)[- ])?(?P<y>1[89]\d0|20\d0)s\b", re.I)),
    ("named", re.compile(r"(?<![\d/])9/11\b")),
    (
        "ago",
        re.compile(
            rf"\b(?P<q>nearly|about|almost|around|some|over|more than\s+)?\s*(?P<n>{_NUM})\s+"
            r"(?P<u>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
    ("last_n", re.compile(rf"\b(?:the\s+)?(?:last|past)\s+(?P<n>{_NUM})\s+(?P<u>year|decade)s\b", re.I)),
    (
        "weekday_span",
        re.compile(
            rf"\b(?:(?P<q>[Ee]arly|[Ll]ate)\s+)?(?P<w1>{_WEEKDAY}){_DAYPART}\s+(?:into|to|through|and)\s+"
            rf"(?:(?:[Ee]arly|[Ll]ate)\s+)?(?P<w2>{_WEEKDAY}){_DAYPART}\b"
        ),
    ),
    ("earlier", re.compile(r"\bearlier\s+(?:in\s+the|this)\s+(?P<u>week|month|year)\b", re.I)),
    ("day_word", re.compile(r"\b(?P<w>yesterday|today|tonight|last night)\b", re.I)),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+|(?P<q>[Ee]arly|[Ll]ate)\s+)?(?P<w>{_WEEKDAY}){_DAYPART}\b"
        ),
    ),
    ("this_last", re.compile(r"\b(?P<rel>this|last|next|past)\s+(?P<u>week|month|year)\b(?!s)", re.I)),
    (
        "vague",
        re.compile(
            rf"\b(?:(?:the\s+)?(?:last|past)\s+(?:{_NUM}\s+)?(?:decades?|years)|(?:for\s+)?some\s+decades|"
            rf"(?:almost|nearly|over)\s+{_NUM}\s+decades|recently)\b",
            re.I,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:for\s+)?(?:more than|over|nearly|almost|about)\s+{_NUM}\s+"
            r"(?:days|weeks|months|years)\b",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})\b(?!,?\s*{_YEAR})(?!\s*(?:million|billion|%))"),
    ),
    ("year", re.compile(rf"\b(?P<y>{_YEAR})\b(?!s)")),
    (
        "month_only",
        re.compile(
            r"\b(?:in|since|by|until|during|of)\s+(?P<m>January|February|March|April|June|"
            r"July|August|September|October|November|December)\b(?!\s+\d)"
        ),
    ),
]

_QUALIFIER_RE = re.compile(r"\b(since|after|before|until|by|around|circa|from|during|post|pre)[-\s]+$", re.I)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def find_dates(sentence: str, anchor: date | None = None, anchor_inferred: bool = False) -> list[dict]:
    """Date expressions in one sentence, as periods.

    Parameters
    ----------
    sentence : str
        One sentence of clean text.
    anchor : date, optional
        Reference date for relative and year-less expressions (see
        :data:`RESOLUTION_RULES`); without it they are returned unresolved.
    anchor_inferred : bool
        True when ``anchor`` was supplied as a parameter (read from the text)
        rather than a publication date: dates resolved against it get the
        ``date_basis`` "inferred", and "N ago" stays unresolved.

    Returns
    -------
    list of dict
        ``expression, kind, granularity, start, end`` (ISO dates, or ``None``
        if unresolved), ``qualifier`` ("mid", "late", "since", "nearly"...),
        ``resolved`` (bool), ``rule`` (how the period was set),
        ``date_basis`` (a value of :data:`DATE_BASES`), ``pos``.

    Examples
    --------
    >>> [(d["expression"], d["granularity"], d["start"], d["end"])
    ...  for d in find_dates("Fighting in mid-October 2025 ended a truce of the late 1990s.")]
    [('mid-October 2025', 'month', '2025-10-01', '2025-10-31'), ('the late 1990s', 'decade', '1997-01-01', '1999-12-31')]
    >>> find_dates("Cited (Banerjee, 2025).")
    []
    """
    text = mask_citations(sentence)
    excluded = []
    for regex, reason in NOT_DATES:
        for m in regex.finditer(text):
            excluded.append((m.start(), m.end(), reason))
            text = _blank(text, m.start(), m.end())
    text = re.sub(
        rf"\b(?:No\.|Resolution|resolution)\s+(?:No\.\s*)?{_YEAR}\b", lambda m: " " * len(m.group()), text
    )
    found = []
    for kind, regex in _PATTERNS:
        for m in regex.finditer(text):
            row = _interpret(kind, m, anchor)
            if row is None:
                continue
            if kind == "ago" and anchor is not None and anchor_inferred:
                row = _row(
                    row["granularity"],
                    None,
                    None,
                    "unresolved: counts back from the writing "
                    f"date, which is only known to be on or after the inferred anchor {anchor}",
                    row["qualifier"],
                    resolved=False,
                )
            row["date_basis"] = DATE_BASES[
                "unresolved"
                if not row["resolved"]
                else "stated"
                if kind not in RELATIVE_KINDS
                else "inferred"
                if anchor_inferred or kind in INFERRED_KINDS
                else "publication"
            ]
            before = _QUALIFIER_RE.search(text[max(0, m.start() - 12) : m.start()])
            if before and not row.get("qualifier"):
                row["qualifier"] = before.group(1).lower()
            row.update(expression=sentence[m.start() : m.end()].strip(), pos=m.start(), kind=kind)
            found.append(row)
            text = _blank(text, m.start(), m.end())
    return sorted(found, key=lambda r: r["pos"])


def _row(granularity, start, end, rule, qualifier="", resolved=True):
    return {
        "granularity": granularity,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "qualifier": qualifier,
        "resolved": resolved,
        "rule": rule,
    }


def _interpret(kind: str, m: re.Match, anchor: date | None) -> dict | None:
    g = m.groupdict()
    if kind == "month_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        m1, m2 = _month_num(g["m1"]), _month_num(g["m2"])
        return _row("month", _d(y1, m1), _month_end(y2, m2), "stated range of months")
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None
        return _row("year", _d(y1), _d(y2, 12, 31), "stated range of years")
    if kind in ("day_month_year", "day_month_year_uk"):
        try:
            d = _d(int(g["y"]), _month_num(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return _row("day", d, d, "stated date")
    if kind == "month_year":
        y, mo = int(g["y"]), _month_num(g["m"])
        return _row("month", _d(y, mo), _month_end(y, mo), "stated month", (g["q"] or "").lower())
    if kind == "season":
        y = int(g["y"])
        a, b = SEASONS[g["s"].lower()]
        end = _month_end(y + 1, b) if b < a else _month_end(y, b)
        return _row("season", _d(y, a), end, f"{g['s'].lower()} = months {a}-{b}")
    if kind == "decade":
        y = int(g["y"])
        q = (g["q"] or "").lower()
        a, b = DECADE_PARTS.get(q, (0, 9))
        return _row(
            "decade", _d(y + a), _d(y + b, 12, 31), f"{q + ' ' if q else ''}decade = years {y + a}-{y + b}", q
        )
    if kind == "named":
        d, what = NAMED_EVENTS[m.group()]
        return _row("day", d, d, f"named event: {what}")
    if kind == "year":
        y = int(g["y"])
        return _row("year", _d(y), _d(y, 12, 31), "stated year")
    if kind == "relative_month":
        mo = _month_num(g["m"])
        if anchor is None:
            return _row("month", None, None, "unresolved: no anchor date for this document", resolved=False)
        y = anchor.year + {"last": -1, "next": 1, "this": 0}[g["rel"].lower()]
        return _row("month", _d(y, mo), _month_end(y, mo), f"'{g['rel']} year' from anchor {anchor}")
    if kind == "day_month":
        mo, day = _month_num(g["m"]), int(g["d"])
        if anchor is None:
            return _row("day", None, None, "unresolved: no year and no anchor date", resolved=False)
        try:
            d = _d(anchor.year, mo, day)
            if d > anchor:
                d = _d(anchor.year - 1, mo, day)
        except ValueError:
            return None
        return _row("day", d, d, f"no year: latest on or before anchor {anchor}")
    if kind == "month_only":
        mo = _month_num(g["m"])
        if anchor is None:
            return _row("month", None, None, "unresolved: no year and no anchor date", resolved=False)
        y = anchor.year if mo <= anchor.month else anchor.year - 1
        return _row("month", _d(y, mo), _month_end(y, mo), f"no year: latest on or before anchor {anchor}")
    if kind == "this_last":
        rel, unit = g["rel"].lower(), g["u"].lower()
        if rel == "past":
            return None
        if anchor is None:
            return _row(unit, None, None, "unresolved: no anchor date for this document", resolved=False)
        step = {"this": 0, "last": -1, "next": 1}[rel]
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
            return _row("week", monday, monday + timedelta(days=6), f"'{rel} week' around anchor {anchor}")
        if unit == "month":
            first = _shift_months(_d(anchor.year, anchor.month), step)
            return _row(
                "month", first, _month_end(first.year, first.month), f"'{rel} month' from anchor {anchor}"
            )
        y = anchor.year + step
        return _row("year", _d(y), _d(y, 12, 31), f"'{rel} year' from anchor {anchor}")
    if kind == "ago":
        n = g["n"].lower()
        n = int(n) if n.isdigit() else _NUMWORDS[n]
        unit = g["u"].lower()
        q = (g["q"] or "").strip().lower()
        if anchor is None:
            return _row(unit, None, None, "unresolved: no anchor date for this document", q, resolved=False)
        return _row(
            "range",
            _back(anchor, n + 1, unit),
            _back(anchor, n - 1, unit),
            f"{n} {unit}(s) before anchor {anchor}, give or take one {unit}",
            q,
        )
    if kind == "last_n":
        return _row(
            "vague",
            None,
            None,
            "unresolved: vague span (its start is not stated; counting "
            "back from the publication date would be a guess)",
            "last",
            resolved=False,
        )
    if kind in INFERRED_KINDS:
        return _weekday(kind, g, anchor)
    if kind == "vague":
        return _row("vague", None, None, "unresolved: vague period", resolved=False)
    if kind == "duration":
        return _row("duration", None, None, "unresolved: a duration, not a point in time", resolved=False)
    return None


def _latest_weekday(anchor: date, weekday: int, strictly_before: bool = False) -> date:
    """The latest day with ``weekday`` (Monday = 0) on or before ``anchor`` (before it, if strict)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - timedelta(days=back)


def _weekday(kind: str, g: dict, anchor: date | None) -> dict:
    """Periods of weekdays and relative days, against ``anchor`` (see :data:`RESOLUTION_RULES`)."""
    granularity = {"weekday": "day", "day_word": "day", "weekday_span": "range"}.get(kind, "range")
    q = (g.get("q") or "").lower()
    if anchor is None:
        return _row(granularity, None, None, _NO_ANCHOR, q, resolved=False)
    if kind == "weekday":
        wd = WEEKDAYS.index(g["w"])
        rel = (g.get("rel") or "").lower()
        if rel == "next":
            d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
            return _row("day", d, d, f"'next {g['w']}': first {g['w']} after anchor {anchor}", q)
        d = _latest_weekday(anchor, wd, strictly_before=rel == "last")
        where = "before" if rel == "last" else "on or before"
        return _row("day", d, d, f"weekday: latest {g['w']} {where} anchor {anchor}", q or rel)
    if kind == "weekday_span":
        end = _latest_weekday(anchor, WEEKDAYS.index(g["w2"]))
        start = _latest_weekday(end, WEEKDAYS.index(g["w1"]))
        return _row(
            "range",
            start,
            end,
            f"weekdays: {g['w1']} to the latest {g['w2']} on or before anchor {anchor}",
            q,
        )
    if kind == "earlier":
        unit = g["u"].lower()
        start = {
            "week": anchor - timedelta(days=anchor.weekday()),
            "month": _d(anchor.year, anchor.month),
            "year": _d(anchor.year),
        }[unit]
        return _row(
            "range",
            start,
            anchor,
            f"'earlier in the {unit}': start of the anchor's {unit} to anchor {anchor}",
        )
    word = g["w"].lower()
    d = anchor - timedelta(days=1) if word in ("yesterday", "last night") else anchor
    return _row("day", d, d, f"'{word}' against anchor {anchor}")


#: Values of the ``from`` column of :func:`resolve_anchors`.
ANCHOR_SOURCES = {
    "parameter": "parameter anchor_dates (inferred)",
    "metadata": "metadata anchor_date (inferred)",
    "date": "document date",
    "none": "none",
}


_UNKNOWN = {"", "unknown", "none", "nan", "nat"}


def _given(value) -> bool:
    """True when a metadata value is given (not missing, empty or "unknown")."""
    return str(value).strip().lower() not in _UNKNOWN


def _full_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def resolve_anchors(documents: pd.DataFrame, overrides: dict | None = None) -> pd.DataFrame:
    """Anchor date of each document, where it comes from, and why there is none.

    The anchor is the ``anchor_dates`` override, else the document's
    ``anchor_date`` metadata (a manifest field or a table column), else its
    ``date`` when that is a full ``YYYY-MM-DD`` date.  The first two are read
    from the text (e.g. a page dated months after the events it reports), so
    dates resolved against them are marked inferred.

    Returns
    -------
    DataFrame
        ``doc_id, anchor`` (a ``date`` or ``None``), ``source`` (a value of
        :data:`ANCHOR_SOURCES`), ``inferred`` (bool), ``note`` (why there is
        no anchor, or ``""``).

    Raises
    ------
    ParameterError
        If an override names an unknown document or is not a ``YYYY-MM-DD`` date.
    CorpusError
        If a document's ``anchor_date`` metadata is given but is not a ``YYYY-MM-DD`` date.
    """
    from analysis.errors import CorpusError

    overrides = overrides or {}
    ids = documents["id"].tolist()
    unknown = [k for k in overrides if k not in ids]
    if unknown:
        raise ParameterError(
            f"parameter 'anchor_dates' names unknown document(s) {unknown}; valid ids: {', '.join(ids)}"
        )
    rows = []
    meta_anchor = documents["anchor_date"] if "anchor_date" in documents else ["unknown"] * len(documents)
    for doc_id, raw_date, raw_anchor in zip(documents["id"], documents["date"], meta_anchor):
        note = ""
        if doc_id in overrides:
            anchor = _full_date(overrides[doc_id])
            if anchor is None:
                raise ParameterError(
                    f"parameter 'anchor_dates' for {doc_id!r} expects YYYY-MM-DD, got {overrides[doc_id]!r}"
                )
            source = "parameter"
        elif _given(raw_anchor):
            anchor = _full_date(raw_anchor)
            if anchor is None:
                raise CorpusError(
                    f"document {doc_id!r}: field 'anchor_date' expects a date YYYY-MM-DD, got {raw_anchor!r}"
                )
            source = "metadata"
        else:
            anchor = _full_date(raw_date)
            source = "date" if anchor else "none"
            if anchor is None:
                note = (
                    "the document's date is unknown"
                    if not _given(raw_date)
                    else f"the document's date {raw_date!r} is not a full YYYY-MM-DD date"
                )
        rows.append(
            {
                "doc_id": doc_id,
                "anchor": anchor,
                "source": ANCHOR_SOURCES[source],
                "inferred": source in ("parameter", "metadata"),
                "note": note,
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "anchor", "source", "inferred", "note"])


def document_anchors(documents: pd.DataFrame, overrides: dict | None = None) -> dict[str, date | None]:
    """Anchor date per document (``None`` without one), as :func:`resolve_anchors` chooses it."""
    table = resolve_anchors(documents, overrides)
    return dict(zip(table["doc_id"], table["anchor"]))


def extract_dates(
    sentences: pd.DataFrame, anchors: dict[str, date | None] | None = None, inferred=()
) -> pd.DataFrame:
    """Every date expression in the corpus sentences.

    Parameters
    ----------
    sentences : DataFrame
        ``doc_id, sent_index, text``.
    anchors : dict, optional
        Anchor date per document (:func:`document_anchors`).
    inferred : collection of str
        Documents whose anchor was supplied as a parameter (the keys of
        ``anchor_dates``): their relative dates are marked inferred.

    Returns
    -------
    DataFrame
        ``doc_id, sent_index, expression, kind, granularity, start, end,
        qualifier, resolved, date_basis, rule, anchor, sentence``.
    """
    anchors = anchors or {}
    rows = []
    for rec in sentences.itertuples():
        anchor = anchors.get(rec.doc_id)
        for d in find_dates(rec.text, anchor, rec.doc_id in inferred):
            d.pop("pos")
            rows.append(
                {
                    "doc_id": rec.doc_id,
                    "sent_index": int(rec.sent_index),
                    **d,
                    "anchor": anchor.isoformat() if anchor else None,
                    "sentence": rec.text,
                }
            )
    cols = [
        "doc_id",
        "sent_index",
        "expression",
        "kind",
        "granularity",
        "start",
        "end",
        "qualifier",
        "resolved",
        "date_basis",
        "rule",
        "anchor",
        "sentence",
    ]
    out = pd.DataFrame(rows, columns=cols)
    # typed even when empty: a boolean mask of an empty object column would select columns
    return out.astype({"resolved": bool, "sent_index": int})


GRANULARITIES = ("year", "month", "day")
_ORDER = {"day": 0, "week": 1, "range": 1, "month": 2, "season": 3, "year": 4, "decade": 5}


def period_key(start: str, end: str, granularity: str) -> str:
    """Label of a period at a display granularity: mentions share a label when they fall in the same unit.

    A mention coarser than the display granularity keeps its own unit (a
    year stays "2024" at month granularity); a multi-year span is labelled
    by its years.

    Examples
    --------
    >>> period_key("2021-08-01", "2021-08-31", "month")
    '2021-08'
    >>> period_key("2021-08-15", "2021-08-15", "year")
    '2021'
    >>> period_key("2024-01-01", "2024-12-31", "month")
    '2024'
    >>> period_key("1990-01-01", "1999-12-31", "month")
    '1990 to 1999'
    >>> period_key("2020-07-01", "2024-06-30", "month")
    '2020-07 to 2024-06'
    """
    if granularity not in GRANULARITIES:
        raise ParameterError(
            f"parameter 'timeline_granularity' expects one of {', '.join(GRANULARITIES)}, got {granularity!r}"
        )
    width = {"year": 4, "month": 7, "day": 10}[granularity]
    for w in (10, 7, 4):
        if w <= width and start[:w] == end[:w]:
            return start[:w]
    if start[4:] == "-01-01" and end[4:] == "-12-31" or width == 4:
        return f"{start[:4]} to {end[:4]}"
    w = 7 if start[7:] == "-01" else width
    return f"{start[:w]} to {end[:w]}"


def group_mentions(dates: pd.DataFrame, granularity: str = "month") -> pd.DataFrame:
    """Resolved mentions grouped by period at ``granularity``, most-mentioned first.

    Returns
    -------
    DataFrame
        ``period, start, end, mentions, inferred`` (how many of the mentions
        are dated against a parameter anchor, see :data:`DATE_BASES`),
        ``documents, n_documents, expressions, example`` (one sentence, from
        the first document).
    """
    columns = [
        "period",
        "start",
        "end",
        "mentions",
        "inferred",
        "documents",
        "n_documents",
        "expressions",
        "example",
    ]
    res = dates[dates["resolved"].astype(bool)].copy()
    if res.empty:
        return pd.DataFrame(columns=columns)
    res["period"] = [period_key(s, e, granularity) for s, e in zip(res["start"], res["end"])]
    if "date_basis" not in res:
        res["date_basis"] = DATE_BASES["stated"]
    res["is_inferred"] = res["date_basis"].eq(DATE_BASES["inferred"]).astype(int)
    out = res.groupby("period", as_index=False).agg(
        start=("start", "min"),
        end=("end", "max"),
        mentions=("expression", "size"),
        inferred=("is_inferred", "sum"),
        documents=("doc_id", lambda s: ", ".join(dict.fromkeys(s))),
        n_documents=("doc_id", "nunique"),
        expressions=("expression", lambda s: "; ".join(dict.fromkeys(s))),
        example=("sentence", "first"),
    )
    return out.sort_values(
        ["n_documents", "mentions", "start"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
