"""Small trend charts drawn on the server as SVG, so that the web page and the PDF show
the same chart. Each says in words what it shows, and no series is told by colour alone:
targets are dashed, results solid, each student group with its own marker."""

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString

from measures.progress import MeasureProgress
from planning.models import Plan, school_year_label

WIDTH, HEIGHT = 320, 120
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 10, 24
MARKERS = ("circle", "square", "triangle", "diamond")
SYMBOLS = ("●", "■", "▲", "◆")
INK = ("#1f4e79", "#6b3fa0", "#8a5300", "#1e6b34")


def trend_chart(progress: MeasureProgress, plan: Plan) -> SafeString:
    measure = progress.measure
    years = plan.school_years
    baseline_year = measure.baseline_year if measure.baseline_value is not None else None
    first = min([*years, baseline_year]) if baseline_year is not None else years[0]
    span = list(range(first, years[-1] + 1))
    targets = [(y, v) for y, v in sorted(progress.targets.items()) if y in span]
    if measure.target_form == measure.TargetForm.FINAL and measure.final_target is not None:
        targets = [(measure.final_target_year or years[-1], measure.final_target)]
        if baseline_year is not None:
            targets.insert(0, (baseline_year, measure.baseline_value))
    series = [
        (row.label, [(cell.year, cell.value) for cell in row.cells if cell.value is not None])
        for row in progress.rows
    ]
    values = [v for _, v in targets] + [v for _, points in series for _, v in points]
    if baseline_year is not None:
        values.append(measure.baseline_value)
    description = describe(progress, targets, series)
    if not values:
        return format_html(
            '<p class="chart-empty">{}</p>', "No baseline, targets or results to chart yet."
        )

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

    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c9d1d9"/>',
            LEFT,
            HEIGHT - BOTTOM,
            WIDTH - RIGHT,
            HEIGHT - BOTTOM,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#4a5561">{}</text>',
            LEFT - 4,
            y(high - pad) + 3,
            measure.format(high - pad),
        ),
        format_html(
            '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#4a5561">{}</text>',
            LEFT - 4,
            y(low + pad) + 3,
            measure.format(low + pad),
        ),
    ]
    for year in span:
        if year == span[0] or year == span[-1] or len(span) <= 6:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#4a5561">'
                    "{}</text>",
                    x(year),
                    HEIGHT - 8,
                    school_year_label(year),
                )
            )
    if baseline_year is not None:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="7" height="7" fill="none" stroke="#4a5561"/>',
                x(baseline_year) - 3.5,
                y(measure.baseline_value) - 3.5,
            )
        )
    if len(targets) == 1:
        ((year, value),) = targets
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#4a5561" stroke-width="1.5" '
                'stroke-dasharray="3 2"/>',
                x(year) - 8,
                y(value),
                x(year) + 8,
                y(value),
            )
        )
    elif targets:
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="#4a5561" stroke-width="1.5" '
                'stroke-dasharray="5 3"/>',
                " ".join(f"{x(year)},{y(value)}" for year, value in targets),
            )
        )
    for index, (_, points) in enumerate(series):
        ink = INK[index % len(INK)]
        if len(points) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
                    " ".join(f"{x(year)},{y(value)}" for year, value in points),
                    ink,
                )
            )
        parts += [
            _marker(MARKERS[index % len(MARKERS)], x(year), y(value), ink) for year, value in points
        ]
    return format_html(
        '<svg class="trend" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{label}</title>{body}</svg>",
        w=WIDTH,
        h=HEIGHT,
        label=description,
        body=SafeString("".join(parts)),
    )


def _marker(shape: str, cx: float, cy: float, ink: str) -> SafeString:
    if shape == "circle":
        return format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', cx, cy, ink)
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="7" height="7" fill="{}"/>', cx - 3.5, cy - 3.5, ink
        )
    if shape == "triangle":
        return format_html(
            '<polygon points="{},{} {},{} {},{}" fill="{}"/>',
            cx,
            cy - 4.5,
            cx - 4,
            cy + 3,
            cx + 4,
            cy + 3,
            ink,
        )
    return format_html(
        '<polygon points="{},{} {},{} {},{} {},{}" fill="{}"/>',
        cx,
        cy - 4.5,
        cx + 4,
        cy,
        cx,
        cy + 4.5,
        cx - 4,
        cy,
        ink,
    )


def describe(progress: MeasureProgress, targets, series) -> str:
    """The chart in words: its text alternative."""
    measure = progress.measure
    said = [f"Trend of {progress.reference}."]
    if measure.baseline_value is not None:
        said.append(f"Baseline {measure.baseline_text}.")
    if targets:
        said.append(
            "Targets: "
            + ", ".join(
                f"{school_year_label(year)} {measure.format(value)}" for year, value in targets
            )
            + "."
        )
    for label, points in series:
        if points:
            said.append(
                f"{label}: "
                + ", ".join(
                    f"{school_year_label(year)} {measure.format(value)}" for year, value in points
                )
                + "."
            )
    if not any(points for _, points in series):
        said.append("No results yet.")
    return " ".join(said)


def legend(progress: MeasureProgress) -> list[tuple[str, str]]:
    """(symbol, label) of each series, in the order and shapes the chart draws them."""
    return [(SYMBOLS[i % len(SYMBOLS)], row.label) for i, row in enumerate(progress.rows)]
