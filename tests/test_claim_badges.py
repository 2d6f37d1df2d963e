"""The ledger's verdict beside each claim: every claim carries a badge in its own chapter's prose,
each badge shows its claim's status as the data give it, and links to the claim's row in the
fact-check (in the PDF: a bracketed status)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from belarus_book.data import datapackage
from belarus_book.render import claim_badges
from belarus_book.render.ledger import checked_ledger
from belarus_book.render.tables import STATUS_LABELS

ID = re.compile(r"#claim-([a-z]+-[a-z]+-\d+)$")


def _badges(html_dir):
    """(page, claim id, shown status, href) of every badge in the built chapters."""
    found = []
    for page in sorted((html_dir / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for badge in soup.select("article a.bb-claim"):
            claim_id = ID.search(badge["href"]).group(1).upper()
            found.append((page.stem, claim_id, badge.get_text(strip=True), badge["href"]))
    return found


def test_every_claim_has_a_badge_in_its_chapter_showing_its_ledger_status(built_project):
    ledger = checked_ledger(datapackage.load(built_project / "data"))
    badges = _badges(built_project / "_build" / "html")
    status = {row.claim_id: STATUS_LABELS[row.status] for row in ledger.itertuples()}
    for page, claim_id, shown, _ in badges:
        assert shown == status[claim_id], f"{page}: badge of {claim_id} says {shown!r}, the ledger {status[claim_id]!r}"
    marked = {(page, claim_id) for page, claim_id, _, _ in badges}
    missing = [row.claim_id for row in ledger.itertuples() if (row.section, row.claim_id) not in marked]
    assert not missing, f"claims with no badge in their own chapter: {missing}"


def test_every_badge_links_to_its_claims_row_in_the_fact_check(built_project):
    html_dir = built_project / "_build" / "html"
    fact_check = BeautifulSoup((html_dir / "back" / "fact_check.html").read_text(encoding="utf-8"), "html.parser")
    rows = {span["id"] for span in fact_check.select("table.claims-ledger span[id]")}
    for page, claim_id, _, href in _badges(html_dir):
        assert href.startswith("../back/fact_check.html#"), href
        assert href.split("#")[1] in rows, f"{page}: {href} has no target"
        assert href.split("#")[1] == claim_badges.claim_anchor(claim_id)


def test_each_badge_opens_a_panel_with_what_the_commentary_says_and_what_the_data_show(built_project):
    page = built_project / "_build" / "html" / "chapters" / "politics.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for badge in soup.select("article a.bb-claim"):
        panel = soup.find(id=badge["data-panel"])
        assert panel is not None and panel.has_attr("popover")
        terms = [dt.get_text() for dt in panel.find_all("dt")]
        assert terms[:3] == ["The commentary says", "The data show", "Why"]


def test_the_badge_follows_the_data_not_a_typed_status(project_copy, edit_cell):
    # SC-POL-06 rests on two confirming findings; when one only qualifies it, the claim is 'partly'.
    data_dir = project_copy / "data"
    edit_cell(data_dir, "findings.csv", "FN-19", "bearing", "qualifies")
    edit_cell(data_dir, "claims.csv", "SC-POL-06", "status", "partly")
    claim = checked_ledger(datapackage.load(data_dir)).set_index("claim_id").loc["SC-POL-06"]
    html = claim_badges.badge_html("SC-POL-06", claim["status"], "p", "u")
    assert ">partly</a>" in html and "bb-claim-partly" in html
    assert "[partly]" in claim_badges.badge_latex(claim["status"])


def test_the_pdf_prints_the_status_in_brackets():
    for status, words in STATUS_LABELS.items():
        assert f"[{words}]" in claim_badges.badge_latex(status)


def test_the_key_findings_come_first_with_generated_numbers_and_badges(built_project):
    from belarus_book.build import book
    from belarus_book.render.prose import typed_numbers

    pages = book.chapter_files(built_project)
    assert pages[0].name == "key_findings.md"
    assert typed_numbers(pages[0].read_text(encoding="utf-8")) == []
    html = built_project / "_build" / "html" / "chapters" / "key_findings.html"
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")
    findings = page.select("section#key-findings > ul > li")
    assert 8 <= len(findings) <= 12
    for finding in findings:
        assert finding.select("a.bb-number"), finding.get_text()[:80]
        assert finding.select("a.reference.internal"), finding.get_text()[:80]  # its chapter
    assert len(page.select("a.bb-claim")) >= 8


PART_IV = {"after_economy", "after_security", "after_politics", "scorecard"}
POINTING_FORWARD = [
    "economy",
    "politics",
    "security",
    "democratic_forces",
    "conclusions",
    "pism_military",
    "pism_participation",
    "pism_cooperation",
    "pism_consequences",
    "pism_policy",
]


def test_each_part_one_and_two_chapter_ends_by_pointing_into_part_four(built_project):
    for stem in POINTING_FORWARD:
        html = built_project / "_build" / "html" / "chapters" / f"{stem}.html"
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")
        section = page.select_one("section#what-happened-next")
        assert section is not None, stem
        targets = {a["href"].split("#")[0].removesuffix(".html") for a in section.select("a.reference.internal")}
        assert targets & PART_IV, (stem, targets)
        assert re.search(r"\b20(2[4-9])\b", section.get_text()), stem  # a dated thread, not a bare link


def test_the_forward_note_is_written_from_the_data():
    from belarus_book.render import forward

    events = datapackage.load().events
    note = forward.latest_events(events, ["politics"])
    latest = events[events["topic"] == "politics"].sort_values("date").iloc[-1]
    assert note.endswith(f"{latest['title']} ({forward.date(latest['date'])})")
    import pytest

    with pytest.raises(LookupError):
        forward.latest_events(events.iloc[0:0], ["politics"])
