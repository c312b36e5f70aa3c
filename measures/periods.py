"""How the years of a plan are named where people read them: school years ("2023–24")
or calendar years ("2024"), and a month where the plan gave one ("May 2023")."""

import calendar as months

MONTHS = [(n, months.month_name[n]) for n in range(1, 13)]


def school_year_label(year: int) -> str:
    """A school year is named by the calendar year it starts in: 2018 is "2018–19"."""
    return f"{year}–{(year + 1) % 100:02d}"


def year_label(year: int | None, *, calendar: bool = False, month: int | None = None) -> str:
    """A year as the plan writes it: 2023–24 in a plan of school years, 2024 in a plan of
    calendar years, and May 2023 when a month is given (a month names a calendar year)."""
    if year is None:
        return ""
    if month:
        return f"{months.month_name[month]} {year}"
    return str(year) if calendar else school_year_label(year)


def year_of(year: int, month: int | None, *, calendar: bool = False) -> int:
    """The plan year a dated value falls in: May 2023 is in the 2022–23 school year (a
    school year runs August to July), and in 2023 of a plan of calendar years."""
    if month and not calendar and month < 8:
        return year - 1
    return year
