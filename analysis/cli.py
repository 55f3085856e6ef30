"""Command line of the project: ``python -m analysis <command>``.

Commands
--------
build     execute what changed and compile the book (``make book``)
chapter   re-run one chapter with new parameters and rebuild the book
params    list a chapter's parameters with their defaults and types
check     load and check the corpus (manifest, checksums, cleaning)

Every input problem ends with ``error: <what and where>`` and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.book import params as params_mod
from analysis.errors import ProjectError


def _parse_pairs(pairs: list[list[str]] | None) -> dict:
    return {name: params_mod.parse_cli_value(value) for name, value in (pairs or [])}


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

    p_params = sub.add_parser("params", help="list a chapter's parameters")
    p_params.add_argument("name", nargs="?", help="chapter name (default: all chapters)")

    p_check = sub.add_parser("check", help="load and check the corpus")
    p_check.add_argument("--corpus", type=Path, help="corpus folder (default seeds/)")

    args = parser.parse_args(argv)
    try:
        if args.command == "params":
            names = [args.name] if args.name else list(params_mod.chapter_notebooks())
            for name in names:
                defaults = params_mod.read_defaults(params_mod.notebook_for(name))
                print(f"{name}:")
                for key, value in defaults.items():
                    print(f"  {key} = {value!r}  ({params_mod._type_name(value)})")
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
            overrides = _parse_pairs(args.parameter)
            params_mod.validate(args.name, overrides)  # fails before any kernel starts
            report = build_book(
                {args.name: overrides}, args.build_dir, force=(args.name,) if args.force else ()
            )
        print(f"book: {report['build']}/html/index.html ({report['seconds']:.1f} s)")
        return 0
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
