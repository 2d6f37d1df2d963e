"""Citable releases: CITATION.cff from the one place the book's metadata live, validated by
cffconvert; `make release` on a committed copy; a changelog that lists exactly the numbers a
data correction changed; a CI workflow that only calls the Makefile; the licence files."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from belarus_book.build import about
from belarus_book.build import book as build
from belarus_book.data import datapackage

from .conftest import ROOT, copy_project, edit_cell_in, edit_quoted_figure

CFFCONVERT = ROOT / ".venv-cff" / "bin" / "cffconvert"


def test_citation_cff_is_generated_from_the_books_metadata():
    book = about.load(ROOT)
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == about.citation_cff(book, datapackage.load().sources)
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cff["title"] == config["title"] and cff["version"] == config["book"]["version"]
    assert [a["name"] for a in cff["authors"]] == [config["author"]]
    assert {r["institution"]["name"] for r in cff["references"]} == {
        "Stockholm Centre for Eastern European Studies (SCEEUS)",
        "Polish Institute of International Affairs (PISM)",
    }


def test_citation_cff_validates_with_cffconvert_which_can_fail(tmp_path):
    assert CFFCONVERT.is_file(), "cffconvert's own environment is missing: run `make test`, which creates .venv-cff"
    ok = subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "CITATION.cff"
    broken.write_text(
        (ROOT / "CITATION.cff")
        .read_text(encoding="utf-8")
        .replace("cff-version: 1.2.0", "cff-version: 1.2.0\nyear: soon")
    )
    bad = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert bad.returncode != 0


def test_the_version_title_and_authors_have_one_source(built_project):
    book = about.load(ROOT)
    from belarus_book import __version__

    assert __version__ == book.version
    cite = (built_project / "_build" / "html" / "back" / "cite.html").read_text(encoding="utf-8")
    assert book.version in cite and book.title in cite and book.date_released in cite
    tex = (built_project / "_build" / "work" / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    assert f"\\release{{{book.version}}}" in tex
    info = subprocess.run(
        ["pdfinfo", str(built_project / "_build" / "html" / "book.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(rf"Title:\s+{re.escape(book.title)}", info) and book.authors[0] in info
    # Nothing else holds a copy: the package's version and pyproject's are read from _config.yml.
    assert not re.search(r'^version = "', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert book.version not in (ROOT / "back" / "cite.md").read_text(encoding="utf-8")
    assert "{book-citation}" in (ROOT / "back" / "cite.md").read_text(encoding="utf-8")


def test_licence_files_are_named_in_the_citation_and_the_data_package():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == ["MIT", "CC-BY-4.0"]
    import json

    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    assert package["code_license"]["name"] == "MIT" and package["code_license"]["path"] == "../LICENSE"


# --- the workflow, read statically (the machine has no network) -------------------------------


def _make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def test_the_ci_workflow_calls_the_makefile_and_installs_nothing_else():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    steps = [step for job in jobs.values() for step in job["steps"]]
    runs = [step["run"].strip() for step in steps if "run" in step]
    assert runs, "the workflow runs nothing"
    for command in runs:
        assert re.fullmatch(r"make [a-z-]+", command), (
            f"the workflow runs something other than a make target: {command}"
        )
        assert command.split()[1] in _make_targets()
    assert [c.split()[1] for c in runs if c.split()[1] in ("test", "book")] == ["test", "book"]
    actions = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert actions <= {
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    }, actions
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"  # the site, with book.pdf beside it
    # The container is Debian's Python image: the project's own script installs the Debian packages.
    containers = {
        job.get("container", {}).get("image", "")
        if isinstance(job.get("container"), dict)
        else job.get("container", "")
        for job in jobs.values()
        if "container" in job
    }
    assert all(image.startswith("python:3.11") and "bookworm" in image for image in containers) and containers


# --- make release, end to end, on a committed copy --------------------------------------------


def _release(root: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [sys.executable, "-m", "belarus_book.build.release", "--root", str(root), *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def _sums(dist: Path) -> dict[str, str]:
    return dict(reversed(line.split("  ")) for line in (dist / "SHA256SUMS").read_text().splitlines())


def _numbers(path: Path) -> dict[tuple[str, str], dict]:
    return {(r["page"], r["name"]): r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))}


def test_release_archive_checksums_and_a_changelog_of_exactly_the_numbers_a_correction_changed(tmp_path):
    root = copy_project(tmp_path / "book")
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "book")
    _git(root, "config", "user.name", "Release test")
    _git(root, "config", "user.email", "release@example.org")

    (root / "stray.txt").write_text("uncommitted")
    refused = _release(root, "--no-pdf")
    assert refused.returncode == 2 and "uncommitted" in refused.stderr
    (root / "stray.txt").unlink()

    book = about.load(root)
    first = _release(root)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    dist = root / "dist" / f"belarus-book-{book.version}"
    expected = {"book-html.zip", "book.pdf", "book-audit.pdf", "book.epub", "data-package.zip", "numbers.csv"}
    expected |= {"numbers.schema.json"}
    expected |= {"notebooks.zip", "CITATION.cff", "CHANGELOG.md", "SHA256SUMS"}
    assert {p.name for p in dist.iterdir()} == expected
    sums = _sums(dist)
    assert all(hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest for name, digest in sums.items())
    assert "The first release" in (root / "CHANGELOG.md").read_text()
    assert _git(root, "tag", "--list").split() == [f"v{book.version}"]
    import zipfile

    names = zipfile.ZipFile(dist / "data-package.zip").namelist()
    assert "data/datapackage.json" in names and "data/evidence.csv" in names and "LICENSE-DATA" in names

    again = _release(root, "--no-pdf")
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    resums = _sums(dist)
    assert resums["data-package.zip"] == sums["data-package.zip"] and resums["numbers.csv"] == sums["numbers.csv"]
    assert _git(root, "log", "--format=%s").splitlines()[0] == f"Release {book.version}"

    # A correction: one value of one row, and a new version.
    old_numbers = _numbers(dist / "numbers.csv")
    edit_cell_in(root / "data", "trade_flows.csv", "TF-23", "value", "6.5")
    edit_quoted_figure(root / "data", "trade_flows", "TF-23", "6 млрд", "6.5 млрд")
    config = root / "_config.yml"
    config.write_text(config.read_text().replace(f'version: "{book.version}"', 'version: "99.0.0"'))
    (root / "CITATION.cff").write_text(about.citation_cff(about.load(root), datapackage.load(root / "data").sources))
    _git(root, "commit", "-q", "-am", "Correct TF-23")
    second = _release(root, "--no-pdf")
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    new_numbers = _numbers(root / "dist" / "belarus-book-99.0.0" / "numbers.csv")
    depends = {
        key
        for key, row in new_numbers.items()
        if "trade_flows:TF-23" in row["record_ids"].split() and old_numbers[key]["text"] != row["text"]
    }
    assert depends, "the correction changed no number"
    changelog = (root / "CHANGELOG.md").read_text()
    section = changelog.split("## 99.0.0", 1)[1].split(f"## {book.version}", 1)[0]
    listed = set(re.findall(r"^\| (\S+) \| `([a-z0-9_]+)` \|", section, re.M))
    assert listed == depends
    assert all(
        line.endswith("| data row changed: trade_flows TF-23 |") for line in section.splitlines() if "| `" in line
    )
    assert "Claims whose status changed" in section


def test_make_release_exists_and_is_documented():
    assert "release" in _make_targets()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make release" in readme and "CITATION.cff" in readme
    assert build.BOOK_INPUTS  # the release builds exactly what `make book` builds
