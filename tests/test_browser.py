"""The HTML book in Chromium (Debian's, driven by Playwright): offline, error-free, accessible.

The suite serves the built book on 127.0.0.1 and visits every page. It saves a full-page
screenshot of each page to test-artifacts/screenshots/ and the external links it found (never
fetched) to test-artifacts/external-links.txt.
"""

from __future__ import annotations

import functools
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from belarus_book.build import book as build

from .conftest import ROOT, watch_for_problems

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"


def _pages():
    pages = ["index.html", "search.html"]
    pages += [str(p.relative_to(ROOT).with_suffix(".html")) for p in build.chapter_files(ROOT)]
    return pages


PAGES = _pages()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_without_errors(site, browser, name):
    base, _ = site
    page = browser.new_page()
    problems = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on(
        "request",
        lambda r: (
            problems.append(f"non-local request: {r.url}")
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
            else None
        ),
    )
    page.goto(f"{base}/{name}", wait_until="networkidle")
    images = page.eval_on_selector_all("img", "els => els.map(e => [e.src, e.complete && e.naturalWidth > 0])")
    assert all(loaded for _, loaded in images), [src for src, loaded in images if not loaded]
    assert problems == []
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    # The appendix of numbers is one very long page: its full-page shot can take Chromium more than
    # Playwright's default 30 seconds on a loaded machine.
    page.screenshot(path=str(shots / (name.replace("/", "__") + ".png")), full_page=True, timeout=180_000)
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(site, browser, name):
    from axe_playwright_python.sync_playwright import Axe

    base, _ = site
    page = browser.new_page()
    page.goto(f"{base}/{name}", wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.close()


def test_figures_have_meaningful_alt_text(site):
    _, html = site
    for name in PAGES:
        soup = BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser")
        for image in soup.select("article img"):
            assert len(image.get("alt", "")) > 40, (name, image.get("src"))


def test_code_toggle_shows_and_hides_code(site, browser):
    base, _ = site
    page = browser.new_page()
    page.goto(f"{base}/chapters/economy.html", wait_until="networkidle")
    toggle = page.locator("details.hide.above-input summary").first
    code = page.locator("details.hide.above-input .cell_input").first
    assert not code.is_visible()
    toggle.click()
    assert code.is_visible() and "ledger_table" in code.inner_text()
    toggle.click()
    assert not code.is_visible()
    page.close()


def test_search_finds_a_term(site, browser):
    base, _ = site
    page = browser.new_page()
    page.goto(f"{base}/search.html?q=Machulishchy", wait_until="networkidle")
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    hits = page.locator("#search-results ul.search li a").all_inner_texts()
    assert any("security" in hit.lower() or "staging" in hit.lower() for hit in hits), hits
    page.close()


def test_download_links_serve_files(site):
    base, html = site
    soup = BeautifulSoup((html / "chapters" / "key_findings.html").read_text(encoding="utf-8"), "html.parser")
    # The editions: each PDF starts as a PDF does, the EPUB as a zip does.
    editions = [a["href"] for a in soup.select("a.download") if a["href"].endswith((".pdf", ".epub"))]
    assert len(editions) == 3, editions
    for link in editions:
        with urllib.request.urlopen(urljoin(f"{base}/chapters/key_findings.html", link)) as response:
            assert response.status == 200 and response.read(4) == (b"%PDF" if link.endswith(".pdf") else b"PK\x03\x04")
    chapter = BeautifulSoup((html / "chapters" / "economy.html").read_text(encoding="utf-8"), "html.parser")
    for link in chapter.select("a.download"):
        with urllib.request.urlopen(urljoin(f"{base}/chapters/economy.html", link["href"])) as response:
            assert response.status == 200 and response.read(1)


@functools.cache
def _ids(page: Path) -> frozenset:
    """The ids of one built page, read once however many links point into it."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(tag.get("id") for tag in soup.select("[id]"))


def test_no_broken_internal_links_or_anchors(site):
    base, html = site
    external, broken = set(), []
    for page_file in sorted(html.rglob("*.html")):
        page_url = f"{base}/{page_file.relative_to(html).as_posix()}"
        for anchor in BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser").select("a[href]"):
            href = anchor["href"]
            if href.startswith(("mailto:", "javascript:")):
                continue
            target = urljoin(page_url, href)
            if urlparse(target).hostname != "127.0.0.1":
                external.add(target)
                continue
            path, _, fragment = target.partition("#")
            local = html / urlparse(path).path.lstrip("/")
            if local.is_dir():
                local = local / "index.html"
            if not local.is_file():
                broken.append(f"{page_file.name}: {href}")
                continue
            if fragment and local.suffix == ".html":
                if fragment not in _ids(local):
                    broken.append(f"{page_file.name}: {href} (no anchor)")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "external-links.txt").write_text("\n".join(sorted(external)) + "\n", encoding="utf-8")
    assert broken == []
    assert external  # the sources' addresses are listed, not fetched


def test_data_text_is_escaped_wherever_it_is_rendered():
    import pandas as pd

    from belarus_book.render.tables import Table

    table = Table(
        pd.DataFrame({"Note": ["<script>alert(1)</script> & more"], "source_id": ["x"]}),
        caption="A caption <script>alert(2)</script>",
    )
    assert "<script>" not in table._repr_html_() and "&lt;script&gt;" in table._repr_html_()
    assert "<script>" not in table._repr_markdown_()


def test_chart_colours_come_from_the_colour_blind_palette():
    import seaborn as sns

    from belarus_book.render.charts import security as security_charts
    from belarus_book.render.charts import style as chart_style

    safe = {tuple(round(c, 4) for c in colour) for colour in sns.color_palette("colorblind")}
    used = list(chart_style.SERIES_COLOURS.values()) + [c for c, _ in chart_style.TROOP_STYLES.values()]
    used += list(security_charts.FORCE_KIND_STYLES.values())
    assert all(tuple(round(c, 4) for c in colour) in safe for colour in used)


def test_a_printed_chapter_has_its_number_and_no_screen_controls(site, browser, tmp_path):
    """Print a chapter as Chromium's print preview would: the numbered title is there, and the
    download links, code toggles and heading anchors are not."""
    import subprocess

    base, _ = site
    page = browser.new_page()
    page.goto(f"{base}/chapters/politics.html", wait_until="networkidle")
    page.emulate_media(media="print")
    printed = tmp_path / "politics.pdf"
    page.pdf(path=str(printed))
    page.close()
    text = " ".join(
        subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert text.startswith("3. Political relations"), text[:80]
    for control in ("Download this page", "Download the chart's data", "Show code cell", "Contents"):
        assert control not in text, control
    assert "3.1. What is left of the embassies" in text


def test_every_control_shows_where_the_keyboard_focus_is(site, browser):
    """Tab through a chapter: every element that takes the focus draws a visible outline or shadow."""
    base, _ = site
    page = browser.new_page()
    page.goto(f"{base}/chapters/economy.html", wait_until="networkidle")
    unmarked = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => {
              const e = document.activeElement;
              if (!e || e === document.body) return null;
              const s = getComputedStyle(e);
              const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
              const name = e.getAttribute('aria-label') || e.title || e.innerText || e.tagName;
              return {name: name.trim().slice(0, 40), ring};
            }"""
        )
        if focus and not focus["ring"]:
            unmarked.append(focus["name"])
    page.close()
    assert unmarked == []


def test_every_data_table_has_a_caption_and_the_front_door_a_title(site):
    _, html = site
    for name in ("chapters/politics.html", "chapters/economy.html", "back/fact_check.html", "back/sources.html"):
        page = BeautifulSoup((html / name).read_text(encoding="utf-8"), "html.parser").find("article")
        tables = page.select("table")
        assert tables, name
        for table in tables:
            caption = table.find("caption")
            assert caption is not None and caption.get_text(strip=True), (name, table.get("class"))
    front = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert front.html.get("lang") == "en" and front.title.get_text(strip=True)


def test_numbers_open_their_provenance_from_the_keyboard(site, browser):
    """Tab reaches the numbers in reading order; Enter opens a panel, Escape closes it and focus
    returns; Space opens it too; no serious or critical axe violation with a panel open; no console
    error and no request to another host."""
    from axe_playwright_python.sync_playwright import Axe

    base, html = site
    page = browser.new_page()
    problems = watch_for_problems(page)
    page.goto(f"{base}/chapters/economy.html", wait_until="networkidle")
    in_order = page.eval_on_selector_all("article .bb-number", "els => els.map(e => e.textContent)")
    assert len(in_order) > 20
    assert page.eval_on_selector_all("article button.bb-number[popovertarget]", "els => els.length") == len(in_order)
    page.focus("article button.bb-number")  # the first number; then Tab through the prose
    reached = [page.evaluate("document.activeElement.textContent")]
    for _ in range(200):
        if len(reached) == 6:
            break
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('bb-number')"):
            reached.append(page.evaluate("document.activeElement.textContent"))
    assert reached == in_order[:6]

    number = page.locator("article button.bb-number").nth(2)
    panel_id = number.get_attribute("popovertarget")
    is_open = f"document.getElementById('{panel_id}').matches(':popover-open')"
    number.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(is_open)
    page.wait_for_function(f"document.querySelector('[popovertarget={panel_id}]').ariaExpanded === 'true'")
    assert page.evaluate("document.activeElement.id") == panel_id
    assert page.locator(f"#{panel_id}").get_attribute("role") == "dialog"
    assert page.locator(f"#{panel_id}").inner_text().startswith("Where ")
    before_axe = len(problems)
    violations = Axe().run(page).response["violations"]
    del problems[before_axe:]  # axe-core fetches the theme's stylesheets itself (and asks for one that is not there)
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []
    page.keyboard.press("Escape")
    page.wait_for_function(f"!{is_open}")
    assert page.evaluate("document.activeElement.getAttribute('popovertarget')") == panel_id
    page.keyboard.press(" ")
    page.wait_for_function(is_open)
    page.mouse.click(5, 5)  # outside the panel
    page.wait_for_function(f"!{is_open}")
    assert problems == []
    page.close()


def test_without_javascript_a_number_is_a_link_to_its_appendix_entry(site, browser):
    base, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/chapters/economy.html")
    link = page.locator("article a.bb-number").first
    href = link.get_attribute("href")
    assert href.startswith("../back/numbers.html#n-economy-")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(href.removeprefix(".."))
    assert page.locator(f"#{href.split('#')[1]}").is_visible()
    context.close()
