"""A block of results pasted from a spreadsheet into the results grid: tab-separated
rows laid over the grid from the cell the person starts at, read and checked as a
whole, shown as a preview, then saved all together or not at all."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from measures.imports import parse_value
from measures.models import Result
from measures.numbers import written_places
from measures.progress import Cell, MeasureProgress, PlanProgress, Row

MAX_CELLS = 2000


@dataclass
class PastedCell:
    line: int  # 1-based, as the person sees their block
    column: int
    text: str
    measure: MeasureProgress | None = None
    row: Row | None = None
    year: int | None = None
    value: Decimal | None = None
    problem: str = ""

    @property
    def before(self) -> Cell | None:
        return self.row.cell(self.year) if self.row and self.year else None


def grid_rows(progress: PlanProgress) -> list[tuple[MeasureProgress, Row]]:
    """The grid's rows top to bottom, as the results page draws them."""
    return [(measure, row) for measure in progress.measures for row in measure.rows]


def row_key(measure: MeasureProgress, row: Row) -> str:
    return f"{measure.measure.pk}-{row.group.pk if row.group else 'all'}"


def read_block(text: str, progress: PlanProgress, start: str, year: int) -> list[PastedCell]:
    """Every non-blank cell of the block, placed on the grid and checked. A blank cell
    leaves the result under it as it is, as pasting a gap does in a spreadsheet."""
    rows = grid_rows(progress)
    keys = [row_key(measure, row) for measure, row in rows]
    first_row = keys.index(start)
    first_year = progress.years.index(year)
    cells = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
    for down, line in enumerate(lines):
        for across, raw in enumerate(line.split("\t")):
            if not raw.strip():
                continue
            cell = PastedCell(line=down + 1, column=across + 1, text=raw.strip())
            cells.append(cell)
            if first_row + down >= len(rows) or first_year + across >= len(progress.years):
                cell.problem = "Falls outside the grid."
                continue
            cell.measure, cell.row = rows[first_row + down]
            cell.year = progress.years[first_year + across]
            cell.value = parse_value(cell.text)
            if cell.value is None:
                cell.problem = f"“{cell.text[:40]}” is not a number."
    return cells


@transaction.atomic
def save_block(cells: list[PastedCell], *, user) -> int:
    """Save every cell, or none: the caller has checked that no cell has a problem."""
    if any(cell.problem for cell in cells):
        raise ValueError("A block with problems is never saved.")
    Result.objects.enter(
        [
            (
                cell.measure.measure,
                cell.year,
                cell.row.group,
                {"value": cell.value, "places": written_places(cell.value)},
            )
            for cell in cells
        ],
        user=user,
    )
    return len(cells)
