"""Part IV as a reader meets it: prose long enough to answer the commentaries' questions, each
chapter opening with its finding and drawing at least one chart, the cut-off it states equal to
the latest date in the data, 'latest' figures that are the latest of their series, and a
scorecard whose every cited row is one click away."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pandas as pd
from bs4 import BeautifulSoup

from belarus_book.analysis import scorecard
from belarus_book.data import datapackage

PART_IV = ["after_economy", "after_security", "after_politics", "scorecard"]
MONTHS = "January February March April May June July August September October November December".split()
# An opening that describes the page instead of answering its question.
METHOD_OPENING = re.compile(r"^(This (chapter|part|page)|The commentaries stop|Part IV)\b")


def _article(built: Path, stem: str):
    html = built / "_build" / "html" / "chapters" / f"{stem}.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")


def _prose_paragraphs(article) -> list[str]:
    """The article's paragraphs and list items, without tables, figures and their captions, the
    numbers' and claims' panels, and the notebook download line."""
    for hidden in article.select("table, figure, .bb-panel, aside, script, style, .cell_output .output"):
        hidden.decompose()
    texts = []
    for block in article.select("p, li"):
        if block.find_parent(["table", "figure", "li"]) is not None and block.name == "p":
            continue
        text = " ".join(block.get_text(" ").split())
        if text and not text.startswith("Download this page as a Jupyter notebook"):
            texts.append(text)
    return texts


def _words(texts: list[str]) -> int:
    return sum(len(re.findall(r"[\w’'-]+", t)) for t in texts)


def test_part_four_prose_runs_to_four_thousand_words(built_project):
    counted = {stem: _words(_prose_paragraphs(_article(built_project, stem))) for stem in PART_IV}
    assert sum(counted.values()) >= 4000, counted


def test_each_part_four_chapter_opens_with_its_finding_and_draws_a_chart(built_project):
    for stem in PART_IV:
        article = _article(built_project, stem)
        assert article.select("figure img, figure svg"), f"{stem} has no chart"
        opening = _prose_paragraphs(article)[0]
        assert len(opening.split()) >= 25, (stem, opening)
        assert not METHOD_OPENING.match(opening), (stem, opening)


def _latest_date_in_the_data(root: Path) -> pd.Timestamp:
    """Recomputed from the CSV files: the latest date of the account's tables and of the sources
    they cite (the gazetteer behind the map's cities and the scorecard left out)."""
    data = root / "data"
    dates, cited = [], set()
    for path in sorted(data.glob("*.csv")):
        if path.stem in {"places", "scorecard", "evidence", "sources"}:
            continue
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
            cited.add(row.get("source_id") or "")
            for column in ("date", "period_end", "adopted", "published"):
                if row.get(column):
                    dates.append(row[column])
    for row in csv.DictReader(io.StringIO((data / "sources.csv").read_text(encoding="utf-8"))):
        if row["source_id"] in cited:
            dates.append(row["published"])
    return max(pd.Timestamp(d if len(d) > 4 else f"{d}-01-01") for d in dates)


def test_the_cut_off_shown_is_the_latest_date_in_the_data(built_project):
    latest = _latest_date_in_the_data(built_project)
    shown = f"{MONTHS[latest.month - 1]} {latest.year}"
    front = _article(built_project, "key_findings").get_text(" ")
    assert f"mid-2024 to {shown}" in " ".join(front.split())
    page = (built_project / "_build" / "html" / "chapters" / "after_economy.html").read_text(encoding="utf-8")
    captions = [" ".join(c.get_text(" ").split()) for c in BeautifulSoup(page, "html.parser").select("p.caption")]
    assert f"What happened next: mid-2024 to {shown}" in captions, captions
    pdf = built_project / "_build" / "html" / "book.pdf"
    if pdf.exists():
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert f"mid-2024 to {shown}" in " ".join(text.split())


# The series a row belongs to, by table: the columns whose values it shares with its series.
SERIES = {"troop_estimates": ("kind", "basis"), "developments": ("measure",), "trade_shares": ("partner", "flow")}
END = {"troop_estimates": "period_end", "developments": "period_end", "trade_shares": "period_end"}


def test_no_latest_figure_is_older_than_the_latest_row_of_its_series(built_project):
    data = datapackage.load(built_project / "data")
    numbers = csv.DictReader(io.StringIO((built_project / "_build" / "html" / "numbers.csv").read_text("utf-8")))
    checked = 0
    for number in numbers:
        if "latest" not in number["name"]:
            continue
        for ref in number["record_ids"].split():
            resource, record = ref.split(":", 1)
            if resource not in SERIES:
                continue
            table = getattr(data, resource).set_index("record_id")
            row = table.loc[record]
            same = table[(table[list(SERIES[resource])] == row[list(SERIES[resource])]).all(axis=1)]
            newest = same[END[resource]].dropna().astype(str).max()
            assert str(row[END[resource]]) == newest, (number["page"], number["name"], record, newest)
            checked += 1
    assert checked >= 3


def test_every_row_a_verdict_cites_is_a_link_to_its_entry(built_project):
    card = scorecard.check(datapackage.load(built_project / "data"))
    article = BeautifulSoup(
        (built_project / "_build" / "html" / "chapters" / "scorecard.html").read_text(encoding="utf-8"), "html.parser"
    )
    links = {a["href"] for a in article.select('a[href^="#row-"]')}
    targets = {tag["id"] for tag in article.select('[id^="row-"]')}
    for records in card["records"]:
        for record in records:
            assert f"#row-{record.lower()}" in links, record
            assert f"row-{record.lower()}" in targets, record


def test_russias_share_of_belarusian_trade_is_a_series_of_at_least_four_years_with_evidence():
    data = datapackage.load()
    shares = data.trade_shares[(data.trade_shares["partner"] == "Russia") & (data.trade_shares["trader"] == "Belarus")]
    years = {str(p)[:4] for p in shares["period_end"]}
    assert len(years) >= 4, years
    evidenced = set(data.evidence.loc[data.evidence["resource"] == "trade_shares", "record_id"])
    assert set(shares["record_id"]) <= evidenced
    assert set(shares["confirmation"]) == {"quoted"}


def test_no_chart_names_the_same_source_twice(built_project):
    """Two reports of one publisher on one day are told apart by their titles."""
    repeated = []
    for page in sorted((built_project / "_build" / "html" / "chapters").glob("*.html")):
        for figure in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("figure"):
            caption = " ".join(figure.get_text(" ").split())
            if "Sources:" not in caption:
                continue
            listed = [s.strip() for s in caption.split("Sources:", 1)[1].split(" . ")[0].split(";")]
            repeated += [(page.stem, s) for s in set(listed) if listed.count(s) > 1]
    assert repeated == []


def test_the_security_chapter_gives_the_latest_troop_count_by_date_and_by_whom(built_project):
    """Recomputed from the CSV: the reported count of Russian troops present with the latest end."""
    table = pd.read_csv(built_project / "data" / "troop_estimates.csv")
    present = table[(table["basis"] == "reported") & (table["kind"] == "present")]
    latest = present.sort_values("period_end", kind="stable").iloc[-1]
    year, month = map(int, latest["period_end"].split("-"))
    assert latest["low"] == latest["high"] and latest["qualifier"] == "approximately"
    said = f"about {int(latest['low']):,}, given by the {latest['estimated_by']} for {MONTHS[month - 1]} {year}"
    text = re.sub(r"\s+([,:;.)])", r"\1", " ".join(_article(built_project, "after_security").get_text(" ").split()))
    assert said in text, said


def test_a_report_without_a_number_is_shaded_with_its_words_not_drawn_as_a_value():
    """A worded report has no height: no marker may stand for it, at zero or anywhere."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.collections import PathCollection

    from belarus_book.analysis import security
    from belarus_book.render.charts import security as security_charts

    data = datapackage.load()
    worded = data.developments[data.developments["low"].isna() & (data.developments["topic"] == "security")]
    troops = security.prepare_troops(data.troop_estimates)
    for figure in (
        security_charts.troops_chart(troops, data.events.iloc[:0], worded),
        security_charts.estimates_by_source_chart(
            pd.concat([security.wagner_estimates(data.developments), worded]), "t", "y"
        ),
    ):
        axes = figure.axes[0]
        markers = [len(c.get_offsets()) for c in axes.collections if isinstance(c, PathCollection)]
        wagner = security.wagner_estimates(data.developments)
        # A single figure is one marker; a range of troops is marked at both its ends.
        ranges = (troops["high"] > troops["low"]).sum()
        numbered = len(troops) + ranges if axes.get_title().startswith("Russian") else wagner["low"].notna().sum()
        assert sum(markers) == numbered, (axes.get_title(), markers, numbered)
        labels = " ".join(t.get_text() for t in axes.texts)
        for words in worded["words"]:
            assert f"\u201c{words}\u201d" in labels, words
