"""Build the book: check the inputs, execute and render, and publish only a complete book.

    python -m belarus_book.build            # HTML, the PDFs and the EPUB into _build/html
    python -m belarus_book.build --no-pdf   # HTML only

Steps, each of which stops the build with a clear message:
1. return at once if no input changed since the last good build;
2. validate ``data/`` against ``data/datapackage.json``, check the claims ledger against the
   data and scan the pages' prose for typed numbers; write the bibliography and the notebooks;
3. execute, in parallel, into the execution cache the pages whose code changed or which read a
   data file or package module that changed since they ran (MyST-NB's cache keys on code cells
   only; what each page read is recorded when it runs: see ``dependencies`` and ``execution``);
4. run Jupyter Book strictly (every page re-read, warnings are errors, a failing cell is an
   error) into ``_build/work``, for the HTML and then the editions (see ``editions``);
5. replace ``_build/html`` with the new book only if all of the above succeeded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ..analysis import claims, scorecard
from ..data import datapackage, problems
from ..data.fingerprint import hash_files
from ..data.paths import PACKAGE_DIR, PROJECT_ROOT
from ..render import bibliography, ledger, prose
from . import editions
from .publishing import (
    BuildError,
    manifest_differences,
    manifest_path,
    one_build_at_a_time,
    publish,
    published_hashes,
    write_front_door,
)


def chapter_files(root: Path) -> list[Path]:
    """Every page listed in ``_toc.yml``, in order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries = [toc["root"]]

    def walk(node):
        for key in ("chapters", "sections", "parts"):
            for child in node.get(key, []) or []:
                if "file" in child:
                    entries.append(child["file"])
                walk(child)

    walk(toc)
    files = []
    for entry in entries:
        matches = [root / f"{entry}{suffix}" for suffix in (".md", ".ipynb") if (root / f"{entry}{suffix}").exists()]
        if not matches:
            raise BuildError(f"_toc.yml lists {entry!r} but no {entry}.md or {entry}.ipynb exists")
        files.append(matches[0])
    return files


BOOK_INPUTS = [
    "data",
    "src",
    "chapters",
    "back",
    "latex",
    "_static",
    "_extra",
    "_config.yml",
    "_toc.yml",
    "requirements.txt",
    "CHANGELOG.md",  # the corrections page shows it (written by each release)
]


def book_fingerprint(root: Path, pdf: bool) -> str:
    """A hash of every file the book is built from (generated folders excluded), and of the kind of build."""
    digest = hashlib.sha256(b"pdf" if pdf else b"html")
    for name in BOOK_INPUTS:
        entry = root / name
        files = [entry] if entry.is_file() else entry.rglob("*")
        generated = {"_figure_data", "_notebooks", "__pycache__"}
        hash_files(digest, root, [p for p in files if not generated & set(p.parts) and p.suffix != ".pyc"])
    return digest.hexdigest()


def _book_stamp(root: Path) -> Path:
    return root / "_build" / "cache" / "book.sha256"


BIBLIOGRAPHY = Path("_build") / "generated" / "references.bib"


def check_inputs(root: Path, write: bool = True) -> None:
    """Validate the data, check the ledger and the scorecard, scan the prose; with ``write``, also
    remember the validation and write the bibliography (``--check`` writes nothing)."""
    data = datapackage.load(root / "data", remember=write)
    claims.check(data, spell=ledger.spell)  # a mismatch is reported in the book's formats
    scorecard.check(data)
    if write:
        bibliography.write(data.sources, root / BIBLIOGRAPHY)
    typed = prose.scan_files(chapter_files(root), root)
    if typed:
        raise BuildError(
            "Numbers typed into the prose (glue them from code instead):\n" + "\n".join(f"  - {t}" for t in typed)
        )


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_READING = re.compile(r"reading sources\.\.\.\s*\[\s*\d+%\]\s*(\S+)")
_EXECUTED = re.compile(r": Executed notebook in ([\d.]+) seconds")
_CACHED = re.compile(r": Using cached notebook")
_PROBLEM = re.compile(r"WARNING|ERROR|Error:|Exception|Traceback")


class PageProgress:
    """Turns Jupyter Book's log into one line per page as it is read, and a summary."""

    def __init__(self) -> None:
        self.page: str | None = None
        self.started = 0.0
        self.status = "not a notebook"
        self.counts = {"executed": 0, "from cache": 0, "not a notebook": 0}

    def finish_page(self) -> None:
        if self.page is not None:
            print(f"      {self.page:<40} {time.monotonic() - self.started:6.1f} s  {self.status}", flush=True)
            self.counts[self.status.split(" in ")[0]] += 1
        self.page = None

    def feed(self, line: str) -> None:
        if match := _READING.search(line):
            self.finish_page()
            self.page, self.started, self.status = match.group(1), time.monotonic(), "not a notebook"
        elif match := _EXECUTED.search(line):
            self.status = f"executed in {float(match.group(1)):.1f} s of kernel time"
        elif _CACHED.search(line):
            self.status = "from cache"
        elif "looking for now-outdated" in line or "writing output" in line:
            self.finish_page()
        if _PROBLEM.search(line) and "Kernel is running over TCP" not in line:
            print("      " + line, flush=True)

    def summary(self) -> str:
        pages = sum(self.counts.values())
        return f"{pages} pages: " + ", ".join(f"{n} {what}" for what, n in self.counts.items())


def write_notebooks(root: Path) -> list[Path]:
    """Each page that runs code as a plain .ipynb beside it (in _notebooks/), for readers to download and rerun."""
    import jupytext

    written = []
    for page in notebook_pages(root):
        target = page.parent / "_notebooks" / f"{page.stem}.ipynb"
        target.parent.mkdir(exist_ok=True)
        notebook = jupytext.read(page)
        for index, cell in enumerate(notebook.cells):
            # nbformat gives each cell a random id: number them, so that two builds of one commit
            # offer byte-identical notebooks.
            cell["id"] = f"cell-{index + 1}"
        jupytext.write(notebook, target, fmt="ipynb")
        written.append(target)
    return written


def notebook_pages(root: Path) -> list[Path]:
    return [page for page in chapter_files(root) if "{code-cell}" in page.read_text(encoding="utf-8")]


def execute_in_parallel(root: Path) -> None:
    """Execute every page whose cached result is missing or stale, on all cores, into the
    execution cache that Jupyter Book then reads. Each notebook runs in its own folder, in a
    fresh kernel (jupyter-cache's local-parallel worker); Jupyter Book itself runs notebooks one
    at a time. A page that fails here is left out of the cache, so Jupyter Book runs it again
    and stops the build with its traceback."""
    import logging

    from jupyter_cache import get_cache
    from jupyter_cache.executors.basic import JupyterExecutorLocalMproc

    from . import execution

    _kernel_environment(root)
    cache = get_cache(str(root / "_build" / "cache" / "jupyter"))
    pages = {str(page.absolute()) for page in notebook_pages(root)}
    for record in cache.list_project_records():
        if record.uri not in pages:  # a page since removed, or this project copied from elsewhere
            cache.remove_nb_from_project(record.pk)
    stale = {}
    for page in sorted(pages):
        cache.add_nb_to_project(page, read_data={"name": "myst_nb_md", "type": "plugin"})
        # MyST-NB's cache matches a page by its code alone: drop a cached result whose page read
        # a data file or module that has changed since (or whose reads are not known).
        cached = cache.get_cached_project_nb(page)
        if cached is not None and (
            reason := execution.stale_reason(root, Path(page), cache.get_cache_bundle(cached.pk).nb)
        ):
            cache.remove_cache(cached.pk)
            stale[page] = reason
    for page, reason in sorted(stale.items()):
        print(f"      {Path(page).relative_to(root).with_suffix('')!s:<40} stale: {reason}", flush=True)
    logger = logging.getLogger("belarus_book.execute")
    logger.setLevel(logging.ERROR)
    started = time.monotonic()
    records = JupyterExecutorLocalMproc(cache, logger).get_records(clear_tracebacks=True)
    outcomes = execution.run(cache, records, kernel_log=root / "_build" / "kernels.log")
    # A kernel can fail to start when another, started at the same moment, took its port. A page
    # that failed is run once more, alone, so that its run is recorded (else the next build runs
    # it again) and only a real error is left for Jupyter Book to show.
    failed = set(outcomes[execution.EXCEPTED] + outcomes[execution.ERRORED])
    if failed:
        retry = execution.run(
            cache,
            [r for r in JupyterExecutorLocalMproc(cache, logger).get_records() if r.uri in failed],
            kernel_log=root / "_build" / "kernels.log",
            processes=1,
        )
        outcomes[execution.SUCCEEDED] += retry[execution.SUCCEEDED]
        outcomes[execution.EXCEPTED] = retry[execution.EXCEPTED]
        outcomes[execution.ERRORED] = retry[execution.ERRORED]
        for uri in sorted(retry[execution.SUCCEEDED]):
            print(
                f"      {Path(uri).relative_to(root).with_suffix('')!s:<40} ran again alone, after a failed first run",
                flush=True,
            )
    for uri in sorted(outcomes[execution.SUCCEEDED]):
        record = cache.get_cached_project_nb(uri)
        seconds = (record.data or {}).get("execution_seconds", 0.0) if record is not None else 0.0
        print(
            f"      {Path(uri).relative_to(root).with_suffix('')!s:<40} {seconds:6.1f} s  executed (parallel)",
            flush=True,
        )
    for uri in sorted(outcomes[execution.EXCEPTED] + outcomes[execution.ERRORED]):
        print(
            f"      {Path(uri).relative_to(root).with_suffix('')!s:<40} failed; Jupyter Book will show why", flush=True
        )
    executed = len(outcomes[execution.SUCCEEDED])
    print(
        f"      {executed} executed on {os.cpu_count()} cores in {time.monotonic() - started:.1f} s; "
        "the rest were already cached",
        flush=True,
    )


def _kernel_environment(root: Path) -> dict:
    """The environment kernels run in: this copy of the package importable, caches kept in _build,
    and an IPython profile of the build's own whose kernels log errors only (each kernel otherwise
    warns, once per page, that it runs over local TCP without encryption)."""
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")]))
    os.environ.setdefault("MPLCONFIGDIR", str(root / "_build" / "cache" / "matplotlib"))
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    profile = root / "_build" / "cache" / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n', encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(profile.parent)
    return dict(os.environ)


# Jupyter Book's command line, run with this interpreter (the package has no __main__).
JUPYTER_BOOK = [sys.executable, "-c", "import sys; from jupyter_book.cli.main import main; sys.exit(main())"]
# What a copy of the project never needs: environments, build output, generated files.
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".venv-*", "_build", ".git", "__pycache__", "*.egg-info", "test-artifacts", "_figure_data", "_notebooks"
)


def run_jupyter_book(
    root: Path, work: Path, builder: str = "html", options: tuple = (), log_name: str | None = None
) -> None:
    """Jupyter Book, strictly, into ``work``; ``options`` such as another edition's ``--config`` and
    ``--toc``; its log is ``work/build-<log_name>.log`` (the builder's name unless given)."""
    env = _kernel_environment(root)  # the kernel must import this copy of the package
    command = [
        *JUPYTER_BOOK,
        "build",
        str(root),
        "--all",
        "-W",
        "-n",
        "--keep-going",
        "--path-output",
        str(work),
        "--builder",
        builder,
        *options,
    ]
    work.mkdir(parents=True, exist_ok=True)
    log_path = work / f"build-{log_name or builder}.log"
    progress = PageProgress()
    with (
        log_path.open("w", encoding="utf-8") as log,
        subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as process,
    ):
        for raw in process.stdout:
            line = _ANSI.sub("", raw.rstrip("\n"))
            log.write(line + "\n")
            progress.feed(line)
    progress.finish_page()
    print("      " + progress.summary(), flush=True)
    if process.returncode != 0:
        raise BuildError(
            f"Jupyter Book failed (exit {process.returncode}); the full log is {log_path}. "
            "The previously published book, if any, is untouched."
        )


def build(root: Path = PROJECT_ROOT, pdf: bool = True) -> Path:
    root = Path(root).resolve()
    with one_build_at_a_time(root):
        return _build(root, pdf)


def _build(root: Path, pdf: bool) -> Path:
    started = time.monotonic()
    target = root / "_build" / "html"
    fingerprint = book_fingerprint(root, pdf)
    stamp = _book_stamp(root)
    if target.is_dir() and stamp.is_file() and stamp.read_text() == fingerprint:
        differences = manifest_differences(root, target)
        if not differences:
            # The published book was built strictly from exactly these files, and is as it was published.
            print("nothing changed since the last good build; the published book is up to date", flush=True)
            return target
        shown = "; ".join(differences[:5]) + (f"; and {len(differences) - 5} more" if len(differences) > 5 else "")
        print(f"the published book is not what the last build published ({shown}): building it again", flush=True)
    stamp.unlink(missing_ok=True)
    steps = 5 if pdf else 4
    print(f"[1/{steps}] checking data, claims ledger and prose", flush=True)
    check_inputs(root)
    write_notebooks(root)
    print(f"[2/{steps}] executing the pages whose code, or a file they read, changed", flush=True)
    execute_in_parallel(root)
    work = root / "_build" / "work"
    print(f"[3/{steps}] building the HTML with Jupyter Book (strict)", flush=True)
    run_jupyter_book(root, work, "html")
    built_html = work / "_build" / "html"
    write_front_door(built_html, root)
    for edition in editions.PUBLISHED:
        (built_html / edition).unlink(missing_ok=True)  # never publish an edition from an earlier build
    if pdf:
        html_done = time.monotonic()
        print(
            f"[4/{steps}] building the PDFs and the EPUB with Jupyter Book, xelatex and EPUBCheck (strict)", flush=True
        )
        editions.build_all(root, work, built_html, run_jupyter_book)
        print(f"      the editions took {time.monotonic() - html_done:.1f} s after the HTML", flush=True)
    publish(built_html, target)
    manifest = manifest_path(root)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(published_hashes(target), indent=0, sort_keys=True), encoding="utf-8")
    stamp.write_text(fingerprint)
    print(f"[{steps}/{steps}] published in {time.monotonic() - started:.1f} s", flush=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this checkout)")
    parser.add_argument("--no-pdf", action="store_true", help="build the HTML only (no TeX needed)")
    parser.add_argument("--check", action="store_true", help="check data, ledger, scorecard and prose; build nothing")
    args = parser.parse_args(argv)
    here = Path.cwd().resolve()
    if args.root is None:
        args.root = PROJECT_ROOT
        if (here / "_config.yml").is_file() and here != PROJECT_ROOT.resolve():
            # A copied folder whose .venv still imports the package of the folder it was copied from:
            # building PROJECT_ROOT would silently rebuild the original.
            print(
                f"\nBUILD STOPPED: this folder is {here}, but the package imported here belongs to "
                f"{PROJECT_ROOT.resolve()} (a .venv copied from there). Run `make book` here, which builds "
                "this folder with its own package, or reinstall: rm -rf .venv && make book",
                file=sys.stderr,
            )
            return 2
    if (args.root.resolve() / "src" / "belarus_book").is_dir() and PACKAGE_DIR.resolve() != (
        args.root.resolve() / "src" / "belarus_book"
    ):
        print(
            f"\nBUILD STOPPED: building {args.root.resolve()} with the package from {PACKAGE_DIR.resolve()}; "
            f"set PYTHONPATH={args.root.resolve() / 'src'} (as `make book` does) so that the folder's own code runs",
            file=sys.stderr,
        )
        return 2
    return run(args.root.resolve(), check=args.check, pdf=not args.no_pdf)


def run(root: Path, check: bool = False, pdf: bool = True) -> int:
    """Check, or build, the book in ``root``; the exit code (2 for anything the data, the ledger or
    the folder prevents), with a located message on stderr and never a traceback for those."""
    try:
        if check:
            check_inputs(root, write=False)
            print(
                "data/ is valid; the claims ledger and the scorecard match the data; no number is typed into the prose"
            )
            return 0
        target = build(root, pdf=pdf)
    except (problems.DataValidationError, claims.LedgerMismatch, scorecard.ScorecardError, BuildError) as error:
        print(f"\nBUILD FAILED: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a file or folder the build must read or write (permissions, a full disk)
        where = f" {error.filename}" if error.filename else ""
        print(
            f"\nBUILD FAILED: cannot use{where}: {error.strerror or error}. Nothing was published; the previous "
            "book, if any, is untouched.",
            file=sys.stderr,
        )
        return 2
    print(f"\nThe book is ready: open file://{target / 'index.html'}")
    for edition, what in editions.PUBLISHED.items():
        if (target / edition).is_file():
            print(f"{what}: {target / edition}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
