"""A plan's measures and results as files a data team opens: a CSV in the columns the
results import reads (so a download can be filled in and imported back), and an Excel
workbook with a sheet of measures and a sheet of results."""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from measures.numbers import as_written
from measures.progress import PlanProgress

RESULT_COLUMNS = ["measure", "year", "value", "note", "group", "name", "target", "status"]


def _number(value: Decimal | None, places: int | None) -> str:
    return as_written(value, places) if value is not None else ""


def result_rows(progress: PlanProgress) -> list[list[str]]:
    """Every result of the plan, one line per measure, group and year that has one."""
    plan = progress.plan
    lines = []
    for measure in progress.measures:
        for row in measure.rows:
            for cell in row.cells:
                if not cell.result:
                    continue
                target = cell.judged.target
                lines.append(
                    [
                        measure.reference,
                        plan.year_label(cell.year),
                        _number(cell.result.value, cell.result.places),
                        cell.result.note,
                        row.group.name if row.group else "",
                        measure.measure.name,
                        _number(target, cell.judged.target_places) if target is not None else "",
                        cell.status.label,
                    ]
                )
    return lines


def measure_rows(progress: PlanProgress) -> tuple[list[str], list[list[str]]]:
    plan = progress.plan
    head = [
        "measure",
        "name",
        "attached to",
        "kind",
        "unit",
        "direction",
        "baseline",
        "baseline year",
        "target in words",
    ]
    head += [f"target {plan.year_label(year)}" for year in progress.years]
    lines = []
    for measure in progress.measures:
        item = measure.measure
        targets = {t.year: t for t in measure.node.targets if t.group_id is None}
        lines.append(
            [
                measure.reference,
                item.name,
                measure.parent_label,
                item.get_kind_display(),
                item.get_unit_display() if item.unit else "",
                item.get_direction_display(),
                _number(item.baseline_value, item.baseline_places),
                plan.year_label(item.baseline_year) if item.baseline_year else "",
                item.target_text,
                *(
                    _number(targets[year].value, targets[year].places) if year in targets else ""
                    for year in progress.years
                ),
            ]
        )
    return head, lines


def results_csv(progress: PlanProgress) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(RESULT_COLUMNS)
    writer.writerows(result_rows(progress))
    return out.getvalue()


def _cell_text(text: str) -> str:
    # A spreadsheet runs a cell that starts with these as a formula: a plan's words are data.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except ArithmeticError:
        return False


def results_xlsx(progress: PlanProgress) -> bytes:
    book = Workbook()
    measures = book.active
    measures.title = "Measures"
    head, lines = measure_rows(progress)
    for sheet, columns, rows in (
        (measures, head, lines),
        (book.create_sheet("Results"), RESULT_COLUMNS, result_rows(progress)),
    ):
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for line in rows:
            sheet.append([_value(text) for text in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _value(text: str):
    """A number as a number, so the spreadsheet can add it up; words kept as words."""
    if text and _is_number(text):
        return Decimal(text)
    return _cell_text(ILLEGAL_CHARACTERS_RE.sub("", text))
