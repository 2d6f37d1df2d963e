"""The benchmark's timed edits still apply to the project (it times no wall clock here)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from belarus_book.build import bench
from belarus_book.data.paths import PROJECT_ROOT


@pytest.mark.parametrize("edit", [bench.CODE_EDIT, bench.DATA_EDIT], ids=["code", "data"])
def test_each_timed_edit_changes_its_file(tmp_path, edit):
    file, old, new = edit
    (tmp_path / file).parent.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / file, tmp_path / file)
    before = (tmp_path / file).read_text(encoding="utf-8")
    bench._edit(tmp_path, *edit)
    assert (tmp_path / file).read_text(encoding="utf-8") == before.replace(old, new, 1) != before


def test_the_one_value_edit_leaves_valid_data_that_a_few_chapters_read(tmp_path):
    from belarus_book.data import datapackage

    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    bench.edit_one_value(tmp_path)
    datapackage.validate(tmp_path / "data")  # the value and its source's words changed together
    changed = (tmp_path / "data" / "trade_shares.csv").read_text(encoding="utf-8")
    assert changed != (PROJECT_ROOT / "data" / "trade_shares.csv").read_text(encoding="utf-8")
    chapters = [p.stem for p in (PROJECT_ROOT / "chapters").glob("*.md") if "trade_shares" in p.read_text("utf-8")]
    # The edit times a rebuild of the few pages that read the file, not of the whole book: Part I's
    # economy chapter (Ukraine's share) and the pages that cite Russia's share of Belarus's trade.
    pages = list((PROJECT_ROOT / "chapters").glob("*.md"))
    assert "economy" in chapters and len(chapters) <= len(pages) // 4, chapters


def test_replicated_chapters_keep_every_label_unique(tmp_path):
    import re

    shutil.copytree(PROJECT_ROOT, tmp_path / "book", ignore=bench.build.COPY_IGNORE)
    before = len(bench.build.notebook_pages(tmp_path / "book"))
    pages = bench.replicate_chapters(tmp_path / "book", 2)
    # Every chapter of the parts is copied; the front page (the root) is not.
    root_page = yaml.safe_load((PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"]
    chapters = [p for p in (PROJECT_ROOT / "chapters").glob("*.md") if f"chapters/{p.stem}" != root_page]
    assert pages == before + len(chapters)
    labels = []
    for page in (tmp_path / "book" / "chapters").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        labels += re.findall(r"^\(([\w-]+)\)=", text, re.M) + re.findall(r"^:name: ([\w-]+)", text, re.M)
    assert len(labels) == len(set(labels)) > 20


def test_an_edit_that_no_longer_applies_stops_the_benchmark(tmp_path):
    file, _, new = bench.DATA_EDIT
    (tmp_path / file).parent.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / file, tmp_path / file)
    with pytest.raises(RuntimeError, match="no longer applies"):
        bench._edit(tmp_path, file, "a passage that is not there", new)
