"""Chapter parameters: read the defaults from a notebook, validate overrides.

Each chapter notebook has one code cell tagged ``parameters`` made of plain
assignments (``top_n = 20``).  That cell is the single source of the
chapter's parameters and their types: this module parses it (without
running it) so that the project's re-run can reject an unknown name or a
wrong type *before* a kernel starts, and so that the chapter itself can
check what papermill injected.
"""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import yaml

from analysis.book import toc
from analysis.corpus import userfiles
from analysis.errors import ParameterError


def chapter_notebooks() -> dict[str, Path]:
    """Map chapter names to notebook paths, in the order of ``_toc.yml``.

    The table of contents is the only list of chapters: a notebook in
    ``chapters/`` that it does not list is not a chapter of the book.
    """
    out = {}
    for entry in toc.toc_entries():
        source = toc.resolve_entry(entry)
        if source.suffix == ".ipynb":
            out[chapter_name(source)] = source
    return out


def chapter_name(path: Path | str) -> str:
    """``chapters/words.ipynb`` -> ``words``."""
    return Path(path).stem


def notebook_for(name: str) -> Path:
    """Path of the chapter called ``name``; an unknown name lists the valid ones."""
    notebooks = chapter_notebooks()
    if name not in notebooks:
        raise ParameterError(f"unknown chapter {name!r}; valid chapters: {', '.join(notebooks)}")
    return notebooks[name]


def read_defaults(notebook: Path | str) -> dict:
    """Parse the ``parameters`` cell of a notebook into ``{name: default}``.

    Raises
    ------
    ParameterError
        If the notebook has no cell tagged ``parameters``, or the cell holds
        something other than assignments of literal values.
    """
    notebook = Path(notebook)
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cells = [c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"{notebook}: expected exactly one cell tagged 'parameters', found {len(cells)}")
    source = "".join(cells[0]["source"])
    defaults = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            target, value = node.target.id, node.value
        else:
            raise ParameterError(
                f"{notebook}: the parameters cell may only assign literal values (line {node.lineno})"
            )
        try:
            defaults[target] = ast.literal_eval(value)
        except ValueError:
            raise ParameterError(
                f"{notebook}: parameter {target!r} must have a literal default (line {node.lineno})"
            ) from None
    return defaults


def type_name(value) -> str:
    if isinstance(value, bool):
        return "bool (True/False)"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        inner = {type_name(v) for v in value}
        return f"list of {inner.pop()}" if len(inner) == 1 else "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


#: How a list or a mapping can be written on a command line (shown in errors).
_SYNTAX = {
    list: " (write a,b or [a, b], e.g. -p documents doc1,doc2)",
    dict: " (write key=value,key=value or {key: value}, e.g. -p keyness_groups field=genre,target=news)",
}


def coerce(name: str, value, default, chapter: str = "?"):
    """Check ``value`` against the type of ``default`` and return it, converted.

    Conversions are the safe ones a command line needs: a string holding a
    YAML/JSON list or a comma-separated list for a list parameter, an int
    for a float parameter, and the strings ``True``/``False`` for a bool.

    Examples
    --------
    >>> coerce("top_n", 30, 20)
    30
    >>> coerce("terms", "TTP, Durand Line", ["Taliban"])
    ['TTP', 'Durand Line']
    >>> coerce("documents", 2, []), coerce("documents", "[2, 3]", [])
    (['2'], ['2', '3'])
    >>> coerce("top_n", "many", 20)
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: chapter '?': parameter 'top_n' expects int, got string 'many'
    """

    def fail():
        shown = value if not isinstance(value, str) else f"{value!r}"
        raise ParameterError(
            f"chapter {chapter!r}: parameter {name!r} expects {type_name(default)}, "
            f"got {type_name(value)} {shown}{_SYNTAX.get(type(default), '')}"
        )

    if default is None or value is None and default is None:
        return value
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value in ("True", "False", "true", "false"):
            return value.lower() == "true"
        fail()
    if isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                pass
        fail()
    if isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        fail()
    if isinstance(default, str):
        if isinstance(value, str):
            return value
        fail()
    if isinstance(default, list):
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith("["):
                try:
                    value = yaml.safe_load(stripped)
                except yaml.YAMLError:
                    fail()
            else:
                value = [v.strip() for v in stripped.split(",") if v.strip()]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = [value]  # "-p documents 2": papermill made the id a number
        if not isinstance(value, list):
            fail()
        if not default:  # an empty default is a list of words or ids: numbers are read as text
            return [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
        kinds = {type(v) for v in default}
        if len(kinds) == 1:
            (kind,) = kinds
            out = []
            for item in value:
                if kind in (int, float) and isinstance(item, str):  # "2021,2023" from a command line
                    item = _number(item, kind)
                if kind is float and isinstance(item, int) and not isinstance(item, bool):
                    item = float(item)
                if kind is str and isinstance(item, (int, float)) and not isinstance(item, bool):
                    item = str(item)
                if not isinstance(item, kind) or (kind is int and isinstance(item, bool)):
                    fail()
                out.append(item)
            return out
        return value
    if isinstance(default, dict):
        if isinstance(value, str):
            value = _parse_mapping(value, fail)
        if not isinstance(value, dict):
            fail()
        return value
    return value


def _number(text: str, kind: type):
    """``"2021"`` -> 2021 for a list of numbers; the text unchanged if it is not one."""
    try:
        return kind(text.strip())
    except ValueError:
        return text


def _parse_mapping(text: str, fail):
    """A mapping written ``key=value,key=value`` or as YAML/JSON (``{key: value}``).

    >>> _parse_mapping("field=outlet_country,target=Pakistan", None)
    {'field': 'outlet_country', 'target': 'Pakistan'}
    >>> _parse_mapping('{"field": "genre", "target": ["news"]}', None)
    {'field': 'genre', 'target': ['news']}
    """
    stripped = text.strip()
    if not stripped.startswith("{") and "=" in stripped:
        out = {}
        for pair in stripped.split(","):
            key, sep, raw = pair.partition("=")
            if not sep or not key.strip():
                fail()
            out[key.strip()] = parse_cli_value(raw.strip())
        return out
    try:
        return _dates_as_text(yaml.safe_load(stripped))
    except yaml.YAMLError:
        fail()


def _dates_as_text(value):
    """YAML reads an unquoted ``2025-02-13`` as a date: give it back as the text written.

    Parameters are plain JSON-like values (shown on the page, hashed for the cache).

    >>> _dates_as_text({"a": __import__("datetime").date(2025, 2, 13), "b": [1]})
    {'a': '2025-02-13', 'b': [1]}
    """
    import datetime

    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value


def validate(chapter: str, overrides: dict, defaults: dict | None = None) -> dict:
    """Return the full parameter set of ``chapter`` with ``overrides`` applied.

    Raises
    ------
    ParameterError
        For an unknown parameter (the message lists the valid ones) or a value
        of the wrong type (the message names the expected type).
    """
    if defaults is None:
        defaults = read_defaults(notebook_for(chapter))
    unknown = sorted(set(overrides) - set(defaults))
    if unknown:
        raise ParameterError(
            f"chapter {chapter!r}: unknown parameter(s) {', '.join(unknown)}; "
            f"valid parameters: {', '.join(defaults)}"
        )
    result = dict(defaults)
    for name, value in overrides.items():
        result[name] = coerce(name, value, defaults[name], chapter)
        if value != defaults[name]:
            result[name] = absolute_path(name, result[name])
    check_values(chapter, result)
    return result


def is_path_parameter(name: str) -> bool:
    """Parameters named ``*_dir`` or ``*_path`` hold a file or folder."""
    return name.endswith(("_dir", "_path"))


def absolute_path(name: str, value):
    """A path a user gave, made absolute against the folder the command runs in.

    The kernel runs in another folder (the build executes chapters in
    ``chapters/``), so a relative path is resolved here, where the user typed
    it.  Defaults are the project's own and stay relative to its root (the
    chapter modules resolve them); an empty value keeps its meaning.
    """
    if is_path_parameter(name) and isinstance(value, str) and value:
        path = Path(value).expanduser()
        return str(path if path.is_absolute() else Path.cwd() / path)
    return value


def check_values(chapter: str, values: dict) -> None:
    """Run the chapter module's ``check(values)`` (ranges, choices, document ids).

    The module is ``analysis.chapters.<chapter>``; a chapter without one has
    only the type checks of :func:`coerce`.  The message gets the chapter's
    name in front, so a build of several chapters says which one is at fault.
    """
    try:
        module = importlib.import_module(f"analysis.chapters.{chapter}")
    except ModuleNotFoundError as exc:
        if exc.name != f"analysis.chapters.{chapter}":
            raise
        return
    check = getattr(module, "check", None)
    if check is None:
        return
    try:
        check(values)
    except ParameterError as exc:
        message = str(exc)
        if not message.startswith("chapter "):
            raise ParameterError(f"chapter {chapter!r}: {message}") from None
        raise


def parse_cli_value(text: str):
    """Convert a ``-p name value`` string the way papermill does.

    ``True``/``False``/``None`` and numbers are converted; anything else
    stays a string (a list parameter then accepts ``"a, b"`` or ``"[a, b]"``).
    """
    if text in ("True", "False"):
        return text == "True"
    if text == "None":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def load_params_file(path: Path | str) -> dict[str, dict]:
    """Read a YAML file of parameters, one section per chapter, and validate it all."""
    path = Path(path)
    data = userfiles.load_yaml(path, "parameters file", ParameterError) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ParameterError(f"{path}: expected a mapping of chapter name -> mapping of parameters")
    notebooks = chapter_notebooks()
    out = {}
    for chapter, overrides in data.items():
        if chapter not in notebooks:
            raise ParameterError(
                f"{path}: unknown chapter {chapter!r}; valid chapters: {', '.join(notebooks)}"
            )
        out[chapter] = validate(chapter, overrides)
    return out
