"""Rebuild only what a change touches, never less: what each page read is recorded when it runs,
and a change to any file it read, and only such a change, makes the page run again."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from belarus_book.build import bench, execution
from belarus_book.build import book as build

from .conftest import ROOT, copy_project, run_build


def _pages(root: Path) -> list[Path]:
    return [page.resolve() for page in build.notebook_pages(root)]


def _deps(root: Path) -> dict[str, set[str]]:
    """Each page's recorded files, relative to the project."""
    found = {}
    for page in _pages(root):
        record = execution.read_dependencies(root, page)
        assert record is not None, f"no record of what {page.name} read"
        found[str(page.relative_to(root.resolve()).with_suffix(""))] = set(record["files"])
    return found


def test_every_page_that_shows_a_value_from_a_file_depends_on_that_file(built_project):
    deps = _deps(built_project)
    numbers = csv.DictReader(io.StringIO((built_project / "_build" / "html" / "numbers.csv").read_text("utf-8")))
    shown = {}
    for row in numbers:
        for ref in row["record_ids"].split():
            resource = ref.split(":", 1)[0]
            shown.setdefault(f"data/{resource}" if resource.endswith(".json") else f"data/{resource}.csv", set()).add(
                row["page"]
            )
    assert len(shown) >= 15
    for file, pages in shown.items():
        for page in pages:
            assert file in deps[page], f"{page} shows a value from {file} but did not record reading it"
    # Every page depends on the package modules it imported and on the pinned environment.
    assert all({"src/belarus_book/__init__.py", "requirements.txt"} <= files for files in deps.values())
    assert sum("src/belarus_book/render/formatting.py" in files for files in deps.values()) > 15


def test_a_change_to_any_data_file_makes_exactly_its_readers_stale(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project).resolve()
    deps = _deps(root)
    assert all(execution.stale_reason(root, page) is None for page in _pages(root))
    files = sorted(p for p in (root / "data").iterdir() if p.suffix in (".csv", ".json"))
    assert len(files) >= 20
    for path in files:
        name = str(path.relative_to(root))
        original = path.read_bytes()
        path.write_bytes(original + b"\n")  # any change at all: the content hash differs
        stale = {
            str(page.relative_to(root).with_suffix("")) for page in _pages(root) if execution.stale_reason(root, page)
        }
        readers = {page for page, files in deps.items() if name in files}
        assert stale == readers, name
        # Every page reads the descriptor, and the dated events (each chapter's dates and its note of
        # what happened next; the ledger's date checks); no other file is read by all.
        if name not in ("data/datapackage.json", "data/events.csv"):
            assert len(stale) < len(deps), f"every page reads {name}"
        path.write_bytes(original)
    assert all(execution.stale_reason(root, page) is None for page in _pages(root))


def test_a_module_change_makes_its_importers_stale_and_a_missing_chart_file_its_writer(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project).resolve()
    module = root / "src" / "belarus_book" / "render" / "charts" / "trade.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = {page.stem for page in _pages(root) if execution.stale_reason(root, page)}
    importers = {
        page.rsplit("/", 1)[1]
        for page, files in _deps(root).items()
        if "src/belarus_book/render/charts/trade.py" in files
    }
    assert stale == importers and "cite" not in stale
    module.write_text(module.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    chart = next((root / "chapters" / "_figure_data").glob("fig_eco_*.csv"))
    chart.unlink()
    assert {page.stem for page in _pages(root) if execution.stale_reason(root, page)} == {"economy"}


def test_a_one_value_edit_reruns_only_the_pages_that_read_its_file_and_changes_every_page_showing_it(
    built_project, tmp_path
):
    root = copy_project(tmp_path / "book", with_build=built_project)
    readers = {page for page, files in _deps(root).items() if "data/trade_shares.csv" in files}
    html = root / "_build" / "html"
    showing = {
        row["page"]
        for row in csv.DictReader(io.StringIO((html / "numbers.csv").read_text(encoding="utf-8")))
        if "(TS-01)" in row["derivation"]  # the value itself, not a count of rows that includes it
    }
    assert showing and showing <= readers
    before = {page: (html / f"{page}.html").read_text(encoding="utf-8") for page in showing}
    bench.edit_one_value(root)  # TS-01: 41.87 -> 43.21, and the same figure in the source's words
    result = run_build(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    executed = set(re.findall(r"^\s+(\S+)\s+[\d.]+ s  executed \(parallel\)", result.stdout, re.M))
    assert executed == readers, (executed, readers)
    assert len(executed) < len(_deps(root)) / 2
    for page in showing:  # every page showing the value now shows the new one
        after = (html / f"{page}.html").read_text(encoding="utf-8")
        assert "43.2%" in after and after != before[page], page
    assert "value = 43.21." in (html / "back" / "numbers.html").read_text(encoding="utf-8")


def test_deps_are_recorded_with_paths_inside_the_project(built_project):
    for path in (built_project / "_build" / "cache" / "deps").glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert all(not Path(name).is_absolute() for name in record["files"]), path.name
    assert ROOT.is_dir()
