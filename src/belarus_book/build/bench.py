"""Build benchmark: the project's build against stock Jupyter Book on the same machine, in one invocation.

    python -m belarus_book.build.bench [--runs N]       (make bench; 3 runs unless told)

Works on temporary copies of this checkout, repeats everything N times, and prints the median
of each figure on a line of its own:
    clean / stock baseline: R                      target at most 0.45
    clean / clean without provenance: R            target at most 1.25 (provenance adds at most 25%)
    no-change rebuild / clean: R                   target at most 0.05
    one-chapter code edit / clean: R
    one-value data edit / clean: R                 target at most 0.3 (a file a few chapters read)
    PDFs and EPUB after HTML / clean HTML: R       target at most 1.0
    marginal seconds per page, project / stock: R  target at most 0.5 (chapters replicated x2 and x4)
    heaviest page with its images: M MB            target at most 1.5
The stock baseline is `jupyter-book build --all` with `execute_notebooks: force` on a copy of
the same chapters. Results, each run's included, go to benchmarks/results.md. Timings are
wall-clock and vary with the machine's load; tests never check them.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from ..data import datapackage, provenance
from ..data.paths import PROJECT_ROOT
from ..render import bibliography
from . import book as build

RESULTS = PROJECT_ROOT / "benchmarks" / "results.md"


def _run(command: list[str], cwd: Path, **extra_env: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(cwd / "src"), **extra_env}
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def _project_build(root: Path, pdf: bool = False, **extra_env: str) -> tuple[float, str]:
    command = [sys.executable, "-m", "belarus_book.build"] + ([] if pdf else ["--no-pdf"])
    return _run(command, root, **extra_env)


def stock_baseline(root: Path) -> float:
    """Stock Jupyter Book on the same chapters: serial execution of every notebook, no cache."""
    config = root / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("execute_notebooks: cache", "execute_notebooks: force")
    )
    # The chapters link to files the project's build generates; generate them untimed, so both builds read the same.
    bibliography.write(datapackage.load(root / "data").sources, root / build.BIBLIOGRAPHY)
    build.write_notebooks(root)
    # Forget that validation, as a fresh checkout would not know it: the first chapter validates.
    shutil.rmtree(root / "_build" / "cache", ignore_errors=True)
    elapsed, _ = _run([*build.JUPYTER_BOOK, "build", str(root), "--all"], root)
    return elapsed


def heaviest_page_mb(html: Path) -> tuple[str, float]:
    sizes = {}
    for page in html.rglob("*.html"):
        total = page.stat().st_size
        for image in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("img[src]"):
            path = (page.parent / image["src"]).resolve()
            if path.is_file():
                total += path.stat().st_size
        sizes[str(page.relative_to(html))] = total / 1e6
    name = max(sizes, key=sizes.get)
    return name, sizes[name]


# The edits timed: (file, passage, replacement). A line of one chapter's code; one value in a data
# file that a few chapters read (Ukraine's share of petroleum imports bought from Belarus, read by
# the economy chapter and the appendices; the file also holds Russia's shares of Belarus's trade,
# which Part IV's economy chapter, the synthesis and Part II's cooperation chapter read), with the
# same figure in the source's words behind it.
CODE_EDIT = ("chapters/economy.md", "chart_style.apply_style()\n", "chart_style.apply_style()\n_ = None\n")
DATA_EDIT = ("data/trade_shares.csv", ",41.87,percent,", ",43.21,percent,")
QUOTE_EDIT = ("data/evidence.csv", "trade_shares,TS-01,", "41,87%", "43,21%")


def _edit(root: Path, file: str, old: str, new: str) -> None:
    """Change one passage of a file; stop if it is not there, as the timing would then measure no change."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise RuntimeError(f"the benchmark's edit no longer applies: {old!r} is not in {file}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_line(root: Path, file: str, prefix: str, old: str, new: str) -> None:
    """Change every occurrence of a passage in the one line that starts with ``prefix``."""
    path = root / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    matched = [i for i, line in enumerate(lines) if line.startswith(prefix) and old in line]
    if len(matched) != 1:
        raise RuntimeError(f"the benchmark's edit no longer applies: no one line of {file} starts {prefix!r}")
    lines[matched[0]] = lines[matched[0]].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")


def edit_one_value(root: Path) -> None:
    _edit(root, *DATA_EDIT)
    _edit_line(root, *QUOTE_EDIT)


def replicate_chapters(root: Path, times: int) -> int:
    """Add ``times - 1`` copies of every chapter to the book (labels renamed so that none repeats);
    return how many pages the book then has that run code."""
    toc_path = root / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    chapters = [c["file"] for part in toc["parts"] for c in part["chapters"] if c["file"].startswith("chapters/")]
    added = []
    for copy in range(2, times + 1):
        entries = []
        for file in chapters:
            text = (root / f"{file}.md").read_text(encoding="utf-8")
            labels = re.findall(r"^\(([\w-]+)\)=", text, re.M) + re.findall(r"^:name: ([\w-]+)", text, re.M)
            for label in labels:
                text = re.sub(rf"(?<![\w-]){re.escape(label)}(?![\w-])", f"{label}-copy{copy}", text)
            (root / f"{file}_copy{copy}.md").write_text(text, encoding="utf-8")
            entries.append({"file": f"{file}_copy{copy}"})
        added.append({"caption": f"Copy {copy} of the chapters", "numbered": True, "chapters": entries})
    toc["parts"][-1:-1] = added  # before the back matter
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return len(build.notebook_pages(root))


def growth(folder: Path) -> dict:
    """Seconds of a clean build with the chapters replicated two and four times, stock and project."""
    timings = {}
    for times in (2, 4):
        for kind in ("stock", "ours"):
            root = folder / f"{kind}-x{times}"
            shutil.copytree(PROJECT_ROOT, root, ignore=build.COPY_IGNORE)
            pages = replicate_chapters(root, times)
            print(f"  {kind}, chapters x{times} ({pages} pages that run code) ...", flush=True)
            seconds = stock_baseline(root) if kind == "stock" else _project_build(root)[0]
            timings[f"{kind} x{times}"] = seconds
            timings[f"pages x{times}"] = pages
            shutil.rmtree(root)
    return timings


def one_run(with_growth: bool = True) -> dict:
    """Every timing of one benchmark run, in seconds (and the heaviest page, in MB), on fresh copies."""
    with tempfile.TemporaryDirectory(prefix="belarus-book-bench-") as folder:
        stock, ours, plain = Path(folder) / "stock", Path(folder) / "ours", Path(folder) / "plain"
        for copy in (stock, ours, plain):
            shutil.copytree(PROJECT_ROOT, copy, ignore=build.COPY_IGNORE)
        print("  stock Jupyter Book, execute_notebooks: force ...", flush=True)
        baseline = stock_baseline(stock)
        print("  the project's build without provenance (numbers untraced), clean ...", flush=True)
        untraced, _ = _project_build(plain, **{provenance.SWITCH: "off"})
        print(
            "  the project's build: clean, no change, a chapter's code, a data file, then the editions ...", flush=True
        )
        clean, _ = _project_build(ours)
        no_change, _ = _project_build(ours)
        _edit(ours, *CODE_EDIT)
        code_edit, _ = _project_build(ours)
        edit_one_value(ours)
        data_edit, _ = _project_build(ours)
        _, output = _project_build(ours, pdf=True)
        pdf_after_html = float(re.search(r"the editions took ([\d.]+) s after the HTML", output).group(1))
        page, megabytes = heaviest_page_mb(ours / "_build" / "html")
        grown = growth(Path(folder)) if with_growth else {}
    return {
        **grown,
        "stock baseline": baseline,
        "clean without provenance": untraced,
        "clean": clean,
        "no-change rebuild": no_change,
        "one-chapter code edit": code_edit,
        "one-value data edit": data_edit,
        "PDFs and EPUB after HTML": pdf_after_html,
        "heaviest page": megabytes,
        "heaviest page name": page,
    }


# Each printed ratio: its label, and the two timings of a run it divides.
FIGURES = {
    "clean / stock baseline": ("clean", "stock baseline"),
    "clean / clean without provenance": ("clean", "clean without provenance"),
    "no-change rebuild / clean": ("no-change rebuild", "clean"),
    "one-chapter code edit / clean": ("one-chapter code edit", "clean"),
    "one-value data edit / clean": ("one-value data edit", "clean"),
    "PDFs and EPUB after HTML / clean HTML": ("PDFs and EPUB after HTML", "clean"),
}
# The issues' targets: each figure at most this.
TARGETS = {
    "clean / stock baseline": 0.45,
    "clean / clean without provenance": 1.25,
    "no-change rebuild / clean": 0.05,
    "one-value data edit / clean": 0.3,
    "PDFs and EPUB after HTML / clean HTML": 1.0,
    "marginal seconds per page, project / stock": 0.5,
}


def marginal(run: dict, kind: str) -> float:
    """Seconds each added page costs a clean build, between the book with its chapters x2 and x4."""
    return (run[f"{kind} x4"] - run[f"{kind} x2"]) / (run["pages x4"] - run["pages x2"])


def ratio(run: dict, label: str) -> float:
    if label == "marginal seconds per page, project / stock":
        return marginal(run, "ours") / marginal(run, "stock")
    numerator, denominator = FIGURES[label]
    return run[numerator] / run[denominator]


def _line(label: str, value: float) -> str:
    target = f"   target at most {TARGETS[label]}" if label in TARGETS else ""
    return f"{label}: {value:.2f}{target}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="how many times to repeat everything (default 3)")
    parser.add_argument("--no-growth", action="store_true", help="skip the replicated-chapter builds (quicker)")
    args = parser.parse_args(argv)
    runs = []
    for number in range(1, args.runs + 1):
        print(f"run {number} of {args.runs}", flush=True)
        runs.append(one_run(with_growth=not args.no_growth))
    labels = list(FIGURES) + ([] if args.no_growth else ["marginal seconds per page, project / stock"])
    lines = [_line(label, statistics.median(ratio(run, label) for run in runs)) for label in labels]
    if not args.no_growth:
        for kind, name in (("stock", "stock"), ("ours", "project")):
            lines.append(f"marginal seconds per page, {name}: {statistics.median(marginal(r, kind) for r in runs):.2f}")
    heaviest = max(runs, key=lambda run: run["heaviest page"])
    lines.append(
        f"heaviest page with its images: {heaviest['heaviest page']:.2f} MB ({heaviest['heaviest page name']})"
        "   target at most 1.5"
    )
    print("\n".join(lines))
    timings = [name for name in runs[0] if not name.startswith("heaviest")]
    header = "| | " + " | ".join(f"run {n}" for n in range(1, len(runs) + 1)) + " |\n"
    header += "|---|" + "---|" * len(runs) + "\n"
    seconds = "".join(f"| {name} | " + " | ".join(f"{run[name]:.1f}" for run in runs) + " |\n" for name in timings)
    ratios = "".join(
        f"| {label} | " + " | ".join(f"{ratio(run, label):.2f}" for run in runs) + " |\n" for label in labels
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        "# Build benchmark\n\n"
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, by `make bench`: {len(runs)} run(s), each on fresh copies of the "
        "project. Each ratio below is the median of the runs' ratios; wall-clock times vary with the machine's "
        "load. Pages are those that run code; the growth builds add copies of every chapter.\n\n```\n"
        + "\n".join(lines)
        + "\n```\n\n"
        "Seconds (and pages), each run:\n\n" + header + seconds + "\nRatios, each run:\n\n" + header + ratios,
        encoding="utf-8",
    )
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
