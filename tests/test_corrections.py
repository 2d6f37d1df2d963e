"""The corrections page as a reader meets it: its policy, and a log that is the releases'
changelog. Before any release it says so; once a release has written its changelog, the next
build shows the changed numbers, with why, without being told to rerun the page."""

from __future__ import annotations

from bs4 import BeautifulSoup

from .conftest import copy_project, run_build


def _page_text(root) -> str:
    html = root / "_build" / "html" / "back" / "corrections.html"
    return " ".join(
        BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article").get_text(" ").split()
    )


def test_the_corrections_page_shows_the_log_the_releases_write(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    if not (built_project / "CHANGELOG.md").is_file():
        assert "No release has been made yet" in _page_text(root)
    (root / "CHANGELOG.md").write_text(
        "# Changelog\n\nEach release lists the generated numbers whose text changed.\n\n"
        "## 1.1.0 (2026-12-03)\n\nNumbers whose text changed since 1.0.0:\n\n"
        "| page | name | was | now | why |\n| --- | --- | --- | --- | --- |\n"
        "| chapters/economy | `eco_petroleum_share` | 41.9% | 43.2% | trade_shares.csv TS-01 changed |\n",
        encoding="utf-8",
    )
    rebuilt = run_build(root, "--no-pdf")
    assert rebuilt.returncode == 0, rebuilt.stdout[-3000:] + rebuilt.stderr[-3000:]
    assert "back/corrections" in rebuilt.stdout and "CHANGELOG.md changed" in rebuilt.stdout, rebuilt.stdout
    text = _page_text(root)
    assert "1.1.0 (2026-12-03)" in text and "41.9%" in text and "43.2%" in text
    assert "trade_shares.csv TS-01 changed" in text
    assert "No release has been made yet" not in text
