from django import template

from planning import month_or_day as dates
from planning import titles, wording

register = template.Library()


@register.filter
def titled(plan) -> str:
    """{{ plan|titled }}: its title and period, the period once."""
    return titles.titled(plan)


@register.filter
def fields_in_words(change, plan) -> list[tuple[str, str, str]]:
    """{% for name, before, after in change|fields_in_words:plan %}: what an edit
    changed, each field and value as a person reads it (planning.wording)."""
    return wording.change_in_words(change, plan)


@register.filter
def month_or_day(day, precision) -> str:
    """{{ work.due_on|month_or_day:work.due_precision }}: March 15, 2026 or March 2026."""
    return dates.in_words(day, precision)


@register.filter
def sentence(text: str) -> str:
    """{{ note|sentence }}: ends with a full stop, and never with two."""
    return wording.as_sentence(text)
