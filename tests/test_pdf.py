"""The PDFs, the reader's and the audit edition, each: every glued value of its pages as in the
HTML, every figure embedded, pages rendered for a look."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zlib

import pytest
from bs4 import BeautifulSoup

from belarus_book.build import book as build
from belarus_book.build import editions

from .conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def _normalise(text: str) -> str:
    """Compare text as a reader sees it: ligatures unfolded, typographic quotes as typed, no spacing."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", "", text)


EDITIONS = {"book.pdf": editions.READER, "book-audit.pdf": editions.AUDIT}


@pytest.fixture(scope="session", params=sorted(EDITIONS))
def pdf(built_project, request):
    path = built_project / "_build" / "html" / request.param
    assert path.is_file(), f"the build did not publish {request.param} beside the HTML"
    return path


def _pages(built_project, pdf):
    """The pages the edition prints."""
    left_out = editions.AUDIT_ONLY_PAGES if EDITIONS[pdf.name] == editions.READER else ()
    return [
        page
        for page in build.chapter_files(built_project)
        if page.relative_to(built_project).with_suffix("").as_posix() not in left_out
    ]


@pytest.fixture(scope="session")
def pdf_text(pdf):
    return _normalise(
        subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )


def test_every_glued_value_in_the_html_is_in_the_pdf(built_project, pdf, pdf_text):
    checked = 0
    for page in _pages(built_project, pdf):
        html = built_project / "_build" / "html" / page.relative_to(built_project).with_suffix(".html")
        spans = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("article span.pasted-text")
        for span in spans:
            assert _normalise(span.get_text()) in pdf_text, (page.name, span.get_text())
            checked += 1
    assert checked > 150


def test_every_figure_is_embedded_once(built_project, pdf):
    figures = sum(page.read_text(encoding="utf-8").count("```{glue:figure}") for page in _pages(built_project, pdf))
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    assert len(images) == figures > 10


def test_pdf_has_title_contents_every_chapter_and_bibliography(pdf_text):
    for heading in (
        "Belarus between Russia and Ukraine since 2021",
        "Contents",
        "Economic cooperation: from hero to zero",
        "Security deadlock: permanent deterrence",
        "Would the Belarusian army join the war?",
        "The commentaries against the record, theme by theme",
        "Fact-check appendix",
        "Bibliography",
    ):
        assert _normalise(heading).lower() in pdf_text.lower(), heading


def test_names_in_cyrillic_letters_survive(built_project, pdf_text):
    from belarus_book.data import datapackage

    names = list(datapackage.load(built_project / "data").places["native_name"])
    assert names and all(any("\u0400" <= c <= "\u04ff" for c in name) for name in names)
    for name in names:
        assert _normalise(name) in pdf_text, name


def test_pages_are_rendered_for_inspection(pdf):
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / f"{pdf.stem}-page"
    for old in ARTIFACTS.glob(f"{pdf.stem}-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "12", str(pdf), str(prefix)], check=True)
    pages = sorted(ARTIFACTS.glob(f"{pdf.stem}-page-*.png"))
    assert len(pages) == 12 and all(p.stat().st_size > 2_000 for p in pages)


# The text block of the PDF's pages (A4, one-inch margins), in points from the top left, as poppler reports it.
MARGIN_PT = 72.0


def _word_boxes(pdf):
    """Every word of the PDF with its page and box, from poppler's pdftotext -bbox-layout."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    words = []
    for number, (width, _height, body) in enumerate(pages, start=1):
        for box in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body
        ):
            words.append((number, float(width), *map(float, box[:4]), box[4]))
    return words


def _overprinted(words):
    """Pairs of words on the same page whose boxes overlap: text set over other text."""
    found = []
    by_page = {}
    for word in words:
        by_page.setdefault(word[0], []).append(word)
    for page, on_page in by_page.items():
        on_page.sort(key=lambda w: w[3])
        for i, a in enumerate(on_page):
            for b in on_page[i + 1 :]:
                if b[3] >= a[5]:
                    break
                if min(a[4], b[4]) - max(a[2], b[2]) > 1.0 and min(a[5], b[5]) - max(a[3], b[3]) > 2.0:
                    found.append(f"page {page}: {a[6]!r} over {b[6]!r}")
    return found


def test_no_word_lies_outside_the_text_block_or_over_another(pdf):
    """Tables cut off at the margin, URLs running off the page and captions or rows set over the
    footer all show in poppler's word boxes: a word past the margins, or two words in one place."""
    words = _word_boxes(pdf)
    assert len(words) > 20000
    outside = [
        f"page {page}: {text!r} at x {x0:.0f}–{x1:.0f}"
        for page, width, x0, _y0, x1, _y1, text in words
        if x0 < MARGIN_PT - 2 or x1 > width - MARGIN_PT + 2
    ]
    assert outside == []
    assert _overprinted(words) == []


def test_the_word_box_check_can_fail():
    page = [(1, 595.0, 100.0, 700.0, 160.0, 710.0, "caption"), (1, 595.0, 150.0, 702.0, 170.0, 712.0, "19")]
    assert _overprinted(page) == ["page 1: 'caption' over '19'"]
    assert _overprinted([page[0], (1, 595.0, 200.0, 700.0, 240.0, 710.0, "apart")]) == []


@pytest.mark.parametrize("work", ["_build/work", "_build/work/reader"])
def test_the_latex_log_has_no_overfull_line_wider_than_a_few_points(built_project, work):
    log = (built_project / work / "_build" / "latex" / "book.log").read_text(errors="replace")
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert [w for w in widths if w > 3.0] == []


def test_the_pdf_declares_its_title_authors_subject_keywords_and_language(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    for field in ("Title", "Author", "Subject", "Keywords"):
        assert fields.get(field, "").strip(), field
    # The catalogue sits in a compressed object stream: look inside every stream.
    raw = pdf.read_bytes()
    catalogue = raw
    for stream in re.finditer(rb"stream\r?\n", raw):
        try:
            catalogue += zlib.decompress(raw[stream.end() : raw.find(b"endstream", stream.end())])
        except zlib.error:
            continue
    assert b"/Lang(en-GB)" in catalogue


def test_quotes_print_as_typographic_quotes_never_as_tex_backticks(pdf_text):
    assert "``" not in pdf_text, pdf_text[max(0, pdf_text.find("``") - 200) : pdf_text.find("``") + 200]
    assert "\u201c" in pdf_text  # the sources' words are quoted, in typographic quotes


def test_the_pdf_has_no_blank_page_and_no_line_meant_for_the_screen(pdf):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    if not pages[-1].strip():  # pdftotext ends the last page with a form feed
        pages = pages[:-1]
    blank = [number for number, page in enumerate(pages, start=1) if not page.strip()]
    assert not blank, f"blank pages: {blank}"
    assert "Download this page as a Jupyter notebook" not in " ".join(text.split())
