"""Dated sentences grouped into events: what several texts share is an event, not a year.

Two texts that both name "2011" may be writing about different things (the
killing of Osama bin Laden, a US admiral's remark on the ISI), and one event
may be dated "August 2021", "the summer of 2021" or not at all ("the
Taliban's takeover of Kabul").  So the timeline groups *sentences*, each
with one date, into events:

1. **One date per sentence.**  A sentence with several resolved date
   expressions gets one (:func:`sentence_dates`): the narrowest period that
   agrees with the listed event it names, else its narrowest period (ties:
   the first in the sentence).  The others stay in the mentions table.
2. **Listed events** (:func:`load_events`, ``data/events/events.csv``): a
   sentence that matches an event's ``cues`` joins it when its date overlaps
   the event's span or when it has no date (an undated mention); ``dated_cues``
   (generic words such as "clashes") join only with a date that overlaps the
   span, is no longer than :data:`DATED_CUE_MAX_DAYS` and, when qualified,
   points to a time that meets the event ("after 2001" does not meet an
   event that ended in 2001; "since 12 October 2025" meets a closure that
   began that day).  An event's end may be ``open`` (not known).  An
   undated mention never joins an event that starts after the document's
   date.  When a sentence names two listed events, identifying cues win
   over generic ones, then the first listed.
3. **Other dated sentences** form events by single linkage: two sentences
   are linked when their dates are the same or overlap at a comparable
   precision (the overlap covers at least :data:`MIN_OVERLAP` of the longer
   period, so "2021" is not the same date as "August 2021") *and* they share
   an event word (``data/events/event_words.csv``: attack, talks, closure ...)
   or a distinctive actor (named in at most :data:`DISTINCTIVE_SHARE` of the
   corpus's sentences; an actor named everywhere, such as a country, tells
   no events apart).

An event is *shared* when two or more texts name it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import ProjectError

#: The curated event list and event words, relative to the project root.
DEFAULT_EVENTS = "data/events/events.csv"
DEFAULT_EVENT_WORDS = "data/events/event_words.csv"

#: Columns ``events.csv`` must have.
EVENT_COLUMNS = ("event_id", "label", "start", "end", "cues", "dated_cues", "source", "source_url")

#: Two periods are the same date when their overlap covers at least this share of the
#: longer one: a day and itself, "October 2025" and "mid-October 2025", but not a year and
#: one of its months (1/12) or a decade and one of its years (1/10).
MIN_OVERLAP = 0.5

#: An actor links two sentences only if it is named in at most this share of the corpus's
#: sentences; more common actors (the two countries, the Taliban) are named around every event.
DISTINCTIVE_SHARE = 0.1

#: A generic ``dated_cues`` word joins an event only with a date this precise (a year at most):
#: "the Taliban" with "the 1990s" or "from 2001 to 2021" names an era, not the event.
DATED_CUE_MAX_DAYS = 366

#: Qualifiers that open a date towards later or earlier times: "since 12 October 2025" is
#: from that day on, "after 2001" from the end of 2001 on, "until 1989" up to its end.
LATER_QUALIFIERS = {"since": "start", "from": "start", "after": "end", "post": "end"}
EARLIER_QUALIFIERS = {"until": "end", "by": "end", "before": "start", "pre": "start"}

#: The end of an event whose end is not known (``end`` = ``open`` in ``events.csv``).
OPEN_END = date.max

#: Values of the ``joined_by`` column of :func:`assign_events`.
JOINED_BY = {
    "dated": "listed event: cue words and an overlapping date",
    "undated": "listed event: cue words, no date in the sentence",
    "linked": "same date and a shared event word or actor",
    "alone": "dated sentence linked to no other",
}


def _resolve(path: str | Path) -> Path:
    p = Path(path)
    return p if p.is_absolute() else paths.ROOT / p


def _compile(pattern: str, where: str) -> re.Pattern | None:
    pattern = (pattern or "").strip()
    if not pattern:
        return None
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        raise ProjectError(f"{where}: not a valid regular expression ({exc})") from None


def load_events(path: str | Path = DEFAULT_EVENTS) -> pd.DataFrame:
    """Read and check the curated event list (see ``data/events/README.md``).

    Returns
    -------
    DataFrame
        The CSV's columns with ``start``/``end`` as ``date`` and compiled
        ``cue_re``/``dated_cue_re`` (``None`` where empty).

    Raises
    ------
    ProjectError
        If the file is missing, a column is missing, an id repeats, a date is
        not ``YYYY-MM-DD``, an end is before its start, a cue is not a valid
        regular expression, or an event has no cue at all.
    """
    p = _resolve(path)
    if not p.exists():
        raise ProjectError(f"event list not found: {p}")
    table = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in EVENT_COLUMNS if c not in table.columns]
    if missing:
        raise ProjectError(
            f"{p}: missing column(s) {', '.join(missing)}; expected {', '.join(EVENT_COLUMNS)}"
        )
    bad = table["event_id"][~table["event_id"].str.fullmatch(r"[A-Za-z0-9_]+")]
    if not bad.empty:
        raise ProjectError(f"{p}: event id {bad.iloc[0]!r} must be letters, digits and '_'")
    dup = table["event_id"][table["event_id"].duplicated()]
    if not dup.empty:
        raise ProjectError(f"{p}: event id {dup.iloc[0]!r} is listed twice")
    starts, ends, cues, dated = [], [], [], []
    for i, row in table.iterrows():
        where = f"{p}: row {i + 2} ({row['event_id']})"
        try:
            start = date.fromisoformat(row["start"])
            end = OPEN_END if row["end"] == "open" else date.fromisoformat(row["end"] or row["start"])
        except ValueError:
            raise ProjectError(
                f"{where}: start and end must be dates YYYY-MM-DD (end may be 'open')"
            ) from None
        if end < start:
            raise ProjectError(f"{where}: end {end} is before start {start}")
        cue, dated_cue = (
            _compile(row["cues"], where + " cues"),
            _compile(row["dated_cues"], where + " dated_cues"),
        )
        if cue is None and dated_cue is None:
            raise ProjectError(f"{where}: give cues or dated_cues (an event nothing can match)")
        starts.append(start)
        ends.append(end)
        cues.append(cue)
        dated.append(dated_cue)
    return table.assign(start=starts, end=ends, cue_re=cues, dated_cue_re=dated)


def load_event_words(path: str | Path = DEFAULT_EVENT_WORDS) -> list[tuple[str, re.Pattern]]:
    """The event words: ``(kind, compiled pattern)`` pairs from ``event_words.csv``."""
    p = _resolve(path)
    if not p.exists():
        raise ProjectError(f"event word list not found: {p}")
    table = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    out = []
    for i, row in table.iterrows():
        regex = _compile(rf"\b(?:{row['pattern']})\b", f"{p}: row {i + 2}")
        out.append((row["kind"], regex))
    return out


def _normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _overlap_days(a_start: date, a_end: date, b_start: date, b_end: date) -> int:
    """Days two inclusive periods share (0 if they do not meet)."""
    return max(0, (min(a_end, b_end) - max(a_start, b_start)).days + 1)


def same_date(a: tuple[date, date], b: tuple[date, date], min_overlap: float = MIN_OVERLAP) -> bool:
    """True when two periods overlap over at least ``min_overlap`` of the longer one.

    Examples
    --------
    >>> d = date
    >>> same_date((d(2011, 1, 1), d(2011, 12, 31)), (d(2011, 1, 1), d(2011, 12, 31)))
    True
    >>> same_date((d(2021, 1, 1), d(2021, 12, 31)), (d(2021, 8, 1), d(2021, 8, 31)))
    False
    """
    longer = max((a[1] - a[0]).days, (b[1] - b[0]).days) + 1
    return _overlap_days(*a, *b) >= min_overlap * longer


def sentence_dates(dates: pd.DataFrame) -> pd.DataFrame:
    """Resolved expressions per sentence, narrowest first, as ``date`` periods.

    Returns
    -------
    DataFrame
        ``doc_id, sent_index, expression, start, end, days, qualifier, date_basis, order``
        (``order``: position of the expression in the sentence).
    """
    res = dates[dates["resolved"].astype(bool)].copy()
    res["order"] = res.groupby(["doc_id", "sent_index"]).cumcount()
    res["start"] = [date.fromisoformat(s) for s in res["start"]]
    res["end"] = [date.fromisoformat(e) for e in res["end"]]
    res["days"] = [(e - s).days + 1 for s, e in zip(res["start"], res["end"])]
    cols = ["doc_id", "sent_index", "expression", "start", "end", "days", "qualifier", "date_basis", "order"]
    return res.sort_values(["doc_id", "sent_index", "days", "order"], kind="stable")[cols]


def _qualified_overlap(period: dict, event) -> bool:
    """Does the time a qualified date points to ("after 2001", "since 12 October") meet the event?"""
    start, end, q = period["start"], period["end"], period.get("qualifier") or ""
    if q in LATER_QUALIFIERS:
        start = start if LATER_QUALIFIERS[q] == "start" else end + timedelta(days=1)
        end = OPEN_END
    elif q in EARLIER_QUALIFIERS:
        end = end if EARLIER_QUALIFIERS[q] == "end" else start - timedelta(days=1)
        start = date.min
    return start <= event.end and event.start <= end


def _listed_match(text: str, periods: list, doc_date: date | None, events: list):
    """The listed event the sentence joins, with the cue and the period that dates it.

    Identifying ``cues`` of every event are tried before any generic ``dated_cues``, each
    in the order of the list.
    """
    for needs_date in (False, True):
        for ev in events:
            regex = ev.dated_cue_re if needs_date else ev.cue_re
            m = regex.search(text) if regex is not None else None
            if not m:
                continue
            if periods:
                for p in periods:  # narrowest first
                    if not _overlap_days(p["start"], p["end"], ev.start, ev.end):
                        continue
                    if needs_date and (p["days"] > DATED_CUE_MAX_DAYS or not _qualified_overlap(p, ev)):
                        continue
                    return ev, m.group(0), p
            elif not needs_date and (doc_date is None or doc_date >= ev.start):
                return ev, m.group(0), None
    return None


def _components(n: int, edges: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        parent[find(a)] = find(b)
    return [find(i) for i in range(n)]


def assign_events(
    sentences: pd.DataFrame,
    dates: pd.DataFrame,
    events: pd.DataFrame,
    event_words: list[tuple[str, re.Pattern]],
    actor_mentions: pd.DataFrame | None = None,
    doc_dates: dict[str, date | None] | None = None,
) -> pd.DataFrame:
    """Each sentence that names a listed event or a date, with its one date and its event.

    Parameters
    ----------
    sentences : DataFrame
        ``doc_id, sent_index, text``.
    dates : DataFrame
        :func:`analysis.methods.timeline.extract_dates` of the same sentences.
    events : DataFrame
        :func:`load_events`.
    event_words : list
        :func:`load_event_words`.
    actor_mentions : DataFrame, optional
        :func:`analysis.methods.actors.match_sentences` of the same sentences
        (``doc_id, sent_index, actor``); without it only event words link.
    doc_dates : dict, optional
        Each document's anchor date: an undated mention does not join an
        event that starts after it.

    Returns
    -------
    DataFrame
        ``doc_id, sent_index, event_id, label, listed, start, end`` (the
        sentence's one date, ISO), ``dated_by`` (the expression, or "event
        list"), ``joined_by`` (:data:`JOINED_BY`), ``cue``, ``shared_words``,
        ``other_dates``, ``sentence``.
    """
    doc_dates = doc_dates or {}
    per_sentence: dict[tuple, list[dict]] = {}
    for period in sentence_dates(dates).to_dict("records"):  # narrowest first within each sentence
        per_sentence.setdefault((period["doc_id"], int(period["sent_index"])), []).append(period)
    listed = list(events.itertuples())
    actor_mentions = (
        actor_mentions
        if actor_mentions is not None
        else pd.DataFrame(columns=["doc_id", "sent_index", "actor"])
    )
    n_sentences = max(len(sentences), 1)
    actor_share = (
        actor_mentions.drop_duplicates(["doc_id", "sent_index", "actor"]).groupby("actor").size()
        / n_sentences
    )
    distinctive = set(actor_share[actor_share <= DISTINCTIVE_SHARE].index)
    actors_of = (
        actor_mentions[actor_mentions["actor"].isin(distinctive)]
        .groupby(["doc_id", "sent_index"])["actor"]
        .agg(set)
    )

    rows, loose = [], []
    for s in sentences.itertuples():
        key = (s.doc_id, int(s.sent_index))
        text = _normalise(s.text)
        periods = per_sentence.get(key, [])
        match = _listed_match(text, periods, doc_dates.get(s.doc_id), listed)
        if match is None and not periods:
            continue
        words = {kind for kind, regex in event_words if regex.search(text)}
        actors = actors_of.get(key, set())
        row = {
            "doc_id": s.doc_id,
            "sent_index": int(s.sent_index),
            "sentence": s.text,
            "words": words,
            "actors": actors,
        }
        if match is not None:
            ev, cue, period = match
            row.update(
                event_id=ev.event_id,
                label=ev.label,
                listed=True,
                start=(period or {"start": ev.start})["start"],
                end=(period or {"end": ev.end})["end"],
                dated_by=period["expression"] if period else "event list",
                joined_by=JOINED_BY["dated" if period else "undated"],
                cue=cue,
            )
        else:
            period = periods[0]
            row.update(
                start=period["start"], end=period["end"], dated_by=period["expression"], listed=False, cue=""
            )
            loose.append(len(rows))
        row["other_dates"] = "; ".join(p["expression"] for p in periods if p is not period)
        rows.append(row)

    # unlisted events: single linkage over dated sentences with the same date and a shared word or
    # actor; sorted by start, a sentence is compared only with those that start before it ends
    by_start = sorted(loose, key=lambda r: (rows[r]["start"], rows[r]["end"]))
    position = {r: i for i, r in enumerate(loose)}
    edges = []
    for k, a in enumerate(by_start):
        ra = rows[a]
        for b in by_start[k + 1 :]:
            rb = rows[b]
            if rb["start"] > ra["end"]:
                break
            if (ra["words"] & rb["words"] or ra["actors"] & rb["actors"]) and same_date(
                (ra["start"], ra["end"]), (rb["start"], rb["end"])
            ):
                edges.append((position[a], position[b]))
    roots = _components(len(loose), edges)
    groups: dict[int, list[int]] = {}
    for i, root in enumerate(roots):
        groups.setdefault(root, []).append(loose[i])
    for members in groups.values():
        first = rows[members[0]]
        start = min(rows[m]["start"] for m in members)
        end = max(rows[m]["end"] for m in members)
        shared = (
            set.intersection(*(rows[m]["words"] | rows[m]["actors"] for m in members))
            if len(members) > 1
            else set()
        )
        label = period_label(start, end) + (f" ({', '.join(sorted(shared))})" if shared else "")
        for m in members:
            rows[m].update(
                event_id=f"unlisted-{first['doc_id']}-{first['sent_index']}",
                label=label,
                joined_by=JOINED_BY["linked" if len(members) > 1 else "alone"],
                shared_words=", ".join(sorted(shared)),
            )
    cols = [
        "doc_id", "sent_index", "event_id", "label", "listed", "start", "end", "dated_by",
        "joined_by", "cue", "shared_words", "other_dates", "sentence",
    ]  # fmt: skip
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=cols)
    out["shared_words"] = out.get("shared_words", pd.Series("", index=out.index)).fillna("")
    out["start"] = [d.isoformat() for d in out["start"]]
    out["end"] = [d.isoformat() for d in out["end"]]
    return out[cols]


def period_label(start: date, end: date) -> str:
    """A period as a reader writes it: a day, a month, a year, or a span of these.

    Examples
    --------
    >>> d = date
    >>> [period_label(*p) for p in [(d(2024, 12, 24), d(2024, 12, 24)), (d(2021, 8, 1), d(2021, 8, 31)),
    ...  (d(2011, 1, 1), d(2011, 12, 31)), (d(1970, 1, 1), d(1979, 12, 31)), (d(2025, 2, 10), d(2025, 2, 16))]]
    ['2024-12-24', '2021-08', '2011', '1970 to 1979', '2025-02-10 to 2025-02-16']
    """
    if end == OPEN_END:
        return f"from {start.isoformat()} (end open)"
    next_day = end + timedelta(days=1)
    if start == end:
        return start.isoformat()
    if start.day == 1 and next_day.day == 1:
        if start.month == 1 and next_day.month == 1:
            return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
        first, last = start.isoformat()[:7], end.isoformat()[:7]
        return first if first == last else f"{first} to {last}"
    return f"{start.isoformat()} to {end.isoformat()}"


def summarise_events(assigned: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per event that some sentence joined: most widely shared first.

    Returns
    -------
    DataFrame
        ``event_id, label, listed, event_date`` (the listed event's span, or
        the span of its sentences' dates), ``n_documents, documents,
        n_sentences, undated`` (sentences joined by cue words alone),
        ``dated_as`` (the expressions that date it), ``cues``, ``source_url``,
        ``example`` (one sentence, from the first document).
    """
    cols = [
        "event_id", "label", "listed", "event_date", "n_documents", "documents", "n_sentences",
        "undated", "dated_as", "cues", "source_url", "example",
    ]  # fmt: skip
    if assigned.empty:
        return pd.DataFrame(columns=cols)
    listed = events.set_index("event_id")
    rows = []
    for event_id, g in assigned.groupby("event_id", sort=False):
        is_listed = bool(g["listed"].iloc[0])
        if is_listed:
            span = (listed.at[event_id, "start"], listed.at[event_id, "end"])
        else:
            span = (date.fromisoformat(g["start"].min()), date.fromisoformat(g["end"].max()))
        rows.append(
            {
                "event_id": event_id,
                "label": g["label"].iloc[0],
                "listed": is_listed,
                "event_date": period_label(*span),
                "n_documents": g["doc_id"].nunique(),
                "documents": ", ".join(dict.fromkeys(g["doc_id"])),
                "n_sentences": len(g),
                "undated": int((g["joined_by"] == JOINED_BY["undated"]).sum()),
                "dated_as": "; ".join(dict.fromkeys(e for e in g["dated_by"] if e != "event list")),
                "cues": "; ".join(dict.fromkeys(c for c in g["cue"] if c)),
                "source_url": listed.at[event_id, "source_url"] if is_listed else "",
                "example": g["sentence"].iloc[0],
                "_start": span[0],
            }
        )
    out = pd.DataFrame(rows).sort_values(
        ["n_documents", "n_sentences", "_start"], ascending=[False, False, True], kind="stable"
    )
    return out[cols].reset_index(drop=True)
