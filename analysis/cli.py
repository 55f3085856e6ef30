"""Command line of the project: ``python -m analysis <command>``.

Commands
--------
setup     install the NLTK data the project reads (from installed packages)
build     execute what changed and compile the book (``make book``)
chapter   re-run one chapter with new parameters and rebuild the book
params    list a chapter's parameters with their defaults and types
check     load and check the corpus (manifest, checksums, cleaning)
pipeline  run the per-document stages over a large corpus (pandas or Dask)
pdf       print the built book to a PDF edition (``make pdf``)
release   build the book and write the release archive (``make release``)
bench     measure the build and the text pipeline (``make bench``)

Every input problem ends with ``error: <what and where>`` and exit code 2;
Ctrl-C ends with one line and exit code 130.
"""

from __future__ import annotations

import argparse
import importlib
import shlex
import sys
from pathlib import Path

from analysis.book import params as params_mod
from analysis.errors import ParameterError, ProjectError


def _parse_pairs(pairs: list[list[str]] | None) -> dict:
    return {name: params_mod.parse_cli_value(value) for name, value in (pairs or [])}


def _pairs_from_words(words: str) -> list[list[str]]:
    """``"-p top_n 5 -p terms 'Durand Line,TTP'"`` -> ``[["top_n", "5"], ["terms", "Durand Line,TTP"]]``."""
    try:
        items = shlex.split(words)
    except ValueError as exc:
        raise ParameterError(f"PARAMS: cannot split {words!r} into words ({exc})") from None
    pairs = []
    while items:
        flag = items.pop(0)
        if flag not in ("-p", "--parameter") or len(items) < 2:
            raise ParameterError(
                f"PARAMS: expected pairs of '-p NAME VALUE', got {words!r} "
                '(e.g. PARAMS="-p top_n 5 -p documents doc1,doc2")'
            )
        pairs.append([items.pop(0), items.pop(0)])
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="execute what changed and compile the book")
    p_build.add_argument("--params", type=Path, help="YAML file: one section of parameters per chapter")
    p_build.add_argument(
        "--build-dir",
        type=Path,
        help="build folder (default _build; with --params, _build/variants/<file name>)",
    )
    p_build.add_argument("--jobs", type=int, default=2, help="chapters executed at once (default 2)")
    p_build.add_argument("--force", action="store_true", help="re-execute every chapter")

    p_chapter = sub.add_parser("chapter", help="re-run one chapter with new parameters")
    p_chapter.add_argument("name", help="chapter name, e.g. corpus")
    p_chapter.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="parameter value, as with papermill -p (repeatable)",
    )
    p_chapter.add_argument("--build-dir", type=Path, help="build folder (default _build)")
    p_chapter.add_argument("--force", action="store_true", help="re-execute even if cached")
    p_chapter.add_argument(
        "--words",
        default="",
        metavar="STRING",
        help="more '-p NAME VALUE' pairs in one string, split like a shell would (used by make chapter)",
    )

    p_params = sub.add_parser("params", help="list a chapter's parameters")
    p_params.add_argument("name", nargs="?", help="chapter name (default: all chapters)")

    p_check = sub.add_parser("check", help="load and check the corpus")
    p_check.add_argument("--corpus", type=Path, help="corpus folder (default seeds/)")

    sub.add_parser("setup", help="install the NLTK data the project reads")
    p_pdf = sub.add_parser("pdf", help="print the built book to <build>/pdf/<name>-<version>.pdf")
    p_pdf.add_argument("--build-dir", type=Path, help="build folder (default _build)")
    for name, help_text in DELEGATED.items():
        sub_parser = sub.add_parser(name, help=help_text, add_help=False)
        sub_parser.add_argument("rest", nargs=argparse.REMAINDER)

    args = parser.parse_args(argv)
    try:
        return _run(args)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; the published book is unchanged", file=sys.stderr)
        return 130


#: Commands whose own module parses the rest of the command line.
DELEGATED = {
    "pipeline": "run the per-document stages over a corpus (see --help)",
    "release": "build the book and write dist/<name>-<version>.zip (see --help)",
    "bench": "measure the build and the text pipeline (see --help)",
}


def _run(args) -> int:
    """Carry out one parsed command; errors propagate to :func:`main`."""
    if args.command == "setup":
        from analysis.book import nltk_setup

        nltk_setup.main()
        return 0
    if args.command == "pdf":
        from analysis.book.pdf import make_pdf

        make_pdf(args.build_dir)
        return 0
    if args.command in DELEGATED:
        module = {
            "pipeline": "analysis.scale.pipeline",
            "release": "analysis.book.release",
            "bench": "analysis.bench.runner",
        }[args.command]
        return importlib.import_module(module).main(args.rest)
    if args.command == "params":
        names = [args.name] if args.name else list(params_mod.chapter_notebooks())
        for name in names:
            defaults = params_mod.read_defaults(params_mod.notebook_for(name))
            print(f"{name}:")
            for key, value in defaults.items():
                print(f"  {key} = {value!r}  ({params_mod.type_name(value)})")
        return 0
    if args.command == "check":
        from analysis.corpus.load import load_corpus

        corpus = load_corpus(args.corpus)
        for row in corpus.documents.itertuples():
            print(f"{row.id:<16} {row.n_sentences:>5} sentences {row.n_tokens:>7} tokens  ok")
        return 0

    from analysis.book.build import build_book

    if args.command == "build":
        chapter_params = params_mod.load_params_file(args.params) if args.params else {}
        build_dir = args.build_dir
        if args.params and not build_dir:
            from analysis import paths

            build_dir = paths.build_dir() / "variants" / args.params.stem
        force = tuple(params_mod.chapter_notebooks()) if args.force else ()
        report = build_book(chapter_params, build_dir, jobs=args.jobs, force=force)
    else:
        overrides = _parse_pairs((args.parameter or []) + _pairs_from_words(args.words))
        params_mod.validate(args.name, overrides)  # fails before any kernel starts
        report = build_book({args.name: overrides}, args.build_dir, force=(args.name,) if args.force else ())
    print(f"book: {report['build']}/html/index.html ({report['seconds']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
