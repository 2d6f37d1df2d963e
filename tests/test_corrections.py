"""The corrections page as a reader meets it: its policy, and a log that is the releases'
changelog. Before any release it says so; once a release has written its changelog, the next
build shows the changed numbers, with why, without being told to rerun the page."""

from __future__ import annotations

import csv
import io

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
    numbers = list(csv.DictReader(io.StringIO((root / "_build" / "html" / "numbers.csv").read_text(encoding="utf-8"))))
    shown = next(n for n in numbers if n["page"] == "chapters/economy" and n["text"] == "41.9%")
    (root / "CHANGELOG.md").write_text(
        "# Changelog\n\nEach release lists the generated numbers whose text changed.\n\n"
        "## 1.1.0 (2026-12-03)\n\nNumbers whose text changed since 1.0.0:\n\n"
        "| page | name | was | now | why |\n| --- | --- | --- | --- | --- |\n"
        f"| chapters/economy | `{shown['name']}` | 40.0% | 41.9% | trade_shares.csv TS-01 changed |\n"
        "\n## 1.0.0 (2026-11-01)\n\nThe first release.\n",
        encoding="utf-8",
    )
    rebuilt = run_build(root, "--no-pdf")
    assert rebuilt.returncode == 0, rebuilt.stdout[-3000:] + rebuilt.stderr[-3000:]
    assert "back/corrections" in rebuilt.stdout and "CHANGELOG.md changed" in rebuilt.stdout, rebuilt.stdout
    text = _page_text(root)
    assert "1.1.0 (2026-12-03)" in text and "40.0%" in text and "41.9%" in text
    assert "trade_shares.csv TS-01 changed" in text
    assert "No release has been made yet" not in text
    # The changed number's panel says so, on its own page.
    page = BeautifulSoup(
        (root / "_build" / "html" / "chapters" / "economy.html").read_text(encoding="utf-8"), "html.parser"
    )
    leads = [" ".join(p.get_text(" ").split()) for p in page.select(".bb-panel .bb-panel-lead")]
    assert any("Changed in 1.1.0: was 40.0%" in lead for lead in leads)
    assert sum("Changed in" in lead for lead in leads) == 1, [lead for lead in leads if "Changed in" in lead]
