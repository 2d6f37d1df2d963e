import pandas as pd
import pytest

from belarus_book.render import formatting as fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5400, "$5.4 billion"),
        (6000, "$6 billion"),
        (543.2, "$543.2 million"),
        (20, "$20 million"),
        (195, "$195 million"),
        (2351, "$2.4 billion"),
        (1.97, "$2 million"),
        (999.96, "$1 billion"),
    ],
)
def test_usd(value, expected):
    assert fmt.usd(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(76.8116, "76.8%"), (74, "74%"), (0.25, "0.3%"), (98.666, "98.7%")])
def test_percent_rounds_half_away_from_zero(value, expected):
    assert fmt.percent(value) == expected


def test_counts_are_words_up_to_ten_and_digits_above():
    assert [fmt.count(n) for n in (2, 7, 10, 11, 2000)] == ["two", "seven", "ten", "11", "2,000"]
    with pytest.raises(ValueError):
        fmt.count(2.5)


def test_non_finite_numbers_are_refused():
    with pytest.raises(ValueError):
        fmt.percent(float("nan"))


def test_periods_and_dates():
    p = lambda s: pd.Period(s, "M")  # noqa: E731
    assert fmt.period(p("2021-01"), p("2021-12")) == "2021"
    assert fmt.period(p("2023-01"), p("2023-07")) == "January–July 2023"
    assert fmt.period(p("2022-02"), p("2022-02")) == "February 2022"
    assert fmt.period(p("2021-10"), p("2022-03")) == "October 2021–March 2022"
    assert fmt.date("2021-06-24") == "24 June 2021"
    assert fmt.date("2022-06") == "June 2022"


def test_values_in_units_carry_the_qualifier():
    assert fmt.in_unit(1.4, "USD billion", "just_under") == "just under $1.4 billion"
    assert fmt.in_unit(2, "months") == "two months"
    assert fmt.in_unit(2012, "year") == "2012"
