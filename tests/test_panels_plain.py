"""A number's panel and its appendix entry as a journalist reads them: they open with one plain
sentence (who gives the figure, where and when, and how the book shows it), and what a reader
sees before opening the technical detail holds no file name, field name, internal name, raw
float, None or nan; the technical detail itself holds no raw float, None or nan either."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

RAW_FLOAT = re.compile(r"\d+\.\d{5,}")
MISSING = re.compile(r"\b(?:None|nan|NaN)\b")
# A file, a field or a glued value's name: 'trade_flows.csv', 'value_usd_m', 'sec2_wagner'.
MACHINE = re.compile(r"\.csv\b|\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


def _blocks(built):
    html = built / "_build" / "html"
    for page in sorted([*html.glob("chapters/*.html"), *html.glob("back/*.html")]):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select(".bb-panel, .bb-entry"):
            title = block.select_one(".bb-panel-title")
            # A claim's badge opens its own panel (what the commentary says, what the data show).
            if block.name and "bb-entry" in block.get("class", []) or (title and title.get_text().startswith("Where")):
                yield page.name, block


def test_every_panel_opens_with_its_plain_sentence_and_speaks_no_machine_terms(built_project):
    problems, seen = [], 0
    for page, block in _blocks(built_project):
        seen += 1
        lead = block.select_one(".bb-panel-lead")
        if lead is None or "shown here as" not in lead.get_text():
            problems.append(f"{page}: a panel without its plain sentence: {block.get_text(' ')[:120]}")
            continue
        whole = " ".join(block.get_text(" ").split())
        for found in RAW_FLOAT.findall(whole) + MISSING.findall(whole):
            problems.append(f"{page}: {found!r} in {whole[:120]}")
        for technical in block.select("details"):
            technical.decompose()
        visible = " ".join(block.get_text(" ").split())
        # Quoted passages are the sources' own words, and links are addresses: neither is the book's voice.
        for quoted in block.select("q, a"):
            visible = visible.replace(" ".join(quoted.get_text(" ").split()), "")
        visible = re.sub(r"\u201c[^\u201d]*\u201d", "", visible)
        for found in MACHINE.findall(visible):
            problems.append(f"{page}: {found!r} before the technical detail: {visible[:160]}")
    assert seen > 100, seen
    assert not problems, "\n".join(problems[:30]) + f"\n({len(problems)} in all)"
