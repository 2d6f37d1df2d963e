"""The editions: the reader's PDF (short, numbers as text, appendices lettered), the audit PDF
(everything), the EPUB (valid by EPUBCheck), and the front page offering all three."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup

from belarus_book.build import about, book, editions, latex_appendices, toc_captions
from belarus_book.render import formatting

from .conftest import ROOT

MAX_READER_PAGES = 120
READER_WORK, AUDIT_WORK = "_build/work/reader", "_build/work"


def _text(pdf, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _page_count(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


@pytest.fixture(scope="session")
def published(built_project):
    return built_project / "_build" / "html"


def _contents(built_project, work: str) -> str:
    """The PDF's table of contents, as LaTeX recorded it."""
    return (built_project / work / "_build" / "latex" / "book.toc").read_text(encoding="utf-8")


def test_the_readers_pdf_is_short_and_the_audit_pdf_holds_what_it_leaves_out(built_project, published):
    reader, audit = published / "book.pdf", published / "book-audit.pdf"
    assert _page_count(reader) <= MAX_READER_PAGES
    assert _page_count(audit) > _page_count(reader)
    reader_contents, audit_contents = _contents(built_project, READER_WORK), _contents(built_project, AUDIT_WORK)
    for title in editions.audit_only_labels(ROOT).values():
        assert f"}}{title}}}" in audit_contents and title not in reader_contents, title
    for title in ("Fact-check appendix", "Methods, assumptions and caveats", "How to cite this book"):
        assert title.replace("-", "\\sphinxhyphen {}") in reader_contents, title
    # A reference to a page left out names the edition that has it.
    reader_text = " ".join(_text(reader).split())
    assert "“Where every number comes from” (in the audit edition)" in reader_text


def test_the_readers_pdf_prints_numbers_as_text_and_the_audit_pdf_links_them(published):
    from pypdf import PdfReader

    def number_links(pdf) -> int:
        count = 0
        for page in PdfReader(str(pdf)).pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A")
                target = action.get("/D") if action is not None else None
                count += isinstance(target, str) and target.startswith("bbnum:")
        return count

    assert number_links(published / "book.pdf") == 0
    assert number_links(published / "book-audit.pdf") > 150


def test_both_pdfs_open_with_the_release_and_an_abstract(built_project, published):
    release = about.load(built_project)
    for name, edition in (("book.pdf", "reader's edition"), ("book-audit.pdf", "audit edition")):
        title_page = " ".join(_text(published / name, 1, 1).split())
        assert release.version in title_page and str(formatting.date(release.date_released)) in title_page, name
        abstract = " ".join(_text(published / name, 2, 2).split())
        # The abstract's cut-off is the month the data reach, as in Part IV's title.
        expected = toc_captions.fill(release.abstract, built_project)
        assert "{" not in expected and expected != release.abstract
        assert abstract.startswith("Abstract") and expected in abstract and edition in abstract, name


def test_the_back_matter_is_lettered_appendices_not_a_part(built_project, published):
    for name, work in (("book.pdf", READER_WORK), ("book-audit.pdf", AUDIT_WORK)):
        text = " ".join(_text(published / name).split())
        assert "Part V" not in text and "Back matter" not in text, name
        assert re.search(r"APPENDIX A\s*FACT-CHECK APPENDIX", text.upper()), name
        # The bibliography's list follows its own appendix's text: one entry, not a second chapter.
        assert _contents(built_project, work).count("Bibliography}") == 1, name


def test_the_appendix_edit_can_fail():
    tex = "\\chapter{Scorecard}\n" + latex_appendices.PART + "\n\\chapter{Fact-check}\n"
    assert "\\appendix" in latex_appendices.appendices(tex)
    with pytest.raises(ValueError, match="one was expected"):
        latex_appendices.appendices("\\chapter{Scorecard}\n")


def test_the_readers_table_of_contents_leaves_out_only_the_audit_pages():
    def files(node) -> list[str]:
        found = [node["file"]] if "file" in node else []
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key, []):
                found += files(child)
        return found

    toc = editions.reader_toc(ROOT)
    reader = [toc["root"], *files(toc)]
    every = [p.relative_to(ROOT).with_suffix("").as_posix() for p in book.chapter_files(ROOT)]
    assert reader == [page for page in every if page not in editions.AUDIT_ONLY_PAGES]
    assert set(every) - set(reader) == set(editions.AUDIT_ONLY_PAGES)


def test_the_epub_passes_epubcheck_and_holds_every_page_of_the_readers_edition(built_project, published):
    epub = published / "book.epub"
    result = subprocess.run(["java", "-jar", editions.EPUBCHECK, str(epub)], capture_output=True, text=True)
    report = result.stdout + result.stderr
    assert result.returncode == 0 and "No errors or warnings detected" in report, report
    names = zipfile.ZipFile(epub).namelist()
    for page in editions.reader_toc(built_project)["parts"][0]["chapters"]:
        assert any(name.endswith(f"{page['file']}.xhtml") for name in names), page["file"]
    for page in editions.AUDIT_ONLY_PAGES:
        assert not any(name.endswith(f"{page}.xhtml") for name in names), page
    # Its table of contents lists every page, under the book's title.
    navigation = BeautifulSoup(zipfile.ZipFile(epub).read("nav.xhtml"), "html.parser")
    listed = {link["href"].split("#")[0].removesuffix(".xhtml") for link in navigation.select("nav a")}
    every = [p.relative_to(built_project).with_suffix("").as_posix() for p in book.chapter_files(built_project)]
    assert listed == {page for page in every if page not in editions.AUDIT_ONLY_PAGES}
    opf = zipfile.ZipFile(epub).read("content.opf").decode("utf-8")
    assert f"<dc:title>{about.load(built_project).title}</dc:title>" in opf
    chapter = zipfile.ZipFile(epub).read(next(n for n in names if n.endswith("chapters/economy.xhtml")))
    soup = BeautifulSoup(chapter, "html.parser")
    assert soup.select("span.pasted-text") and not soup.select("[data-panel]")  # numbers as text, no popovers


def test_the_epub_check_in_the_build_stops_on_an_invalid_epub(tmp_path):
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(book.BuildError, match="EPUBCheck rejected the EPUB"):
        editions.check_epub(broken)


def test_the_front_page_offers_every_edition_and_each_exists(published):
    front = BeautifulSoup((published / "chapters" / "key_findings.html").read_text(encoding="utf-8"), "html.parser")
    offered = {link["href"].removeprefix("../") for link in front.select("ul.bb-editions a")}
    assert offered == set(editions.PUBLISHED)
    assert all((published / name).stat().st_size > 10_000 for name in offered)
