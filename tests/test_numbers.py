"""Every number in the prose shows where it comes from: traced when computed, a popover in the
HTML, an appendix entry (linked from the PDF with its page), a row of numbers.csv, and one
ClaimReview per ledger claim on the claim's page."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from belarus_book.build import book as build
from belarus_book.data import datapackage, provenance
from belarus_book.render import formatting, publish

from .conftest import ROOT

# --- tracing, without a build --------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return datapackage.load()


def test_a_value_read_from_the_data_knows_its_row(data):
    shares = data.trade_shares.set_index("record_id")
    value = shares.loc["TS-02", "value"]
    assert isinstance(value, provenance.Traced)
    assert [(r.resource, r.record_id, r.field) for r in value.records] == [("trade_shares", "TS-02", "value")]
    row = data.trade_shares.iloc[1]
    assert row["value"].records[0].record_id == row["record_id"]


def test_arithmetic_keeps_every_input_and_writes_out_the_derivation(data):
    flows = data.trade_flows.set_index("record_id")
    a, b = flows.loc["TF-18", "value"], flows.loc["TF-24", "value"]
    number = formatting.percent(100 * (a - b) / a)
    assert number.records and {r.record_id for r in number.records} == {"TF-18", "TF-24"}
    assert number.derivation.startswith("100 × (") and "(TF-18)" in number.derivation and "÷" in number.derivation
    assert number.value == pytest.approx(100 * (float(a) - float(b)) / float(a))


def test_counts_and_sums_of_a_table_rest_on_its_rows(data):
    packages = data.eu_sanctions
    counted = formatting.count(provenance.rows(packages))
    assert [r.record_id for r in counted.records] == list(packages["package_id"])
    flagged = (packages["decision"] == "package").sum()
    assert {r.record_id for r in flagged.records} == set(packages.loc[packages["decision"] == "package", "package_id"])
    none = (packages["decision"] == "no such decision").sum()
    assert none == 0 and len(none.records) == len(packages)  # zero rests on the rows searched


def test_a_plain_number_cannot_be_published():
    with pytest.raises(publish.UntracedNumber, match="'made_up'"):
        publish.publish("made_up", formatting.count(len([1, 2, 3])))
    assert formatting.count(3).records == ()


def test_tracing_leaves_values_unchanged_for_charts_and_text(data):
    value = data.trade_flows.set_index("record_id").loc["TF-18", "value"]
    assert float(value) == 5.4 and f"{value:.1f}" == "5.4" and str(data.events.iloc[0]["date"])[:2] == "20"
    assert int(provenance.rows(data.sources)) == len(data.sources)


# --- the built book -----------------------------------------------------------------------


def _html(built_project: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup(
        (built_project / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8"), "html.parser"
    )


def _pages(root: Path) -> list[str]:
    return [str(p.relative_to(root).with_suffix("")) for p in build.chapter_files(root)]


@pytest.fixture(scope="module")
def numbers_table(built_project) -> list[dict]:
    text = (built_project / "_build" / "html" / "numbers.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def prose_numbers(built_project) -> dict[str, list]:
    """Every generated number in each page's prose: (anchor, text, panel id)."""
    found = {}
    for page in _pages(built_project):
        soup = _html(built_project, page)
        found[page] = [
            (a["href"].rsplit("#", 1)[1], a.get_text(), a["data-panel"], soup)
            for a in soup.select("article a.bb-number")
        ]
    return found


def test_every_number_has_its_popover_and_its_appendix_entry_and_no_entry_is_orphaned(built_project, prose_numbers):
    appendix = _html(built_project, "back/numbers")
    entries = {div["id"]: div for div in appendix.select("div.bb-entry")}
    in_prose = set()
    for page, uses in prose_numbers.items():
        for anchor, text, panel_id, soup in uses:
            panel = soup.find(id=panel_id)
            assert panel is not None and panel.has_attr("popover") and panel["role"] == "dialog", (page, anchor)
            assert text in panel.get_text() and anchor in entries, (page, anchor)
            assert entries[anchor].find("strong").get_text() == text
            in_prose.add(anchor)
    assert set(entries) == in_prose
    assert len(in_prose) > 200
    # The entry links back to its sentence, which holds the number.
    for entry in list(entries.values())[:40]:
        back = entry.find("a", string="back to its sentence")["href"]
        page = (built_project / "_build" / "html" / "back" / back.split("#")[0]).resolve()
        assert BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(id=back.split("#")[1]) is not None


def test_numbers_csv_validates_and_matches_the_html(built_project, numbers_table, prose_numbers):
    from frictionless import Resource, Schema

    html = built_project / "_build" / "html"
    descriptor = json.loads((html / "numbers.schema.json").read_text(encoding="utf-8"))
    resource = Resource(path="numbers.csv", basepath=str(html), schema=Schema.from_descriptor(descriptor["schema"]))
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    shown = {anchor: text for uses in prose_numbers.values() for anchor, text, _, _ in uses}
    assert {row["anchor"]: row["text"] for row in numbers_table} == shown
    pages = _pages(built_project)
    order = [(pages.index(row["page"])) for row in numbers_table]
    assert order == sorted(order), "numbers.csv is in reading order"


def _raw_tables() -> dict[str, dict[str, dict]]:
    """Every data file read with the csv module alone, rows keyed by their first column."""
    tables = {}
    for path in (ROOT / "data").glob("*.csv"):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        tables[path.stem] = {row[next(iter(row))]: row for row in rows}
    return tables


def test_every_record_and_source_resolves(numbers_table):
    tables = _raw_tables()
    for row in numbers_table:
        for ref in row["record_ids"].split():
            resource, record_id = ref.split(":", 1)
            if resource.endswith(".json"):
                names = [r["name"] for r in json.loads((ROOT / "data" / resource).read_text())["resources"]]
                assert record_id in names
            else:
                assert record_id in tables[resource], (row["name"], ref)
        for source_id in row["source_ids"].split():
            assert source_id in tables["sources"], (row["name"], source_id)
        assert row["record_ids"], row["name"]


_LEAF = re.compile(r"([−-]?\$?[\d,.]+%?(?: billion| million)?) \(([A-Z]+(?:-[A-Z]+)*-\d+)\)")
_FACTORS = {"USD billion": 1000.0, "USD million": 1.0}


def _shown(text: str) -> tuple[float, float]:
    """The number a derivation shows, and half its last shown digit (its rounding)."""
    sign = -1.0 if text[0] in "−-" else 1.0
    text = text.lstrip("−-")
    match = re.fullmatch(r"\$([\d,.]+) (billion|million)", text)
    digits = match.group(1) if match else text.rstrip("%")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits.replace(",", ""))
    scale = 1000.0 if match and match.group(2) == "billion" else 1.0
    return sign * value * scale, 0.5 * 10**-decimals * scale


def test_an_independent_recomputation_from_the_raw_csv_gives_each_value(numbers_table):
    """For every number derived by arithmetic from values read from the data, find each input in
    the raw CSV (csv module only, the unit conversion done here), recompute, and compare."""
    tables = _raw_tables()
    by_id = {record_id: row for table in tables.values() for record_id, row in table.items()}
    checked, pages = 0, set()
    for row in numbers_table:
        derivation = row["derivation"]
        if row["unit"] not in ("USD million", "percent", "count", "times") or "rows" in derivation:
            continue
        inputs = []
        for shown, record_id in _LEAF.findall(derivation):
            raw = by_id[record_id]
            target, tolerance = _shown(shown)
            factor = _FACTORS.get(raw.get("unit", ""), 1.0) if shown.startswith("$") else 1.0
            candidates = {
                float(cell) * factor
                for field, cell in raw.items()
                if field != "unit" and re.fullmatch(r"-?\d+(\.\d+)?", cell or "")
            }
            if raw.get("period_start") and raw.get("period_end"):  # a flow's length in months, computed here
                (y0, m0), (y1, m1) = (map(int, raw[f].split("-")) for f in ("period_start", "period_end"))
                candidates.add(float((y1 - y0) * 12 + m1 - m0 + 1))
            matching = [c for c in candidates if abs(c - target) <= tolerance + 1e-9]
            assert matching, (row["name"], record_id, shown, raw)
            inputs.append(min(matching, key=lambda c: abs(c - target)))
        if not inputs:
            continue
        values = iter(inputs)
        expression = _LEAF.sub(lambda _m, values=values: f"({next(values)!r})", derivation)
        expression = expression.replace("×", "*").replace("÷", "/").replace("−", "-").replace(",", "")
        expression = re.sub(r"\|([^|]+)\|", r"abs(\1)", expression)
        # A range ('low to high') has one value per end.
        for part, value in zip(expression.split(" to "), str(row["value"]).split("/"), strict=True):
            assert re.fullmatch(r"[\d.()+\-*/ abs]+", part), (row["name"], part)
            assert eval(part) == pytest.approx(float(value), rel=1e-9), (row["name"], part)  # noqa: S307
        checked += 1
        pages.add(row["page"])
    assert checked >= 20 and len(pages) >= 6, (checked, pages)


def test_one_claim_review_per_ledger_claim_on_its_page(built_project):
    claims = list(csv.DictReader(io.StringIO((ROOT / "data" / "claims.csv").read_text(encoding="utf-8"))))
    sources = _raw_tables()["sources"]
    reviews = {}
    for page in _pages(built_project):
        for script in _html(built_project, page).select('script[type="application/ld+json"]'):
            review = json.loads(script.string)
            if review.get("@type") == "ClaimReview":
                assert review["identifier"] not in reviews, review["identifier"]
                reviews[review["identifier"]] = (page, review)
    assert len(reviews) == len(claims)
    for claim in claims:
        page, review = reviews[claim["claim_id"]]
        assert page == f"chapters/{claim['section']}"
        assert review["claimReviewed"] == claim["claim"]
        assert review["reviewRating"]["alternateName"] == claim["status"]
        authors = [a["name"] for a in review["itemReviewed"]["author"]]
        assert authors == [a.strip() for a in sources[claim["commentary"]]["author"].split(";")]
        assert review["itemReviewed"]["datePublished"] == sources[claim["commentary"]]["published"]
        assert review["author"]["name"] == "Belarus between Russia and Ukraine since 2021"


def test_the_heaviest_page_with_its_images_is_light(built_project):
    html = built_project / "_build" / "html"
    weights = {}
    for page in _pages(built_project):
        path = html / f"{page}.html"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        images = {(path.parent / img["src"]).resolve() for img in soup.select("img[src]") if "://" not in img["src"]}
        weights[page] = path.stat().st_size + sum(p.stat().st_size for p in images if p.is_file())
    assert max(weights.values()) <= 1.5e6, max(weights.items(), key=lambda kv: kv[1])


# --- the PDF --------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", "", text)


def test_every_number_in_the_pdf_links_to_its_entry_and_the_entry_gives_the_right_page(built_project, numbers_table):
    from pypdf import PdfReader

    pdf = built_project / "_build" / "html" / "book-audit.pdf"  # the reader's PDF prints numbers as text
    reader = PdfReader(str(pdf))
    destinations = set(reader.named_destinations)
    linked = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            target = annotation.get("/Dest") or (action.get("/D") if action is not None else None)
            if isinstance(target, str) and target.startswith("bbnum:"):
                assert target in destinations, target
                linked.append(target.removeprefix("bbnum:"))
    anchors = {row["anchor"] for row in numbers_table}
    assert set(linked) == anchors, (anchors - set(linked), set(linked) - anchors)
    assert all(f"bbnum:{a}" in destinations for a in anchors)

    # Each entry says "TEXT (name), on page N": the page labelled N holds TEXT.
    labels = reader.page_labels
    text_of = {}

    def page_text(label: str) -> str:
        # A label can repeat: the title page and the first page of the front page are both "1".
        if label not in text_of:
            text_of[label] = " ".join(
                _normalise(
                    subprocess.run(
                        ["pdftotext", "-f", str(index + 1), "-l", str(index + 1), str(pdf), "-"],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
                for index, name in enumerate(labels)
                if name == label
            )
        return text_of[label]

    full = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    entries = re.findall(r"\(([a-z0-9_]+)\), on page (\w+)\.", re.sub(r"\s+", " ", full))
    by_name = {(row["page"], row["name"]): row for row in numbers_table}
    names = {name: row["text"] for (_, name), row in by_name.items()}
    assert len(entries) == len(numbers_table)
    for name, label in entries:
        assert _normalise(names[name]) in page_text(label), (name, label)


def test_one_derivation_never_renders_to_two_texts(built_project):
    """The same quantity, computed from the same rows, reads the same on every page that states it
    ('three further packages' on one page and 'three' on another would be two voices)."""
    import csv
    from collections import defaultdict

    with open(built_project / "_build" / "html" / "numbers.csv", encoding="utf-8") as handle:
        numbers = list(csv.DictReader(handle))
    texts = defaultdict(set)
    for number in numbers:
        texts[number["derivation"]].add(number["text"])
    assert len(numbers) > 300
    assert {derivation: shown for derivation, shown in texts.items() if len(shown) > 1} == {}
