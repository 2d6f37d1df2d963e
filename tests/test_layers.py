"""The package's layers: its module structure is pinned, its import contract is enforced by
import-linter (and fails when a lower layer imports a higher one, or when two modules import each
other), no module grows past a size a reader can hold, and every chapter opens by saying what it
computes, from which tables, and what it publishes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "belarus_book"
LAYERS = ["data", "analysis", "render", "build"]  # lowest first
MAX_MODULE_LINES = 450

STRUCTURE = {
    "data": {
        "checks",
        "datapackage",
        "dependencies",
        "evidence",
        "figures",
        "fingerprint",
        "paths",
        "problems",
        "provenance",
        "validation",
    },
    "analysis": {
        "channel",
        "claims",
        "coverage",
        "findings",
        "phrases",
        "recomputations",
        "sanctions",
        "scorecard",
        "security",
        "trade",
    },
    "render": {
        "bibliography",
        "changes",
        "cited_rows",
        "claim_badges",
        "dataset",
        "escape",
        "formatting",
        "forward",
        "ledger",
        "numerals",
        "numbers",
        "panels",
        "prose",
        "publish",
        "tables",
    },
    "render/charts": {
        "events",
        "maps",
        "marks",
        "outlook",
        "prisoners",
        "sanctions",
        "scorecard",
        "security",
        "shares",
        "style",
        "trade",
    },
    "build": {
        "__main__",
        "about",
        "bench",
        "book",
        "chart_marks",
        "editions",
        "execution",
        "glossary_links",
        "latex_appendices",
        "preview",
        "publishing",
        "release",
        "sphinx_ext",
        "structured_data",
        "toc_captions",
    },
}


def _modules(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}


def test_the_package_has_four_layers_and_each_module_sits_in_one():
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(LAYERS)
    assert _modules(PACKAGE) == set(), "modules outside the layers"
    for folder, modules in STRUCTURE.items():
        assert _modules(PACKAGE / folder) == modules, folder


def test_each_layer_says_what_belongs_there_and_what_it_may_import():
    for layer in LAYERS:
        docstring = (PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")
        assert "What belongs here" in docstring
        assert re.search(r"may import", docstring), layer


def test_every_module_opens_with_a_docstring_and_none_is_too_long():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert text.lstrip().startswith('"""'), f"{path.relative_to(ROOT)} has no opening docstring"
        lines = text.count("\n")
        assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def _lint_imports(src: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=src.parent,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_import_contract_holds():
    result = _lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        # a lower layer importing a higher one
        ("analysis/trade.py", "from ..render import formatting", "Layers"),
        ("data/provenance.py", "from ..build import about", "Layers"),
        # two modules of one layer importing each other, through a third
        ("data/evidence.py", "from . import datapackage", "No import cycles"),
    ],
)
def test_a_wrong_import_breaks_the_contract(tmp_path, module, wrong_import, broken):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    path = src / "belarus_book" / module
    text = path.read_text(encoding="utf-8")
    # After the module's own imports, where such a line would be added.
    marker = "\nfrom __future__ import annotations\n"
    path.write_text(text.replace(marker, marker + wrong_import + "\n", 1), encoding="utf-8")
    result = _lint_imports(src)
    assert result.returncode != 0
    assert re.search(rf"{broken}.*BROKEN", result.stdout), result.stdout


CHAPTER_PAGES = sorted(ROOT.glob("chapters/*.md")) + [ROOT / "back" / "fact_check.md", ROOT / "back" / "sources.md"]


def _opening_comment(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    cell = re.search(r"```\{code-cell\} ipython3\n(?::tags: \[[^\]]*\]\n\n)?(.*?)```", text, re.S)
    assert cell, f"{page.name} has no code cell"
    block = []
    for line in cell.group(1).splitlines():
        if not line.startswith("#"):
            break
        block.append(line[1:].strip())
    return " ".join(block)


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=lambda p: p.stem)
def test_each_chapter_opens_by_saying_what_it_computes_reads_and_publishes(page):
    comment = _opening_comment(page)
    for heading in ("Computes:", "Reads:", "Publishes:"):
        assert heading in comment, f"{page.name}: the first cell's comment has no {heading!r}"
    text = page.read_text(encoding="utf-8")
    for figure in re.findall(r'publish_figure\(\s*"(\w+)"', text):
        assert figure in comment, f"{page.name} publishes {figure} but its opening comment does not say so"
    if "checked_ledger(" in text:
        assert "claims ledger" in comment


def test_the_tables_a_chapter_says_it_reads_are_the_tables_it_read(built_project):
    """What a chapter's opening comment says it reads, it recorded reading when the book was built."""
    for page in CHAPTER_PAGES:
        said = set(re.findall(r"data/(\w+)\.csv", _opening_comment(page).split("Publishes:")[0]))
        record = built_project / "_build" / "cache" / "deps" / f"{page.parent.name}__{page.stem}.json"
        read = {Path(name).stem for name in json.loads(record.read_text(encoding="utf-8"))["files"]}
        assert said and said <= read, f"{page.name} says it reads {sorted(said - read)}, which it did not read"
