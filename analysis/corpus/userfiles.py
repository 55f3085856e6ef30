"""Files a user writes (manifest, parameters file, dictionaries): read strictly.

A user file is data, never a program.  :func:`load_yaml` reads it with a
loader stricter than ``yaml.safe_load``:

* no tags beyond plain data (``!!python/object`` is refused, never run);
* no anchors or aliases (``&a`` / ``*a``): a value is written where it is
  used, and an alias bomb cannot blow up memory;
* dates stay strings (``2025-02-30`` is a bad date to report, not a crash
  inside PyYAML), and are checked by :func:`check_date`;
* a file that is missing, a folder, not UTF-8 or not YAML gets one message
  naming the file.

:func:`validate` checks the parsed data against a JSON Schema (the
``jsonschema`` library, Draft 2020-12) and words the first error with the
file, the entry and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jsonschema
import yaml

from analysis.errors import ProjectError


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without anchors, aliases or implicit timestamps."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed; write each value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


_StrictLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path | str, what: str, error: type[ProjectError] = ProjectError):
    """Parse a user's YAML file strictly; ``what`` names it in messages ("manifest")."""
    path = Path(path)
    if not path.exists():
        raise error(f"{path}: {what} not found")
    if path.is_dir():
        raise error(f"{path}: is a folder; expected the {what} (a YAML file)")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: {what} is not UTF-8 text (byte {exc.start}: {exc.reason})") from None
    except OSError as exc:
        raise error(f"{path}: cannot read the {what}: {exc.strerror}") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.constructor.ConstructorError as exc:
        raise error(
            f"{path}: refused a YAML tag that is not plain data ({exc.problem}); the {what} may hold "
            "only strings, numbers, lists and mappings"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{path}: {what} is not valid YAML{where}: {problem}") from None


def _field(error: jsonschema.ValidationError) -> str:
    parts = []
    for part in error.absolute_path:
        parts.append(f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part)))
    return "".join(parts) or "(top level)"


def _expected(error: jsonschema.ValidationError) -> str:
    kind = error.validator
    if kind == "type":
        types = error.validator_value
        types = [types] if isinstance(types, str) else types
        return "expected " + " or ".join(
            {"object": "a mapping", "array": "a list"}.get(t, f"a {t}") for t in types
        )
    if kind == "required":
        return error.message.replace("is a required property", "is required")
    if kind == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field(s)")
    if kind == "enum":
        return "expected one of " + ", ".join(map(repr, error.validator_value))
    if kind == "pattern":
        return f"expected text matching {error.validator_value}"
    if kind in ("minimum", "maximum", "minLength", "minItems"):
        return f"expected {kind} {error.validator_value}"
    return error.message


def validate(data, schema: dict, path: Path | str, entry_name=None, error: type[ProjectError] = ProjectError):
    """Check ``data`` against ``schema``; raise ``error`` naming file, entry and field.

    ``entry_name(data, index)`` turns the index of a top-level list entry into
    words (e.g. ``document #2 (hashemite2025)``).
    """
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.path))))
    if not errors:
        return
    first = jsonschema.exceptions.best_match(errors)
    where = f"{path}"
    path_parts = list(first.absolute_path)
    if entry_name and len(path_parts) >= 2 and isinstance(path_parts[1], int):
        where += f": {entry_name(data, path_parts[1])}"
    value = first.instance
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    raise error(f"{where}, field {_field(first)}: {_expected(first)}, got {shown}")


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str) -> str | None:
    """The problem with a metadata date, or ``None`` if it is fine.

    Accepted: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` (an actual calendar date,
    year 1000–2999) or ``unknown``.

    >>> check_date("2025-10-12"), check_date("2025-10"), check_date("unknown")
    (None, None, None)
    >>> check_date("2025-02-30")
    'not a calendar date: day is out of range for month'
    >>> check_date("13 October 2025")
    'expected YYYY-MM-DD, YYYY-MM, YYYY or unknown'
    """
    if value == "unknown":
        return None
    match = _DATE_RE.match(str(value))
    if not match:
        return "expected YYYY-MM-DD, YYYY-MM, YYYY or unknown"
    year, month, day = (int(g) if g else None for g in match.groups())
    if not 1000 <= year <= 2999:
        return f"year {year} is outside 1000-2999"
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        return f"not a calendar date: {exc}"
    return None
