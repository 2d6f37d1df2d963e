"""No stale numbers: a change to data/ or to the package reaches the rebuilt HTML."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from belarus_book.build import book as build

from .conftest import copy_project, edit_cell_in, edit_quoted_figure, run_build


def pasted(root):
    html = (root / "_build" / "html" / "chapters" / "economy.html").read_text(encoding="utf-8")
    return [span.get_text() for span in BeautifulSoup(html, "html.parser").select("article span.pasted-text")]


def rebuild(root):
    result = run_build(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return pasted(root)


def test_a_data_change_reaches_the_html(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    before = pasted(root)
    assert "$6 billion" in before
    # Ukraine-reported 2021 turnover: feeds the mirror paragraph.
    edit_cell_in(root / "data", "trade_flows.csv", "TF-23", "value", "6.5")
    edit_quoted_figure(root / "data", "trade_flows", "TF-23", "6 млрд", "6.5 млрд")
    after = rebuild(root)
    assert "$6.5 billion" in after and "$6 billion" not in after


def test_a_package_change_reaches_the_html(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    two_places = re.compile(r"\d\.\d\d%")
    before = pasted(root)
    assert "13.6%" in before
    module = root / "src" / "belarus_book" / "render" / "formatting.py"
    source = module.read_text(encoding="utf-8")
    changed = source.replace("def percent(value: float, places: int = 1)", "def percent(value: float, places: int = 2)")
    assert changed != source
    module.write_text(changed, encoding="utf-8")
    after = rebuild(root)
    # Figures quoted at their source's own precision ('about 1.15%') keep two places either way.
    assert "13.6%" not in after
    assert len(two_places.findall(" ".join(after))) > len(two_places.findall(" ".join(before)))


def test_a_rebuild_without_changes_does_nothing_and_keeps_the_numbers(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    before = pasted(root)
    result = run_build(root)
    assert result.returncode == 0
    assert "nothing changed since the last good build" in result.stdout
    assert pasted(root) == before


def test_a_prose_edit_rebuilds_from_the_cache(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    chapter = root / "chapters" / "economy.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("lopsided partnership", "one-sided partnership"))
    result = run_build(root)
    assert result.returncode == 0
    assert "stale:" not in result.stdout and "0 executed on" in result.stdout
    assert "one-sided partnership" in (root / "_build" / "html" / "chapters" / "economy.html").read_text()


def test_a_chapter_code_change_reaches_the_html(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    chapter = root / "chapters" / "economy.md"
    source = chapter.read_text(encoding="utf-8")
    changed = source.replace('"eco_2022_turnover": usd(turnover_2022),', '"eco_2022_turnover": usd(turnover_2022 * 2),')
    assert changed != source
    chapter.write_text(changed, encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "$3.2 billion" in pasted(root)
    # Only the changed chapter ran again (in the parallel pre-execution); progress names it with its time,
    # and Jupyter Book then took every page from the cache.
    assert re.search(r"chapters/economy\s+[\d.]+ s\s+executed \(parallel\)", result.stdout)
    assert "1 executed on" in result.stdout
    notebooks = len(build.notebook_pages(root))
    assert f"pages: 0 executed, {notebooks} from cache" in result.stdout
