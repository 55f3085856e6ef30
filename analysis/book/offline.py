"""MathJax served by the book itself, so formulas render with no network.

Sphinx loads MathJax from a CDN on every page with a formula (and on the
pages whose table of contents includes one), so an offline reader saw raw
LaTeX and the browser test saw requests leave the machine.  The MathJax 3
combined component ``tex-mml-svg.js`` is self-contained (TeX and MathML in,
SVG out: no font files to fetch); the build (:func:`analysis.book.build.stage`) copies it
from the pinned PyPI package ``django-static-mathjax`` (which ships
MathJax's ``es5`` folder and installs no other dependency) into the book's
``mathjax/`` folder (through ``_extra``: Jupyter Book would load any ``.js``
file under ``_static`` on every page), and ``_config.yml`` points Sphinx's
``mathjax_path`` at it.
"""

from __future__ import annotations

from importlib import metadata, util
from pathlib import Path

#: File name under ``mathjax/`` in the book; ``_config.yml`` (``mathjax_path``) names it.
MATHJAX_FILE = "tex-mml-svg.js"
MATHJAX_PACKAGE = "django-static-mathjax"


def mathjax_source() -> Path:
    """Path of MathJax's ``es5/tex-mml-svg.js`` in the installed package.

    Raises
    ------
    FileNotFoundError
        If the package is not installed (``make setup`` installs it).

    Examples
    --------
    >>> mathjax_source().name
    'tex-mml-svg.js'
    """
    spec = util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"MathJax is missing: install {MATHJAX_PACKAGE} (make setup)")
    path = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5" / MATHJAX_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not found in {MATHJAX_PACKAGE} {metadata.version(MATHJAX_PACKAGE)}")
    return path
