"""No number is typed into the prose: the scan passes on the book and catches a slipped literal."""

from __future__ import annotations

import pytest

from belarus_book.build import book as build
from belarus_book.data import paths
from belarus_book.render import prose


def test_no_typed_numbers_in_any_page_of_the_book():
    pages = build.chapter_files(paths.PROJECT_ROOT)
    assert any(page.name == "economy.md" for page in pages)
    assert prose.scan_files(pages, paths.PROJECT_ROOT) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade fell by 74% in 2022.",
        "It reached $5.4 billion.",
        "Some 2,000 soldiers stayed.",
        "Within two months it was over.",
        "It fell by a third.",
        "Exports halved.",
        "A fall of 87 percent.",
        "```{glue:figure} fig\n:alt: A chart of 3 series\nCaption.\n```",
    ],
)
def test_a_literal_is_caught(sentence):
    assert prose.typed_numbers(f"# Title\n\n{sentence}\n"), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade fell in 2022 and again in 2023.",
        "On 12 March the General Staff spoke.",
        "It handed over T-72A tanks.",
        "An A-50 was hit; S-400 and BMP-2 were named.",
        "Turnover was {glue:text}`eco_2022_turnover`.",
        "See {numref}`fig-eco-mirror`.",
        "From 2021–2023 and in the 2010s.",
        "Art. 18 of the constitution.",
    ],
)
def test_allowed_forms_pass(sentence):
    assert prose.typed_numbers(f"# Title\n\n{sentence}\n") == []


def test_plain_code_blocks_are_not_prose_but_directives_are():
    assert prose.typed_numbers("Text.\n\n```bibtex\n@book{x, pages = {312}}\n```\n") == []
    assert prose.typed_numbers("```{note}\nSome 312 people.\n```\n")


def test_code_cells_and_front_matter_are_not_prose():
    text = "---\njupytext:\n  format_version: 0.13\n---\n\n```{code-cell} ipython3\nx = 5400\n```\n\nWords only.\n"
    assert prose.typed_numbers(text) == []


def test_build_refuses_a_chapter_with_a_literal(project_copy):
    chapter = project_copy / "chapters" / "economy.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("the war broke that bond", "the war cut 74% of it"),
        encoding="utf-8",
    )
    with pytest.raises(build.BuildError, match=r"chapters/economy.md:\d+: typed number '74'"):
        build.check_inputs(project_copy)


def test_prose_between_directives_is_scanned():
    """A bare closing fence is not the opening of a code block: the prose after one directive and
    before the next is read."""
    text = (
        "Text.\n\n```{glue:figure} fig_a\n:name: fig-a\n\nCaption.\n```\n\n"
        "Between them, some 312 people.\n\n```{glue:figure} fig_b\n:name: fig-b\n\nCaption.\n```\n"
    )
    assert [t.text for t in prose.typed_numbers(text)] == ["312"]
    code = "```{code-cell} ipython3\nx = 312\n```\n\n```python\ny = 5\n```\n"
    assert prose.typed_numbers(code) == []
