from django import template

from measures.periods import school_year_label

register = template.Library()


@register.filter
def in_unit_of(value, measure) -> str:
    """{{ target.value|in_unit_of:measure }} prints 85.5%, 490:1 or $12,000."""
    return measure.format(value)


@register.filter
def school_year(year: int | None) -> str:
    return school_year_label(year) if year else ""
