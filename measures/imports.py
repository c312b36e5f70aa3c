"""Results from a CSV file a data team exported: read, checked row by row, then imported
all together or not at all.

Columns (the first line names them, in any order): measure (a reference such as 1.2.M1,
or the measure's name), year (2023–24, 2023-24 or 2023), value, and optionally note and
group (a student group or grade; empty means all students).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from measures.models import Result, StudentGroup
from measures.numbers import written_places
from measures.progress import ALL_STUDENTS, MeasureProgress, PlanProgress

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
REQUIRED = ("measure", "year", "value")
COLUMNS = (*REQUIRED, "note", "group")


class UnreadableFile(ValueError):
    pass


@dataclass
class ImportRow:
    line: int
    measure_text: str
    year_text: str
    value_text: str
    note: str
    group_name: str
    measure: MeasureProgress | None = None
    year: int | None = None
    value: Decimal | None = None
    problems: list[str] = field(default_factory=list)
    year_name: str = ""  # the year as the plan names it

    @property
    def year_label(self) -> str:
        return self.year_name or self.year_text

    @property
    def group_label(self) -> str:
        return self.group_name or ALL_STUDENTS


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise UnreadableFile(
            f"The file is {len(raw) // 1000:,} KB; "
            f"files of up to {MAX_BYTES // 1000:,} KB are read."
        )
    if b"\x00" in raw:
        raise UnreadableFile("This is not a CSV file: save the spreadsheet as CSV and try again.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            "This file is not CSV text in UTF-8: save the spreadsheet as “CSV UTF-8” and try again."
        ) from None


def read_results(text: str, progress: PlanProgress) -> list[ImportRow]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error):
        raise UnreadableFile("The file is empty.") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise UnreadableFile(
            "The first line must name the columns measure, year and value "
            f"(and, if you like, note and group); it lacks {', '.join(missing)}."
        )
    where = {name: header.index(name) for name in COLUMNS if name in header}
    by_reference = progress.by_reference()
    by_name: dict[str, list[MeasureProgress]] = {}
    for measure in progress.measures:
        by_name.setdefault(" ".join(measure.measure.name.lower().split()), []).append(measure)

    rows, seen = [], {}
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise UnreadableFile(f"The file has more than {MAX_ROWS:,} rows; split it up.")
            row = ImportRow(
                line,
                *(_column(cells, where, name) for name in COLUMNS[:3]),
                note=_column(cells, where, "note"),
                group_name=_column(cells, where, "group"),
            )
            _check(row, progress, by_reference, by_name)
            if row.measure and row.year:
                key = (row.measure.measure.pk, row.year, row.group_name.lower())
                if key in seen:
                    row.problems.append(f"The same measure, year and group as line {seen[key]}.")
                else:
                    seen[key] = row.line
            rows.append(row)
    except csv.Error as error:
        raise UnreadableFile(f"The file could not be read as CSV: {error}.") from None
    if not rows:
        raise UnreadableFile("The file has no rows of results under its first line.")
    return rows


def _column(cells: list[str], where: dict[str, int], name: str) -> str:
    index = where.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _check(row: ImportRow, progress: PlanProgress, by_reference, by_name) -> None:
    row.measure = by_reference.get(row.measure_text.lower())
    if row.measure is None:
        named = by_name.get(" ".join(row.measure_text.lower().split()), [])
        if len(named) == 1:
            row.measure = named[0]
        elif len(named) > 1:
            row.problems.append("Several measures have this name: use the reference instead.")
        else:
            row.problems.append(f"No measure “{row.measure_text}” in this plan.")
    row.year = parse_school_year(row.year_text)
    plan = progress.plan
    if row.year is None:
        example = plan.year_label(plan.years[0])
        row.problems.append(f"“{row.year_text}” is not a year such as {example}.")
    else:
        row.year_name = plan.year_label(row.year)
        if row.year not in progress.years:
            row.problems.append(f"{row.year_name} is outside the plan's period ({plan.period}).")
    row.value = parse_value(row.value_text)
    if row.value is None:
        row.problems.append(f"“{row.value_text}” is not a number.")
    if len(row.note) > 2000:
        row.problems.append("The note is longer than 2,000 characters.")
    if len(row.group_name) > 100:
        row.problems.append("The group's name is longer than 100 characters.")


def parse_school_year(text: str) -> int | None:
    match = re.fullmatch(r"(\d{4})(?:\s*[-–/]\s*(\d{2}|\d{4}))?", text.strip())
    if not match:
        return None
    start = int(match.group(1))
    if match.group(2):
        end = int(match.group(2))
        if end % 100 != (start + 1) % 100:
            return None
    return start


def parse_value(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "").removeprefix("$").removesuffix("%").removesuffix(":1")
    try:
        value = Decimal(cleaned.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) < Decimal("1e10") else None


@transaction.atomic
def import_results(rows: list[ImportRow], *, district, user) -> int:
    """Save every row, or none: the caller has checked that no row has a problem."""
    if any(row.problems for row in rows):
        raise ValueError("Rows with problems are never imported.")
    groups = StudentGroup.objects.all_named(district, [r.group_name for r in rows if r.group_name])
    Result.objects.enter(
        [
            (
                row.measure.measure,
                row.year,
                groups[row.group_name] if row.group_name else None,
                {"value": row.value, "places": written_places(row.value), "note": row.note},
            )
            for row in rows
        ],
        user=user,
    )
    return len(rows)
