"""Command line: ``python -m helpers.data list | fetch NAME|--all [--to DIR] [--force] | verify | path``.

Exit status: 0 done; 1 a dataset is missing, broken or failed to download; 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from helpers.data.errors import DatasetNotFoundError, LayoutError, UnsafeArchiveError
from helpers.data.handlers import HANDLERS
from helpers.data.stage import TARGETS, target


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.data",
        description="List, download, verify and locate the course's datasets (stage a lab once).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="each dataset: where it is, how many images, whether complete")
    fetch = commands.add_parser("fetch", help="download, verify and extract into a data folder")
    which = fetch.add_mutually_exclusive_group(required=True)
    which.add_argument("name", nargs="?", choices=list(TARGETS), help="the dataset to fetch")
    which.add_argument("--all", action="store_true", help="fetch every dataset and the weights")
    fetch.add_argument("--to", metavar="DIR", help="data folder to fill (default: the first writable one)")
    fetch.add_argument("--force", action="store_true",
                       help="download again even if complete (replaces a damaged copy)")
    verify = commands.add_parser("verify", help="check a staged copy (hashes, counts, every file)")
    verify.add_argument("name", choices=list(TARGETS))
    verify.add_argument("--path", metavar="DIR", help="check this folder instead of the one found")
    path = commands.add_parser(
        "path", help="print the dataset's folder; downloads nothing (exit 1 when full mode finds none)")
    path.add_argument("name", choices=list(HANDLERS))
    return parser


def _fetch(names: Sequence[str], to: str | None, force: bool) -> int:
    failed = []
    for name in names:
        item = target(name)
        try:
            item.fetch(to, force=force)
        except (OSError, UnsafeArchiveError, LayoutError) as error:  # DownloadError is an OSError
            message = str(error)
            named = message if message.startswith(item.title) else f"{item.title}: {message}"
            print(f"error: {named}", file=sys.stderr)
            failed.append(name)
    if failed:
        print(f"Not fetched: {', '.join(failed)}.", file=sys.stderr)
        return 1
    return 0


def _verify(name: str, path: str | None) -> int:
    item = target(name)
    result = item.verify(path)
    if result.located is None:
        print(f"{item.title}: " + "\n".join(result.problems), file=sys.stderr)
        return 1
    located = result.located
    files = "file" if result.checked == 1 else "files"
    print(f"{item.title} in {located.path} ({located.source}): {result.checked:,} {files} checked, "
          f"{located.count:,} of {located.expected:,} present.")
    for problem in result.problems[:50]:
        print(f"  problem: {problem}")
    if len(result.problems) > 50:
        print(f"  ... and {len(result.problems) - 50:,} more problems")
    if result.problems:
        found = f"{item.title}: {len(result.problems):,} problem(s) found. {result.fix}"
        print(found.rstrip(), file=sys.stderr)
        return 1
    if not result.ok:
        print(f"{item.title}: the files present are intact, but the copy is partial "
              f"({located.count:,} of {located.expected:,}).", file=sys.stderr)
        return 1
    verdict = "every file present is intact" if result.partial_is_fine else "complete and intact"
    print(f"{item.title}: OK, {verdict}.")
    return 0


def _path(name: str) -> int:
    from helpers.data.resolve import locate

    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries only the path
            located = locate(name, download=False)  # a question about the folder starts no download
    except (DatasetNotFoundError, LayoutError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(located.path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "list":
        from helpers.data.report import report

        print(report())
        return 0
    if args.command == "fetch":
        return _fetch(list(TARGETS) if args.all else [args.name], args.to, args.force)
    if args.command == "verify":
        return _verify(args.name, args.path)
    return _path(args.name)


if __name__ == "__main__":
    sys.exit(main())
