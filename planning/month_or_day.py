"""A date as the plan wrote it: a day (2026-03-15) or a whole month (2026-03).

A strategy's start and due date are each a day and its precision. A month is kept as its
first day when something starts and its last day when it is due, so that "due in March"
is late only once March is over.
"""

import calendar
import datetime

from django.db import models
from django.utils import dateformat


class Precision(models.TextChoices):
    MONTH = "month", "Month"
    DAY = "day", "Day"


_PATTERNS = {Precision.DAY: "%Y-%m-%d", Precision.MONTH: "%Y-%m"}


def read(text: str) -> tuple[datetime.date, str]:
    """The day and precision of a date written as 2026-03-15 or 2026-03 (the first day
    of a month); ValueError for anything else."""
    for precision, pattern in _PATTERNS.items():
        try:
            return datetime.datetime.strptime(text, pattern).date(), precision
        except ValueError:
            continue
    raise ValueError(f"{text!r} is neither a day nor a month")


def written(day: datetime.date | None, precision: str) -> str:
    """The date as it is typed and kept in a plan file: 2026-03-15, 2026-03, or ''."""
    return "" if day is None else day.strftime(_PATTERNS[precision])


def in_words(day: datetime.date | None, precision: str) -> str:
    """The date as a person reads it: March 15, 2026, March 2026, or a dash."""
    if day is None:
        return "—"
    return dateformat.format(day, "F Y" if precision == Precision.MONTH else "F j, Y")


def month_end(day: datetime.date) -> datetime.date:
    """The last day of the month of that day."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def due_day(day: datetime.date, precision: str) -> datetime.date:
    """The day kept for a due date: a due month lasts to its last day."""
    return month_end(day) if precision == Precision.MONTH else day


def start_day(day: datetime.date, precision: str) -> datetime.date:
    """The day kept for a start: a month starts on its first day."""
    return day.replace(day=1) if precision == Precision.MONTH else day


def kept_day(end: str, day: datetime.date, precision: str) -> datetime.date:
    """The day kept for the start ("start") or the due date ("due") of a piece of work."""
    return due_day(day, precision) if end == "due" else start_day(day, precision)
