"""Three fixes to the HTML theme stack, loaded by ``_config.yml`` as a Sphinx extension.

Found by the browser test (``tests/test_browser.py``), which fails on any
console error:

1. Sphinx 7.4 puts an inline ``<script>`` that an extension registers late
   on the page twice (it is registered once as filename ``None`` and again
   as ``''`` when the HTML builder re-reads its registry).  sphinx-thebe's
   ``const THEBE_JS_URL = ...`` is such a script, so every page threw
   "Identifier 'THEBE_JS_URL' has already been declared".  Identical
   scripts are now written once.
2. sphinx-thebe (loaded by Jupyter Book whether or not live code is on)
   put a ``THEBE_JS_URL`` pointing at a CDN, its script and stylesheet and a
   ``text/x-thebe-config`` block on every page, although this book has no
   live code.  Its event handlers are disconnected and its assets dropped,
   so no page names an external script.
3. pydata-sphinx-theme logs "Got invalid theme mode: . Resetting to auto."
   on a reader's first visit (nothing in ``localStorage`` yet).  A one-line
   script sets the missing mode to ``auto`` before the theme reads it.
"""

from __future__ import annotations

#: Runs in <head> after the theme's own inline script and before its deferred bundle.
THEME_MODE_JS = 'if(!document.documentElement.dataset.mode){document.documentElement.dataset.mode="auto";}'


def _script_key(js) -> tuple:
    filename = getattr(js, "filename", js) or ""
    attributes = getattr(js, "attributes", {}) or {}
    return (str(filename), getattr(js, "priority", 500), tuple(sorted(attributes.items())))


def dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop repeated ``<script>`` entries (same file or body, same attributes) from a page."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for js in scripts:
        key = _script_key(js)
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"] = unique


def drop_thebe(app) -> None:
    """Disconnect sphinx-thebe's event handlers and drop its registered assets."""
    for listeners in app.events.listeners.values():
        listeners[:] = [
            listener
            for listener in listeners
            if not getattr(listener.handler, "__module__", "").startswith("sphinx_thebe")
        ]
    app.registry.css_files = [
        (name, attrs) for name, attrs in app.registry.css_files if "thebe" not in str(name)
    ]
    app.registry.js_files = [
        (name, attrs) for name, attrs in app.registry.js_files if "thebe" not in str(name)
    ]


def setup(app):
    drop_thebe(app)
    app.add_js_file(None, body=THEME_MODE_JS, priority=100)
    app.connect("html-page-context", dedupe_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
