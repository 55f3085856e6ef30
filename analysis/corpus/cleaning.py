"""Separate body text from boilerplate, following rules in the manifest.

The rules are data (see the header of ``seeds/manifest.yaml``); this module
only interprets them.  It returns the clean body, what was cut (kind,
characters, the first words of each span, so the corpus chapter can show it)
and, where the manifest asks for it, the reference list as its own table.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import regex

from analysis.errors import CorpusError

#: Inline tags that are typesetting in the seeds (``37<sup>th</sup>``): the
#: tag goes, its content stays.  Any other tag is left as literal text, which
#: the book escapes, so a ``<script>`` in a seed is shown, never run.
MARKUP_TAGS = ("sup", "sub", "em", "strong", "i", "b", "u", "span", "br")
_TAG_RE = re.compile(r"</?(?:%s)(?:\s[^<>]*)?/?>" % "|".join(MARKUP_TAGS), re.IGNORECASE)
_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")
_AUTOLINK_RE = re.compile(r"<(https?://[^<>\s]+)>")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")

START, END = "START", "END"


@dataclass
class Cut:
    """A span of the raw text that is not body text."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def chars(self) -> int:
        return self.end - self.start


@dataclass
class CleanResult:
    """Outcome of cleaning one document."""

    body: str
    cuts: list[Cut] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    markup_chars: int = 0


def _find(raw: str, marker: str, start: int, doc_id: str, rule_no: int, role: str) -> int:
    pos = raw.find(marker, start)
    if pos < 0:
        raise CorpusError(
            f"document {doc_id!r}: cleaning rule #{rule_no} ({role}) marker {marker!r} "
            "not found in the text; fix the manifest rule"
        )
    return pos


#: Seconds one user regular expression may take on one document.  Far above
#: what the seeds' rules need (milliseconds); a pattern with catastrophic
#: backtracking, such as ``(a+)+$`` on a long line, is stopped with a message
#: instead of hanging the build.
REGEX_TIMEOUT = 2.0


def _user_matches(pattern: str, flags: int, text: str, doc_id: str, rule: str) -> list:
    """All matches of a manifest regex, compiled with ``regex`` and bounded in time."""
    if not isinstance(pattern, str):
        raise CorpusError(f"document {doc_id!r}: {rule} must be a string, got {type(pattern).__name__}")
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        raise CorpusError(f"document {doc_id!r}: {rule} is invalid: {exc}") from None
    try:
        return list(compiled.finditer(text, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        raise CorpusError(
            f"document {doc_id!r}: {rule} {pattern!r} took over {REGEX_TIMEOUT:g} s on this text "
            "(catastrophic backtracking?); simplify the rule"
        ) from None


def find_cuts(raw: str, rules: list[dict], doc_id: str = "?") -> list[Cut]:
    """Turn the manifest's cut rules into character spans of ``raw``.

    Spans claimed by an earlier rule are not counted again by a later one,
    so the characters of all cuts add up to what was removed.

    Examples
    --------
    >>> raw = "NAV\\nBody one.\\nMore news\\n"
    >>> [(c.kind, c.text) for c in find_cuts(raw, [
    ...     {"kind": "nav", "from": "START", "to_before": "Body"},
    ...     {"kind": "related", "from": "More news", "to": "END"}])]
    [('nav', 'NAV\\n'), ('related', 'More news\\n')]
    """
    spans: list[tuple[int, int, str]] = []
    for rule_no, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or "kind" not in rule:
            raise CorpusError(f"document {doc_id!r}: cleaning rule #{rule_no} needs a 'kind'")
        kind = str(rule["kind"])
        if "regex" in rule:
            found = _user_matches(rule["regex"], 0, raw, doc_id, f"cleaning rule #{rule_no} regex")
            matches = [(m.start(), m.end()) for m in found if m.end() > m.start()]
            if not matches:
                raise CorpusError(
                    f"document {doc_id!r}: cleaning rule #{rule_no} regex "
                    f"{rule['regex']!r} matches nothing; fix the manifest rule"
                )
            spans += [(start, end, kind) for start, end in matches]
            continue
        if "line_regex" in rule:
            found = False
            for m in _user_matches(
                rule["line_regex"], regex.MULTILINE, raw, doc_id, f"cleaning rule #{rule_no} line_regex"
            ):
                found = True
                end = m.end() + 1 if raw[m.end() : m.end() + 1] == "\n" else m.end()
                spans.append((m.start(), end, kind))
            if not found:
                raise CorpusError(
                    f"document {doc_id!r}: cleaning rule #{rule_no} line_regex "
                    f"{rule['line_regex']!r} matches no line; fix the manifest rule"
                )
            continue
        if "from" not in rule or not ("to" in rule or "to_before" in rule):
            raise CorpusError(
                f"document {doc_id!r}: cleaning rule #{rule_no} needs 'line_regex', or "
                "'from' with 'to' or 'to_before'"
            )
        begin = 0 if rule["from"] == START else _find(raw, rule["from"], 0, doc_id, rule_no, "from")
        after = begin if rule["from"] == START else begin + len(rule["from"])
        if "to" in rule:
            stop = (
                len(raw)
                if rule["to"] == END
                else (
                    _find(
                        raw, rule["to"], after if rule["to"] != rule["from"] else begin, doc_id, rule_no, "to"
                    )
                    + len(rule["to"])
                )
            )
        else:
            stop = _find(raw, rule["to_before"], after, doc_id, rule_no, "to_before")
        spans.append((begin, stop, kind))

    # Resolve overlaps: earlier rules keep what they claimed.
    claimed = [False] * len(raw)
    cuts = []
    for begin, stop, kind in spans:
        i = begin
        while i < stop:
            if claimed[i]:
                i += 1
                continue
            j = i
            while j < stop and not claimed[j]:
                claimed[j] = True
                j += 1
            cuts.append(Cut(kind, i, j, raw[i:j]))
            i = j
    cuts.sort(key=lambda c: c.start)
    return cuts


def strip_markup(text: str) -> str:
    """Remove typesetting from a line of body text: tags, ``**``, ``*``, escapes.

    Examples
    --------
    >>> strip_markup(r"The 37<sup>th</sup> *de facto* report cost \\$1.6 **billion**")
    'The 37th de facto report cost $1.6 billion'
    """
    text = _TAG_RE.sub("", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _BOLD_RE.sub(r"\1", text)
    text = _ITALIC_RE.sub(r"\1", text)
    text = _ESCAPE_RE.sub(r"\1", text)
    text = html.unescape(text) if "&" in text and ";" in text else text
    return _SPACES_RE.sub(" ", text).strip()


def join_broken(paragraphs: list[str]) -> list[str]:
    """Re-join paragraphs split mid-sentence by a page break.

    A paragraph that ends without sentence punctuation (``. ? ! : ;`` or a
    closing quote or bracket) is continued by the next one.  Use it only on
    documents whose headings are cut first (a heading also ends without a
    period).

    Examples
    --------
    >>> join_broken(["The report has recommended", "Afghanistan as a case.", "New one."])
    ['The report has recommended Afghanistan as a case.', 'New one.']
    """
    out: list[str] = []
    for para in paragraphs:
        if out and not re.search(r"[.?!:;\"”’)]\s*$", out[-1]):
            out[-1] = out[-1].rstrip() + " " + para.lstrip()
            continue
        out.append(para)
    return out


def extract_references(raw: str, rule: dict, doc_id: str = "?") -> list[str]:
    """The reference list entries after ``rule['start']``, markup removed."""
    start = _find(raw, rule["start"], 0, doc_id, 0, "references start")
    block = raw[start + len(rule["start"]) :]
    found = _user_matches(
        rule.get("item_regex", r"^- (.+)$"), regex.MULTILINE, block, doc_id, "references item_regex"
    )
    return [strip_markup(m.group(1)) for m in found]


def clean(raw: str, rules: dict | None, doc_id: str = "?") -> CleanResult:
    """Apply a document's cleaning rules to its raw text.

    Returns the body as paragraphs separated by a blank line.
    """
    rules = rules or {}
    cuts = find_cuts(raw, rules.get("cuts", []), doc_id)
    kept, pos = [], 0
    for cut in cuts:
        kept.append(raw[pos : cut.start])
        pos = cut.end
    kept.append(raw[pos:])
    remainder = "".join(kept)
    paragraphs = [strip_markup(line) for line in remainder.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if rules.get("join_broken_paragraphs"):
        paragraphs = join_broken(paragraphs)
    body = "\n\n".join(paragraphs)
    if not body.strip():
        raise CorpusError(
            f"document {doc_id!r}: no body text is left after cleaning; check its manifest rules"
        )
    references = extract_references(raw, rules["references"], doc_id) if rules.get("references") else []
    # Paragraph separators are layout, not text: "kept" counts paragraph
    # characters only, so kept + cuts + markup = len(raw) exactly.
    markup = len(raw) - sum(c.chars for c in cuts) - sum(len(p) for p in paragraphs)
    return CleanResult(body=body, cuts=cuts, references=references, markup_chars=markup)
