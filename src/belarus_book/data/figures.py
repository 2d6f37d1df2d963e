"""Read a figure as a source writes it (``5,4 млрд``, ``$1.5 billion``, ``півтора``, ``11 марта``)
into a value, a unit scale, a qualifier and a date, in the six languages of the book's sources.

Babel reads the digits with each locale's own decimal mark and thousands separator (German
``5.400`` is five thousand four hundred, English ``5.400`` is five point four); dateparser reads
dates. What no library does is written here: scale words (billion / млрд / mld / Mrd ...),
number words a source uses for a figure (``півтора``, ``a third``), percentage words, ranges and
the qualifier a source puts before a figure ("more than", "понад", "prawie").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

# The languages of the book's sources; each is read with its own locale's number format.
LANGUAGES = frozenset({"en", "uk", "ru", "be", "pl", "de", "es", "it", "fr", "nl", "hy", "zh", "ja"})

# Scale words, longest first within each scale; matched case-insensitively after the number.
_SCALES: list[tuple[float, str]] = [
    (
        1e9,
        r"mil\s+millones|billions?|bn|bln|млрд\.?|мільярд\w*|миллиард\w*|mld\.?|miliard\w*|mrd\.?|milliard\w*",
    ),
    (
        1e6,
        r"millions?|mn|mln\.?|млн\.?|мільйон\w*|миллион\w*|мільён\w*|mio\.?|milion\w*|millionen|milioni|millones|m(?=\b)",
    ),
    (1e8, r"亿"),
    (1e4, r"万"),
    (1e3, r"thousands?|тыс\.?|тысяч\w*|тис\.?|тисяч\w*|тыс\w*|tys\.?|tysiąc\w*|tausend|tsd\.?|mila|mil(?=\s)"),
]
_SCALE_PATTERNS = [(factor, re.compile(rf"^\s*(?:{words})", re.IGNORECASE)) for factor, words in _SCALES]

_PERCENT_WORDS = (
    r"%|per\s*cent|percent|процент\w*|відсот\w*|працэнт\w*|proc\.?|procent\w*|prozent|por\s+ciento|per\s+cento"
)
_PERCENT = re.compile(rf"^\s*(?:{_PERCENT_WORDS})", re.IGNORECASE)

# Number words that sources use for figures; fractions as the share of a whole.
_WORDS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "a dozen": 12,
    "a hundred": 100,
    "hundred": 100,
    "a thousand": 1000,
    "півтора": 1.5,
    "півтори": 1.5,
    "полтора": 1.5,
    "полторы": 1.5,
    "паўтара": 1.5,
    "półtora": 1.5,
    "anderthalb": 1.5,
    "eineinhalb": 1.5,
    "five hundred": 500,
    "один": 1,
    "два": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "чотири": 4,
    "п'ять": 5,
    "п'яти": 5,
    "шість": 6,
    "сім": 7,
    "вісім": 8,
    "дев'ять": 9,
    "пяць": 5,
    "дзесяць": 10,
    "jeden": 1,
    "dwa": 2,
    "trzy": 3,
    "cztery": 4,
    "pięć": 5,
    "sześć": 6,
    "siedem": 7,
    "osiem": 8,
    "dziewięć": 9,
    "dziesięć": 10,
    "fünf": 5,
    "sieben": 7,
    "zehn": 10,
    "dieci": 10,
    "diez": 10,
}
_SHARE_WORDS: dict[str, float] = {
    "half": 50,
    "a half": 50,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "a quarter": 25,
    "a fifth": 20,
    "two thirds": 200 / 3,
    "третина": 100 / 3,
    "треть": 100 / 3,
    "трэць": 100 / 3,
    "jedna trzecia": 100 / 3,
    "ein drittel": 100 / 3,
    "половина": 50,
    "połowa": 50,
}

# What a source writes before a figure, by the data package's qualifier it means. Longer phrases
# come first, so that "no more than" is read before "more than".
_QUALIFIERS: dict[str, str] = {
    "at_most": r"up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|fewer\s+than|less\s+than|by\s+as\s+much\s+as|"
    r"as\s+much\s+as|by\s+even|even|не\s+більше|не\s+более|не\s+больш|maksymalnie|bis\s+zu|höchstens|fino\s+a|"
    r"al\s+massimo",
    "at_least": r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|щонайменше|не\s+менше|не\s+менее|как\s+минимум|"
    r"не\s+менш|co\s+najmniej|mindestens|al\s+menos|almeno",
    "just_under": r"almost|nearly|just\s+under|approaching|fast\s+approaching|close\s+to|майже|почти|амаль|prawie|"
    r"niemal|fast|knapp|casi|quasi|приблизил[сa]я\s+к|приблизилось\s+к|наблизив(?:ся|ся)\s+до|接近",
    "more_than": r"more\s+than|over|above|in\s+excess\s+of|exceeding|понад|більше\s+ніж|більш\s+ніж|более|свыше|больше|"
    r"больш\s+за|звыш|ponad|powyżej|mehr\s+als|über|más\s+de|oltre|più\s+di",
    "approximately": r"about|around|approximately|approx\.?|some|roughly|circa|c\.|~|≈|близько|приблизно|около|"
    r"примерно|каля|прыкладна|około|blisko|ok\.|etwa|rund|ungefähr|unos|alrededor\s+de|约|約",
}
# A currency sign or code may stand between the qualifier and the digits: 'almost $3 billion'.
_QUALIFIER_PATTERNS = [
    (name, re.compile(rf"(?:^|[\s(«\"']|(?<=[\u3000-\u9fff]))(?:{words})\s*(?:\$|us\$|usd|€|eur)?\s*$", re.IGNORECASE))
    for name, words in _QUALIFIERS.items()
]
# What a source writes after a figure: 'ten at most', '5,000 or more'.
_QUALIFIERS_AFTER = [
    (
        "at_most",
        re.compile(
            r"^\s*(?:\w+\s+)?(?:at\s+(?:the\s+)?most|or\s+fewer|or\s+less|максимум|al\s+massimo)", re.IGNORECASE
        ),
    ),
    ("at_least", re.compile(r"^\s*(?:or\s+more|at\s+least|plus)\b", re.IGNORECASE)),
]

# Digits with decimal marks or thousands separators; a space separates thousands only before three digits.
_NUMBER = re.compile(r"\d+(?:[.,']\d+|[\s\u00a0\u202f]\d{3}(?!\d))*")
# '8,000, or even 10,000' is a range too: a low and a high expectation.
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|до|do|bis|a|і|и|i|and|,\s*or\s+even)\s*\$?\s*", re.IGNORECASE)


class FigureError(ValueError):
    """A figure text that cannot be read as a number or a date."""


@dataclass(frozen=True)
class Figure:
    """What a figure text states: one value, or two for a range, in plain units (a scale word applied);
    whether it is a percentage; and the qualifier written before it, if any."""

    values: tuple[float, ...]
    percent: bool
    qualifier: str | None


def parse_number(text: str, language: str) -> float:
    """Digits as the language writes them: '5,4' (ru) = 5.4, '5.400' (de) = 5400, '5.400' (en) = 5.4,
    '131 582' (ru, any space) = 131582. An unambiguous decimal point in a comma locale ('5.4' on a
    Russian page, which happens) is read as a decimal point."""
    if language not in LANGUAGES:
        raise FigureError(f"no number format for language '{language}'")
    locale = language
    cleaned = text.strip().replace("−", "-").replace("–", "-").replace("'", "")
    sign = -1 if cleaned.startswith("-") else 1
    cleaned = cleaned.lstrip("+-").strip()
    # Sources write the thousands space as a space, a no-break space or a narrow one: one kind for Babel.
    cleaned = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", "\u00a0", cleaned)
    if locale == "fr":
        cleaned = cleaned.replace("\u00a0", "\u202f")
    try:
        return sign * float(parse_decimal(cleaned, locale=locale, strict=True))
    except NumberFormatError:
        pass
    # A lone separator not followed by exactly three digits cannot be a thousands separator.
    lone = re.fullmatch(r"(\d+)([.,])(\d{1,2}|\d{4,})", cleaned)
    if lone:
        return sign * float(Decimal(f"{lone.group(1)}.{lone.group(3)}"))
    if re.fullmatch(r"\d+", cleaned.replace("\u00a0", "").replace("\u202f", "")):
        return sign * float(cleaned.replace("\u00a0", "").replace("\u202f", ""))
    raise FigureError(f"'{text}' is not a number as written in '{language}'")


def _scale_after(rest: str) -> tuple[float, int]:
    for factor, pattern in _SCALE_PATTERNS:
        if match := pattern.match(rest):
            return factor, match.end()
    return 1.0, 0


def mentions_percent(text: str) -> bool:
    """Whether a passage says anywhere that its figures are percentages (a table's heading, say)."""
    return re.search(_PERCENT_WORDS, text, re.IGNORECASE) is not None


def qualifier_before(text: str) -> str | None:
    """The qualifier a source wrote just before a figure ('more than', 'понад', 'prawie'), if any."""
    for name, pattern in _QUALIFIER_PATTERNS:
        if pattern.search(text):
            return name
    return None


def parse_figure(text: str, language: str) -> Figure:
    """Read a figure text ('$5.4 billion', '5,4 млрд', '9,000-10,000', 'more than 40,000', 'a third',
    '10-12 thousand', '2,1 тис.', '-19.6%') into values in plain units."""
    lowered = text.strip().lower()
    for words, share in sorted(_SHARE_WORDS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", lowered):
            before = lowered[: lowered.index(words)]
            return Figure((share,), True, qualifier_before(before))
    numbers: list[tuple[float, int, int]] = []  # value, start, end
    for match in _NUMBER.finditer(text):
        numbers.append((parse_number(match.group(0), language), match.start(), match.end()))
    if not numbers:
        for words, value in sorted(_WORDS.items(), key=lambda item: -len(item[0])):
            if found := re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE):
                numbers.append((value, found.start(), found.end()))
                break
    if not numbers:
        raise FigureError(f"no number in '{text}'")
    # A range is two numbers joined by a dash or 'to'; anything else is read as its first figure.
    if len(numbers) >= 2 and not _RANGE_JOIN.fullmatch(text[numbers[0][2] : numbers[1][1]]):
        numbers = numbers[:1]
    if re.search(r"[−\-–]\s*$", text[: numbers[0][1]]) and not re.search(r"\d\s*[−\-–]\s*$", text[: numbers[0][1]]):
        numbers[0] = (-numbers[0][0], numbers[0][1], numbers[0][2])
    numbers = numbers[:2]
    last_end = numbers[-1][2]
    rest = text[last_end:]
    factor, used = _scale_after(rest)
    # '$16-$18 billion', '10-12 thousand': the scale after the range applies to both ends;
    # '1 million to 2 billion' would need its own scales (not a figure sources use).
    values = []
    for value, _start, end in numbers:
        own_factor, _ = _scale_after(text[end:])
        values.append(value * (own_factor if own_factor != 1.0 else factor))
    is_percent = bool(_PERCENT.match(rest[used:] if used else rest))
    qualifier = qualifier_before(text[: numbers[0][1]])
    if qualifier is None:
        qualifier = next((name for name, pattern in _QUALIFIERS_AFTER if pattern.match(rest[used:])), None)
    return Figure(tuple(values), is_percent, qualifier)


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as a source wrote it: a missing year, month or day is None."""

    year: int | None
    month: int | None
    day: int | None

    def agrees_with(self, iso: str) -> bool:
        """Whether an ISO date of the data ('2022-03-11', '2022-03', '2022') says the same thing:
        every part the source wrote must match, and the data may not be more precise than the source."""
        parts = [int(p) for p in iso.split("-")]
        year, month, day = (parts + [None, None])[:3]
        if day is not None and self.day is None:
            return False
        if month is not None and self.month is None:
            return False
        for ours, theirs in ((year, self.year), (month, self.month), (day, self.day)):
            if ours is not None and theirs is not None and ours != theirs:
                return False
        return True

    def __str__(self) -> str:
        return "-".join("??" if part is None else f"{part:02d}" for part in (self.year, self.month, self.day))


_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def parse_date(text: str, language: str) -> PartialDate:
    """Read a date a source wrote ('11 March', '11 марта 2022', 'Dec. 6, 2024', 'December 2020', '2021')."""
    from dateparser.date import DateDataParser  # imported here: slow, and only the evidence check needs it

    # 'during October 2022', 'in early April', 'on Feb. 26': the words around a date are not the date.
    stripped = re.sub(
        r"^(?:(?:earlier|later|early|late|mid-?|during|in|on|since|from|by|the|of|at|до|в|у|w|am|im|el|il)\s+)+",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    if re.fullmatch(r"(19|20)\d\d", stripped):
        return PartialDate(int(stripped), None, None)
    parser = DateDataParser(languages=[language], settings={"PREFER_DAY_OF_MONTH": "first"})
    found = parser.get_date_data(stripped)
    if found.date_obj is None:
        raise FigureError(f"'{text}' is not a date as written in '{language}'")
    has_year = bool(_YEAR.search(stripped))
    year = found.date_obj.year if has_year else None
    if found.period == "year":
        return PartialDate(year, None, None)
    if found.period == "month":
        return PartialDate(year, found.date_obj.month, None)
    return PartialDate(year, found.date_obj.month, found.date_obj.day)
