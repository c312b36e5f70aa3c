from itertools import groupby

from django import template

from measures.periods import school_year_label

register = template.Library()


@register.filter
def in_unit_of(value, measure) -> str:
    """{{ measure.final_target|in_unit_of:measure }} prints 85.5%, 490:1 or $12,000."""
    return measure.format(value)


@register.filter
def written(number, measure) -> str:
    """{{ target|written:measure }}: a target or result with the decimals it was written
    with, in the measure's unit: 21%, 24.5%, 2.8:1."""
    return measure.format(number.value, number.places)


@register.filter
def target_in(judged, measure) -> str:
    """{{ cell.judged|target_in:measure }}: the target a result was judged by, as stated."""
    return measure.format(judged.target, judged.target_places)


@register.filter
def targets_written(node, plan) -> str:
    """{{ measure_node|targets_written:plan }}: each group's targets in few words, "2022–23 to
    2024–25: 42%, 45%, 48%; English learners, 2023–24 to 2024–25: 30%, 35%" where they run
    year after year, else "2022–23: 42%; 2024–25: 48%". The plan's PDF prints hundreds of
    these, and short cells lay out quickly."""
    measure, parts = node.item, []
    for group, run in groupby(node.targets, key=lambda target: target.group):
        targets = list(run)
        years = [t.year for t in targets]
        if years == list(range(years[0], years[0] + len(years))):
            span = plan.year_label(years[0])
            if len(years) > 1:
                span += f" to {plan.year_label(years[-1])}"
            words = f"{span}: {', '.join(written(t, measure) for t in targets)}"
        else:
            words = "; ".join(f"{plan.year_label(t.year)}: {written(t, measure)}" for t in targets)
        parts.append(f"{group.name}, {words}" if group else words)
    return "; ".join(parts)


@register.filter
def school_year(year: int | None) -> str:
    return school_year_label(year) if year else ""


@register.filter
def year_in(year: int | None, plan) -> str:
    """{{ result.year|year_in:plan }}: 2023–24, or 2024 in a plan of calendar years."""
    return plan.year_label(year) if year else ""


# The marks static/css/document.css puts before a status; printed as text where a pseudo-element
# would cost WeasyPrint a box of its own in each of hundreds of table cells.
STATUS_MARKS = {"met": "✔", "on_track": "➜", "at_risk": "▲", "off_track": "✖", "no_data": "○"}


@register.filter
def status_mark(status) -> str:
    """{{ status|status_mark }}: ▲ for at risk; the same mark as the stylesheet's."""
    return STATUS_MARKS.get(getattr(status, "value", status), "")
