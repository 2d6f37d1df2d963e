"""Prose without machine seams, read from the built HTML: no sentence repeated across pages, no
parenthesis nested inside generated text, no generated value that repeats the figure before it,
and in the chapters no developer words, equal-ended ranges, values repeated in their own
parenthesis or counts that disagree with their nouns."""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import BeautifulSoup

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _pages(built_project):
    """Every page's prose paragraphs (tables, code and figures left out), as (page, paragraph element)."""
    html_root = built_project / "_build" / "html"
    for path in sorted(html_root.glob("**/*.html")):
        if path.name in ("genindex.html", "search.html") or "_static" in path.parts:
            continue
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        if page is None:
            continue
        # The appendix of numbers and the popovers quote the sources behind each number, as tables do: not prose.
        for hidden in page.select("table, figure, pre, .cell_input, .highlight, .bb-entry, .bb-panels"):
            hidden.decompose()
        for paragraph in page.select("p, li"):
            yield path.relative_to(html_root).as_posix(), paragraph


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text("")).strip()


def repeated_sentences(paragraphs, words: int = 12) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = defaultdict(set)
    for page, text in paragraphs:
        for sentence in SENTENCE_END.split(text):
            if len(sentence.split()) >= words:
                seen[sentence].add(page)
    return {sentence: pages for sentence, pages in seen.items() if len(pages) > 1}


def nested_parentheses(text: str) -> bool:
    depth = 0
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth >= 2:
            return True
    return False


def repeats_the_figure_before(before: str, value: str) -> bool:
    """A generated value whose first figure is the figure just before it, in the same phrase:
    '46,482 servicemen (latest official figure: 46,482 servicemen ...'."""
    first = NUMBER.search(value)
    earlier = list(NUMBER.finditer(before))
    if not (first and earlier) or re.fullmatch(r"(19|20)\d\d", first.group(0)):
        return False  # a year may well follow a year
    last = earlier[-1]
    # Only the figure just before, in the same phrase: "46,482 servicemen (".
    return len(before) - last.end() <= 30 and first.group(0) == last.group(0)


def test_no_sentence_of_twelve_words_or_more_appears_on_two_pages(built_project):
    paragraphs = [(page, _text(p)) for page, p in _pages(built_project)]
    assert len(paragraphs) > 200
    assert repeated_sentences(paragraphs) == {}


def test_no_parenthesis_nests_in_the_prose(built_project):
    nested = [(page, _text(p)[:160]) for page, p in _pages(built_project) if nested_parentheses(_text(p))]
    assert nested == []


def test_no_generated_value_repeats_the_figure_it_follows(built_project):
    found = []
    for page, paragraph in _pages(built_project):
        for span in paragraph.select("span.pasted-text"):
            before = "".join(
                s if isinstance(s, str) else s.get_text("") for s in span.find_all_previous(string=True, limit=12)[::-1]
            )
            if repeats_the_figure_before(before, span.get_text()):
                found.append((page, span.get_text()[:120]))
    assert found == []


def test_the_seam_checks_can_fail():
    assert repeated_sentences(
        [
            ("a.html", "One sentence that is long enough to count as a repeated sentence here."),
            ("b.html", "One sentence that is long enough to count as a repeated sentence here."),
        ]
    )
    assert nested_parentheses("a reproduced surplus ($5.4 billion (Belarus-reported) − $1.5 billion)")
    assert not nested_parentheses("a reproduced surplus ($5.4 billion, Belarus-reported)")
    assert repeats_the_figure_before("gives 46,482 servicemen (", "latest official figure: 46,482 servicemen")
    assert not repeats_the_figure_before("gives 46,482 servicemen, and ", "about 45,000")


# Words that speak of the repository rather than to a reader (the glossary and the methods may
# explain them; the chapters and the front page do not use them).
DEVELOPER_WORDS = re.compile(r"\b(rows?|glue[ds]?|the build|stored cop(?:y|ies)|we found|we could|csv)\b", re.I)
SAME_ENDS = re.compile(r"(?<![\d,.])(\d[\d,.]*\d|\d)\s*–\s*\1(?![\d,.]*\d)")
OWN_PARENTHESIS = re.compile(r"\b([\w$%.,]+)\s\((\1)\)")
# A count, not a year ("2022 figure" is a year's figure).
COUNT_WORDS = r"(?!(?:19|20)\d\d\b)(?:two|three|four|five|six|seven|eight|nine|ten|\d{2,}|\d*[2-9])"
NOUNS = r"package|decision|measure|prolongation|claim|source|finding|figure|statement|event|recommendation|expectation"
DISAGREEING = re.compile(rf"\b(?:one|1) (?:{NOUNS})s\b|\b(?:{COUNT_WORDS}) (?:further |other )?(?:{NOUNS})\b(?![s\w-])")


def seams(text: str) -> list[str]:
    """The machine seams in a paragraph: developer words, a range whose ends are equal, a value
    repeated inside its own parenthesis, and a count that disagrees with its noun."""
    found = []
    for pattern in (DEVELOPER_WORDS, SAME_ENDS, OWN_PARENTHESIS, DISAGREEING):
        found += [match.group(0) for match in pattern.finditer(text)]
    return found


def test_chapters_and_front_page_speak_to_a_reader(built_project):
    found = []
    for page, paragraph in _pages(built_project):
        if page.startswith("chapters/") or page == "index.html":
            found += [(page, seam) for seam in seams(_text(paragraph))]
    assert found == []


def test_the_reader_checks_can_fail():
    assert seams("the figure the commentary gives (five)") == []  # no repetition: "gives (five)"
    assert seams("only five (five) diplomats") == ["five (five)"]
    assert seams("latest sourced estimate: 2,100–2,100") == ["2,100–2,100"]
    assert seams("from 2,100–2,400") == []
    assert seams("two prolongation and one measures") == ["two prolongation", "one measures"]
    assert seams("three further packages") == []
    assert seams("the 2022 figure and 12 claim") == ["12 claim"]
    assert seams("The table below sets out eight rows; the build refuses") == ["rows", "the build"]
