"""How the years of a plan are named where people read them."""


def school_year_label(year: int) -> str:
    """A school year is named by the calendar year it starts in: 2018 is "2018–19"."""
    return f"{year}–{(year + 1) % 100:02d}"
