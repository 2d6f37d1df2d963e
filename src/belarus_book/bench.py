"""Build benchmark: the project's build against stock Jupyter Book on the same machine, in one run.

    python -m belarus_book.bench        (make bench)

Works on temporary copies of this checkout and prints each figure on a line of its own:
    clean / stock baseline: R        target at most 0.6
    no-change rebuild / clean: R     target at most 0.1
    one-chapter code edit / clean: R
    data edit / clean: R
    PDF after HTML / clean HTML: R   target at most 1.0
    heaviest page with its images: M MB   target at most 1.5
The stock baseline is `jupyter-book build --all` with `execute_notebooks: force` on a copy of
the same chapters. Results go to benchmarks/results.md. Timings are wall-clock and vary with the
machine's load; tests never check them.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from . import bibliography, build, datapackage
from .paths import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "benchmarks" / "results.md"


def _run(command: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(cwd / "src")}
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def _project_build(root: Path, pdf: bool = False) -> tuple[float, str]:
    command = [sys.executable, "-m", "belarus_book.build"] + ([] if pdf else ["--no-pdf"])
    return _run(command, root)


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


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="belarus-book-bench-") as folder:
        stock, ours = Path(folder) / "stock", Path(folder) / "ours"
        shutil.copytree(PROJECT_ROOT, stock, ignore=build.COPY_IGNORE)
        shutil.copytree(PROJECT_ROOT, ours, ignore=build.COPY_IGNORE)
        print("stock Jupyter Book, execute_notebooks: force ...", flush=True)
        baseline = stock_baseline(stock)
        print("the project's build, clean ...", flush=True)
        clean, _ = _project_build(ours)
        no_change, _ = _project_build(ours)
        chapter = ours / "chapters" / "economy.md"
        chapter.write_text(
            chapter.read_text(encoding="utf-8").replace(
                "plotting.apply_style()\n", "plotting.apply_style()\n_ = None\n", 1
            )
        )
        code_edit, _ = _project_build(ours)
        flows = ours / "data" / "trade_flows.csv"
        flows.write_text(
            flows.read_text(encoding="utf-8").replace(
                ",6,USD billion,exact,reported,true,korrespondent-2022,",
                ",6.1,USD billion,exact,reported,true,korrespondent-2022,",
            )
        )
        data_edit, _ = _project_build(ours)
        _, output = _project_build(ours, pdf=True)
        pdf_after_html = float(re.search(r"the PDF took ([\d.]+) s after the HTML", output).group(1))
        page, megabytes = heaviest_page_mb(ours / "_build" / "html")
    lines = [
        f"clean / stock baseline: {clean / baseline:.2f}",
        f"no-change rebuild / clean: {no_change / clean:.2f}",
        f"one-chapter code edit / clean: {code_edit / clean:.2f}",
        f"data edit / clean: {data_edit / clean:.2f}",
        f"PDF after HTML / clean HTML: {pdf_after_html / clean:.2f}",
        f"heaviest page with its images: {megabytes:.2f} MB ({page})",
    ]
    print("\n".join(lines))
    seconds = {
        "stock baseline": baseline,
        "clean": clean,
        "no-change rebuild": no_change,
        "one-chapter code edit": code_edit,
        "data edit": data_edit,
        "PDF after HTML": pdf_after_html,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        "# Build benchmark\n\n"
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, by `make bench`. Wall-clock seconds, one run each; the machine's load "
        "affects them.\n\n```\n"
        + "\n".join(lines)
        + "\n```\n\n| build | seconds |\n|---|---|\n"
        + "".join(f"| {name} | {value:.1f} |\n" for name, value in seconds.items())
        + "\nTargets from the issue: clean / stock at most 0.6; no-change rebuild / clean at most 0.1; "
        "PDF after HTML / clean HTML at most 1.0; heaviest page at most 1.5 MB.\n",
        encoding="utf-8",
    )
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
