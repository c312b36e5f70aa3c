"""Small trend charts, drawn as SVG by templates/measures/chart.html from the numbers
worked out here, so that the web page and the PDF show the same chart. Each says in
words what it shows, and no series is told by colour alone: targets are dashed,
results solid, each student group with its own marker.

A chart is plain data (numbers and words, never markup), so a closed review keeps it
in its record as JSON and draws it again from there.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from measures.progress import MeasureProgress

WIDTH, HEIGHT = 320, 120
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 10, 24
MARKERS = ("circle", "square", "triangle", "diamond")
SYMBOLS = ("●", "■", "▲", "◆")
INK = ("#1f4e79", "#6b3fa0", "#8a5300", "#1e6b34")


@dataclass
class Mark:
    shape: str
    x: float
    y: float
    points: str = ""  # the corners of a triangle or a diamond
    left: float = 0  # the corner of a square
    top: float = 0


@dataclass
class Series:
    label: str
    symbol: str
    ink: str
    line: str  # "x,y x,y …", empty for a single point
    marks: list[Mark]


@dataclass
class Label:
    x: float
    y: float
    text: str


@dataclass
class Chart:
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: float = HEIGHT - BOTTOM
    axis_from: float = LEFT
    axis_to: float = WIDTH - RIGHT
    value_labels: list[Label] = field(default_factory=list)
    year_labels: list[Label] = field(default_factory=list)
    baseline: Label | None = None
    target_line: str = ""
    target_tick: list[float] = field(default_factory=list)  # x1, y, x2 of a lone target
    series: list[Series] = field(default_factory=list)
    empty: bool = False

    def as_record(self) -> dict:
        return asdict(self)


def trend_chart(progress: MeasureProgress, plan, up_to: int | None = None) -> Chart:
    """The chart of a measure over its plan's years (plan: its years and their names);
    with up_to, the results of that school year and before only, as a report of that
    year knew them."""
    measure = progress.measure
    years = plan.years
    baseline_year = measure.baseline_plan_year if measure.baseline_value is not None else None
    first = min([*years, baseline_year]) if baseline_year is not None else years[0]
    span = list(range(first, years[-1] + 1))
    targets = [(y, v) for y, v in sorted(progress.targets.items()) if y in span]
    if measure.target_form == measure.TargetForm.FINAL and measure.final_target is not None:
        due = measure.final_target_plan_year or years[-1]
        targets = [(y, v) for y, v in targets if y < due] + [(due, measure.final_target)]
        if baseline_year is not None and (not targets or targets[0][0] > baseline_year):
            targets.insert(0, (baseline_year, measure.baseline_value))
    points = [
        (
            row.label,
            [
                (cell.year, cell.value)
                for cell in row.cells
                if cell.value is not None and (up_to is None or cell.year <= up_to)
            ],
        )
        for row in progress.rows
    ]
    values = [v for _, v in targets] + [v for _, row in points for _, v in row]
    if baseline_year is not None:
        values.append(measure.baseline_value)
    chart = Chart(description=describe(progress, targets, points, plan.year_label))
    if not values:
        chart.empty = True
        return chart

    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad

    def x(year: int) -> float:
        step = (WIDTH - LEFT - RIGHT) / max(len(span) - 1, 1)
        return round(LEFT + (year - first) * step, 1)

    def y(value: Decimal) -> float:
        share = float((value - low) / (high - low))
        return round(TOP + (1 - share) * (HEIGHT - TOP - BOTTOM), 1)

    def line(pairs) -> str:
        return " ".join(f"{x(year)},{y(value)}" for year, value in pairs)

    chart.value_labels = [
        Label(LEFT - 4, y(value) + 3, measure.format(value)) for value in (high - pad, low + pad)
    ]
    chart.year_labels = [
        Label(x(year), HEIGHT - 8, plan.year_label(year))
        for year in span
        if year in (span[0], span[-1]) or len(span) <= 6
    ]
    if baseline_year is not None:
        chart.baseline = Label(x(baseline_year) - 3.5, y(measure.baseline_value) - 3.5, "")
    if len(targets) == 1:
        ((year, value),) = targets
        chart.target_tick = [x(year) - 8, y(value), x(year) + 8]
    elif targets:
        chart.target_line = line(targets)
    for index, (label, row) in enumerate(points):
        shape = MARKERS[index % len(MARKERS)]
        chart.series.append(
            Series(
                label=label,
                symbol=SYMBOLS[index % len(SYMBOLS)],
                ink=INK[index % len(INK)],
                line=line(row) if len(row) > 1 else "",
                marks=[_mark(shape, x(year), y(value)) for year, value in row],
            )
        )
    return chart


def _mark(shape: str, cx: float, cy: float) -> Mark:
    corners = {
        "triangle": [(cx, cy - 4.5), (cx - 4, cy + 3), (cx + 4, cy + 3)],
        "diamond": [(cx, cy - 4.5), (cx + 4, cy), (cx, cy + 4.5), (cx - 4, cy)],
    }.get(shape, [])
    points = " ".join(f"{round(a, 1)},{round(b, 1)}" for a, b in corners)
    return Mark(shape, cx, cy, points, round(cx - 3.5, 1), round(cy - 3.5, 1))


def describe(progress: MeasureProgress, targets, points, year_label) -> str:
    """The chart in words: its text alternative."""
    measure = progress.measure
    said = [f"Trend of {progress.reference}."]
    if measure.baseline_value is not None:
        said.append(f"Baseline {measure.baseline_text}.")
    if targets:
        said.append(
            "Targets: "
            + ", ".join(f"{year_label(year)} {measure.format(value)}" for year, value in targets)
            + "."
        )
    for label, row in points:
        if row:
            said.append(
                f"{label}: "
                + ", ".join(f"{year_label(year)} {measure.format(value)}" for year, value in row)
                + "."
            )
    if not any(row for _, row in points):
        said.append("No results yet.")
    return " ".join(said)
