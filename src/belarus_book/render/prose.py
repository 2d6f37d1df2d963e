"""Find numbers typed into chapter prose.

Every amount, percentage and count in the prose must come from executed code (glue).
``typed_numbers`` strips what is not prose (front matter, code cells, glue and reference
roles, figure names, link targets) and reports every remaining digit or count word,
except years, days of the month and designations such as T-72A or S-400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
COUNT_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    "thousands?|millions?|billions?|trillions?|dozens?|half|halves|halved|thirds?|quarters?|fifths?|tenths?|"
    "doubled?|tripled?|twice|percent|per cent"
)

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_ROLE = re.compile(r"\{(?:glue|glue:text|glue:any|numref|ref|doc|download|eq|cite|cite:p|cite:t|claim|term)\}`[^`]*`")
_DIRECTIVE_LINE = re.compile(r"^(`{3,}|~{3,})\{[\w:-]+\}.*$", re.M)
_NAME_OPTION = re.compile(r"^:(name|figwidth|width|height|scale|label|class|align|header-rows|widths):.*$", re.M)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_LABEL = re.compile(r"^\([\w-]+\)=\s*$", re.M)
_COMMENT = re.compile(r"^%.*$", re.M)
_MYST_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.S)

_ALLOWED = [
    re.compile(rf"\b\d{{1,2}}\s+(?:{MONTHS})\b"),  # 12 March
    re.compile(rf"\b(?:{MONTHS})\s+\d{{1,2}}\b(?!\d)"),  # March 12
    re.compile(r"\b(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?s?\b(?![.,]\d)"),  # 2021, 2021–2023, 2022-23, 2010s
    re.compile(r"\b[A-Za-z]+-\d+[A-Za-z]*\b"),  # T-72A, BMP-2, S-400, A-50
    re.compile(r"\bArt(?:icle|\.)\s+\d+\b"),  # Art. 18 of a constitution
]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(rf"\b(?:{COUNT_WORDS})\b", re.I)


@dataclass(frozen=True)
class TypedNumber:
    file: str
    line: int
    text: str
    context: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: typed number {self.text!r} in: {self.context.strip()}"


def _blank(match: re.Match) -> str:
    """Replace a match by spaces, keeping newlines so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")


def _blank_code(markdown: str) -> str:
    """Blank code cells and plain code blocks, keeping the prose inside directives (figure captions,
    notes). Fences are matched in order, as MyST reads them: a bare fence closes the innermost open
    block of the same fence; a regular expression over the whole text would take the closing fence of
    one directive for the opening of a code block and skip the prose up to the next directive."""
    lines, stack = [], []  # stack of (fence, "code" | "directive")
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if match:
            fence, rest = match.groups()
            if stack and fence == stack[-1][0] and not rest.strip():
                stack.pop()
                lines.append(" " * len(line))
                continue
            if rest.startswith("{"):
                stack.append((fence, "code" if rest.startswith("{code-cell}") else "directive"))
                lines.append(" " * len(line))
                continue
            if not stack or stack[-1][1] == "directive":
                stack.append((fence, "code"))
                lines.append(" " * len(line))
                continue
        in_code = any(kind == "code" for _, kind in stack)
        lines.append(" " * len(line) if in_code else line)
    return "\n".join(lines)


def prose_only(markdown: str) -> str:
    markdown = _blank_code(markdown)
    for pattern in (
        _FRONT_MATTER,
        _MYST_COMMENT_BLOCK,
        _COMMENT,
        _ROLE,
        _DIRECTIVE_LINE,
        _NAME_OPTION,
        _LINK_TARGET,
        _LABEL,
    ):
        markdown = pattern.sub(_blank, markdown)
    return markdown


def typed_numbers(markdown: str, file: str = "<text>") -> list[TypedNumber]:
    prose = prose_only(markdown)
    for allowed in _ALLOWED:
        prose = allowed.sub(_blank, prose)
    lines = markdown.splitlines()
    found = []
    for pattern in (_NUMBER, _WORD):
        for match in pattern.finditer(prose):
            line = prose.count("\n", 0, match.start()) + 1
            found.append(TypedNumber(file, line, match.group(0), lines[line - 1]))
    return sorted(found, key=lambda f: (f.line, f.text))


def scan_files(paths: list[Path], root: Path) -> list[TypedNumber]:
    found = []
    for path in paths:
        found.extend(typed_numbers(path.read_text(encoding="utf-8"), str(path.relative_to(root))))
    return found
