from django import template

from planning.models import plural, school_year_label

register = template.Library()


@register.filter
def in_unit_of(value, measure) -> str:
    """{{ target.value|in_unit_of:measure }} prints 85.5%, 490:1 or $12,000."""
    return measure.format(value)


@register.filter
def school_year(year: int | None) -> str:
    return school_year_label(year) if year else ""


@register.filter(name="plural")
def plural_label(label: str) -> str:
    """{{ plan.goal_label|plural }}: Goals, Measures of success, High Priority Strategies."""
    return plural(label)
