"""Altair charts that render with no network.

Altair's usual HTML output fetches vega from a CDN, so an offline reader
sees blank charts.  The renderer registered here emits the chart spec inline
plus a call to ``vegaEmbed``; the vega, vega-lite and vega-embed JavaScript
itself is served from the book's ``_static/vega/`` folder (written at build
time from the bundle that ``vl-convert-python`` ships, see
:func:`write_vega_bundle`) and loaded on every page by ``_config.yml``.

In JupyterLab the same output also carries the vega-lite MIME type, which the
notebook front end renders natively.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import altair as alt

#: File name of the bundle under ``_static/vega/``; ``_config.yml`` names it.
BUNDLE_NAME = "vega-bundle.js"
RENDERER = "pakafghan_offline"
_VEGALITE_MIME = "application/vnd.vegalite.v%s+json" % alt.SCHEMA_VERSION.lstrip("v").split(".")[0]


def vega_lite_version() -> str:
    """``major.minor`` of the vega-lite schema Altair writes (e.g. ``6.4``)."""
    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def write_vega_bundle(static_dir: Path) -> Path:
    """Write the vega + vega-lite + vega-embed bundle into ``static_dir/vega``.

    The bundle defines ``window.vegaEmbed``.  Making it takes vl-convert a few
    seconds, so it is made once per (vl-convert, vega-lite) version pair,
    recorded in a stamp file beside it, and left alone while that matches.

    The bundle is wrapped in a function: its top-level ``const`` names
    (``_``, ``n``, ...) would otherwise share the page's global scope with
    Sphinx's scripts, and ``doctools.js`` already declares ``const _``, so the
    browser refused to run the bundle and every chart stayed empty.
    """
    from importlib import metadata

    import vl_convert

    target = Path(static_dir) / "vega" / BUNDLE_NAME
    stamp_file = target.with_name(BUNDLE_NAME + ".version")
    stamp = (
        f"vl-convert-python {metadata.version('vl-convert-python')}; "
        f"vega-lite {vega_lite_version()}; wrapped in a function"
    )
    if target.exists() and stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp:
        return target
    bundle = "(function(){\n" + vl_convert.javascript_bundle(vl_version=vega_lite_version()) + "\n})();\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(BUNDLE_NAME + ".tmp")
    tmp.write_text(bundle, encoding="utf-8")
    tmp.replace(target)
    stamp_file.write_text(stamp, encoding="utf-8")
    return target


def safe_json(obj) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so text from a
    seed (``</script><script>…``) cannot close the element and run.

    Examples
    --------
    >>> safe_json({"t": "</script>"})
    '{"t": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def chart_html(spec: dict) -> str:
    """HTML for one chart: a container, the spec as JSON, and the embed call."""
    body = safe_json(spec)
    chart_id = "pa-chart-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
    return (
        f'<div class="pa-chart" id="{chart_id}"></div>\n'
        f'<script type="application/json" id="{chart_id}-spec">{body}</script>\n'
        "<script>(function(){"
        f"var id='{chart_id}';"
        "function draw(){var el=document.getElementById(id);"
        "if(!window.vegaEmbed){el.textContent='Chart library missing: _static/vega/"
        f"{BUNDLE_NAME} was not loaded.';return;}}"
        "var spec=JSON.parse(document.getElementById(id+'-spec').textContent);"
        "window.vegaEmbed(el,spec,{renderer:'svg',actions:{export:true,source:false,"
        "compiled:false,editor:false}}).catch(function(e){el.textContent='Chart failed: '+e;});}"
        "if(document.readyState==='complete'){draw();}else{window.addEventListener('load',draw);}"
        "})();</script>"
    )


def _renderer(spec: dict, **_meta) -> dict:
    return {
        "text/html": chart_html(spec),
        _VEGALITE_MIME: spec,
        "text/plain": f"<altair chart: {spec.get('title', spec.get('mark', 'chart'))}>",
    }


def enable() -> None:
    """Register and switch on the offline renderer (idempotent)."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _renderer)
    alt.renderers.enable(RENDERER)
    alt.data_transformers.disable_max_rows()
